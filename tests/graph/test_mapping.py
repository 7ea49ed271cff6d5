"""graph.mapping: IRI minting, the quads of one article, and the merged entity descriptions."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import (
    iri_segment,
    merge_descriptions,
    mint_article_iri,
    mint_entity_iri,
    mint_quote_iri,
    to_quads,
)
from graphbuild.graph.synthetic import example_resolutions
from graphbuild.types import Article

BASE = "https://graphbuild.example.org/"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("anna_schmidt", "anna_schmidt"),
        ("Zoë Ünal", "Zoë_Ünal"),
        ("a/b", "a%2Fb"),
        ('x"<y>', "x%22%3Cy%3E"),
        ("..", "%2E%2E"),
        ("", "_"),
        ("Zoe\u0308", "Zoë"),  # decomposed umlaut → the same IRI as the composed one
    ],
)
def test_mapping_iri_segment_readable_and_safe(text: str, expected: str) -> None:
    assert iri_segment(text) == expected


def test_mapping_entity_iri_uses_configurable_base() -> None:
    assert mint_entity_iri("x", "http://example.com/kg/").value == "http://example.com/kg/entity/x"


def test_mapping_article_iri_prefers_id_then_url_then_hash() -> None:
    art = Article(id="", lang="de", title="", text="", url="https://ex.org/a/b?c=1")
    assert mint_article_iri(art).value == f"{BASE}article/ex.org/a/b%3Fc%3D1"
    assert mint_article_iri(Article(id="seed", lang="de", title="", text="")).value.endswith(
        "/article/seed"
    )
    anon = Article(id="", lang="de", title="", text="", content_hash="f" * 64)
    assert mint_article_iri(anon).value.endswith("/article/" + "f" * 16)


def test_mapping_quote_iri_depends_on_speaker_and_text_only() -> None:
    assert mint_quote_iri("a", "x") == mint_quote_iri("a", "x")
    assert mint_quote_iri("a", "x") != mint_quote_iri("b", "x")
    assert mint_quote_iri("a", "x") != mint_quote_iri("a", "y")


def _quads() -> list[Quad]:
    return list(to_quads(example_resolutions()[0]))


def test_mapping_every_quad_is_in_the_article_graph() -> None:
    g = NamedNode(f"{BASE}article/nordland-1")
    assert {q.graph_name for q in _quads()} == {g}


def test_mapping_quote_has_speaker_text_offsets_and_sentence() -> None:
    res = example_resolutions()[0]
    quads = _quads()
    anna = mint_entity_iri("anna_schmidt")
    (said,) = [q.object for q in quads if q.subject == anna and q.predicate == on.gb("said")]
    props = {q.predicate: q.object for q in quads if q.subject == said}
    assert props[on.gb("saidBy")] == anna
    assert props[on.gb("text")] == Literal("Wir bleiben im Gespräch")
    start, end = int(props[on.gb("start")].value), int(props[on.gb("end")].value)
    assert res.extraction.article.text[start:end] == "Wir bleiben im Gespräch"
    assert props[on.gb("kind")] == Literal("direct")
    assert props[on.dct("language")] == Literal("de")
    assert props[on.gb("cue")] == Literal("sagte", language="de")
    assert "sagte Schmidt" in props[on.gb("sentence")].value


def test_mapping_negated_relation_is_recorded_not_asserted() -> None:
    quads = _quads()
    anna, ben = mint_entity_iri("anna_schmidt"), mint_entity_iri("ben_okafor")
    triples = {(q.subject, q.predicate, q.object) for q in quads}
    assert (anna, on.gb("meetsWith"), ben) in triples
    assert (anna, on.gb("criticizes"), ben) not in triples
    stmts = [q.subject for q in quads if q.predicate == on.rdf("predicate")]
    assert len(stmts) == 2
    by_pred = {
        next(q.object for q in quads if q.subject == s and q.predicate == on.rdf("predicate")): {
            q.predicate: q.object for q in quads if q.subject == s
        }
        for s in stmts
    }
    crit = by_pred[on.gb("criticizes")]
    assert crit[on.gb("negated")].value == "true"
    assert crit[on.gb("asserted")].value == "false"
    assert crit[on.gb("rule")] == Literal("verb.kritisieren")
    meet = by_pred[on.gb("meetsWith")]
    assert meet[on.gb("asserted")].value == "true"
    assert meet[on.gb("confidence")].value == "0.8"
    assert meet[on.prov("wasDerivedFrom")] == NamedNode(f"{BASE}article/nordland-1")


def test_mapping_is_deterministic() -> None:
    assert _quads() == _quads()


def test_mapping_entities_described_with_article_names() -> None:
    quads = _quads()
    anna = mint_entity_iri("anna_schmidt")
    objs = {(q.predicate, q.object) for q in quads if q.subject == anna}
    assert (on.rdf("type"), on.gb("Person")) in objs
    assert (on.rdfs("label"), Literal("Anna Schmidt")) in objs
    assert (on.skos("altLabel"), Literal("Schmidt")) in objs
    assert (on.gb("holdsPosition"), Literal("Außenministerin", language="de")) in objs
    # prefLabel is only in the merged default graph, so the union has exactly one per entity
    assert not any(q.predicate == on.skos("prefLabel") for q in quads)


def test_mapping_merge_descriptions_votes_type_and_label() -> None:
    e = NamedNode("http://e/1")
    g = [NamedNode(f"http://g/{i}") for i in range(3)]
    obs = [
        Quad(e, on.rdf("type"), on.gb("Organization"), g[0]),
        Quad(e, on.rdf("type"), on.gb("Person"), g[1]),
        Quad(e, on.rdf("type"), on.gb("Person"), g[2]),
        Quad(e, on.rdfs("label"), Literal("A. Schmidt"), g[0]),
        Quad(e, on.rdfs("label"), Literal("Anna Schmidt"), g[1]),
        Quad(e, on.rdfs("label"), Literal("Anna Schmidt"), g[2]),
        Quad(e, on.skos("altLabel"), Literal("Schmidt"), g[2]),
    ]
    merged = merge_descriptions(obs)
    assert all(q.graph_name == DefaultGraph() for q in merged)
    po = {(q.predicate, q.object) for q in merged}
    assert (on.rdf("type"), on.gb("Person")) in po
    assert (on.rdf("type"), on.gb("Organization")) not in po
    assert (on.skos("prefLabel"), Literal("Anna Schmidt")) in po
    assert {o for p, o in po if p == on.skos("altLabel")} == {
        Literal("A. Schmidt"),
        Literal("Schmidt"),
    }
    assert merge_descriptions(reversed(obs)) == merged


def test_mapping_relayed_quote_names_its_source() -> None:
    """A quote passed on by a source ("X zitiert Y …"): said by Y, relayed by X."""
    from dataclasses import replace

    res = example_resolutions()[0]
    ben = next(m for m in res.extraction.mentions if m.text == "Ben Okafor")
    quote = replace(res.extraction.quotes[0], via=ben, via_phrase=(ben.start, ben.end))
    relayed = replace(res, extraction=replace(res.extraction, quotes=(quote,)))
    quads = list(to_quads(relayed))
    anna, ben_iri = mint_entity_iri("anna_schmidt"), mint_entity_iri("ben_okafor")
    (said,) = [q.object for q in quads if q.subject == anna and q.predicate == on.gb("said")]
    assert [q.object for q in quads if q.subject == said and q.predicate == on.gb("relayedBy")] == [
        ben_iri
    ]
    assert not [q for q in _quads() if q.predicate == on.gb("relayedBy")]
