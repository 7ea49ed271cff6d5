"""export: every RDF format is read back by parsers other than its writer (pyoxigraph,
rdflib, raptor's rapper where installed) as the store's data; GraphML/GEXF load in networkx;
every format gives the same bytes in every process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.export import FORMATS, exporter
from graphbuild.export.graphml import actor_network
from graphbuild.graph.mapping import mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions, synthetic_resolutions

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def store() -> Store:
    st = Store.open(None)
    for res in example_resolutions():
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RAPPER_NAMES = {"ttl": "turtle", "xml": "rdfxml", "trig": "trig", "nq": "nquads"}  # no JSON-LD
RDFLIB_NAMES = {"ttl": "turtle", "xml": "xml", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}


def _expected(store: Store, fmt: str) -> set[ox.Quad]:
    """The store's quads (dataset formats) or each triple of the union once (ttl, xml)."""
    if RDF_FORMATS[fmt].supports_datasets:
        return set(store.quads())
    return {ox.Quad(q.subject, q.predicate, q.object) for q in store.quads()}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_reads_back_in_pyoxigraph(store: Store, tmp_path: Path, fmt: str) -> None:
    path = exporter(fmt)(store, tmp_path / f"g.{fmt}")
    back = set(ox.parse(path=str(path), format=RDF_FORMATS[fmt]))
    assert back == _expected(store, fmt)
    if RDF_FORMATS[fmt].supports_datasets:  # the merged default graph stays the default graph
        assert {q.graph_name for q in back} == {ox.DefaultGraph(), *store.articles()}


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_export_reads_back_in_rdflib(store: Store, tmp_path: Path, fmt: str) -> None:
    path = exporter(fmt)(store, tmp_path / f"g.{fmt}")
    ds = rdflib.Dataset()
    ds.parse(path, format=RDFLIB_NAMES[fmt])
    # rdflib writes its default graph as plain triples: compare as N-Quads in pyoxigraph
    back = set(ox.parse(ds.serialize(format="nquads").encode(), format=ox.RdfFormat.N_QUADS))
    assert back == _expected(store, fmt)


@pytest.mark.parametrize("fmt", sorted(RAPPER_NAMES))
def test_export_reads_back_in_rapper(store: Store, tmp_path: Path, fmt: str) -> None:
    if shutil.which("rapper") is None:
        pytest.skip("raptor's rapper is not installed (Debian: raptor2-utils)")
    path = exporter(fmt)(store, tmp_path / f"g.{fmt}")
    out = subprocess.run(
        ["rapper", "-q", "-i", RAPPER_NAMES[fmt], "-o", "nquads", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    assert set(ox.parse(out.stdout, format=ox.RdfFormat.N_QUADS)) == _expected(store, fmt)


_EXPORT_ALL = """
import sys
from pathlib import Path
from graphbuild.export import exporter
from graphbuild.graph.store import Store
st = Store.open(sys.argv[1], read_only=True)
for fmt in sys.argv[3:]:
    exporter(fmt)(st, Path(sys.argv[2]) / f"g.{fmt}")
"""


def test_export_is_byte_stable_across_processes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as st:
        for res in example_resolutions():
            st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    formats = [*sorted(RDF_FORMATS), "graphml", "gexf"]
    outputs = []
    for seed in ("1", "2"):  # hash order differs between the two processes
        out = tmp_path / f"seed{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-c", _EXPORT_ALL, str(tmp_path / "store"), str(out), *formats],
            env=env,
            check=True,
            timeout=120,
        )
        outputs.append({fmt: (out / f"g.{fmt}").read_bytes() for fmt in formats})
    for fmt in formats:
        assert outputs[0][fmt] == outputs[1][fmt], fmt


def test_export_graphml_and_gexf_hold_the_actor_network(store: Store, tmp_path: Path) -> None:
    anna, ben = mint_entity_iri("anna_schmidt").value, mint_entity_iri("ben_okafor").value
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        g = read(exporter(fmt)(store, tmp_path / f"g.{fmt}"))
        assert g.number_of_nodes() == 3, fmt
        assert g.nodes[anna]["label"] == "Anna Schmidt"
        assert int(g.nodes[anna]["quotes"]) == 2
        # meetsWith is asserted; the negated criticizes is not an edge
        preds = sorted(d["predicate"] for _, _, d in g.edges(data=True))
        assert preds == ["meetsWith", "supports"], fmt
        assert g.has_edge(anna, ben)


def _edges(g: nx.MultiDiGraph, drop: str = "") -> list[tuple[str, str, list[tuple]]]:  # type: ignore[type-arg]
    return sorted(
        (u, v, sorted((k, x) for k, x in d.items() if k != drop)) for u, v, d in g.edges(data=True)
    )


def test_export_graphml_and_gexf_read_back_as_written(tmp_path: Path) -> None:
    store = Store.open(None)
    for res in synthetic_resolutions(60, seed=1, n_entities=12):  # hubs, parallel edges
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    written = actor_network(store)
    assert written.number_of_edges() > nx.DiGraph(written).number_of_edges()  # parallel edges
    # GEXF gives every edge an "id" of its own; everything else comes back as written
    for fmt, read, extra in (("graphml", nx.read_graphml, ""), ("gexf", nx.read_gexf, "id")):
        back = read(exporter(fmt)(store, tmp_path / f"g.{fmt}"))
        assert dict(back.nodes(data=True)) == dict(written.nodes(data=True)), fmt
        assert _edges(back, extra) == _edges(written), fmt


def test_export_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="graphml"):
        exporter("pdf")
    assert {"ttl", "trig", "nq", "jsonld", "xml", "graphml", "gexf"} <= set(FORMATS)


def test_export_cli_writes_each_format(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store.open(path) as st:
        for res in example_resolutions():
            st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    out = tmp_path / "x.trig"
    res = runner.invoke(
        app, ["export", "--format", "trig", "--store", str(path), "--out", str(out), "--validate"]
    )
    assert res.exit_code == 0, res.output
    assert set(ox.parse(path=str(out), format=ox.RdfFormat.TRIG)) == set(store.quads())
    res = runner.invoke(app, ["export", "--format", "pdf", "--store", str(path)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["export", "--store", str(tmp_path / "none")])
    assert res.exit_code == 2
