"""RSS and Atom feeds → Articles: each item's page is fetched and read like any HTML page.

The feed gives the list and the fallbacks (title, date, author, the feed's title as
publisher); the page gives the full text. When a page cannot be fetched, an item whose feed
entry carries the full text (``content:encoded``, Atom ``content``) of at least
``MIN_FEED_TEXT`` characters is read from the feed instead; otherwise the item is a Failure
naming its link, and the other items go on.

Example:
    >>> feed = b'<rss version="2.0"><channel><title>F</title></channel></rss>'
    >>> list(feed_to_articles(feed, "f.rss", IngestOptions()))
    []
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from graphbuild.errors import InputError
from graphbuild.ingest.decode import decode
from graphbuild.ingest.html import article_from_html
from graphbuild.ingest.options import IngestOptions
from graphbuild.ingest.urls import id_from_url
from graphbuild.types import Article, Failure

MIN_FEED_TEXT = 400


def is_feed(data: bytes) -> bool:
    """True when the bytes look like RSS, Atom or RDF/RSS (judged on the first 2 KB)."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed)
    return entry.get("published") or entry.get("updated") or None


def _entry_text(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", []) or []]
    return max(parts, key=len) if parts else str(entry.get("summary", "") or "")


def feed_to_articles(
    data: bytes, source: str, options: IngestOptions
) -> Iterator[Article | Failure]:
    """Every item of a feed as an Article (page fetched), or a Failure per unreadable item."""
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        yield Failure(source, f"not a readable RSS/Atom feed: {reason}")
        return
    publisher = parsed.get("feed", {}).get("title") or None
    for i, entry in enumerate(parsed.get("entries", [])):
        link = entry.get("link")
        item_source = link or f"{source}#{i}"
        defaults = {
            "title": entry.get("title"),
            "published": _date(entry),
            "author": entry.get("author"),
            "publisher": publisher,
            "url": link,
        }
        article_id = id_from_url(link) if link else (entry.get("id") or None)
        fetch_error: InputError | None = None
        if link:
            try:
                page = options.fetch(link)
                html = decode(page.data, link, page.charset)
                yield article_from_html(
                    html, link, id=article_id, url=link, lang=options.lang, defaults=defaults,
                    max_chars=options.max_chars,
                )  # fmt: skip
                continue
            except InputError as exc:
                fetch_error = exc
        content = _entry_text(entry)
        try:
            if len(content) < MIN_FEED_TEXT:
                raise fetch_error or InputError(item_source, "feed item has no link and no text")
            yield article_from_html(
                f"<html><body><article>{content}</article></body></html>", item_source,
                id=article_id, url=link, lang=options.lang, defaults=defaults,
                max_chars=options.max_chars,
            )  # fmt: skip
        except InputError as exc:
            yield Failure(exc.source, exc.reason, exc.line)
