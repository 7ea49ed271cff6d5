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
- **reported**: a speech act summarised with an object ("X kündigte Proteste an", "X forderte
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

from spacy.tokens import Doc

from graphbuild.extract.quotes.attribution import has_parse, inside
from graphbuild.extract.quotes.context import Context
from graphbuild.extract.quotes.direct import direct_quotes
from graphbuild.extract.quotes.indirect import indirect_quotes
from graphbuild.extract.quotes.reported import free_indirect_quotes, reported_quotes
from graphbuild.extract.quotes.sources import relay_parties
from graphbuild.types import Mention, Quote, Sentence

__all__ = ["quotes"]


# ---------------------------------------------------------------- entry point


def quotes(doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]) -> Iterator[Quote]:
    """Every statement in a parsed article, in text order (see the module docstring)."""
    ctx = Context(doc=doc, mentions=mentions, sents=sents, parsed=has_parse(doc), lang=doc.lang_)
    direct, fragments = direct_quotes(ctx)
    taken = [s for q in direct for s in q.spans]
    indirect = indirect_quotes(ctx, taken)
    reported = reported_quotes(ctx, taken, [s for q in indirect for s in q.spans])
    free = free_indirect_quotes(ctx, [*direct, *indirect, *reported])
    nested = _nested(fragments, [*indirect, *free])
    found = sorted([*direct, *indirect, *reported, *free, *nested], key=lambda q: (q.start, q.end))
    yield from _relayed(ctx, found)


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
