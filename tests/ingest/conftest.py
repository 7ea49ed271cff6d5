"""Fixtures for ingest tests: a local HTTP server on 127.0.0.1 (never the outside network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from ingest_samples import LocalSite


@pytest.fixture
def site() -> Iterator[LocalSite]:
    """An http.server on 127.0.0.1 (random port) in a thread, stopped after the test."""
    holder: dict[str, LocalSite] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            s = holder["site"]
            s.hits.append(self.path)
            status, ctype, body = s.pages.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["site"] = LocalSite(base=f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield holder["site"]
    finally:
        server.shutdown()
        server.server_close()
