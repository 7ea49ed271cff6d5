"""Plain text and Markdown → Article; ``make_article`` is the one constructor every source uses.

Conventions (the same as the shared evaluation set): the first non-empty line is the title,
then one paragraph or sub-heading per line. The title stays part of ``Article.text`` so that
its names are found too and every offset points into one string.

Example:
    >>> a = article_from_text("Titel\\n\\nDie Ministerin sagte am Montag, sie komme.", "t.txt")
    >>> a.id, a.lang, a.title
    ('t', 'de', 'Titel')
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from graphbuild.errors import InputError
from graphbuild.ingest.decode import clean
from graphbuild.ingest.language import SUPPORTED_LANGS, detect_language
from graphbuild.types import Article

DEFAULT_MAX_CHARS = 2_000_000


def content_hash(text: str) -> str:
    """SHA-256 of the clean text: the identity of an article's content."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_article(
    raw: str,
    source: str,
    *,
    id: str | None = None,
    lang: str | None = None,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Article:
    """Clean ``raw``, detect the language unless ``lang`` is given, and build the Article.

    The id is ``id`` when given, else the first 16 hex digits of the content hash.
    Raises InputError for empty, oversized or unsupported-language text.
    """
    text = clean(raw).text.strip("\n ")
    if not text.strip():
        raise InputError(source, "no text (empty or whitespace only)")
    if len(text) > max_chars:
        raise InputError(
            source, f"{len(text):,} characters is over the limit of {max_chars:,}; split the file"
        )
    digest = content_hash(text)
    first_line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    detected = lang or detect_language(text)
    if detected not in SUPPORTED_LANGS:
        raise InputError(
            source,
            f"language {detected!r} is not supported ({', '.join(SUPPORTED_LANGS)}); skipped. "
            "Pass --lang to override if the detection is wrong",
        )
    return Article(
        id=id or digest[:16],
        lang=detected,
        title=(title or first_line).strip(),
        text=text,
        source=source,
        published=published or None,
        url=url or None,
        publisher=publisher or None,
        author=author or None,
        content_hash=digest,
    )


def article_from_text(text: str, source: str, lang: str | None = None) -> Article:
    """An Article from plain text: the first non-empty line is the title, the id the file stem."""
    stem = Path(source).stem if source and source != "-" else None
    return make_article(text, source, id=stem, lang=lang)


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*?^```[ \t]*$", re.M | re.S), ""),  # code blocks are not prose
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.M), ""),  # link definitions
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]*(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines, rules
    (re.compile(r"^[ \t]*(?:\*[ \t]*){3,}$", re.M), ""),  # *** rules
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.M), ""),  # list markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),  # inline code
    (re.compile(r"\n{3,}"), "\n\n"),
)


def markdown_to_text(md: str) -> tuple[str, dict[str, str]]:
    """Markdown → (plain text, front-matter fields): markup goes, prose and headings stay.

    Headings become lines of their own (a heading is a sentence for graphbuild), links keep
    their text, images and code blocks are dropped. A YAML front matter block's simple
    ``key: value`` lines are returned as metadata (title, date, author, url …).

    Example:
        >>> markdown_to_text("# Gipfel in Genf\\n\\nDie **Ministerin** sagte [heute](x.html) ab.")
        ('Gipfel in Genf\\n\\nDie Ministerin sagte heute ab.', {})
    """
    meta: dict[str, str] = {}
    m = _FRONT_MATTER.match(md.replace("\r\n", "\n"))
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip() and value.strip():
                meta[key.strip().lower()] = value.strip().strip("\"'")
        md = md.replace("\r\n", "\n")[m.end() :]
    for pattern, repl in _MD_RULES:
        md = pattern.sub(repl, md)
    return md.strip(), meta
