"""push: the store is sent to a REAL Oxigraph server (``oxigraph serve``) started by the test."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import StoreError
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions
from graphbuild.push import push

pytestmark = pytest.mark.server
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "remote"), "--bind", f"127.0.0.1:{port}"],
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
