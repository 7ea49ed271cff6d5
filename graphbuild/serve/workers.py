"""Query workers: processes that run queries, so that a query past its time can be stopped.

Oxigraph cannot cancel a running query and Python cannot stop a thread, so every query runs in
a worker process (:func:`worker_main`), which the server kills when the query's time is up and
replaces with a fresh one. A worker is a new interpreter (``python -m graphbuild.serve``)
talking pickled :class:`Task` and :class:`Answer` records over a socket pair, so it does not
depend on how the server's own process was started (a script, a notebook, pytest).

Scheduling (:class:`WorkerPool`):

* ``size`` workers take queries as they come. One more, the *spare*, takes a query only while
  all of them are busy, and stops it after ``spare_s`` seconds: a cheap query (``ASK {}``) is
  answered while expensive ones run, and an expensive one is told the server is busy instead
  of taking the last worker for the whole time limit.
* A request waits for a free worker at most until its deadline (arrival + time limit); past
  it, it is answered 503 and never runs.
* A worker that dies (a crash in the store library) is replaced; its request gets a 500.

Example:
    >>> pool = WorkerPool(lambda: StoreSource(), size=1)
    >>> pool.run(Task("sparql", SparqlRequest("ASK {}")), timeout_s=30).status
    200
    >>> pool.close()
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from pyoxigraph import RdfFormat

import graphbuild
from graphbuild.errors import GraphbuildError, QueryTimeoutError, StoreError
from graphbuild.graph.store import Store
from graphbuild.serve.protocol import SparqlRequest
from graphbuild.serve.tasks import Answer, Task, answer

__all__ = ["SparqlRequest", "StoreSource", "Task", "WorkerPool", "worker_main"]

_START_S = 60.0  # how long a new worker may take to open the store


@dataclass(frozen=True, slots=True)
class StoreSource:
    """What a worker reads: a store folder (opened read-only, reopened every ``reopen_s``
    seconds to show a build's progress) or an N-Quads snapshot of an in-memory store."""

    path: str | None = None
    snapshot: bytes = b""
    reopen_s: float = 2.0
    result_limit: int = 10_000


def _open(source: StoreSource) -> Store:
    """The worker's own store: a read-only opening of the folder, or the snapshot loaded."""
    if source.path is not None:
        return Store.open(Path(source.path), read_only=True)
    store = Store.open(None)
    if source.snapshot:
        store.ox.load(source.snapshot, format=RdfFormat.N_QUADS)
    return store


def _die_with(parent: int) -> None:
    """End this worker when its server is gone, even in the middle of a query.

    On Linux the kernel sends SIGKILL when the thread that started the worker ends
    (``PR_SET_PDEATHSIG``; the pool starts workers from one thread that lives as long as the
    server). Elsewhere a thread polls the parent's pid, which works while pyoxigraph has
    released the GIL.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(1, signal.SIGKILL) == 0:  # 1 = PR_SET_PDEATHSIG
            if os.getppid() != parent:  # the server died before prctl took effect
                os._exit(1)
            return
    except (OSError, AttributeError):
        pass

    def poll() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=poll, daemon=True).start()


def worker_main(conn: Connection, parent: int) -> None:
    """A worker process: read its StoreSource, open the store, say so (None, or an error
    Answer), then answer tasks one at a time until the server closes the connection."""
    _die_with(parent)
    source: StoreSource = conn.recv()
    try:
        store = _open(source)
    except GraphbuildError as exc:
        conn.send(Answer.error(503, str(exc)))
        return
    conn.send(None)
    opened = time.monotonic()
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if source.path is not None and time.monotonic() - opened > source.reopen_s:
            # if the store cannot be read now, keep answering from the last state that could
            with contextlib.suppress(GraphbuildError):
                store, opened = _open(source), time.monotonic()
        conn.send(answer(store, task, source.result_limit))


def _child_env() -> dict[str, str]:
    """The environment of a worker: this one, with the graphbuild package this process runs
    first on the path (a worker must run the same code as the server)."""
    root = str(Path(graphbuild.__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}


class _Worker:
    """One worker process (``python -m graphbuild.serve FD``) and the server's end of
    the socket pair it answers on."""

    def __init__(self, source: StoreSource, spare: bool, generation: int) -> None:
        mine, theirs = socket.socketpair()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graphbuild.serve", str(theirs.fileno()), str(os.getpid())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=_child_env(),
        )
        theirs.close()
        self.conn = Connection(mine.detach())
        self.conn.send(source)
        self.spare = spare
        self.generation = generation

    def ready(self) -> Answer | None:
        """Wait until the worker has opened its store: None, or why it could not."""
        if not self.conn.poll(_START_S):
            return Answer.error(503, f"a query worker did not start within {_START_S:g} s")
        message: Answer | None = self.conn.recv()
        return message

    def ask(self, task: Task, seconds: float) -> Answer | None:
        """The worker's answer, or None if it takes longer than ``seconds``. EOFError or
        OSError if the worker died."""
        self.conn.send(task)
        if not self.conn.poll(max(seconds, 0.0)):
            return None
        result: Answer = self.conn.recv()
        return result

    def stop(self) -> None:
        """Kill the process (a running query included) and wait for it."""
        self.process.kill()
        self.process.wait(5)
        self.conn.close()


class WorkerPool:
    """``size`` query workers and a spare, each its own process (see the module docstring).

    ``source_of`` says what a new worker reads; it is asked again for every replacement, so
    a snapshot of an in-memory store is as fresh as the store.
    """

    def __init__(
        self, source_of: Callable[[], StoreSource], size: int = 4, spare_s: float = 2.0
    ) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.size = size
        self.spare_s = spare_s
        self._source_of = source_of
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._running: set[_Worker] = set()  # every live worker, idle or busy
        self._spare: list[_Worker] = []
        self._generation = 0
        self._started = False
        self._closed = False
        # every worker is started from this one thread: a worker dies with the thread that
        # started it (PR_SET_PDEATHSIG), so that thread must live as long as the pool
        self._births: queue.Queue[tuple[StoreSource, bool, int, queue.Queue[_Worker]]] = (
            queue.Queue()
        )
        threading.Thread(target=self._midwife, daemon=True, name="sparql-workers").start()

    def _midwife(self) -> None:
        while True:
            source, spare, generation, born = self._births.get()
            born.put(_Worker(source, spare, generation))

    def _new_worker(self, source: StoreSource, spare: bool, generation: int) -> _Worker:
        """A new worker process, started from the pool's own thread."""
        born: queue.Queue[_Worker] = queue.Queue(maxsize=1)
        self._births.put((source, spare, generation, born))
        return born.get()

    def start(self) -> None:
        """Start every worker and wait until each has opened the store (StoreError if not)."""
        with self._cond:
            if self._started:
                return
            self._started = True
        source = self._source_of()
        workers = [
            self._new_worker(source, i == self.size, self._generation) for i in range(self.size + 1)
        ]
        failures = [f for f in (w.ready() for w in workers) if f is not None]
        if failures:
            for worker in workers:
                worker.stop()
            with self._cond:
                self._started = False  # the next request tries again
            raise StoreError(failures[0].body.decode("utf-8").strip())
        for worker in workers:
            self._add(worker)

    def _add(self, worker: _Worker) -> None:
        """Put a ready worker where a request can take it."""
        with self._cond:
            if self._closed:
                worker.stop()
                return
            self._running.add(worker)
            (self._spare if worker.spare else self._idle).append(worker)
            self._cond.notify()

    def _acquire(self, deadline: float) -> tuple[_Worker, float]:
        """A free worker and the time its query must be done by; QueryTimeoutError when
        none became free before ``deadline``."""
        with self._cond:
            while True:
                now = time.monotonic()
                if self._idle:
                    return self._idle.pop(), deadline
                if self._spare:
                    return self._spare.pop(), min(deadline, now + self.spare_s)
                if now >= deadline or not self._cond.wait(deadline - now):
                    raise QueryTimeoutError(
                        "server busy: no query worker became free before the time limit, "
                        "so the query was not run; try again later"
                    )

    def _release(self, worker: _Worker) -> None:
        """Give a worker back, or replace it if the store changed since it opened it."""
        if worker.generation != self._generation:
            self._replace(worker)
        else:
            self._add(worker)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start a new one in its place, in the background."""
        threading.Thread(target=self._respawn, args=(worker,), daemon=True).start()

    def _respawn(self, worker: _Worker) -> None:
        with self._cond:
            self._running.discard(worker)
        worker.stop()
        for attempt in range(3):
            if self._closed:
                return
            generation = self._generation  # read before the snapshot: never newer than it
            new = self._new_worker(self._source_of(), worker.spare, generation)
            failure = new.ready()
            if failure is None:
                self._add(new)
                return
            new.stop()
            time.sleep(2**attempt)
        print("graphbuild serve: a query worker could not be restarted", file=sys.stderr)

    def run(self, task: Task, timeout_s: float) -> Answer:
        """The answer to ``task`` from a worker within ``timeout_s`` seconds of now;
        QueryTimeoutError if it waited or ran longer (the query is stopped)."""
        self.start()
        started = time.monotonic()
        worker, until = self._acquire(started + timeout_s)
        try:
            result = worker.ask(task, until - time.monotonic())
        except (EOFError, OSError):
            code = worker.process.poll()
            self._replace(worker)
            return Answer.error(500, f"the query worker stopped (exit code {code}); try again")
        if result is not None:
            self._release(worker)
            return result
        self._replace(worker)
        ran = time.monotonic() - started
        if worker.spare and until < started + timeout_s:
            raise QueryTimeoutError(
                f"query timed out and was stopped after {ran:.1f} s: every query worker was busy "
                f"and the spare one gives a query {self.spare_s:g} s; try again later"
            )
        raise QueryTimeoutError(
            f"query timed out and was stopped after {ran:.1f} s (time limit {timeout_s:g} s); "
            "add a LIMIT or narrow the query"
        )

    def refresh(self) -> None:
        """The store changed (an update): replace every worker so each reads the new state."""
        with self._cond:
            self._generation += 1
            stale, self._idle, self._spare = self._idle + self._spare, [], []
        for worker in stale:
            self._replace(worker)

    def close(self) -> None:
        """Stop every worker, a running query included."""
        with self._cond:
            self._closed = True
            running, self._running = self._running, set()
            self._idle, self._spare = [], []
        for worker in running:
            worker.stop()
