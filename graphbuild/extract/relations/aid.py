"""Aid named by who receives it or what it makes possible, not by a verb of giving:

* "X erhielt Unterstützung von Y", "X bekam Hilfe aus Y" (a receiving verb of
  ``award_verbs`` with a support noun as its object) → Y supports X;
* "X eroberte mit Unterstützung von Y die Stadt", "mit Hilfe der Y" (a support noun in a
  mit-phrase) → Y supports the clause's subject;
* "X sagte Y Hilfe zu", "X bot Y Unterstützung an" (a support noun as the object of a
  giving verb of ``award_verbs`` with a dative) → X supports Y; also where the parser
  took the dative for a second object ("leisteten Y Hilfe") or hung it on the noun ("sagte
  der Ukraine Hilfe zu");
* "X schickte Truppen zur Unterstützung der Y", "in support of Y" (support as the clause's
  aim) → X supports Y.

The support nouns are the ``supports`` rows of ``interaction_nouns`` ("Hilfe",
"Unterstützung", "Rückendeckung", …; a compound ending in one counts: "Militärhilfe").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    passive_voice,
    prep_objects,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.frames import cues, noun_frames
from graphbuild.extract.relations.verdicts import owners
from graphbuild.types import Mention, Relation

_FROM = {"von", "vom", "aus", "from", "of"}
_WITH = {"mit", "with"}
_TO = {"für", "an", "for", "to"}  # "Hilfe für Y" is a noun frame of its own
_DATIVE = {"iobj", "dative", "da"}


@cache
def _support_nouns(lang: str) -> tuple[str, ...]:
    return tuple(f.noun for f in noun_frames(lang) if f.predicate == "supports")


@cache
def _award_verbs(lang: str, role: str) -> frozenset[str]:
    """Forms of the ``award_verbs`` of that role (receive | give)."""
    out: set[str] = set()
    for r in rows("award_verbs", lang):
        if (r.get("role") or "").strip() == role:
            out.add(r["lemma"].strip().lower())
            out.update(x.strip().lower() for x in (r.get("forms") or "").split(",") if x.strip())
    return frozenset(out)


def _is(ctx: Context, verb: Token, role: str) -> bool:
    """Whether the verb (with its separated particle: "sagte … zu" → zusagen) has that role."""
    forms = _award_verbs(ctx.lang, role)
    lemma = verb.lemma_.lower()
    return lemma in forms or verb.lower_ in forms or particle_of(verb) + lemma in forms


def _support(ctx: Context, i: int) -> bool:
    """Token ``i`` is a support noun (read from the token table)."""
    tt = ctx.tokens
    if tt.pos[i] not in {"NOUN", "PROPN"}:
        return False
    return _support_word(tt.lower[i] if ctx.lang == "de" else tt.lemma[i].lower(), ctx.lang)


@lru_cache(maxsize=65536)  # asked for every noun
def _support_word(low: str, lang: str) -> bool:
    """A support noun, in German also as a compound's end ("Militärhilfe")."""
    return any(low == n or (lang == "de" and low.endswith(n)) for n in _support_nouns(lang))


def _givers(ctx: Context, noun: Token, verb: Token | None) -> list[Mention]:
    """Who gives: the noun's owner or von/aus-phrase, else the verb's von/aus-phrase."""
    found = owners(ctx, noun) or [m for _p, m in prep_objects(ctx, noun, _FROM)]
    if not found and verb is not None:
        found = [m for _p, m in prep_objects(ctx, verb, _FROM)]
    return found


def _governing_verb(noun: Token) -> Token | None:
    """The verb the noun depends on, over an English preposition ("with" → "support")."""
    v = noun.head.head if noun.dep_ == "pobj" else noun.head
    return v if v.pos_ in {"VERB", "AUX"} and v.i != noun.i else None


def _roles(
    ctx: Context, noun: Token, verb: Token
) -> tuple[list[Mention], list[Mention], str] | None:
    """(givers, receivers, rule) of a support noun, or None when it states no aid."""
    if noun.dep_ in OBJ_DEPS and _is(ctx, verb, "receive"):
        return _givers(ctx, noun, verb), subjects_of(ctx, verb), "aid.received"
    if any(g.dep_ == "case" and preposition(g) in _WITH for g in noun.children) or (
        noun.dep_ == "pobj" and preposition(noun.head) in _WITH
    ):
        return _givers(ctx, noun, None), subjects_of(ctx, verb), "aid.with"
    # the aid as accusative object, or as a bare noun phrase the parser labelled obl
    bare = noun.dep_ in {"obl", "obl:arg"} and not any(g.dep_ == "case" for g in noun.children)
    accusative = noun.dep_ in {"obj", "dobj"} or bare
    if accusative and _is(ctx, verb, "give") and not prep_objects(ctx, noun, _TO):
        # "X sagte Y Hilfe zu", "X bot Y Unterstützung an": the dative receives (also as a
        # bare obl:arg, or as a second subject the parser made of it); a verb of giving,
        # so that "verweigerte Y die Hilfe" gives nothing
        datives = [
            c
            for c in verb.children
            if c.dep_ in _DATIVE
            or (c.dep_ == "obl:arg" and not any(g.dep_ == "case" for g in c.children))
        ]
        subjects = sorted((c for c in verb.children if c.dep_ in SUBJ_DEPS), key=lambda c: c.i)
        if not datives and len(subjects) == 2:
            datives = subjects[1:]
        datives = datives or _misparsed_datives(ctx, verb, noun)
        receivers = [m for c in datives if (m := ctx.actor(c)) is not None]
        givers = [m for m in subjects_of(ctx, verb) if m not in receivers]
        if receivers:
            return givers, receivers, "aid.given"
    return None


_DATIVE_ARTICLES = {"dem", "der", "den", "einem", "einer"}


def _misparsed_datives(ctx: Context, verb: Token, noun: Token) -> list[Token]:
    """The dative of a verb of giving the parser took for something else: a second
    accusative object that is a name ("leisteten Pakistan Hilfe": a verb of giving takes
    one accusative, the aid), or a name with a dative article hung on the aid noun before
    it ("sagte der Ukraine Hilfe zu": no article-led attribute stands before its noun)."""
    second = [
        c
        for c in verb.children
        if c.dep_ in {"obj", "dobj"} and c.i != noun.i and ctx.mention_at(c) is not None
    ]
    before = [
        c
        for c in noun.children
        if c.i < noun.i
        and ctx.mention_at(c) is not None
        and any(g.dep_ == "det" and g.lower_ in _DATIVE_ARTICLES for g in c.children)
    ]
    return second + before


def _purpose(noun: Token) -> bool:
    """ "zur Unterstützung der Y", "in support of Y": support as the aim of the clause."""
    return any(g.dep_ == "case" and g.lower_ in {"zur", "zu"} for g in noun.children) or (
        noun.dep_ == "pobj" and noun.head.lower_ == "in"
    )


def _purpose_aid(ctx: Context, noun: Token) -> Iterator[Relation]:
    """The clause's subject supports whom the support is for: "X schickte Truppen zur
    Unterstützung der Y" (over the object the phrase may hang on), "X rief zur
    Unterstützung von Y auf"; not a plan ("zur Unterstützung der Pläne von Y")."""
    plans = tuple(words("plan_nouns", ctx.lang))
    if any(
        c.dep_ in {"nmod", "prep"}
        and (c.lower_.endswith(plans) or c.lemma_.lower().endswith(plans))
        for c in noun.children
    ):
        return
    negations = {w for w, kind in cues(ctx.lang).items() if kind == "negation"}
    verb = noun.head
    for _ in range(3):
        if any(g.dep_ == "det" and g.lower_ in negations for g in verb.children):
            return  # "schickte keine Truppen zur Unterstützung der Y"
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or passive_voice(verb):
        return
    receivers = owners(ctx, noun)
    for giver in subjects_of(ctx, verb):
        for receiver in receivers:
            rel = new_relation(ctx, giver, "supports", receiver, noun, "aid.purpose", 0.6)
            if rel is not None:
                yield rel


def aid_relations(ctx: Context) -> Iterator[Relation]:
    """Aid received, made use of or given to a dative (see the module docstring)."""
    if not ctx.parsed:
        return
    for noun in ctx.tokens_where(lambda i: _support(ctx, i)):
        if _purpose(noun):
            yield from _purpose_aid(ctx, noun)
            continue
        verb = _governing_verb(noun)
        if verb is None or passive_voice(verb):
            continue  # a passive subject is the patient ("wurde mit Hilfe von Y festgenommen")
        roles = _roles(ctx, noun, verb)
        if roles is None:
            continue
        givers, receivers, rule = roles
        for receiver in receivers:
            for giver in givers:
                rel = new_relation(ctx, giver, "supports", receiver, noun, rule, 0.6)
                if rel is not None:
                    yield rel
