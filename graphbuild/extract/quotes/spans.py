"""Character-span helpers for quote extraction (trimming, subtracting frames)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span


def trim_chars(text: str, s: int, e: int, keep_final: bool = False) -> tuple[int, int] | None:
    """Strip whitespace, and commas/colons (and final punctuation unless kept) at the edges."""
    strip_end = " \t\n\u00a0,;:–—-" + ("" if keep_final else ".!?")
    while s < e and text[s] in " \t\n\u00a0,;:–—-":
        s += 1
    while e > s and text[e - 1] in strip_end:
        e -= 1
    return (s, e) if e > s else None


def span_tokens(doc: Doc, s: int, e: int) -> Span | None:
    return doc.char_span(s, e, alignment_mode="expand")


def subtract(span: tuple[int, int], holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    parts = [span]
    for hs, he in sorted(holes):
        nxt = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
    return parts


def clean_parts(
    text: str, parts: Sequence[tuple[int, int]], keep_final: bool = False
) -> tuple[tuple[int, int], ...]:
    out = []
    for k, (s, e) in enumerate(parts):
        t = trim_chars(text, s, e, keep_final=keep_final and k == len(parts) - 1)
        if t is not None and any(ch.isalnum() for ch in text[t[0] : t[1]]):
            out.append(t)
    return tuple(out)
