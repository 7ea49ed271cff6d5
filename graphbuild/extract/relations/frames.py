"""Relation frames as data: verb and noun frames read from ``lexicons/*.tsv``.

A frame says which word states a relation and which dependents fill its roles; a new verb
or noun is one TSV row. Lookups are cached and handed out read-only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from graphbuild.extract.lexicons import rows


@dataclass(frozen=True, slots=True)
class VerbFrame:
    """One row of ``interaction_verbs.<lang>.tsv``: a verb and the dependents filling its roles.

    ``object`` is ``obj``, ``iobj``, ``clause`` or ``obl:<preposition>``; ``preposition`` is
    that preposition ("mit") or empty.
    """

    lemma: str
    particle: str
    reflexive: bool
    predicate: str
    subject: str
    object: str
    object_is: str = "actor"

    @property
    def preposition(self) -> str:
        return self.object.partition(":")[2] if self.object.startswith("obl:") else ""


@dataclass(frozen=True, slots=True)
class NounFrame:
    """One row of ``interaction_nouns.<lang>.tsv``: a noun, what introduces its counterpart
    (prepositions, "zwischen", "gen" for a genitive attribute) and whether it holds both
    ways. ``predicate`` "none" blocks a compound that only looks like a frame noun."""

    noun: str
    predicate: str
    counterparts: frozenset[str]
    both: bool = False


@cache
def verb_frames(lang: str) -> Mapping[tuple[str, str], tuple[VerbFrame, ...]]:
    """(lemma, particle) → the frames of that verb."""
    out: dict[tuple[str, str], list[VerbFrame]] = {}
    for r in rows("interaction_verbs", lang):
        f = VerbFrame(
            lemma=(r.get("lemma") or "").strip().lower(),
            particle=(r.get("particle") or "").strip().lower(),
            reflexive=(r.get("reflexive") or "").strip().lower() == "yes",
            predicate=(r.get("predicate") or "").strip(),
            subject=(r.get("subject") or "nsubj").strip().lower(),
            object=(r.get("object") or "obj").strip().lower(),
            object_is=(r.get("object_is") or "actor").strip().lower(),
        )
        # inflected forms for when the lemmatizer misses ("wies" → weisen)
        for form in {f.lemma, *(x.strip().lower() for x in (r.get("forms") or "").split(","))}:
            if form:
                out.setdefault((form, f.particle), []).append(f)
    return MappingProxyType({k: tuple(dict.fromkeys(v)) for k, v in out.items()})


@cache
def frame_forms(lang: str) -> frozenset[str]:
    """Every verb form that has a frame (with or without a particle)."""
    return frozenset(form for form, _particle in verb_frames(lang))


@cache
def noun_frames(lang: str) -> tuple[NounFrame, ...]:
    """Noun frames, longest noun first (for compound suffix matching)."""
    frames = [
        NounFrame(
            noun=(r.get("noun") or "").strip().lower(),
            predicate=(r.get("predicate") or "").strip(),
            counterparts=frozenset((r.get("object") or "").lower().split()),
            both=(r.get("both") or "").strip().lower() == "yes",
        )
        for r in rows("interaction_nouns", lang)
    ]
    return tuple(sorted(frames, key=lambda f: -len(f.noun)))


@cache
def cues(lang: str) -> Mapping[str, str]:
    """Modality cue word → planned/possible/negation/former (``modality.<lang>.tsv``)."""
    return MappingProxyType(
        {r["word"].strip().lower(): r["modality"].strip() for r in rows("modality", lang)}
    )
