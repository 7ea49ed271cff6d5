"""graph.validate: built graphs conform to shapes.ttl; broken ones are reported precisely."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.errors import OntologyError
from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions, synthetic_resolutions
from graphbuild.graph.validate import to_rdflib, unbacked_relations, validate
from graphbuild.types import PREDICATES


@pytest.fixture
def store() -> Store:
    st = Store.open(None)
    for res in (*example_resolutions(), *synthetic_resolutions(5, seed=2)):
        st.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return st


def test_validate_built_graph_conforms(store: Store) -> None:
    report = validate(store)
    assert report.conforms, report.problems
    assert validate(to_rdflib(store)).conforms


def test_validate_reports_missing_merged_label(store: Store) -> None:
    anna = mint_entity_iri("anna_schmidt")
    store.ox.remove(ox.Quad(anna, on.skos("prefLabel"), ox.Literal("Anna Schmidt")))
    report = validate(store)
    assert not report.conforms
    assert any("anna_schmidt" in p and "prefLabel" in p for p in report.problems)
    with pytest.raises(OntologyError, match="does not conform"):
        validate(store, raise_on_error=True)


def test_validate_reports_asserted_negated_relation(store: Store) -> None:
    anna, ben = mint_entity_iri("anna_schmidt"), mint_entity_iri("ben_okafor")
    g = mint_article_iri(example_resolutions()[0].extraction.article)
    store.ox.add(ox.Quad(anna, on.gb("criticizes"), ben, g))
    report = validate(store)
    assert not report.conforms
    assert any("criticizes" in p and "provenance" in p for p in report.problems)


def test_validate_reports_unknown_relation_predicate(store: Store) -> None:
    g = mint_article_iri(example_resolutions()[0].extraction.article)
    stmt = next(store.ox.quads_for_pattern(None, on.rdf("predicate"), None, g)).subject
    store.ox.remove(next(store.ox.quads_for_pattern(stmt, on.rdf("predicate"), None, g)))
    store.ox.add(ox.Quad(stmt, on.rdf("predicate"), on.gb("likes"), g))
    assert any("interaction properties" in p for p in validate(store).problems)


@pytest.mark.slow
def test_validate_build_of_the_golden_articles_conforms(tmp_path: Path, golden_dir: Path) -> None:
    """The real pipeline's output (not only synthetic data) conforms to the shapes."""
    from graphbuild.builder import build

    report = build([golden_dir], out=tmp_path)
    assert report.articles >= 3
    with Store.open(tmp_path / "store", read_only=True) as st:
        result = validate(st)
    assert result.conforms, result.problems[:10]


@pytest.mark.parametrize("predicate", sorted(PREDICATES))
def test_validate_unbacked_relation_of_every_predicate(predicate: str) -> None:
    st = Store.open(None)
    a, b = mint_entity_iri("a"), mint_entity_iri("b")
    graph = ox.NamedNode("https://graphbuild.example.org/article/x")
    st.ox.add(ox.Quad(a, on.gb(predicate), b, graph))
    assert unbacked_relations(st) == [
        f"{a.value} {on.gb(predicate).value} {b.value}: asserted without a non-negated "
        "rdf:Statement behind it (no provenance)"
    ]


@pytest.mark.parametrize("second", [ox.Literal("A. Schmidt", language="de"), ox.Literal("A.")])
def test_validate_two_prefLabels_in_one_language_are_a_violation(
    store: Store, second: ox.Literal
) -> None:
    anna = mint_entity_iri("anna_schmidt")
    store.ox.add(ox.Quad(anna, on.skos("prefLabel"), ox.Literal("Anna Schmidt", language="de")))
    assert validate(store).conforms  # one tagged label beside the plain one is fine
    store.ox.add(ox.Quad(anna, on.skos("prefLabel"), second))
    report = validate(store)
    assert not report.conforms
    assert any("anna_schmidt" in p and "prefLabel" in p for p in report.problems)
