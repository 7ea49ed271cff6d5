"""Property tests: any name or quote text gives valid IRIs and round-trips through Turtle,
TriG and JSON-LD (rdflib and pyoxigraph read back the same graph)."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.export.rdf import serialize_store
from graphbuild.graph.mapping import iri_segment, mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.validate import to_rdflib
from graphbuild.types import (
    Article,
    Entity,
    Extraction,
    Mention,
    Quote,
    Relation,
    Resolution,
    Sentence,
)

NASTY = st.sampled_from(
    [
        '"',
        '"""',
        "<",
        ">",
        "\\",
        "\n",
        "\r",
        "\t",
        "'",
        "{",
        "}",
        " ",
        "😀",
        "ß",
        "é",
        "\u0301",
        "\u200b",
        "\x00",
        "\x7f",
        "#",
        "%",
        "/",
        "?",
        "@",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=5), NASTY), max_size=12).map("".join)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_properties_any_name_gives_a_valid_iri(name: str) -> None:
    iri = mint_entity_iri(name)  # pyoxigraph validates the IRI
    assert iri == mint_entity_iri(name)
    assert not any(c in iri.value for c in ' <>"{}|\\^`')
    data = f"<{iri.value}> <http://x/p> <http://x/o> .\n"
    g = rdflib.Graph().parse(data=data, format="nt")
    assert str(next(iter(g))[0]) == iri.value
    assert "/" not in iri_segment(name)


def _resolution(name: str, alias: str, said: str, title: str, article_id: str) -> Resolution:
    text = f"{name} sagte: {said}"
    m = Mention(0, len(name), name, "PER")
    other = Mention(0, len(name), name + "x", "ORG")
    q = Quote(
        len(name) + 8, len(text), said, "direct", speaker=m, cue="sagte", rule="r", confidence=0.5
    )
    r = Relation(m, "meetsWith", other, 0, len(text), evidence=said, rule="r", confidence=1.0)
    art = Article(id=article_id, lang="de", title=title, text=text, source=said)
    ext = Extraction(art, (Sentence(0, len(text)),), (m, other), (q,), (r,))
    ents = (
        Entity(name, name, "Person", aliases=(alias,), positions=(said,)),
        Entity(name + "x", alias, "Organization"),
    )
    return Resolution(ext, ents, {m: name, other: name + "x"})


@FAST
@given(TEXT, TEXT, TEXT, TEXT, TEXT)
def test_properties_any_text_round_trips_through_rdf_formats(
    name: str, alias: str, said: str, title: str, article_id: str
) -> None:
    res = _resolution(name, alias, said, title, article_id)
    store = Store.open(None)
    store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    expected = set(store.quads())
    union = to_rdflib(store)
    # Turtle: the union graph, read by rdflib and by pyoxigraph
    ttl = serialize_store(store, "ttl")
    assert isomorphic(rdflib.Graph().parse(data=ttl, format="turtle"), union)
    assert set(ox.parse(ttl, format=ox.RdfFormat.TURTLE)) == {
        ox.Quad(t.subject, t.predicate, t.object) for t in (q.triple for q in expected)
    }
    # TriG: the dataset with its named graphs
    trig = serialize_store(store, "trig")
    assert set(ox.parse(trig, format=ox.RdfFormat.TRIG)) == expected
    ds = rdflib.Dataset()
    ds.parse(data=trig, format="trig")
    assert len(list(ds.quads((None, None, None, None)))) == len(expected)
    # JSON-LD via rdflib, read back by rdflib
    jsonld = serialize_store(store, "jsonld")
    back = rdflib.Dataset()
    back.parse(data=jsonld, format="json-ld")
    merged = rdflib.Graph()
    for s, p, o, _g in back.quads((None, None, None, None)):
        merged.add((s, p, o))
    assert isomorphic(merged, union)


@FAST
@given(TEXT)
def test_properties_merging_twice_changes_nothing(said: str) -> None:
    res = _resolution("Anna", "A.", said, "t", "a1")
    store = Store.open(None)
    g = mint_article_iri(res.extraction.article)
    assert store.merge(g, to_quads(res)) is True
    before = set(store.quads())
    assert store.merge(g, to_quads(res)) is False
    assert set(store.quads()) == before
