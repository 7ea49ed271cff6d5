"""Push the store to an external SPARQL 1.1 store with the Graph Store HTTP Protocol.

Each article graph is sent with ``PUT <endpoint>?graph=<article IRI>`` (N-Triples), which
replaces exactly that graph on the server: pushing twice changes nothing, and a re-built
article replaces its old version. The merged entity descriptions are sent with
``PUT <endpoint>?default`` and replace the server's default graph (push into a dataset that
graphbuild owns, or pass ``include_default=False``). Other named graphs on the server are
left alone. One HTTP request per graph keeps memory bounded and makes a failure name the
graph that failed; earlier graphs stay pushed (re-run to finish).

graphbuild's own queries see the union of all graphs as the default graph; a standard store
(Oxigraph server, Fuseki) answers a pattern without ``GRAPH`` from its default graph alone,
which holds only the merged entities. ``merged_default=True`` therefore also makes the
server's default graph the union: the merged entities are PUT as above, then every article
graph's triples are POSTed into the default graph in batches of ``UNION_BATCH`` triples
(POST adds, so the PUT first makes a re-push idempotent). Queries then give the same rows
there as here, except that a triple held by several graphs counts once in the server's
default graph (use ``DISTINCT`` for identical answers). The alternative is to write queries
with ``GRAPH ?g { … }`` around the article patterns, or to start Oxigraph with
``oxigraph serve --union-default-graph``.

Tested against a real ``oxigraph serve`` (endpoint ``http://HOST:PORT/store``).

Example:
    >>> from graphbuild.graph.store import Store
    >>> push(Store.open(None), "http://127.0.0.1:9/store", include_default=False).graphs
    0
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, NamedNode, RdfFormat, Triple, serialize

from graphbuild.errors import StoreError
from graphbuild.graph.store import Store

UNION_BATCH = 50_000  # article triples per POST into the default graph (merged_default)


@dataclass(frozen=True, slots=True)
class PushReport:
    """How many graphs and triples were sent (``union_triples``: article triples added to the
    server's default graph by ``merged_default``)."""

    graphs: int
    triples: int
    union_triples: int = 0


def _send(method: str, url: str, data: bytes, token: str | None, timeout_s: float) -> None:
    """PUT (replace) or POST (add to) one graph of the Graph Store endpoint."""
    req = urllib.request.Request(url, data=data, method=method)
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


def _ntriples(triples: Iterable[Triple]) -> bytes:
    return serialize(triples, format=RdfFormat.N_TRIPLES) or b""


def _union_batches(store: Store, size: int) -> Iterator[list[Triple]]:
    """The triples of every article graph in lists of at least ``size`` (the last: fewer)."""
    batch: list[Triple] = []
    for g in store.articles():
        batch.extend(q.triple for q in store.quads(g))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def push(
    store: Store,
    endpoint: str,
    *,
    token: str | None = None,
    include_default: bool = True,
    merged_default: bool = False,
    timeout_s: float = 60.0,
) -> PushReport:
    """Send every graph of ``store`` to the Graph Store endpoint ``endpoint``; with
    ``merged_default`` the server's default graph becomes the union of all graphs."""
    if urlsplit(endpoint).scheme not in ("http", "https"):
        raise StoreError(f"{endpoint}: not an http(s) URL of a Graph Store endpoint")
    if merged_default and not include_default:
        raise StoreError("merged_default writes the default graph; it needs include_default")
    sep = "&" if "?" in endpoint else "?"
    default_url = f"{endpoint}{sep}default"
    graphs: list[NamedNode | DefaultGraph] = list(store.articles())
    if merged_default or (include_default and any(True for _ in store.quads(DefaultGraph()))):
        graphs.append(DefaultGraph())  # last: the POSTs below add to it
    triples = 0
    for g in graphs:
        quads = list(store.quads(g))
        target = (
            default_url
            if isinstance(g, DefaultGraph)
            else f"{endpoint}{sep}graph={quote(g.value, safe='')}"
        )
        _send("PUT", target, _ntriples(q.triple for q in quads), token, timeout_s)
        triples += len(quads)
    union_triples = 0
    if merged_default:
        for batch in _union_batches(store, UNION_BATCH):
            _send("POST", default_url, _ntriples(batch), token, timeout_s)
            union_triples += len(batch)
    return PushReport(graphs=len(graphs), triples=triples, union_triples=union_triples)
