"""What a query worker does with one request, inside its own process.

Everything that touches pyoxigraph results happens here, on the worker's single thread: the
query runs, every row (up to the result limit) is read and serialised to bytes, and only the
finished :class:`Answer` goes back to the HTTP server. An error raised by a later row (a
pyoxigraph ``RuntimeError``) is therefore this request's answer with a status, never a cut
connection, and no pyoxigraph object is created on one thread and dropped on another.

Errors become answers through one table (:func:`status_of`), by their type:

=========================  ======  =================================================
``RequestError``           its own  malformed request (400, 411, 413, 415)
``UnknownQueryError``      404     no saved query of that name
``QueryTimeoutError``      503     the query was stopped at its time limit
``QueryError`` and others  400     invalid SPARQL, refused SERVICE/LOAD, bad parameter
``StoreError``             503     the store could not be read (a build compacting it)
anything else              500     a bug of ours; the one line names the exception type
=========================  ======  =================================================

Example:
    >>> from graphbuild.graph.store import Store
    >>> from graphbuild.serve.protocol import SparqlRequest
    >>> answer(Store.open(None), Task("sparql", SparqlRequest("ASK {}"))).body
    b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Triple

from graphbuild.errors import (
    GraphbuildError,
    QueryError,
    QueryTimeoutError,
    RequestError,
    StoreError,
    UnknownQueryError,
)
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.query import PAGE_SIZE, Page, saved_page, translated_errors
from graphbuild.serve.formats import (
    GRAPH_TYPES,
    RESULT_TYPES,
    Result,
    format_graph,
    format_result,
    table_csv,
)
from graphbuild.serve.protocol import SparqlRequest, negotiate

JSON = "application/json; charset=utf-8"


@dataclass(frozen=True, slots=True)
class Task:
    """One request for a worker: ``route`` is ``sparql``, ``saved`` or ``graph``."""

    route: str
    request: SparqlRequest | None = None  # sparql
    accept: str = ""
    federated: bool = False  # the query calls an allowed SERVICE: hide remote error text
    saved: str = ""  # saved: the query's name, its parameters and the page
    params: tuple[tuple[str, str], ...] = ()
    limit: int = PAGE_SIZE
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Answer:
    """A finished HTTP answer: status, Content-Type, body and extra headers."""

    status: int
    media: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()

    @classmethod
    def error(cls, status: int, message: str) -> Answer:
        """A plain-text answer of one line."""
        line = " ".join(message.split())  # one line, whatever the message holds
        return cls(status, "text/plain; charset=utf-8", (line + "\n").encode("utf-8"))


def status_of(exc: BaseException) -> int:
    """The HTTP status for an error, by its type (see the table above)."""
    if isinstance(exc, RequestError):
        return exc.status
    if isinstance(exc, UnknownQueryError):
        return 404
    if isinstance(exc, QueryTimeoutError | StoreError):
        return 503
    if isinstance(exc, QueryError):
        return 400
    return 500


def error_answer(exc: BaseException) -> Answer:
    """The one-line answer for an error; a bug of ours is named by its type."""
    if isinstance(exc, GraphbuildError):
        return Answer.error(status_of(exc), str(exc))
    return Answer.error(500, f"internal error ({type(exc).__name__}: {exc})")


@contextmanager
def remote_errors_hidden(federated: bool) -> Iterator[None]:
    """For a query with a SERVICE call, replace any error by one that carries nothing of
    what the remote server answered (its error bodies would reach the client otherwise)."""
    if not federated:
        yield
        return
    try:
        yield
    except Exception:
        raise QueryError(
            "the federated query failed; its errors are not passed on because they can carry "
            "the remote server's answer (see the server's own log or query it directly)"
        ) from None


def _read(res: Any, limit: int) -> Result:
    """Every row (up to ``limit``) of a started query, read now, on this thread."""
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


def execute(store: Store, request: SparqlRequest, limit: int, federated: bool = False) -> Result:
    """Run a query on the dataset the request names (default: the union of all graphs)."""
    dataset: dict[str, Any] = {"use_default_graph_as_union": not request.has_dataset}
    if request.has_dataset:
        dataset["default_graph"] = [NamedNode(g) for g in request.default_graphs]
        dataset["named_graphs"] = [NamedNode(g) for g in request.named_graphs]
    with translated_errors(request.text), remote_errors_hidden(federated):
        res = store.ox.query(request.text, prefixes=PREFIXES, **dataset)
        return _read(res, limit)


def _sparql(store: Store, task: Task, limit: int) -> Answer:
    """A /sparql request: the result in the format the Accept header prefers."""
    assert task.request is not None
    result = execute(store, task.request, limit, task.federated)
    offered = list(GRAPH_TYPES if result.kind == "graph" else RESULT_TYPES)
    media = negotiate(task.accept, offered)
    if media is None:
        raise RequestError(406, f"cannot produce {task.accept}; use one of {', '.join(offered)}")
    body = (
        format_graph(result, media)
        if result.kind == "graph"
        else format_result(result, RESULT_TYPES[media])
    )
    extra = (("X-Graphbuild-Truncated", "true"),) if result.truncated else ()
    return Answer(200, f"{media}; charset=utf-8", body, extra)


def _page_answer(page: Page, accept: str) -> Answer:
    """One page of a saved query as JSON, or CSV when asked for."""
    extra: tuple[tuple[str, str], ...] = ()
    if page.next_offset is not None:
        extra = (("X-Graphbuild-Next-Offset", str(page.next_offset)),)
    table = page.table
    if negotiate(accept, ["application/json", "text/csv"]) == "text/csv":
        return Answer(200, "text/csv; charset=utf-8", table_csv(table.columns, table.rows), extra)
    doc = {
        "columns": list(table.columns),
        "rows": [list(row) for row in table.rows],
        "offset": page.offset,
        "limit": page.page_size,
        "next_offset": page.next_offset,
    }
    return Answer(200, JSON, json.dumps(doc, ensure_ascii=False).encode("utf-8"), extra)


def _saved(store: Store, task: Task, limit: int) -> Answer:
    """A /saved/NAME request: one page of a saved query, at most ``limit`` rows."""
    size = min(task.limit, limit)
    page = saved_page(store, task.saved, dict(task.params), page_size=size, offset=task.offset)
    return _page_answer(page, task.accept)


def _graph(store: Store, task: Task, limit: int) -> Answer:
    """The /graph page: the interactive graph view of the whole store."""
    from graphbuild.export.html import render_html

    page = str(render_html(store))
    return Answer(200, "text/html; charset=utf-8", page.encode("utf-8"))


_ROUTES: dict[str, Callable[[Store, Task, int], Answer]] = {
    "sparql": _sparql,
    "saved": _saved,
    "graph": _graph,
}


def answer(store: Store, task: Task, limit: int = 10_000) -> Answer:
    """The answer to ``task`` with at most ``limit`` rows or triples; never raises."""
    try:
        return _ROUTES[task.route](store, task, limit)
    except Exception as exc:  # every failure is an answer with a status
        return error_answer(exc)
