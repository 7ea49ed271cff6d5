"""SPARQL over the store: ``run(store, sparql, params)`` → Table, and saved queries.

Saved queries live in ``graphbuild/queries/<name>.rq``. Parameters are bound as RDF terms
through pyoxigraph's substitutions, never pasted into the query text.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions, Variable

from graphbuild.errors import QueryError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.types import Table

QUERIES_DIR = Path(__file__).parent / "queries"


def saved_queries() -> dict[str, Path]:
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def load_saved(name: str) -> str:
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query {name!r}; known: {', '.join(queries) or 'none'}")
    return queries[name].read_text(encoding="utf-8")


def _term(value: str) -> NamedNode | Literal:
    if value.startswith(("http://", "https://", "urn:")):
        return NamedNode(value)
    return Literal(value)


def run(store: Store, sparql: str, params: Mapping[str, str] | None = None) -> Table | bool:
    """Run a SELECT (→ Table) or ASK (→ bool) query over all graphs of the store."""
    subs = {Variable(k): _term(v) for k, v in (params or {}).items()}
    try:
        result = store.ox.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs or None
        )
    except SyntaxError as exc:
        raise QueryError(f"invalid SPARQL: {exc}") from exc
    if isinstance(result, QueryBoolean):
        return bool(result)
    if isinstance(result, QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(
            tuple(None if sol[c] is None else sol[c].value for c in columns) for sol in result
        )
        return Table(columns=columns, rows=rows)
    triples = list(result)
    return Table(
        columns=("subject", "predicate", "object"),
        rows=tuple((t.subject.value, t.predicate.value, t.object.value) for t in triples),
    )
