"""Mention clusters → entities with a stable id, aliases, positions and affiliation.

Order of resolution (each step sees the clusters of the steps before):

1. **countries** — any name, adjective or prefix that ``countries.country_of`` knows, so
   "USA", "US-" and "amerikanischen" land in one cluster whatever NER said; then the
   **international organisations** of ``organizations.tsv`` ("UN-", "Vereinten Nationen").
   Both carry a language-independent ``key`` (ISO code, table code) and their names in
   German and English, so one graph node holds them across languages.
2. **full names** (longest first), then **short names**: a one-word person name joins the
   full name ending in it ("Berg" → "Anna Berg", genitive "Bergs" → "Anna Berg");
   other names join by their nominative form ("Vereinten Nationen" = "Vereinte Nationen").
   Names in **headings** only join clusters found in the body: headline case and missing
   context make NER unreliable there ("Berg Holds Talks" is no person). An acronym in
   parentheses joins the name before it ("Technischen Hilfswerks (THW)"). A place that is
   the first words of a team NER named stands for the team ("Cleveland" → "Cleveland
   Cavaliers").
3. **prefixes** of compounds ("NATO-", "Kreml-") join a cluster of that name, and a prefix of
   a title names the organisation the title holder works for ("Kreml-Sprecher" → Kreml).
4. **titles** written next to a name ("US-Präsident Tom Kerr", "Ana Ruiz, Vorsitzende
   der …") become positions of that person; other titles are role nouns for coreference.
5. **pronouns and role nouns** via :mod:`graphbuild.resolve.coref`.

Example:
    >>> from graphbuild.types import Article, Extraction, Mention, Sentence
    >>> text = "Anna Berg kam. Berg sagte nichts."
    >>> ms = (Mention(0, 9, "Anna Berg", "PER", sent=0), Mention(15, 19, "Berg", "PER", sent=1))
    >>> ext = Extraction(Article("a", "de", "", text), (Sentence(0, 14), Sentence(15, 33)),
    ...                  ms, (), ())
    >>> ents, of = resolve_entities(ext)
    >>> [(e.id, e.aliases) for e in ents], of[ms[1]]
    ([('anna_berg', ('Berg',))], 'anna_berg')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from graphbuild.resolve.coref import pronoun_antecedent, role_antecedent
from graphbuild.resolve.countries import country_name, country_of
from graphbuild.resolve.organizations import organization_of
from graphbuild.types import Entity, EntityType, Extraction, Mention

__all__ = ["entity_id", "resolve_entities"]

_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_TYPES: dict[str, EntityType] = {
    "PER": "Person",
    "LOC": "Location",
    "GPE": "Location",
    "ORG": "Organization",
    "MISC": "Other",
    "EVENT": "Event",
    "NORP": "Other",
}
_BEFORE_NAME = re.compile(r"^[\s,]*$")
_APPOSITION = re.compile(r"^\s*,\s*$")
_COORDINATED = re.compile(r"^\s*,?\s*(und|and|sowie)\s+$")


@lru_cache(maxsize=65536)  # pure; called for every surface form of every mention
def entity_id(name: str) -> str:
    """Lowercase snake_case id of a canonical name, umlauts transliterated.

    Example:
        >>> entity_id("Genfer Klimakonferenz Süd")
        'genfer_klimakonferenz_sued'
    """
    s = unicodedata.normalize("NFKD", name.translate(_TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[^\w]+", "_", s.lower(), flags=re.UNICODE).strip("_")
    return s or "entity"


def _key(surface: str) -> str:
    return entity_id(surface)


@dataclass
class _Cluster:
    name: str
    type: EntityType
    mentions: list[Mention] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    gender: str = ""
    country: bool = False
    key: str = ""  # identity across languages (ISO code, organisation table)
    labels: tuple[tuple[str, str], ...] = ()
    type_rule: str = ""  # which rule decided the type (provenance)

    @property
    def id(self) -> str:
        return entity_id(self.name)

    def has_form(self, key: str) -> bool:
        """Whether ``key`` is the key of the cluster's name or of one of its name mentions."""
        return key == _key(self.name) or any(
            m.kind == "name" and key == _key(m.text) for m in self.mentions
        )


# names built from a country adjective: no entity unless the adjective names a country
# (an event may be named by a region too: "das katalanische Unabhängigkeitsreferendum")
_THROUGH_A_COUNTRY = frozenset({"org.state_body"})


_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_PLACE_TAIL = re.compile(r"\s(?:in|im|von|in der)\s+(.+)$")


def _event_place(name: str) -> str | None:
    """The place an event name ends with ("Pittsburgh" of "Treffen in Pittsburgh")."""
    tail = _PLACE_TAIL.search(name)
    return tail.group(1) if tail else None


def _first_capitalised(name: str) -> str:
    return next((w for w in name.split() if w[:1].isupper()), "")


def _event_prefix(name: str) -> str | None:
    """The name before the hyphen of an event compound ("ASEM" of "ASEM-Gipfel")."""
    first = next((w for w in name.split() if "-" in w[1:-1]), None)
    if first is None:
        return None
    prefix = first.split("-", 1)[0]
    return prefix if prefix[:1].isupper() else None


def _gender(m: Mention) -> str:
    g = re.search(r"Gender=(Masc|Fem)(?:\||$)", m.morph)
    return g.group(1) if g else ""


class _Resolver:
    """Builds clusters for one extraction (a small stateful helper, used once)."""

    def __init__(self, extraction: Extraction) -> None:
        self.ext = extraction
        self.text = extraction.article.text
        self.lang = extraction.article.lang
        self.clusters: dict[str, _Cluster] = {}
        self.of: dict[Mention, _Cluster] = {}

    # -- helpers
    def heading(self, m: Mention) -> bool:
        sents = self.ext.sentences
        return 0 <= m.sent < len(sents) and sents[m.sent].is_heading

    def add(self, m: Mention, c: _Cluster) -> None:
        self.of[m] = c
        c.mentions.append(m)

    def new(
        self,
        name: str,
        type_: EntityType,
        country: bool = False,
        key: str = "",
        labels: tuple[tuple[str, str], ...] = (),
        type_rule: str = "",
    ) -> _Cluster:
        c = _Cluster(
            name=name, type=type_, country=country, key=key, labels=labels, type_rule=type_rule
        )
        existing = self.clusters.get(c.id)
        if existing is not None:
            return existing
        self.clusters[c.id] = c
        return c

    def find(self, surface: str, person_ok: bool = True) -> _Cluster | None:
        k = _key(surface)
        for c in self.clusters.values():
            if (person_ok or c.type != "Person") and c.has_form(k):
                return c
        return None

    def person_by_surname(self, m: Mention) -> _Cluster | None:
        word = m.text.strip()
        cands = []
        for c in self.clusters.values():
            if c.type != "Person" or len(c.name.split()) < 2:
                continue
            last = c.name.split()[-1]
            if word in {last, last + "s", last + "'s", last + "’s"}:
                cands.append(c)
        if not cands:
            return None

        # the full name mentioned most recently before m, else the first one
        def last_before(c: _Cluster) -> int:
            return max((x.start for x in c.mentions if x.start < m.start), default=-1)

        return max(cands, key=last_before)

    def organization_by_last_word(self, m: Mention) -> _Cluster | None:
        """The one organisation of several words whose last word a one-word organisation
        name is ("Cavaliers" → "Cleveland Cavaliers"), as a surname is a person's."""
        word = m.text.strip()
        cands = [
            c
            for c in self.clusters.values()
            if c.type == "Organization" and len(c.name.split()) > 1 and c.name.split()[-1] == word
        ]
        return cands[0] if len(cands) == 1 else None

    # -- steps
    def countries(self, ms: list[Mention]) -> None:
        for m in ms:
            if m.kind not in {"name", "adjective"} or m.label == "PER":
                continue
            c = country_of(m.lemma or m.text, self.lang) or country_of(m.text, self.lang)
            if c is not None:
                labels = tuple((lg, country_name(c.code, lg)) for lg in ("de", "en"))
                key = "country_" + c.code.lower()
                country = self.new(c.name, "Country", True, key, labels, "country.table")
                self.add(m, country)

    def known_organizations(self, ms: list[Mention]) -> None:
        """Names and prefixes of the international-organisation table ("UN-", "EU")."""
        for m in ms:
            if m.kind not in {"name", "adjective"} or m.label == "PER" or m in self.of:
                continue
            org = organization_of(m.lemma or m.text, self.lang) or organization_of(
                m.text, self.lang
            )
            if org is not None:
                known = self.new(org.name, "Organization", False, org.key, org.labels, "org.table")
                self.add(m, known)

    def names(self, ms: list[Mention]) -> None:
        names = [m for m in ms if m.kind == "name" and m not in self.of]
        body = [m for m in names if not self.heading(m)]
        heads = [m for m in names if self.heading(m)]
        # full person names first, so that short names find them wherever they occur
        body.sort(key=lambda m: (m.label != "PER", -len(m.text.split()), m.start))
        for m in body:
            self.name(m, create=True)
        for m in heads:
            # a name built by grammar ("Bundestagswahl 2005") does not depend on the case
            # of the headline the way NER does
            self.name(m, create=m.rule.startswith(("event.", "org.")))

    def same_prefix_event(self, m: Mention) -> _Cluster | None:
        """An event named with the same name-like prefix earlier in the article: "ASEM-Gipfel",
        "ASEM-Treffen" and "8. ASEM-Außenministerkonferenz" are one meeting, "G8-Gipfel" and
        "G8-Gipfels von L'Aquila" one summit."""
        prefix = _event_prefix(m.text)
        if prefix is None:
            return None
        for c in self.clusters.values():
            if c.type == "Event" and any(_event_prefix(x.text) == prefix for x in c.mentions):
                return c
        return None

    def same_event_noun(self, m: Mention) -> _Cluster | None:
        """An event named by its noun and a place adjective ("die georgische
        Parlamentswahl") is the event of that noun named with that place ("Parlamentswahl
        in Georgien"; adjective and place share their first letters), not one elsewhere
        ("das katalanische Unabhängigkeitsreferendum" ≠ "… in Montenegro")."""
        if m.rule != "event.adjective":
            return None
        noun = _first_capitalised(m.text)
        adjective = m.text.split()[0].lower()
        for c in self.clusters.values():
            place = _event_place(c.name)
            if (
                c.type == "Event"
                and _first_capitalised(c.name) == noun
                and place is not None
                and place.lower()[:4] == adjective[:4]  # "georgische" ~ "Georgien"
            ):
                return c
        return None

    def same_place_event(self, m: Mention) -> _Cluster | None:
        """Two events at the same place, neither with a year of its own, are one event:
        "Treffen in Pittsburgh" = "G-20-Gipfel in Pittsburgh"."""
        place = _event_place(m.text)
        if place is None or _YEAR.search(m.text):
            return None
        for c in self.clusters.values():
            if c.type == "Event" and _event_place(c.name) == place and not _YEAR.search(c.name):
                return c
        return None

    def acronym_owner(self, m: Mention) -> _Cluster | None:
        """The organisation an acronym in parentheses abbreviates: "Technischen Hilfswerks
        (THW)" — the name right before the opening parenthesis."""
        if len(m.text) > 8 or sum(ch.isupper() for ch in m.text) < 2:
            return None  # an acronym: "THW", "BPol"
        before = self.text[: m.start].rstrip()
        if not before.endswith("("):
            return None
        end = len(before[:-1].rstrip())
        for n, c in self.of.items():
            if n.end == end and n.kind == "name" and c.type in {"Organization", "Event"}:
                return c
        return None

    def name(self, m: Mention, create: bool) -> None:
        if m.rule in _THROUGH_A_COUNTRY and not (
            m.affiliation and country_of(m.affiliation, self.lang)
        ):
            return  # "die politische Regierung": the adjective names no country
        single = len(m.text.split()) == 1
        target = self.find(m.lemma or m.text) or self.find(m.text)
        if target is None and single:
            target = self.acronym_owner(m)
        if target is None and m.label == "EVENT":
            target = (
                self.same_prefix_event(m) or self.same_event_noun(m) or self.same_place_event(m)
            )
        if target is None and single:
            # NER often mislabels a lone surname (ORG, LOC): the person's name decides
            target = self.person_by_surname(m)
        if target is None and single and m.label in {"ORG", "MISC"}:
            target = self.organization_by_last_word(m)
        if target is None and not create:
            return
        if target is None:
            type_ = _TYPES.get(m.label, "Other")
            target = self.new(m.lemma or m.text, type_, type_rule=f"mention.{m.rule or 'ner'}")
        elif target.type != "Person" and m.label == "PER" and not target.country:
            # a person's name decides: "Guttenberg" (NER: place) after "Karl-Theodor zu
            # Guttenberg" is the person, never a place
            target.type = "Person"
            target.type_rule = f"person.{m.rule or 'ner'}"
        elif (
            target.type_rule == "mention.ner"
            and m.rule.startswith(("head_noun", "event.", "org."))
            and target.type in {"Organization", "Event", "Other", "Location"}
            and _TYPES.get(m.label, target.type) != target.type
        ):
            # a head noun or a construction is better evidence than NER's guess:
            # "den Olympischen Spielen" (NER: ORG) … "Olympische Spiele" (an event noun)
            target.type = _TYPES[m.label]
            target.type_rule = f"mention.{m.rule}"
        self.add(m, target)
        if m.title:
            if m.title not in target.positions:
                target.positions.append(m.title)
            if m.affiliation:
                target.affiliations.append(m.affiliation)
        elif m.rule in _THROUGH_A_COUNTRY and m.affiliation:
            # "US-Truppen", "die afghanische Regierung": the body belongs to its country
            target.affiliations.append(m.affiliation)

    def teams(self) -> None:
        """A place that is the first words of one organisation NER named ("Cleveland" …
        "Cleveland Cavaliers", "Utah" … "Utah Jazz") stands for it: sports reports name a
        team by its city. Names built around a head noun ("New York Times", "Deutsche
        Bank") are not teams of a place; two candidates leave the place alone."""
        for place in [c for c in self.clusters.values() if c.type == "Location"]:
            prefix = place.name + " "
            teams = [
                c
                for c in self.clusters.values()
                if c.type == "Organization"
                and c.name.startswith(prefix)
                and len(c.name[len(prefix) :].split()) == 1
                and c.name[len(prefix) :][:1].isupper()
                and all(m.rule in {"ner", "repeated"} for m in c.mentions if m.kind == "name")
            ]
            if len(teams) != 1:
                continue
            team = teams[0]
            for m in place.mentions:
                self.add(m, team)
            del self.clusters[place.id]

    def prefixes(self, ms: list[Mention]) -> None:
        for m in ms:
            if m.kind != "adjective" or m in self.of:
                continue
            target = self.find(m.text, person_ok=False)
            if target is None and m.label == "ORG" and not m.text.islower():
                target = self.new(m.text, "Organization", type_rule="org.title_prefix")
            if target is not None:
                self.add(m, target)

    def attached_name(self, t: Mention, ms: list[Mention]) -> Mention | None:
        """The person name a title is written next to (before it, or in apposition)."""
        best = None
        for n in ms:
            if n.kind != "name" or n.label != "PER" or n not in self.of:
                continue
            gap = self.text[t.end : n.start]
            if t.end <= n.start and n.start - t.end <= 2 and _BEFORE_NAME.match(gap):
                return n
            if n.end <= t.start and _APPOSITION.match(self.text[n.end : t.start]):
                best = n
        return best

    def titles(self, ms: list[Mention]) -> None:
        titles = [m for m in ms if m.kind == "title"]
        previous: Mention | None = None
        for t in titles:
            n = self.attached_name(t, ms)
            if n is None and previous is not None and previous in self.of:
                gap = self.text[previous.end : t.start]
                if previous.end <= t.start and _COORDINATED.match(gap):
                    n = previous
            if n is not None:
                c = self.of[n]
                self.add(t, c)
                if t.lemma and t.lemma not in c.positions:
                    c.positions.append(t.lemma)
                if t.affiliation:
                    c.affiliations.append(t.affiliation)
                c.gender = c.gender or _gender(t)
            previous = t

    def roles_and_pronouns(self, ms: list[Mention]) -> None:
        persons = [m for m in ms if m in self.of and self.of[m].type == "Person"]
        positions = {m: self.of[m].positions for m in persons}
        for m in ms:
            if m in self.of:
                continue
            if m.kind == "title":
                ante = role_antecedent(m, persons, positions)
                if ante is not None:
                    self.add(m, self.of[ante])
                    persons.append(m)
                    positions[m] = self.of[ante].positions
            elif m.kind == "role" and m.label == "EVENT":
                head = m.text.lower()
                events = [
                    c
                    for c in self.clusters.values()
                    if c.type == "Event"
                    and any(x.start < m.start for x in c.mentions)
                    and c.name.lower().endswith(head[:-1] if head.endswith("n") else head)
                ]
                if events:
                    self.add(m, events[-1])
            elif m.kind == "pronoun":
                genders = {p: self.of[p].gender for p in persons}
                ante = pronoun_antecedent(m, persons, genders)
                if ante is not None:
                    c = self.of[ante]
                    self.add(m, c)
                    persons.append(m)
                    positions[m] = c.positions

    def affiliation(self, c: _Cluster) -> str | None:
        for surface in c.affiliations:
            country = country_of(surface, self.lang)
            if country is not None:
                if country.id in self.clusters:
                    return country.id
                continue
            target = self.find(surface, person_ok=False)
            if target is not None and target is not c:
                return target.id
        return None

    def entities(self) -> tuple[list[Entity], dict[Mention, str]]:
        out: list[Entity] = []
        for c in self.clusters.values():
            if not any(m.kind == "name" or m.kind == "adjective" for m in c.mentions):
                continue
            if c.type == "Person":
                # the longest name in its nominative form ("Barack Obamas" → "Barack Obama")
                full = max(
                    (m.lemma or m.text for m in c.mentions if m.kind == "name"),
                    key=lambda t: (len(t.split()), len(t)),
                    default=c.name,
                )
                c.name = full
        # ids may have changed (a person named by the longest form): re-key and merge
        merged: dict[str, _Cluster] = {}
        for c in self.clusters.values():
            if c.id in merged and merged[c.id] is not c:
                keep = merged[c.id]
                for m in c.mentions:
                    self.of[m] = keep
                keep.mentions.extend(c.mentions)
                keep.positions.extend(p for p in c.positions if p not in keep.positions)
                keep.affiliations.extend(c.affiliations)
            else:
                merged[c.id] = c
        self.clusters = merged
        for c in self.clusters.values():
            if not any(m.kind in {"name", "adjective"} for m in c.mentions):
                continue
            aliases = sorted(
                {
                    m.text
                    for m in c.mentions
                    if m.kind in {"name", "adjective", "role"} and m.text != c.name
                }
            )
            out.append(
                Entity(
                    id=c.id,
                    name=c.name,
                    type=c.type,
                    aliases=tuple(aliases),
                    positions=tuple(c.positions),
                    affiliation=self.affiliation(c),
                    key=c.key,
                    labels=c.labels,
                    type_rule=c.type_rule,
                )
            )
        ids = {e.id for e in out}
        entity_of = {m: c.id for m, c in self.of.items() if c.id in ids}
        return out, entity_of


def resolve_entities(extraction: Extraction) -> tuple[list[Entity], dict[Mention, str]]:
    """Cluster an article's mentions into entities (see the module docstring for the order)."""
    r = _Resolver(extraction)
    # a mention without text (bad input upstream) names nothing
    ms = sorted((m for m in extraction.mentions if m.text.strip()), key=lambda m: (m.start, -m.end))
    r.countries(ms)
    r.known_organizations(ms)
    r.names(ms)
    r.teams()
    r.prefixes(ms)
    r.titles(ms)
    r.roles_and_pronouns(ms)
    return r.entities()
