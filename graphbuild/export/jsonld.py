"""JSON-LD of an RDF dataset, byte for byte the same for the same quads.

The shape is what the JSON-LD 1.1 "Serialize RDF as JSON-LD" algorithm gives, compacted
with a few prefixes: the default graph's nodes at the top level of ``@graph``, each named
graph as a node ``{"@id": <graph name>, "@graph": [...]}``. A graph object without ``@id``
would be read as a named graph with a blank-node name (Jena and pyoxigraph do so), leaving no
default graph. Every value is written in its expanded form (``{"@value": "0.8", "@type":
"xsd:double"}``, never a JSON number), so lexical forms survive exactly. Nodes, keys and
values are sorted, so the output does not depend on hash order or on the input order; keys
come in the order of the JSON-LD streaming profile (``@context``, ``@type``, ``@id``), so a
reader can parse the file as a stream. The context holds only the prefixes the data uses;
graph names and node ids stay full IRIs.

Example:
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> gb = "https://graphbuild.example.org/ontology#"
    >>> e, g = NamedNode("http://x/e"), NamedNode("http://x/g")
    >>> q = Quad(e, NamedNode(gb + "text"), Literal("Hallo", language="de"), g)
    >>> print(serialize_jsonld([q]).decode())
    {
      "@context": {
        "gb": "https://graphbuild.example.org/ontology#"
      },
      "@graph": [
        {
          "@id": "http://x/g",
          "@graph": [
            {
              "@id": "http://x/e",
              "gb:text": [
                {
                  "@language": "de",
                  "@value": "Hallo"
                }
              ]
            }
          ]
        }
      ]
    }
    <BLANKLINE>
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from graphbuild.graph.ontology import PREFIXES, RDF, XSD

_TYPE = RDF + "type"
_STRING = XSD + "string"
Node = dict[str, Any]  # one JSON-LD node object: "@id", "@type", property keys → values


class _Compactor:
    """Writes IRIs as ``prefix:local`` where a prefix fits, and remembers which it used."""

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        # longest namespace first, so a namespace inside another one loses
        self._prefixes = sorted(prefixes.items(), key=lambda p: (-len(p[1]), p[0]))
        self.used: dict[str, str] = {}

    def __call__(self, iri: str) -> str:
        for name, ns in self._prefixes:
            local = iri[len(ns) :]
            # "prefix://…" would be read as an absolute IRI, not as a compact one
            if iri.startswith(ns) and not local.startswith("//"):
                self.used[name] = ns
                return f"{name}:{local}"
        return iri


def _node_id(term: object) -> str:
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    raise ValueError(f"JSON-LD export: {term} is a triple term, which JSON-LD cannot write")


def _value(term: object, compact: _Compactor) -> str | dict[str, str]:
    if not isinstance(term, Literal):
        return {"@id": _node_id(term)}
    if term.direction is not None:  # RDF 1.2 text direction
        return {
            "@direction": str(term.direction),
            "@language": term.language or "",
            "@value": term.value,
        }
    if term.language:
        return {"@language": term.language, "@value": term.value}
    if term.datatype.value == _STRING:
        return term.value
    return {"@type": compact(term.datatype.value), "@value": term.value}


def _sort_key(value: str | dict[str, str]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _graphs(quads: Iterable[Quad | Triple], compact: _Compactor) -> dict[str, dict[str, Node]]:
    """graph name ("" for the default graph) → node id → node object (values unsorted)."""
    graphs: dict[str, dict[str, Node]] = defaultdict(dict)
    for q in quads:
        graph_name = q.graph_name if isinstance(q, Quad) else DefaultGraph()
        g = "" if isinstance(graph_name, DefaultGraph) else _node_id(graph_name)
        s = _node_id(q.subject)
        node = graphs[g].setdefault(s, {"@id": s})
        if q.predicate.value == _TYPE and isinstance(q.object, NamedNode):
            node.setdefault("@type", []).append(compact(q.object.value))
        else:
            node.setdefault(compact(q.predicate.value), []).append(_value(q.object, compact))
    return graphs


def _sorted(node: Node) -> Node:
    """``@type``, ``@id``, then the properties, each group and its values sorted (the key
    order of the JSON-LD streaming profile, so readers can parse the file as a stream)."""
    out: Node = {"@type": sorted(node["@type"])} if "@type" in node else {}
    out["@id"] = node["@id"]
    for key in sorted(k for k in node if not k.startswith("@")):
        out[key] = sorted(node[key], key=_sort_key)
    return out


def _entries(graphs: dict[str, dict[str, Node]]) -> Iterator[Node]:
    """The top-level nodes in id order: default-graph nodes, named graphs with their nodes."""
    default = graphs.get("", {})
    for node_id in sorted(default.keys() | (graphs.keys() - {""})):
        entry = _sorted(default.get(node_id, {"@id": node_id}))
        if node_id in graphs:
            entry["@graph"] = [_sorted(n) for _, n in sorted(graphs[node_id].items())]
        yield entry


def jsonld_chunks(
    quads: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES
) -> Iterator[str]:
    """The JSON-LD document of ``quads`` (triples go to the default graph) in pieces."""
    compact = _Compactor(prefixes)
    graphs = _graphs(quads, compact)  # compacts every IRI, so the context is known now
    context = json.dumps({"@context": dict(sorted(compact.used.items()))}, indent=2)
    yield context[: -len("\n}")] + ',\n  "@graph": ['
    separator = ""
    for entry in _entries(graphs):
        # json.dumps escapes every line break inside strings, so "\n" splits only its layout
        # (str.splitlines and textwrap would also split at U+2028 inside a literal)
        lines = json.dumps(entry, ensure_ascii=False, indent=2).split("\n")
        yield separator + "".join(f"\n    {line}" for line in lines)
        separator = ","
    yield ("\n  " if separator else "") + "]\n}\n"


def serialize_jsonld(
    quads: Iterable[Quad | Triple], prefixes: Mapping[str, str] = PREFIXES
) -> bytes:
    """The JSON-LD document of ``quads`` as UTF-8 bytes (see the module docstring)."""
    return "".join(jsonld_chunks(quads, prefixes)).encode("utf-8")
