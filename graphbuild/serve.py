"""A SPARQL 1.1 Protocol endpoint over the store, on 127.0.0.1, with a small HTML page.

Routes:

* ``GET /`` — a page with a query box and a link to the graph view;
* ``GET /graph`` — the interactive graph view (``graphbuild.export.html.render_html``);
* ``GET /sparql?query=…`` and ``POST /sparql`` (form field ``query`` or an
  ``application/sparql-query`` body) — results as SPARQL JSON (default), XML, CSV or TSV for
  SELECT/ASK and Turtle or N-Triples for CONSTRUCT/DESCRIBE, chosen by the Accept header;
* ``GET /saved`` — the saved queries (name, description, parameters) as JSON;
* ``GET /saved/NAME?person=…&limit=100&offset=0`` — one page of a saved query
  (``graphbuild.query.saved_page``; other query-string fields are its parameters), as JSON
  ``{"columns", "rows", "offset", "limit", "next_offset"}`` or as CSV (``Accept: text/csv``,
  next page in the ``X-Graphbuild-Next-Offset`` header). ``limit`` defaults to 100 and is
  capped at ``query_result_limit``;
* ``POST /update`` — only when started with ``allow_update=True`` **and** a ``token``; the
  request needs ``Authorization: Bearer <token>``. Otherwise 403.

Limits (``Settings``): a query that takes longer than ``query_timeout_s`` gets HTTP 503 (the
worker thread finishes in the background: Oxigraph cannot cancel a running query, so at most
``workers`` such queries run at once); at most ``query_result_limit`` rows or triples are
returned, and ``X-Graphbuild-Truncated: true`` says when the result was cut.

A read-only server reopens the store (read-only) at most every ``reopen_s`` seconds, so it
shows the progress of a build that is writing the store at the same time.

Example:
    >>> from graphbuild.graph.store import Store
    >>> server = make_server(Store.open(None), port=0)
    >>> server.server_address[0]
    '127.0.0.1'
    >>> server.server_close()
"""

from __future__ import annotations

import csv
import hmac
import html
import io
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
    serialize,
)

from graphbuild.errors import GraphbuildError, QueryError, StoreError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.query import PAGE_SIZE, Page, saved_page, saved_queries, saved_query, syntax_error

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": RdfFormat.TURTLE, "application/n-triples": RdfFormat.N_TRIPLES}


@dataclass(frozen=True, slots=True)
class Result:
    """A finished query: kind (select/ask/graph), variables, rows or triples, truncated flag."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool = False
    triples: tuple[Triple, ...] = ()
    truncated: bool = False


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term: Any) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f'<literal xml:lang="{term.language}">{xml_escape(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            dt = xml_escape(term.datatype.value, {'"': "&quot;"})
            return f'<literal datatype="{dt}">{xml_escape(term.value)}</literal>'
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def format_result(result: Result, fmt: str) -> bytes:
    """SELECT/ASK results in SPARQL JSON, XML, CSV or TSV (W3C result formats)."""
    if fmt == "json":
        if result.kind == "ask":
            doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
        else:
            bindings = [
                {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
                for row in result.rows
            ]
            doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        ns = "http://www.w3.org/2005/sparql-results#"
        if result.kind == "ask":
            body = f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>"
        else:
            head = "".join(f'<variable name="{v}"/>' for v in result.variables)
            rows = "".join(
                "<result>"
                + "".join(
                    f'<binding name="{v}">{_xml_term(t)}</binding>'
                    for v, t in zip(result.variables, row, strict=True)
                    if t is not None
                )
                + "</result>"
                for row in result.rows
            )
            body = f"<head>{head}</head><results>{rows}</results>"
        return f'<?xml version="1.0"?><sparql xmlns="{ns}">{body}</sparql>'.encode()
    buf = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buf, lineterminator="\r\n")
        if result.kind == "ask":
            writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
        else:
            writer.writerow(result.variables)
            writer.writerows([["" if t is None else t.value for t in row] for row in result.rows])
    else:
        if result.kind == "ask":
            buf.write(f"?boolean\n{'true' if result.boolean else 'false'}\n")
        else:
            buf.write("\t".join(f"?{v}" for v in result.variables) + "\n")
            for row in result.rows:
                buf.write("\t".join("" if t is None else str(t) for t in row) + "\n")
    return buf.getvalue().encode("utf-8")


class Endpoint:
    """The query machinery behind the HTTP handler: store access, limits, worker threads."""

    def __init__(
        self,
        store: Store,
        *,
        timeout_s: float = 30.0,
        result_limit: int = 10_000,
        allow_update: bool = False,
        token: str | None = None,
        workers: int = 4,
        reopen_s: float = 2.0,
    ) -> None:
        if allow_update and not token:
            raise StoreError("--allow-update needs a --token: updates must be authenticated")
        self.store = store
        self.timeout_s = timeout_s
        self.result_limit = result_limit
        self.allow_update = allow_update
        self.token = token
        self.reopen_s = reopen_s
        self._opened = time.monotonic()
        self._lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sparql")

    def _current_store(self) -> Store:
        st = self.store
        if st.read_only and st.path is not None and time.monotonic() - self._opened > self.reopen_s:
            with self._lock:
                if time.monotonic() - self._opened > self.reopen_s:
                    self.store = Store.open(st.path, read_only=True)
                    self._opened = time.monotonic()
        return self.store

    def _execute(self, sparql: str) -> Result:
        store = self._current_store()
        try:
            res = store.ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from exc
        limit = self.result_limit
        if isinstance(res, QueryBoolean):
            return Result("ask", boolean=bool(res))
        if isinstance(res, QuerySolutions):
            variables = tuple(v.value for v in res.variables)
            rows: list[tuple[Any, ...]] = []
            for sol in res:
                if len(rows) >= limit:
                    return Result("select", variables, tuple(rows), truncated=True)
                rows.append(tuple(sol))  # positional: name look-up is slow in pyoxigraph
            return Result("select", variables, tuple(rows))
        triples: list[Triple] = []
        for t in res:
            if len(triples) >= limit:
                return Result("graph", triples=tuple(triples), truncated=True)
            triples.append(t)
        return Result("graph", triples=tuple(triples))

    def query(self, sparql: str) -> Result:
        """Run a query with the time limit; QueryError on bad SPARQL or timeout."""
        future = self.pool.submit(self._execute, sparql)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout as exc:
            raise TimeoutError(f"query timed out after {self.timeout_s:g} s") from exc

    def saved(self, name: str, params: dict[str, str], limit: int, offset: int) -> Page:
        """One page of a saved query, with the time limit (QueryError on bad input)."""
        size = min(limit, self.result_limit)
        future = self.pool.submit(
            lambda: saved_page(self._current_store(), name, params, page_size=size, offset=offset)
        )
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout as exc:
            raise TimeoutError(f"query timed out after {self.timeout_s:g} s") from exc

    def update(self, sparql: str, authorization: str | None) -> None:
        """Run an update if allowed and the bearer token matches; PermissionError otherwise."""
        expected = f"Bearer {self.token}" if self.token else None
        if not self.allow_update or expected is None:
            raise PermissionError("updates are disabled; start with --allow-update --token")
        if not authorization or not hmac.compare_digest(authorization, expected):
            raise PermissionError("missing or wrong bearer token")
        try:
            self.store.ox.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise syntax_error(exc, sparql) from exc

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>graphbuild SPARQL</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
textarea{width:100%;height:12em;font-family:monospace}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}</style></head><body>
<h1>graphbuild SPARQL endpoint</h1>
<p><a href="/graph">Open the graph view</a> · endpoint: <code>/sparql</code>
(SPARQL 1.1 Protocol; prefixes __PREFIXES__ are predefined)</p>
<form id="f"><textarea name="query" id="q">SELECT ?name (COUNT(?q) AS ?quotes) WHERE {
  GRAPH ?article { ?q gb:saidBy ?e } ?e skos:prefLabel ?name
} GROUP BY ?name ORDER BY DESC(?quotes) LIMIT 20</textarea>
<p><button type="submit">Run</button></p></form><div id="out"></div>
<h2>Graph</h2>
<iframe src="/graph" title="graph view" style="width:100%;height:70vh;border:1px solid #ccc"></iframe>
<script>
document.getElementById('f').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const out = document.getElementById('out');
  const body = new URLSearchParams({query: document.getElementById('q').value});
  const r = await fetch('/sparql', {method: 'POST', body,
    headers: {'Accept': 'application/sparql-results+json'}});
  const text = await r.text();
  if (!r.ok) { out.textContent = text; return; }
  const data = JSON.parse(text);
  if ('boolean' in data) { out.textContent = String(data.boolean); return; }
  const t = document.createElement('table');
  const head = t.insertRow();
  for (const v of data.head.vars) { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); }
  for (const b of data.results.bindings) {
    const row = t.insertRow();
    for (const v of data.head.vars) { row.insertCell().textContent = b[v] ? b[v].value : ''; }
  }
  out.replaceChildren(t);
});
</script></body></html>"""


def _negotiate(accept: str, table: dict[str, Any], default: str) -> str | None:
    """The first media type of ``accept`` (ignoring q-values order) we can produce."""
    if not accept.strip():
        return default
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    return None


def _graph_page(store: Store) -> str:
    try:
        from graphbuild.export.html import render_html

        return str(render_html(store))
    except ImportError:  # the view engineer's renderer is optional; fall back to the file
        import tempfile

        from graphbuild.export import exporter

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "graph.html"
            exporter("html")(store, path)
            return path.read_text(encoding="utf-8")


def make_handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """The request handler class bound to ``endpoint``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "graphbuild-sparql/0.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet by default
            pass

        def _send(
            self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Vary", "Accept")
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, code: int, message: str) -> None:
            self._send(code, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

        def _body(self) -> tuple[str, bytes]:
            length = int(self.headers.get("Content-Length") or 0)
            if length > 10_000_000:
                raise ValueError("request body too large")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            return ctype, self.rfile.read(length) if length else b""

        def _answer(self, sparql: str) -> None:
            try:
                result = endpoint.query(sparql)
            except QueryError as exc:
                self._error(400, str(exc))
                return
            except TimeoutError as exc:
                self._error(503, f"{exc}; add a LIMIT or narrow the query")
                return
            except (GraphbuildError, OSError) as exc:
                self._error(500, str(exc))
                return
            accept = self.headers.get("Accept") or ""
            extra = {"X-Graphbuild-Truncated": "true"} if result.truncated else {}
            if result.kind == "graph":
                media = _negotiate(accept, GRAPH_TYPES, "text/turtle")
                if media is None:
                    self._error(
                        406, f"cannot produce {accept}; use one of {', '.join(GRAPH_TYPES)}"
                    )
                    return
                prefixes = PREFIXES if GRAPH_TYPES[media] == RdfFormat.TURTLE else None
                data = serialize(list(result.triples), format=GRAPH_TYPES[media], prefixes=prefixes)
                self._send(200, data or b"", f"{media}; charset=utf-8", extra)
                return
            media = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
            if media is None:
                self._error(406, f"cannot produce {accept}; use one of {', '.join(RESULT_TYPES)}")
                return
            self._send(
                200, format_result(result, RESULT_TYPES[media]), f"{media}; charset=utf-8", extra
            )

        def _saved(self, name: str, query: str) -> None:
            if not name:
                listing = [
                    {"name": n, "description": q.description, "params": q.params}
                    for n in saved_queries()
                    for q in [saved_query(n)]
                ]
                body = json.dumps(listing, ensure_ascii=False).encode("utf-8")
                self._send(200, body, "application/json; charset=utf-8")
                return
            fields = {k: v[0] for k, v in parse_qs(query).items()}
            try:
                limit = int(fields.pop("limit", PAGE_SIZE))
                offset = int(fields.pop("offset", 0))
            except ValueError:
                self._error(400, "limit and offset must be whole numbers")
                return
            if limit < 1 or offset < 0:
                self._error(400, "limit must be ≥ 1 and offset ≥ 0")
                return
            try:
                page = endpoint.saved(name, fields, limit, offset)
            except QueryError as exc:
                self._error(404 if "no saved query" in str(exc) else 400, str(exc))
                return
            except TimeoutError as exc:
                self._error(503, f"{exc}; ask for a smaller page (limit)")
                return
            except (GraphbuildError, OSError) as exc:
                self._error(500, str(exc))
                return
            extra = {}
            if page.next_offset is not None:
                extra["X-Graphbuild-Next-Offset"] = str(page.next_offset)
            table = page.table
            accept = self.headers.get("Accept") or ""
            if _negotiate(accept, {"text/csv": "csv"}, "application/json") == "text/csv":
                buf = io.StringIO()
                writer = csv.writer(buf, lineterminator="\r\n")
                writer.writerow(table.columns)
                writer.writerows([["" if v is None else v for v in row] for row in table.rows])
                self._send(200, buf.getvalue().encode("utf-8"), "text/csv; charset=utf-8", extra)
                return
            doc = {
                "columns": list(table.columns),
                "rows": [list(row) for row in table.rows],
                "offset": page.offset,
                "limit": page.page_size,
                "next_offset": page.next_offset,
            }
            body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self._send(200, body, "application/json; charset=utf-8", extra)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/":
                page = _PAGE.replace(
                    "__PREFIXES__", html.escape(" ".join(f"{k}:" for k in PREFIXES))
                )
                self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")
            elif url.path == "/graph":
                self._send(
                    200,
                    _graph_page(endpoint._current_store()).encode("utf-8"),
                    "text/html; charset=utf-8",
                )
            elif url.path == "/sparql":
                query = parse_qs(url.query).get("query")
                if not query:
                    self._error(400, "missing query parameter: /sparql?query=SELECT…")
                    return
                self._answer(query[0])
            elif url.path == "/saved" or url.path.startswith("/saved/"):
                self._saved(url.path[len("/saved/") :], url.query)
            else:
                self._error(404, f"no such page {url.path}; try / or /sparql")

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            try:
                ctype, body = self._body()
            except ValueError as exc:
                self._error(413, str(exc))
                return
            text = body.decode("utf-8", "replace")
            form = parse_qs(text) if ctype == "application/x-www-form-urlencoded" else {}
            if url.path == "/sparql":
                sparql = (
                    text if ctype == "application/sparql-query" else (form.get("query") or [""])[0]
                )
                if not sparql:
                    self._error(
                        400, "missing query (form field 'query' or application/sparql-query body)"
                    )
                    return
                self._answer(sparql)
            elif url.path == "/update":
                sparql = (
                    text
                    if ctype == "application/sparql-update"
                    else (form.get("update") or [""])[0]
                )
                try:
                    endpoint.update(sparql, self.headers.get("Authorization"))
                except PermissionError as exc:
                    self._error(403, str(exc))
                    return
                except QueryError as exc:
                    self._error(400, str(exc))
                    return
                except OSError as exc:
                    self._error(500, str(exc))
                    return
                self._send(204, b"", "text/plain")
            else:
                self._error(404, f"no such endpoint {url.path}; POST to /sparql or /update")

    return Handler


def make_server(
    store: Store,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: float = 30.0,
    result_limit: int = 10_000,
    allow_update: bool = False,
    token: str | None = None,
) -> ThreadingHTTPServer:
    """A ready (not yet serving) HTTP server; ``port=0`` picks a free port."""
    endpoint = Endpoint(
        store,
        timeout_s=timeout_s,
        result_limit=result_limit,
        allow_update=allow_update,
        token=token,
    )
    server = ThreadingHTTPServer((host, port), make_handler(endpoint))
    server.daemon_threads = True
    return server


def serve(
    store_path: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: float = 30.0,
    result_limit: int = 10_000,
    allow_update: bool = False,
    token: str | None = None,
    ready: Any = None,
) -> None:
    """Serve ``store_path`` until interrupted; read-only unless ``allow_update`` and ``token``."""
    if allow_update and not token:
        raise StoreError("--allow-update needs a --token: updates must be authenticated")
    store = Store.open(store_path, read_only=not allow_update)
    server = make_server(
        store,
        host=host,
        port=port,
        timeout_s=timeout_s,
        result_limit=result_limit,
        allow_update=allow_update,
        token=token,
    )
    if ready is not None:
        ready(server)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        store.close()
