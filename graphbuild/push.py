"""Push the store to an external SPARQL 1.1 store with the Graph Store HTTP Protocol.

Each article graph is sent with ``PUT <endpoint>?graph=<article IRI>`` (N-Triples), which
replaces exactly that graph on the server: pushing twice changes nothing, and a re-built
article replaces its old version. The merged entity descriptions are sent with
``PUT <endpoint>?default`` and replace the server's default graph (push into a dataset that
graphbuild owns, or pass ``include_default=False``). Other named graphs on the server are
left alone. One HTTP request per graph keeps memory bounded and makes a failure name the
graph that failed; earlier graphs stay pushed (re-run to finish).

Tested against a real ``oxigraph serve`` (endpoint ``http://HOST:PORT/store``).

Example:
    >>> from graphbuild.graph.store import Store
    >>> push(Store.open(None), "http://127.0.0.1:9/store", include_default=False).graphs
    0
"""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, serialize

from graphbuild.errors import StoreError
from graphbuild.graph.store import Store


@dataclass(frozen=True, slots=True)
class PushReport:
    """How many graphs and triples were sent."""

    graphs: int
    triples: int


def _put(url: str, data: bytes, token: str | None, timeout_s: float) -> None:
    req = urllib.request.Request(url, data=data, method="PUT")
    req.add_header("Content-Type", "application/n-triples")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout_s) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        body = exc.read().decode("utf-8", "replace")[:200]
        raise StoreError(f"push to {url} failed: HTTP {exc.code} {exc.reason}: {body}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise StoreError(
            f"push to {url} failed: {exc}; is the SPARQL store running and the URL its "
            "Graph Store endpoint (for Oxigraph: http://HOST:PORT/store)?"
        ) from exc


def push(
    store: Store,
    endpoint: str,
    *,
    token: str | None = None,
    include_default: bool = True,
    timeout_s: float = 60.0,
) -> PushReport:
    """Send every graph of ``store`` to the Graph Store endpoint ``endpoint``."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise StoreError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint")
    sep = "&" if "?" in endpoint else "?"
    graphs: list[NamedNode | DefaultGraph] = list(store.articles())
    if include_default and any(True for _ in store.quads(DefaultGraph())):
        graphs.append(DefaultGraph())
    triples = 0
    for g in graphs:
        quads = list(store.quads(g))
        data = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
        target = (
            f"{endpoint}{sep}default"
            if isinstance(g, DefaultGraph)
            else f"{endpoint}{sep}graph={quote(g.value, safe='')}"
        )
        _put(target, data, token, timeout_s)
        triples += len(quads)
    return PushReport(graphs=len(graphs), triples=triples)
