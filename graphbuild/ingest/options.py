"""How to read inputs: language override, folder filters, JSON field names, limits.

Example:
    >>> IngestOptions(fields={"text": "body"}).field("text"), IngestOptions().field("title")
    ('body', 'title')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphbuild.ingest.urls import Fetched

#: Record field → default key in JSON/JSONL input. ``--field text=body`` changes one.
DEFAULT_FIELDS: Mapping[str, str] = {
    "text": "text",
    "html": "html",
    "title": "title",
    "url": "url",
    "date": "date",
    "lang": "lang",
    "id": "id",
    "author": "author",
    "publisher": "publisher",
}
#: Suffixes picked up in folders when no ``--include`` is given.
DEFAULT_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".json", ".jsonl",
     ".ndjson", ".rss", ".atom"}
)  # fmt: skip


@dataclass(frozen=True)
class IngestOptions:
    """Everything ``read_articles`` needs besides the sources; every field has a default."""

    lang: str | None = None  # force a language instead of detecting it
    include: tuple[str, ...] = ()  # glob patterns (on the path below the folder, or the name)
    exclude: tuple[str, ...] = ()
    fields: Mapping[str, str] = field(default_factory=dict)  # record field → JSON key
    max_chars: int = 2_000_000
    timeout_s: float = 20.0
    max_bytes: int = 10_000_000
    fetcher: Callable[[str], Fetched] | None = None  # default: urls.fetch with the limits above

    def field(self, name: str) -> str:
        """The JSON key (dotted path allowed) holding record field ``name``."""
        return self.fields.get(name, DEFAULT_FIELDS.get(name, name))

    def fetch(self, url: str) -> Fetched:
        """Fetch ``url`` with the configured fetcher or the default one."""
        if self.fetcher is not None:
            return self.fetcher(url)
        from graphbuild.ingest.urls import fetch

        return fetch(url, timeout=self.timeout_s, max_bytes=self.max_bytes)
