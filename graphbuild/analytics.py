"""Network analytics over the stored graph: importance, communities, who is quoted, country links.

The store is read once into a :class:`Snapshot` (entities, asserted links with their evidence,
quotes, articles); every SPARQL query this module and the HTML view need lives in
:data:`QUERIES`, so a change of vocabulary in ``graph/mapping.py`` is one edit here.
:func:`select` cuts a snapshot down (ego view, one article, some types or predicates),
:func:`to_networkx` turns it into a ``networkx.MultiDiGraph`` and :func:`analyse` computes
what ``graphbuild stats`` prints and the view uses (node size, community):

- degree (distinct neighbours) and weighted degree (supporting articles per link);
- betweenness centrality on the undirected graph, exact up to ``EXACT_BETWEENNESS_MAX``
  nodes and estimated from a seeded sample of pivots above that (Brandes & Pich 2007), so 10,000
  nodes take seconds rather than minutes;
- Louvain communities (``networkx.community.louvain_communities``, Blondel et al. 2008) with a
  fixed seed, so the same graph always gets the same communities;
- the most-quoted people and the strongest country–country links, counted both directly
  (country → country) and through people's affiliations (a minister of A meets one of B).

Example:
    >>> from graphbuild.graph.store import Store
    >>> snap = read_snapshot(Store.open(None))
    >>> analyse(snap).to_json()["nodes"]
    0
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx

from graphbuild.errors import QueryError
from graphbuild.graph.ontology import GB, PREFIXES
from graphbuild.graph.store import Store
from graphbuild.names import fold
from graphbuild.types import SYMMETRIC_PREDICATES

LOUVAIN_SEED = 42
"""Seed for Louvain and for sampled betweenness: the same graph gives the same answer."""

EXACT_BETWEENNESS_MAX = 500
"""Above this many nodes betweenness is estimated from ``BETWEENNESS_SAMPLE`` pivots."""

BETWEENNESS_SAMPLE = 128

# Entity classes of the ontology, in the order used when an entity carries several types
# (e.g. typed Person in one article and Organization in another: the more specific wins).
ENTITY_TYPES: tuple[str, ...] = ("Person", "Country", "Organization", "Location", "Event", "Thing")
_TYPE_ALIASES = {"other": "Thing", "organisation": "Organization", "org": "Organization"}

# Every SPARQL query of the view and the analytics, run over the union of all graphs, except
# "entities", which first asks the default graph alone: there the store keeps each entity's
# merged description (one rdf:type, one plain skos:prefLabel beside any @de/@en ones; see
# graph/mapping.py). Stores without it (e.g. loaded from Turtle) fall back to the union and
# the per-article rdfs:label.
QUERIES: dict[str, str] = {
    "entities": """
SELECT ?e ?type ?label WHERE {
  ?e a ?type ; skos:prefLabel ?label .
  FILTER(lang(?label) = "")
  FILTER(STRSTARTS(STR(?type), STR(gb:)) && ?type NOT IN (gb:Quote, gb:Article))
}""",
    "entities_union": """
SELECT ?e ?type ?label WHERE {
  ?e a ?type . { ?e skos:prefLabel ?label } UNION { ?e rdfs:label ?label }
  FILTER(lang(?label) = "")
  FILTER(STRSTARTS(STR(?type), STR(gb:)) && ?type NOT IN (gb:Quote, gb:Article))
}""",
    "aliases": "SELECT DISTINCT ?e ?alias WHERE { ?e skos:altLabel ?alias }",
    "positions": "SELECT DISTINCT ?e ?position WHERE { ?e gb:holdsPosition ?position }",
    "mentions": "SELECT DISTINCT ?a ?e WHERE { ?a a gb:Article ; gb:mentions ?e }",
    "articles": """
SELECT ?a ?title ?url ?date ?lang WHERE {
  ?a a gb:Article .
  OPTIONAL { ?a dct:title ?title } OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a dct:issued ?issued } OPTIONAL { ?a dct:date ?dated }
  OPTIONAL { ?a dct:language ?lang }
  BIND(COALESCE(?issued, ?dated) AS ?date)
}""",
    # Asserted statements between IRIs (negated or denied ones are not asserted by mapping.py),
    # with the article graph that asserts them; read_snapshot keeps those between entities.
    # No type joins here: they made this the slowest query (4x at 3,000 entities).
    "links": """
SELECT ?s ?p ?o ?g WHERE {
  GRAPH ?g { ?s ?p ?o . }
  FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(gb:))
         && ?p NOT IN (gb:mentions, gb:said, gb:saidBy, gb:addressee))
}""",
    # Provenance of relations: the reified rdf:Statement nodes.
    "evidence": """
SELECT ?s ?p ?o ?a ?sentence ?evidence ?confidence WHERE {
  ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?st prov:wasDerivedFrom ?a }
  OPTIONAL { ?st gb:sentence ?sentence }
  OPTIONAL { ?st gb:evidence ?evidence }
  OPTIONAL { ?st gb:confidence ?confidence }
  OPTIONAL { ?st gb:negated ?negated }
  OPTIONAL { ?st gb:modality ?modality }
  OPTIONAL { ?st gb:asserted ?asserted }
  FILTER(!BOUND(?asserted) || STR(?asserted) = "true")
  FILTER(!BOUND(?negated) || STR(?negated) != "true")
  FILTER(!BOUND(?modality) || STR(?modality) != "denied")
}""",
    "quotes": """
SELECT ?q ?text ?kind ?speaker ?cue ?sentence ?a ?addressee WHERE {
  ?q a gb:Quote ; gb:text ?text .
  OPTIONAL { ?q gb:kind ?kind }
  OPTIONAL { ?q gb:saidBy ?speaker }
  OPTIONAL { ?q gb:cue ?cue }
  OPTIONAL { ?q gb:sentence ?sentence }
  OPTIONAL { ?q prov:wasDerivedFrom ?a }
  OPTIONAL { ?q gb:addressee ?addressee }
}""",
}


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """An article as the view shows it: title and (if known) link, date and language."""

    iri: str
    id: str
    title: str
    url: str | None = None
    date: str | None = None
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """One node: an entity with everything its details panel shows."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a link was stated: article IRI and sentence."""

    article: str | None
    sentence: str | None
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """One asserted statement between two entities, e.g. ``(a, "meetsWith", b)``.

    ``articles`` are the article graphs that assert it; its weight in the analytics.
    Symmetric predicates are stored once with ``subject <= object``.
    """

    subject: str
    predicate: str
    object: str
    articles: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    @property
    def directed(self) -> bool:
        return self.predicate not in SYMMETRIC_PREDICATES

    @property
    def weight(self) -> int:
        return max(1, len(self.articles))


@dataclass(frozen=True, slots=True)
class QuoteInfo:
    """A quote with its speaker (entity IRI or None), sentence and articles."""

    iri: str
    text: str
    kind: str = "direct"
    speaker: str | None = None
    cue: str | None = None
    sentence: str | None = None
    articles: tuple[str, ...] = ()
    addressee: str | None = None


@dataclass(frozen=True)
class Snapshot:
    """What the view and the analytics know about a graph, read once from a store."""

    entities: Mapping[str, EntityInfo] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    quotes: tuple[QuoteInfo, ...] = ()
    articles: Mapping[str, ArticleInfo] = field(default_factory=dict)


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


Row = tuple[str | None, ...]


def _rows(store: Store, name: str, union: bool = True) -> list[Row]:
    """Values of ``QUERIES[name]``'s solutions, in SELECT order (None when unbound).

    Solutions are unpacked positionally: ``solution["var"]`` costs twice as much, which is
    seconds at 10,000 entities.
    """
    try:
        result: Iterable[Any] = store.ox.query(  # type: ignore[assignment]
            QUERIES[name], prefixes=PREFIXES, use_default_graph_as_union=union
        )
        return [tuple(None if t is None else t.value for t in sol) for sol in result]
    except SyntaxError as exc:  # a vocabulary edit broke one of our queries
        raise QueryError(f"graphbuild.analytics QUERIES[{name!r}]: {exc}") from exc


def _read_entities(store: Store) -> dict[str, EntityInfo]:
    """Entities with one type (the first in :data:`ENTITY_TYPES`) and their most frequent label."""
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    rows = _rows(store, "entities", union=False) or _rows(store, "entities_union")
    for e, typ, label in rows:
        types[e or ""].add(_local(typ or "Thing"))
        labels[e or ""][label or ""] += 1
    extra: dict[str, dict[str, set[str]]] = {
        k: defaultdict(set) for k in ("aliases", "positions", "articles")
    }
    for e, alias in _rows(store, "aliases"):
        extra["aliases"][e or ""].add(alias or "")
    for e, position in _rows(store, "positions"):
        extra["positions"][e or ""].add(position or "")
    for a, e in _rows(store, "mentions"):
        extra["articles"][e or ""].add(a or "")

    order = {t: i for i, t in enumerate(ENTITY_TYPES)}
    entities: dict[str, EntityInfo] = {}
    for e in sorted(types):
        typ = min(types[e], key=lambda t: (order.get(t, len(order)), t))
        label = sorted(labels[e].items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        entities[e] = EntityInfo(
            iri=e,
            label=label,
            type=typ if typ in order else "Thing",
            aliases=tuple(sorted(extra["aliases"][e] - {label})),
            positions=tuple(sorted(extra["positions"][e])),
            articles=tuple(sorted(extra["articles"][e])),
        )
    return entities


def _read_articles(store: Store) -> dict[str, ArticleInfo]:
    """Articles by IRI; the title falls back to the article id."""
    articles: dict[str, ArticleInfo] = {}
    for a, title, url, date, lang in _rows(store, "articles"):
        if not a or a in articles:
            continue
        articles[a] = ArticleInfo(
            iri=a,
            id=_unquote_local(a),
            title=title or _unquote_local(a),
            url=url,
            date=date,
            lang=lang,
        )
    return articles


def _read_links(
    store: Store, entities: Mapping[str, EntityInfo], articles: Mapping[str, ArticleInfo]
) -> tuple[Link, ...]:
    """Asserted links between entities, with the articles and evidence behind each."""
    evidence: dict[tuple[str, str, str], set[Evidence]] = defaultdict(set)
    for s, p, o, a, sentence, said, conf in _rows(store, "evidence"):
        key = _link_key(s or "", _local(p or ""), o)
        evidence[key].add(
            Evidence(article=a, sentence=sentence or said, confidence=float(conf) if conf else None)
        )
    link_articles: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for s, p, o, g in _rows(store, "links"):
        if not s or not o or not p or s == o or s not in entities or o not in entities:
            continue
        key = _link_key(s, p[len(GB) :], o)
        link_articles[key].update({g} if g and g in articles else set())
    return tuple(
        Link(
            subject=k[0],
            predicate=k[1],
            object=k[2],
            articles=tuple(sorted(arts)),
            evidence=tuple(
                sorted(evidence.get(k, ()), key=lambda ev: (ev.article or "", ev.sentence or ""))
            ),
        )
        for k, arts in sorted(link_articles.items())
    )


def _read_quotes(store: Store, entities: Mapping[str, EntityInfo]) -> tuple[QuoteInfo, ...]:
    """Quotes with the articles that carry them; speakers and addressees that are entities."""
    grouped: dict[str, dict[str, Any]] = {}
    for q, text, kind, speaker, cue, sentence, a, addressee in _rows(store, "quotes"):
        item = grouped.setdefault(
            q or "",
            {
                "text": text or "",
                "kind": kind or "direct",
                "speaker": speaker,
                "cue": cue,
                "sentence": sentence,
                "addressee": addressee,
                "articles": set(),
            },
        )
        if a:
            item["articles"].add(a)
    return tuple(
        QuoteInfo(
            iri=q,
            text=v["text"],
            kind=v["kind"],
            speaker=v["speaker"] if v["speaker"] in entities else None,
            cue=v["cue"],
            sentence=v["sentence"],
            articles=tuple(sorted(v["articles"])),
            addressee=v["addressee"] if v["addressee"] in entities else None,
        )
        for q, v in sorted(grouped.items())
    )


def read_snapshot(store: Store) -> Snapshot:
    """Read entities, asserted links (with evidence), quotes and articles from ``store``.

    An entity typed differently in different articles gets the first type in
    :data:`ENTITY_TYPES`; with several preferred labels the most frequent wins.

    Example:
        >>> read_snapshot(Store.open(None)).entities
        {}
    """
    entities = _read_entities(store)
    articles = _read_articles(store)
    return Snapshot(
        entities=entities,
        links=_read_links(store, entities, articles),
        quotes=_read_quotes(store, entities),
        articles=articles,
    )


def _unquote_local(iri: str) -> str:
    """Readable id of an entity or article IRI: the path after ``/entity/`` or ``/article/``."""
    from urllib.parse import unquote

    for marker in ("/article/", "/entity/"):
        if marker in iri:
            return unquote(iri.split(marker, 1)[1])
    return unquote(_local(iri))


def _link_key(s: str, p: str, o: str | None) -> tuple[str, str, str]:
    o = o or ""
    if p in SYMMETRIC_PREDICATES and o < s:
        s, o = o, s
    return (s, p, o)


def find_entity(snapshot: Snapshot, name: str) -> EntityInfo:
    """The entity called ``name`` (IRI, id, label or alias; case and accents ignored).

    Raises QueryError naming close matches when there is none.

    Example:
        >>> snap = Snapshot(entities={"x:a": EntityInfo("x:a", "Ana Müller", "Person")})
        >>> find_entity(snap, "ana muller").label
        'Ana Müller'
    """
    if name in snapshot.entities:
        return snapshot.entities[name]
    key = fold(name)
    exact = [
        e
        for e in snapshot.entities.values()
        if key in {fold(e.label), fold(_unquote_local(e.iri))} | {fold(a) for a in e.aliases}
    ]
    if exact:
        return max(exact, key=lambda e: (len(e.articles), e.label))
    partial = sorted(
        (e for e in snapshot.entities.values() if key and key in fold(e.label)),
        key=lambda e: (-len(e.articles), e.label),
    )
    if len(partial) == 1:
        return partial[0]
    hint = (
        f"; did you mean {', '.join(repr(e.label) for e in partial[:5])}?"
        if partial
        else "; run graphbuild stats to see the names in the store"
    )
    raise QueryError(f"no entity named {name!r} in the store{hint}")


def find_article(snapshot: Snapshot, ref: str) -> ArticleInfo:
    """The article with IRI, id, URL or title ``ref``; QueryError listing some ids if none."""
    for art in snapshot.articles.values():
        if ref in {art.iri, art.id, art.url, art.title}:
            return art
    known = ", ".join(sorted(a.id for a in snapshot.articles.values())[:8])
    raise QueryError(f"no article {ref!r} in the store; known ids include: {known or 'none'}")


def normalise_types(types: Iterable[str]) -> frozenset[str]:
    """Map user spellings ('person', 'Other', 'organisation') to ontology class names."""
    out: set[str] = set()
    for t in types:
        for part in t.split(","):
            key = part.strip()
            if not key:
                continue
            name = _TYPE_ALIASES.get(key.lower()) or next(
                (c for c in ENTITY_TYPES if c.lower() == key.lower()), None
            )
            if name is None:
                raise QueryError(
                    f"unknown entity type {key!r}; known: {', '.join(ENTITY_TYPES)} (Other = Thing)"
                )
            out.add(name)
    return frozenset(out)


def _split(values: Iterable[str]) -> list[str]:
    return [p.strip() for v in values for p in v.split(",") if p.strip()]


def select(
    snapshot: Snapshot,
    *,
    focus: str | None = None,
    depth: int = 1,
    article: str | None = None,
    types: Sequence[str] | None = None,
    predicates: Sequence[str] | None = None,
) -> Snapshot:
    """A sub-snapshot: one article's facts, some types/predicates, and/or an ego network.

    Filters apply in that order: article, types, predicates, then the ``depth``-hop
    neighbourhood of ``focus`` over the links that remain (the focus entity is kept even if
    its type is filtered out). Quotes stay when their speaker stays.

    Example:
        >>> select(Snapshot(), types=["person"]).entities
        {}
    """
    entities = dict(snapshot.entities)
    links = list(snapshot.links)
    quotes = list(snapshot.quotes)
    articles = dict(snapshot.articles)
    focus_info = find_entity(snapshot, focus) if focus else None
    if article:
        art = find_article(snapshot, article)
        entities = {k: e for k, e in entities.items() if art.iri in e.articles}
        links = [
            replace(
                lk,
                articles=(art.iri,),
                evidence=tuple(ev for ev in lk.evidence if ev.article == art.iri),
            )
            for lk in links
            if art.iri in lk.articles
        ]
        quotes = [q for q in quotes if art.iri in q.articles]
        articles = {art.iri: art}
    if types:
        wanted = normalise_types(types)
        keep_focus = {focus_info.iri} if focus_info else set()
        entities = {k: e for k, e in entities.items() if e.type in wanted or k in keep_focus}
    if predicates:
        known = sorted({lk.predicate for lk in snapshot.links})
        wanted_p = set(_split(predicates))
        unknown = wanted_p - set(known)
        if unknown:
            raise QueryError(
                f"unknown predicate(s) {', '.join(sorted(unknown))}; "
                f"in this store: {', '.join(known) or 'none'}"
            )
        links = [lk for lk in links if lk.predicate in wanted_p]
    links = [lk for lk in links if lk.subject in entities and lk.object in entities]
    if focus_info:
        if focus_info.iri not in entities:
            raise QueryError(f"{focus_info.label!r} is not in the selected article")
        adjacency: dict[str, set[str]] = defaultdict(set)
        for lk in links:
            adjacency[lk.subject].add(lk.object)
            adjacency[lk.object].add(lk.subject)
        reached = {focus_info.iri}
        frontier = {focus_info.iri}
        for _ in range(max(0, depth)):
            frontier = {n for f in frontier for n in adjacency[f]} - reached
            reached |= frontier
        entities = {k: e for k, e in entities.items() if k in reached}
        links = [lk for lk in links if lk.subject in reached and lk.object in reached]
    quotes = [q for q in quotes if q.speaker in entities]
    return Snapshot(entities=entities, links=tuple(links), quotes=tuple(quotes), articles=articles)


def to_networkx(snapshot: Snapshot) -> nx.MultiDiGraph:
    """Entities as nodes, links as edges keyed by predicate: the one networkx form of a graph.

    The analytics, the view's layout and the GraphML/GEXF export all read this graph, so its
    attributes are plain strings and numbers (what GraphML can hold). Nodes: ``label``,
    ``type``, ``aliases`` (``|``-separated), ``articles`` (how many mention it), ``quotes``
    (how many it said). Edges: ``predicate``, ``directed`` and ``symmetric`` (one edge per
    symmetric link), ``weight`` and ``articles`` (articles asserting it), ``confidence`` (the
    best; 0 when unknown) and ``sentence`` (one example).

    Example:
        >>> to_networkx(Snapshot()).number_of_nodes()
        0
    """
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    said = Counter(q.speaker for q in snapshot.quotes if q.speaker)
    for e in snapshot.entities.values():
        g.add_node(
            e.iri,
            label=e.label,
            type=e.type,
            aliases="|".join(e.aliases),
            articles=len(e.articles),
            quotes=said[e.iri],
        )
    for lk in snapshot.links:
        known = [ev.confidence for ev in lk.evidence if ev.confidence is not None]
        g.add_edge(
            lk.subject,
            lk.object,
            key=lk.predicate,
            predicate=lk.predicate,
            directed=lk.directed,
            symmetric=not lk.directed,
            weight=lk.weight,
            articles=len(lk.articles),
            confidence=max(known, default=0.0),
            sentence=next((ev.sentence for ev in lk.evidence if ev.sentence), ""),
        )
    return g


def _undirected(g: nx.MultiDiGraph) -> nx.Graph:
    """Simple undirected graph; parallel links add their weights."""
    u: nx.Graph = nx.Graph()
    u.add_nodes_from(g.nodes(data=True))
    for s, o, data in g.edges(data=True):
        w = data.get("weight", 1)
        if u.has_edge(s, o):
            u[s][o]["weight"] += w
        else:
            u.add_edge(s, o, weight=w)
    return u


@dataclass(frozen=True)
class Analytics:
    """Results of :func:`analyse`; ``to_json()`` is what ``graphbuild stats --json`` prints."""

    snapshot: Snapshot
    degree: Mapping[str, int]
    weighted_degree: Mapping[str, int]
    betweenness: Mapping[str, float]
    betweenness_sample: int | None
    communities: tuple[tuple[str, ...], ...]
    community_of: Mapping[str, int]
    quotes_by: Mapping[str, int]
    importance: Mapping[str, float]
    country_links: tuple[tuple[str, str, int, int], ...]
    """(country, country, direct links, links through affiliated people), strongest first."""

    def label(self, iri: str) -> str:
        e = self.snapshot.entities.get(iri)
        return e.label if e else _local(iri)

    def top(self, scores: Mapping[str, float], n: int = 10) -> list[tuple[str, float]]:
        """The ``n`` highest scores, ties broken by label for a stable order."""
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], self.label(kv[0]), kv[0]))
        return [kv for kv in ranked[:n] if kv[1] > 0]

    def to_json(self, n: int = 10) -> dict[str, Any]:
        """Plain JSON-able summary: counts, top lists, communities, country links."""
        snap = self.snapshot

        def ranked(scores: Mapping[str, float], digits: int | None = None) -> list[dict[str, Any]]:
            return [
                {
                    "iri": k,
                    "label": self.label(k),
                    "type": snap.entities[k].type if k in snap.entities else None,
                    "value": round(v, digits) if digits is not None else v,
                }
                for k, v in self.top(scores, n)
            ]

        return {
            "nodes": len(snap.entities),
            "links": len(snap.links),
            "quotes": len(snap.quotes),
            "articles": len(snap.articles),
            "types": dict(sorted(Counter(e.type for e in snap.entities.values()).items())),
            "predicates": dict(sorted(Counter(lk.predicate for lk in snap.links).items())),
            "degree": ranked(self.degree),
            "betweenness": ranked(self.betweenness, 4),
            "betweenness_sample": self.betweenness_sample,
            "most_quoted": [
                {
                    "iri": k,
                    "label": self.label(k),
                    "quotes": int(v),
                    "articles": len({a for q in snap.quotes if q.speaker == k for a in q.articles}),
                }
                for k, v in self.top(self.quotes_by, n)
            ],
            "country_links": [
                {
                    "a": self.label(a),
                    "b": self.label(b),
                    "a_iri": a,
                    "b_iri": b,
                    "direct": d,
                    "via_people": p,
                    "total": d + p,
                }
                for a, b, d, p in self.country_links[:n]
            ],
            "communities": [
                {
                    "id": i,
                    "size": len(members),
                    "members": [
                        self.label(m)
                        for m in sorted(
                            members, key=lambda m: (-self.importance[m], self.label(m))
                        )[:n]
                    ],
                }
                for i, members in enumerate(self.communities)
            ],
            "louvain_seed": LOUVAIN_SEED,
        }


def _country_links(snapshot: Snapshot) -> tuple[tuple[str, str, int, int], ...]:
    """Country pairs ranked by direct links plus links between people affiliated to them."""
    ents = snapshot.entities
    countries_of: dict[str, set[str]] = defaultdict(set)
    for lk in snapshot.links:
        if lk.predicate == "affiliation" and ents[lk.object].type == "Country":
            countries_of[lk.subject].add(lk.object)
    for iri, e in ents.items():
        if e.type == "Country":
            countries_of[iri] = {iri}
    direct: Counter[tuple[str, str]] = Counter()
    via: Counter[tuple[str, str]] = Counter()
    for lk in snapshot.links:
        if lk.predicate == "affiliation":
            continue
        both_countries = ents[lk.subject].type == "Country" and ents[lk.object].type == "Country"
        for a in countries_of.get(lk.subject, ()):
            for b in countries_of.get(lk.object, ()):
                if a == b:
                    continue
                pair = (a, b) if a < b else (b, a)
                (direct if both_countries else via)[pair] += lk.weight
    pairs = set(direct) | set(via)
    return tuple(
        sorted(
            ((a, b, direct[(a, b)], via[(a, b)]) for a, b in pairs),
            key=lambda t: (-(t[2] + t[3]), -t[2], ents[t[0]].label, ents[t[1]].label),
        )
    )


def quick_importance(snapshot: Snapshot) -> dict[str, float]:
    """Importance without betweenness: articles mentioning + quotes said + weighted degree.

    Linear time, so a 10,000-entity view can be pruned before the costlier analytics run.
    """
    score = {k: float(len(e.articles)) for k, e in snapshot.entities.items()}
    for q in snapshot.quotes:
        if q.speaker in score:
            score[q.speaker] += 1
    for lk in snapshot.links:
        score[lk.subject] += lk.weight
        score[lk.object] += lk.weight
    return score


def analyse(
    snapshot: Snapshot, *, seed: int = LOUVAIN_SEED, pivots: int | None = None
) -> Analytics:
    """Degree, betweenness, Louvain communities, most-quoted people, country links, importance.

    Importance (node size in the view, and the order in which a large view is pruned) is
    ``articles mentioning + quotes said + weighted degree + 10 * normalised betweenness``:
    what is often in the news, speaks, and connects others is what a reader looks for first.
    ``pivots`` sets the betweenness sample (None: exact up to ``EXACT_BETWEENNESS_MAX`` nodes,
    else ``BETWEENNESS_SAMPLE``; 0: skip betweenness, all zero).

    Example:
        >>> a = analyse(Snapshot(entities={"x:a": EntityInfo("x:a", "A", "Person")}))
        >>> a.communities
        (('x:a',),)
    """
    g = to_networkx(snapshot)
    u = _undirected(g)
    n = u.number_of_nodes()
    degree = {k: int(v) for k, v in u.degree()}
    weighted = {k: int(v) for k, v in u.degree(weight="weight")}
    sample: int | None = None
    if pivots is None:
        pivots = n if n <= EXACT_BETWEENNESS_MAX else BETWEENNESS_SAMPLE
    if n == 0 or u.number_of_edges() == 0 or pivots <= 0:
        betweenness = dict.fromkeys(u.nodes, 0.0)
        sample = 0 if pivots <= 0 and n else None
    elif pivots >= n:
        betweenness = nx.betweenness_centrality(u, normalized=True)
    else:
        sample = pivots
        betweenness = nx.betweenness_centrality(u, k=sample, normalized=True, seed=seed)
    found = nx.community.louvain_communities(u, weight="weight", seed=seed) if n else []
    labels = {k: e.label for k, e in snapshot.entities.items()}
    communities = tuple(
        tuple(sorted(c, key=lambda m: (labels.get(m, m), m)))
        for c in sorted(found, key=lambda c: (-len(c), min(labels.get(m, m) for m in c)))
    )
    community_of = {m: i for i, c in enumerate(communities) for m in c}
    quotes_by: Counter[str] = Counter(q.speaker for q in snapshot.quotes if q.speaker)
    top_b = max(betweenness.values(), default=0.0) or 1.0
    base = quick_importance(snapshot)
    importance = {k: base[k] + 10 * betweenness.get(k, 0.0) / top_b for k in snapshot.entities}
    return Analytics(
        snapshot=snapshot,
        degree=degree,
        weighted_degree=weighted,
        betweenness=betweenness,
        betweenness_sample=sample,
        communities=communities,
        community_of=community_of,
        quotes_by=dict(quotes_by),
        importance=importance,
        country_links=_country_links(snapshot),
    )


def restrict(snapshot: Snapshot, keep: Collection[str]) -> Snapshot:
    """The entities in ``keep``, the links between them and the quotes they said."""
    return Snapshot(
        entities={k: e for k, e in snapshot.entities.items() if k in keep},
        links=tuple(lk for lk in snapshot.links if lk.subject in keep and lk.object in keep),
        quotes=tuple(q for q in snapshot.quotes if q.speaker in keep),
        articles=snapshot.articles,
    )


def prune(
    snapshot: Snapshot, importance: Mapping[str, float], max_nodes: int, keep: Iterable[str] = ()
) -> Snapshot:
    """The ``max_nodes`` most important entities (and ``keep``), their links and quotes.

    ``max_nodes <= 0`` keeps everything. Ties are broken by label so pruning is stable.
    """
    if max_nodes <= 0 or len(snapshot.entities) <= max_nodes:
        return snapshot
    must = [k for k in keep if k in snapshot.entities]
    ranked = sorted(
        snapshot.entities, key=lambda k: (-importance.get(k, 0.0), snapshot.entities[k].label, k)
    )
    chosen = set(must)
    for k in ranked:
        if len(chosen) >= max_nodes:
            break
        chosen.add(k)
    return restrict(snapshot, chosen)


QUOTE_PREDICATE = "saidTo"
"""Predicate of the view's quote links: a speaker quoted as addressing another entity."""


def quote_links(snapshot: Snapshot) -> tuple[Link, ...]:
    """One link speaker → addressee per pair, from the quotes where both are resolved.

    A quote addressed to someone connects two entities as a relation does ("X warned Y"), so
    the view draws it; its evidence is the quoted sentence.

    Example:
        >>> q = QuoteInfo("x:q", "Hallo", speaker="x:a", addressee="x:b", articles=("x:1",))
        >>> ents = {k: EntityInfo(k, k, "Person") for k in ("x:a", "x:b")}
        >>> [(lk.subject, lk.predicate, lk.object) for lk in quote_links(Snapshot(ents, (), (q,)))]
        [('x:a', 'saidTo', 'x:b')]
    """
    said: dict[tuple[str, str], list[QuoteInfo]] = defaultdict(list)
    for q in snapshot.quotes:
        if (
            q.speaker in snapshot.entities
            and q.addressee in snapshot.entities
            and q.speaker != q.addressee
        ):
            said[(q.speaker, q.addressee)].append(q)  # type: ignore[index]
    return tuple(
        Link(
            subject=s,
            predicate=QUOTE_PREDICATE,
            object=o,
            articles=tuple(sorted({a for q in qs for a in q.articles})),
            evidence=tuple(
                Evidence(
                    article=q.articles[0] if q.articles else None, sentence=q.sentence or q.text
                )
                for q in qs
            ),
        )
        for (s, o), qs in sorted(said.items())
    )


CO_MENTION_CAP = 100
"""An article naming more entities adds co-mentions only among its 100 most mentioned ones."""


def co_mentions(snapshot: Snapshot) -> list[tuple[str, str, int]]:
    """Pairs of entities named in the same articles of the snapshot, with how many; most first.

    Being named together is weaker evidence than a stated relation, which is why the view
    draws co-mentions only as a faint optional layer.

    Example:
        >>> ents = {k: EntityInfo(k, k, "Person", articles=("x:1",)) for k in ("x:a", "x:b")}
        >>> co_mentions(Snapshot(ents, articles={"x:1": ArticleInfo("x:1", "1", "T")}))
        [('x:a', 'x:b', 1)]
    """
    named: dict[str, list[str]] = defaultdict(list)
    for iri, e in snapshot.entities.items():
        for a in e.articles:
            if a in snapshot.articles:
                named[a].append(iri)
    pairs: Counter[tuple[str, str]] = Counter()
    for members in named.values():
        if len(members) > CO_MENTION_CAP:
            members = sorted(members, key=lambda k: (-len(snapshot.entities[k].articles), k))
            members = members[:CO_MENTION_CAP]
        members = sorted(members)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs[(a, b)] += 1
    return sorted(((a, b, n) for (a, b), n in pairs.items()), key=lambda t: (-t[2], t[0], t[1]))


def most_connected(
    snapshot: Snapshot,
    edges: Iterable[tuple[str, str, float]],
    max_nodes: int,
    keep: Iterable[str] = (),
) -> frozenset[str]:
    """Entities to draw: those that connect, strongest connections first, each with an edge.

    ``edges`` are ``(a, b, weight)`` connections (the links, and co-mentions if they count).
    An entity's connection score is the weight of its edges; edges are taken in order of their
    endpoints' scores and both endpoints join while there is room, so every entity chosen has
    an edge to another one chosen, and hubs come with their neighbours. Entities without an
    edge are never chosen (they are what the view lists instead of drawing). ``keep`` is
    always in; ``max_nodes <= 0`` means no limit.

    Example:
        >>> ents = {k: EntityInfo(k, k, "Person") for k in ("a", "b", "c")}
        >>> sorted(most_connected(Snapshot(ents), [("a", "b", 1.0)], 10))
        ['a', 'b']
    """
    limit = max_nodes if max_nodes > 0 else len(snapshot.entities)
    known = [(a, b, w) for a, b, w in edges if a in snapshot.entities and b in snapshot.entities]
    score: dict[str, float] = defaultdict(float)
    for a, b, w in known:
        score[a] += w
        score[b] += w
    label = {k: e.label for k, e in snapshot.entities.items()}
    ranked = sorted((a, b, w) if a <= b else (b, a, w) for a, b, w in known if a != b)
    ranked.sort(key=lambda t: (-(score[t[0]] + score[t[1]]), -t[2], label[t[0]], label[t[1]]))
    chosen = {k for k in keep if k in snapshot.entities}
    for a, b, _ in ranked:
        if len(chosen) >= limit:
            break
        if len(chosen | {a, b}) <= limit:
            chosen |= {a, b}
    return frozenset(chosen)


def community_layout(
    snapshot: Snapshot,
    communities: Sequence[Sequence[str]],
    *,
    spacing: float = 45.0,
    seed: int = LOUVAIN_SEED,
) -> dict[str, tuple[float, float]]:
    """Positions for a large view: each community laid out on its own, then packed in rows.

    A force-directed layout of 10,000 nodes takes minutes in Python and tens of seconds in
    the browser; laying out each Louvain community separately (Fruchterman–Reingold via
    ``networkx.spring_layout``, seeded) costs a few seconds and keeps communities visibly
    together. A community of ``n`` nodes gets a disc of radius ``spacing * sqrt(n)``; discs are
    packed largest first in rows (shelf packing), so isolated entities end up as a tidy grid.

    Example:
        >>> snap = Snapshot(entities={"x:a": EntityInfo("x:a", "A", "Person")})
        >>> community_layout(snap, [("x:a",)])
        {'x:a': (0.0, 0.0)}
    """
    u = _undirected(to_networkx(snapshot))
    boxes: list[tuple[float, dict[str, tuple[float, float]]]] = []
    for members in sorted(communities, key=lambda c: (-len(c), sorted(c)[:1])):
        nodes = [m for m in members if m in u]
        if not nodes:
            continue
        radius = spacing * math.sqrt(len(nodes))
        if len(nodes) <= 2:
            local = {n: (spacing * (i - 0.5) * (len(nodes) - 1), 0.0) for i, n in enumerate(nodes)}
        else:
            # Fewer iterations for big communities: the cost is quadratic in their size.
            iterations = 30 if len(nodes) <= 300 else max(10, int(30 * 300 / len(nodes)))
            raw = nx.spring_layout(u.subgraph(nodes), seed=seed, iterations=iterations)
            local = {k: (float(v[0]) * radius, float(v[1]) * radius) for k, v in raw.items()}
        boxes.append((2 * radius + spacing, local))
    if not boxes:
        return {}
    width = max(max(b[0] for b in boxes), math.sqrt(sum(b[0] ** 2 for b in boxes)) * 1.15)
    positions: dict[str, tuple[float, float]] = {}
    x = y = row = 0.0
    for side, local in boxes:
        if x > 0 and x + side > width:
            x, y, row = 0.0, y + row, 0.0
        cx, cy = x + side / 2, y + side / 2
        for k, (lx, ly) in local.items():
            positions[k] = (cx + lx, cy + ly)
        x += side
        row = max(row, side)
    mx = (min(p[0] for p in positions.values()) + max(p[0] for p in positions.values())) / 2
    my = (min(p[1] for p in positions.values()) + max(p[1] for p in positions.values())) / 2
    return {k: (round(px - mx, 1), round(py - my, 1)) for k, (px, py) in positions.items()}


def node_size(importance: float, top: float) -> float:
    """Node value for vis-network's scaling: square-root of importance relative to the top."""
    return 1.0 + 9.0 * math.sqrt(max(importance, 0.0) / top) if top > 0 else 1.0
