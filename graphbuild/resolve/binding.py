"""Binding: a personal pronoun object never refers to the subject of its own verb.

"Lierow unterstützte ihn": had the pronoun meant Lierow, German would say "sich" (binding
principle B, Chomsky 1981: a pronoun is free in its clause). Recency ranks the subject
first, so an object pronoun that coreference gave the same entity as its relation's
subject is resolved again, among the other people (:func:`.coref.pronoun_antecedent`).

Example:
    >>> from graphbuild.types import Relation
    >>> a = Mention(0, 10, "Anna Berg", "PER", sent=0, dep="nsubj")
    >>> b = Mention(12, 22, "Lena Wolf", "PER", sent=1, dep="nsubj")
    >>> sie = Mention(40, 43, "sie", "PRON", kind="pronoun", sent=1, morph="Gender=Fem")
    >>> rel = Relation(b, "supports", sie, 12, 43)
    >>> rebound_objects([rel], {a: "anna_berg", b: "lena_wolf", sie: "lena_wolf"}, {
    ...     "anna_berg": "Person", "lena_wolf": "Person"})[sie]
    'anna_berg'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from graphbuild.resolve.coref import gender_of, pronoun_antecedent
from graphbuild.types import Mention, Relation

__all__ = ["rebound_objects"]


def rebound_objects(
    relations: Iterable[Relation], entity_of: Mapping[Mention, str], types: Mapping[str, str]
) -> dict[Mention, str]:
    """``entity_of`` with each object pronoun that names its own relation's subject resolved
    again without that subject (``types``: entity id → type); unresolvable ones are left."""
    out = dict(entity_of)
    people = [m for m, eid in entity_of.items() if types.get(eid) == "Person"]
    genders: dict[str, str] = {}
    for m in people:
        if m.kind == "pronoun" and gender_of(m):
            genders.setdefault(entity_of[m], gender_of(m))
    for r in relations:
        obj, subject_id = r.object, entity_of.get(r.subject)
        if obj.kind != "pronoun" or subject_id is None or entity_of.get(obj) != subject_id:
            continue
        others = [m for m in people if entity_of[m] != subject_id and m.kind != "pronoun"]
        ante = pronoun_antecedent(obj, others, {m: genders.get(entity_of[m], "") for m in others})
        if ante is not None:
            out[obj] = entity_of[ante]
    return out
