"""RDF serialisations of the store: Turtle (default graph = union), TriG, N-Quads, JSON-LD, RDF/XML."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import DefaultGraph, Quad, RdfFormat, serialize

from graphbuild.files import atomic_write
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store


def _triples_union(store: Store) -> list[Quad]:
    seen = set()
    out = []
    for q in store.ox.quads_for_pattern(None, None, None, None):
        t = q.triple
        if t not in seen:
            seen.add(t)
            out.append(Quad(t.subject, t.predicate, t.object, DefaultGraph()))
    return out


def _write(store: Store, path: Path, fmt: RdfFormat, union: bool) -> Path:
    quads = (
        _triples_union(store) if union else list(store.ox.quads_for_pattern(None, None, None, None))
    )
    data = serialize(
        quads if not union else [q.triple for q in quads],
        format=fmt,
        prefixes=PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None,
    )
    with atomic_write(path, "wb") as fh:
        fh.write(data or b"")
    return path


def write_turtle(store: Store, path: Path) -> Path:
    """All graphs merged into one Turtle document."""
    return _write(store, path, RdfFormat.TURTLE, union=True)


def write_trig(store: Store, path: Path) -> Path:
    """TriG keeps one named graph per article."""
    return _write(store, path, RdfFormat.TRIG, union=False)


def write_nquads(store: Store, path: Path) -> Path:
    return _write(store, path, RdfFormat.N_QUADS, union=False)


def write_jsonld(store: Store, path: Path) -> Path:
    """JSON-LD via rdflib (pyoxigraph has no JSON-LD writer in this version)."""
    import rdflib

    ds = rdflib.Dataset()
    ds.parse(
        data=serialize(
            list(store.ox.quads_for_pattern(None, None, None, None)), format=RdfFormat.N_QUADS
        )
        or b"",
        format="nquads",
    )
    text = ds.serialize(format="json-ld", indent=2)
    with atomic_write(path) as fh:
        fh.write(text)
    return path


def write_rdfxml(store: Store, path: Path) -> Path:
    return _write(store, path, RdfFormat.RDF_XML, union=True)
