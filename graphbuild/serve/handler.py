"""The HTTP side of the endpoint: routes, request parsing, and one way of sending answers.

Each request is turned into an :class:`~graphbuild.serve.tasks.Answer` by one route function;
any error on the way is an answer too (:func:`~graphbuild.serve.tasks.error_answer`), so every
request gets a status line and a one-line reason, and no traceback reaches the log.

Example:
    >>> sparql_from_get("query=ASK%20%7B%7D&named-graph-uri=urn%3Ag").named_graphs
    ('urn:g',)
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from graphbuild.errors import RequestError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.query import saved_queries, saved_query
from graphbuild.serve.endpoint import Endpoint
from graphbuild.serve.protocol import (
    SparqlRequest,
    content_type,
    decode,
    form_fields,
    read_body,
    sparql_request,
)
from graphbuild.serve.tasks import Answer, error_answer

HTML = "text/html; charset=utf-8"
FORM = "application/x-www-form-urlencoded"
# a node and two links, in the graph view's colours
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    b'<path d="M4 4L12 6L6 12Z" stroke="#555" fill="none"/>'
    b'<circle cx="4" cy="4" r="3" fill="#4e79a7"/><circle cx="12" cy="6" r="2.5" fill="#f28e2b"/>'
    b'<circle cx="6" cy="12" r="2.5" fill="#59a14f"/></svg>'
)

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>graphbuild SPARQL</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}
textarea{width:100%;height:12em;font-family:monospace}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}</style></head><body>
<h1>graphbuild SPARQL endpoint</h1>
<p><a href="/graph">Open the graph view</a> · endpoint: <code>/sparql</code>
(SPARQL 1.1 Protocol; prefixes __PREFIXES__ are predefined)</p>
<form id="f"><textarea name="query" id="q">SELECT ?name (COUNT(?q) AS ?quotes) WHERE {
  GRAPH ?article { ?q gb:saidBy ?e } ?e skos:prefLabel ?name
  FILTER(lang(?name) = "")
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


def query_page() -> Answer:
    """The page at ``/``: a query box, the predefined prefixes and the graph view."""
    names = html.escape(" ".join(f"{k}:" for k in PREFIXES))
    return Answer(200, HTML, _PAGE.replace("__PREFIXES__", names).encode("utf-8"))


def sparql_from_get(query_string: str) -> SparqlRequest:
    """The query and dataset of ``GET /sparql?query=…`` (400 if missing or given twice)."""
    return sparql_request(form_fields(query_string))


def sparql_from_post(
    media: str, text: str, query_string: str, charset: str, update: bool = False
) -> SparqlRequest:
    """The query (or update) of a POST: a form body, or a direct ``application/sparql-query``
    (``-update``) body with the dataset in the URL; another Content-Type is 415."""
    direct = "application/sparql-update" if update else "application/sparql-query"
    fields = form_fields(query_string)
    if media == direct:
        return sparql_request(fields, text, update=update)
    if media == FORM:
        for name, values in form_fields(text, charset).items():
            fields.setdefault(name, []).extend(values)
        return sparql_request(fields, update=update)
    raise RequestError(415, f"send the {'update' if update else 'query'} as {FORM} or {direct}")


def saved_listing() -> Answer:
    """``GET /saved``: every saved query with its description and parameters, as JSON."""
    listing = [
        {"name": n, "description": q.description, "params": q.params}
        for n in saved_queries()
        for q in [saved_query(n)]
    ]
    body = json.dumps(listing, ensure_ascii=False).encode("utf-8")
    return Answer(200, "application/json; charset=utf-8", body)


class SparqlHandler(BaseHTTPRequestHandler):
    """Routes requests to ``endpoint``; every route returns an Answer (see the module)."""

    server_version = "graphbuild-sparql/0.2"
    endpoint: Endpoint  # set by make_handler

    def log_message(self, format: str, *args: Any) -> None:  # quiet by default
        pass

    def _send(self, answer: Answer) -> None:
        """Write the status line, the headers and (not for HEAD) the body."""
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media)
        self.send_header("Content-Length", str(len(answer.body)))
        self.send_header("Vary", "Accept")
        for name, value in answer.headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

    def _reply(self, route: Callable[[], Answer]) -> None:
        """Send what ``route`` answers, or the answer for the error it raised."""
        try:
            answer = route()
        except Exception as exc:  # every failure is an answer with a status
            answer = error_answer(exc)
        try:
            self._send(answer)
        except ConnectionError:  # the client left; nobody to tell
            self.close_connection = True

    def _get(self) -> Answer:
        """The answer to a GET (or HEAD) request, by path."""
        url = urlsplit(self.path)
        accept = self.headers.get("Accept") or ""
        if url.path == "/":
            return query_page()
        if url.path in ("/favicon.svg", "/favicon.ico"):
            return Answer(200, "image/svg+xml", FAVICON, (("Cache-Control", "max-age=86400"),))
        if url.path == "/graph":
            return self.endpoint.graph()
        if url.path == "/sparql":
            return self.endpoint.query(sparql_from_get(url.query), accept)
        if url.path in ("/saved", "/saved/"):
            return saved_listing()
        if url.path.startswith("/saved/"):
            name = url.path[len("/saved/") :]
            return self.endpoint.saved(name, form_fields(url.query), accept)
        if url.path == "/update":
            raise RequestError(405, "updates are sent with POST /update")
        raise RequestError(404, f"no such page {url.path}; try / or /sparql")

    def _post(self) -> Answer:
        """The answer to a POST to /sparql or /update."""
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/update"):
            raise RequestError(404, f"no such endpoint {url.path}; POST to /sparql or /update")
        body = read_body(self.headers, self.rfile)
        media, charset = content_type(self.headers)
        text = decode(body, charset)
        if url.path == "/update":
            request = sparql_from_post(media, text, url.query, charset, update=True)
            return self.endpoint.update(request, self.headers.get("Authorization"))
        request = sparql_from_post(media, text, url.query, charset)
        return self.endpoint.query(request, self.headers.get("Accept") or "")

    def do_GET(self) -> None:
        self._reply(self._get)

    def do_HEAD(self) -> None:
        self._reply(self._get)

    def do_POST(self) -> None:
        self._reply(self._post)


def make_handler(endpoint: Endpoint) -> type[BaseHTTPRequestHandler]:
    """The request handler class bound to ``endpoint``."""
    return type("Handler", (SparqlHandler,), {"endpoint": endpoint})
