"""Taking sides: whoever fights, stands or places itself at someone's side supports them.

* "X kämpft an der Seite der Y", "X steht auf der Seite von Y", "X stellte sich auf die
  Seite Ys", "X kämpfte auf Seiten der Y" → X supports Y (``side_nouns.<lang>.tsv``).

The side phrase must hang on the verb, whose subject takes the side; a verb with an
accusative object of its own ("sieht die Schuld auf Seiten von Y") states where something
else lies, not a side taken.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    Context,
    new_relation,
    preposition,
    subjects_of,
)
from graphbuild.types import Mention, Relation

_OWNER_LEADS = {"der", "des", "von", "vom"}


@cache
def _side_nouns(lang: str) -> Mapping[str, frozenset[str]]:
    """Side noun → the prepositions that make it a side taken."""
    return MappingProxyType(
        {
            r["noun"].strip().lower(): frozenset((r.get("prepositions") or "").split())
            for r in rows("side_nouns", lang)
        }
    )


def _owner(ctx: Context, side: Token) -> Mention | None:
    """Whose side: a name right after ("die Seite Israels"), or after an article or "von"
    ("an der Seite der Armee", "auf der Seite von X"), adjectives between."""
    doc = ctx.doc
    k = side.i + 1
    if k < len(doc) and doc[k].lower_ in _OWNER_LEADS:
        k += 1
        while k < len(doc) and k - side.i <= 4 and doc[k].pos_ == "DET":
            k += 1
    return ctx.mention_at(doc[k]) if k < len(doc) else None


def _taken(ctx: Context, side: Token, prepositions: frozenset[str]) -> Token | None:
    """The verb a side phrase hangs on, when it states a side taken."""
    verb = side.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.i == side.i:
        return None
    if not any(c.dep_ == "case" and preposition(c) in prepositions for c in side.children):
        return None
    if any(c.dep_ in OBJ_DEPS and c.pos_ == "NOUN" for c in verb.children):
        return None  # "sieht die Schuld auf Seiten von Y"
    return verb


def side_relations(ctx: Context) -> Iterator[Relation]:
    """Sides taken (see the module docstring)."""
    nouns = _side_nouns(ctx.lang)
    if not ctx.parsed or not nouns:
        return
    for i, low in enumerate(ctx.tokens.lower):
        prepositions = nouns.get(low)
        if prepositions is None or ctx.tokens.pos[i] != "NOUN":
            continue
        tok = ctx.doc[i]
        verb = _taken(ctx, tok, prepositions)
        owner = _owner(ctx, tok) if verb is not None else None
        if verb is None or owner is None:
            continue
        for subject in subjects_of(ctx, verb):
            if subject != owner:
                rel = new_relation(ctx, subject, "supports", owner, tok, "side.taken", 0.65)
                if rel is not None:
                    yield rel
