"""Query results as bytes in the formats the SPARQL 1.1 Protocol names.

SELECT and ASK: SPARQL JSON (the default), SPARQL XML, CSV and TSV (W3C result formats).
CONSTRUCT and DESCRIBE: Turtle (the default), N-Triples, RDF/XML and JSON-LD, written by
pyoxigraph's serialisers.

Example:
    >>> format_result(Result("ask", boolean=True), "json")
    b'{"head": {}, "boolean": true}'
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple, serialize

from graphbuild.graph.ontology import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# media type → result format, in the order of preference when the client accepts several
RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/ld+json": RdfFormat.JSON_LD,
}


@dataclass(frozen=True, slots=True)
class Result:
    """A finished query: kind (select/ask/graph), variables, rows or triples, truncated flag."""

    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    boolean: bool = False
    triples: tuple[Triple, ...] = ()
    truncated: bool = False


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _xml_term(term: Any) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f'<literal xml:lang="{term.language}">{xml_escape(term.value)}</literal>'
        if term.datatype.value != XSD_STRING:
            dt = xml_escape(term.datatype.value, {'"': "&quot;"})
            return f'<literal datatype="{dt}">{xml_escape(term.value)}</literal>'
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def _json(result: Result) -> bytes:
    if result.kind == "ask":
        doc: dict[str, Any] = {"head": {}, "boolean": result.boolean}
    else:
        bindings = [
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t}
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def _xml(result: Result) -> bytes:
    ns = "http://www.w3.org/2005/sparql-results#"
    if result.kind == "ask":
        body = f"<head/><boolean>{'true' if result.boolean else 'false'}</boolean>"
    else:
        head = "".join(f'<variable name="{v}"/>' for v in result.variables)
        rows = "".join(
            "<result>"
            + "".join(
                f'<binding name="{v}">{_xml_term(t)}</binding>'
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            + "</result>"
            for row in result.rows
        )
        body = f"<head>{head}</head><results>{rows}</results>"
    return f'<?xml version="1.0"?><sparql xmlns="{ns}">{body}</sparql>'.encode()


def _csv(result: Result) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerows([["boolean"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([["" if t is None else t.value for t in row] for row in result.rows])
    return buf.getvalue().encode("utf-8")


def _tsv(result: Result) -> bytes:
    if result.kind == "ask":
        return f"?boolean\n{'true' if result.boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def format_result(result: Result, fmt: str) -> bytes:
    """SELECT/ASK results in SPARQL JSON, XML, CSV or TSV (``fmt``: a RESULT_TYPES value)."""
    return _WRITERS[fmt](result)


def format_graph(result: Result, media: str) -> bytes:
    """CONSTRUCT/DESCRIBE triples in the RDF syntax of ``media`` (a GRAPH_TYPES key)."""
    fmt = GRAPH_TYPES[media]
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else None
    return serialize(list(result.triples), format=fmt, prefixes=prefixes) or b""


def table_csv(columns: tuple[str, ...], rows: tuple[tuple[Any, ...], ...]) -> bytes:
    """A table of plain values as CSV with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return buf.getvalue().encode("utf-8")
