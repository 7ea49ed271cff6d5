"""RDF serialisations of the store.

* ``ttl`` and ``xml``: one graph, the union of all graphs (merged entities + every article),
  each triple once. Good for tools without named graphs; loses which article said what.
* ``trig``, ``nq`` and ``jsonld``: the whole dataset, one named graph per article plus the
  merged default graph, so provenance survives a round trip.

Every format is byte-stable: the same store gives the same bytes in every run. Each is read
back by a second parser in the tests (pyoxigraph for all, rdflib, and raptor's ``rapper``
where installed).

Example:
    >>> import tempfile
    >>> from graphbuild.graph.store import Store
    >>> write_trig(Store.open(None), Path(tempfile.mkdtemp()) / "g.trig").suffix
    '.trig'
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from graphbuild.export.jsonld import jsonld_chunks
from graphbuild.files import atomic_write
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store

DATASET_FORMATS = {"trig": RdfFormat.TRIG, "nq": RdfFormat.N_QUADS}
GRAPH_FORMATS = {"ttl": RdfFormat.TURTLE, "xml": RdfFormat.RDF_XML, "nt": RdfFormat.N_TRIPLES}


def union_triples(store: Store) -> Iterator[Triple]:
    """Every triple of every graph, once, in a stable order (sorted by N-Triples form)."""
    seen = {q.triple for q in store.quads()}
    return iter(sorted(seen, key=str))


def _sorted_quads(store: Store) -> list[Quad]:
    return sorted(store.quads(), key=str)


def serialize_store(store: Store, fmt: str) -> bytes:
    """The store in ``fmt`` (ttl, xml, nt, trig, nq, jsonld) as bytes; output is deterministic."""
    if fmt == "jsonld":
        return "".join(jsonld_chunks(store.quads())).encode("utf-8")
    if fmt in DATASET_FORMATS:
        rdf_format = DATASET_FORMATS[fmt]
        data = serialize(
            _sorted_quads(store),
            format=rdf_format,
            prefixes=PREFIXES if rdf_format == RdfFormat.TRIG else None,
        )
        return data or b""
    if fmt in GRAPH_FORMATS:
        rdf_format = GRAPH_FORMATS[fmt]
        prefixes = PREFIXES if rdf_format != RdfFormat.N_TRIPLES else None
        return serialize(list(union_triples(store)), format=rdf_format, prefixes=prefixes) or b""
    raise ValueError(f"unknown RDF format {fmt!r}")


def _write(store: Store, path: Path, fmt: str) -> Path:
    if fmt == "jsonld":
        with atomic_write(path, "w") as text:
            text.writelines(jsonld_chunks(store.quads()))
        return path
    data = serialize_store(store, fmt)
    with atomic_write(path, "wb") as fh:
        fh.write(data)
    return path


def write_turtle(store: Store, path: Path) -> Path:
    """All graphs merged into one Turtle document."""
    return _write(store, path, "ttl")


def write_trig(store: Store, path: Path) -> Path:
    """TriG keeps one named graph per article and the merged default graph."""
    return _write(store, path, "trig")


def write_nquads(store: Store, path: Path) -> Path:
    """N-Quads: the dataset, one line per quad (streams well, diffs well)."""
    return _write(store, path, "nq")


def write_jsonld(store: Store, path: Path) -> Path:
    """JSON-LD of the dataset: merged default graph at the top, one named graph per article.

    Written by :mod:`graphbuild.export.jsonld` (pyoxigraph 0.5 has no JSON-LD writer).
    """
    return _write(store, path, "jsonld")


def write_rdfxml(store: Store, path: Path) -> Path:
    """RDF/XML of the union graph, for older tools."""
    return _write(store, path, "xml")
