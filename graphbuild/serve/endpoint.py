"""The endpoint behind the HTTP handler: options, the federation check, workers, updates.

Queries, saved-query pages and the graph page are answered by worker processes
(:mod:`graphbuild.serve.workers`) within the time limit; updates run here, one at a time,
on the store this process opened for writing, and then every worker is replaced so that it
reads the new state.

Example:
    >>> from graphbuild.graph.store import Store
    >>> endpoint = Endpoint(Store.open(None), EndpointOptions(workers=1))
    >>> endpoint.query(SparqlRequest("SELECT * { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }"), "")
    Traceback (most recent call last):
    ...
    graphbuild.errors.RefusedQueryError: SERVICE <http://10.0.0.1/> refused: this endpoint does not contact other servers (start it with --allow-federation HOST to allow one)
    >>> endpoint.close()
"""

from __future__ import annotations

import hmac
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from pyoxigraph import RdfFormat

from graphbuild.errors import GraphbuildError, RequestError, StoreError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.query import PAGE_SIZE, translated_errors
from graphbuild.serve import federation
from graphbuild.serve.protocol import SparqlRequest
from graphbuild.serve.tasks import Answer, Task, remote_errors_hidden
from graphbuild.serve.workers import StoreSource, WorkerPool

GRAPH_PAGE_S = 60.0  # the graph view reads the whole store: its time limit is at least this


@dataclass(frozen=True, slots=True)
class EndpointOptions:
    """How the endpoint runs; ``timeout_s`` and ``result_limit`` default to ``Settings``'
    ``query_timeout_s`` and ``query_result_limit``.

    * ``timeout_s``: a query's time from arrival (waiting for a worker included); then 503.
    * ``result_limit``: rows or triples returned at most (``X-Graphbuild-Truncated: true``).
    * ``workers``: queries that run at once, each in its own process, plus one spare that
      takes a query for ``spare_s`` seconds while all of them are busy.
    * ``reopen_s``: a worker re-opens a store folder this often, to show a build's progress.
    * ``allow_update`` and ``token``: ``POST /update`` with ``Authorization: Bearer TOKEN``.
    * ``federation``: hosts (``HOST`` or ``HOST:PORT``) that SERVICE and LOAD may contact;
      empty: none.
    """

    timeout_s: float = 30.0
    result_limit: int = 10_000
    workers: int = 4
    spare_s: float = 2.0
    reopen_s: float = 2.0
    allow_update: bool = False
    token: str | None = None
    federation: tuple[str, ...] = ()

    def checked(self) -> EndpointOptions:
        """These options, or a GraphbuildError saying which one is unusable."""
        if self.allow_update and not self.token:
            raise StoreError("--allow-update needs a --token: updates must be authenticated")
        if self.workers < 1 or self.timeout_s <= 0 or self.result_limit < 1:
            raise GraphbuildError("--workers, --timeout and --limit must be positive numbers")
        try:
            federation.allowed_hosts(self.federation)
        except ValueError as exc:
            raise GraphbuildError(f"--allow-federation: {exc}; give HOST or HOST:PORT") from None
        return self


def _page_fields(fields: Mapping[str, list[str]]) -> tuple[dict[str, str], int, int]:
    """The parameters, ``limit`` and ``offset`` of a saved-query request (400 if malformed)."""
    params = {k: v[0] for k, v in fields.items() if k not in ("limit", "offset")}
    try:
        limit = int(fields.get("limit", [str(PAGE_SIZE)])[0])
        offset = int(fields.get("offset", ["0"])[0])
    except ValueError:
        raise RequestError(400, "limit and offset must be whole numbers") from None
    if limit < 1 or offset < 0:
        raise RequestError(400, "limit must be ≥ 1 and offset ≥ 0")
    return params, limit, offset


class Endpoint:
    """Answers the endpoint's requests; see the module docstring."""

    def __init__(self, store: Store, options: EndpointOptions | None = None) -> None:
        self.options = (options or EndpointOptions()).checked()
        self.store = store
        self.allowed = federation.allowed_hosts(self.options.federation)
        self._update_lock = threading.Lock()
        self.pool = WorkerPool(self._source, self.options.workers, self.options.spare_s)

    def _source(self) -> StoreSource:
        """What a new worker reads: the store folder, or a snapshot of an in-memory store."""
        opts = self.options
        if self.store.path is not None:
            return StoreSource(str(self.store.path), b"", opts.reopen_s, opts.result_limit)
        with self._update_lock:
            snapshot = self.store.ox.dump(format=RdfFormat.N_QUADS) or b""
        return StoreSource(None, snapshot, opts.reopen_s, opts.result_limit)

    def start(self) -> None:
        """Start the workers now (else on the first request); StoreError if they cannot."""
        self.pool.start()

    def query(self, request: SparqlRequest, accept: str) -> Answer:
        """A /sparql request; RefusedQueryError for a SERVICE to a host not allowed."""
        federated = bool(federation.check(request.text, self.allowed, PREFIXES))
        return self.pool.run(Task("sparql", request, accept, federated), self.options.timeout_s)

    def saved(self, name: str, fields: Mapping[str, list[str]], accept: str) -> Answer:
        """A /saved/NAME request: one page of a saved query."""
        params, limit, offset = _page_fields(fields)
        task = Task(
            "saved",
            accept=accept,
            saved=name,
            params=tuple(params.items()),
            limit=limit,
            offset=offset,
        )
        return self.pool.run(task, self.options.timeout_s)

    def graph(self) -> Answer:
        """The /graph page, which may take longer than a query: at least GRAPH_PAGE_S."""
        return self.pool.run(Task("graph"), max(self.options.timeout_s, GRAPH_PAGE_S))

    def update(self, request: SparqlRequest, authorization: str | None) -> Answer:
        """A /update request if updates are allowed and the bearer token matches (403 if
        not); LOAD and SERVICE only from allowed hosts. Answers 204 when done."""
        expected = f"Bearer {self.options.token}" if self.options.token else None
        if not self.options.allow_update or expected is None:
            raise RequestError(403, "updates are disabled; start with --allow-update --token")
        if not authorization or not hmac.compare_digest(authorization, expected):
            raise RequestError(403, "missing or wrong bearer token")
        if request.has_dataset:
            raise RequestError(400, "using-graph-uri and using-named-graph-uri are not supported")
        remote = bool(federation.check(request.text, self.allowed, PREFIXES))
        with self._update_lock, translated_errors(request.text), remote_errors_hidden(remote):
            self.store.ox.update(request.text, prefixes=PREFIXES)
        self.pool.refresh()
        return Answer(204, "text/plain", b"")

    def close(self) -> None:
        """Stop the workers."""
        self.pool.close()
