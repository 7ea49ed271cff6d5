"""Verdicts: criticism or backing stated by what a verb says about someone, not by a
criticism verb (``verdict_verbs`` and ``verdict_words`` lexicons).

* naming: an evaluative complement of a naming verb ("X bezeichnete Y als Verstoß gegen …",
  "X hält Y für gefährlich", "X nannte Y einen Lügner"; predicative complements with
  "als"/"für", Duden valency) → criticizes, or supports for praise ("… als couragierte
  Demokratie");
* demand: a sanction demanded of its owner ("X fordert den Rücktritt von Y", "X verlangte
  Ys Rückzug", "X forderte Y zum Rücktritt auf") → criticizes;
* rebuttal: rejecting someone's accusations ("X weist die Anschuldigungen Chinas zurück")
  → criticizes their author.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    PARTICLE_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Context,
    coordinated_adjectives,
    new_relation,
    particle_of,
    parties,
    passive_voice,
    prep_objects,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.frames import cues
from graphbuild.types import Mention, Relation

# a dependent that opens another clause: its words say nothing about this verb's object
_CLAUSES = {"ccomp", "advcl", "acl", "acl:relcl", "relcl", "parataxis", "csubj", "xcomp"}
_OWNER_CASES = {"von", "vom", "of", "durch", "by"}
_AGAINST = {"gegen", "against"}


@dataclass(frozen=True, slots=True)
class VerdictVerb:
    """One row of ``verdict_verbs.<lang>.tsv``."""

    lemma: str
    particle: str
    kind: str  # naming | demand | rebuttal; target, source (``accusations``); signing (``letters``)
    marker: str  # als | für | as | for | zu | obj; "obj+in": the target in an in-phrase


@cache
def verdict_verbs(lang: str) -> Mapping[tuple[str, str], tuple[VerdictVerb, ...]]:
    """(form, particle) → the verdict frames of that verb."""
    out: dict[tuple[str, str], list[VerdictVerb]] = {}
    for r in rows("verdict_verbs", lang):
        v = VerdictVerb(
            lemma=r["lemma"].strip().lower(),
            particle=(r.get("particle") or "").strip().lower(),
            kind=r["kind"].strip(),
            marker=r["marker"].strip().lower(),
        )
        for form in {v.lemma, *(x.strip().lower() for x in (r.get("forms") or "").split(","))}:
            if form:
                out.setdefault((form, v.particle), []).append(v)
    return MappingProxyType({k: tuple(v) for k, v in out.items()})


@cache
def verdict_words(lang: str) -> Mapping[tuple[str, str], tuple[str, bool]]:
    """(kind, word) → (predicate, whether a compound ending in the word counts)."""
    return MappingProxyType(
        {
            (r["kind"].strip(), r["word"].strip().lower()): (
                r["predicate"].strip(),
                r.get("pos", "").strip() == "noun",
            )
            for r in rows("verdict_words", lang)
        }
    )


def verdict_of(ctx: Context, tok: Token, kind: str) -> str | None:
    """The predicate a word states as a verdict of that kind, or None. German nouns count
    as a compound's last part too ("Völkerrechtsverstoß"); adjectives only as themselves
    (so "ungefährlich" is no "gefährlich")."""
    table = verdict_words(ctx.lang)
    for form in (tok.lower_, tok.lemma_.lower()):
        hit = table.get((kind, form))
        if hit is not None:
            return hit[0]
    if ctx.lang == "de" and tok.pos_ in {"NOUN", "PROPN"}:
        low = tok.lemma_.lower() or tok.lower_
        for k in range(1, len(low) - 3):
            hit = table.get((kind, low[k:]))
            if hit is not None and hit[1]:
                return hit[0]
    return None


def _frames(ctx: Context, tok: Token) -> tuple[VerdictVerb, ...]:
    table = verdict_verbs(ctx.lang)
    particle = particle_of(tok)
    for form in (tok.lemma_.lower(), tok.lower_):
        found = table.get((form, particle)) or (table.get((form, "")) if not particle else ())
        if found:
            return found
    return ()


def rebuts(ctx: Context, verb: Token) -> bool:
    """Whether the verb rejects what its object says ("weist … zurück", "bestreitet")."""
    return any(f.kind == "rebuttal" for f in _frames(ctx, verb))


def _own_dependents(verb: Token) -> Iterator[Token]:
    """Tokens of the verb's own clause: its subtree without nested clauses."""
    stack = [c for c in verb.children if c.dep_ not in _CLAUSES]
    while stack:
        t = stack.pop()
        yield t
        stack.extend(c for c in t.children if c.dep_ not in _CLAUSES)


def _marked(verb: Token, marker: str) -> list[Token]:
    """Heads of the verb's phrases introduced by ``marker`` ("als Verstoß", "für gefährlich",
    "as a threat"), wherever the parser hung them inside the clause."""
    out: list[Token] = []
    for t in _own_dependents(verb):
        if preposition(t) != marker or t.dep_ not in {"case", "mark", "prep", "cc"}:
            continue
        if t.dep_ == "prep":  # English: prep → pobj
            out.extend(c for c in t.children if c.dep_ == "pobj")
        elif t.head.i != verb.i:
            out.append(t.head)
    return out


def _evaluation(ctx: Context, comp: Token) -> str | None:
    """The verdict of a complement: its head, a coordinated head ("böse und gefährlich") or
    an adjective on it ("eine couragierte Demokratie")."""
    near = [c for c in comp.children if c.dep_ in {"conj", "amod"}]
    for t in (comp, *near, *(x for c in near for x in ctx.conjuncts(c)[1:])):
        verdict = verdict_of(ctx, t, "evaluation")
        if verdict is not None:
            return verdict
    return None


def owners(ctx: Context, noun: Token) -> list[Mention]:
    """Whose act or words a noun names: a genitive, possessive name or country adjective
    ("Ys Rücktritt", "der russische Abzug", "die Vorwürfe Chinas"), else its von/of phrase
    ("der Rücktritt von Y")."""
    m = ctx.actor(noun)
    if m is not None and m.kind != "title":
        return [m]
    adjectives = coordinated_adjectives(ctx, noun)  # "die chinesischen Anschuldigungen"
    if adjectives:
        return adjectives
    for c in noun.children:
        if c.dep_ in {"nmod", "prep", "obl"} and any(
            preposition(g) in _OWNER_CASES for g in (*c.children, c)
        ):
            target = next((p for p in c.children if p.dep_ == "pobj"), c) if c.dep_ == "prep" else c
            owner = ctx.actor(target)
            if owner is not None:
                return [owner]
    return []


def _targets(ctx: Context, verb: Token, skip: set[int], passive: bool) -> list[Mention]:
    """The verb's object actors (in the passive its subject), other than the complement."""
    deps = PASSIVE_SUBJ_DEPS | SUBJ_DEPS if passive else OBJ_DEPS
    return [
        m
        for c in verb.children
        if c.dep_ in deps and c.i not in skip
        for x in ctx.conjuncts(c)
        for m in parties(ctx, x)
    ]


def _split_subjects(ctx: Context, verb: Token) -> tuple[list[Mention], list[Mention]]:
    """A verb the parser gave two subjects ("X hält Y für gefährlich" read with Y as a
    second subject): the first is the agent, the later ones the target."""
    subj = sorted((c for c in verb.children if c.dep_ in SUBJ_DEPS), key=lambda c: c.i)
    if len(subj) < 2:
        return [], []
    first = [m for x in ctx.conjuncts(subj[0]) for m in parties(ctx, x)]
    later = [m for c in subj[1:] for x in ctx.conjuncts(c) for m in parties(ctx, x)]
    return first, later


def _agents(ctx: Context, verb: Token, passive: bool) -> list[Mention]:
    """Who passes the verdict: the subject, in the passive the von/durch agent."""
    if not passive:
        return subjects_of(ctx, verb)
    return [
        m
        for c in verb.children
        if c.dep_ in {"obl:agent", "obl", "nmod", "agent"}
        and any(preposition(g) in {"von", "durch", "by"} for g in (*c.children, c))
        for m in [ctx.actor(next((p for p in c.children if p.dep_ == "pobj"), c))]
        if m is not None
    ]


def _naming(
    ctx: Context, verb: Token, f: VerdictVerb, passive: bool
) -> Iterator[tuple[str, list[Mention]]]:
    """(predicate, targets) of "X bezeichnete Y als Verstoß" / "nannte Y einen Lügner"."""
    complement, _, target_prep = f.marker.partition("+")
    if complement == "obj":
        comps = [c for c in verb.children if c.dep_ in OBJ_DEPS | {"oprd", "xcomp"}]
    else:
        comps = _marked(verb, complement)
    for comp in comps:
        verdict = _evaluation(ctx, comp)
        if verdict is None:
            continue
        if target_prep:  # "sieht in Y eine Gefahr": the target in its own phrase
            yield verdict, [m for _p, m in prep_objects(ctx, verb, {target_prep})]
            continue
        skip = {t.i for t in comp.subtree}
        targets = [m for m in _targets(ctx, verb, skip, passive) if m != ctx.mention_at(comp)]
        if not targets:  # "nannte die Äußerungen von Y einen Skandal": whose words
            deps = PASSIVE_SUBJ_DEPS | SUBJ_DEPS if passive else OBJ_DEPS
            objects = [c for c in verb.children if c.dep_ in deps and c.i not in skip]
            targets = [m for c in objects for m in owners(ctx, c)]
        if not targets and comp.head.i != verb.i and comp.head.dep_ in OBJ_DEPS:
            targets = parties(ctx, comp.head)  # "als X" hung on the object it describes
        if not targets and not passive and ctx.lang == "de":
            targets = _bare_name_before(ctx, verb, comp)
        yield verdict, targets


def _bare_name_before(ctx: Context, verb: Token, comp: Token) -> list[Mention]:
    """The object by word order when the parse lost it: the first name after the subject
    and before the complement that no preposition governs ("weil die Regierung Georgien
    nach dem Krieg mit Russland als Demokratie bezeichnet hat": Georgien, not Russland)."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    if not subjects:
        return []
    own = {ctx.mention_at(c) for c in subjects}
    for t in ctx.doc[max(c.i for c in subjects) + 1 : comp.left_edge.i]:
        m = ctx.mention_at(t)
        if m is None or m.kind != "name" or m in own:
            continue
        phrase = t
        while phrase.dep_ in {"flat", "flat:name", "compound"} and phrase.head.i != phrase.i:
            phrase = phrase.head
        if not any(c.dep_ == "case" for c in phrase.children):
            return [m]
    return []


def _acts(
    ctx: Context, verb: Token, f: VerdictVerb, kind: str
) -> Iterator[tuple[str, list[Mention]]]:
    """(predicate, targets) of a demanded act ("fordert den Rücktritt von Y", "forderte Y
    zum Rücktritt auf") or a rebutted accusation ("weist die Vorwürfe von Y zurück")."""
    nouns = (
        [c for c in verb.children if c.dep_ in OBJ_DEPS]
        if f.marker == "obj"
        else _marked(verb, f.marker)
    )
    if kind == "accusation":  # an accusation cannot reject: one parsed as a subject is the object
        nouns += [c for c in verb.children if c.dep_ in SUBJ_DEPS]
    for noun in nouns:
        verdict = verdict_of(ctx, noun, kind)
        if verdict is None:
            continue
        targets = owners(ctx, noun)
        if not targets and f.marker != "obj":
            targets = _targets(ctx, verb, {t.i for t in noun.subtree}, passive=False)
        if not targets and kind == "demand":  # "forderte von Y eine Entschuldigung"
            targets = [m for _p, m in prep_objects(ctx, verb, {"von", "from"})]
        yield verdict, targets
        if kind == "accusation":
            # rejecting the accusations against Y defends Y ("wies die Vorwürfe gegen Y
            # zurück"; guideline: defence of a named entity is support)
            against = prep_objects(ctx, noun, _AGAINST) or prep_objects(ctx, verb, _AGAINST)
            yield "supports", [m for _p, m in against]


def _undenied(ctx: Context, verb: Token, rel: Relation) -> Relation:
    """A rebuttal verb is itself a denial cue ("rejected", "dementierte"), but rejecting an
    accusation is the fact stated, not its negation; only a negation word on the verb
    ("wies die Vorwürfe nicht zurück") negates it."""
    if not rel.negated or any(cues(ctx.lang).get(c.lower_) == "negation" for c in verb.children):
        return rel
    modality = "happened" if rel.modality == "denied" else rel.modality
    return replace(rel, negated=False, modality=modality)


def verdict_relations(ctx: Context) -> Iterator[Relation]:
    """Relations stated by a verdict verb (see the module docstring)."""
    if not ctx.parsed:
        return
    for tok in ctx.tokens_with_pos({"VERB", "AUX"}):
        if ctx.is_boilerplate(tok.i):
            continue
        frames = _frames(ctx, tok)
        if not frames or tok.dep_ in PARTICLE_DEPS:
            continue
        passive = passive_voice(tok)
        for f in frames:
            if f.kind in {"target", "source", "signing"}:
                continue  # an accusation as the subject, a signed letter: own modules
            if f.kind == "naming":
                found = list(_naming(ctx, tok, f, passive))
            else:
                found = list(_acts(ctx, tok, f, "demand" if f.kind == "demand" else "accusation"))
            if not found:
                continue
            agents = _agents(ctx, tok, passive and f.kind == "naming")
            first, later = _split_subjects(ctx, tok)
            for predicate, targets in found:
                if not targets and later:
                    agents, targets = first, later
                for s in agents:
                    for o in targets:
                        rel = new_relation(ctx, s, predicate, o, tok, f"verdict.{f.kind}", 0.6)
                        if rel is not None and f.kind == "rebuttal":
                            rel = _undenied(ctx, tok, rel)
                        if rel is not None:
                            yield rel
