"""export.jsonld: the shape other JSON-LD readers expect, a small context, stable bytes.

Read back with pyoxigraph's JSON-LD parser (not the writer's code), quad for quad, also in
its streaming mode, which needs the key order of the JSON-LD streaming profile.
"""

from __future__ import annotations

import json
import random

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.export.jsonld import serialize_jsonld
from graphbuild.graph.mapping import mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.ontology import GB, PREFIXES, RDF, XSD, ontology_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions

ENTITY = mint_entity_iri("anna_schmidt")
ARTICLE = ox.NamedNode("https://graphbuild.example.org/article/a1")
LABEL = ox.NamedNode(PREFIXES["skos"] + "prefLabel")
TEXT = ox.NamedNode(GB + "text")


def _read(data: bytes) -> set[ox.Quad]:
    """The quads pyoxigraph reads, as a whole document and as a stream (same answer)."""
    quads = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    assert set(ox.parse(data, format=ox.RdfFormat.STREAMING_JSON_LD)) == quads
    return quads


def test_export_jsonld_default_graph_nodes_are_top_level() -> None:
    quads = [
        ox.Quad(ENTITY, LABEL, ox.Literal("Anna Schmidt")),
        ox.Quad(ENTITY, TEXT, ox.Literal("Hallo", language="de"), ARTICLE),
    ]
    data = serialize_jsonld(quads)
    doc = json.loads(data)
    by_id = {node["@id"]: node for node in doc["@graph"]}
    assert set(by_id) == {ENTITY.value, ARTICLE.value}
    assert "@graph" not in by_id[ENTITY.value]  # a default-graph node, not a graph object
    assert by_id[ARTICLE.value]["@graph"][0]["@id"] == ENTITY.value
    assert all("@id" in node for node in doc["@graph"])
    back = _read(data)
    assert back == set(quads)
    assert {q.graph_name for q in back} == {ox.DefaultGraph(), ARTICLE}


def test_export_jsonld_graph_name_described_in_the_default_graph() -> None:
    # the article IRI is a graph name and a subject of the default graph: one node holds both
    quads = [
        ox.Quad(ARTICLE, LABEL, ox.Literal("Artikel")),
        ox.Quad(ARTICLE, ox.NamedNode(RDF + "type"), ox.NamedNode(GB + "Article"), ARTICLE),
    ]
    data = serialize_jsonld(quads)
    (entry,) = json.loads(data)["@graph"]
    assert entry["skos:prefLabel"] == ["Artikel"]
    assert entry["@graph"][0]["@type"] == ["gb:Article"]
    assert _read(data) == set(quads)


def test_export_jsonld_keeps_lexical_forms_and_odd_iris() -> None:
    double = ox.NamedNode(XSD + "double")
    quads = [
        ox.Quad(ENTITY, ox.NamedNode(GB + "confidence"), ox.Literal("0.80", datatype=double)),
        ox.Quad(ENTITY, ox.NamedNode(GB + "start"), ox.Literal(7)),
        ox.Quad(ENTITY, ox.NamedNode(GB + "asserted"), ox.Literal(True)),
        # "dct://x" would be read as an IRI with scheme dct, so this one stays unabbreviated
        ox.Quad(ENTITY, ox.NamedNode(PREFIXES["dct"] + "//x"), ox.Literal('a\u2028b\x00"')),
        ox.Quad(ENTITY, ox.NamedNode(RDF + "type"), ox.Literal("not an IRI"), ARTICLE),
        ox.Quad(ox.BlankNode("b1"), TEXT, ox.BlankNode("b2"), ox.BlankNode("g1")),
    ]
    data = serialize_jsonld(quads)
    assert '"0.80"' in data.decode() and '"http://purl.org/dc/terms///x"' in data.decode()
    assert _read(data) == set(quads)


def test_export_jsonld_context_holds_the_prefixes_it_uses(tmp_path: object) -> None:
    store = Store.open(None)
    for res in example_resolutions():
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    context = json.loads(serialize_jsonld(store.quads()))["@context"]
    iris = {q.predicate.value for q in store.quads()}
    iris |= {q.object.value for q in store.quads() if q.predicate.value == RDF + "type"}
    iris |= {q.object.datatype.value for q in store.quads() if isinstance(q.object, ox.Literal)}
    # every namespace of the context abbreviates something, and nothing else is in it
    assert context == {k: ns for k, ns in PREFIXES.items() if any(i.startswith(ns) for i in iris)}
    assert {"gb", "skos", "prov", "dct", "xsd"} <= set(context)
    ontology = {q.subject.value for q in ontology_quads() if q.object.value.endswith("#Ontology")}
    assert {context["gb"]} == {iri + "#" for iri in ontology}


def test_export_jsonld_does_not_depend_on_input_order() -> None:
    store = Store.open(None)
    for res in example_resolutions():
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    quads = list(store.quads())
    first = serialize_jsonld(quads)
    random.Random(7).shuffle(quads)
    assert serialize_jsonld(quads) == first


# --- any text, language, datatype and graph layout survives a round trip -----------------

LEXICAL = st.text(
    st.one_of(st.characters(codec="utf-8"), st.sampled_from('"\\\n\r\t\x00\u2028\u2029\x85@:{}'))
)
LITERALS = st.one_of(
    LEXICAL.map(ox.Literal),
    st.tuples(LEXICAL, st.sampled_from(["de", "en-GB", "x-klingon"])).map(
        lambda t: ox.Literal(t[0], language=t[1])
    ),
    LEXICAL.map(lambda text: ox.Literal(text, language="ar", direction=ox.BaseDirection.RTL)),
    st.tuples(
        LEXICAL, st.sampled_from([XSD + "date", GB + "score", "http://x/dt", RDF + "JSON"])
    ).map(lambda t: ox.Literal(t[0], datatype=ox.NamedNode(t[1]))),
    st.integers().map(ox.Literal),
)
NODES = st.sampled_from([ENTITY, ARTICLE, mint_entity_iri("ß é/😀"), ox.NamedNode("urn:x:1")])
PREDICATES = st.sampled_from(
    [TEXT, LABEL, ox.NamedNode(RDF + "type"), ox.NamedNode("https://schema.org/"),
     ox.NamedNode(PREFIXES["prov"] + "//y"), ox.NamedNode("http://x/p#a:b")]
)  # fmt: skip
GRAPHS = st.one_of(st.just(ox.DefaultGraph()), NODES)
QUADS = st.lists(
    st.builds(ox.Quad, NODES, PREDICATES, st.one_of(LITERALS, NODES), GRAPHS), max_size=12
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUADS)
def test_export_jsonld_any_quads_round_trip(quads: list[ox.Quad]) -> None:
    data = serialize_jsonld(quads)
    assert _read(data) == set(quads)
    assert serialize_jsonld(reversed(quads)) == data


def test_export_jsonld_rejects_rdf_star() -> None:
    inner = ox.Triple(ENTITY, LABEL, ox.Literal("A"))
    with pytest.raises(ValueError, match="JSON-LD"):
        serialize_jsonld([ox.Quad(ENTITY, TEXT, inner)])
