"""Resolution: mentions → entities with stable ids, aliases and positions (no spaCy, no RDF)."""

from __future__ import annotations

from graphbuild.resolve.entities import entity_id, resolve_entities
from graphbuild.types import Extraction, Resolution

__all__ = ["entity_id", "resolve"]


def resolve(extraction: Extraction) -> Resolution:
    """Cluster an article's mentions into entities."""
    entities, entity_of = resolve_entities(extraction)
    return Resolution(extraction=extraction, entities=tuple(entities), entity_of=entity_of)
