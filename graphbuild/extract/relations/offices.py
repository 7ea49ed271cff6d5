"""Offices: a title that names a country or organisation makes its holder represent it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from graphbuild.extract.mentions import office_represents
from graphbuild.extract.relations.context import Context, new_relation
from graphbuild.extract.relations.frames import cues
from graphbuild.extract.text import doc_text
from graphbuild.types import Relation


def represents(ctx: Context) -> Iterator[Relation]:
    """A title that names a country/organisation: its holder represents it."""
    for t in ctx.mentions:
        if t.kind != "title" or not t.affiliation:
            continue
        aff = [
            m
            for m in ctx.mentions
            if m.text == t.affiliation
            and m.kind in {"adjective", "name"}
            and t.start <= m.start
            and m.end <= t.end + 60
            and m.sent == t.sent
        ]
        if not aff:
            continue
        obj = min(aff, key=lambda m: m.start - t.start)
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        cue_words = cues(ctx.lang)
        if any(cue_words.get(w.lower_.split("-")[0]) == "former" for w in span):
            continue  # "der ehemalige Außenminister" acts for no one now
        if not office_represents(t.lemma or t.text, ctx.lang):
            continue  # "FDP-Politiker": a member, recorded as affiliation only
        rel = new_relation(ctx, t, "represents", obj, span.root, "represents.title", 0.9)
        if rel is not None:
            # the evidence names the holder too when the name follows ("US-Präsident X")
            after = [
                m
                for m in ctx.mentions
                if m.kind == "name" and m.label == "PER" and 0 <= m.start - t.end <= 2
            ]
            if after:
                end = after[0].end
                rel = replace(rel, end=end, evidence=doc_text(ctx.doc)[rel.start : end])
            yield rel
