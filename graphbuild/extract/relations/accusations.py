"""Accusations as a clause's subject: "Die Vorwürfe richten sich gegen A, B und C", "Die
Kritik galt dem Präsidenten", "Kritik an Y kam von X".

The accusation noun (``verdict_words``, kind accusation) is the subject; its targets are
the verb's gegen-phrases (all of them: a list of targets repeats the preposition, "gegen A,
gegen B und gegen C") or the role a ``target`` row of ``verdict_verbs`` names ("gelten":
the dative). Who accuses is the noun's owner ("die Vorwürfe der UN", "seine Kritik"),
else — since such a sentence continues the previous one — the subject of a criticism verb
in the sentence before ("X prangert … an. Die Vorwürfe richten sich gegen …"). With a
``source`` row ("kommen von") the accuser is that phrase and the target the noun's own
an/gegen-phrase.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    parties,
    prep_objects,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.frames import verb_frames
from graphbuild.extract.relations.verdicts import owners, verdict_of, verdict_verbs
from graphbuild.types import Mention, Relation

_AGAINST = {"gegen", "against"}
# what introduces the target on the noun itself ("Kritik an Y", "criticism of Y")
_AT = {"an", "gegen", "against", "of"}


def _row(ctx: Context, verb: Token) -> tuple[str, str] | None:
    """(kind, marker) of the verb's ``target`` or ``source`` row, or None."""
    table = verdict_verbs(ctx.lang)
    for form in (verb.lemma_.lower(), verb.lower_):
        for f in table.get((form, particle_of(verb)), ()):
            if f.kind in {"target", "source"}:
                return f.kind, f.marker
    return None


def _sources(ctx: Context, verb: Token, marker: str) -> list[Mention]:
    """The actors of the verb's phrase with that preposition ("kam von X")."""
    return [m for _p, m in prep_objects(ctx, verb, {marker})]


def _against(ctx: Context, verb: Token, noun: Token, marker: str) -> list[Mention]:
    """Actors of every "gegen"-phrase in the verb's clause outside the subject (or of the
    marked role), in order."""
    if marker in {"iobj", "obj"}:
        return [m for c in verb.children if c.dep_ in OBJ_DEPS for m in parties(ctx, c)]
    preps = _AGAINST | {marker}
    subject = {t.i for t in noun.subtree}
    out: list[Mention] = []
    for t in verb.subtree:
        if t.i in subject:
            continue
        if preposition(t) in preps and t.dep_ in {"case", "prep"} and t.head.i != verb.i:
            head = next((p for p in t.children if p.dep_ == "pobj"), t.head)
            for x in ctx.conjuncts(head):
                out.extend(m for m in parties(ctx, x) if m not in out)
    return out


def _accusers_before(ctx: Context, noun: Token) -> list[Mention]:
    """The subject of a criticism verb in the sentence before the noun's."""
    k = ctx.sentence_of(noun)
    if k == 0:
        return []
    prev = ctx.sents[k - 1]
    frames = verb_frames(ctx.lang)
    verdicts = verdict_verbs(ctx.lang)
    span = ctx.doc.char_span(prev.start, prev.end, alignment_mode="expand")
    for v in span or ():
        if v.pos_ not in {"VERB", "AUX"}:
            continue
        keys = [(v.lemma_.lower(), particle_of(v)), (v.lower_, particle_of(v))]
        critical = any(f.predicate == "criticizes" for k in keys for f in frames.get(k, ()))
        if critical or any(verdicts.get(k) for k in keys):
            found = subjects_of(ctx, v)
            if found:
                return found
    return []


def accusation_relations(ctx: Context) -> Iterator[Relation]:
    """Relations stated by an accusation noun that is its clause's subject (module doc)."""
    if not ctx.parsed:
        return
    tt = ctx.tokens
    for noun in ctx.tokens_where(
        lambda i: tt.dep[i] in SUBJ_DEPS and tt.pos[i] in {"NOUN", "PROPN"}
    ):
        if verdict_of(ctx, noun, "accusation") != "criticizes":
            continue
        verb = noun.head
        row = _row(ctx, verb)
        if row is None:
            continue
        kind, marker = row
        if kind == "source":  # "Kritik an Y kam von X"
            targets = [m for _p, m in prep_objects(ctx, noun, _AT)]
            accusers = _sources(ctx, verb, marker)
        else:  # "Die Vorwürfe richten sich gegen Y"
            targets = _against(ctx, verb, noun, marker)
            accusers = (owners(ctx, noun) or _accusers_before(ctx, noun)) if targets else []
        for s in accusers:
            for o in targets:
                rel = new_relation(ctx, s, "criticizes", o, noun, "noun.accusation-target", 0.55)
                if rel is not None:
                    yield rel
