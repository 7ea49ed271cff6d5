"""The HTML view without a browser: offline page, embedded data, escaping, filters, CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser.stores import (
    LONG_TITLE,
    XSS_NAME,
    XSS_QUOTE,
    bilingual_resolutions,
    crowd_resolutions,
    news_resolutions,
    sample_resolutions,
    store_of,
    xss_resolutions,
)
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import QueryError
from graphbuild.export import exporter
from graphbuild.export import html as view
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store

DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def payload(page: str) -> dict[str, Any]:
    match = DATA.search(page)
    assert match, "no graph-data block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sample_page() -> str:
    return view.render_html(store_of(sample_resolutions()))


def test_html_page_is_offline(sample_page: str) -> None:
    # Nothing is loaded from anywhere: no src/href to a URL, and a CSP that forbids it.
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)=\"(?!data:)", sample_page)
    assert not re.search(r"@import|url\((?!\"?data:)", sample_page)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', sample_page)
    assert csp and "default-src &#x27;none&#x27;" in csp.group(1)
    assert "vis-network" in sample_page and "new vis.Network" in sample_page


def test_html_payload_counts_and_directions(sample_page: str) -> None:
    data = payload(sample_page)
    assert len(data["nodes"]) == 7
    assert len(data["edges"]) == 7
    assert len(data["quotes"]) == 3
    directed = {e["predicate"]: e["directed"] for e in data["edges"]}
    assert directed["meetsWith"] is False and directed["spokeWith"] is False
    assert directed["criticizes"] is True and directed["attends"] is True
    by_label = {n["label"]: n for n in data["nodes"]}
    anna = by_label["Anna Berg"]
    assert anna["positions"] == ["Außenministerin"] and anna["aliases"] == ["Berg"]
    assert len(anna["quotes"]) == 2 and len(anna["articles"]) == 2
    # Importance drives size: the two well-connected, quoted people are the biggest nodes.
    biggest = sorted(data["nodes"], key=lambda n: -n["value"])[:2]
    assert {n["label"] for n in biggest} == {"Anna Berg", "Jonas Weber"}
    legend = {t["name"]: t for t in data["types"]}
    assert legend["Person"]["count"] == 2 and legend["Country"]["shape"] == "diamond"
    titles = {a["title"]: a for a in data["articles"]}
    assert titles["Treffen in Genf"]["url"] == "https://news.example.org/one"
    assert data["layout"] == "physics" and data["notice"] is None


def test_html_quote_keeps_speaker_article_and_sentence(sample_page: str) -> None:
    data = payload(sample_page)
    q = next(q for q in data["quotes"] if q["text"] == "man werde hart verhandeln")
    assert data["nodes"][q["speaker"]]["label"] == "Jonas Weber"
    assert q["kind"] == "indirect"
    assert data["articles"][q["articles"][0]]["title"] == "Gipfel von Genf beginnt"
    assert q["sentence"] == "Weber sagte, man werde hart verhandeln."


def test_html_hostile_text_is_escaped_and_round_trips() -> None:
    page = view.render_html(store_of(xss_resolutions()))
    # No raw markup from the data anywhere in the page...
    assert XSS_NAME not in page
    assert XSS_QUOTE not in page
    assert "<script>alert('title')</script>" not in page
    assert page.count("</script>") == 3  # vis, data, app: nothing else closes a script
    # ...yet the data is intact once parsed.
    data = payload(page)
    assert XSS_NAME in {n["label"] for n in data["nodes"]}
    assert data["quotes"][0]["text"] == XSS_QUOTE
    assert data["articles"][0]["title"] == "<script>alert('title')</script>"
    assert data["articles"][0]["url"] is None  # javascript: URL dropped


@given(st.text())
def test_html_script_json_never_breaks_out(text: str) -> None:
    out = view.script_json({"t": text})
    assert "<" not in out and ">" not in out and "&" not in out
    assert "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == {"t": text}


def test_html_exporter_writes_file(tmp_path: Path) -> None:
    path = exporter("html")(store_of(sample_resolutions()), tmp_path / "graph.html")
    assert path == tmp_path / "graph.html"
    assert len(payload(path.read_text(encoding="utf-8"))["nodes"]) == 7


def test_html_filters_focus_article_types() -> None:
    store = store_of(sample_resolutions())
    ego = payload(view.render_html(store, focus="Ostbank", depth=1))
    assert {n["label"] for n in ego["nodes"]} == {"Ostbank", "Anna Berg"}
    assert "around Ostbank" in ego["title"]
    assert ego["nodes"][ego["focus"]]["label"] == "Ostbank"
    art = payload(view.render_html(store, article="art-two"))
    assert len(art["articles"]) == 1 and "Ostbank" not in {n["label"] for n in art["nodes"]}
    people = payload(view.render_html(store, types=["Person"], predicates=["meetsWith"]))
    assert [e["predicate"] for e in people["edges"]] == ["meetsWith"]
    with pytest.raises(QueryError):
        view.render_html(store, focus="Nobody")


def test_html_large_view_draws_the_most_connected_and_lists_the_rest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = store_of(crowd_resolutions(120))
    monkeypatch.setattr(view, "PRECOMPUTED_LAYOUT", 10)
    page = view.build_page(store, max_nodes=30)
    assert (page.nodes, page.listed, page.total_nodes) == (30, 90, 120)
    data = payload(page.html)
    drawn = [n for n in data["nodes"] if n["drawn"]]
    assert len(drawn) == 30 and len(data["nodes"]) == 120  # the rest is listed, not lost
    assert "Member 0" in {n["label"] for n in drawn}  # the hub is drawn...
    ends = {i for e in data["edges"] if e["drawn"] for i in (e["from"], e["to"])}
    assert {n["id"] for n in drawn} <= ends  # ...and every drawn node has a drawn link
    assert "90 linked beyond the limit of 30" in (data["notice"] or "")
    assert data["left_out"] == {"unlinked": 0, "beyond_limit": 90}
    assert data["layout"] == "precomputed"
    assert all("x" in n and "y" in n for n in drawn)
    full = view.build_page(store, max_nodes=0)
    assert full.nodes == 120 and full.notice is None


def _disk_store(path: Path) -> Path:
    store = Store.open(path)
    for res in sample_resolutions():
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    store.close()
    return path


def test_html_cli_view_and_stats(tmp_path: Path) -> None:
    store = _disk_store(tmp_path / "store")
    runner = CliRunner()
    out = tmp_path / "ego.html"
    result = runner.invoke(
        app, ["view", "--store", str(store), "--out", str(out), "--focus", "Berg", "--depth", "1"]
    )
    assert result.exit_code == 0, result.output
    assert {n["label"] for n in payload(out.read_text(encoding="utf-8"))["nodes"]} == {
        "Anna Berg",
        "Jonas Weber",
        "Freedonia",
        "Ostbank",
    }
    bad = runner.invoke(app, ["view", "--store", str(store), "--focus", "Nobody"])
    assert bad.exit_code == 2 and "no entity named 'Nobody'" in bad.output
    missing = runner.invoke(app, ["view", "--store", str(tmp_path / "nope")])
    assert missing.exit_code == 2
    stats = runner.invoke(app, ["stats", "--store", str(store), "--json"])
    assert stats.exit_code == 0, stats.output
    data = json.loads(stats.stdout)
    assert data["most_quoted"][0]["label"] == "Anna Berg"
    assert data["country_links"][0]["a"] == "Freedonia"
    table = runner.invoke(app, ["stats", "--store", str(store)])
    assert table.exit_code == 0 and "Most quoted" in table.stdout and "Anna Berg" in table.stdout


def test_html_small_view_draws_unlinked_entities_large_view_lists_them() -> None:
    store = store_of(sample_resolutions())
    small = payload(view.render_html(store))
    genf = next(n for n in small["nodes"] if n["label"] == "Genf")  # named, never linked
    assert genf["drawn"] and small["notice"] is None
    listed = payload(view.render_html(store, unlinked=False))
    genf = next(n for n in listed["nodes"] if n["label"] == "Genf")
    assert not genf["drawn"] and listed["drawn"] == 6
    assert listed["left_out"] == {"unlinked": 1, "beyond_limit": 0}
    assert "Not drawn: 1 without a link" in listed["notice"]


def test_html_corpus_view_draws_only_what_connects() -> None:
    """300 articles shaped like a news build: most names are never linked to anything."""
    page = view.build_page(store_of(news_resolutions(300)))
    data = payload(page.html)
    drawn = {n["id"] for n in data["nodes"] if n["drawn"]}
    ends = {i for e in data["edges"] if e["drawn"] for i in (e["from"], e["to"])}
    assert drawn and drawn <= ends
    assert page.listed > 3 * page.nodes  # the shape: few linked, many named once
    assert data["left_out"]["unlinked"] == page.listed
    said = [e for e in data["edges"] if e["predicate"] == "saidTo"]
    assert said and all(e["directed"] for e in said)  # quotes addressed to someone connect
    q = next(q for q in data["quotes"] if q["addressee"] is not None)
    assert any(e["from"] == q["speaker"] and e["to"] == q["addressee"] for e in said)
    assert data["co_mentions"] and not data["co_mentions_on"]
    with_co = view.build_page(store_of(news_resolutions(300)), co_mentions=True)
    assert with_co.nodes > page.nodes  # names often seen together now count as connected
    assert payload(with_co.html)["co_mentions_on"]


def test_html_long_article_title_is_cut_in_the_heading() -> None:
    store = store_of(bilingual_resolutions())
    page = view.build_page(store, article="en-long")
    assert len(page.html.split("<title>")[1].split("</title>")[0]) < 120
    data = payload(page.html)
    assert data["articles"][0]["title"] == LONG_TITLE  # the data keeps the full title
    assert data["articles"][0]["lang"] == "en"
    assert data["quote_marks"]["en"] == ["“", "”"] and data["quote_marks"]["de"] == ["„", "“"]


def test_html_cli_view_options(tmp_path: Path) -> None:
    store = _disk_store(tmp_path / "store")
    out = tmp_path / "v.html"
    runner = CliRunner()
    result = runner.invoke(
        app, ["view", "--store", str(store), "--out", str(out), "--no-unlinked", "--co-mentions"]
    )
    assert result.exit_code == 0, result.output
    data = payload(out.read_text(encoding="utf-8"))
    assert data["co_mentions_on"] and data["drawn"] == 6
    assert "Not drawn: 1 without a link" in result.output
