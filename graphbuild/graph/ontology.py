"""Namespaces and terms of the graphbuild ontology (``ontologies/graphbuild.ttl``)."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

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


def gb(local: str) -> NamedNode:
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
