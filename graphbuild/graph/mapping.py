"""Resolution → RDF quads. The only place that mints IRIs.

Each article's facts go to the article's own named graph, so re-importing an article
swaps exactly its statements. Relations between actors are asserted as plain triples and
described by a reified ``rdf:Statement`` node that carries provenance (sentence, offsets,
rule, confidence, modality, negation); negated or denied relations are *not* asserted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from urllib.parse import quote

from pyoxigraph import BlankNode, Literal, NamedNode, Quad

from graphbuild.config import DEFAULT_BASE_IRI
from graphbuild.graph import ontology as on
from graphbuild.types import Article, Resolution

_CLASS = {
    "Person": "Person",
    "Country": "Country",
    "Organization": "Organization",
    "Location": "Location",
    "Event": "Event",
    "Other": "Thing",
}


def _safe(local: str) -> str:
    return quote(local, safe="")


def mint_entity_iri(entity_id: str, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    """IRI of an entity from its id; any Unicode id gives a valid IRI.

    Example:
        >>> mint_entity_iri("donald_trump").value
        'https://graphbuild.example.org/entity/donald_trump'
    """
    return NamedNode(f"{base}entity/{_safe(entity_id)}")


def mint_article_iri(article: Article, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    """IRI (and named-graph name) of an article: from its id, which ingest derives from URL or hash."""
    return NamedNode(f"{base}article/{_safe(article.id)}")


def mint_quote_iri(speaker: str | None, text: str, base: str = DEFAULT_BASE_IRI) -> NamedNode:
    digest = hashlib.sha256(f"{speaker or ''}\x1f{text}".encode()).hexdigest()[:20]
    return NamedNode(f"{base}quote/{digest}")


def _lit(value: str | int | float | bool) -> Literal:
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=on.xsd("boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=on.xsd("integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=on.xsd("decimal"))
    return Literal(value)


def to_quads(resolution: Resolution, base: str = DEFAULT_BASE_IRI) -> Iterator[Quad]:
    """All statements of one resolved article, in the article's named graph."""
    ext = resolution.extraction
    art = ext.article
    g = mint_article_iri(art, base)
    text = art.text

    def q(s: NamedNode | BlankNode, p: NamedNode, o: NamedNode | BlankNode | Literal) -> Quad:
        return Quad(s, p, o, g)

    yield q(g, on.rdf("type"), on.gb("Article"))
    yield q(g, on.dct("title"), _lit(art.title))
    yield q(g, on.dct("language"), _lit(art.lang))
    if art.url:
        yield q(g, on.schema("url"), NamedNode(art.url))
    if art.published:
        yield q(g, on.dct("date"), _lit(art.published))
    if art.source:
        yield q(g, on.dct("source"), _lit(art.source))

    for e in resolution.entities:
        node = mint_entity_iri(e.id, base)
        yield q(node, on.rdf("type"), on.gb(_CLASS[e.type]))
        yield q(node, on.skos("prefLabel"), _lit(e.name))
        for alias in e.aliases:
            yield q(node, on.skos("altLabel"), _lit(alias))
        for pos in e.positions:
            yield q(node, on.gb("holdsPosition"), _lit(pos))
        if e.affiliation:
            yield q(node, on.gb("affiliation"), mint_entity_iri(e.affiliation, base))
        yield q(g, on.gb("mentions"), node)

    for quote_ in ext.quotes:
        speaker = resolution.entity_of.get(quote_.speaker) if quote_.speaker else None
        node = mint_quote_iri(speaker, quote_.text, base)
        sent = ext.sentences[quote_.sent] if ext.sentences else None
        yield q(node, on.rdf("type"), on.gb("Quote"))
        yield q(node, on.gb("text"), _lit(quote_.text))
        yield q(node, on.gb("kind"), _lit(quote_.kind))
        yield q(node, on.gb("start"), _lit(quote_.start))
        yield q(node, on.gb("end"), _lit(quote_.end))
        yield q(node, on.prov("wasDerivedFrom"), g)
        yield q(node, on.gb("rule"), _lit(quote_.rule))
        yield q(node, on.gb("confidence"), _lit(float(quote_.confidence)))
        if sent is not None:
            yield q(node, on.gb("sentence"), _lit(text[sent.start : sent.end]))
        if quote_.cue:
            yield q(node, on.gb("cue"), _lit(quote_.cue))
        if speaker:
            yield q(mint_entity_iri(speaker, base), on.gb("said"), node)
            yield q(node, on.gb("saidBy"), mint_entity_iri(speaker, base))
        addressee = resolution.entity_of.get(quote_.addressee) if quote_.addressee else None
        if addressee:
            yield q(node, on.gb("addressee"), mint_entity_iri(addressee, base))

    for i, r in enumerate(ext.relations):
        s, o = resolution.entity_of.get(r.subject), resolution.entity_of.get(r.object)
        if not s or not o or s == o:
            continue
        sn, on_ = mint_entity_iri(s, base), mint_entity_iri(o, base)
        pred = on.gb(r.predicate)
        if not r.negated and r.modality != "denied":
            yield q(sn, pred, on_)
        stmt = NamedNode(f"{g.value}/statement/{i}")
        sent = ext.sentences[r.sent] if ext.sentences else None
        yield q(stmt, on.rdf("type"), on.rdf("Statement"))
        yield q(stmt, on.rdf("subject"), sn)
        yield q(stmt, on.rdf("predicate"), pred)
        yield q(stmt, on.rdf("object"), on_)
        yield q(stmt, on.prov("wasDerivedFrom"), g)
        yield q(stmt, on.gb("evidence"), _lit(r.evidence))
        yield q(stmt, on.gb("start"), _lit(r.start))
        yield q(stmt, on.gb("end"), _lit(r.end))
        yield q(stmt, on.gb("rule"), _lit(r.rule))
        yield q(stmt, on.gb("confidence"), _lit(float(r.confidence)))
        yield q(stmt, on.gb("modality"), _lit(r.modality))
        yield q(stmt, on.gb("negated"), _lit(r.negated))
        if sent is not None:
            yield q(stmt, on.gb("sentence"), _lit(text[sent.start : sent.end]))
