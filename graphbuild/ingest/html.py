"""HTML pages → Article: main text, title, date, author and site name via trafilatura.

Navigation, footers, teasers and reader comments are left out (trafilatura's boilerplate
removal); paragraphs and headings become lines. The title is kept as the first line of the
text, as for plain-text articles. Metadata trafilatura cannot find stays None; values passed
in ``defaults`` (e.g. from an RSS item) fill the gaps.

Example:
    >>> page = "<html><head><title>Gipfel</title></head><body><article><p>" + (
    ...     "Die Ministerin sagte am Montag in Genf, die Gespräche gingen weiter. " * 3
    ... ) + "</p></article></body></html>"
    >>> a = article_from_html(page, "page.html", id="page")
    >>> a.title, a.text.splitlines()[0]
    ('Gipfel', 'Gipfel')
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from graphbuild.errors import InputError
from graphbuild.ingest.text import DEFAULT_MAX_CHARS, make_article
from graphbuild.types import Article


def extract_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page, or None if it finds no main text."""
    import trafilatura

    for recall in (False, True):  # precision first; short pages need the recall mode
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                favor_recall=recall,
            )
        if doc is not None:
            data: dict[str, Any] = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
            if (data.get("text") or "").strip():
                return data
    return None


def _publisher(data: dict[str, Any], fallback: str | None) -> str | None:
    """The page's site name; trafilatura falls back to the host name, a feed title is better."""
    site: str | None = data.get("sitename")
    host: str | None = data.get("hostname")
    looks_like_host = site is not None and " " not in site and ("." in site or ":" in site)
    if site and site != host and not looks_like_host:
        return str(site)
    return fallback or site or host


def article_from_html(
    html: str,
    source: str,
    *,
    id: str | None = None,
    url: str | None = None,
    lang: str | None = None,
    defaults: Mapping[str, str | None] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """An Article from an HTML page; InputError if the page has no recognisable main text."""
    data = extract_html(html, url)
    if data is None:
        raise InputError(source, "no article text found in the HTML page")
    defaults = defaults or {}
    title = (data.get("title") or defaults.get("title") or "").strip()
    body = str(data["text"]).strip()
    if title and not body.startswith(title):
        body = f"{title}\n{body}"
    return make_article(
        body,
        source,
        id=id,
        lang=lang,
        title=title or None,
        url=url or data.get("url") or defaults.get("url"),
        published=data.get("date") or defaults.get("published"),
        publisher=_publisher(data, defaults.get("publisher")),
        author=data.get("author") or defaults.get("author"),
        max_chars=max_chars,
    )
