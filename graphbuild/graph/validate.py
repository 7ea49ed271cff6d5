"""SHACL validation of a graph against ``ontologies/shapes.ttl`` (pyshacl).

The shapes describe the union of all graphs of a store: article graphs plus the merged
default graph (e.g. "an entity has exactly one ``skos:prefLabel``" only holds once the
default graph is merged in). ``validate`` returns a report; with ``raise_on_error=True`` a
non-conforming graph raises :class:`OntologyError` naming the first problems.

Example:
    >>> from graphbuild.graph.store import Store
    >>> validate(Store.open(None)).conforms
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import rdflib
from pyoxigraph import RdfFormat, serialize

from graphbuild.errors import OntologyError
from graphbuild.graph.ontology import ontology_path
from graphbuild.graph.store import Store
from graphbuild.types import PREDICATES

_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether the graph conforms, one line per violation, and pyshacl's full text report."""

    conforms: bool
    problems: tuple[str, ...]
    text: str


def to_rdflib(store: Store) -> rdflib.Graph:
    """The union of every graph of ``store`` as one rdflib Graph (for pyshacl and rdflib users).

    Example:
        >>> len(to_rdflib(Store.open(None)))
        0
    """
    data = serialize((q.triple for q in store.quads()), format=RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    graph.parse(data=data, format="nt")
    return graph


def _shapes() -> rdflib.Graph:
    path = ontology_path("shapes.ttl")
    try:
        return rdflib.Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for syntax errors
        raise OntologyError(f"{path}: cannot read the SHACL shapes: {exc}") from exc


def _problems(results: rdflib.Graph) -> tuple[str, ...]:
    lines = []
    for res in results.subjects(rdflib.RDF.type, _SH.ValidationResult):
        focus = results.value(res, _SH.focusNode)
        path = results.value(res, _SH.resultPath)
        msg = results.value(res, _SH.resultMessage)
        where = f"{focus}" + (f" {path}" if path is not None else "")
        lines.append(f"{where}: {msg}")
    return tuple(sorted(lines))


# the interaction predicates, symmetric and directed, come from types.PREDICATES
_INTERACTIONS = ", ".join(f"gb:{p}" for p in sorted(PREDICATES))
_UNBACKED = f"""
SELECT DISTINCT ?s ?p ?o WHERE {{
  ?s ?p ?o .
  FILTER (?p IN ({_INTERACTIONS}))
  FILTER NOT EXISTS {{ ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gb:asserted true }}
}}"""


def unbacked_relations(store: Store) -> list[str]:
    """Asserted interaction triples without a non-negated ``rdf:Statement`` (no provenance).

    Example:
        >>> unbacked_relations(Store.open(None))
        []
    """
    rows = store.select(_UNBACKED)
    return [
        f"{r['s'].value} {r['p'].value} {r['o'].value}: asserted without a non-negated "
        "rdf:Statement behind it (no provenance)"
        for r in rows
    ]


# A summary must be in its subject's, its object's and the store-wide group for its article
# count, and in no other group.
_MISGROUPED = """
SELECT DISTINCT ?i ?owner WHERE {
  {
    ?i a gb:InteractionSummary ; gb:articleCount ?n .
    { ?i gb:summarySubject ?owner } UNION { ?i gb:summaryObject ?owner }
    UNION { BIND(gb:allEntities AS ?owner) }
    FILTER NOT EXISTS { ?i gb:inGroup ?g . ?g gb:groupOf ?owner ; gb:groupArticleCount ?n }
  } UNION {
    ?i a gb:InteractionSummary ; gb:articleCount ?n ; gb:inGroup ?g .
    ?g gb:groupOf ?owner ; gb:groupArticleCount ?m .
    FILTER(?m != ?n || NOT EXISTS { ?i gb:summarySubject ?owner }
           && NOT EXISTS { ?i gb:summaryObject ?owner } && ?owner != gb:allEntities)
  }
}"""


def misgrouped_summaries(store: Store) -> list[str]:
    """Interaction summaries missing from, or wrongly in, an interaction group.

    Example:
        >>> misgrouped_summaries(Store.open(None))
        []
    """
    return [
        f"{r['i'].value} gb:inGroup: not in exactly the group of {r['owner'].value} "
        "for its article count"
        for r in store.select(_MISGROUPED)
    ]


def _as_store(graph: rdflib.Graph) -> Store:
    store = Store.open(None)
    data = graph.serialize(format="nt", encoding="utf-8")
    store.ox.load(data, format=RdfFormat.N_TRIPLES)
    return store


def validate(source: Store | rdflib.Graph, *, raise_on_error: bool = False) -> ValidationReport:
    """Validate a store (all graphs merged) or an rdflib graph against the SHACL shapes,
    plus the whole-graph rules SHACL is slow at: every asserted relation has provenance, and
    every interaction summary is in the groups of its subject, object and all entities for
    its article count."""
    from pyshacl import validate as shacl_validate

    data = to_rdflib(source) if isinstance(source, Store) else source
    store = source if isinstance(source, Store) else _as_store(source)
    kwargs: dict[str, Any] = {"shacl_graph": _shapes(), "inference": "none", "advanced": True}
    conforms, results, text = shacl_validate(data, **kwargs)
    if not isinstance(results, rdflib.Graph):  # pyshacl reports broken shapes this way
        raise OntologyError(f"{ontology_path('shapes.ttl')}: invalid SHACL shapes: {text}")
    whole_graph = unbacked_relations(store) + misgrouped_summaries(store)
    report = ValidationReport(
        bool(conforms) and not whole_graph,
        _problems(results) + tuple(whole_graph),
        str(text) + "".join(f"\n{line}" for line in whole_graph),
    )
    if raise_on_error and not report.conforms:
        first = "; ".join(report.problems[:3])
        more = f" (and {len(report.problems) - 3} more)" if len(report.problems) > 3 else ""
        raise OntologyError(
            f"graph does not conform to shapes.ttl: {first}{more}; see docs/graph.md"
        )
    return report
