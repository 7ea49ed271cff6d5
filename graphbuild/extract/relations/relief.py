"""Relief sent to a place: whoever sends helpers or aid goods to a country supports it.

* "X schickte Helfer nach Y", "X brachte Hilfsgüter in das Land", "X kündigte an, die Zahl
  der Helfer in der Region zu erhöhen", "Helfer von X trafen in Y ein" → X supports Y.

The nouns are ``relief_nouns.<lang>.tsv`` (people and goods sent to help, listed with their
inflected forms: a compound only counts when listed, "Wahlhelfer" help no country), their
verb one of ``relief_verbs.<lang>.tsv`` (sending, bringing, adding or arriving: "verweigerte
den Helfern die Einreise nach Y" supports no one). The sender is the noun's owner ("Helfer
des X") or the subject of its clause; the place is a named place in an "in"/"nach" phrase
of the noun or the words it hangs on, or a definite place noun ("die Region", "das Land",
``place_anaphors.<lang>.tsv``) standing for the one place the headline names (a report
takes up the place of its story so: "Erdbeben in Haiti … die Zahl der Helfer in der
Region").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.context import (
    PREP_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.verdicts import owners
from graphbuild.types import Mention, Relation

_TOWARD = {"in", "nach", "to", "into"}
_PLACES = {"LOC", "GPE"}
_SENDERS = {"ORG", "GPE", "LOC", "PER"}
# a definite article, also inside "im"/"ins" (in + dem/das: "im Land")
_DEFINITE = {"der", "die", "das", "den", "dem", "des", "the", "im", "ins"}


def _headline_place(ctx: Context) -> Mention | None:
    """The one place the headline names, if it names exactly one."""
    if not ctx.sents or not ctx.sents[0].is_heading:
        return None
    places = {
        m.text: m for m in ctx.by_sentence.get(0, ()) if m.kind == "name" and m.label in _PLACES
    }
    return next(iter(places.values())) if len(places) == 1 else None


def _place(ctx: Context, phrase: Token) -> Mention | None:
    """The place a toward-phrase names: its named place, or the headline's place for a
    definite place noun ("in der Region", "im Land")."""
    m = ctx.actor(phrase)
    if m is not None:
        return m if m.label in _PLACES and m.kind == "name" else None
    low = phrase.lemma_.lower() or phrase.lower_
    if low not in words("place_anaphors", ctx.lang) and phrase.lower_ not in words(
        "place_anaphors", ctx.lang
    ):
        return None
    definite = any(c.lower_ in _DEFINITE for c in phrase.children)
    return _headline_place(ctx) if definite else None


def _places(ctx: Context, heads: list[Token]) -> list[Mention]:
    """The places of the in/nach phrases hanging on any of ``heads``."""
    out: list[Mention] = []
    for head in heads:
        for c in head.children:
            if c.dep_ not in PREP_DEPS | {"dative"}:
                continue
            case = [g for g in c.children if g.dep_ == "case"]
            if c.dep_ in {"prep", "dative"} and preposition(c) in _TOWARD:  # English: → pobj
                targets = [p for p in c.children if p.dep_ == "pobj"]
            elif case and preposition(case[0]) in _TOWARD:
                targets = [c]
            else:
                continue
            out.extend(p for t in targets if (p := _place(ctx, t)) is not None and p not in out)
    return out


def _chain(noun: Token) -> list[Token]:
    """The noun and the words it hangs on up to its verb ("der Helfer" → "Zahl" → "erhöhen")."""
    out = [noun]
    t = noun
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
        if t.pos_ in {"VERB", "AUX"}:
            break
    return out


@cache
def _relief_verbs(lang: str) -> frozenset[str]:
    """Lemmas and listed forms of ``relief_verbs.<lang>.tsv``."""
    out: set[str] = set()
    for r in rows("relief_verbs", lang):
        out.add(r["lemma"].strip().lower())
        out.update(x.strip().lower() for x in (r.get("forms") or "").split(",") if x.strip())
    return frozenset(out)


def _sends(ctx: Context, verb: Token) -> bool:
    """Whether the verb (with its separated particle: "trafen … ein") sends, brings or adds
    relief, or says it arrived (``relief_verbs.<lang>.tsv``)."""
    forms = _relief_verbs(ctx.lang)
    lemma = verb.lemma_.lower()
    return lemma in forms or verb.lower_ in forms or particle_of(verb) + lemma in forms


def relief_relations(ctx: Context) -> Iterator[Relation]:
    """Helpers or aid goods sent to a place (see the module docstring)."""
    if not ctx.parsed:
        return
    nouns = words("relief_nouns", ctx.lang)
    for i, low in enumerate(ctx.tokens.lower):
        if low not in nouns or ctx.tokens.pos[i] not in {"NOUN", "PROPN"}:
            continue
        tok = ctx.doc[i]
        chain = _chain(tok)
        verb = chain[-1]
        if verb.pos_ not in {"VERB", "AUX"} or not _sends(ctx, verb):
            continue
        places = _places(ctx, chain)
        if not places:
            continue
        senders = owners(ctx, tok)
        if not senders and tok.dep_ not in SUBJ_DEPS:
            senders = subjects_of(ctx, verb)
        for sender in senders:
            if sender.label not in _SENDERS or sender in places:
                continue
            for place in places:
                rel = new_relation(ctx, sender, "supports", place, tok, "relief.sent", 0.6)
                if rel is not None:
                    yield rel
