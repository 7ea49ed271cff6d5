"""Verbal frames: a verb, its particle and the dependents that fill subject and object."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from itertools import combinations
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.context import (
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
    parties,
    prep_objects,
    preposition,
    relative_clause,
    subjects_of,
)
from graphbuild.extract.relations.context import (
    preposition as preposition_of,
)
from graphbuild.extract.relations.frames import VerbFrame, cues, frame_forms, verb_frames
from graphbuild.extract.relations.meetings import (
    companions,
    event_of,
    implicit_event,
    shared_meetings,
)
from graphbuild.types import SYMMETRIC_PREDICATES, Mention, Relation

_PASSIVE_AUX = {"aux:pass", "auxpass"}
_AGENT_CASES = {"von", "vom", "durch", "seitens", "by"}
_REFLEXIVES = {"sich", "mich", "dich", "uns", "euch", "himself", "herself", "themselves"}
_ATTRIBUTIVE = {"amod", "acl", "nk"}
# people and states interact; a work, award or product is no counterpart, and an event only
# of taking part in it, criticising or backing it ("kritisiert den Verlauf der Wahl", "ein
# von X unterstütztes Referendum")
_NO_COUNTERPART = {"MISC"}
_EVENT_OBJECT = {"attends", "criticizes", "supports"}
# criticism or an attack on X's deeds or plans is aimed at X; support for X's plan is not
# support for X (guideline: "defence of a named entity, not of a plan, document or policy"),
# support for X's work is
_OWNER_OBJECTS = {"criticizes", "attacks"}
_STATE_LABELS = {"GPE", "LOC", "ORG", "NORP"}
_TOPIC_PREPS = {"von", "über", "about", "of", "on"}


def _frames(ctx: Context, tok: Token) -> tuple[VerbFrame, ...]:
    """The frames of a verb token: by lemma or form, with its separated particle, keeping
    reflexive frames only when "sich" is there ("sich treffen mit" vs "treffen"), and none
    at all when a ``none`` row's preposition is there ("Cleveland trifft auf Detroit")."""
    frames_by_key = verb_frames(ctx.lang)
    particle = particle_of(tok)
    frames: tuple[VerbFrame, ...] = ()
    for form in (tok.lemma_.lower(), tok.lower_):
        frames = frames_by_key.get((form, particle), ()) or frames_by_key.get((form, ""), ())
        if frames:
            break
    reflexive = any(c.lower_ in _REFLEXIVES for c in tok.children)
    frames = tuple(f for f in frames if reflexive or not f.reflexive)
    if any(f.predicate == "none" and _prep_phrases(tok, f.preposition) for f in frames):
        return ()  # a "none" row names a reading that states nothing ("trifft auf X": a match)
    return tuple(f for f in frames if f.predicate != "none")


def _agents(ctx: Context, verb: Token) -> list[Mention]:
    """The agent of a passive or participle: "von X"/"durch X" (obl:agent), "by X"."""
    out: list[Mention] = []
    for c in verb.children:
        if c.dep_ == "agent":  # English: verb → agent → pobj
            out.extend(m for p in c.children for x in ctx.conjuncts(p) if (m := ctx.actor(x)))
        elif c.dep_ in {"obl:agent", "obl", "nmod", "sbp"} and any(
            g.dep_ == "case" and preposition(g) in _AGENT_CASES for g in c.children
        ):
            out.extend(m for x in ctx.conjuncts(c) if (m := ctx.actor(x)))
    return out


def _voice(tok: Token) -> str:
    """active, passive ("wurde von X kritisiert", "werde durch X belastet": werden + past
    participle) or attributive ("die von X kritisierte Y")."""
    if any(c.dep_ in _PASSIVE_AUX for c in tok.children):
        return "passive"
    if "Part" in tok.morph.get("VerbForm", []) and any(
        c.dep_ == "aux" and c.lemma_ == "werden" for c in tok.children
    ):
        return "passive"  # the parser gave the passive auxiliary a plain "aux"
    if tok.dep_ in _ATTRIBUTIVE and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.i != tok.i:
        return "attributive"
    return "active"


def _core_objects(ctx: Context, tok: Token, voice: str, von: bool) -> list[Mention]:
    """The (in)direct objects of a verb; in the passive its subject; for coordinated verbs
    sharing one object ("unterstützte und begleitete ihn") the last verb's object. An
    object's genitive stands for it ("die Arbeit der Botschaft"); with ``von`` also its
    von-attribute ("kritisierte die Rolle von X")."""
    deps = PASSIVE_SUBJ_DEPS | {"nsubj"} if voice == "passive" else OBJ_DEPS
    holders = [tok] + [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    for v in holders:
        args = [c for c in v.children if c.dep_ in deps or _bare_argument(c)]
        out = [
            m
            for c in args + _listed_objects(v, args)
            for x in ctx.conjuncts(c)
            for m in parties(ctx, x) or (_von_attribute(ctx, x) if von else [])
        ]
        if out:
            return out
    return []


def _listed_objects(verb: Token, args: list[Token]) -> list[Token]:
    """Nouns of an object list the parser hung on the verb as conjuncts ("verurteilte die
    Gewalt, die Einschränkungen … sowie die Leugnung …"): a noun conjunct without a subject
    of its own after an object."""
    if not args:
        return []
    return [
        c
        for c in verb.children
        if c.dep_ == "conj"
        and c.pos_ in {"NOUN", "PROPN"}
        and c.i > args[0].i
        and not any(g.dep_ in SUBJ_DEPS for g in c.children)
    ]


_DOER_CASES = {"von", "of", "durch", "by"}


def _von_attribute(ctx: Context, noun: Token) -> list[Mention]:
    """The actor of a noun's von- or durch-attribute ("die Rolle von X", "die Leugnung des
    Holocaust durch X"), also when the parser hung the preposition on a word inside it."""
    return [
        m
        for c in noun.children
        if c.dep_ in {"nmod", "prep"}
        and (
            any(g.dep_ == "case" and preposition_of(g) in _DOER_CASES for g in c.children)
            or (c.left_edge.dep_ == "case" and preposition_of(c.left_edge) in _DOER_CASES)
        )
        and (m := ctx.actor(c)) is not None
    ]


def _plan_heads(ctx: Context, tok: Token) -> bool:
    """Whether an object of the verb is a plan, document or policy (``plan_nouns``), by
    its form or its lemma (the plural "Pläne" ends in no listed noun)."""
    plans = tuple(words("plan_nouns", ctx.lang))
    return any(
        c.dep_ in OBJ_DEPS and (c.lower_.endswith(plans) or c.lemma_.lower().endswith(plans))
        for c in tok.children
    )


def _has_object(tok: Token) -> bool:
    """Whether a verb has an object other than its reflexive ("entsendet Truppen")."""
    return any(c.dep_ in OBJ_DEPS and c.lower_ not in _REFLEXIVES for c in tok.children)


def _bare_argument(tok: Token) -> bool:
    """An argument without preposition the parser labelled ``obl:arg`` ("warf den USA vor":
    a dative object)."""
    return tok.dep_ == "obl:arg" and not any(c.dep_ == "case" for c in tok.children)


def _clause_subjects(ctx: Context, tok: Token, preposition: str) -> list[Mention]:
    """The subject of a dass-clause announced by a pronominal adverb ("setzt sich dafür ein,
    dass die PKK …" → the PKK; "kritisierte, dass X …" → X)."""
    adverbs = {f"da{preposition}", f"dar{preposition}"} if preposition else set()
    if adverbs and not any(c.lower_ in adverbs for c in tok.children):
        return []
    for c in tok.children:
        if c.dep_ not in {"ccomp", "advcl", "conj"}:
            continue
        # the parser may hang "dass" and the subject on a word inside the clause ("dass
        # die PKK nicht länger als … gilt": both on "länger"): read the clause's own words
        words = [t for t in c.subtree if t.i <= c.i]
        mark = next((t for t in words if t.dep_ == "mark"), None)
        if mark is not None and mark.lower_ in {"dass", "daß", "that"}:
            subj = [t for t in words if t.i > mark.i and t.dep_ in SUBJ_DEPS]
            return [m for g in subj[:1] if (m := ctx.actor(g))]
    return []


def _recipients_on_object(ctx: Context, verb: Token, preposition: str) -> list[Mention]:
    """ "liefert Waffen an Y", "spendete Geld für Y": the parser often hangs the recipient
    of what is given on the thing given; a thing that is no actor takes no recipient of
    its own, so the phrase is the verb's. Nothing given ("keine Waffen") gives no one."""
    negations = {w for w, kind in cues(ctx.lang).items() if kind == "negation"}
    return [
        m
        for c in verb.children
        if c.dep_ in {"obj", "dobj", "oa"}
        and ctx.mention_at(c) is None
        and not any(g.dep_ == "det" and g.lower_ in negations for g in c.children)
        for _p, m in prep_objects(ctx, c, {preposition})
    ]


def _own_subjects(ctx: Context, head: Token) -> list[Mention]:
    return [m for g in head.children if g.dep_ in SUBJ_DEPS for m in [ctx.actor(g)] if m]


def _objects(
    ctx: Context, tok: Token, f: VerbFrame, voice: str, relative: tuple | None
) -> list[Mention]:
    """The mentions filling the frame's object role."""
    if f.object in {"obj", "iobj"}:
        if voice == "attributive":
            return [m] if f.object == "obj" and (m := ctx.actor(tok.head)) else []
        if f.predicate not in _OWNER_OBJECTS and _plan_heads(ctx, tok):
            return []  # "unterstützt die Forderungen von X": support for a plan, not for X
        von = f.predicate in _OWNER_OBJECTS
        found = _core_objects(ctx, tok, voice if f.object == "obj" else "active", von)
        if not found and f.object == "iobj" and voice == "passive":
            # a dative stays dative in the passive ("den USA wurde vorgeworfen, …"); a
            # name the parser made the passive subject is that dative, not the reproach
            found = _core_objects(ctx, tok, "passive", von)
        return found
    if f.object == "clause":
        # the clause's own subject first: an adjectival predicate ("dass sie … bekannt sei")
        # would otherwise inherit the main clause's subject
        return [
            m
            for c in tok.children
            if c.dep_ in {"ccomp", "advcl"}
            for m in (_own_subjects(ctx, c) or subjects_of(ctx, c))[:1]
        ]
    out = [m for _p, m in prep_objects(ctx, tok, {f.preposition})]
    if not out and f.predicate == "supports":
        out = _recipients_on_object(ctx, tok, f.preposition)
    phrases = _prep_phrases(tok, f.preposition)
    if voice == "attributive":
        # "der [auf der Konferenz anwesende] Minister": the parser hangs the adjective's
        # phrase on the noun; what stands between article and adjective is the adjective's
        early = [c for c in _prep_phrases(tok.head, f.preposition) if c.i < tok.i]
        out.extend(m for c in early if (m := ctx.actor(c)) is not None)
        phrases += early
    if not out and relative is not None and relative[0] == f.preposition:
        out.append(relative[2])
    if not out and f.predicate == "attends":
        out.extend(e for c in phrases if (e := event_of(ctx, c)))
        if not phrases and f.preposition and not _has_object(tok):
            out.extend(implicit_event(ctx, tok))  # "… konnten sich qualifizieren"
    return out or _clause_subjects(ctx, tok, f.preposition)


def verb_relations(ctx: Context) -> Iterator[Relation]:
    """Relations stated by a verb of ``interaction_verbs.<lang>.tsv``, its roles filled from
    the parse: active ("X kritisierte Y"), passive ("Y wurde von X kritisiert"), attributive
    participle ("die von X kritisierte Y"), relative clause ("Y, den X kritisierte"),
    coordinated subjects or objects ("X und Y trafen sich")."""
    if not ctx.parsed:
        return
    forms = frame_forms(ctx.lang)
    tt = ctx.tokens
    for i, pos in enumerate(tt.pos):
        if pos not in {"VERB", "AUX", "ADJ"} or ctx.is_boilerplate(i):
            continue
        if tt.lemma[i].lower() not in forms and tt.lower[i] not in forms:
            continue  # no frame for either form, whatever the particle
        tok = ctx.doc[i]
        frames = _frames(ctx, tok)
        if not frames:
            continue
        voice = _voice(tok)
        if pos == "ADJ" and voice != "attributive":
            continue
        relative = relative_clause(ctx, tok)
        if voice == "active":
            subjects = subjects_of(ctx, tok)
            if relative is not None and relative[1]:
                subjects = relative[1]  # the clause's own people, not an inherited subject
        else:
            subjects = _agents(ctx, tok)
        for f in frames:
            if not subjects and voice == "active" and f.object == "iobj":
                yield from _frame_relations(ctx, tok, f, *_fronted_adverbial(ctx, tok))
            subj = subjects or _misparsed_subjects(ctx, tok, f, voice)
            if voice == "attributive" and f.object.startswith("obl:") and not subjects:
                # "der an der Konferenz teilnehmende/anwesende Minister": the noun is the subject
                subj = [m] if (m := ctx.actor(tok.head)) is not None else []
            companions = _companions(ctx, tok, f, subj)
            if not subj and not companions:
                continue
            if f.predicate == "attends":
                yield from shared_meetings(ctx, tok, f.preposition, subj)
            subj = subj + companions
            objects = _objects(ctx, tok, f, voice, relative)
            if not objects and voice == "active" and f.object in {"obj", "iobj"}:
                subj, objects = _two_subjects(ctx, tok, subj)
            yield from _frame_relations(ctx, tok, f, subj, objects)


def _two_subjects(
    ctx: Context, tok: Token, subjects: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """A transitive verb the parser gave two subjects and no object ("OSZE kritisiert Verlauf
    der Wahl", "werfen X Verzögerung vor"): the first is the subject, the later the object."""
    subj_tokens = sorted((c for c in tok.children if c.dep_ in SUBJ_DEPS), key=lambda c: c.i)
    if len(subj_tokens) < 2:
        return subjects, []
    first = [m for x in ctx.conjuncts(subj_tokens[0]) for m in parties(ctx, x)]
    later = [m for c in subj_tokens[1:] for x in ctx.conjuncts(c) for m in parties(ctx, x)]
    return (first, later) if first and later else (subjects, [])


def _reciprocal(tok: Token) -> bool:
    """Whether coordinated subjects act on each other: "sich"/"miteinander"/"each other",
    or no object or topic ("von"/"über"/"about") depends on the verb ("X und Y trafen sich
    in Oslo", but not "X und Y sprachen von einer Abwahl")."""
    if any(c.lower_ in _REFLEXIVES | {"miteinander", "gemeinsam", "other"} for c in tok.subtree):
        return True
    for c in tok.children:
        if c.dep_ in OBJ_DEPS | {"ccomp"}:
            return False
        if c.lower_ in _TOPIC_PREPS or any(
            g.dep_ == "case" and preposition(g) in _TOPIC_PREPS for g in c.children
        ):
            return False
    return True


def _prep_phrases(verb: Token, preposition: str) -> list[Token]:
    """Heads of the verb's prepositional phrases with that preposition: UD obl → case, also
    when the parser hung the preposition lower in the phrase ("auf die Detroit Pistons"),
    or English prep."""
    return [
        c
        for c in verb.children
        if (c.left_edge.dep_ == "case" and preposition_of(c.left_edge) == preposition)
        or any(g.dep_ == "case" and preposition_of(g) == preposition for g in c.children)
        or (preposition_of(c) == preposition and c.dep_ == "prep")
    ]


def _companions(ctx: Context, verb: Token, f: VerbFrame, subjects: list[Mention]) -> list[Mention]:
    """Who takes part along with the subject of an attends frame: the verb's mit-phrase
    ("mit X und Y nehmen zwei Staaten am Treffen teil", "nahm mit X an der Konferenz teil")."""
    if f.predicate != "attends" or f.preposition == "mit":
        return []
    return [m for m in companions(ctx, verb) if m not in subjects]


def _fronted_adverbial(ctx: Context, tok: Token) -> tuple[list[Mention], list[Mention]]:
    """ "Des Weiteren wirft die OSZE der Wahlkommission vor": after a fronted adverbial the
    parser may take the adverbial for the subject, the nominative subject for the object
    and the dative for its genitive. A name has no genitive attribute of that kind, so a
    nominative object that is a name is the subject, and its bare attribute the dative."""
    for c in tok.children:
        m = ctx.mention_at(c)
        if c.dep_ not in {"obj", "oa"} or m is None or m.kind != "name":
            continue
        if "Nom" not in c.morph.get("Case", []):
            continue
        datives = [
            d
            for g in c.children
            if g.dep_ == "nmod" and not any(x.dep_ == "case" for x in g.children)
            for d in [ctx.actor(g)]
            if d is not None and d != m
        ]
        if datives:
            return [m], datives
    return [], []


def _misparsed_subjects(ctx: Context, tok: Token, f: VerbFrame, voice: str) -> list[Mention]:
    """A verb whose frame takes no accusative object ("an X teilnehmen", "mit X verhandeln")
    cannot have one: an ``obj`` the parser gave it is its subject."""
    if voice != "active" or f.object in {"obj", "iobj"}:
        return []
    out: list[Mention] = []
    for c in tok.children:
        if c.dep_ in {"obj", "dobj", "oa"}:
            for x in ctx.conjuncts(c):
                out.extend(parties(ctx, x))
    return out


def _frame_relations(
    ctx: Context, tok: Token, f: VerbFrame, subjects: list[Mention], objects: list[Mention]
) -> Iterator[Relation]:
    """Every subject × object pair; for a symmetric frame without an object, every pair of
    coordinated subjects ("Scholz und Macron trafen sich")."""
    if f.predicate != "attends":
        banned = _NO_COUNTERPART if f.predicate in _EVENT_OBJECT else _NO_COUNTERPART | {"EVENT"}
        objects = [o for o in objects if o.label not in banned]
    if f.object_is == "state":
        objects = [o for o in objects if o.label in _STATE_LABELS or o.kind == "adjective"]
    if not objects and f.predicate in SYMMETRIC_PREDICATES and len(subjects) >= 2:
        if not _reciprocal(tok):
            return  # "X und Y sprachen von einer Abwahl": about something, not with each other
        for a, b in combinations(subjects, 2):
            rel = new_relation(ctx, a, f.predicate, b, tok, f"verb.{f.lemma}.joint", 0.7)
            if rel is not None:
                yield rel
        return
    for s in subjects:
        for o in objects:
            rel = new_relation(ctx, s, f.predicate, o, tok, f"verb.{f.lemma}", 0.8)
            if rel is not None:
                yield rel


@cache
def _award_verbs(lang: str) -> Mapping[str, str]:
    out: dict[str, str] = {}
    for r in rows("award_verbs", lang):
        role = (r.get("role") or "").strip()
        for form in [r.get("lemma") or "", *(r.get("forms") or "").split(",")]:
            if form.strip():
                out[form.strip().lower()] = role
    return MappingProxyType(out)


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
