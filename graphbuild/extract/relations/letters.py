"""Critical letters: who signs one criticises its addressee (guideline: "signing a critical
letter" counts as criticizes).

The addressee is named where the letter is first written: "ein offener Brief an X", "haben
X in einem offenen Brief geschrieben", "schrieben X einen Brief". The letter is critical
when its noun is a protest genre ("Protestbrief", ``letter_nouns`` critical = yes) or when a
criticism verb elsewhere in the article has the addressee as its object ("Moslems warnen
X"). Its signers (and the writers of a protest letter): "X unterzeichnete den Brief", "der Brief wurde von A, B und C
unterzeichnet", "X, der den Brief unterschrieb" (``signing`` rows of ``verdict_verbs``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    passive_voice,
    prep_objects,
    subjects_of,
)
from graphbuild.extract.relations.frames import verb_frames
from graphbuild.extract.relations.verdicts import verdict_verbs
from graphbuild.types import Mention, Relation

_ADDRESSEE_DEPS = OBJ_DEPS | SUBJ_DEPS | {"obl:arg"}
_AUXILIARIES = {"aux:pass", "auxpass", "aux"}


@cache
def _letter_nouns(lang: str) -> Mapping[str, bool]:
    return MappingProxyType(
        {
            r["noun"].strip().lower(): (r.get("critical") or "").strip() == "yes"
            for r in rows("letter_nouns", lang)
        }
    )


def _letter(ctx: Context, i: int) -> bool | None:
    """None when token ``i`` is no letter noun, else whether it is a protest genre."""
    if ctx.tokens.pos[i] not in {"NOUN", "PROPN"}:
        return None
    return _letter_word(ctx.tokens.lower[i], ctx.lang)


@lru_cache(maxsize=65536)  # asked for every noun
def _letter_word(low: str, lang: str) -> bool | None:
    """None when the word ends in no letter noun, else whether its longest one is critical."""
    hits = [(n, crit) for n, crit in _letter_nouns(lang).items() if low.endswith(n)]
    if not hits:
        return None
    return max(hits, key=lambda h: len(h[0]))[1]


def _addressee(ctx: Context, letter: Token) -> Mention | None:
    """Whom a letter is written to: its an/to-phrase, else a named core argument of the
    verb that writes it that is not the verb's first subject (parsers often take the
    dative of "haben X geschrieben" for a subject)."""
    to = [m for _p, m in prep_objects(ctx, letter, {"an", "to"})]
    if to:
        return to[0]
    verb = letter.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    args = sorted((c for c in verb.children if c.dep_ in _ADDRESSEE_DEPS), key=lambda c: c.i)
    named = [m for c in args if (m := ctx.mention_at(c)) is not None and c.i != letter.i]
    named = [m for m in named if m.kind in {"name", "title"}]
    if not named:
        return None
    authors = [c for c in args if c.dep_ in SUBJ_DEPS]
    first = ctx.mention_at(authors[0]) if len(authors) >= 2 else None
    candidates = [m for m in named if m != first]
    return ctx.actor(ctx.doc[_token_of(ctx, candidates[-1])]) if candidates else None


def _token_of(ctx: Context, m: Mention) -> int:
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root.i if span is not None else 0


def _criticised(ctx: Context, target: Mention) -> bool:
    """Whether a criticism verb of the article has the target's name as its object."""
    frames = verb_frames(ctx.lang)
    last = target.text.split()[-1]
    for v in ctx.tokens_with_pos({"VERB", "AUX"}):
        keys = [(v.lemma_.lower(), particle_of(v)), (v.lower_, particle_of(v))]
        if not any(f.predicate == "criticizes" for k in keys for f in frames.get(k, ())):
            continue
        # the object, or a second subject the parser made of it ("Moslems warnen X")
        subjects = [c for c in v.children if c.dep_ in SUBJ_DEPS][1:]
        for c in [c for c in v.children if c.dep_ in OBJ_DEPS] + subjects:
            if any(t.text == last for t in c.subtree):
                return True
    return False


def _signs(ctx: Context, verb: Token) -> bool:
    table = verdict_verbs(ctx.lang)
    return any(
        f.kind == "signing"
        for form in (verb.lemma_.lower(), verb.lower_)
        for f in table.get((form, ""), ())
    )


def _signers(ctx: Context, verb: Token, letter: Token) -> list[Mention]:
    """Who signs: in the passive every name in the verb's other phrases ("von A, B und C
    einschließlich D"); in an attributive clause the noun it describes; else the subject."""
    if passive_voice(verb):
        skip = {t.i for t in letter.subtree}
        found = [
            m
            for c in verb.children
            if c.dep_ not in _AUXILIARIES and c.i not in skip
            for t in c.subtree
            if (m := ctx.mention_at(t)) is not None
            and m.kind == "name"
            and m.label in {"PER", "ORG"}  # "der Moslemrat Großbritanniens": not the country
        ]
        return list(dict.fromkeys(found))
    if verb.dep_ in {"acl", "acl:relcl", "relcl"}:
        m = ctx.actor(verb.head)
        return [m] if m is not None else []
    return subjects_of(ctx, verb)


def letter_relations(ctx: Context) -> Iterator[Relation]:
    """Signers of a critical letter criticise its addressee (see the module docstring)."""
    if not ctx.parsed:
        return
    found = [
        (ctx.doc[i], crit) for i in range(len(ctx.tokens)) if (crit := _letter(ctx, i)) is not None
    ]
    target = next((m for t, _c in found if (m := _addressee(ctx, t)) is not None), None)
    if target is None:
        return
    if not any(crit for _t, crit in found) and not _criticised(ctx, target):
        return
    for letter, protest in found:
        verb = letter.head
        if protest and not _signs(ctx, verb) and _addressee(ctx, letter) == target:
            signers = subjects_of(ctx, verb)  # "X schrieb Y einen Protestbrief"
        elif letter.dep_ in OBJ_DEPS | PASSIVE_SUBJ_DEPS and _signs(ctx, verb):
            signers = _signers(ctx, verb, letter)
        else:
            continue
        for signer in signers:
            rel = new_relation(ctx, signer, "criticizes", target, verb, "letter.signed", 0.55)
            if rel is not None:
                yield rel
