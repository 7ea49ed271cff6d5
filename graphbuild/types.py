"""The records that travel between stages: plain, frozen values with character offsets.

Nothing here imports from graphbuild or from spaCy/RDF libraries, so every stage can be
tested with hand-made inputs. Offsets are Python string indices into ``Article.text``
(code points, end exclusive).

Example:
    >>> a = Article(id="a1", lang="de", title="T", text="Berger sagte etwas.")
    >>> m = Mention(start=0, end=6, text="Berger", label="PER", kind="name", sent=0)
    >>> a.text[m.start:m.end]
    'Berger'
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

MentionKind = Literal["name", "pronoun", "title", "adjective", "role"]
QuoteKind = Literal["direct", "indirect"]
QuoteType = Literal["direct", "indirect", "free_indirect", "reported"]
Modality = Literal["happened", "planned", "possible", "denied"]
EntityType = Literal[
    "Person", "Country", "Organization", "Location", "Event", "Other", "UnnamedSource"
]

SYMMETRIC_PREDICATES: frozenset[str] = frozenset(
    {"spokeWith", "meetsWith", "negotiatesWith", "agreementWith"}
)
DIRECTED_PREDICATES: frozenset[str] = frozenset(
    {"instructs", "criticizes", "supports", "attacks", "attends", "represents"}
)
PREDICATES: frozenset[str] = SYMMETRIC_PREDICATES | DIRECTED_PREDICATES


@dataclass(frozen=True, slots=True)
class Article:
    """One input article after ingest: decoded, normalised text plus metadata.

    ``decoded_as`` names the encoding guessed for input that was not valid UTF-8 (nor valid
    in a declared charset), e.g. ``"cp1252"``: the text is a repair, and the article's graph
    says so (``gb:decodedAs``). None when the bytes decoded as they claimed to.
    """

    id: str
    lang: str
    title: str
    text: str
    source: str = ""
    published: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    content_hash: str = ""
    decoded_as: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading line) of an article."""

    start: int
    end: int
    is_heading: bool = False
    is_boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A span that refers to something: a name, pronoun, title/role noun or country adjective.

    ``label`` is the entity type guess (PER/LOC/ORG/MISC/GPE/EVENT or the schema types),
    ``kind`` says how it refers, ``sent`` is the index of its sentence in
    ``Extraction.sentences``. ``morph`` holds gender/number like ``"Gender=Masc|Number=Sing"``.
    ``title`` is a position written next to a name ("US-Präsident"), nominative.
    ``affiliation`` is the surface of the country/organisation a title names ("russischen",
    "US", "Kreml"). ``dep`` is the grammatical function of the mention's head (``nsubj``,
    ``obj``…; empty without a parse), used to prefer subjects as antecedents. ``in_quote`` is
    True inside quotation marks, where "ich"/"sie" refer from the speaker's point of view.
    ``rule`` names the rule that found the mention and decided its label (``ner``,
    ``head_noun``, ``org.state_body``, ``event.dated``, ``title.person`` …): provenance.
    """

    start: int
    end: int
    text: str
    label: str
    kind: MentionKind = "name"
    sent: int = 0
    morph: str = ""
    lemma: str = ""
    title: str | None = None
    affiliation: str | None = None
    dep: str = ""
    in_quote: bool = False
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Quote:
    """Something a speaker said, directly (verbatim) or indirectly (reported)."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Mention | None = None
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    addressee: Mention | None = None
    spans: tuple[tuple[int, int], ...] = ()
    type: QuoteType = "direct"
    sent: int = 0
    rule: str = ""
    confidence: float = 0.5
    # Optional detail for span-level evaluation (de-quotes): the speaker's whole phrase as
    # written ("der Gründer der Partei, Max Muster"), every part of the cue ("kündigte" + "an"),
    # the frame (the introducing clause outside the quote) and the medium (speech/writing/…).
    speaker_phrase: tuple[int, int] | None = None
    addressee_phrase: tuple[int, int] | None = None
    cue_spans: tuple[tuple[int, int], ...] = ()
    frame: tuple[tuple[int, int], ...] = ()
    medium: str | None = None
    # A quotation relayed by a source that quotes someone else ("Die Zeitung zitiert den
    # Minister mit den Worten …", "X wird von Reuters zitiert"): the speaker is the person
    # whose words they are, ``via`` the source that relays them (mention and phrase).
    via: Mention | None = None
    via_phrase: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Relation:
    """An interaction between two mentions, with where it was said and how sure we are."""

    subject: Mention
    predicate: str
    object: Mention
    start: int
    end: int
    evidence: str = ""
    negated: bool = False
    modality: Modality = "happened"
    sent: int = 0
    rule: str = ""
    confidence: float = 0.5


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one article, still at the level of mentions."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    relations: tuple[Relation, ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world thing after resolution, with a stable id made from its canonical name."""

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    affiliation: str | None = None
    # Identity across languages: a country or international organisation has the same
    # ``key`` in German and English articles ("country_us", "org_un"), and its canonical
    # name per language in ``labels`` (("de", "USA"), ("en", "United States")).
    key: str = ""
    labels: tuple[tuple[str, str], ...] = ()
    # The rule that decided ``type``: "country.table", "org.table", "mention.<rule>" (the
    # mention that created the entity, see ``Mention.rule``), "person.<rule>" (a person's
    # name joined a cluster NER had typed otherwise).
    type_rule: str = ""


@dataclass(frozen=True)
class Resolution:
    """An extraction with every mention mapped to an entity id (or left unresolved)."""

    extraction: Extraction
    entities: tuple[Entity, ...]
    entity_of: Mapping[Mention, str] = field(default_factory=dict)

    def entity(self, mention: Mention | None) -> Entity | None:
        """The entity a mention resolves to, or None."""
        if mention is None:
            return None
        eid = self.entity_of.get(mention)
        return next((e for e in self.entities if e.id == eid), None) if eid else None

    def to_json(self) -> dict[str, Any]:
        """The gold-annotation schema of the shared eval set, plus offsets and provenance."""
        art = self.extraction.article
        entities = []
        for e in self.entities:
            item: dict[str, Any] = {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "positions": list(e.positions),
            }
            if e.affiliation:
                item["affiliation"] = e.affiliation
            if e.type_rule:
                item["type_rule"] = e.type_rule
            entities.append(item)
        quotes = []
        for q in self.extraction.quotes:
            qi: dict[str, Any] = {
                "speaker": self.entity_of.get(q.speaker) if q.speaker else None,
                "text": q.text,
                "kind": q.kind,
                "type": q.type,
                "cue": q.cue,
                "start": q.start,
                "end": q.end,
                "spans": [list(s) for s in (q.spans or ((q.start, q.end),))],
                "rule": q.rule,
                "confidence": round(q.confidence, 3),
            }
            if q.speaker is not None:
                qi["speaker_mention"] = {
                    "text": q.speaker.text,
                    "start": q.speaker.start,
                    "end": q.speaker.end,
                }
            if q.cue_span is not None:
                qi["cue_span"] = list(q.cue_span)
            if q.addressee is not None and q.addressee in self.entity_of:
                qi["addressee"] = self.entity_of[q.addressee]
            if q.via is not None and q.via in self.entity_of:
                qi["via"] = self.entity_of[q.via]  # the source relaying the speaker's words
            quotes.append(qi)
        relations = []
        for r in self.extraction.relations:
            s, o = self.entity_of.get(r.subject), self.entity_of.get(r.object)
            if not s or not o or s == o:
                continue
            relations.append(
                {
                    "subject": s,
                    "predicate": r.predicate,
                    "object": o,
                    "evidence": r.evidence,
                    "start": r.start,
                    "end": r.end,
                    "negated": r.negated,
                    "modality": r.modality,
                    "rule": r.rule,
                    "confidence": round(r.confidence, 3),
                }
            )
        return {
            "id": art.id,
            "lang": art.lang,
            "title": art.title,
            "source": art.source,
            "entities": entities,
            "quotes": quotes,
            "relations": relations,
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


@dataclass(frozen=True, slots=True)
class Fact:
    """One line of ``facts.jsonl``: a statement with the sentence it came from."""

    subject: str
    predicate: str
    object: str
    article: str
    sentence: str
    start: int
    end: int
    rule: str
    confidence: float
    modality: str = "happened"
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, with the reason in one line."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Table:
    """A query result: column names and rows of plain strings (None for unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
