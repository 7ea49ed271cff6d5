"""A SPARQL 1.1 Protocol endpoint over the store, on 127.0.0.1, with a small HTML page.

Routes:

* ``GET /`` — a page with a query box and a link to the graph view (``/favicon.svg`` its icon);
* ``GET /graph`` — the interactive graph view (``graphbuild.export.html.render_html``);
* ``GET /sparql?query=…`` and ``POST /sparql`` (form field ``query`` or an
  ``application/sparql-query`` body; ``default-graph-uri`` / ``named-graph-uri`` name the
  dataset) — SPARQL JSON (default), XML, CSV or TSV for SELECT/ASK, Turtle (default),
  N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE, chosen by the Accept header with its
  q-values (406 when none is acceptable);
* ``GET /saved`` — the saved queries (name, description, parameters) as JSON;
* ``GET /saved/NAME?person=…&limit=100&offset=0`` — one page of a saved query
  (``graphbuild.query.saved_page``; other query-string fields are its parameters), as JSON
  ``{"columns", "rows", "offset", "limit", "next_offset"}`` or as CSV (``Accept: text/csv``,
  next page in the ``X-Graphbuild-Next-Offset`` header);
* ``POST /update`` — only when started with ``allow_update`` **and** a ``token``; the
  request needs ``Authorization: Bearer <token>``. Otherwise 403.

Security model (docs/graph.md, "Endpoint security model"): ``SERVICE`` and ``LOAD`` are
refused (400) unless their host is in ``EndpointOptions.federation``
(:mod:`graphbuild.serve.federation`); every query runs in a worker process that is killed at
the time limit (:mod:`graphbuild.serve.workers`); results are cut at ``result_limit``; every
failing request gets a status and a one-line reason (:mod:`graphbuild.serve.tasks`).

Example:
    >>> from graphbuild.graph.store import Store
    >>> server = make_server(Store.open(None), port=0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
"""

from __future__ import annotations

from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path

from graphbuild.graph.store import Store
from graphbuild.serve.endpoint import Endpoint, EndpointOptions
from graphbuild.serve.handler import make_handler

__all__ = ["EndpointOptions", "SparqlServer", "make_server", "serve"]


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server; closing it stops the endpoint's workers."""

    daemon_threads = True
    endpoint: Endpoint

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(
    store: Store,
    options: EndpointOptions | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
) -> SparqlServer:
    """A ready (not yet serving) HTTP server; ``port=0`` picks a free port. Workers start
    with the first request (or ``server.endpoint.start()``)."""
    endpoint = Endpoint(store, options)
    server = SparqlServer((host, port), make_handler(endpoint))
    server.endpoint = endpoint
    return server


def serve(
    store_path: Path,
    options: EndpointOptions | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve ``store_path`` until interrupted; read-only unless ``options.allow_update``."""
    options = (options or EndpointOptions()).checked()
    store = Store.open(store_path, read_only=not options.allow_update)
    server = make_server(store, options, host=host, port=port)
    try:
        server.endpoint.start()
        if ready is not None:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()
        store.close()
