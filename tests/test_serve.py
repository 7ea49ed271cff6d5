"""serve: a real SPARQL 1.1 Protocol endpoint on 127.0.0.1, exercised with HTTP requests."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from graphbuild.errors import StoreError
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions
from graphbuild.serve import EndpointOptions, make_server

QUOTES = "SELECT ?name ?text WHERE { ?p gb:said ?q . ?q gb:text ?text . ?p skos:prefLabel ?name } ORDER BY ?text"
SLOW = "SELECT (COUNT(*) AS ?c) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _store() -> Store:
    st = Store.open(None)
    for res in example_resolutions():
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


def _start(**kwargs: object) -> tuple[str, object]:
    options = EndpointOptions(workers=1, **kwargs)  # type: ignore[arg-type]
    server = make_server(_store(), options, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return f"http://{host}:{port}", server


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    url, server = _start(timeout_s=0.1, result_limit=50)
    yield url
    server.shutdown()  # type: ignore[attr-defined]
    server.server_close()  # type: ignore[attr-defined]


def _get(
    url: str,
    accept: str | None = None,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str, str, dict[str, str]]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    if accept:
        req.add_header("Accept", accept)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return (
                resp.status,
                resp.headers.get("Content-Type", ""),
                resp.read().decode(),
                dict(resp.headers),
            )
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode(), dict(exc.headers)


def test_serve_get_query_json_by_default(base: str) -> None:
    code, ctype, body, _ = _get(f"{base}/sparql?query={quote(QUOTES)}")
    assert code == 200 and ctype.startswith("application/sparql-results+json")
    doc = json.loads(body)
    assert doc["head"]["vars"] == ["name", "text"]
    texts = [b["text"]["value"] for b in doc["results"]["bindings"]]
    assert texts == ["Wir bleiben im Gespräch", "man sei zuversichtlich"]


def test_serve_result_formats_by_accept(base: str) -> None:
    url = f"{base}/sparql?query={quote(QUOTES)}"
    code, ctype, body, _ = _get(url, "text/csv")
    assert code == 200 and ctype.startswith("text/csv")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == ["name", "text"] and rows[1] == ["Anna Schmidt", "Wir bleiben im Gespräch"]
    code, ctype, body, _ = _get(url, "application/sparql-results+xml")
    assert code == 200 and "<literal>Wir bleiben im Gespräch</literal>" in body
    code, _, body, _ = _get(url, "text/tab-separated-values")
    assert body.splitlines()[0] == "?name\t?text"
    code, _, body, _ = _get(url, "image/png")
    assert code == 406


def test_serve_post_form_and_direct_body(base: str) -> None:
    code, _, body, _ = _get(
        f"{base}/sparql",
        data=urlencode({"query": "ASK { ?s gb:said ?q }"}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert code == 200 and json.loads(body)["boolean"] is True
    code, ctype, body, _ = _get(
        f"{base}/sparql",
        data=b"CONSTRUCT { ?s gb:said ?q } WHERE { ?s gb:said ?q }",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert code == 200 and ctype.startswith("text/turtle") and "gb:said" in body


def test_serve_bad_query_is_400_with_position(base: str) -> None:
    code, _, body, _ = _get(f"{base}/sparql?query={quote('SELECT ?s WHERE {')}")
    assert code == 400 and "line 1" in body


def test_serve_timeout_is_503(base: str) -> None:
    code, _, body, _ = _get(f"{base}/sparql?query={quote(SLOW)}")
    assert code == 503 and "timed out" in body


def test_serve_result_limit_truncates(base: str) -> None:
    code, _, body, headers = _get(f"{base}/sparql?query={quote('SELECT * WHERE { ?s ?p ?o }')}")
    assert code == 200 and len(json.loads(body)["results"]["bindings"]) == 50
    assert headers.get("X-Graphbuild-Truncated") == "true"


def test_serve_updates_refused_when_read_only(base: str) -> None:
    code, _, body, _ = _get(
        f"{base}/update", data=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"}
    )
    assert code == 403
    code, _, body, _ = _get(f"{base}/sparql?query={quote('ASK { ?s ?p ?o }')}")
    assert json.loads(body)["boolean"] is True


def test_serve_updates_need_flag_and_token() -> None:
    with pytest.raises(StoreError, match="token"):
        make_server(_store(), EndpointOptions(allow_update=True), port=0)
    url, server = _start(allow_update=True, token="s3cret")
    try:
        upd = {"Content-Type": "application/sparql-update"}
        code, *_ = _get(
            f"{url}/update", data=b"CLEAR ALL", headers={**upd, "Authorization": "Bearer nope"}
        )
        assert code == 403
        code, _, body, _ = _get(
            f"{url}/update",
            data=b"LOAD <http://127.0.0.1:9/x>",
            headers={**upd, "Authorization": "Bearer s3cret"},
        )
        assert code == 400 and "LOAD" in body and "refused" in body
        code, *_ = _get(
            f"{url}/update", data=b"CLEAR ALL", headers={**upd, "Authorization": "Bearer s3cret"}
        )
        assert code == 204
        code, _, body, _ = _get(f"{url}/sparql?query={quote('ASK { ?s ?p ?o }')}")
        assert json.loads(body)["boolean"] is False
    finally:
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]


def test_serve_html_pages(base: str) -> None:
    code, ctype, body, _ = _get(f"{base}/")
    assert code == 200 and "text/html" in ctype and "<textarea" in body and "/sparql" in body
    code, ctype, body, _ = _get(f"{base}/graph")
    assert code == 200 and "text/html" in ctype and "Anna Schmidt" in body
    code, *_ = _get(f"{base}/nothing")
    assert code == 404
    code, _, body, _ = _get(f"{base}/update")
    assert code == 405 and "POST" in body


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.server
def test_serve_cli_serves_a_store_over_http(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store.open(path) as st:
        for res in example_resolutions():
            st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphbuild", "serve", "--store", str(path), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                code, _, body, _ = _get(
                    f"http://127.0.0.1:{port}/sparql?query={quote(QUOTES)}", "text/csv"
                )
                break
            except urllib.error.URLError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert code == 200 and "Anna Schmidt,Wir bleiben im Gespräch" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_saved_queries_are_listed_and_paged(base: str) -> None:
    code, ctype, body, _ = _get(f"{base}/saved")
    assert code == 200 and ctype.startswith("application/json")
    listing = {q["name"]: q for q in json.loads(body)}
    assert "person" in listing["who-said-what"]["params"]
    url = f"{base}/saved/who-said-what?{urlencode({'person': 'anna schmidt', 'limit': 1})}"
    code, _, body, headers = _get(url)
    first = json.loads(body)
    assert code == 200 and first["columns"][:2] == ["name", "text"]
    assert len(first["rows"]) == 1 and first["next_offset"] == 1
    assert headers.get("X-Graphbuild-Next-Offset") == "1"
    code, _, body, headers = _get(url + "&offset=1")
    second = json.loads(body)
    assert second["next_offset"] is None and "X-Graphbuild-Next-Offset" not in headers
    texts = {first["rows"][0][1], second["rows"][0][1]}
    assert texts == {"Wir bleiben im Gespräch", "man sei zuversichtlich"}
    code, ctype, body, _ = _get(f"{base}/saved/most-quoted", "text/csv")
    assert code == 200 and ctype.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [
        ["name", "quotes", "articles"],
        ["Anna Schmidt", "2", "2"],
    ]


def test_serve_saved_query_errors(base: str) -> None:
    assert _get(f"{base}/saved/nope")[0] == 404
    assert _get(f"{base}/saved/entity-profile")[0] == 400  # needs person
    assert _get(f"{base}/saved/who-said-what?limit=0")[0] == 400
    assert _get(f"{base}/saved/who-said-what?offset=x")[0] == 400
    code, _, body, _ = _get(f"{base}/saved/who-said-what?person=Ben+Okafr")
    assert code == 400 and "Ben Okafor" in body
