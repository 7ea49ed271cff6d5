"""Files, folders and standard input → Articles: walking, filtering, and telling formats apart.

Folders are walked recursively, each folder's files (sorted) before its sub-folders; hidden
files and folders are skipped. The walk goes one folder at a time, so memory stays flat on
large trees. ``--include``/``--exclude`` globs match the path below the folder
(``2024/*.html``) or the file name (``*.md``); ``*`` crosses folders. Without ``--include`` the known suffixes are read (``DEFAULT_SUFFIXES``).

The format comes from the suffix, else from the content (``sniff``). Article ids: a file
named on the command line is identified by its stem, a file found in a folder by its path
below that folder without suffix (``2024/03/gipfel``), standard input by its content hash;
JSON records and feed items carry their own ids (see ``jsonl``/``feeds``).

Example:
    >>> sniff(b"<?xml version='1.0'?><rss><channel/></rss>", "feed")
    'feed'
    >>> sniff(b'{"text": "x"}\\n{"text": "y"}', "-")
    'json'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal

from graphbuild.errors import InputError
from graphbuild.ingest.decode import decode_bytes
from graphbuild.ingest.feeds import feed_to_articles, is_feed
from graphbuild.ingest.html import article_from_html
from graphbuild.ingest.jsonl import records_to_articles
from graphbuild.ingest.options import DEFAULT_SUFFIXES, IngestOptions
from graphbuild.ingest.text import make_article, markdown_to_text
from graphbuild.types import Article, Failure

Kind = Literal["text", "markdown", "html", "json", "jsonl", "feed"]
_BY_SUFFIX: dict[str, Kind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
}
_BY_MEDIA_TYPE: dict[str, Kind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "text/markdown": "markdown",
    "text/plain": "text",
}


def sniff(data: bytes, name: str, media_type: str | None = None) -> Kind:
    """The input format from the file suffix, else the media type, else the first bytes."""
    suffix = Path(name.split("?", 1)[0]).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if media_type in _BY_MEDIA_TYPE and media_type not in ("text/plain",):
        kind = _BY_MEDIA_TYPE[media_type]
        return "feed" if kind == "html" and is_feed(data) else kind
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if is_feed(data):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head:
        return "html"
    if head.startswith((b"{", b"[")):
        return "json"
    return "markdown" if media_type == "text/markdown" else "text"


def articles_from_bytes(
    data: bytes,
    source: str,
    options: IngestOptions,
    *,
    id: str | None = None,
    url: str | None = None,
    kind: Kind | None = None,
    charset: str | None = None,
) -> Iterator[Article | Failure]:
    """Every article in one file's (or response's) bytes; Failures instead of exceptions.

    When the bytes had to be decoded with a guessed encoding, every article of them says so
    in ``Article.decoded_as``.
    """
    try:
        kind = kind or sniff(data, source)
        if kind == "feed":
            yield from feed_to_articles(data, source, options)
            return
        decoded = decode_bytes(data, source, charset)
        items = _articles_from_text(decoded.text, source, options, id=id, url=url, kind=kind)
        for item in items:
            if decoded.guessed and isinstance(item, Article):
                item = replace(item, decoded_as=decoded.encoding)
            yield item
    except InputError as exc:
        yield Failure(exc.source, exc.reason, exc.line)


def _articles_from_text(
    text: str, source: str, options: IngestOptions, *, id: str | None, url: str | None, kind: Kind
) -> Iterator[Article | Failure]:
    """The articles of one decoded text of a known (non-feed) format."""
    if kind in ("json", "jsonl"):
        # a .json file is one document; JSON sniffed from content may be JSON Lines too
        whole: bool | None = kind == "json" if source.lower().endswith(".json") else None
        if kind == "jsonl":
            whole = False
        yield from records_to_articles(text, source, options, json_document=whole)
        return
    if kind == "html":
        yield article_from_html(
            text, source, id=id, url=url, lang=options.lang, max_chars=options.max_chars
        )
        return
    meta: dict[str, str] = {}
    if kind == "markdown":
        text, meta = markdown_to_text(text)
    yield make_article(
        text,
        source,
        id=id,
        lang=options.lang or (meta.get("lang") or meta.get("language")),
        title=meta.get("title"),
        url=meta.get("url"),
        published=meta.get("date") or meta.get("published"),
        author=meta.get("author"),
        publisher=meta.get("publisher"),
        max_chars=options.max_chars,
    )


def _wanted(rel: str, options: IngestOptions) -> bool:
    name = rel.rsplit("/", 1)[-1]
    if any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in options.exclude):
        return False
    if options.include:
        return any(fnmatchcase(rel, p) or fnmatchcase(name, p) for p in options.include)
    return Path(name).suffix.lower() in DEFAULT_SUFFIXES


def walk(folder: Path, options: IngestOptions) -> Iterator[tuple[Path, str]]:
    """(file, path below ``folder`` in POSIX form) of every wanted file, sorted, streaming."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if _wanted(rel, options):
                yield path, rel


def _id_of(rel: str) -> str:
    return rel.rsplit(".", 1)[0] if "." in rel.rsplit("/", 1)[-1] else rel


def read_path(path: Path, options: IngestOptions) -> Iterator[Article | Failure]:
    """Every article of a file or a folder; a Failure for a missing or unreadable path."""
    if path.is_dir():
        for file, rel in walk(path, options):
            yield from _read_file(file, _id_of(rel), options)
    elif path.is_file():
        yield from _read_file(path, path.stem, options)
    else:
        yield Failure(str(path), "no such file or directory")


def _read_file(path: Path, article_id: str, options: IngestOptions) -> Iterator[Article | Failure]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(str(path), f"cannot read: {exc.strerror or exc}")
        return
    yield from articles_from_bytes(data, str(path), options, id=article_id)


def read_stdin(options: IngestOptions) -> Iterator[Article | Failure]:
    """The articles on standard input (``-``): text, Markdown, HTML, JSON(L) or a feed."""
    data = sys.stdin.buffer.read()
    yield from articles_from_bytes(data, "-", options)


def estimate_count(path: Path, options: IngestOptions) -> int | None:
    """About how many articles a file or folder holds (files, plus lines of JSONL files).

    For a progress bar's ETA only: cheap (no decoding), and None when unknown (feeds, JSON).
    """
    files = (
        (f for f, _rel in walk(path, options))
        if path.is_dir()
        else iter([path] if path.is_file() else [])
    )
    total = 0
    for f in files:
        kind = _BY_SUFFIX.get(f.suffix.lower(), "text")
        if kind == "feed" or kind == "json":
            return None
        if kind == "jsonl":
            try:
                with f.open("rb") as fh:
                    total += sum(1 for line in fh if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
