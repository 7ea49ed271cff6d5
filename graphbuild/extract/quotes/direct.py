"""Direct quotes: text between quotation marks, attributed through the cue around it.

A quote interrupted by its cue („Wir“, sagte er, „schaffen das“) is one Quote with two spans;
quoted names, titles and cue-less fragments are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from graphbuild.extract.quotes.attribution import (
    SUBJECT_DEPS,
    Speaker,
    frame_run,
    inside,
    mention_for,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    cue_at,
)
from graphbuild.extract.quotes.marks import MarkedQuote, marked_quotes
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
    colon_source,
    so_source,
    source_phrase,
    speaker_of,
)
from graphbuild.extract.quotes.spans import span_tokens, trim_chars
from graphbuild.extract.text import doc_text
from graphbuild.types import Quote

# Between the halves of a split quotation: closing mark, comma, a short cue clause, comma,
# opening mark („…“, sagte er, „…“ / "…," he said, "…").
_SPLIT_GAP = re.compile(r",?[“”\"«»‘’']?\s*,?\s*[^\W\d][^.!?;:\n\"„“”«»]{0,50},\s*[„“\"»«‚‘']")


def looks_like_statement(text: str) -> bool:
    """A quoted clause rather than a title or scare-quoted term: several words and a verb-like end."""
    words = text.split()
    return len(words) >= 4 and (text.rstrip()[-1:] in ".!?…" or len(words) >= 8)


def direct_quotes(ctx: Context) -> list[Quote]:
    text = doc_text(ctx.doc)
    found = [q for q in marked_quotes(text) if ctx.content(q.start)]
    all_spans = [s for q in found for s in q.spans]
    out: list[Quote] = []
    for mq in found:
        out.append(_attribute_direct(ctx, mq, all_spans))
    return _merge_split(ctx, out)


def _quote_sentences(ctx: Context, mq: MarkedQuote) -> list[Span]:
    doc = ctx.doc
    sents = []
    for sent in doc.sents:
        if sent.end_char <= mq.start - 1 or sent.start_char >= mq.end + 1:
            continue
        sents.append(sent)
    if sents:
        first = sents[0]
        # "X sagte:" may be split off as its own sentence before the quote
        before = doc_text(doc)[: mq.start - 1].rstrip()
        if before.endswith(":") and first.start > 0 and first.start_char >= mq.start - 2:
            prev = doc[first.start - 1].sent
            sents.insert(0, prev)
    return sents


def _cues_in(
    ctx: Context, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> list[Cue]:
    cues = []
    for sent in sents:
        for tok in sent:
            if inside(tok.idx, quote_spans):
                continue
            c = cue_at(tok, ctx)
            if c is not None:
                cues.append(c)
    return cues


def _so_cue(
    ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    """'„…“, so X.' — the attribution particle "so" right after a quotation."""
    doc = ctx.doc
    m = re.match(r"\s*[“”\"«»‘’']?\s*,?\s*(so)\s+", doc_text(doc)[mq.end : mq.end + 8])
    if not m:
        return None
    so_start = mq.end + m.start(1)
    span = span_tokens(doc, so_start, so_start + 2)
    if span is None:
        return None
    so = span[0]
    cue = Cue(so, None, ((so.idx, so.idx + len(so)),))
    if ctx.parsed:
        found = so_source(ctx, so, so.sent)
        return (cue, found[0]) if found is not None else None
    end = so.i + 1
    while (
        end < len(doc)
        and not doc[end].is_sent_start
        and doc[end].text not in {".", ";", "!", "?", "„", "“"}
    ):
        end += 1
    if end - so.i - 1 < 1 or end - so.i - 1 > 12:
        return None
    phrase = (doc[so.i + 1].idx, doc[end - 1].idx + len(doc[end - 1]))
    mention = mention_for(doc[end - 1], phrase, ctx.mentions, ctx.sents)
    return cue, Speaker(mention, phrase)


def _attribute_direct(ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]) -> Quote:
    text = doc_text(ctx.doc)
    spans = tuple(trim_chars(text, s, e, keep_final=True) or (s, e) for s, e in mq.spans)
    spans = tuple((s, e - 1) if text[e - 1] == "," else (s, e) for s, e in spans)
    body = " ".join(text[s:e] for s, e in spans)
    sents = _quote_sentences(ctx, mq)
    cue: Cue | None = None
    speaker: Speaker | None = None
    rule = "direct"
    so = _so_cue(ctx, mq, all_spans)
    if so is not None:
        cue, speaker = so
        rule = "direct.so"
    else:
        cues = _cues_in(ctx, sents, all_spans)
        governing = _governing_cue(ctx, spans, all_spans) if ctx.parsed else None
        if governing is not None:
            cue = governing
            speaker = speaker_of(ctx, cue, all_spans)
            rule = "direct.governing-verb"
        elif cues:
            cue = min(
                cues, key=lambda c: min(abs(c.token.idx - mq.start), abs(c.token.idx - mq.end))
            )
            speaker = speaker_of(ctx, cue, all_spans)
            rule = "direct.verb"
        else:
            src = source_phrase(ctx, sents, all_spans)
            if src is not None:
                cue, speaker = src
                rule = "direct.source"
    frame: tuple[tuple[int, int], ...] = ()
    addressee: Speaker | None = None
    if cue is not None:
        sent = cue.token.sent
        run = frame_run(sent, cue.token, all_spans)
        frame = (run,) if run else ()
        addressee = addressee_of(ctx, cue, sent)
    elif speaker is None:
        # "X hält die Kritik für falsch: „…“", "BKA-Präsident X: „…“": no verb of saying
        colon = colon_source(ctx, mq.start, all_spans)
        if colon is not None:
            speaker, colon_frame = colon
            frame = (colon_frame,)
            rule = "direct.colon"
    confidence = 0.9 if speaker and cue else 0.6 if cue or speaker else 0.3
    return Quote(
        start=spans[0][0],
        end=spans[-1][1],
        text=body,
        kind="direct",
        type="direct",
        speaker=speaker.mention if speaker else None,
        cue=cue.token.text if cue else None,
        cue_span=(cue.token.idx, cue.token.idx + len(cue.token)) if cue else None,
        cue_spans=cue.spans if cue else (),
        **addressee_fields(addressee),
        spans=spans,
        sent=ctx.sent_no(spans[0][0]),
        rule=f"quote.{rule}",
        confidence=confidence,
        speaker_phrase=speaker.phrase if speaker else None,
        frame=frame,
        medium=cue.verb.medium if cue and cue.verb else "speech",
    )


def _governing_cue(
    ctx: Context, spans: Sequence[tuple[int, int]], all_spans: Sequence[tuple[int, int]]
) -> Cue | None:
    """The speech verb the quotation depends on in the parse (its complement or object).

    'The minister said he had a "constructive meeting"' → "said": a quoted fragment inside reported
    speech belongs to the speaker of that speech, not to the nearest other verb.
    """
    span = span_tokens(ctx.doc, spans[0][0], spans[0][1])
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(12):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if inside(tok.idx, all_spans) or child.dep_ in SUBJECT_DEPS:
            continue  # a quoted subject ("one meeting" does not answer …) is not what is said
        cue = cue_at(tok, ctx)
        if cue is not None:
            return cue
    return None


def _merge_split(ctx: Context, found: list[Quote]) -> list[Quote]:
    """„Wir“, sagte er, „schaffen das“ → one quote with two spans; drop unattributed fragments."""
    text = doc_text(ctx.doc)
    out: list[Quote] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.cue_span is not None:
            gap = text[prev.end : q.start]
            if (
                _SPLIT_GAP.fullmatch(gap)
                and prev.cue_span[0] >= prev.end
                and prev.cue_span[1] <= q.start
                and (prev.speaker is None or prev.end <= prev.speaker.start < q.start)
                and not re.search(r"[.!?;]$", text[prev.start : prev.end].rstrip())
            ):
                out[-1] = replace(
                    prev,
                    end=q.end,
                    text=prev.text + " " + q.text,
                    spans=prev.spans + q.spans,
                    rule=prev.rule + "+split",
                )
                continue
        out.append(q)
    # A cue-less, speaker-less quoted fragment is a title or a scare quote, not a statement;
    # a quoted name ("der Sender „Silverbird“") is not a statement even next to a cue.
    return [
        q
        for q in out
        if (q.cue_span is not None or looks_like_statement(q.text)) and not _name_like(ctx, q)
    ]


def _name_like(ctx: Context, q: Quote) -> bool:
    """A quoted name or title, not a statement: „Al Jazeera“, der Sender „Silverbird“.

    With a tagger: the quoted words are names (PROPN or a named entity) or stand in apposition
    to a noun. Quoted common nouns („Papiertiger“, „haltlos“) remain quotes. Without one:
    several words, all capitalised.
    """
    words = q.text.split()
    if len(words) > 5 or len(q.spans) > 1 or not words:
        return False
    span = span_tokens(ctx.doc, q.start, q.end)
    if span is None:
        return False
    content = [t for t in span if not t.is_punct]
    if not content:
        return True
    text = doc_text(ctx.doc)
    if text[q.end : q.end + 2] in {"“-", "”-", '"-', "»-", "«-"}:
        return True  # part of a compound: „Bild“-Zeitung
    if ctx.parsed:
        if any(t.pos_ in {"VERB", "AUX"} for t in content):
            return False
        named = sum(1 for t in content if t.pos_ == "PROPN" or t.ent_type_)
        if named * 2 > len(content):
            return True
        if _title_after_article(ctx, span, content):
            return True
        return span.root.dep_ in {"appos", "flat", "flat:name", "compound"} and all(
            t.text[:1].isupper() for t in content
        )
    return len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _title_after_article(ctx: Context, span: Span, content: Sequence[Token]) -> bool:
    """A title or name in marks right after a definite article or a noun ("die
    „Computerwoche“", "der Sender „Channel 10“", "die Modelle „Touareg“"): up to four
    words, all capitalised (or articles, prepositions, numbers), no verb. Quoted words of a
    speaker open in lower case („gravierende Bedenken“) or follow a preposition or an
    indefinite article ("von „Panikverkäufen“", "ein „Papiertiger“")."""
    if len(content) > 4 or not content[0].text[:1].isupper():
        return False
    doc = ctx.doc
    k = span.start - 1
    while k >= 0 and doc[k].text in {"„", "“", "”", '"', "»", "«", "‚", "‘", "'"}:
        k -= 1
    if k < 0:
        return False
    prev = doc[k]
    definite = prev.pos_ == "DET" and "Def" in prev.morph.get("Definite")
    if not (definite or prev.pos_ in {"NOUN", "PROPN"}):
        return False  # "von „Panikverkäufen“", "ein „Papiertiger“": quoted words
    return all(t.text[:1].isupper() or t.pos_ in {"ADP", "DET", "CCONJ", "NUM"} for t in content)
