"""Relations between actors (spokeWith, meetsWith, …), from verb and noun lexicons."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from graphbuild.types import Mention, Relation, Sentence


def relations(
    doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]
) -> Iterator[Relation]:
    """Interactions between two mentions of the same sentence."""
    return iter(())
