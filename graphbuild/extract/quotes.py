"""Quotes: text between quotation marks, attributed through a nearby speech verb."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from graphbuild.extract.lexicons import words
from graphbuild.extract.mentions import sentence_index
from graphbuild.types import Mention, Quote, Sentence

# Opening mark → closing marks it may pair with (German, English, French-style, single).
_PAIRS = {"„": '“”"', "“": '”"', '"': '"“”', "»": "«", "«": "»", "‚": "‘’", "‘": "’"}
_QUOTE_RE = re.compile(r"(„|“|\"|»|«|‚|‘)([^\n]*?)(“|”|\"|«|»|‘|’)")


def quotes(doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]) -> Iterator[Quote]:
    """Direct quotes; the speaker is the person mention nearest to a speech verb."""
    verbs = words("speech_verbs", doc.lang_)
    text = doc.text
    for m in _QUOTE_RE.finditer(text):
        opening, inner, closing = m.group(1), m.group(2), m.group(3)
        if closing not in _PAIRS.get(opening, "") or not inner.strip():
            continue
        start, end = m.start(2), m.end(2)
        body = inner.rstrip(" ,")
        end = start + len(body)
        s = sentence_index(sents, start)
        cue_tok = None
        for tok in (
            doc.char_span(
                sents[s].start, sents[min(s + 1, len(sents) - 1)].end, alignment_mode="expand"
            )
            or []
        ):
            if start <= tok.idx < end:
                continue
            if tok.lemma_.lower() in verbs or tok.lower_ in verbs:
                cue_tok = tok
                break
        speaker = None
        if cue_tok is not None:
            people = [
                x for x in mentions if x.label in {"PER", "PRON"} and not start <= x.start < end
            ]
            if people:
                speaker = min(people, key=lambda x: abs(x.start - cue_tok.idx))
        yield Quote(
            start=start,
            end=end,
            text=text[start:end],
            kind="direct",
            type="direct",
            speaker=speaker,
            cue=cue_tok.text if cue_tok is not None else None,
            cue_span=(cue_tok.idx, cue_tok.idx + len(cue_tok)) if cue_tok is not None else None,
            spans=((start, end),),
            sent=s,
            rule="quote.marks+nearest-speaker",
            confidence=0.6 if speaker else 0.3,
        )
