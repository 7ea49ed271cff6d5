"""Pairing quotation marks in raw text: „…“ "…" »…« «…» ‚…‘ '…' “…”, across sentences and paragraphs.

A mark can open when it stands at the left edge of a word (start of text, after whitespace,
an opening bracket or dash, or another opening mark) and can close when it stands at the right
edge of one. Apostrophes inside words (``don't``, ``Peter’s``) are neither. Pairs are found
with a stack, so a quote inside a quote (``„Er nannte es ‚Unsinn‘.“``) stays part of the outer
quote. Typographic convention for long quotes: a quoted paragraph may end without a closing
mark when the next paragraph opens with a new opening mark; both paragraphs then form one
quote with one span per paragraph. A mark left open at the end of a paragraph otherwise is a
typo, and nothing is guessed (as textacy refuses an unclosed quotation).

Example:
    >>> text = 'Er sagte: „Wir schaffen das.“'
    >>> [text[s:e] for s, e in quote_spans(text)[0]]
    ['Wir schaffen das.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → the closing marks it pairs with (German „…“ and „…”, English “…”,
# straight quotes, French/Swiss «…» and German »…«, single quotes of each style).
PAIRS: dict[str, str] = {
    "„": '“”"',
    "“": "”“",
    '"': '"',
    "»": "«",
    "«": "»",
    "‚": "‘’'",
    "‘": "’",
    "'": "'",
    "‹": "›",
    "›": "‹",
}
MARKS = frozenset("„“”\"»«‚‘’'‹›")
# the characters the scan in marked_quotes acts on; it skips everything else
_SCAN = re.compile("[" + re.escape("".join(sorted(MARKS))) + "\n]")
_LEFT_CONTEXT = set(" \t\n\u00a0([{/–—-:") | MARKS
_MAX_CHARS = 6000


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """Top-level quoted text: spans exclude the marks; ``marks`` are the mark offsets used."""

    spans: tuple[tuple[int, int], ...]
    marks: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


def _can_open(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev = text[i - 1] if i > 0 else " "
    if nxt.isspace():
        return False
    if text[i] in "’'" and prev.isalnum():
        return False  # apostrophe: don't, Peter's
    return i == 0 or prev in _LEFT_CONTEXT


def _can_close(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isspace() or i == 0:
        return False
    if text[i] in "’'" and prev.isalpha() and nxt.isalpha():
        return False  # apostrophe inside a word
    return not nxt.isalnum() or text[i] in '“”«»"‹›'


def quote_spans(text: str) -> list[tuple[tuple[int, int], ...]]:
    """Spans (without marks) of every top-level quotation, one tuple of spans per quotation."""
    return [q.spans for q in marked_quotes(text)]


def marked_quotes(text: str) -> list[MarkedQuote]:
    """Every top-level quotation in text order, paragraphs of one quotation joined."""
    out: list[MarkedQuote] = []
    stack: list[tuple[str, int]] = []
    pending: list[tuple[int, int]] = []  # finished paragraphs of a multi-paragraph quotation
    pending_marks: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        found = _SCAN.search(text, i)
        if found is None:
            break
        i = found.start()
        ch = text[i]
        if ch == "\n" and stack:
            # Paragraph ends inside a quotation: it continues only if the next paragraph
            # opens with the same mark as the outer quotation.
            j = i
            while j < n and text[j].isspace():
                j += 1
            outer, start = stack[0]
            if j < n and text[j] == outer and len(stack) == 1:
                body_end = i
                while body_end > start and text[body_end - 1].isspace():
                    body_end -= 1
                pending.append((start + 1, body_end))
                pending_marks.append(start)
                stack = [(outer, j)]
                i = j + 1
                continue
            stack = []
            pending, pending_marks = [], []
            i += 1
            continue
        if ch in MARKS:
            top = stack[-1] if stack else None
            closes = top is not None and ch in PAIRS.get(top[0], "") and _can_close(text, i)
            # A mark that may both open and close (straight quotes, “) closes the innermost
            # open quotation it fits; otherwise it opens one.
            if closes and top is not None:
                stack.pop()
                if not stack:
                    spans = [*pending, (top[1] + 1, i)]
                    marks = (*pending_marks, top[1], i)
                    if all(e > s for s, e in spans) and i - spans[0][0] <= _MAX_CHARS:
                        out.append(MarkedQuote(tuple(spans), marks))
                    pending, pending_marks = [], []
            elif ch in PAIRS and _can_open(text, i):
                stack.append((ch, i))
            elif stack and any(ch in PAIRS.get(m, "") for m, _ in stack) and _can_close(text, i):
                # Closes an outer quotation whose inner one was never closed.
                while stack and ch not in PAIRS.get(stack[-1][0], ""):
                    stack.pop()
                continue
        i += 1
    return out
