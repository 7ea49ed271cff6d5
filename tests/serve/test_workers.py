"""Time limits that stop queries: worker processes killed and replaced, cheap queries answered
while expensive ones run, queued requests dropped past their deadline, crashes answered."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from graphbuild.errors import StoreError
from graphbuild.serve.protocol import SparqlRequest
from graphbuild.serve.workers import StoreSource, Task, WorkerPool

from .conftest import EXPENSIVE, Reply, Server


def _in_threads(server: Server, queries: list[str]) -> tuple[list[threading.Thread], list[Reply]]:
    """Send each query from its own thread; the replies land in the list as they come."""
    replies: list[Reply] = []

    def send(sparql: str) -> None:
        try:
            replies.append(server.query(sparql, timeout=120))
        except OSError as exc:  # the server was killed
            replies.append(Reply(0, {}, str(exc).encode()))

    threads = [threading.Thread(target=send, args=(q,)) for q in queries]
    for t in threads:
        t.start()
    return threads, replies


def _wait_until(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_workers_pool_answers_and_stops_a_query_past_its_time() -> None:
    pool = WorkerPool(lambda: StoreSource(), size=1, spare_s=1)
    try:
        assert pool.run(Task("sparql", SparqlRequest("ASK {}")), 30).status == 200
        with pytest.raises(Exception, match="timed out"):
            pool.run(Task("sparql", SparqlRequest(EXPENSIVE)), 1)
        assert pool.run(Task("sparql", SparqlRequest("ASK {}")), 30).status == 200
    finally:
        pool.close()


@pytest.mark.server
def test_workers_timed_out_query_is_killed_and_replaced(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "1")
    before = server.workers()
    assert len(before) == 2  # one worker and the spare
    reply = server.query(EXPENSIVE)
    assert reply.status == 503 and "timed out" in reply.text and "stopped" in reply.text
    assert _wait_until(lambda: len(server.workers()) == 2 and server.workers() != before)
    killed = before - server.workers()
    assert killed and not any(Path(f"/proc/{pid}").exists() for pid in killed)
    assert server.query("ASK {}").status == 200


@pytest.mark.slow
@pytest.mark.server
def test_workers_cheap_query_answered_while_four_expensive_ones_run(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "4", "--timeout", "8")
    threads, replies = _in_threads(server, [EXPENSIVE] * 4)
    time.sleep(1.0)  # the four are running
    cheap = server.query("ASK { ?s ?p ?o }")
    finished_before_cheap = len(replies)
    for t in threads:
        t.join()
    assert cheap.status == 200 and b"true" in cheap.body
    assert finished_before_cheap == 0  # answered while all four still ran
    assert [r.status for r in replies] == [503] * 4


@pytest.mark.slow
@pytest.mark.server
def test_workers_spare_gives_an_expensive_query_two_seconds(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "8")
    threads, replies = _in_threads(server, [EXPENSIVE])
    time.sleep(0.5)  # the worker is busy: the next query runs on the spare
    assert server.query("ASK {}").status == 200
    started = time.monotonic()
    on_spare = server.query(EXPENSIVE)
    assert on_spare.status == 503 and "spare" in on_spare.text
    assert time.monotonic() - started < 6  # stopped at the spare's limit, not at 8 s
    threads[0].join()
    assert replies[0].status == 503 and "time limit 8 s" in replies[0].text


@pytest.mark.server
def test_workers_request_queued_past_its_deadline_is_not_run(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "1")
    threads, replies = _in_threads(server, [EXPENSIVE] * 3)
    for t in threads:
        t.join()
    assert [r.status for r in replies] == [503] * 3
    assert sum("not run" in r.text for r in replies) >= 1
    assert _wait_until(lambda: server.query("ASK {}").status == 200)  # workers replaced


@pytest.mark.slow
@pytest.mark.server
def test_workers_killed_worker_is_answered_500_and_replaced(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "60")
    threads, replies = _in_threads(server, [EXPENSIVE])
    time.sleep(1.0)
    for pid in server.workers():
        os.kill(pid, signal.SIGKILL)  # a crash in the store library, say
    threads[0].join()
    assert replies[0].status == 500 and "worker stopped" in replies[0].text
    assert _wait_until(lambda: server.query("ASK {}", timeout=60).status == 200)


@pytest.mark.server
def test_workers_failures_leave_no_traceback_or_pyo3_warning_in_the_log(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "1")
    statuses = [
        server.query("SELECT ?s WHERE {").status,
        server.query("SELECT * { SERVICE ?svc { ?s ?p ?o } }").status,
        server.query(EXPENSIVE).status,
        server.query(
            'SELECT (STRDT("x", <http://www.w3.org/2001/XMLSchema#int>) + 1 AS ?x) {}'
        ).status,
        server.request("GET", "/saved/nope").status,
        server.request("GET", "/nothing").status,
    ]
    assert statuses == [400, 400, 503, 200, 404, 404]
    server.proc.terminate()
    server.proc.wait(timeout=20)
    log = server.log.read_text()
    assert "Traceback" not in log and "unsendable" not in log, log


@pytest.mark.server
def test_workers_die_with_a_killed_server_even_mid_query(
    start_server: Callable[..., Server],
) -> None:
    server = start_server("--workers", "1", "--timeout", "60")
    threads, _ = _in_threads(server, [EXPENSIVE])
    time.sleep(1.0)
    workers = server.workers()
    assert len(workers) == 2
    server.proc.kill()
    server.proc.wait(timeout=20)
    threads[0].join()
    assert _wait_until(lambda: not any(Path(f"/proc/{pid}").exists() for pid in workers), 10)


def test_workers_pool_that_cannot_open_the_store_says_why(tmp_path: Path) -> None:
    pool = WorkerPool(lambda: StoreSource(path=str(tmp_path / "missing")), size=1)
    with pytest.raises(StoreError, match="no store here"):
        pool.start()
    pool.close()
