"""Ingest: files and folders → Articles (decoded, normalised, language detected).

``read_articles`` yields an ``Article`` for every readable input and a ``Failure`` (one line
naming the source and the reason) for every other one, so a batch never stops on bad input.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from graphbuild.errors import InputError
from graphbuild.types import Article, Failure

TEXT_SUFFIXES = {".txt", ".md", ".text"}
SUPPORTED_LANGS = ("de", "en")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid, restricted to the common ones)."""
    import py3langid

    lang, _score = py3langid.classify(text[:5000])
    return str(lang)


def decode(data: bytes, source: str) -> str:
    """Bytes → str: UTF-8 (with or without BOM) first, then charset detection."""
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot detect the text encoding; save it as UTF-8")
    return str(best)


def normalise(text: str) -> str:
    """NFC, unified line ends."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def article_from_text(text: str, source: str, lang: str | None = None) -> Article:
    """An Article from plain text: the first non-empty line is the title."""
    text = normalise(text)
    if not text.strip():
        raise InputError(source, "no text (empty or whitespace only)")
    title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    digest = hashlib.sha256(text.encode()).hexdigest()
    detected = lang or detect_language(text)
    if detected not in SUPPORTED_LANGS:
        raise InputError(
            source, f"language {detected!r} is not supported (de, en); pass --lang to override"
        )
    stem = Path(source).stem if source else digest[:16]
    return Article(
        id=stem, lang=detected, title=title, text=text, source=source, content_hash=digest
    )


def _files(paths: Iterable[Path]) -> Iterator[Path | Failure]:
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES:
                    yield f
        elif p.is_file():
            yield p
        else:
            yield Failure(str(p), "no such file or directory")


def read_articles(
    sources: Iterable[str | Path], lang: str | None = None
) -> Iterator[Article | Failure]:
    """Every readable article of the given files and folders, or a Failure per bad input."""
    for item in _files(Path(s) for s in sources):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            data = item.read_bytes()
            yield article_from_text(decode(data, str(item)), str(item), lang)
        except InputError as exc:
            yield Failure(exc.source, exc.reason, exc.line)
        except OSError as exc:
            yield Failure(str(item), f"cannot read: {exc.strerror or exc}")
