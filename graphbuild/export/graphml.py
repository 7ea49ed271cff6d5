"""The actor network for graph-analysis tools: GraphML (yEd, Gephi, networkx) and GEXF (Gephi).

Nodes are entities (IRI as id; ``label``, ``type``, ``aliases``, ``articles``); edges are the
asserted interactions (``predicate``, ``symmetric``, ``articles`` = how many articles report
it, ``confidence`` = the best one, ``sentence`` = one example). Quotes become a ``quotes``
count on their speaker. Negated relations are left out, as in the RDF graph.

Example:
    >>> from graphbuild.graph.store import Store
    >>> to_networkx(Store.open(None)).number_of_nodes()
    0
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphbuild.files import atomic_write
from graphbuild.graph.ontology import GB, symmetric_properties
from graphbuild.graph.store import Store

_NODES = """
SELECT ?e ?label ?type (GROUP_CONCAT(DISTINCT ?alias; SEPARATOR="|") AS ?aliases)
       (COUNT(DISTINCT ?a) AS ?articles) WHERE {
  ?e skos:prefLabel ?label .
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { GRAPH ?a { ?a gb:mentions ?e } }
  { SELECT ?e (SAMPLE(?t) AS ?type) WHERE { ?e skos:prefLabel ?l ; a ?t } GROUP BY ?e }
} GROUP BY ?e ?label ?type"""

_QUOTES = """
SELECT ?e (COUNT(DISTINCT ?q) AS ?n) WHERE { GRAPH ?g { ?q gb:saidBy ?e } } GROUP BY ?e"""

_EDGES = """
SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?articles) (MAX(?c) AS ?confidence)
       (SAMPLE(?sentence) AS ?example) WHERE {
  GRAPH ?g {
    ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; gb:asserted true ; gb:confidence ?c .
    OPTIONAL { ?st gb:sentence ?sentence }
  }
} GROUP BY ?s ?p ?o"""


def to_networkx(store: Store) -> nx.MultiDiGraph:
    """Entities and asserted interactions of ``store`` as a networkx multigraph."""
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    symmetric = {p.value for p in symmetric_properties()}
    for sol in store.select(_NODES):
        g.add_node(
            sol["e"].value,
            label=sol["label"].value,
            type=sol["type"].value.removeprefix(GB) if sol["type"] else "",
            aliases=sol["aliases"].value if sol["aliases"] else "",
            articles=int(sol["articles"].value),
            quotes=0,
        )
    for sol in store.select(_QUOTES):
        if sol["e"].value in g:
            g.nodes[sol["e"].value]["quotes"] = int(sol["n"].value)
    for sol in store.select(_EDGES):
        s, o, p = sol["s"].value, sol["o"].value, sol["p"].value
        if s in g and o in g:
            g.add_edge(
                s,
                o,
                key=p,
                predicate=p.removeprefix(GB),
                symmetric=p in symmetric,
                articles=int(sol["articles"].value),
                confidence=float(sol["confidence"].value),
                sentence=sol["example"].value if sol["example"] else "",
            )
    return g


def write_graphml(store: Store, path: Path) -> Path:
    """GraphML of the actor network, written atomically."""
    graph = to_networkx(store)
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(graph, fh, encoding="utf-8")
    return path


def write_gexf(store: Store, path: Path) -> Path:
    """GEXF of the actor network (Gephi's format), written atomically."""
    graph = to_networkx(store)
    with atomic_write(path, "wb") as fh:
        nx.write_gexf(graph, fh, encoding="utf-8")
    return path
