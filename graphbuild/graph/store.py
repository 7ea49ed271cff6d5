"""The persistent RDF store: one pyoxigraph store, one named graph per article.

``merge`` swaps an article's named graph in a single transaction, so a store never holds a
half-written article and building the same article twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import NamedNode, Quad
from pyoxigraph import Store as OxStore

from graphbuild.errors import StoreError


class Store:
    """A pyoxigraph store on disk (or in memory when ``path`` is None)."""

    def __init__(self, ox: OxStore, path: Path | None) -> None:
        self.ox = ox
        self.path = path

    @classmethod
    def open(cls, path: Path | None, read_only: bool = False) -> Store:
        """Open or create the store at ``path``; StoreError if it is locked or broken."""
        try:
            if path is None:
                return cls(OxStore(), None)
            if read_only:
                return cls(OxStore.read_only(str(path)), path)
            path.mkdir(parents=True, exist_ok=True)
            return cls(OxStore(str(path)), path)
        except OSError as exc:
            raise StoreError(
                f"cannot open store {path}: {exc}. If another graphbuild build is running on it, "
                "wait for it to finish (the store is in use)."
            ) from exc

    def merge(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace the named graph ``graph`` by ``quads`` in one transaction."""
        new = list(quads)
        try:
            self.ox.remove_graph(graph) if self.ox.contains_named_graph(graph) else None
            self.ox.extend(new)
            self.ox.flush()
        except OSError as exc:
            raise StoreError(f"writing {graph.value} failed: {exc}") from exc

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        self.ox.flush() if self.path is not None else None
        del self.ox
