"""An interactive pyvis view of the graph that opens offline (all JavaScript inline)."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from graphbuild.files import atomic_write
from graphbuild.graph.store import Store

_REMOTE = re.compile(
    r"<(script|link)\b[^>]*(?:src|href)=\"(?:https?:|\.\./)[^\"]*\"[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)

_NODES = """
PREFIX gb: <https://graphbuild.example.org/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?e ?label ?type WHERE { ?e skos:prefLabel ?label ; a ?type . }
"""
_EDGES = """
PREFIX gb: <https://graphbuild.example.org/ontology#>
SELECT DISTINCT ?s ?p ?o WHERE {
  ?s ?p ?o . ?s a ?st . ?o a ?ot .
  FILTER(STRSTARTS(STR(?p), STR(gb:)) && ?p NOT IN (gb:mentions))
}
"""


def write_html(store: Store, path: Path) -> Path:
    """Entities as nodes, relations as edges, written to ``path``."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    nodes = {}
    for sol in store.ox.query(_NODES, use_default_graph_as_union=True):
        iri = sol["e"].value
        nodes[iri] = (sol["label"].value, sol["type"].value.rsplit("#", 1)[-1])
    for iri, (label, typ) in nodes.items():
        net.add_node(
            iri, label=html_lib.escape(label), title=html_lib.escape(f"{label} ({typ})"), group=typ
        )
    for sol in store.ox.query(_EDGES, use_default_graph_as_union=True):
        s, p, o = sol["s"].value, sol["p"].value.rsplit("#", 1)[-1], sol["o"].value
        if s in nodes and o in nodes:
            net.add_edge(s, o, label=p, title=p)
    page = _REMOTE.sub("", net.generate_html())
    with atomic_write(path) as fh:
        fh.write(page)
    return path
