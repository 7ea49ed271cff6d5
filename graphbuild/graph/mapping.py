"""Resolution → RDF quads. The only place that mints IRIs.

Layout of the graph (docs/graph.md has the full picture):

* **one named graph per article**, named by the article IRI. It holds the article's metadata,
  each entity *as this article describes it* (``rdf:type``, ``rdfs:label`` = the name used here,
  ``skos:altLabel`` aliases, ``skos:prefLabel`` tagged with a language for a country or
  international organisation named in several languages, ``gb:holdsPosition``), the quotes with their offsets, and the
  relations with their provenance;
* **the default graph** holds the merged description of every entity across all articles
  (one ``rdf:type``, one plain ``skos:prefLabel`` = the display name, at most one
  language-tagged ``skos:prefLabel`` per language, every other name as ``skos:altLabel``); it is
  recomputed by :func:`merge_descriptions` whenever an article graph changes.

Relations use standard reification: the triple ``<s> gb:meetsWith <o>`` is asserted in the
article graph and an ``rdf:Statement`` node (IRI under the article IRI) carries the sentence,
offsets, rule, confidence, modality and negation. Negated or denied relations get the
statement node (``gb:asserted false``) but no asserted triple. rdflib 7 cannot parse RDF-star
/ RDF 1.2 triple terms, so reification keeps the data readable by both rdflib and pyoxigraph.

Example:
    >>> mint_entity_iri("anna_schmidt").value
    'https://graphbuild.example.org/entity/anna_schmidt'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from graphbuild.config import DEFAULT_BASE_IRI
from graphbuild.graph import ontology as on
from graphbuild.types import Article, Entity, Resolution

ENTITY_CLASSES: dict[str, str] = {
    "Person": "Person",
    "Country": "Country",
    "Organization": "Organization",
    "Location": "Location",
    "Event": "Event",
    "Other": "Thing",
    "UnnamedSource": "UnnamedSource",
}
# When articles disagree on a type and the vote ties, the more specific class wins.
_TYPE_PRIORITY = (
    "Person",
    "Country",
    "Organization",
    "Location",
    "Event",
    "Thing",
    "UnnamedSource",
)

# What an article graph says about an entity and the merged default graph recomputes.
DESCRIPTION_PREDICATES: frozenset[NamedNode] = frozenset(
    {
        on.rdf("type"),
        on.rdfs("label"),
        on.skos("prefLabel"),
        on.skos("altLabel"),
        on.gb("holdsPosition"),
        on.gb("affiliation"),
    }
)

Subject = NamedNode | BlankNode | Triple
Term = NamedNode | BlankNode | Literal | Triple
_RDF_TYPE, _RDFS_LABEL, _SKOS_ALT = on.rdf("type"), on.rdfs("label"), on.skos("altLabel")
_SKOS_PREF = on.skos("prefLabel")
_EXTRA = frozenset({on.gb("holdsPosition"), on.gb("affiliation")})
_UNRESERVED = frozenset("-._~")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$")


def _iri_char_ok(ch: str) -> bool:
    """Letters and digits that RFC 3987 allows unescaped in an IRI path (``ucschar``)."""
    if ch.isascii():
        return ch.isalnum() or ch in _UNRESERVED
    cp = ord(ch)
    in_ucschar = (
        0xA0 <= cp <= 0xD7FF
        or 0xF900 <= cp <= 0xFDCF
        or 0xFDF0 <= cp <= 0xFFEF
        or (0x10000 <= cp <= 0xEFFFD and (cp & 0xFFFF) < 0xFFFE)
    )
    return in_ucschar and ch.isalnum()


def iri_segment(text: str) -> str:
    """A readable, always-valid IRI path segment for any string.

    NFC-normalised (so the same name in two Unicode spellings gives one IRI), spaces become
    ``_``, Unicode letters and digits stay readable, everything else is %-encoded as UTF-8.

    Example:
        >>> iri_segment("Olaf Schütz / SPD")
        'Olaf_Schütz_%2F_SPD'
        >>> iri_segment("")
        '_'
    """
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    for ch in text:
        if ch == " ":
            out.append("_")
        elif _iri_char_ok(ch):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8", "surrogatepass"))
    seg = "".join(out) or "_"
    if set(seg) == {"."}:  # "." and ".." would be removed by IRI normalisation
        seg = seg.replace(".", "%2E")
    return seg


def mint_entity_iri(entity_id: str, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    """IRI of an entity from its id (made from the canonical name by ``resolve``).

    Example:
        >>> mint_entity_iri("Zoë Ünal").value
        'https://graphbuild.example.org/entity/Zoë_Ünal'
    """
    return NamedNode(f"{base}entity/{iri_segment(entity_id)}")


def article_key(article: Article) -> str:
    """What identifies an article across builds: ingest's ``id``, else its URL, else its hash.

    Ingest derives ``id`` from the canonical URL for web articles (``example.org/a/b?id=3``),
    from the file stem for files, and from the first 16 hex digits of the content hash for
    anonymous text, so the key is the URL whenever there is one. A corrected web article or
    an edited file keeps its key, so its graph is *replaced* instead of a stale copy staying
    behind; that is why the content hash is stored as ``gb:contentHash`` and never used as
    the IRI of a file or web article.

    Example:
        >>> article_key(Article(id="", lang="de", title="", text="", url="https://ex.org/a?b=1"))
        'ex.org/a?b=1'
    """
    if article.id:
        return article.id
    if article.url:
        return re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", article.url.strip())
    return article.content_hash[:16] or "_"


def mint_article_iri(article: Article, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    """IRI of an article, which also names its named graph; ``/`` in the key is kept.

    Example:
        >>> mint_article_iri(Article(id="seed", lang="de", title="", text="")).value
        'https://graphbuild.example.org/article/seed'
    """
    key = "/".join(iri_segment(part) for part in article_key(article).split("/"))
    return NamedNode(f"{base}article/{key}")


def mint_quote_iri(speaker: str | None, text: str, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    """IRI of a quote: a hash of speaker id and text, so the same quote in two articles is one node.

    Example:
        >>> mint_quote_iri("a", "Hallo") == mint_quote_iri("a", "Hallo")
        True
    """
    key = f"{speaker or ''}\x1f{unicodedata.normalize('NFC', text)}"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return NamedNode(f"{base}quote/{digest}")


def mint_statement_iri(
    article_iri: NamedNode, subject: NamedNode, predicate: NamedNode, obj: NamedNode, span: str
) -> NamedNode:
    """IRI of a reified relation statement, under its article; stable across rebuilds."""
    key = "\x1f".join((subject.value, predicate.value, obj.value, span))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{article_iri.value}/relation/{digest}")


def mint_interaction_iri(subject: NamedNode, predicate: NamedNode, obj: NamedNode) -> NamedNode:
    """IRI of the summary of every article's report of ``subject predicate obj``.

    The merged default graph keeps one summary per asserted (subject, relation, object): how
    many articles assert it, the best confidence, an example sentence (``graph.store``). Its
    IRI sits under the subject's IRI, so no base IRI is needed and every store mints the same.

    Example:
        >>> s, o = mint_entity_iri("anna_schmidt"), mint_entity_iri("ben_okafor")
        >>> mint_interaction_iri(s, on.gb("meetsWith"), o).value
        'https://graphbuild.example.org/entity/anna_schmidt/interaction/8d8b17e4c38f7b78'
    """
    key = "\x1f".join((subject.value, predicate.value, obj.value))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return NamedNode(f"{subject.value}/interaction/{digest}")


# Stands for every entity of the store: its interaction groups hold every summary, in the
# order of ``interactions`` without a person (graph.store).
ALL_ENTITIES = on.gb("allEntities")


def mint_interaction_group_iri(owner: NamedNode, articles: int) -> NamedNode:
    """IRI of the group of ``owner``'s interaction summaries that ``articles`` articles assert.

    The merged default graph puts every summary into three groups: its subject's, its
    object's and the store-wide one (``owner`` = :data:`ALL_ENTITIES`) for its article count
    (``graph.store``), so a page of ``interactions`` is read from one or a few groups instead
    of ranking all of an entity's summaries. Under the owner's IRI, like the summaries; the
    store computes the same IRI in SPARQL with :func:`interaction_group_expression`.

    Example:
        >>> mint_interaction_group_iri(mint_entity_iri("anna_schmidt"), 3).value
        'https://graphbuild.example.org/entity/anna_schmidt/interactions/3'
    """
    return NamedNode(f"{owner.value}/interactions/{int(articles)}")


def interaction_group_expression(owner: str, articles: str) -> str:
    """:func:`mint_interaction_group_iri` as a SPARQL expression over two terms or variables.

    Example:
        >>> interaction_group_expression("?s", "?n")
        'IRI(CONCAT(STR(?s), "/interactions/", STR(?n)))'
    """
    return f'IRI(CONCAT(STR({owner}), "/interactions/", STR({articles})))'


def lit(value: str | int | float | bool, lang: str | None = None) -> Literal:
    """A typed literal: booleans, integers, decimals (confidence), strings (optionally tagged).

    Example:
        >>> lit(0.5).datatype.value
        'http://www.w3.org/2001/XMLSchema#decimal'
    """
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=on.xsd("boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=on.xsd("integer"))
    if isinstance(value, float):
        text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")  # Oxigraph's canonical form
        return Literal("0" if text in ("", "-0") else text, datatype=on.xsd("decimal"))
    if lang:
        return Literal(value, language=lang)
    return Literal(value)


def _date(value: str) -> Literal:
    value = value.strip()
    if _DATE.match(value):
        return Literal(value, datatype=on.xsd("date"))
    if _DATETIME.match(value):
        return Literal(value, datatype=on.xsd("dateTime"))
    return Literal(value)


def _url(value: str) -> NamedNode | None:
    try:
        return NamedNode(value.strip())
    except ValueError:
        return None


def _entity_quads(
    e: Entity, g: NamedNode, lang: str, node_of: Callable[[str], NamedNode]
) -> Iterator[Quad]:
    node = node_of(e.id)
    yield Quad(node, on.rdf("type"), on.gb(ENTITY_CLASSES.get(e.type, "Thing")), g)
    yield Quad(node, on.rdfs("label"), lit(e.name), g)
    for alias in e.aliases:
        if alias != e.name:
            yield Quad(node, on.skos("altLabel"), lit(alias), g)
    # its canonical name per language ("USA"@de, "United States"@en) as tagged prefLabels;
    # the other languages' names are also plain altLabels, so name look-ups find them
    for label_lang, label in e.labels:
        yield Quad(node, _SKOS_PREF, lit(label, label_lang), g)
        if label != e.name and label not in e.aliases:
            yield Quad(node, on.skos("altLabel"), lit(label), g)
    for pos in e.positions:
        yield Quad(node, on.gb("holdsPosition"), lit(pos, lang), g)
    if e.affiliation:
        yield Quad(node, on.gb("affiliation"), node_of(e.affiliation), g)
    yield Quad(g, on.gb("mentions"), node, g)


def _entity_nodes(resolution: Resolution, base: str) -> Callable[[str], NamedNode]:
    """Entity id → IRI. A country or international organisation is one node in every
    language: its IRI comes from its language-independent key ("country_us"), not its name."""
    keys = {e.id: e.key for e in resolution.entities if e.key}

    def node_of(entity_id: str) -> NamedNode:
        return mint_entity_iri(keys.get(entity_id, entity_id), base)

    return node_of


def to_quads(resolution: Resolution, base: str = DEFAULT_BASE_IRI) -> Iterator[Quad]:
    """All statements of one resolved article, in the article's named graph.

    Example:
        >>> from graphbuild.types import Extraction
        >>> art = Article(id="a1", lang="de", title="T", text="x")
        >>> res = Resolution(Extraction(art, (), (), (), ()), ())
        >>> [str(q.object) for q in to_quads(res) if q.predicate == on.dct("title")]
        ['"T"']
    """
    ext = resolution.extraction
    art = ext.article
    g = mint_article_iri(art, base)
    text = art.text

    def q(s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> Quad:
        return Quad(s, p, o, g)

    yield q(g, on.rdf("type"), on.gb("Article"))
    yield q(g, on.dct("title"), lit(art.title))
    yield q(g, on.dct("language"), lit(art.lang))
    if art.url and (url := _url(art.url)) is not None:
        yield q(g, on.schema("url"), url)
    if art.published:
        yield q(g, on.dct("issued"), _date(art.published))
    if art.source:
        yield q(g, on.dct("source"), lit(art.source))
    if art.publisher:
        yield q(g, on.schema("publisher"), lit(art.publisher))
    if art.author:
        yield q(g, on.schema("author"), lit(art.author))
    if art.content_hash:
        yield q(g, on.gb("contentHash"), lit(art.content_hash))
    if art.decoded_as:  # the text was repaired: decoded with a guessed encoding
        yield q(g, on.gb("decodedAs"), lit(art.decoded_as))

    node_of = _entity_nodes(resolution, base)
    for e in resolution.entities:
        yield from _entity_quads(e, g, art.lang, node_of)

    def provenance(node: NamedNode, sent: int, start: int, end: int) -> Iterator[Quad]:
        yield q(node, on.prov("wasDerivedFrom"), g)
        yield q(node, on.gb("start"), lit(start))
        yield q(node, on.gb("end"), lit(end))
        if 0 <= sent < len(ext.sentences):
            s = ext.sentences[sent]
            yield q(node, on.gb("sentence"), lit(text[s.start : s.end]))
            yield q(node, on.gb("sentenceIndex"), lit(sent))

    for quote_ in ext.quotes:
        speaker = resolution.entity_of.get(quote_.speaker) if quote_.speaker else None
        node = mint_quote_iri(speaker, quote_.text, base)
        yield q(node, on.rdf("type"), on.gb("Quote"))
        yield q(node, on.gb("text"), lit(quote_.text))
        yield q(node, on.dct("language"), lit(art.lang))
        yield q(node, on.gb("kind"), lit(quote_.kind))
        yield q(node, on.gb("quoteType"), lit(quote_.type))
        yield from provenance(node, quote_.sent, quote_.start, quote_.end)
        yield q(node, on.gb("rule"), lit(quote_.rule))
        yield q(node, on.gb("confidence"), lit(float(quote_.confidence)))
        if quote_.cue:
            yield q(node, on.gb("cue"), lit(quote_.cue, art.lang))
        if speaker:
            who = node_of(speaker)
            yield q(who, on.gb("said"), node)
            yield q(node, on.gb("saidBy"), who)
        addressee = resolution.entity_of.get(quote_.addressee) if quote_.addressee else None
        if addressee:
            yield q(node, on.gb("addressee"), node_of(addressee))
        via = resolution.entity_of.get(quote_.via) if quote_.via else None
        if via:
            yield q(node, on.gb("relayedBy"), node_of(via))

    for r in ext.relations:
        s, o = resolution.entity_of.get(r.subject), resolution.entity_of.get(r.object)
        if not s or not o or s == o:
            continue
        sn, obj = node_of(s), node_of(o)
        pred = on.gb(iri_segment(r.predicate))
        asserted = not r.negated and r.modality != "denied"
        if asserted:
            yield q(sn, pred, obj)
        stmt = mint_statement_iri(g, sn, pred, obj, f"{r.start}:{r.end}:{r.rule}")
        yield q(stmt, on.rdf("type"), on.rdf("Statement"))
        yield q(stmt, on.rdf("subject"), sn)
        yield q(stmt, on.rdf("predicate"), pred)
        yield q(stmt, on.rdf("object"), obj)
        yield from provenance(stmt, r.sent, r.start, r.end)
        if r.evidence:
            yield q(stmt, on.gb("evidence"), lit(r.evidence))
        yield q(stmt, on.gb("rule"), lit(r.rule))
        yield q(stmt, on.gb("confidence"), lit(float(r.confidence)))
        yield q(stmt, on.gb("modality"), lit(r.modality))
        yield q(stmt, on.gb("negated"), lit(r.negated))
        yield q(stmt, on.gb("asserted"), lit(asserted))


def _label_rank(label: str, votes: int) -> tuple[int, int, str]:
    # most articles first, then the longest (most complete) name, then alphabetical
    return (-votes, -len(label), label)


def merge_descriptions(observations: Iterable[Quad | Triple]) -> list[Quad]:
    """The merged default-graph description of entities from what the article graphs say.

    ``observations`` are the description triples (:data:`DESCRIPTION_PREDICATES`) of some
    entities in every article graph that mentions them. Each entity gets one ``rdf:type`` (the
    most common; ties go to the more specific class), one ``skos:prefLabel`` (the name most
    articles use; ties go to the longest) without a language tag, every other name and alias as
    ``skos:altLabel``, one language-tagged ``skos:prefLabel`` per language the article graphs
    tag (most votes, then the same ties), and the union of positions and affiliations. Quads with a graph name count as one vote per
    graph; the result is in the default graph and independent of input order.

    Example:
        >>> e, g1, g2 = NamedNode("http://e/1"), NamedNode("http://g/1"), NamedNode("http://g/2")
        >>> obs = [Quad(e, on.rdf("type"), on.gb("Person"), g1),
        ...        Quad(e, on.rdfs("label"), Literal("A. Schmidt"), g1),
        ...        Quad(e, on.rdf("type"), on.gb("Person"), g2),
        ...        Quad(e, on.rdfs("label"), Literal("Anna Schmidt"), g2)]
        >>> [str(q.object) for q in merge_descriptions(obs) if q.predicate == on.skos("prefLabel")]
        ['"Anna Schmidt"']
    """
    votes: Counter[tuple[Subject, NamedNode, Term]] = Counter()
    seen: set[tuple[object, ...]] = set()
    for ob in observations:
        s, p, o = ob.subject, ob.predicate, ob.object
        key = (s, p, o, ob.graph_name if isinstance(ob, Quad) else None)
        if key in seen or not isinstance(s, NamedNode) or not isinstance(o, NamedNode | Literal):
            continue
        seen.add(key)
        votes[(s, p, o)] += 1
    return merge_votes(votes.items())


def merge_votes(
    votes: Iterable[tuple[tuple[Subject, NamedNode, Term], int]],
) -> list[Quad]:
    """:func:`merge_descriptions` from pre-counted votes: ``((s, p, o), number of graphs)``.

    The store counts votes inside Oxigraph (one GROUP BY query), so a merge touching an
    entity mentioned by thousands of articles reads a handful of rows, not thousands.
    """
    types: dict[NamedNode, Counter[str]] = defaultdict(Counter)
    labels: dict[NamedNode, Counter[str]] = defaultdict(Counter)
    aliases: dict[NamedNode, set[str]] = defaultdict(set)
    tagged: dict[NamedNode, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    extra: dict[NamedNode, set[tuple[NamedNode, NamedNode | Literal]]] = defaultdict(set)
    rdf_type, label, alt = _RDF_TYPE, _RDFS_LABEL, _SKOS_ALT
    for (s, p, o), n in votes:
        if not isinstance(s, NamedNode):  # only IRIs are entities (mapping mints no others)
            continue
        if p == rdf_type:
            local = o.value.removeprefix(on.GB) if isinstance(o, NamedNode) else ""
            if local in _TYPE_PRIORITY:  # entity classes only, not gb:Article or gb:Quote
                types[s][local] += n
        elif p == label and isinstance(o, Literal):
            labels[s][o.value] += n
        elif p == alt and isinstance(o, Literal):
            aliases[s].add(o.value)
        elif p == _SKOS_PREF and isinstance(o, Literal) and o.language:
            tagged[s][o.language][o.value] += n
        elif p in _EXTRA and isinstance(o, NamedNode | Literal):
            extra[s].add((p, o))
    out: list[Quad] = []
    dg = DefaultGraph()
    for s in sorted(types, key=lambda node: node.value):
        ranked = sorted(
            types[s].items(),
            key=lambda kv: (
                -kv[1],
                _TYPE_PRIORITY.index(kv[0]) if kv[0] in _TYPE_PRIORITY else 99,
                kv[0],
            ),
        )
        out.append(Quad(s, on.rdf("type"), on.gb(ranked[0][0]), dg))
        names = labels.get(s, Counter())
        if names:
            pref = min(names, key=lambda label: _label_rank(label, names[label]))
        else:
            pref = min(aliases[s], key=lambda a: (-len(a), a)) if aliases[s] else s.value
        out.append(Quad(s, on.skos("prefLabel"), Literal(pref), dg))
        for other in sorted((set(names) | aliases[s]) - {pref}):
            out.append(Quad(s, on.skos("altLabel"), Literal(other), dg))
        for lang, by_lang in sorted(tagged.get(s, {}).items()):
            best = min(by_lang, key=lambda label: _label_rank(label, by_lang[label]))
            out.append(Quad(s, _SKOS_PREF, Literal(best, language=lang), dg))
        for p, o in sorted(extra[s], key=lambda po: (po[0].value, str(po[1]))):
            out.append(Quad(s, p, o, dg))
    return out
