"""A real `graphbuild serve` process on a free loopback port, and raw HTTP to talk to it."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions

# 100^6 rows to count: runs for hours unless it is stopped
EXPENSIVE = (
    "SELECT (COUNT(*) AS ?n) WHERE { "
    + " ".join(f"VALUES ?v{i} {{ {' '.join(str(j) for j in range(100))} }}" for i in range(6))
    + " }"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    """A running `graphbuild serve`: its port, process and stderr log."""

    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    args: tuple[str, ...] = field(default=())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Reply:
        """One raw HTTP request; the headers are sent exactly as given."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            for name, value in (headers or {}).items():
                conn.putheader(name, value)
            if body is not None and not any(k.lower() == "content-length" for k in headers or {}):
                conn.putheader("Content-Length", str(len(body)))
            conn.endheaders(body)
            resp = conn.getresponse()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    def query(self, sparql: str, accept: str | None = None, timeout: float = 60) -> Reply:
        headers = {"Accept": accept} if accept else {}
        return self.request(
            "GET", f"/sparql?query={quote(sparql)}", headers=headers, timeout=timeout
        )

    def workers(self) -> set[int]:
        """Pids of the server's worker processes (children running graphbuild.serve)."""
        found = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.proc.pid:
                found.add(int(stat.parent.name))
        return found


def example_store(path: Path | None) -> Store:
    """The example articles' graphs in a store at ``path`` (None: in memory)."""
    st = Store.open(path)
    for res in example_resolutions():
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


@pytest.fixture(scope="module")
def memory_store() -> Store:
    return example_store(None)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("serve") / "store"
    example_store(path).close()
    return path


@pytest.fixture(scope="module")
def start_server(
    store_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[..., Server]]:
    """Start `graphbuild serve --store STORE ARGS…`; every server is stopped at the end."""
    started: list[Server] = []

    def start(*args: str, store: Path | None = None) -> Server:
        port = free_port()
        log = tmp_path_factory.mktemp("log") / "stderr.txt"
        cmd = [sys.executable, "-m", "graphbuild", "serve", "--store", str(store or store_path)]
        with log.open("wb") as err:
            proc = subprocess.Popen(
                [*cmd, "--port", str(port), *args],
                stdout=subprocess.DEVNULL,
                stderr=err,
                env={**os.environ, "COLUMNS": "200"},
            )
        server = Server(port, proc, log, args)
        started.append(server)
        deadline = time.monotonic() + 60
        while True:
            try:
                if server.query("ASK {}", timeout=10).status == 200:
                    return server
            except OSError:
                pass
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)

    yield start
    for server in started:
        server.proc.terminate()
        server.proc.wait(timeout=20)
