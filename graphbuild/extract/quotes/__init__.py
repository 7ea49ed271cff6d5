"""Who said what: direct, indirect, free indirect and reported speech, with speaker, cue and addressee.

``quotes(doc, mentions, sents)`` yields one ``Quote`` per statement, in text order:

- **direct**: text between quotation marks (``marks.py``), attributed through a speech verb in
  the surrounding clause ("…", sagte X / X sagte: "…"), ", so X" or "laut X". A quote
  interrupted by its cue („Wir“, sagte er, „schaffen das“) is one Quote with two spans.
  Quoted fragments without any cue that are not clauses ("Titel", scare quotes) are skipped.
- **indirect**: the clausal complement of a speech verb — a dass/ob-clause, a verb-second
  clause (usually Konjunktiv I), a zu-infinitive ("bestätigte, … gesprochen zu haben") or an
  English that-clause — and statements attributed by "laut X", "X zufolge", "nach Angaben
  von X", "according to X", "wie X mitteilte".
- **free_indirect**: a sentence in Konjunktiv (or with reportive "sollen") that continues a
  report without a cue of its own; the speaker carries over from the report it continues.
  German grammar: Konjunktiv I alone marks reported speech (Duden-Grammatik § 757).
- **reported**: a speech act summarised with an object ("X kritisierte den Plan", "X forderte
  Neuwahlen"), for verbs marked ``reported`` in ``speech_verbs.<lang>.tsv``.

Modules, in the order ``quotes`` runs them: ``direct.py`` (quotation marks, ``marks.py``),
``indirect.py`` (complement clauses and "laut X" phrases), ``reported.py`` (reported and free
indirect speech); shared by them: ``context.py`` (the run's state, speech-verb cues,
Konjunktiv), ``sources.py`` (speaker, addressee, attribution phrases), ``attribution.py``
(parse helpers for subjects and phrases), ``spans.py``, ``lexicon.py`` (the data files).

``kind`` is "direct" for direct quotes and "indirect" for the other three. Headings and
boilerplate lines never produce quotes. Design notes and measured quality: ``docs/quotes.md``.

Example:
    >>> from graphbuild.nlp import load_pipeline  # doctest: +SKIP
    >>> doc = load_pipeline("en")('"We will win," Smith said.')  # doctest: +SKIP
    >>> [(q.text, q.speaker.text) for q in quotes(doc, [], [])]  # doctest: +SKIP
    [('We will win', 'Smith')]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from graphbuild.extract.quotes.attribution import has_parse, inside
from graphbuild.extract.quotes.context import Context, cue_at, is_konjunktiv_i
from graphbuild.extract.quotes.direct import direct_quotes
from graphbuild.extract.quotes.indirect import indirect_quotes
from graphbuild.extract.quotes.reported import free_indirect_quotes, reported_quotes
from graphbuild.extract.quotes.sources import relay_parties, sentence_subject
from graphbuild.extract.text import doc_text
from graphbuild.types import Mention, Quote, Sentence

__all__ = ["quotes"]


# ---------------------------------------------------------------- entry point


def quotes(doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]) -> Iterator[Quote]:
    """Every statement in a parsed article, in text order (see the module docstring)."""
    ctx = Context(doc=doc, mentions=mentions, sents=sents, parsed=has_parse(doc), lang=doc.lang_)
    direct, fragments = direct_quotes(ctx)
    taken = [s for q in direct for s in q.spans]
    indirect = indirect_quotes(ctx, taken)
    reported = reported_quotes(ctx, taken + [s for q in indirect for s in q.spans])
    free = free_indirect_quotes(ctx, [*direct, *indirect, *reported])
    nested = _nested(fragments, [*indirect, *free])
    found = sorted([*direct, *indirect, *reported, *free, *nested], key=lambda q: (q.start, q.end))
    yield from _relayed(ctx, _carry_over(ctx, found))


def _relayed(ctx: Context, found: list[Quote]) -> list[Quote]:
    """A quotation whose cue is a verb of quoting with two parties ("Die Zeitung zitiert den
    Minister mit den Worten: „…“") is the minister's words, relayed by the paper (``via``)."""
    spans = [s for q in found for s in q.spans]
    out = []
    for q in found:
        if q.cue_span is not None and q.type in {"direct", "indirect"} and ctx.parsed:
            cue = ctx.doc.char_span(*q.cue_span, alignment_mode="expand")
            parties = (
                relay_parties(ctx, cue[0], spans, q.spans) if cue is not None and len(cue) else None
            )
            if parties is not None:
                speaker, via = parties
                q = replace(
                    q,
                    speaker=speaker.mention,
                    speaker_phrase=speaker.phrase,
                    via=via.mention,
                    via_phrase=via.phrase,
                    rule=q.rule + ".relayed",
                )
        out.append(q)
    return out


def _nested(fragments: Sequence[Quote], reports: Sequence[Quote]) -> list[Quote]:
    """A quoted fragment inside indirect or free indirect speech is the reported speaker's
    own words: "Man werde den „Sumpf“ trockenlegen", "Die Lage sei „ernst“". It becomes a direct quote of that speaker (nested in the report),
    with the report's cue and frame when the report has a cue of its own."""
    out = []
    for f in fragments:
        host = next(
            (
                r
                for r in reports
                if r.type in {"indirect", "free_indirect"}
                and all(inside(s, r.spans) and inside(e - 1, r.spans) for s, e in f.spans)
            ),
            None,
        )
        if host is None:
            continue
        cued = host.type == "indirect"
        out.append(
            replace(
                f,
                speaker=host.speaker,
                speaker_phrase=host.speaker_phrase,
                cue=host.cue if cued else None,
                cue_span=host.cue_span if cued else None,
                cue_spans=host.cue_spans if cued else (),
                frame=host.frame if cued else (),
                medium=host.medium,
                rule=f.rule + ".nested-" + host.type,
                confidence=0.6,
            )
        )
    return out


def _carry_over(ctx: Context, found: list[Quote]) -> list[Quote]:
    """A statement without a speaker continues the report just before it (same speaker).

    „…“, so X. „…“ — the second quotation is X's too; so is a quotation that follows
    "X betonte, …" in the next sentence (only within one sentence's distance). Failing
    that, a cue-less quotation or Konjunktiv sentence takes the subject of the sentence
    right before it in the same paragraph, which opened the report without a verb of
    saying ("Meier gab sich optimistisch. Man sei …"; "X verurteilte die Haltung. „…“").
    A Konjunktiv sentence right after a sentence whose main verb is a verb of saying is that
    sentence subject's, even when the free-indirect rule carried a speaker from further back.
    """
    text = doc_text(ctx.doc)
    spans = [s for q in found for s in q.spans]
    out: list[Quote] = []
    for q in found:
        orphan = q.speaker is None and q.cue is None
        if orphan and q.type == "free_indirect":
            q = _continued(ctx, q, out, text)
        if orphan and ".nested-" in q.rule:
            # a fragment nested in a report whose speaker was only found here
            host = next(
                (p for p in reversed(out) if p.kind != "direct" and p.start <= q.start), None
            )
            if host is not None and host.speaker is not None and q.end <= host.end:
                q = replace(q, speaker=host.speaker, speaker_phrase=host.speaker_phrase)
        orphan = q.speaker is None and q.cue is None
        if orphan and q.kind == "direct":
            prev = next((p for p in reversed(out) if p.speaker is not None), None)
            # the report ends where its quotation or its source phrase ends ("„…“, so X.")
            ends = (prev.end, prev.speaker_phrase[1] if prev.speaker_phrase else 0) if prev else ()
            if (
                prev is not None
                and q.sent - ctx.sent_no(max(ends) - 1) <= 1
                and prev.end <= q.start
            ):
                q = replace(
                    q,
                    speaker=prev.speaker,
                    speaker_phrase=prev.speaker_phrase,
                    rule=q.rule + ".carried-over",
                    confidence=0.6,
                )
        if q.type == "free_indirect" and q.speaker_phrase is not None:
            q = _nearer_speaker(ctx, q, text, spans)
        if q.speaker is None and q.cue is None and q.type in {"direct", "free_indirect"}:
            own, before = _sentences_at(ctx, q.start)
            found_spk = None
            if own is not None and q.kind == "direct":
                found_spk = sentence_subject(ctx, own, spans)  # "X nennt es „…“"
            if (
                found_spk is None
                and before is not None
                and "\n" not in text[before.end_char : q.start]
            ):
                found_spk = sentence_subject(ctx, before, spans)
            if found_spk is not None:
                q = replace(
                    q,
                    speaker=found_spk.mention,
                    speaker_phrase=found_spk.phrase,
                    rule=q.rule + ".subject-before",
                    confidence=0.5,
                )
        out.append(q)
    return [_reported_pronoun(ctx, q, out, spans) for q in out]


def _continued(ctx: Context, q: Quote, before: Sequence[Quote], text: str) -> Quote:
    """A Konjunktiv sentence without a speaker continues the report before it in the same
    paragraph, up to two sentences back, also when that report's speaker was itself carried
    over ("X verteidigte ihn. So seien … gegangen. Die Partei hatte teilgenommen. Man sei
    sich einig gewesen, …")."""
    prev = next((p for p in reversed(before) if p.speaker is not None), None)
    if (
        prev is None
        or prev.kind == "direct"
        or prev.type == "reported"
        or q.sent - ctx.sent_no(prev.end - 1) > 2
        or "\n" in text[prev.end : q.start]
    ):
        return q
    return replace(
        q,
        speaker=prev.speaker,
        speaker_phrase=prev.speaker_phrase,
        rule=q.rule + ".continued",
        confidence=0.5,
    )


def _reported_pronoun(
    ctx: Context, q: Quote, found: Sequence[Quote], spans: Sequence[tuple[int, int]]
) -> Quote:
    """A pronoun speaker that is itself inside reported speech stands for the speaker named
    before: "X verteidigte den Entwurf. Er halte ihn für vertretbar und nannte ihn „maßvoll“";
    "Er gehe davon aus, dass …" (the cue in Konjunktiv I is reported too). The speaker is
    then the subject of the sentence before, when that is a name or noun."""
    if q.speaker is None or q.speaker.kind != "pronoun" or q.speaker_phrase is None:
        return q
    at = q.speaker_phrase[0]
    within = any(p.type != "reported" and inside(at, p.spans) for p in found)
    if not within and q.cue_span is not None and ctx.parsed:
        cue = ctx.doc.char_span(*q.cue_span, alignment_mode="expand")
        within = (
            cue is not None and len(cue) > 0 and cue[0].dep_ == "ROOT" and is_konjunktiv_i(cue[0])
        )
    if not within:
        return q
    _, before = _sentences_at(ctx, at)
    if before is None:
        return q
    found_spk = sentence_subject(ctx, before, spans)
    if found_spk is None or found_spk.mention.kind == "pronoun":
        return q
    return replace(
        q,
        speaker=found_spk.mention,
        speaker_phrase=found_spk.phrase,
        rule=q.rule + ".antecedent",
    )


def _nearer_speaker(ctx: Context, q: Quote, text: str, spans: Sequence[tuple[int, int]]) -> Quote:
    """A Konjunktiv sentence right after a sentence whose main verb is a verb of saying
    ("Die Behörde äußerte Zweifel. Der Plan sei zu teuer.") continues that
    sentence's subject, not a report further back."""
    _, before = _sentences_at(ctx, q.start)
    if before is None or "\n" in text[before.end_char : q.start]:
        return q
    if before.start_char <= q.speaker_phrase[0] < before.end_char:
        return q
    if cue_at(before.root, ctx) is None:
        return q
    found_spk = sentence_subject(ctx, before, spans)
    if found_spk is None or found_spk.mention.kind == "pronoun":
        return q
    return replace(
        q, speaker=found_spk.mention, speaker_phrase=found_spk.phrase, rule=q.rule + ".nearer"
    )


def _sentences_at(ctx: Context, char: int) -> tuple[Span | None, Span | None]:
    """The parsed sentence holding ``char`` and the one before it."""
    if not ctx.parsed:
        return None, None
    span = ctx.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None, None
    own = span[0].sent
    return own, (ctx.doc[own.start - 1].sent if own.start > 0 else None)
