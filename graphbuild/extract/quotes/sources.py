"""Speakers, addressees and attribution phrases: subject of the cue, "laut X", ", so X", "nach Angaben von X"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from spacy.tokens import Span, Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.quotes.attribution import (
    Speaker,
    addressee_token,
    frame_run,
    inside,
    mention_for,
    nearest_speaker,
    phrase_of,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    finite_verbs,
)
from graphbuild.extract.quotes.lexicon import (
    cue_phrases,
)


def speaker_of(ctx: Context, cue: Cue, quote_spans: Sequence[tuple[int, int]]) -> Speaker | None:
    tok = cue.token
    if ctx.parsed:
        subj = subject_token(tok)
        if subj is not None and not inside(subj.idx, quote_spans):
            return speaker_from_head(subj, [tok], quote_spans, ctx.mentions, ctx.sents)
        if subj is not None or tok.dep_ in {"advcl", "xcomp", "acl", "conj"}:
            return None  # a subject inside the quote, or a non-finite clause: don't guess
    sent = tok.sent
    region = frame_run(sent, tok, quote_spans) or (sent.start_char, sent.end_char)
    return nearest_speaker(tok.idx, region, quote_spans, ctx.mentions)


def addressee_fields(found: Speaker | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {"addressee": found.mention, "addressee_phrase": found.phrase}


def addressee_of(ctx: Context, cue: Cue, sent: Span) -> Speaker | None:
    """The addressee as a mention plus its whole phrase (reuses the Speaker record)."""
    if not ctx.parsed:
        return None
    acc = cue.verb is not None and cue.verb.addressee == "acc"
    tok = addressee_token(cue.token, sent, accusative=acc)
    if tok is None:
        return None
    phrase = phrase_of(tok, [cue.token], [])
    return Speaker(mention_for(tok, phrase, ctx.mentions, ctx.sents), phrase)


# ---------------------------------------------------------------- "laut X", "X zufolge"


def source_phrase(
    ctx: Context, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    for sent in sents:
        for found in sources_in(ctx, sent, quote_spans):
            return found[0], found[1]
    return None


def sources_in(
    ctx: Context, sent: Span, quote_spans: Sequence[tuple[int, int]]
) -> Iterator[tuple[Cue, Speaker, tuple[int, int]]]:
    """Attribution phrases in a sentence: (cue, speaker, the frame span to cut out)."""
    doc = ctx.doc
    toks = [t for t in sent if not inside(t.idx, quote_spans)]
    lowered = [t.lower_ for t in toks]
    used: set[int] = set()
    for k in range(len(toks)):
        if k in used:
            continue
        for phrase, pos in cue_phrases(ctx.lang):
            if pos == "as" or tuple(lowered[k : k + len(phrase)]) != phrase:
                continue
            first, last = toks[k], toks[k + len(phrase) - 1]
            if pos == "so":
                found = _so_source(ctx, first, sent)
                if found is None:
                    continue
                spk, frame = found
            elif pos == "source":
                found = _nach_source(ctx, first, sent)
                if found is None:
                    continue
                spk, frame = found
            elif pos == "before":
                chunk = _chunk_after(ctx, last.i + 1, sent.end)
                if chunk is None:
                    continue
                lo, hi, head = chunk
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                spk = Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr)
                frame = (first.idx, phr[1])
            else:  # "after": X zufolge
                chunk = _chunk_before(ctx, first.i, sent.start)
                if chunk is None:
                    continue
                lo, hi, head = chunk
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                spk = Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr)
                frame = (phr[0], last.idx + len(last))
            used.update(range(k, k + len(phrase)))
            cue = Cue(
                first, None, tuple((t.idx, t.idx + len(t)) for t in toks[k : k + len(phrase)])
            )
            yield cue, spk, frame
            break


# Determiners and possessives that open a noun phrase when the pipeline has no tagger.
_ARTICLES = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einem", "einer", "eines"}
    | {"einen", "sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem"}
    | {"eigener", "eigenen", "eigene", "the", "a", "an"}
)


def _np_kind(ctx: Context, t: Token) -> str:
    """ "N" noun/name, "D" determiner, "A" adjective/number, "" not part of a noun phrase."""
    if ctx.parsed and t.pos_:
        if t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "X" and t.text[:1].isupper()):
            return "N"
        if t.pos_ == "DET" or (t.pos_ == "PRON" and "Poss=Yes" in str(t.morph)):
            return "D"
        return "A" if t.pos_ in {"ADJ", "NUM"} else ""
    if t.lower_ in _ARTICLES:
        return "D"
    if t.text[:1].isupper():
        return "N"
    return "A" if t.text[:1].isdigit() or t.lower_.endswith(("en", "er", "e", "es", "em")) else ""


def _chunk_after(ctx: Context, i: int, end: int) -> tuple[int, int, Token] | None:
    """The noun phrase starting at token i: (start, end, head noun), with a genitive or
    "von" attribute and a name apposition ("Angaben des Ministeriums", "Sprecher Max Muster").
    """
    doc = ctx.doc
    genitive = {"des", "der", "eines", "einer", "von"}
    j, head = i, None
    while j < end and j - i < 14:
        t = doc[j]
        k = _np_kind(ctx, t)
        nxt = _np_kind(ctx, doc[j + 1]) if j + 1 < end else ""
        if head is None:
            if k == "N":
                head = t
            elif k not in {"D", "A"} and t.text != "-":
                break
        elif t.text == "(" and j + 2 < end and doc[j + 2].text == ")":
            j += 3  # an abbreviation in brackets: "der Vereinten Nationen (UN)"
            continue
        elif not (
            k == "N"
            or (t.lower_ in genitive and nxt in {"N", "D", "A"})
            or (k == "A" and nxt in {"N", "A"} and doc[j - 1].lower_ in genitive)
        ):
            break
        j += 1
    while j > i and _np_kind(ctx, doc[j - 1]) != "N":
        j -= 1
    if head is None or j <= i:
        return None
    return i, j, head


def _chunk_before(ctx: Context, i: int, start: int) -> tuple[int, int, Token] | None:
    """The noun phrase ending just before token i ("Dem Bericht des Ministeriums zufolge")."""
    doc = ctx.doc
    j = i
    while j > start and i - j < 12:
        t = doc[j - 1]
        if _np_kind(ctx, t) or t.lower_ == "von" or t.text == "-":
            j -= 1
            continue
        break
    while j < i and _np_kind(ctx, doc[j]) == "":
        j += 1
    nouns = [t for t in doc[j:i] if _np_kind(ctx, t) == "N"]
    if not nouns:
        return None
    return j, i, nouns[0]


def _nach_source(ctx: Context, nach: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ "nach Angaben der Polizei", "nach ersten Untersuchungen", "Zeugenaussagen nach"."""
    doc = ctx.doc
    nouns = words("quote_source_nouns", ctx.lang)

    def is_source(t: Token) -> bool:
        return any(t.lower_.endswith(n) for n in nouns)

    chunk = _chunk_after(ctx, nach.i + 1, sent.end) if nach.i + 1 < sent.end else None
    if chunk is not None:
        lo, hi, head = chunk
        core = [t for t in doc[lo:hi] if _np_kind(ctx, t) == "N"]
        if core and is_source(core[0]):
            phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
            inner = core[1] if len(core) > 1 else core[0]
            return Speaker(mention_for(inner, phr, ctx.mentions, ctx.sents), phr), (
                nach.idx,
                phr[1],
            )
    # postposition: "Celebis Angaben nach"
    if nach.i > sent.start and is_source(doc[nach.i - 1]):
        nxt = doc[nach.i + 1] if nach.i + 1 < sent.end else None
        if nxt is None or nxt.is_punct or nxt.pos_ in {"VERB", "AUX"}:
            back = _chunk_before(ctx, nach.i, sent.start)
            if back is not None:
                lo, hi, head = back
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                return Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr), (
                    phr[0],
                    nach.idx + len(nach),
                )
    return None


def _so_source(ctx: Context, so: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ ", so X." closing a sentence: X is the source (Die Lage sei ernst, so der Minister.)."""
    doc = ctx.doc
    if so.i == sent.start or doc[so.i - 1].text != ",":
        return None
    end = so.i + 1
    while end < sent.end and doc[end].text not in {",", ";", ":", ".", "!", "?", "(", "„", "“"}:
        end += 1  # the source phrase ends at the next comma (", so X, die …")
    rest = doc[so.i + 1 : end]
    if not 1 <= len(rest) <= 14:
        return None
    truncated = rest[0].text.endswith("-") and rest[0].text[:1].isupper()  # "Kongress- und …"
    if (
        ctx.parsed
        and not truncated
        and rest[0].pos_ not in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"}
    ):
        return None  # ", so dass …", ", so schnell …": no source follows
    if rest[0].lower_ in {"dass", "daß", "wie", "als", "weit", "lange"}:
        return None
    if ctx.parsed and finite_verbs(rest):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} or t.text[:1].isupper() for t in rest):
        return None
    phrase = (rest.start_char, rest.end_char)
    nouns = [t for t in rest if t.pos_ in {"NOUN", "PROPN"}]
    head = (nouns[-1] if nouns else rest.root) if ctx.parsed else rest[-1]
    frame = (doc[so.i - 1].idx, rest.end_char)
    return Speaker(mention_for(head, phrase, ctx.mentions, ctx.sents), phrase), frame
