"""push: the store is sent to a REAL Oxigraph server (``oxigraph serve``) started by the test;
the README's example queries are asked there over the SPARQL protocol."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import StoreError
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions
from graphbuild.push import push
from graphbuild.query import run
from graphbuild.types import Table

pytestmark = pytest.mark.server
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def _oxigraph(location: Path, *flags: str) -> Iterator[str]:
    """A real ``oxigraph serve`` on a free port; yields its base URL."""
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}", *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else b""
                assert time.monotonic() < deadline, "oxigraph did not start"
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    with _oxigraph(tmp_path / "remote") as url:
        yield url


def _remote_quads(url: str) -> set[ox.Quad]:
    req = urllib.request.Request(f"{url}/store", headers={"Accept": "application/n-quads"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return set(ox.parse(resp.read(), format=ox.RdfFormat.N_QUADS))


def _store(path: Path | None = None) -> Store:
    st = Store.open(path)
    for res in example_resolutions():
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


def test_push_copies_every_graph_and_is_idempotent(server: str) -> None:
    st = _store()
    report = push(st, f"{server}/store")
    assert report.graphs == 3 and report.triples == len(st)
    assert _remote_quads(server) == set(st.quads())
    push(st, f"{server}/store")
    assert _remote_quads(server) == set(st.quads())


def test_push_replaces_a_changed_article_and_keeps_foreign_graphs(server: str) -> None:
    foreign = ox.Quad(
        ox.NamedNode("http://x/s"),
        ox.NamedNode("http://x/p"),
        ox.Literal("o"),
        ox.NamedNode("http://x/g"),
    )
    req = urllib.request.Request(
        f"{server}/store?graph={foreign.graph_name.value}",
        data=f"{foreign.triple} .\n".encode(),
        headers={"Content-Type": "application/n-triples"},
        method="PUT",
    )
    urllib.request.urlopen(req, timeout=30).read()
    st = _store()
    push(st, f"{server}/store")
    res1 = example_resolutions()[0]
    st.merge(
        mint_article_iri(res1.extraction.article),
        to_quads(replace(res1, extraction=replace(res1.extraction, quotes=()))),
    )
    push(st, f"{server}/store")
    assert _remote_quads(server) == set(st.quads()) | {foreign}


def test_push_cli(server: str, tmp_path: Path) -> None:
    with _store(tmp_path / "store") as st:
        n = len(st)
    res = runner.invoke(
        app, ["push", "--endpoint", f"{server}/store", "--store", str(tmp_path / "store")]
    )
    assert res.exit_code == 0, res.output
    assert len(_remote_quads(server)) == n


def test_push_unreachable_endpoint_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="push to"):
        push(_store(), f"http://127.0.0.1:{_free_port()}/store", timeout_s=5)


# --- the README's queries give the same rows on the server as in graphbuild's store ------

Row = tuple[str | None, ...]


def _doc_queries(path: Path, pattern: str) -> list[str]:
    found = re.findall(pattern, (ROOT / path).read_text(encoding="utf-8"))
    assert found, f"no example query found in {path}"
    return found


def _readme_queries() -> list[str]:
    return _doc_queries(Path("README.md"), r'graphbuild query "(SELECT [^"]*)"')


def _graph_form_queries() -> list[str]:
    """The ``GRAPH ?g`` forms that docs/graph.md gives for standard stores."""
    return _doc_queries(Path("docs/graph.md"), r"(?m)^ *(SELECT [^\n]*GRAPH \?g[^\n]*)$")


def _remote_rows(url: str, sparql: str) -> list[Row]:
    """Rows of a SELECT sent to the server's SPARQL endpoint, with graphbuild's prefixes."""
    head = "".join(f"PREFIX {k}: <{ns}>\n" for k, ns in PREFIXES.items())
    query = urllib.parse.urlencode({"query": head + sparql})
    req = urllib.request.Request(
        f"{url}/query?{query}", headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        result = json.load(resp)
    names = result["head"]["vars"]
    return [tuple(b.get(n, {}).get("value") for n in names) for b in result["results"]["bindings"]]


def _local_rows(st: Store, sparql: str) -> list[Row]:
    table = run(st, sparql)
    assert isinstance(table, Table)
    return list(table.rows)


def _without_limit(sparql: str) -> str:
    return re.sub(r"\s+LIMIT\s+\d+\s*$", "", sparql)


def _assert_same_answers(url: str, st: Store, sparql: str) -> None:
    """Every row (without LIMIT) the same, as many times; the first page the same in its
    ORDER BY columns (rows tied on them may come in another order in another store)."""
    whole = _without_limit(sparql)
    assert sorted(_remote_rows(url, whole), key=str) == sorted(_local_rows(st, whole), key=str)
    head, _, order = sparql.partition("ORDER BY")
    columns = re.findall(r"\?(\w+)", head.split("WHERE")[0])
    keys = [columns.index(v) for v in re.findall(r"\?(\w+)", order)]

    def page(rows: list[Row]) -> list[Row]:
        return [tuple(row[i] for i in keys) for row in rows]

    assert page(_remote_rows(url, sparql)) == page(_local_rows(st, sparql)), sparql


def test_push_plain_default_graph_misses_article_facts(server: str) -> None:
    # why --merged-default exists: without GRAPH, a standard store reads its default graph
    st = _store()
    push(st, f"{server}/store")
    for sparql in _readme_queries():
        assert _local_rows(st, sparql), sparql
        assert _remote_rows(server, sparql) == [], sparql


def test_push_graph_form_of_the_readme_query_needs_no_union(server: str) -> None:
    st = _store()
    push(st, f"{server}/store")
    for sparql in _graph_form_queries():
        assert _local_rows(st, sparql), sparql
        _assert_same_answers(server, st, sparql)


def test_push_merged_default_answers_readme_queries_as_graphbuild(server: str) -> None:
    st = _store()
    report = push(st, f"{server}/store", merged_default=True)
    assert report.union_triples == sum(1 for q in st.quads() if q.graph_name in st.articles())
    for sparql in _readme_queries():
        _assert_same_answers(server, st, sparql)


def test_push_merged_default_counts_a_triple_of_two_graphs_once(server: str) -> None:
    # the same article under a second id: its quotes sit in two article graphs
    st = _store()
    res1 = example_resolutions()[0]
    copy = replace(res1.extraction.article, id=res1.extraction.article.id + "-copy")
    st.merge(
        mint_article_iri(copy),
        to_quads(replace(res1, extraction=replace(res1.extraction, article=copy))),
    )
    push(st, f"{server}/store", merged_default=True)
    sparql = _without_limit(_readme_queries()[0])
    local, remote = _local_rows(st, sparql), _remote_rows(server, sparql)
    assert len(local) > len(set(local)) and sorted(set(local), key=str) == sorted(remote, key=str)
    distinct = sparql.replace("SELECT", "SELECT DISTINCT", 1)
    assert sorted(_local_rows(st, distinct), key=str) == sorted(remote, key=str)


def _expected_with_union(st: Store) -> set[ox.Quad]:
    return set(st.quads()) | {ox.Quad(q.subject, q.predicate, q.object) for q in st.quads()}


def test_push_merged_default_is_idempotent_and_follows_changes(server: str) -> None:
    st = _store()
    push(st, f"{server}/store", merged_default=True)
    assert _remote_quads(server) == _expected_with_union(st)
    push(st, f"{server}/store", merged_default=True)
    assert _remote_quads(server) == _expected_with_union(st)
    res1 = example_resolutions()[0]
    st.merge(
        mint_article_iri(res1.extraction.article),
        to_quads(replace(res1, extraction=replace(res1.extraction, quotes=()))),
    )
    push(st, f"{server}/store", merged_default=True)  # the dropped quotes leave the union too
    assert _remote_quads(server) == _expected_with_union(st)
    push(st, f"{server}/store")  # a plain push puts back the merged entities alone
    assert _remote_quads(server) == set(st.quads())


def test_push_to_oxigraph_with_union_default_graph(tmp_path: Path) -> None:
    st = _store()
    with _oxigraph(tmp_path / "remote", "--union-default-graph") as url:
        push(st, f"{url}/store")
        for sparql in _readme_queries():
            _assert_same_answers(url, st, sparql)


def test_push_cli_merged_default(server: str, tmp_path: Path) -> None:
    with _store(tmp_path / "store") as st:
        expected = _expected_with_union(st)
    args = ["push", "--endpoint", f"{server}/store", "--store", str(tmp_path / "store")]
    res = runner.invoke(app, [*args, "--merged-default", "--no-default-graph"])
    assert res.exit_code == 2 and "--merged-default" in res.output
    assert _remote_quads(server) == set()
    res = runner.invoke(app, [*args, "--merged-default"])
    assert res.exit_code == 0, res.output
    assert "into the default graph" in res.output
    assert _remote_quads(server) == expected
