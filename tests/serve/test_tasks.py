"""What a worker answers: every error becomes a status and one line, by its type; results are
read to the end before anything is sent."""

from __future__ import annotations

import json

import pytest

from graphbuild.errors import (
    GraphbuildError,
    QueryError,
    QueryTimeoutError,
    RefusedQueryError,
    RequestError,
    StoreError,
    UnknownQueryError,
)
from graphbuild.graph.store import Store
from graphbuild.serve.handler import sparql_from_get, sparql_from_post
from graphbuild.serve.protocol import SparqlRequest
from graphbuild.serve.tasks import Answer, Task, answer, error_answer, status_of


@pytest.mark.parametrize(
    "error, status",
    [
        (RequestError(415, "charset"), 415),
        (UnknownQueryError("no saved query 'x'"), 404),
        (QueryTimeoutError("timed out"), 503),
        (StoreError("cannot read"), 503),
        (RefusedQueryError("SERVICE refused"), 400),
        (QueryError("invalid SPARQL"), 400),
        (GraphbuildError("other"), 500),
        (KeyError("bug"), 500),
    ],
)
def test_tasks_status_by_error_type(error: Exception, status: int) -> None:
    assert status_of(error) == status
    answer_ = error_answer(error)
    assert answer_.status == status and answer_.body.count(b"\n") == 1


def test_tasks_error_answer_is_one_line() -> None:
    assert Answer.error(400, "a\nb\n  c").body == b"a b c\n"


def test_tasks_error_raised_while_reading_rows_is_an_answer(memory_store: Store) -> None:
    # pyoxigraph starts this query, then raises RuntimeError on the first row
    task = Task("sparql", SparqlRequest("SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }"))
    reply = answer(memory_store, task)
    assert reply.status == 400 and b"unbound" in reply.body


def test_tasks_federated_errors_carry_nothing_remote(memory_store: Store) -> None:
    task = Task("sparql", SparqlRequest("SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }"), "", True)
    reply = answer(memory_store, task)
    assert reply.status == 400 and b"unbound" not in reply.body and b"federated" in reply.body


def test_tasks_result_limit_truncates_and_says_so(memory_store: Store) -> None:
    reply = answer(memory_store, Task("sparql", SparqlRequest("SELECT * { ?s ?p ?o }")), limit=3)
    assert len(json.loads(reply.body)["results"]["bindings"]) == 3
    assert ("X-Graphbuild-Truncated", "true") in reply.headers


def test_tasks_graph_result_not_acceptable_is_406(memory_store: Store) -> None:
    task = Task("sparql", SparqlRequest("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"), "text/csv")
    reply = answer(memory_store, task)
    assert reply.status == 406 and b"text/turtle" in reply.body


def _count(store: Store, default_graphs: tuple[str, ...]) -> int:
    request = SparqlRequest("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", default_graphs)
    doc = json.loads(answer(store, Task("sparql", request)).body)
    return int(doc["results"]["bindings"][0]["n"]["value"])


def test_tasks_dataset_names_the_default_graph(memory_store: Store) -> None:
    graph = str(memory_store.articles()[0].value)
    assert 0 < _count(memory_store, (graph,)) < _count(memory_store, ())


def test_tasks_saved_query_unknown_is_404(memory_store: Store) -> None:
    assert answer(memory_store, Task("saved", saved="nope")).status == 404


def test_tasks_post_bodies() -> None:
    form = "application/x-www-form-urlencoded"
    assert sparql_from_post(form, "query=ASK+%7B%7D", "", "utf-8").text == "ASK {}"
    direct = sparql_from_post(
        "application/sparql-query", "ASK {}", "default-graph-uri=urn:g", "utf-8"
    )
    assert direct.default_graphs == ("urn:g",)
    with pytest.raises(RequestError) as exc:
        sparql_from_post("text/plain", "ASK {}", "", "utf-8")
    assert exc.value.status == 415
    with pytest.raises(RequestError, match="2 query"):
        sparql_from_post(form, "query=ASK+%7B%7D", "query=ASK+%7B%7D", "utf-8")
    assert sparql_from_get("query=ASK%20%7B%7D").text == "ASK {}"
    update = sparql_from_post("application/sparql-update", "CLEAR ALL", "", "utf-8", update=True)
    assert update.text == "CLEAR ALL"
