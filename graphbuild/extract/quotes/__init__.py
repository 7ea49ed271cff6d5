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

from spacy.tokens import Doc

from graphbuild.extract.quotes.attribution import has_parse
from graphbuild.extract.quotes.context import Context
from graphbuild.extract.quotes.direct import direct_quotes
from graphbuild.extract.quotes.indirect import indirect_quotes
from graphbuild.extract.quotes.reported import free_indirect_quotes, reported_quotes
from graphbuild.types import Mention, Quote, Sentence

__all__ = ["quotes"]


# ---------------------------------------------------------------- entry point


def quotes(doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]) -> Iterator[Quote]:
    """Every statement in a parsed article, in text order (see the module docstring)."""
    ctx = Context(doc=doc, mentions=mentions, sents=sents, parsed=has_parse(doc), lang=doc.lang_)
    direct = direct_quotes(ctx)
    taken = [s for q in direct for s in q.spans]
    indirect = indirect_quotes(ctx, taken)
    reported = reported_quotes(ctx, taken + [s for q in indirect for s in q.spans])
    free = free_indirect_quotes(ctx, [*direct, *indirect, *reported])
    found = sorted([*direct, *indirect, *reported, *free], key=lambda q: (q.start, q.end))
    yield from _carry_over(ctx, found)


def _carry_over(ctx: Context, found: list[Quote]) -> list[Quote]:
    """A direct quote without a cue continues the report just before it (same speaker).

    „…“, so X. „…“ — the second quotation is X's too; so is a quotation that follows
    "X betonte, …" in the next sentence. Only within one sentence's distance.
    """
    out: list[Quote] = []
    for q in found:
        if q.kind == "direct" and q.speaker is None and q.cue is None:
            prev = next((p for p in reversed(out) if p.speaker is not None), None)
            if prev is not None and q.sent - prev.sent <= 1 and prev.end <= q.start:
                q = replace(
                    q,
                    speaker=prev.speaker,
                    speaker_phrase=prev.speaker_phrase,
                    rule=q.rule + ".carried-over",
                    confidence=0.6,
                )
        out.append(q)
    return out
