"""JSON and JSON Lines records → Articles, with configurable field names.

A record needs a text (``text``, or ``html`` which goes through the HTML extractor); title,
url, date, lang, id, author and publisher are optional. Field names are configurable
(``IngestOptions.fields`` / ``--field text=body``) and may be dotted paths into nested
objects (``meta.title``). A ``.json`` file may hold one record, a list of records, or an
object whose ``articles``/``items``/``records``/``data`` member is that list.

The id of a record is its ``id`` field, else its URL, else its content hash: a record that
comes again with the same id but new text replaces the old version in the graph.

Example:
    >>> line = '{"body": "Die Ministerin sagte am Montag in Genf, sie komme.", "id": "n1"}'
    >>> [a.id for a in records_to_articles(line, "x.jsonl", IngestOptions(fields={"text": "body"}))]
    ['n1']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from graphbuild.errors import InputError
from graphbuild.ingest.html import article_from_html
from graphbuild.ingest.options import IngestOptions
from graphbuild.ingest.text import make_article
from graphbuild.ingest.urls import id_from_url
from graphbuild.types import Article, Failure

_LIST_KEYS = ("articles", "items", "records", "data")


def _get(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def record_to_article(
    record: Any, source: str, options: IngestOptions, line: int | None = None
) -> Article:
    """One JSON record → Article; InputError naming the source and line if it has no text."""
    where = f"{source}:{line}" if line is not None else source
    if not isinstance(record, dict):
        raise InputError(
            source, f"a record must be a JSON object, got {type(record).__name__}", line
        )
    text = _str(_get(record, options.field("text")))
    html = _str(_get(record, options.field("html")))
    url = _str(_get(record, options.field("url")))
    rid = _str(_get(record, options.field("id")))
    article_id = rid or (id_from_url(url) if url else None)
    lang = options.lang or _str(_get(record, options.field("lang")))
    lang = lang.lower()[:2] if lang else None
    meta = {
        "title": _str(_get(record, options.field("title"))),
        "published": _str(_get(record, options.field("date"))),
        "author": _str(_get(record, options.field("author"))),
        "publisher": _str(_get(record, options.field("publisher"))),
        "url": url,
    }
    try:
        if text is None and html is not None:
            return article_from_html(
                html, where, id=article_id, url=url, lang=lang, defaults=meta,
                max_chars=options.max_chars,
            )  # fmt: skip
        if text is None:
            raise InputError(
                source, f"no {options.field('text')!r} field; pass --field text=NAME", line
            )
        title = meta["title"]
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n{text}"
        return make_article(
            text, where, id=article_id, lang=lang, title=title, url=url,
            published=meta["published"], author=meta["author"], publisher=meta["publisher"],
            max_chars=options.max_chars,
        )  # fmt: skip
    except InputError as exc:
        if exc.line is None and line is not None:
            raise InputError(source, exc.reason, line) from exc
        raise


def records_to_articles(
    text: str, source: str, options: IngestOptions, *, json_document: bool | None = None
) -> Iterator[Article | Failure]:
    """Every record of a JSON document or JSON Lines text; a Failure (with line) per bad one.

    ``json_document`` None means: try the whole text as one JSON document, else read lines.
    """
    if json_document is not False:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            if json_document:
                yield Failure(source, f"invalid JSON: {exc.msg}", exc.lineno)
                return
        else:
            if isinstance(doc, dict):
                inner = next((doc[k] for k in _LIST_KEYS if isinstance(doc.get(k), list)), None)
                records = inner if inner is not None else [doc]
            elif isinstance(doc, list):
                records = doc
            else:
                yield Failure(source, "JSON must be an object or a list of objects")
                return
            for i, record in enumerate(records):
                try:
                    yield record_to_article(record, f"{source}#{i}", options)
                except InputError as exc:
                    yield Failure(exc.source, exc.reason, exc.line)
            return
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(source, f"invalid JSON: {exc.msg} (column {exc.colno})", lineno)
            continue
        try:
            yield record_to_article(record, source, options, lineno)
        except InputError as exc:
            yield Failure(exc.source, exc.reason, exc.line)
