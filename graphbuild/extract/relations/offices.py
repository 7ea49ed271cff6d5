"""Offices: a title that names a country or organisation makes its holder represent it.

German names an office together with what it acts for in five ways, each read here from the
words around a title mention (``titles.<lang>.tsv``):

* compound: "Kreml-Sprecher", "CSU-Vorsitzender", "US-Präsident" (the mention's affiliation);
* adjective: "der thailändische Ministerpräsident", "die US-amerikanische Außenministerin";
* genitive before: "Brandenburgs Ministerpräsident", "Irans Präsident";
* genitive or von/of after: "Präsident des Internationalen Währungsfonds", "Gouverneur von
  Virginia", "Kandidat der Demokratischen Partei", "Secretary of State of the United States";
* genitive or von after the holder's name: "General X von der US-Marineinfanterie";
* a body named before for a title naming only its kind: "Die Freien Demokraten … der
  Parteivorsitzende X" (``body_prefixes.<lang>.tsv``);
* the holder in apposition on either side: "X, Gouverneur von Virginia", "der Präsident des
  IWF (IWF), X" — else the title mention itself, which resolution links to its holder.

Roles held toward someone (``role_nouns.<lang>.tsv``) work the same way with their owner:
"Spectors Verteidiger X" → X supports Spector; "X, ein Kritiker der Regierung" → X
criticizes it; the holder may also be the subject the role is predicated of ("X ist ein
Verbündeter von Y", "X gilt als Kritiker der Y").

"ehemalig/früher/Ex-" block it (a former office acts for no one), and so does a title whose
``represents`` column is "no" ("FDP-Politiker" is a member: affiliation only).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache, lru_cache

from spacy.tokens import Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.mentions import office_represents
from graphbuild.extract.relations.context import (
    Context,
    new_relation,
    preposition,
    subjects_of,
    title_holder,
)
from graphbuild.extract.relations.frames import cues
from graphbuild.extract.text import doc_text
from graphbuild.types import Mention, Relation

# the genitive or prepositional attribute that names an office's organisation
_ATTRIBUTE = re.compile(r"^\s*(?:des|der|von|vom|of(?:\s+the)?)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_ORG_LABELS = {"GPE", "LOC", "ORG", "NORP", "MISC"}


def _organisation(text: str, title: Mention, near: Sequence[Mention]) -> Mention | None:
    """The country or organisation the title names, or None (see the module docstring)."""
    names = [m for m in near if m.label in _ORG_LABELS and m.kind in {"name", "adjective"}]
    if title.affiliation:
        named = [m for m in names if m.text == title.affiliation and m.start >= title.start]
        if named:
            return min(named, key=lambda m: m.start)
    # an adjective or compound inside the title phrase, or just before its head
    inside = [m for m in names if title.start <= m.start and m.end <= title.end]
    adjectives = [m for m in inside if m.kind == "adjective"]
    if adjectives:
        return adjectives[0]
    before = [m for m in names if m.end <= title.start and title.start - m.end <= 40]
    if before:
        m = max(before, key=lambda m: m.end)
        gap = text[m.end : title.start]
        if m.kind == "adjective" and re.fullmatch(r"[\w-]*\s*", gap):
            return m  # "US-amerikanische Außenministerin": prefix of the adjective before
        if m.kind == "name" and m.text.endswith("s") and not gap.strip():
            return m  # "Brandenburgs Ministerpräsident"
    # a genitive or von-attribute, inside the title mention or right after it
    for m in sorted(names, key=lambda m: m.start):
        if m.start < title.start or m.kind != "name":
            continue
        lead = text[title.start : m.start]
        head_end = title.start + len(lead.split()[0]) if lead.split() else title.start
        if _ATTRIBUTE.match(text[head_end : m.start]) and m.start - title.end <= 40:
            return m
    return None


def _body_named_before(ctx: Context, title: Mention) -> Mention | None:
    """For "der Parteivorsitzende"/"der Fraktionschef" (``body_prefixes``), the organisation
    last named as a subject before the title, in its sentence or the one before (what the
    text is about, not an organisation it mentions in passing)."""
    low = (title.lemma or title.text).lower()
    if not any(low.startswith(p) for p in words("body_prefixes", ctx.lang)):
        return None
    orgs = [
        m
        for m in ctx.mentions
        if m.label == "ORG"
        and m.kind == "name"
        and title.sent - 1 <= m.sent <= title.sent
        and m.end <= title.start
        and m.dep in {"nsubj", "nsubj:pass", "sb"}
    ]
    return max(orgs, key=lambda m: m.end) if orgs else None


def _attribute_after(text: str, holder: Mention, near: Sequence[Mention]) -> Mention | None:
    """An organisation in a von/genitive attribute right after the holder's name."""
    for m in sorted(near, key=lambda m: m.start):
        if m.start >= holder.end and m.label in _ORG_LABELS and m.kind == "name":
            return m if _ATTRIBUTE.match(text[holder.end : m.start]) else None
    return None


def represents(ctx: Context) -> Iterator[Relation]:
    """Each title that names a country/organisation: its holder represents it."""
    text = doc_text(ctx.doc)
    cue_words = cues(ctx.lang)
    for t in ctx.mentions:
        if t.kind != "title" or not office_represents(t.lemma or t.text, ctx.lang):
            continue  # "FDP-Politiker": a member, recorded as affiliation only
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or ctx.is_boilerplate(span.start):
            continue
        left = ctx.doc[max(span.start - 2, 0) : span.end]
        if any(cue_words.get(w.lower_.split("-")[0]) == "former" for w in left):
            continue  # "der ehemalige Außenminister" acts for no one now
        near = [m for m in ctx.by_sentence.get(t.sent, ()) if m is not t]
        org = _organisation(text, t, near) or _body_named_before(ctx, t)
        holder = title_holder(ctx, t, max(t.end, org.end) if org else t.end)
        if org is None and holder is not t and holder.start > t.end:
            # "General X von der US-Marineinfanterie": the attribute follows the holder
            org = _attribute_after(text, holder, near)
        if org is None:
            continue
        if holder is t and span.start > 0 and ctx.doc[span.start - 1].lower_ in {"als", "as"}:
            continue  # "der einzige, der als Kandidat der X gilt": a role ascribed, no holder named
        rel = new_relation(ctx, holder, "represents", org, span.root, "represents.title", 0.9)
        if rel is not None:
            yield rel


@cache
def _role_nouns(lang: str) -> tuple[tuple[str, str], ...]:
    """(noun, predicate), longest noun first."""
    pairs = {(r["noun"].strip().lower(), r["predicate"].strip()) for r in rows("role_nouns", lang)}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=32768)
def _role_of(word: str, lang: str) -> str | None:
    """The predicate of the role noun a word is (or ends in, for German compounds)."""
    low = word.lower()
    for noun, predicate in _role_nouns(lang):
        if low == noun or (lang == "de" and low.endswith(noun) and low[: -len(noun)].isalpha()):
            return predicate
    return None


def _owner(ctx: Context, role: Token, near: Sequence[Mention]) -> Mention | None:
    """Whose the role is: a genitive name right before ("Spectors Verteidiger") or a
    genitive/von attribute right after ("der Anwalt des X", "a critic of X")."""
    text = doc_text(ctx.doc)
    for m in near:
        genitive = m.text.endswith(("s", "'s", "’s")) or ctx.lang != "de"
        if (
            m.end <= role.idx
            and not text[m.end : role.idx].strip()
            and m.kind == "name"
            and genitive
        ):
            return m
    if role.i > 0 and ctx.lang == "de" and (before := role.doc[role.i - 1]).text.endswith("s"):
        # "Spectors Verteidiger": the genitive of a name the article uses elsewhere
        stem = before.text[:-1]
        named = [m for m in ctx.mentions if m.kind == "name" and m.text.split()[-1] == stem]
        if named and before.text[:1].isupper():
            return named[0]
    end = role.idx + len(role.text)
    after = sorted((m for m in near if m.start >= end and m.kind == "name"), key=lambda m: m.start)
    if after and _ATTRIBUTE.match(text[end : after[0].start]):
        return after[0]
    return None


_ASCRIBING = {"gelten", "count"}  # "X gilt als Kritiker von Y"


def _copular_holder(ctx: Context, role: Token) -> Mention | None:
    """The named subject a role noun is predicated of: "X ist ein Verbündeter von Y" (the
    noun heads a copular clause), "X gilt als Kritiker der Y"."""
    if any(c.dep_ == "cop" for c in role.children):
        found = subjects_of(ctx, role)
    elif role.head.lemma_.lower() in _ASCRIBING and any(
        c.dep_ == "case" and preposition(c) in {"als", "as"} for c in role.children
    ):
        found = subjects_of(ctx, role.head)
    else:
        return None
    return next((m for m in found if m.kind == "name"), None)


def roles(ctx: Context) -> Iterator[Relation]:
    """Each role noun with an owner and a named holder: the holder's relation to the owner."""
    if not _role_nouns(ctx.lang):
        return
    cue_words = cues(ctx.lang)
    tt = ctx.tokens
    for i, text in enumerate(tt.text):
        if tt.pos[i] not in {"NOUN", "PROPN", "X", ""} or not text[:1].isalpha():
            continue
        if ctx.is_boilerplate(i):
            continue
        predicate = _role_of(text, ctx.lang)
        if predicate is None:
            continue
        tok = ctx.doc[i]
        if i > 0 and cue_words.get(ctx.doc[i - 1].lower_) == "former":
            continue
        near = ctx.by_sentence.get(ctx.sentence_of(tok), [])
        owner = _owner(ctx, tok, near)
        if owner is None:
            continue
        role = Mention(tok.idx, tok.idx + len(text), text, "PER", "role", ctx.sentence_of(tok))
        holder = title_holder(ctx, role, max(role.end, owner.end))
        if holder is role:
            holder = _copular_holder(ctx, tok) or role
        if holder is role or holder == owner:
            continue  # an unnamed role ("seine Verteidiger") relates no one
        rel = new_relation(ctx, holder, predicate, owner, tok, "role." + predicate, 0.7)
        if rel is not None:
            yield rel
