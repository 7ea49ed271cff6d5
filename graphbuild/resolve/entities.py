"""Mention clusters → entities with a stable id made from the canonical name."""

from __future__ import annotations

import re
import unicodedata

from graphbuild.types import Entity, Extraction, Mention

_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_TYPES = {
    "PER": "Person",
    "LOC": "Location",
    "ORG": "Organization",
    "MISC": "Other",
    "EVENT": "Event",
    "COUNTRY": "Country",
}


def entity_id(name: str) -> str:
    """Lowercase snake_case id of a canonical name, umlauts transliterated.

    Example:
        >>> entity_id("Münchner Sicherheitskonferenz")
        'muenchner_sicherheitskonferenz'
    """
    s = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w]+", "_", s.lower(), flags=re.UNICODE).strip("_")
    return s or "entity"


def resolve_entities(extraction: Extraction) -> tuple[list[Entity], dict[Mention, str]]:
    """Names with the same text, or a surname of an earlier full name, form one entity;
    a pronoun goes to the most recent person before it."""
    names: dict[str, tuple[str, str, set[str]]] = {}  # id → (name, label, aliases)
    entity_of: dict[Mention, str] = {}
    ordered = sorted(extraction.mentions, key=lambda m: m.start)
    last_person: str | None = None
    for m in ordered:
        if m.kind == "pronoun":
            if last_person:
                entity_of[m] = last_person
            continue
        if m.kind != "name":
            continue
        target = None
        for eid, (name, label, _aliases) in names.items():
            if label == m.label and (
                m.text == name or (label == "PER" and name.split()[-1] == m.text)
            ):
                target = eid
                break
        if target is None:
            target = entity_id(m.text)
            names.setdefault(target, (m.text, m.label, set()))
        else:
            if m.text != names[target][0]:
                names[target][2].add(m.text)
        entity_of[m] = target
        if m.label == "PER":
            last_person = target
    entities = [
        Entity(id=eid, name=name, type=_TYPES.get(label, "Other"), aliases=tuple(sorted(aliases)))  # type: ignore[arg-type]
        for eid, (name, label, aliases) in names.items()
    ]
    return entities, entity_of
