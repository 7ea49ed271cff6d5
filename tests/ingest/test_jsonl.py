"""JSON and JSONL records with configurable field names; a bad line names its line number."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_samples import DE_TEXT, EN_TEXT, page

from graphbuild.ingest import IngestOptions, read_articles
from graphbuild.types import Article, Failure


def test_jsonl_records_with_custom_fields(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "body": EN_TEXT.split("\n", 1)[1],
                "headline": "Talks resume",
                "link": "https://news.example.org/talks?utm_source=feed",
                "meta": {"published": "2024-03-05"},
            }
        ),
        "",
        "{not json",
        json.dumps({"headline": "no body"}),
        json.dumps({"body": DE_TEXT, "id": 17, "lang": "DE"}),
    ]
    f = tmp_path / "news.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    options = IngestOptions(
        fields={"text": "body", "title": "headline", "url": "link", "date": "meta.published"}
    )
    items = list(read_articles([f], options=options))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    first, bad_json, no_text, second = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "news.example.org/talks"
    assert first.url == "https://news.example.org/talks?utm_source=feed"
    assert (first.title, first.published, first.lang) == ("Talks resume", "2024-03-05", "en")
    assert first.text.startswith("Talks resume\n")
    assert (
        isinstance(bad_json, Failure) and bad_json.line == 3 and "invalid JSON" in bad_json.reason
    )
    assert isinstance(no_text, Failure) and no_text.line == 4 and "--field text=" in no_text.reason
    assert (second.id, second.lang) == ("17", "de")


def test_json_document_list_and_html_field(tmp_path: Path) -> None:
    title, body = DE_TEXT.split("\n", 1)
    doc = {"articles": [{"html": page(title, body), "id": "a"}, {"text": EN_TEXT, "id": "b"}]}
    f = tmp_path / "dump.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    items = list(read_articles([f]))
    assert [(i.id, i.lang) for i in items if isinstance(i, Article)] == [("a", "de"), ("b", "en")]
    assert "Impressum" not in items[0].text  # type: ignore[union-attr]
