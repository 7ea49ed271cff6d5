"""Mentions: names from NER, pronouns, and the sentences/headings they stand in."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Span

from graphbuild.extract.lexicons import words
from graphbuild.types import Mention, Sentence

_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "ORG": "ORG",
    "NORP": "MISC",
    "MISC": "MISC",
    "EVENT": "EVENT",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
}
_FINAL = tuple(".!?:;…\"“”»«'’")


def sentences(doc: Doc) -> Iterator[Sentence]:
    """The doc's sentences; a whole line without final punctuation is a heading.

    Lines listed in ``boilerplate.<lang>.tsv`` ("Kommentar hinterlassen") are marked too.
    """
    boilerplate = {w.casefold() for w in words("boilerplate", doc.lang_)}
    text = doc.text
    for sent in doc.sents:
        span = sent.text.strip()
        if not span:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(span)
        line_start = text.rfind("\n", 0, start) + 1
        line_end_i = text.find("\n", end)
        line_end = len(text) if line_end_i == -1 else line_end_i
        whole_line = text[line_start:start].strip() == "" and text[end:line_end].strip() == ""
        heading = whole_line and not span.endswith(_FINAL) and len(span.split()) <= 20
        yield Sentence(
            start,
            end,
            is_heading=heading or (span.endswith("?") and whole_line and len(span.split()) <= 12),
            is_boilerplate=span.casefold() in boilerplate,
        )


def sentence_index(sents: Sequence[Sentence], char: int) -> int:
    """Index of the sentence holding a character offset (the last one starting before it)."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].start <= char:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def _mention(span: Span, label: str, kind: str, sents: Sequence[Sentence]) -> Mention:
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        label=label,
        kind=kind,  # type: ignore[arg-type]
        sent=sentence_index(sents, span.start_char),
        morph=str(span.root.morph),
        lemma=span.root.lemma_,
    )


def mentions(doc: Doc, sents: Sequence[Sentence]) -> Iterator[Mention]:
    """Named entities from the pipeline's NER, then third-person pronouns."""
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        yield _mention(ent, label, "name", sents)
    pronouns = words("pronouns", doc.lang_)
    for token in doc:
        if token.lower_ in pronouns and token.ent_iob_ == "O":
            yield _mention(doc[token.i : token.i + 1], "PRON", "pronoun", sents)
