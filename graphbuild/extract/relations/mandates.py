"""Orders named in an adverbial phrase: "X handelte im Auftrag der UN", "Auf Befehl des
Präsidenten griff die Armee an", "on the orders of X" → the order's owner instructs the
clause's subject (``mandate_nouns.<lang>.tsv``: the noun and its preposition).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows
from graphbuild.extract.relations.context import (
    Context,
    new_relation,
    passive_voice,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.verdicts import owners
from graphbuild.types import Relation


@cache
def _mandates(lang: str) -> Mapping[str, str]:
    """noun → the preposition that introduces it."""
    return MappingProxyType(
        {
            r["noun"].strip().lower(): r["preposition"].strip().lower()
            for r in rows("mandate_nouns", lang)
        }
    )


def _introduced(noun: Token, prep: str) -> bool:
    """Whether the noun's phrase opens with that preposition (UD case, or English prep)."""
    if noun.dep_ == "pobj":
        return preposition(noun.head) == prep
    return any(g.dep_ == "case" and preposition(g) == prep for g in noun.children)


def mandate_relations(ctx: Context) -> Iterator[Relation]:
    """The owner of an order or commission instructs the subject (module docstring)."""
    if not ctx.parsed:
        return
    table = _mandates(ctx.lang)
    tt = ctx.tokens
    for i, low in enumerate(tt.lower):
        prep = table.get(low) or table.get(tt.lemma[i].lower())
        if prep is None or tt.pos[i] not in {"NOUN", "PROPN"}:
            continue
        noun = ctx.doc[i]
        if not _introduced(noun, prep):
            continue
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if verb.pos_ not in {"VERB", "AUX"} or passive_voice(verb):
            continue
        for owner in owners(ctx, noun):
            for subject in subjects_of(ctx, verb):
                rel = new_relation(ctx, owner, "instructs", subject, noun, "noun.mandate", 0.6)
                if rel is not None:
                    yield rel
