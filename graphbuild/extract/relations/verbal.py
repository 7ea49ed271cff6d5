"""Verbal frames: a verb, its particle and the dependents that fill subject and object."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import combinations

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    prep_objects,
    relative_clause,
    resolve_relative,
    subjects_of,
)
from graphbuild.extract.relations.frames import VerbFrame, frame_forms, verb_frames
from graphbuild.types import SYMMETRIC_PREDICATES, Mention, Relation


def verb_relations(ctx: Context) -> Iterator[Relation]:
    if not ctx.parsed:
        return
    frames_by_key = verb_frames(ctx.lang)
    forms = frame_forms(ctx.lang)
    tt = ctx.tokens
    for i, pos in enumerate(tt.pos):
        if pos not in {"VERB", "AUX"} or ctx.is_boilerplate(i):
            continue
        if tt.lemma[i].lower() not in forms and tt.lower[i] not in forms:
            continue  # no frame for either form, whatever the particle
        tok = ctx.doc[i]
        particle = particle_of(tok)
        frames: tuple[VerbFrame, ...] = ()
        for form in (tok.lemma_.lower(), tok.lower_):
            frames = frames_by_key.get((form, particle), ()) or frames_by_key.get((form, ""), ())
            if frames:
                break
        if not frames:
            continue
        subjects = subjects_of(ctx, tok)
        relative = relative_clause(ctx, tok)
        if relative is not None and relative[1]:
            subjects = relative[1]  # the clause's own people, not a subject inherited from outside
        if not subjects:
            continue
        for f in frames:
            objects: list[Mention] = []
            if f.counterpart == "obj":
                for c in tok.children:
                    if c.dep_ in OBJ_DEPS:
                        for x in ctx.conjuncts(c):
                            m = resolve_relative(ctx, x) or ctx.actor(x)
                            if m is not None:
                                objects.append(m)
            elif f.counterpart == "clause":
                for c in tok.children:
                    if c.dep_ in {"ccomp", "advcl"}:
                        objects.extend(subjects_of(ctx, c)[:1])
            else:
                objects.extend(m for _p, m in prep_objects(ctx, tok, {f.counterpart}))
                if not objects and relative is not None and relative[0] == f.counterpart:
                    objects.append(relative[2])
            if f.predicate != "attends":
                # people and states interact; an event, award or work is no counterpart
                objects = [o for o in objects if o.label not in {"MISC", "EVENT"}]
            if not objects and f.predicate in SYMMETRIC_PREDICATES and len(subjects) >= 2:
                # "Scholz und Macron trafen sich", "Chinese and Russian leaders met"
                for a, b in combinations(subjects, 2):
                    rel = new_relation(ctx, a, f.predicate, b, tok, f"verb.{f.lemma}.joint", 0.7)
                    if rel is not None:
                        yield rel
                continue
            for s in subjects:
                for o in objects:
                    rel = new_relation(ctx, s, f.predicate, o, tok, f"verb.{f.lemma}", 0.8)
                    if rel is not None:
                        yield rel


@cache
def _award_verbs(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows("award_verbs", lang):
        role = (r.get("role") or "").strip()
        for form in [r.get("lemma") or "", *(r.get("forms") or "").split(",")]:
            if form.strip():
                out[form.strip().lower()] = role
    return out


def awards(ctx: Context) -> Iterator[Relation]:
    """An award, prize or aid received from or given by someone: the giver supports the
    receiver. "X erhielt den Friedenspreis der Y" → Y supports X; "Y verlieh X den
    Preis" → Y supports X. The award is a name typed MISC (``awards.<lang>.tsv`` head
    nouns) or such a noun itself; the giver is a name in its genitive/"von"/"of" attribute.
    """
    if not ctx.parsed:
        return
    verbs = _award_verbs(ctx.lang)
    award_nouns = words("awards", ctx.lang)
    tt = ctx.tokens
    for i, lemma in enumerate(tt.lemma):
        role = verbs.get(lemma.lower()) or verbs.get(tt.lower[i])
        if role is None or tt.pos[i] not in {"VERB", "AUX"}:
            continue
        tok = ctx.doc[i]
        for obj in (c for c in tok.children if c.dep_ in OBJ_DEPS):
            award = ctx.mention_at(obj)
            is_award = (award is not None and award.label == "MISC") or any(
                obj.lower_.endswith(n) for n in award_nouns
            )
            if not is_award:
                continue
            givers: list[Mention] = []
            # the giver: a name after a genitive article or "von"/"from" in the award's
            # phrase ("der Carnegie Foundation", "der Stadt Köln"), or "from X" on the verb
            marked = False
            for c in sorted(obj.subtree, key=lambda t: t.i):
                if c.i <= obj.i:
                    continue
                if c.lower_ in {"der", "des", "von", "vom", "from"}:
                    marked = True
                m = ctx.mention_at(c)
                if marked and m is not None and m != award and m.kind in {"name", "title"}:
                    givers.append(m)
                    break
            if not givers:
                givers = [m for _p, m in prep_objects(ctx, tok, {"from", "von", "vom"})][:1]
            if role == "receive":
                for giver in givers:
                    for receiver in subjects_of(ctx, tok):
                        rel = new_relation(
                            ctx, giver, "supports", receiver, tok, "verb.award", 0.65
                        )
                        if rel is not None:
                            yield rel
            else:
                receivers = [
                    m
                    for c in tok.children
                    if c.dep_ in {"iobj", "dative", "obj"} and c.i != obj.i
                    for m in [ctx.actor(c)]
                    if m is not None
                ]
                for giver in subjects_of(ctx, tok):
                    for receiver in receivers:
                        rel = new_relation(
                            ctx, giver, "supports", receiver, tok, "verb.award", 0.65
                        )
                        if rel is not None:
                            yield rel
