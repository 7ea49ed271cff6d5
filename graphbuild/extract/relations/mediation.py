"""Mediation: "X bemühte sich um Vermittlung zwischen A und B", "der UN-Vermittler zwischen
A und B" → X negotiatesWith A and X negotiatesWith B (guideline: negotiations, talks or
mediation between the two). The nouns are ``mediation_nouns.<lang>.tsv``; the pair A–B
itself comes from the noun frame of ``interaction_nouns``.

The mediator is a compound prefix ("UN-Vermittler"), the noun's owner ("die Vermittlung
der EU", "seine Vermittlung") or the subject of the verb the noun depends on.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.tokens import Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.relations.context import (
    Context,
    new_relation,
    parties,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.verdicts import owners
from graphbuild.types import Mention, Relation

_BETWEEN = {"zwischen", "between"}


def _is_mediation(ctx: Context, i: int) -> bool:
    """Token ``i`` is a mediation noun (read from the token table)."""
    tt = ctx.tokens
    if tt.pos[i] not in {"NOUN", "PROPN"}:
        return False
    return _mediation_word(tt.lower[i], tt.lemma[i], ctx.lang)


@lru_cache(maxsize=65536)  # asked for every noun
def _mediation_word(lower: str, lemma: str, lang: str) -> bool:
    """A mediation noun (German: also as a compound's end, "Friedensvermittlung")."""
    nouns = words("mediation_nouns", lang)
    low = lower.split("-")[-1]
    if lang != "de":
        return low in nouns or lemma.lower() in nouns
    return any(low.endswith(n) for n in nouns)


def _parties(ctx: Context, noun: Token) -> list[Mention]:
    """The actors of the noun's "zwischen A und B" phrase."""
    out: list[Mention] = []
    for c in noun.children:
        heads = [p for p in c.children if p.dep_ == "pobj"] if c.dep_ == "prep" else [c]
        if preposition(c) in _BETWEEN or any(
            g.dep_ == "case" and preposition(g) in _BETWEEN for g in c.children
        ):
            for h in heads:
                for x in ctx.conjuncts(h):
                    out.extend(m for m in parties(ctx, x) if m not in out)
    return out


def _mediators(ctx: Context, noun: Token) -> list[Mention]:
    prefix = [m for m in ctx.by_token.get(noun.i, []) if m.end < noun.idx + len(noun.text)]
    if "-" in noun.text and prefix:
        return prefix[:1]  # "UN-Vermittler"
    own = owners(ctx, noun)
    if own:
        return own
    v = noun
    for _ in range(3):
        if v.head.i == v.i:
            break
        v = v.head
        if v.pos_ in {"VERB", "AUX"}:
            return subjects_of(ctx, v)
    return []


def mediation_relations(ctx: Context) -> Iterator[Relation]:
    """Mediator negotiatesWith each party of a mediation noun (see the module docstring)."""
    if not ctx.parsed:
        return
    for tok in ctx.tokens_where(lambda i: _is_mediation(ctx, i)):
        sides = _parties(ctx, tok)
        if not sides:
            continue
        for mediator in _mediators(ctx, tok):
            for side in sides:
                if side == mediator:
                    continue
                rel = new_relation(
                    ctx, mediator, "negotiatesWith", side, tok, "noun.mediation", 0.6
                )
                if rel is not None:
                    yield rel
