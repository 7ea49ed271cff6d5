"""export: every RDF format parses back to the same data; GraphML/GEXF load in networkx."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.export import FORMATS, exporter
from graphbuild.graph.mapping import mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions

runner = CliRunner()


@pytest.fixture(scope="module")
def store() -> Store:
    st = Store.open(None)
    for res in example_resolutions():
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


def _union(store: Store) -> rdflib.Graph:
    g = rdflib.Graph()
    data = ox.serialize([q.triple for q in store.quads()], format=ox.RdfFormat.N_TRIPLES)
    return g.parse(data=data, format="nt")


@pytest.mark.parametrize("fmt, rdflib_format", [("ttl", "turtle"), ("xml", "xml")])
def test_export_graph_formats_hold_the_union(
    store: Store, tmp_path: Path, fmt: str, rdflib_format: str
) -> None:
    path = exporter(fmt)(store, tmp_path / f"g.{fmt}")
    back = rdflib.Graph().parse(path, format=rdflib_format)
    assert isomorphic(back, _union(store))


@pytest.mark.parametrize(
    "fmt, rdf_format", [("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)]
)
def test_export_dataset_formats_keep_named_graphs(
    store: Store, tmp_path: Path, fmt: str, rdf_format: ox.RdfFormat
) -> None:
    path = exporter(fmt)(store, tmp_path / f"g.{fmt}")
    back = set(ox.parse(path=str(path), format=rdf_format))
    assert back == set(store.quads())
    assert {q.graph_name for q in back} == {ox.DefaultGraph(), *store.articles()}


def test_export_jsonld_keeps_named_graphs(store: Store, tmp_path: Path) -> None:
    path = exporter("jsonld")(store, tmp_path / "g.jsonld")
    ds = rdflib.Dataset()
    ds.parse(path, format="json-ld")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert {g.value for g in store.articles()} <= graphs
    assert len(list(ds.quads((None, None, None, None)))) == len(store)


def test_export_is_deterministic(store: Store, tmp_path: Path) -> None:
    a = exporter("trig")(store, tmp_path / "a.trig").read_bytes()
    b = exporter("trig")(store, tmp_path / "b.trig").read_bytes()
    assert a == b


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
