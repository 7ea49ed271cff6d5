"""Meetings and events: who takes part in an event, who meets whom.

A definite event noun without a name of its own ("am Treffen", "an der Konferenz") is the
last named event before it with the same head noun ("das ASEM-Treffen … am Treffen").
An annotated event's participants ``attends`` it ("nahm am Gipfel in Rom teil", "bei der
Klimakonferenz"); a meeting that is no named event ("an diesen Gesprächen werden die
Außenminister der USA, Frankreichs und Russlands teilnehmen") pairs its participants:
they sit in the same round, so every two of them ``meetsWith`` each other.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from itertools import combinations
from types import MappingProxyType

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.context import (
    LOCATIVE,
    OBJ_DEPS,
    PREP_DEPS,
    Context,
    coordinated_genitives,
    new_relation,
    particle_of,
    prep_objects,
    subjects_of,
    title_holder,
    undo_contraction,
)
from graphbuild.extract.relations.context import (
    preposition as preposition_of,
)
from graphbuild.extract.relations.nominal import meeting_noun
from graphbuild.extract.text import doc_text
from graphbuild.types import Mention, Relation


def attends(ctx: Context) -> Iterator[Relation]:
    """A person doing something at an event ("auf der Genfer Klimakonferenz")."""
    if not ctx.parsed or not any(m.label == "EVENT" for m in ctx.mentions):
        return  # every fact below has an EVENT mention as its object
    for i, pos in enumerate(ctx.tokens.pos):
        if pos not in {"VERB", "AUX"}:
            continue
        tok = ctx.doc[i]
        events = [
            m
            for _p, m in prep_objects(ctx, tok, LOCATIVE)
            + [
                pm
                for c in tok.children
                if c.dep_ in OBJ_DEPS
                for pm in prep_objects(ctx, c, LOCATIVE)
            ]
            if m.label == "EVENT"
        ]
        if not events:
            continue
        for s in subjects_of(ctx, tok):
            if s.label not in {"PER", "PRON"} and s.kind not in {"title", "pronoun"}:
                continue
            for e in events:
                rel = new_relation(ctx, s, "attends", e, tok, "verb.at-event", 0.7)
                if rel is not None:
                    yield rel


def shared_meetings(
    ctx: Context, verb: Token, preposition: str, participants: Sequence[Mention]
) -> Iterator[Relation]:
    """Taking part together in a meeting that is no named event: every pair meets."""
    if len(participants) < 2:
        return
    participants = [*participants, *(m for m in senders(ctx, verb) if m not in participants)]
    for c in verb.children:
        case = [g for g in c.children if g.dep_ == "case" and preposition_of(g) == preposition]
        if not case or c.dep_ not in {"obl", "nmod", "obl:arg", "mo", "op"}:
            continue
        if meeting_noun(ctx, c) is None:
            continue
        for a, b in combinations(dict.fromkeys(participants), 2):
            rel = new_relation(ctx, a, "meetsWith", b, verb, "meeting.participants", 0.65)
            if rel is not None:
                yield rel


@cache
def _envoys(lang: str) -> Mapping[str, str]:
    """Word → "verb" (of sending) or "envoy" (who is sent), from ``envoys.<lang>.tsv``."""
    return MappingProxyType(
        {r["word"].strip().lower(): r["kind"].strip() for r in rows("envoys", lang)}
    )


def senders(ctx: Context, verb: Token) -> list[Mention]:
    """Who sends an envoy to the talks just named, in the next sentence ("An diesen
    Gesprächen werden die Außenminister von A und B teilnehmen. C wird seinen
    Vize-Außenminister entsenden." → C takes part too; ``envoys.<lang>.tsv``). A sending
    with a destination of its own ("schickt Truppen nach X") is another matter."""
    nxt = ctx.sentence_of(verb) + 1
    if nxt >= len(ctx.sents):
        return []
    kinds = _envoys(ctx.lang)
    span = ctx.doc.char_span(ctx.sents[nxt].start, ctx.sents[nxt].end, alignment_mode="expand")
    out: list[Mention] = []
    for tok in span or ():
        if tok.pos_ != "VERB" or kinds.get(tok.lemma_.lower()) != "verb":
            continue
        if any(c.dep_ in PREP_DEPS for c in tok.children if _case_of(c)):
            continue
        envoys = [
            c
            for c in tok.children
            if c.dep_ in OBJ_DEPS
            and (
                ((m := ctx.mention_at(c)) is not None and m.kind == "title")
                or any(c.lower_.endswith(w) for w, k in kinds.items() if k == "envoy")
            )
        ]
        if envoys:
            out.extend(m for m in subjects_of(ctx, tok) if m.label in {"GPE", "LOC", "ORG"})
    return out


_ENDING = re.compile(r"(?:en|es|n|s|e)$")  # German noun inflection, for comparing head nouns
_DEFINITE = {"der", "die", "das", "dem", "den", "des", "am", "beim", "im", "zum", "vom", "the"}


def event_of(ctx: Context, tok: Token) -> Mention | None:
    """The named event a definite event noun refers back to, by the same head noun
    ("die 8. ASEM-Konferenz … nimmt an der Konferenz teil"), or a definite meeting noun to
    the article's only named meeting (``meeting_nouns``: "beim Klimagipfel")."""
    m = ctx.mention_at(tok)
    if m is not None:
        return m if m.label == "EVENT" else None
    head = tok.lower_
    if not head.isalpha() or len(head) < 4:
        return None
    if not any(c.lower_ in _DEFINITE for c in tok.children) and not any(
        c.dep_ == "case" and c.lower_ in _DEFINITE for c in tok.children
    ):
        return None
    stem = _ENDING.sub("", head)
    events = [e for e in ctx.mentions if e.label == "EVENT" and e.start != tok.idx]
    same = [e for e in events if _ENDING.sub("", e.text.lower()).endswith(stem)]
    earlier = [e for e in same if e.end <= tok.idx]
    if earlier:
        return max(earlier, key=lambda e: e.end)
    # "beim Klimagipfel" after "die Weltklimakonferenz": the one meeting the article names
    kinds = words("meeting_nouns", ctx.lang)
    if not any(_ENDING.sub("", head).endswith(k) or head.endswith(k) for k in kinds):
        return None
    meetings = {e.text: e for e in events if any(e.text.lower().endswith(k) for k in kinds)}
    return next(iter(meetings.values())) if len(meetings) == 1 else None


_AT = {"bei", "auf", "at"}


def delegates(ctx: Context) -> Iterator[Relation]:
    """An office held at an event: "die US-Delegationsleiterin beim Klimagipfel, X" → X
    attends the summit."""
    text = doc_text(ctx.doc)
    for t in ctx.mentions:
        if t.kind != "title":
            continue
        named = _event_after(ctx, t)
        if named is not None:
            span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                holder = title_holder(ctx, t, named[1])
                rel = new_relation(
                    ctx, holder, "attends", named[0], span.root, "title.at-event", 0.7
                )
                if rel is not None:
                    yield rel
            continue
        for e in ctx.by_sentence.get(t.sent, ()):
            if e.label != "EVENT" or e.start < t.start or e.start - t.end > 20:
                continue
            words = text[t.start : e.start].split()
            if not words or (
                undo_contraction(words[-1], ctx.lang) not in _AT
                and (len(words) < 2 or undo_contraction(words[-2], ctx.lang) not in _AT)
            ):
                continue
            span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None:
                continue
            holder = title_holder(ctx, t, e.end)
            rel = new_relation(ctx, holder, "attends", e, span.root, "title.at-event", 0.7)
            if rel is not None:
                yield rel


def _event_after(ctx: Context, title: Mention) -> tuple[Mention, int] | None:
    """ "… beim Klimagipfel" right after a title: the event it refers to and where the phrase
    ends (for finding the holder after it)."""
    span = ctx.doc.char_span(title.start, title.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(ctx.doc):
        return None
    prep, noun = ctx.doc[span.end], ctx.doc[span.end + 1]
    if undo_contraction(prep.text, ctx.lang) not in _AT or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    if ctx.mention_at(noun) is not None or prep.lower_ == undo_contraction(prep.text, ctx.lang):
        return None  # a named event is handled below; "bei" without article is no reference
    event = event_of(ctx, noun)
    return (event, noun.idx + len(noun.text)) if event is not None else None


@cache
def _encounter_verbs(lang: str) -> Mapping[tuple[str, str], frozenset[str]]:
    """(lemma, particle) → how the opponent is attached (``encounter_verbs.<lang>.tsv``):
    prepositions, or "obj" for an object."""
    out: dict[tuple[str, str], set[str]] = {}
    for r in rows("encounter_verbs", lang):
        key = ((r.get("lemma") or "").strip(), (r.get("particle") or "").strip())
        out.setdefault(key, set()).add((r.get("opponent") or "").strip())
    return MappingProxyType({k: frozenset(v) for k, v in out.items()})


_EVENT_PLACES = {"in", "bei", "während", "auf", "at", "during"}


def _clause_phrases(verb: Token) -> Iterator[Token]:
    """The verb's dependents and theirs, without entering another verb's clause (the
    parser may hang "auf Y" on a noun of the phrase before: "im Rahmen der Finals auf Y")."""
    stack = list(verb.children)
    while stack:
        c = stack.pop()
        if c.pos_ in {"VERB", "AUX"}:
            continue
        yield c
        stack.extend(c.children)


def _case_of(tok: Token) -> str:
    """The preposition of a phrase headed by ``tok`` (UD: its case dependent, also when
    hung lower in the phrase; English: the prep above a pobj), or ""."""
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        return preposition_of(tok.head)
    case = [g for g in tok.children if g.dep_ == "case"]
    if not case and tok.left_edge.dep_ == "case":
        case = [tok.left_edge]
    return preposition_of(case[0]) if case else ""


def encounters(ctx: Context) -> Iterator[Relation]:
    """A match placed in a named event: both sides take part in it ("X trifft in den
    Finals auf Y", "im Rahmen der WM spielt X gegen Y" → X and Y attend; ``encounter_verbs``).
    The match itself states no meeting (guidelines: a sports match is not a meeting)."""
    if not ctx.parsed or not any(m.label == "EVENT" for m in ctx.mentions):
        return
    verbs = _encounter_verbs(ctx.lang)
    for i, pos in enumerate(ctx.tokens.pos):
        if pos != "VERB":
            continue
        tok = ctx.doc[i]
        opponent_by = verbs.get((tok.lemma_.lower(), particle_of(tok)))
        if opponent_by is None:
            continue
        phrases = list(_clause_phrases(tok))
        events = [
            m
            for c in phrases
            if tok.i in {c.head.i, c.head.head.i if c.dep_ == "pobj" else -1}
            and _case_of(c) in _EVENT_PLACES
            for x in c.subtree
            if (m := ctx.mention_at(x)) is not None and m.label == "EVENT"
        ]
        if not events:
            continue
        opponents = [
            m
            for c in phrases
            if (c.dep_ in OBJ_DEPS and c.head.i == tok.i and "obj" in opponent_by)
            or _case_of(c) in opponent_by
            for x in ctx.conjuncts(c)
            if (m := ctx.actor(x)) is not None and m.label != "EVENT"
        ]
        if not opponents:
            continue  # "trafen auf heftigen Widerstand": no second side, no match
        for side in dict.fromkeys(subjects_of(ctx, tok) + opponents):
            rel = new_relation(ctx, side, "attends", events[0], tok, "encounter.in-event", 0.65)
            if rel is not None:
                yield rel


def implicit_event(ctx: Context, verb: Token) -> list[Mention]:
    """The event a taking-part verb without its object refers to: the last named event of
    its sentence before it or of the sentence before ("Den Einzug in die Finals feierten X
    und Y. Vorher hatten sich A und B qualifiziert" → A, B attend the Finals)."""
    sent = ctx.sentence_of(verb)
    events = [
        e
        for e in ctx.mentions
        if e.label == "EVENT" and sent - 1 <= e.sent <= sent and e.end <= verb.idx
    ]
    return [max(events, key=lambda e: e.end)] if events else []


def _with_phrases(verb: Token) -> list[Token]:
    """Heads of a verb's mit/with phrases (UD: obl → case; English: prep → pobj)."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ == "prep" and preposition_of(c) == "with":
            out.extend(p for p in c.children if p.dep_ == "pobj")
        elif c.dep_ in PREP_DEPS and _case_of(c) in {"mit", "with"}:
            out.append(c)
    return out


def companions(ctx: Context, verb: Token) -> list[Mention]:
    """Who takes part along with a verb's subject, from its mit-phrase ("mit X und Y nehmen
    zwei Staaten teil"). Officials named only through their countries stand for them ("mit
    den Außenministern Indiens, Pakistans und der Mongolei" → the three countries: a state
    takes part through its officials); such an unnamed official is no party of their own."""
    out: list[Mention] = []
    for h in _with_phrases(verb):
        for x in ctx.conjuncts(h):
            several = coordinated_genitives(ctx, x)
            if len(several) >= 2:
                out.extend(m for m in several if m.kind != "title")
            elif (m := ctx.actor(x)) is not None:
                out.append(m)
    return list(dict.fromkeys(out))
