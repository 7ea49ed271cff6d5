"""Bytes → clean text: encoding detection, Unicode NFC, odd whitespace and invisible characters.

Design: ``Article.text`` *is* the cleaned text, and every offset graphbuild produces (mentions,
quotes, relations, facts) points into it. Cleaning may change the length (CRLF → LF, NFC
composition, removed zero-width characters), so ``clean`` also returns ``raw_offsets``: for
every character of the clean text the index of the character of the raw (decoded) text it
came from. Whoever needs to point into the original file maps an offset with
``Cleaned.to_raw(i)``.

Example:
    >>> c = clean("A\\u200bB\\r\\nC\\u00a0D")
    >>> c.text
    'AB\\nC D'
    >>> c.to_raw(1), c.to_raw(3)
    (2, 5)
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

from graphbuild.errors import InputError

#: Characters that carry no text and confuse tokenisers: dropped.
INVISIBLE = frozenset(
    "\u200b"  # zero width space
    "\u200c"  # zero width non-joiner (no use in de/en text)
    "\u200d"  # zero width joiner
    "\u2060"  # word joiner
    "\ufeff"  # BOM / zero width no-break space inside the text
    "\u00ad"  # soft hyphen: "Bundes\xadregierung" is one word
    "\u180e"  # mongolian vowel separator (old zero-width space)
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"  # bidi marks
)
#: Space characters other than " " (no-break, thin, ideographic, tab …): become " ".
ODD_SPACES = frozenset(
    "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
)
#: Line and paragraph separators: become "\n".
LINE_BREAKS = frozenset("\u2028\u2029\x85")


_NEEDS_CLEANING = re.compile(
    "["
    + re.escape("".join(sorted(INVISIBLE | ODD_SPACES | LINE_BREAKS)))
    + "\r\x00-\x08\x0e-\x1f\x7f-\x9f]"
)


@dataclass(frozen=True, slots=True)
class Cleaned:
    """Clean text plus, per clean character, the index of the raw character it came from."""

    text: str
    raw_offsets: array  # type: ignore[type-arg]  # array('q'), len(text) + 1 entries

    def to_raw(self, offset: int) -> int:
        """The raw-text index of clean offset ``offset`` (``len(text)`` maps to the raw end)."""
        return int(self.raw_offsets[offset])


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text, the codec that decoded it, and whether that codec was a guess.

    ``guessed`` is True when the bytes were neither UTF-8 (nor UTF-16 with a BOM) nor valid
    in a declared charset, so the text rests on a guessed single-byte code page.
    """

    text: str
    encoding: str
    guessed: bool = False


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes → str: BOMs, then a declared charset, then UTF-8, then detection (cp1252/Latin-1 …).

    cp1252 is preferred over Latin-1 when both fit, because Windows newsroom exports use its
    curly quotes (0x84 „ 0x93 “) that Latin-1 maps to invisible control characters.
    Raises InputError for empty or binary input. ``decode_bytes`` also says which codec.

    Example:
        >>> decode("„Grüße“".encode("cp1252"), "x.txt")
        '„Grüße“'
    """
    return decode_bytes(data, source, declared).text


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """``decode``, returning the codec used too, and whether it was guessed.

    Example:
        >>> decode_bytes("„Grüße“".encode("cp1252"), "x.txt")
        Decoded(text='„Grüße“', encoding='cp1252', guessed=True)
    """
    if not data.strip():
        raise InputError(source, "empty input (no text)")
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"starts with a {codec} BOM but is not {codec}") from exc
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not text")
    if declared:
        try:
            return Decoded(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong header is common; fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Not UTF-8: a single-byte Western code page is by far the most likely for news.
        text = data.decode("cp1252")
        if not any(unicodedata.category(c) == "Cc" and c not in "\n\r\t\f" for c in text):
            return Decoded(text, "cp1252", guessed=True)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "cannot detect the text encoding; save it as UTF-8")
    return Decoded(str(best), best.encoding, guessed=True)


def _clusters(text: str) -> list[tuple[int, str]]:
    """(start, chars) runs of a base character followed by its combining marks."""
    out: list[tuple[int, str]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or not unicodedata.combining(text[i]):
            out.append((start, text[start:i]))
            start = i
    return out


def clean(raw: str) -> Cleaned:
    """NFC, unified line ends, odd spaces → " ", invisible and control characters removed.

    Per-cluster NFC keeps the offset map exact: a base character and its combining marks
    compose into one character that maps to the base's raw index.
    """
    n = len(raw)
    if not _NEEDS_CLEANING.search(raw) and unicodedata.is_normalized("NFC", raw):
        return Cleaned(raw, array("q", range(n + 1)))  # the common case: nothing to do
    chars: list[str] = []
    where = array("q")
    i = 0
    while i < n:
        c = raw[i]
        if c == "\r":
            chars.append("\n")
            where.append(i)
            i += 2 if i + 1 < n and raw[i + 1] == "\n" else 1
            continue
        if c in INVISIBLE:
            i += 1
            continue
        if c in ODD_SPACES:
            chars.append(" ")
        elif c in LINE_BREAKS:
            chars.append("\n")
        elif c != "\n" and unicodedata.category(c) == "Cc":
            i += 1
            continue
        else:
            chars.append(c)
        where.append(i)
        i += 1
    staged = "".join(chars)
    if unicodedata.is_normalized("NFC", staged):
        where.append(n)
        return Cleaned(staged, where)
    text_parts: list[str] = []
    nfc_where = array("q")
    for start, run in _clusters(staged):
        composed = unicodedata.normalize("NFC", run)
        text_parts.append(composed)
        nfc_where.extend([where[start]] * len(composed))
    text = "".join(text_parts)
    whole = unicodedata.normalize("NFC", staged)
    if text != whole:  # composition across clusters (e.g. Hangul jamo): keep NFC, coarser map
        text = whole
        nfc_where = array("q", (where[min(k, len(where) - 1)] for k in range(len(text))))
    nfc_where.append(n)
    return Cleaned(text, nfc_where)
