"""Resolution: mentions → entities with stable ids, aliases and positions (no spaCy, no RDF).

``resolve(extraction)`` clusters mentions into entities (:mod:`.entities`, with
:mod:`.coref` and :mod:`.countries`) and then checks every relation against the types of
the entities it connects, because extraction works on mentions and cannot know them
(an object pronoun that coreference gave its own subject is first resolved again,
:mod:`.binding`):

* ``represents`` needs a Person subject and a Country/Organization object;
* ``attends`` needs an Event object and a subject that is no mere place;
* ``agreementWith``/``negotiatesWith`` between a person and a country are agreements
  between states ("Präsident X … Deal mit Polen"): the person is replaced by the country the
  person's title names, when that country is in the article ("US-Präsident" → USA).

Example:
    >>> from graphbuild.types import Article, Extraction
    >>> res = resolve(Extraction(Article("a", "de", "", ""), (), (), (), ()))
    >>> res.entities
    ()
"""

from __future__ import annotations

from dataclasses import replace

from graphbuild.resolve.binding import rebound_objects
from graphbuild.resolve.bodies import unnamed_bodies
from graphbuild.resolve.entities import entity_id, resolve_entities
from graphbuild.resolve.speakers import resolve_speakers
from graphbuild.types import Entity, Extraction, Mention, Relation, Resolution

__all__ = ["entity_id", "resolve"]

_STATE_LEVEL = {"agreementWith", "negotiatesWith"}


def _checked(
    relations: tuple[Relation, ...],
    entities: dict[str, Entity],
    entity_of: dict[Mention, str],
) -> tuple[Relation, ...]:
    mention_of: dict[str, Mention] = {}
    for m, eid in entity_of.items():
        mention_of.setdefault(eid, m)
    out: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    for r in relations:
        s_id, o_id = entity_of.get(r.subject), entity_of.get(r.object)
        if not s_id or not o_id or s_id == o_id:
            continue
        s, o = entities[s_id], entities[o_id]
        # a governor, mayor or premier acts for a region or city too ("Gouverneur von Virginia")
        if r.predicate == "represents" and (
            s.type != "Person" or o.type not in {"Country", "Organization", "Location"}
        ):
            continue
        if r.predicate == "attends" and (o.type != "Event" or s.type == "Location"):
            continue  # a person, team, delegation, organisation or country takes part
        if r.predicate in _STATE_LEVEL:
            if s.type == "Person" and o.type == "Country" and s.affiliation in mention_of:
                if entities[s.affiliation].type == "Country" and s.affiliation != o_id:
                    r = replace(r, subject=mention_of[s.affiliation], rule=r.rule + "+state")
            elif (
                o.type == "Person"
                and s.type == "Country"
                and o.affiliation in mention_of
                and entities[o.affiliation].type == "Country"
                and o.affiliation != s_id
            ):
                r = replace(r, object=mention_of[o.affiliation], rule=r.rule + "+state")
        key = (r.predicate, entity_of[r.subject], entity_of[r.object], r.start)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return tuple(out)


def resolve(extraction: Extraction) -> Resolution:
    """Cluster an article's mentions into entities, link every quote's speaker to one
    (:mod:`.speakers`), make generic speaking bodies unnamed sources (:mod:`.bodies`) and
    type-check the relations."""
    entities, entity_of = resolve_entities(extraction)
    quotes, entities, entity_of = resolve_speakers(extraction, entities, entity_of)
    entities, entity_of = unnamed_bodies(
        extraction.article.id, entities, entity_of, extraction.article.lang
    )
    extraction = replace(extraction, quotes=quotes)
    by_id = {e.id: e for e in entities}
    entity_of = rebound_objects(extraction.relations, entity_of, {e.id: e.type for e in entities})
    relations = _checked(extraction.relations, by_id, entity_of)
    # A country that occurs only as an adjective ("der ehemalige deutsche Außenminister") is
    # an entity only when a fact needs it (annotation guideline 2): as a relation's party or
    # as someone's affiliation.
    used = {entity_of[r.subject] for r in relations} | {entity_of[r.object] for r in relations}
    used |= {e.affiliation for e in entities if e.affiliation}
    named = {eid for m, eid in entity_of.items() if m.kind != "adjective"}
    entities = [e for e in entities if e.type != "Country" or e.id in named or e.id in used]
    kept = {e.id for e in entities}
    entity_of = {m: eid for m, eid in entity_of.items() if eid in kept}
    return Resolution(
        extraction=replace(extraction, relations=relations),
        entities=tuple(entities),
        entity_of=entity_of,
    )
