"""Folders (recursive, globs), standard input, format sniffing, ids and the count estimate."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_samples import DE_TEXT, EN_TEXT, page

from graphbuild.ingest import IngestOptions, estimate_total, read_articles, sniff
from graphbuild.ingest.files import articles_from_bytes
from graphbuild.types import Article, Failure


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    (root / "2024" / "03").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "2024" / "03" / "genf.txt").write_text(DE_TEXT, encoding="utf-8")
    (root / "2024" / "talks.md").write_text("# " + EN_TEXT, encoding="utf-8")
    (root / "2024" / "03" / "page.html").write_text(page(*DE_TEXT.split("\n", 1)))
    (root / "feed.jsonl").write_text(
        json.dumps({"text": EN_TEXT, "id": "r1"}) + "\n" + json.dumps({"text": DE_TEXT}) + "\n"
    )
    (root / ".hidden.txt").write_text(EN_TEXT)
    (root / ".git" / "HEAD.txt").write_text(EN_TEXT)
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    return root


def test_files_folder_recursive_ids_and_skips(tree: Path) -> None:
    items = list(read_articles([tree]))
    assert all(isinstance(i, Article) for i in items), items
    ids = [i.id for i in items if isinstance(i, Article)]
    # each folder's files (sorted) come before its sub-folders
    assert ids[0] == "r1" and len(ids[1]) == 16  # a record without id: its content hash
    assert ids[2:] == ["2024/talks", "2024/03/genf", "2024/03/page"]


@pytest.mark.parametrize(
    "include, exclude, expected",
    [
        (("*.txt",), (), ["2024/03/genf"]),
        (("2024/*",), ("*.html",), ["2024/talks", "2024/03/genf"]),
        ((), ("2024/03/*", "*.jsonl"), ["2024/talks"]),
    ],
)
def test_files_include_exclude_globs(
    tree: Path, include: tuple[str, ...], exclude: tuple[str, ...], expected: list[str]
) -> None:
    items = read_articles([tree], options=IngestOptions(include=include, exclude=exclude))
    ids = [i.id for i in items if isinstance(i, Article)]
    assert ids == expected


def test_files_explicit_file_any_suffix_and_missing(tmp_path: Path) -> None:
    f = tmp_path / "note.data"
    f.write_text(EN_TEXT)
    items = list(read_articles([f, tmp_path / "missing.txt"]))
    assert isinstance(items[0], Article) and items[0].id == "note"
    assert isinstance(items[1], Failure) and "no such file" in items[1].reason


def test_files_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DE_TEXT.encode("cp1252"))))
    [a] = read_articles(["-"])
    assert isinstance(a, Article)
    assert (a.source, a.lang, a.id) == ("-", "de", a.content_hash[:16])
    assert "Außenministerin" in a.text


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"<?xml version='1.0'?>\n<rss version='2.0'><channel/></rss>", "x", "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "x.xml", "feed"),
        (b"<!DOCTYPE html><html><body>x</body></html>", "page", "html"),
        (b'[{"text": "x"}]', "dump", "json"),
        (b"Einfacher Text.", "x", "text"),
        (b"irrelevant", "x.md", "markdown"),
    ],
)
def test_files_sniff(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


def test_files_estimate_total(tree: Path) -> None:
    assert estimate_total([tree]) == 5  # 3 files + 2 JSONL lines
    assert estimate_total([tree, "-"]) is None
    assert not list(read_articles([]))


def test_files_read_articles_is_lazy() -> None:
    """Nothing is read ahead: a never-ending source list still yields its first articles."""

    def endless() -> object:
        while True:
            yield "missing-file.txt"

    stream = read_articles(endless())  # type: ignore[arg-type]
    assert [next(stream).source for _ in range(3)] == ["missing-file.txt"] * 3


@pytest.mark.parametrize("kind", ["text", "markdown", "html", "json", "jsonl", "feed", None])
@settings(max_examples=40, deadline=None)
@given(data=st.binary(max_size=400))
def test_files_any_bytes_give_articles_or_failures(kind: str | None, data: bytes) -> None:
    """Outside input never raises: every format yields Articles or Failures only."""
    items = list(articles_from_bytes(data, "fuzz", IngestOptions(), kind=kind))  # type: ignore[arg-type]
    assert all(isinstance(i, Article | Failure) for i in items)


@pytest.mark.parametrize(
    "name, data, decoded_as",
    [
        ("ok.txt", DE_TEXT.encode("utf-8"), None),
        ("old.txt", DE_TEXT.encode("cp1252"), "cp1252"),
        ("old.md", DE_TEXT.encode("cp1252"), "cp1252"),
        ("old.jsonl", json.dumps({"text": DE_TEXT}, ensure_ascii=False).encode("cp1252"), "cp1252"),
    ],
)
def test_files_article_knows_its_text_was_decoded_with_a_guess(
    name: str, data: bytes, decoded_as: str | None
) -> None:
    (article,) = articles_from_bytes(data, name, IngestOptions())
    assert isinstance(article, Article)
    assert article.decoded_as == decoded_as
