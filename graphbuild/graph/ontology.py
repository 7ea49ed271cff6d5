"""Namespaces and terms of the graphbuild ontology (``ontologies/graphbuild.ttl``).

The ontology and the SHACL shapes ship inside the package (``graphbuild/ontologies`` is a
symlink to the top-level ``ontologies/`` folder), so they load from an installed wheel too.

Example:
    >>> gb("meetsWith").value
    'https://graphbuild.example.org/ontology#meetsWith'
    >>> gb("meetsWith") in symmetric_properties()
    True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from graphbuild.errors import OntologyError

GB = "https://graphbuild.example.org/ontology#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"

PREFIXES: dict[str, str] = {
    "gb": GB,
    "schema": SCHEMA,
    "prov": PROV,
    "dct": DCT,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
}

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontologies"


def ontology_path(name: str = "graphbuild.ttl") -> Path:
    """Path of a file of the ontology folder (shipped inside the package)."""
    return ONTOLOGY_DIR / name


@cache
def ontology_quads(name: str = "graphbuild.ttl") -> tuple[Quad, ...]:
    """The ontology (or ``shapes.ttl``) as quads; OntologyError when missing or broken."""
    path = ontology_path(name)
    try:
        return tuple(parse(path=str(path), format=RdfFormat.TURTLE))
    except (OSError, SyntaxError) as exc:
        raise OntologyError(
            f"{path}: cannot read the ontology: {exc}; reinstall graphbuild or fix the file"
        ) from exc


def _instances(cls: NamedNode) -> frozenset[NamedNode]:
    return frozenset(
        q.subject
        for q in ontology_quads()
        if q.predicate == rdf("type") and q.object == cls and isinstance(q.subject, NamedNode)
    )


@cache
def symmetric_properties() -> frozenset[NamedNode]:
    """Interaction properties declared ``owl:SymmetricProperty`` (spokeWith, meetsWith, …)."""
    return _instances(NamedNode(OWL + "SymmetricProperty"))


@cache
def interaction_properties() -> frozenset[NamedNode]:
    """Every sub-property of ``gb:interactsWith``: the predicates of extracted relations."""
    return frozenset(
        q.subject
        for q in ontology_quads()
        if q.predicate == rdfs("subPropertyOf")
        and q.object == gb("interactsWith")
        and isinstance(q.subject, NamedNode)
    )


def gb(local: str) -> NamedNode:
    """A term of the graphbuild vocabulary."""
    return NamedNode(GB + local)


def schema(local: str) -> NamedNode:
    return NamedNode(SCHEMA + local)


def prov(local: str) -> NamedNode:
    return NamedNode(PROV + local)


def rdf(local: str) -> NamedNode:
    return NamedNode(RDF + local)


def rdfs(local: str) -> NamedNode:
    return NamedNode(RDFS + local)


def skos(local: str) -> NamedNode:
    return NamedNode(SKOS + local)


def dct(local: str) -> NamedNode:
    return NamedNode(DCT + local)


def xsd(local: str) -> NamedNode:
    return NamedNode(XSD + local)
