"""Ingest: files, folders, standard input, URLs and feeds → Articles.

``read_articles(sources)`` yields an ``Article`` for every readable input and a ``Failure``
(one line naming the source, the line if known, and the reason) for every other one, so a
batch never stops on bad input. It is a generator all the way down: nothing is read before
it is needed, so memory stays flat however many articles come in.

One module per kind of source: ``files`` (paths, folders, stdin, format sniffing),
``text`` (plain text, Markdown), ``html`` (trafilatura), ``jsonl`` (JSON/JSONL records),
``feeds`` (RSS/Atom), ``urls`` (fetching), ``decode`` (encodings, cleaning, offset map),
``language`` (detection). See docs/ingest.md.

Example:
    >>> from graphbuild.ingest import read_articles
    >>> [type(x).__name__ for x in read_articles(["no/such/file.txt"])]
    ['Failure']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from graphbuild.errors import InputError
from graphbuild.ingest.decode import Cleaned, Decoded, clean, decode, decode_bytes
from graphbuild.ingest.files import (
    articles_from_bytes,
    estimate_count,
    read_path,
    read_stdin,
    sniff,
)
from graphbuild.ingest.language import SUPPORTED_LANGS, detect_language
from graphbuild.ingest.options import IngestOptions
from graphbuild.ingest.text import article_from_text, content_hash, make_article
from graphbuild.ingest.urls import canonical_url, id_from_url, is_url
from graphbuild.types import Article, Failure

__all__ = [
    "SUPPORTED_LANGS",
    "Cleaned",
    "Decoded",
    "IngestOptions",
    "article_from_text",
    "clean",
    "content_hash",
    "decode",
    "decode_bytes",
    "detect_language",
    "estimate_total",
    "make_article",
    "normalise",
    "read_articles",
    "read_url",
    "sniff",
]


def normalise(text: str) -> str:
    """The clean form of ``text`` (see ``decode.clean``); kept for older callers."""
    return clean(text).text


def read_url(url: str, options: IngestOptions) -> Iterator[Article | Failure]:
    """The article(s) at an http(s) URL: a page, a feed (items fetched), JSON or text."""
    try:
        page = options.fetch(url)
    except InputError as exc:
        yield Failure(exc.source, exc.reason, exc.line)
        return
    kind = sniff(page.data, page.url.split("?", 1)[0].rsplit("/", 1)[-1], page.media_type)
    yield from articles_from_bytes(
        page.data,
        url,
        options,
        id=id_from_url(url) if kind not in ("feed", "json", "jsonl") else None,
        url=canonical_url(page.url),
        kind=kind,
        charset=page.charset,
    )


def estimate_total(
    sources: Iterable[str | Path], options: IngestOptions | None = None
) -> int | None:
    """About how many articles ``read_articles(sources)`` will yield, or None if unknown.

    Only files and folders can be counted cheaply; a URL, a feed, JSON or ``-`` make it None.
    """
    opts = options or IngestOptions()
    total = 0
    for source in sources:
        name = str(source)
        if name == "-" or is_url(name):
            return None
        n = estimate_count(Path(source), opts)
        if n is None:
            return None
        total += n
    return total


def read_articles(
    sources: Iterable[str | Path],
    lang: str | None = None,
    options: IngestOptions | None = None,
    **overrides: Any,
) -> Iterator[Article | Failure]:
    """Every article of the given sources, in order, or a Failure per bad input.

    A source is a file, a folder (recursive), ``-`` for standard input, or an http(s) URL
    (a page or a feed). ``lang`` forces a language; ``options`` (or keyword overrides of
    its fields, e.g. ``include=("*.html",)``) say how to read.
    """
    opts = options or IngestOptions()
    if lang is not None:
        overrides["lang"] = lang
    if overrides:
        from dataclasses import replace

        opts = replace(opts, **overrides)
    for source in sources:
        name = str(source)
        if name == "-":
            yield from read_stdin(opts)
        elif is_url(name):
            yield from read_url(name, opts)
        else:
            yield from read_path(Path(source), opts)
