"""SERVICE and LOAD: found however they are written, refused unless their host is allowed,
and nothing a remote server answers reaches the client (SSRF)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import quote

import pytest

from graphbuild.errors import RefusedQueryError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.serve.federation import Call, allowed_hosts, calls, check

from .conftest import Server

TARGET = "http://127.0.0.1:7991/x"
SECRET = "internal-secret-4711"


@pytest.mark.parametrize(
    "sparql",
    [
        f"SELECT * WHERE {{ SERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service <{TARGET}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SeRvIcE SILENT <{TARGET}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE silent\n<{TARGET}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE # a comment\n <{TARGET}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o .SERVICE<{TARGET}>{{ ?s ?p ?o }} }}",
        "PREFIX int: <http://127.0.0.1:7991/> SELECT * { SERVICE int:x { ?s ?p ?o } }",
        "PREFIX : <http://127.0.0.1:7991/> SELECT * { SERVICE :x { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:7991/> SELECT * { SERVICE <x> { ?s ?p ?o } }",
        f"SELECT * {{ \\u0053ERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
        f"SELECT * {{ ?s ?p '''x''' SERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
    ],
)
def test_federation_service_to_an_internal_host_is_found(sparql: str) -> None:
    assert calls(sparql) == (Call("SERVICE", TARGET),)
    with pytest.raises(RefusedQueryError, match="SERVICE"):
        check(sparql, allowed_hosts([]))


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE SILENT $svc { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE nope:x { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <relative> { ?s ?p ?o } }",
    ],
)
def test_federation_service_without_a_fixed_iri_is_refused_even_when_hosts_are_allowed(
    sparql: str,
) -> None:
    with pytest.raises(RefusedQueryError, match="fixed"):
        check(sparql, allowed_hosts(["127.0.0.1", "example.org"]))


@pytest.mark.parametrize(
    "sparql",
    [
        "SELECT ?service WHERE { ?service a <http://example.org/Service> }",
        "SELECT * WHERE { ?s <http://example.org/SERVICE> 'SERVICE <http://127.0.0.1/>' }",
        'SELECT * WHERE { ?s ?p """\nSERVICE <http://127.0.0.1/> { } """ }',
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://127.0.0.1/> { }",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:load ?o }",
        "SELECT * WHERE { ?s gb:said ?q }",
    ],
)
def test_federation_words_in_names_strings_and_comments_are_no_calls(sparql: str) -> None:
    assert calls(sparql, PREFIXES) == ()
    assert check(sparql, allowed_hosts([]), PREFIXES) == ()


@pytest.mark.parametrize(
    "update",
    [
        f"LOAD <{TARGET}>",
        f"load silent <{TARGET}> INTO GRAPH <urn:g>",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{TARGET}> {{ ?s ?p ?o }} }}",
    ],
)
def test_federation_load_and_service_in_updates_are_refused(update: str) -> None:
    with pytest.raises(RefusedQueryError, match="refused"):
        check(update, allowed_hosts([]))


@pytest.mark.parametrize(
    "allowed, target, ok",
    [
        (["127.0.0.1:7991"], TARGET, True),
        (["127.0.0.1"], TARGET, True),
        (["127.0.0.1:7992"], TARGET, False),
        (["query.wikidata.org"], "https://query.wikidata.org/sparql", True),
        (["query.wikidata.org:443"], "https://query.wikidata.org/sparql", True),
        (["query.wikidata.org:80"], "https://query.wikidata.org/sparql", False),
        (["example.org"], "http://example.org@127.0.0.1:7991/", False),
        (["127.0.0.1"], "file:///etc/passwd", False),
        (["[::1]:7991"], "http://[::1]:7991/x", True),
    ],
)
def test_federation_allow_list_matches_host_and_port(
    allowed: list[str], target: str, ok: bool
) -> None:
    sparql = f"ASK {{ SERVICE <{target}> {{ }} }}"
    if ok:
        assert check(sparql, allowed_hosts(allowed)) == (Call("SERVICE", target),)
    else:
        with pytest.raises(RefusedQueryError):
            check(sparql, allowed_hosts(allowed))


def test_federation_malformed_allow_list_entry_is_an_error() -> None:
    with pytest.raises(ValueError, match="host"):
        allowed_hosts([":80"])


# ------------------------------------------------------------------ against a real server


class _Target(BaseHTTPRequestHandler):
    """An 'internal' service: counts requests, answers with a secret in an error body."""

    hits: ClassVar[list[str]] = []
    status = 500
    media = "text/html"
    body = f"<h1>{SECRET}</h1>".encode()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self) -> None:
        self.hits.append(self.command)
        self.send_response(self.status)
        self.send_header("Content-Type", self.media)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = _answer


class _Endpoint(_Target):
    """A well-behaved remote SPARQL endpoint: one solution, ?o = "from afar"."""

    status = 200
    media = "application/sparql-results+json"
    body = json.dumps(
        {
            "head": {"vars": ["o"]},
            "results": {"bindings": [{"o": {"type": "literal", "value": "from afar"}}]},
        }
    ).encode()


@pytest.fixture(params=[_Target])
def target(request: pytest.FixtureRequest) -> Iterator[tuple[int, list[str]]]:
    handler = request.param
    handler.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], handler.hits
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.server
def test_federation_real_server_refuses_service_and_never_contacts_the_target(
    start_server: Callable[..., Server], target: tuple[int, list[str]]
) -> None:
    port, hits = target
    server = start_server("--workers", "1")
    variants = [
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
        f"select * {{ service silent <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}",
        f"PREFIX i: <http://127.0.0.1:{port}/> SELECT * {{ SERVICE i:x {{ ?s ?p ?o }} }}",
        "SELECT * WHERE { SERVICE ?svc { ?s ?p ?o } }",
    ]
    for sparql in variants:
        reply = server.query(sparql)
        assert reply.status == 400, (sparql, reply.text)
        assert "SERVICE" in reply.text and "refused" in reply.text
        assert reply.text.count("\n") == 1  # one line
    form = f"query={quote(variants[0])}".encode()
    reply = server.request(
        "POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert reply.status == 400 and "refused" in reply.text
    assert hits == []
    assert server.query("ASK { ?s ?p ?o }").status == 200


@pytest.mark.server
def test_federation_allowed_host_is_contacted_but_its_answer_is_not_passed_on(
    start_server: Callable[..., Server], target: tuple[int, list[str]]
) -> None:
    port, hits = target
    server = start_server("--workers", "1", "--allow-federation", f"127.0.0.1:{port}")
    reply = server.query(f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}")
    assert hits, "the allowed host was not contacted"
    assert reply.status == 400 and SECRET not in reply.text and "federated" in reply.text
    other = free_port_not(port)
    reply = server.query(
        f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{other}/x> {{ ?s ?p ?o }} }}"
    )
    assert reply.status == 400 and "not in --allow-federation" in reply.text
    log = server.log.read_text()
    assert "Traceback" not in log and "unsendable" not in log


def free_port_not(port: int) -> int:
    return port + 1 if port < 65535 else port - 1


@pytest.mark.server
@pytest.mark.parametrize("target", [_Endpoint], indirect=True)
def test_federation_allowed_host_answers_reach_the_client(
    start_server: Callable[..., Server], target: tuple[int, list[str]]
) -> None:
    port, hits = target
    server = start_server("--workers", "1", "--allow-federation", f"127.0.0.1:{port}")
    reply = server.query(
        f"SELECT ?o WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    )
    assert reply.status == 200, reply.text
    assert [b["o"]["value"] for b in json.loads(reply.body)["results"]["bindings"]] == ["from afar"]
    assert hits
