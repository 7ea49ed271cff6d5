"""Attacks whose attacker the clause leaves unsaid, given to the article's accused.

Crime reports often state the deed without its doer: a list of victims ("Bei den Opfern
handelt es sich um A, B und C"), an agentless passive ("X wurde erschossen"), an attack
noun without an actor ("bei dem Überfall auf eine Filiale der Y"). When the article
accuses one named group of its crimes ("Mitgliedern der Gruppe wird die Beteiligung an
folgenden Straftaten vorgeworfen", "X bekannte sich zu dem Anschlag", "X ist für die Morde
verantwortlich"), that group is the attacker of each such victim (guidelines: attacks
includes murder and assault). Without an accused, nothing is inferred. The words are rows
of ``perpetrators.<lang>.tsv``; a group noun ("der Gruppe") stands for the last named
organisation before it that is no investigating body.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache, lru_cache
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows
from graphbuild.extract.relations.context import (
    AGENT_CASES,
    OBJ_DEPS,
    PASSIVE_SUBJ_DEPS,
    SUBJ_DEPS,
    Context,
    new_relation,
    particle_of,
)
from graphbuild.extract.relations.frames import verb_frames
from graphbuild.extract.relations.nominal import noun_frame
from graphbuild.extract.text import doc_text
from graphbuild.types import Mention, Relation

_DATIVE_DEPS = {"iobj", "dative", "da", "obl:arg"}
_ENDINGS = ("n", "en", "e", "s", "es")  # German case and plural endings
_GENITIVE_DETS = {"des", "der", "eines", "einer", "of"}


@cache
def _kinds(lang: str) -> Mapping[str, str]:
    return MappingProxyType(
        {r["word"].strip().lower(): r["kind"].strip() for r in rows("perpetrators", lang)}
    )


@lru_cache(maxsize=65536)  # a pure function of strings, asked for many words
def _is(word: str, kind: str, lang: str) -> bool:
    """Whether a word is of a kind, also as a compound's end ("Mordserie", "Terrorgruppe")."""
    low = word.lower()
    stems = {low, *(low[: -len(e)] for e in _ENDINGS if low.endswith(e))}
    return any(s.endswith(w) for s in stems for w, k in _kinds(lang).items() if k == kind)


def accused(ctx: Context) -> Mention | None:
    """The named group or person the article accuses of its crimes, if any: the first
    accusation whose clause names a crime."""
    for tok in ctx.tokens_with_pos({"VERB", "ADJ", "AUX"}):
        kind = _kinds(ctx.lang).get(tok.lemma_.lower())
        if kind not in {"accuse_iobj", "accuse_subj"} or tok.pos_ not in {"VERB", "ADJ", "AUX"}:
            continue
        if not any(_is(t.text, "crime", ctx.lang) for t in tok.subtree if t.i != tok.i):
            continue
        if kind == "accuse_iobj":
            # the parser may call a passive's dative subject
            deps = _DATIVE_DEPS | PASSIVE_SUBJ_DEPS
            who = [c for c in tok.children if c.dep_ in deps]
        else:
            who = [c for c in tok.children if c.dep_ in SUBJ_DEPS]
        for c in who:
            m = ctx.actor(c) or _group_antecedent(ctx, c)
            if m is not None and m.kind == "name" and m.label in {"ORG", "PER"}:
                return m
    return None


def _group_antecedent(ctx: Context, tok: Token) -> Mention | None:
    """ "Mitgliedern der Gruppe" → the last named organisation before it that is no
    investigating body and no party tag after a person ("X (Grüne)")."""
    nouns = [tok, *(c for c in tok.children if c.dep_ in {"nmod", "nmod:poss"})]
    if not any(_is(n.text, "group", ctx.lang) for n in nouns):
        return None
    text = doc_text(ctx.doc)
    for m in sorted(ctx.mentions, key=lambda m: -m.start):
        if m.start >= tok.idx or m.label != "ORG" or m.kind != "name":
            continue
        if any(_is(w, "authority", ctx.lang) for w in m.text.split()):
            continue
        if text[: m.start].rstrip().endswith("("):
            continue
        return m
    return None


def _agentless_passive(ctx: Context, tok: Token) -> list[Mention]:
    """The victims of a passive attack verb without agent ("X wurde erschossen")."""
    frames = verb_frames(ctx.lang).get((tok.lemma_.lower(), particle_of(tok)), ())
    if not any(f.predicate == "attacks" and f.object == "obj" for f in frames):
        return []
    if not any(c.dep_ in {"aux:pass", "auxpass"} for c in tok.children):
        return []
    if any(g.dep_ == "case" and g.lower_ in AGENT_CASES for c in tok.children for g in c.children):
        return []
    patients = [c for c in tok.children if c.dep_ in PASSIVE_SUBJ_DEPS | OBJ_DEPS]
    return [m for c in patients if (m := ctx.actor(c)) is not None and m.label == "PER"]


def _listed_victims(ctx: Context, tok: Token) -> list[Mention]:
    """The people named after a victim noun in its sentence ("Bei den Opfern handelt es sich
    um … den Blumenhändler A, … B und C")."""
    if tok.pos_ != "NOUN" or not _is(tok.text, "victim", ctx.lang):
        return []
    sent = ctx.sentence_of(tok)
    if not _violence_near(ctx, tok):
        return []  # victims of a fraud or an accident are not attacked
    return [
        m
        for m in ctx.by_sentence.get(sent, ())
        if m.start > tok.idx and m.kind == "name" and m.label == "PER"
    ]


def _violence_near(ctx: Context, tok: Token) -> bool:
    """Whether an attack verb or noun (a frame stating ``attacks``) stands in the token's
    sentence or the two before it ("… wurden neun Kleinunternehmer ermordet. … Bei den
    Opfern handelt es sich um …")."""
    first = ctx.sents[max(0, ctx.sentence_of(tok) - 2)].start
    span = ctx.doc.char_span(first, tok.idx + len(tok), alignment_mode="expand")
    frames = verb_frames(ctx.lang)
    for t in span or ():
        verbs = frames.get((t.lemma_.lower(), particle_of(t)), ()) if t.pos_ == "VERB" else ()
        noun = noun_frame(ctx, t)
        if any(f.predicate == "attacks" for f in verbs) or (
            noun is not None and noun.predicate == "attacks"
        ):
            return True
    return False


def _unattributed_attack(ctx: Context, tok: Token) -> list[Mention]:
    """The target of an attack noun naming no attacker: no compound prefix, no genitive or
    von/durch phrase, no actor before it in its clause ("Bei dem Banküberfall … auf eine
    Filiale der Y" → Y)."""
    f = noun_frame(ctx, tok)
    if f is None or f.predicate != "attacks" or "-" in tok.text:
        return []
    sent = ctx.sents[ctx.sentence_of(tok)]
    text = doc_text(ctx.doc)
    left = max(sent.start, *(text.rfind(p, sent.start, tok.idx) + 1 for p in ",;:"))
    if any(left <= m.start < tok.idx for m in ctx.by_sentence.get(ctx.sentence_of(tok), ())):
        return []
    after = [t for t in ctx.doc[tok.i + 1 : tok.i + 16] if t.idx < sent.end]
    if after and after[0].lower_ in _GENITIVE_DETS:
        return []  # "der Überfall der Bande auf …": a genitive may name the attacker
    target: list[Mention] = []
    for k, t in enumerate(after):
        if t.lower_ in AGENT_CASES:
            return []
        if t.lower_ in f.counterparts and k + 1 < len(after):
            rest = after[k + 1 :]
            names = [m for x in rest if (m := ctx.mention_at(x)) is not None]
            target = names[:1]
            break
    return [m for m in target if m.label in {"ORG", "PER"}]


def unattributed_attacks(ctx: Context) -> Iterator[Relation]:
    """The accused attacks every victim the article names without an attacker."""
    if not ctx.parsed:
        return
    perpetrator = accused(ctx)
    if perpetrator is None:
        return
    for tok in ctx.doc:
        if tok.idx < perpetrator.start or ctx.is_boilerplate(tok.i):
            continue
        for rule, victims in (
            ("victims.listed", _listed_victims(ctx, tok)),
            ("victims.passive", _agentless_passive(ctx, tok) if tok.pos_ == "VERB" else []),
            ("victims.noun", _unattributed_attack(ctx, tok)),
        ):
            for v in victims:
                rel = new_relation(ctx, perpetrator, "attacks", v, tok, rule, 0.55)
                if rel is not None:
                    yield rel
