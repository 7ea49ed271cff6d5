"""The OWL ontology: parses, declares every predicate, labels and comments in German and English."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from graphbuild.graph import ontology as on
from graphbuild.types import DIRECTED_PREDICATES, PREDICATES, SYMMETRIC_PREDICATES

GB = rdflib.Namespace(on.GB)
SCHEMA = rdflib.Namespace(on.SCHEMA)


def _onto() -> rdflib.Graph:
    return rdflib.Graph().parse(on.ontology_path(), format="turtle")


def test_ontology_declares_every_predicate_with_symmetry() -> None:
    g = _onto()
    for p in SYMMETRIC_PREDICATES:
        assert (GB[p], RDF.type, OWL.SymmetricProperty) in g, p
    for p in DIRECTED_PREDICATES:
        assert (GB[p], RDF.type, OWL.ObjectProperty) in g, p
        assert (GB[p], RDF.type, OWL.SymmetricProperty) not in g, p
    assert {n.value for n in on.interaction_properties()} == {on.GB + p for p in PREDICATES}


def test_ontology_reuses_standard_vocabularies() -> None:
    g = _onto()
    for cls, parent in [
        ("Person", SCHEMA.Person),
        ("Country", SCHEMA.Country),
        ("Organization", SCHEMA.Organization),
        ("Event", SCHEMA.Event),
        ("Quote", SCHEMA.Quotation),
        ("Article", SCHEMA.NewsArticle),
    ]:
        assert (GB[cls], RDFS.subClassOf, parent) in g, cls
    prov = rdflib.Namespace(on.PROV)
    assert (GB.saidBy, RDFS.subPropertyOf, prov.wasAttributedTo) in g


def test_ontology_every_term_has_german_and_english_label_and_comment() -> None:
    g = _onto()
    terms = set(g.subjects(RDF.type, OWL.Class)) | set(g.subjects(RDF.type, OWL.ObjectProperty))
    terms |= set(g.subjects(RDF.type, OWL.DatatypeProperty))
    assert len(terms) > 30
    for term in terms:
        for prop in (RDFS.label, RDFS.comment):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"de", "en"} <= langs, f"{term} {prop} has {langs}"


def test_ontology_shapes_parse() -> None:
    shapes = rdflib.Graph().parse(on.ontology_path("shapes.ttl"), format="turtle")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    assert len(set(shapes.subjects(RDF.type, sh.NodeShape))) >= 4


def test_ontology_ships_inside_the_package() -> None:
    import graphbuild

    pkg = on.ontology_path().resolve()
    assert pkg.is_file() and (on.ONTOLOGY_DIR.parent / "__init__.py").samefile(graphbuild.__file__)
