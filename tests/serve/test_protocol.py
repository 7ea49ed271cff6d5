"""The SPARQL 1.1 Protocol details, unit by unit and against a real `graphbuild serve`."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable
from email.message import Message
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from pyoxigraph import RdfFormat, parse

from graphbuild.errors import RequestError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.serve.protocol import content_type, negotiate, read_body, sparql_request

from .conftest import Server, example_store

JSON = "application/sparql-results+json"
RESULTS = [JSON, "application/sparql-results+xml", "text/csv"]
CONSTRUCT = "CONSTRUCT { ?q gb:text ?t } WHERE { ?q gb:text ?t }"


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("", JSON),
        ("*/*", JSON),
        ("text/csv", "text/csv"),
        (f"{JSON};q=0, text/csv", "text/csv"),
        (f"{JSON};q=0, */*;q=0.1", "application/sparql-results+xml"),
        (f"text/csv;q=0.5, {JSON};q=0.9", JSON),
        ("text/*;q=0.2, application/sparql-results+xml;q=0.3", "application/sparql-results+xml"),
        (f"{JSON};q=0", None),
        (f"{JSON};q=zero", None),
        ("image/png", None),
    ],
)
def test_protocol_accept_q_values(accept: str, expected: str | None) -> None:
    assert negotiate(accept, RESULTS) == expected


def _headers(**values: str) -> Message:
    msg = Message()
    for name, value in values.items():
        msg[name.replace("_", "-")] = value
    return msg


@pytest.mark.parametrize(
    "length, status", [("abc", 400), ("-5", 400), ("1e3", 400), ("99999999999", 413)]
)
def test_protocol_bad_content_length(length: str, status: int) -> None:
    with pytest.raises(RequestError) as exc:
        read_body(_headers(Content_Length=length), io.BytesIO(b"x"))
    assert exc.value.status == status


def test_protocol_body_read_to_content_length() -> None:
    assert read_body(_headers(Content_Length="3"), io.BytesIO(b"abcdef")) == b"abc"
    assert read_body(_headers(), io.BytesIO(b"abc")) == b""
    with pytest.raises(RequestError) as exc:
        read_body(_headers(Transfer_Encoding="chunked"), io.BytesIO(b""))
    assert exc.value.status == 411


def test_protocol_charset() -> None:
    assert content_type(_headers(Content_Type="application/sparql-query")) == (
        "application/sparql-query",
        "utf-8",
    )
    ctype = _headers(Content_Type="application/x-www-form-urlencoded; charset=ISO-8859-1")
    assert content_type(ctype)[1].lower() == "iso-8859-1"
    with pytest.raises(RequestError) as exc:
        content_type(_headers(Content_Type="application/sparql-query; charset=x-nonsense"))
    assert exc.value.status == 415


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "missing query"),
        ({"query": [""]}, "missing query"),
        ({"query": ["ASK {}", "ASK {}"]}, "2 query parameters"),
        ({"query": ["ASK {}"], "default-graph-uri": ["not an iri"]}, "absolute IRI"),
    ],
)
def test_protocol_malformed_parameters_are_400(fields: dict[str, list[str]], message: str) -> None:
    with pytest.raises(RequestError, match=message) as exc:
        sparql_request(fields)
    assert exc.value.status == 400


def test_protocol_query_in_body_and_form_counts_twice() -> None:
    with pytest.raises(RequestError, match="2 query"):
        sparql_request({"query": ["ASK {}"]}, "ASK {}")


# ------------------------------------------------------------------ against a real server


@pytest.fixture(scope="module")
def server(start_server: Callable[..., Server]) -> Server:
    return start_server("--workers", "1")


@pytest.mark.server
def test_protocol_second_query_parameter_is_400(server: Server) -> None:
    reply = server.request("GET", f"/sparql?query={quote('ASK {}')}&query={quote('ASK {}')}")
    assert reply.status == 400 and "exactly one" in reply.text


@pytest.mark.server
@pytest.mark.parametrize("length", ["abc", "-1", "-100000"])
def test_protocol_bad_content_length_is_400_and_blocks_nothing(server: Server, length: str) -> None:
    started = time.monotonic()
    reply = server.request(
        "POST",
        "/sparql",
        b"ASK {}",
        {"Content-Type": "application/sparql-query", "Content-Length": length},
        timeout=20,
    )
    assert reply.status == 400 and "Content-Length" in reply.text
    assert time.monotonic() - started < 20  # answered, not waiting for a body that never ends
    assert server.query("ASK {}").status == 200


@pytest.mark.server
def test_protocol_charset_is_honoured_or_415(server: Server) -> None:
    sparql = 'SELECT ("Gespräch" AS ?x) {}'
    form = urlencode({"query": sparql}, encoding="latin-1").encode("ascii")
    reply = server.request(
        "POST",
        "/sparql",
        form,
        {"Content-Type": "application/x-www-form-urlencoded; charset=ISO-8859-1"},
    )
    assert reply.status == 200, reply.text
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"] == "Gespräch"
    reply = server.request(
        "POST",
        "/sparql",
        sparql.encode("latin-1"),
        {"Content-Type": "application/sparql-query; charset=latin-1"},
    )
    assert json.loads(reply.body)["results"]["bindings"][0]["x"]["value"] == "Gespräch"
    reply = server.request(
        "POST",
        "/sparql",
        sparql.encode("latin-1"),
        {"Content-Type": "application/sparql-query"},  # says UTF-8 by default: it is not
    )
    assert reply.status == 400 and "utf-8" in reply.text
    reply = server.request(
        "POST", "/sparql", b"ASK {}", {"Content-Type": "application/sparql-query; charset=x-what"}
    )
    assert reply.status == 415


@pytest.mark.server
def test_protocol_accept_q_zero_never_served_and_406(server: Server) -> None:
    reply = server.query("SELECT ?s { ?s ?p ?o } LIMIT 1", f"{JSON};q=0, text/csv;q=0.5")
    assert reply.status == 200 and reply.headers["content-type"].startswith("text/csv")
    reply = server.query("SELECT ?s { ?s ?p ?o } LIMIT 1", f"{JSON};q=0, application/json;q=0")
    assert reply.status == 406
    reply = server.query(CONSTRUCT, "text/turtle;q=0, application/n-triples")
    assert reply.headers["content-type"].startswith("application/n-triples")


@pytest.mark.server
@pytest.mark.parametrize(
    "media, fmt",
    [
        ("text/turtle", RdfFormat.TURTLE),
        ("application/n-triples", RdfFormat.N_TRIPLES),
        ("application/rdf+xml", RdfFormat.RDF_XML),
        ("application/ld+json", RdfFormat.JSON_LD),
    ],
)
def test_protocol_construct_in_every_rdf_syntax_reads_back(
    server: Server, media: str, fmt: RdfFormat
) -> None:
    reference = server.query(CONSTRUCT, "application/n-triples")
    expected = {str(q.triple) for q in parse(reference.body, format=RdfFormat.N_TRIPLES)}
    reply = server.query(CONSTRUCT, media)
    assert reply.status == 200 and reply.headers["content-type"].startswith(media)
    assert {str(q.triple) for q in parse(reply.body, format=fmt)} == expected
    assert len(expected) == 2  # the two quotes of the example articles


def _article_graphs(server: Server) -> list[str]:
    reply = server.query("SELECT DISTINCT ?g { GRAPH ?g { ?g a gb:Article } } ORDER BY ?g")
    return [b["g"]["value"] for b in json.loads(reply.body)["results"]["bindings"]]


def _count(server: Server, sparql: str, dataset: dict[str, list[str]]) -> int:
    fields = [("query", sparql)] + [(k, v) for k, vs in dataset.items() for v in vs]
    reply = server.request("GET", "/sparql?" + urlencode(fields))
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


@pytest.mark.server
def test_protocol_default_and_named_graph_uri_are_applied(server: Server) -> None:
    first, second = _article_graphs(server)[:2]
    count = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    in_first = _count(server, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{first}> {{ ?s ?p ?o }} }}", {})
    assert _count(server, count, {"default-graph-uri": [first]}) == in_first
    assert _count(server, count, {}) > in_first  # without it: the union of all graphs
    named = "SELECT (COUNT(DISTINCT ?g) AS ?n) { GRAPH ?g { ?s ?p ?o } }"
    assert _count(server, named, {"named-graph-uri": [second]}) == 1
    assert _count(server, count, {"named-graph-uri": [second]}) == 0  # empty default graph
    reply = server.request(
        "GET", "/sparql?" + urlencode({"query": count, "default-graph-uri": "x"})
    )
    assert reply.status == 400


@pytest.mark.server
def test_protocol_rdflib_sparqlstore_as_a_client(server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    text = f"<{PREFIXES['gb']}text>"
    store = SPARQLStore(f"{server.url}/sparql")
    rows = store.query(f"SELECT ?t WHERE {{ ?q {text} ?t }} ORDER BY ?t")
    assert [str(r[0]) for r in rows] == ["Wir bleiben im Gespräch", "man sei zuversichtlich"]
    # rdflib asks for RDF/XML for graphs
    result = store.query(f"CONSTRUCT {{ ?q {text} ?t }} WHERE {{ ?q {text} ?t }}")
    assert {str(o) for o in result.graph.objects()} == {
        "Wir bleiben im Gespräch",
        "man sei zuversichtlich",
    }


@pytest.mark.server
def test_protocol_favicon(server: Server) -> None:
    page = server.request("GET", "/")
    assert 'rel="icon"' in page.text
    icon = server.request("GET", "/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.body.startswith(b"<svg")


@pytest.mark.server
def test_protocol_update_is_seen_by_the_next_query(
    start_server: Callable[..., Server], tmp_path: Path
) -> None:
    example_store(tmp_path / "store").close()
    server = start_server(
        "--workers", "1", "--allow-update", "--token", "t0k", store=tmp_path / "store"
    )
    ask = "ASK { <urn:x> <urn:p> 'new' }"
    assert json.loads(server.query(ask).body)["boolean"] is False
    update = b"INSERT DATA { <urn:x> <urn:p> 'new' }"
    headers = {"Content-Type": "application/sparql-update", "Authorization": "Bearer t0k"}
    assert server.request("POST", "/update", update, headers).status == 204
    assert json.loads(server.query(ask).body)["boolean"] is True
    wrong = {**headers, "Authorization": "Bearer nope"}
    assert server.request("POST", "/update", update, wrong).status == 403
