"""The actor network for graph-analysis tools: GraphML (yEd, Gephi, networkx) and GEXF (Gephi).

The graph is :func:`graphbuild.analytics.to_networkx` of the store's snapshot, the same one
``graphbuild stats`` and the HTML view analyse. Nodes are entities (IRI as id; ``label``,
``type``, ``aliases``, ``articles``, ``quotes``); edges are the asserted relations
(``predicate``, ``symmetric``, ``articles`` = how many articles report it, ``confidence`` =
the best one, ``sentence`` = one example). Negated relations are left out, as in the RDF graph.

Example:
    >>> from graphbuild.graph.store import Store
    >>> actor_network(Store.open(None)).number_of_nodes()
    0
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graphbuild.analytics import read_snapshot, to_networkx
from graphbuild.files import atomic_write
from graphbuild.graph.store import Store


def actor_network(store: Store) -> nx.MultiDiGraph:
    """Entities and asserted relations of ``store`` as a networkx multigraph."""
    return to_networkx(read_snapshot(store))


def write_graphml(store: Store, path: Path) -> Path:
    """GraphML of the actor network, written atomically."""
    graph = actor_network(store)
    with atomic_write(path, "wb") as fh:
        nx.write_graphml(graph, fh, encoding="utf-8")
    return path


def write_gexf(store: Store, path: Path) -> Path:
    """GEXF of the actor network (Gephi's format), written atomically."""
    graph = actor_network(store)
    with atomic_write(path, "wb") as fh:
        nx.write_gexf(graph, fh, encoding="utf-8")
    return path
