"""Nominal frames: a noun that states a relation ("Treffen mit X", "Angriffe auf Y")."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import cache, lru_cache
from itertools import combinations
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.relations.context import (
    COORD,
    DETS,
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Context,
    coordinated_genitives,
    named_antecedent,
    new_relation,
    prep_objects,
    preposition,
    subjects_of,
)
from graphbuild.extract.relations.frames import NounFrame, noun_frames
from graphbuild.extract.relations.verdicts import rebuts
from graphbuild.extract.text import doc_text
from graphbuild.types import SYMMETRIC_PREDICATES, Mention, Relation


def meeting_noun(ctx: Context, tok: Token) -> NounFrame | None:
    """The frame of a noun naming a meeting or talks ("Gesprächen", "Gipfeltreffen") that is
    not itself a named event."""
    m = ctx.mention_at(tok)
    if m is not None and m.label == "EVENT":
        return None
    f = _noun_frame(ctx, tok.i)
    return f if f is not None and f.predicate in SYMMETRIC_PREDICATES else None


def noun_frame(ctx: Context, tok: Token) -> NounFrame | None:
    """The interaction-noun frame a token names ("Banküberfall" → attacks), if any."""
    return _noun_frame(ctx, tok.i)


def _noun_frame(ctx: Context, i: int) -> NounFrame | None:
    tt, lang = ctx.tokens, ctx.lang
    text, pos = tt.text[i], tt.pos[i]
    if not tt.is_alpha[i] and "-" not in text:
        return None
    if lang == "de" and not text[:1].isupper():
        return None
    if pos and pos not in {"NOUN", "PROPN", "X"}:
        return None
    f = _noun_frame_of(tt.lower[i], tt.lemma[i].lower() if lang != "de" else "", lang)
    return None if f is None or f.predicate == "none" else f


_DE_ENDINGS = ("", "e", "en", "n", "s", "es", "er")


@cache
def _noun_rank(lang: str) -> Mapping[str, int]:
    """Each frame noun → its position in ``noun_frames`` (the first, i.e. longest, wins)."""
    rank: dict[str, int] = {}
    for k, f in enumerate(noun_frames(lang)):
        rank.setdefault(f.noun, k)
    return MappingProxyType(rank)


@lru_cache(maxsize=32768)
def _noun_frame_of(low: str, lemma: str, lang: str) -> NounFrame | None:
    """The interaction-noun frame a word form names (German: also as a compound's last part,
    inflected). Looks up every suffix of the form (minus an inflection ending) in an index
    instead of testing every frame noun against the form.
    """
    frames, rank = noun_frames(lang), _noun_rank(lang)
    if lang != "de":
        found = [rank[w] for w in (low, lemma) if w in rank]
        return frames[min(found)] if found else None
    best = len(frames)
    for ending in _DE_ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)]
        for k in range(len(stem)):
            r = rank.get(stem[k:])
            if r is not None and r < best:
                best = r
    return frames[best] if best < len(frames) else None


def _window_actors(
    ctx: Context, start: int, coordinated: bool, owners: bool = False
) -> list[Mention]:
    """Actors right after a preposition: the first one, or all coordinated ones; with
    ``owners`` a noun's genitive owner stands for it ("Kritik an den Plänen des Ministers")."""
    doc = ctx.doc
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    i = start
    while i < len(doc) and i - start < 25:
        t = doc[i]
        m = ctx.mention_at(t)
        if m is not None and m.kind == "adjective" and i + 1 < len(doc):
            # "für die kurdische Arbeiterpartei": the organisation the noun takes up
            m = named_antecedent(ctx, doc[i + 1]) or m
        if m is not None:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                out.append(m)
            i += 1
            continue
        if t.lower_ in COORD and coordinated:
            i += 1
            continue
        if t.lower_ in DETS or t.pos_ in {"ADJ", "DET"}:
            i += 1
            continue
        if (
            not out
            and t.pos_ in {"NOUN", ""}
            and i + 1 < len(doc)
            and (
                ctx.mention_at(doc[i + 1]) is not None
                or doc[i + 1].lower_ == "of"
                or (owners and doc[i + 1].lower_ in _GENITIVE_DETS)
            )
        ):
            i += 1  # "die Stadt Bani Walid", "the city of Kharkiv": the name is the party
            continue
        if not coordinated and t.text == "," and out:
            # an apposition ("dem Sondergesandten, Lea Wolf")
            i += 1
            continue
        break
    if not coordinated and out:
        # title + name phrase: prefer the person name
        names = [m for m in out if m.kind == "name" and m.label == "PER"]
        return [names[0] if names else out[0]]
    return out


_CORE = {"obj", "dobj", "iobj", "nsubj", "nsubj:pass", "nsubjpass", "obl:arg", "attr", "oa", "sb"}


# criticism of or an attack on X's plans or deeds is aimed at X
_OWNER_NOUNS = {"criticizes", "attacks"}
_AGENT_PREPS = {"von", "vom", "durch", "by"}
_GENITIVE_DETS = {"des", "der", "eines", "einer"}


def _attribute_actor(
    ctx: Context, noun: Token, exclude: Sequence[Mention], genitive: bool
) -> Mention | None:
    """The actor named right after a noun by "von X"/"durch X" or (if ``genitive``) by a
    genitive attribute ("die Kritik der OSZE", "Angriffe von Rebellen")."""
    doc = ctx.doc
    k = noun.i + 1
    if k >= len(doc):
        return None
    lead = doc[k].lower_
    if lead in _GENITIVE_DETS and not genitive:
        # "die Eroberung der Stadt durch die Armee": the agent after the genitive patient
        j = k + 1
        while j < len(doc) and j - k < 6 and doc[j].pos_ in {"DET", "ADJ", "NOUN", "PROPN"}:
            j += 1
        if j < len(doc) and doc[j].lower_ in _AGENT_PREPS:
            k, lead = j, doc[j].lower_
    if lead in _AGENT_PREPS or (genitive and lead in _GENITIVE_DETS):
        found = _window_actors(ctx, k + 1, coordinated=False)
    elif genitive and (m := ctx.mention_at(doc[k])) is not None and m.text.endswith("s"):
        found = [m]  # "Russlands Angriffe" is before; "die Angriffe Russlands" after
    else:
        return None
    found = [m for m in found if m not in exclude]
    return found[0] if found else None


def _genitive_object(ctx: Context, noun: Token) -> list[Mention]:
    """The patient in a genitive attribute: "die Bombardierung Zchinwalis", "die Ermordung
    des Händlers X"."""
    doc = ctx.doc
    k = noun.i + 1
    if k < len(doc) and doc[k].lower_ in _GENITIVE_DETS:
        return _window_actors(ctx, k + 1, coordinated=False)
    if k < len(doc) and (m := ctx.mention_at(doc[k])) is not None:
        return [m]
    return []


def _agent(
    ctx: Context,
    noun: Token,
    exclude: Sequence[Mention],
    predicate: str = "",
    genitive_object: bool = False,
    both: bool = False,
) -> tuple[list[Mention], float]:
    """Who acts in a relation noun (coordinated subjects all): compound prefix, genitive or von/durch attribute,
    possessor, verb subject, or the nearest actor before it.

    The subject of the governing verb is the agent when the noun is a core argument ("X
    kündigte ein Treffen mit Y an", "X leistet Hilfe für Y"); inside an oblique phrase only
    for joint predicates ("X arbeitet an einem Deal mit Y") — "sie sprach über die Hilfe
    für Y" does not make her a supporter.
    """
    if "-" in noun.text:
        prefix = ctx.by_token.get(noun.i, [])
        pm = [m for m in prefix if m.start == noun.idx and m.end < noun.idx + len(noun.text)]
        if pm:
            return [pm[0]], 0.75  # "US-Angriffe", "OSZE-Kritik"
    several = [] if genitive_object or not ctx.parsed else coordinated_genitives(ctx, noun)
    if len(several) >= 2 and not set(several) & set(exclude):
        return several, 0.7  # "die Gespräche Frankreichs, Großbritanniens und Deutschlands mit …"
    attribute = _attribute_actor(ctx, noun, exclude, genitive=not genitive_object)
    if attribute is not None:
        return [attribute], 0.7  # "Kritik der OSZE an …", "Angriffe durch die Armee"
    if ctx.parsed:
        for c in noun.children:
            if c.dep_ in {"poss", "nmod:poss"}:
                m = ctx.actor(c)
                if m is not None and m.kind != "pronoun":
                    return [m], 0.7
        v = noun
        core = noun.dep_ in _CORE
        for _ in range(4):
            if v.head.i == v.i:
                break
            v = v.head
            if v.pos_ in {"VERB", "AUX"}:
                if not core and both:
                    break  # "X nach dem Krieg mit Y": the war is X's, whoever the clause is about
                if not core and predicate not in SYMMETRIC_PREDICATES:
                    return [], 0.0
                if rebuts(ctx, v):
                    return [], 0.0  # "wies die Vorwürfe gegen Y zurück" defends Y (verdicts)
                subj = subjects_of(ctx, v)
                subj = [s for s in subj if s not in exclude]
                if subj:
                    return subj, 0.7 if core else 0.55
                break
            core = core and v.dep_ in _CORE | {"conj", "appos"}
    if ctx.parsed and noun.dep_ in {"nsubj"} | PASSIVE_SUBJ_DEPS:
        return [], 0.0  # the noun is its clause's subject: no one else in it is the actor
    # no parse, or no subject: the nearest actor before the noun in its clause (after the
    # last comma, semicolon or colon: "Initiativen im Rat sind schwierig, zuletzt waren
    # Sanktionen gegen X gescheitert" names no one who imposed them)
    sent = ctx.sents[ctx.sentence_of(noun)]
    text = doc_text(ctx.doc)
    left = max(sent.start, *(text.rfind(p, sent.start, noun.idx) + 1 for p in ",;:"))
    cands = [
        m
        for m in ctx.mentions
        if left <= m.start < noun.idx
        and m not in exclude
        and not m.in_quote
        and m.kind in {"name", "pronoun", "adjective"}
        and m.label in {"PER", "PRON", "GPE", "LOC", "ORG", "NORP", "MISC"}
    ]
    if cands:
        return [max(cands, key=lambda m: m.start)], 0.5
    return [], 0.0


def noun_relations(ctx: Context) -> Iterator[Relation]:
    """Relations stated by a noun of ``interaction_nouns.<lang>.tsv``: "zwischen X und Y"
    relates every pair; "N mit/gegen/an/für X" and a genitive patient relate X to the
    noun's actor; "X und Y führten Gespräche" relates the coordinated subjects."""
    doc = ctx.doc
    for i in range(len(ctx.tokens)):
        if ctx.is_boilerplate(i):
            continue
        f = _noun_frame(ctx, i)
        if f is None:
            continue
        tok = doc[i]
        # the preposition introducing the counterpart: right after the noun, or its dependent
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= 3 and doc[k].pos_ in {"ADJ", "ADV"}:
            k += 1
        prep = doc[k] if k < len(doc) and preposition(doc[k]) in f.counterparts else None
        if prep is None and ctx.parsed:
            pairs = prep_objects(ctx, tok, f.counterparts)
            prep = pairs[0][0] if pairs else None
        if prep is not None and prep.lower_ in {"zwischen", "between"}:
            parties = _window_actors(ctx, prep.i + 1, coordinated=True)
            for a, b in combinations(parties, 2):
                yield from _both_ways(ctx, f, a, b, tok, "noun.between", 0.75)
            continue
        if prep is not None or "gen" in f.counterparts:
            objs = (
                _window_actors(ctx, prep.i + 1, False, f.predicate in _OWNER_NOUNS)
                if prep is not None
                else _genitive_object(ctx, tok)
            )
            if not objs:
                continue
            agents, conf = _agent(
                ctx, tok, objs, f.predicate, genitive_object=prep is None, both=f.both
            )
            rule = f"noun.{prep.lower_ if prep is not None else 'gen'}"
            for subject in agents:
                if f.both and prep is not None and prep.lower_ in {"mit", "with"}:
                    yield from _both_ways(ctx, f, subject, objs[0], tok, rule, conf)
                elif rel := new_relation(ctx, subject, f.predicate, objs[0], tok, rule, conf):
                    yield rel
            continue
        if ctx.parsed and f.predicate in SYMMETRIC_PREDICATES:
            yield from _joint_subjects(ctx, f, tok)


def _both_ways(
    ctx: Context, f: NounFrame, a: Mention, b: Mention, tok: Token, rule: str, conf: float
) -> Iterator[Relation]:
    """a → b, and b → a when the frame holds both ways ("Krieg zwischen A und B")."""
    for s, o in ((a, b), (b, a)) if f.both else ((a, b),):
        rel = new_relation(ctx, s, f.predicate, o, tok, rule, conf)
        if rel is not None:
            yield rel


def _joint_subjects(ctx: Context, f: NounFrame, tok: Token) -> Iterator[Relation]:
    """ "X and Y held talks" (every pair of the subjects), "X pulled aside Y for talks"."""
    v = tok.head
    hops = 0
    direct = tok.dep_ in OBJ_DEPS
    while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i and hops < 4:
        if v.dep_ not in {"pobj", "prep", "obl", "nmod"}:
            break
        v, hops = v.head, hops + 1
    if v.pos_ not in {"VERB", "AUX"}:
        return
    for s in (c for c in v.children if c.dep_ in SUBJ_DEPS):
        parties = [m for c in ctx.conjuncts(s) if (m := ctx.actor(c)) is not None]
        if len(parties) >= 2 and direct and tok.head.i == v.i:
            for a, b in combinations(parties, 2):
                rel = new_relation(ctx, a, f.predicate, b, tok, "noun.joint-subject", 0.7)
                if rel is not None:
                    yield rel
        elif parties:
            objs = [
                m
                for c in v.children
                if c.dep_ in OBJ_DEPS and c.i != tok.i
                for m in [ctx.actor(c)]
                if m is not None and m.label in {"PER", "GPE", "ORG", "LOC"}
            ]
            for o in objs:
                rel = new_relation(ctx, parties[0], f.predicate, o, tok, "noun.verb-object", 0.6)
                if rel is not None:
                    yield rel
