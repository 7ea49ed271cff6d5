"""Meetings and events: who takes part in an event, who meets whom."""

from __future__ import annotations

from collections.abc import Iterator

from graphbuild.extract.relations.context import (
    LOCATIVE,
    OBJ_DEPS,
    Context,
    new_relation,
    prep_objects,
    subjects_of,
)
from graphbuild.types import Relation


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
