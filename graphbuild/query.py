"""SPARQL over the store: ``run(store, sparql, params)`` and saved, parameterised queries.

* The dataset a query sees: the default graph is the **union of all graphs** (merged entity
  descriptions + every article graph), and ``GRAPH ?article { … }`` reaches one article's
  statements. Because a triple can sit in several graphs (an entity's type in the merged
  graph and in each article graph), use ``SELECT DISTINCT`` when duplicates matter.
* Prefixes ``gb: schema: prov: dct: skos: rdf: rdfs: xsd: owl:`` are predefined.
* Saved queries live in ``graphbuild/queries/<name>.rq``; their first comment lines document
  them, ``# param: NAME  description`` lines declare parameters.
* Parameters are **bound** as RDF terms through pyoxigraph ``substitutions`` (SEP-0007),
  never pasted into the query text, so a value cannot change the query. A value that looks
  like an IRI (``http://``, ``https://``, ``urn:``) is bound as an IRI; anything else as a
  plain string literal. For people, saved queries take ``person`` (a name) and compare it
  with every label of an entity (``skos:prefLabel``, ``skos:altLabel``, ``rdfs:label``)
  case-insensitively, so ``--param person="anna schmidt"`` works; ``entity`` takes an IRI.
* SELECT → :class:`~graphbuild.types.Table`, ASK → ``bool``, CONSTRUCT/DESCRIBE →
  :class:`Triples`. Results are cut at ``limit`` rows (``Settings.query_result_limit``).

Example:
    >>> from graphbuild.graph.store import Store
    >>> run(Store.open(None), "ASK { ?s ?p ?o }")
    False
    >>> run(Store.open(None), "SELECT ?s WHERE { ?s ?p ?o }").columns
    ('s',)
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    RdfFormat,
    Triple,
    Variable,
    serialize,
)

from graphbuild.errors import QueryError, StoreError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.types import Table

QUERIES_DIR = Path(__file__).parent / "queries"
_POSITION = re.compile(r"at (\d+):(\d+)")
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(.*)$", re.M)


@dataclass(frozen=True, slots=True)
class Triples:
    """The result of a CONSTRUCT or DESCRIBE query."""

    triples: tuple[Triple, ...]

    def to_turtle(self) -> str:
        """The triples as Turtle with graphbuild's prefixes."""
        data = serialize(list(self.triples), format=RdfFormat.TURTLE, prefixes=PREFIXES)
        return (data or b"").decode("utf-8")

    def table(self) -> Table:
        """The triples as a three-column table."""
        return Table(
            columns=("subject", "predicate", "object"),
            rows=tuple((str(t.subject), str(t.predicate), str(t.object)) for t in self.triples),
        )


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query file: name, text, what it does and which parameters it takes."""

    name: str
    text: str
    description: str
    params: dict[str, str]


def saved_queries() -> dict[str, Path]:
    """Name → path of every saved query shipped with graphbuild."""
    return {p.stem: p for p in sorted(QUERIES_DIR.glob("*.rq"))}


def saved_query(name: str) -> SavedQuery:
    """A saved query with its description and declared parameters; QueryError if unknown.

    Example:
        >>> sorted(saved_query("who-said-what").params)
        ['person']
    """
    queries = saved_queries()
    if name not in queries:
        raise QueryError(f"no saved query {name!r}; known: {', '.join(queries) or 'none'}")
    path = queries[name]
    return _parse_saved(name, path.read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def _parse_saved(name: str, text: str) -> SavedQuery:
    head = []  # the description: leading comment lines up to a bare "#" (notes follow)
    for line in text.splitlines():
        if not line.startswith("#") or not line.strip("# "):
            break
        if not _PARAM.match(line):
            head.append(line.lstrip("# ").rstrip())
    params = {m.group(1): m.group(2).strip() for m in _PARAM.finditer(text)}
    return SavedQuery(name, text, " ".join(h for h in head if h), params)


def load_saved(name: str) -> str:
    """The text of a saved query; QueryError naming the known ones if unknown."""
    return saved_query(name).text


def bind(value: str) -> NamedNode | Literal:
    """The RDF term a parameter value is bound to: an IRI if it looks like one, else a string.

    Example:
        >>> bind("https://graphbuild.example.org/entity/x")
        <NamedNode value=https://graphbuild.example.org/entity/x>
        >>> bind("Anna Schmidt")
        <Literal value=Anna Schmidt datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    if value.startswith(("http://", "https://", "urn:")):
        try:
            return NamedNode(value)
        except ValueError as exc:
            raise QueryError(f"parameter value {value!r} is not a valid IRI: {exc}") from exc
    return Literal(value)


def _syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
    msg = str(exc)
    m = _POSITION.search(msg)
    line, column = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    where = f"line {line}, column {column}: " if m else ""
    text = _POSITION.sub("", msg).replace("error :", "").replace("error  :", "").strip(" :")
    return QueryError(f"invalid SPARQL at {where}{text}", line=line, column=column)


def run(
    store: Store,
    sparql: str,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    timeout_s: float | None = None,
) -> Table | bool | Triples:
    """Run a SPARQL query over all graphs of the store.

    ``limit`` cuts the result; ``timeout_s`` stops reading results once exceeded (QueryError).
    Oxigraph cannot interrupt a query that is still computing its first row (a big ORDER BY),
    so the server additionally runs queries in a worker thread (see ``graphbuild.serve``).
    """
    declared = set(re.findall(r"[?$](\w+)", sparql))
    unknown = sorted(set(params or {}) - declared)
    if unknown:
        raise QueryError(
            f"parameter {', '.join(unknown)} is not a variable of the query; "
            f"variables: {', '.join(sorted(declared)) or 'none'}"
        )
    subs: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(k): bind(v) for k, v in (params or {}).items()
    }
    started = time.monotonic()
    try:
        result = store.ox.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs or None
        )
        if isinstance(result, QueryBoolean):
            return bool(result)
        rows: list[tuple[str | None, ...]] = []
        if isinstance(result, QuerySolutions):
            columns = tuple(v.value for v in result.variables)
            for sol in result:
                # tuple(sol), not sol[name]: name look-up costs ~15 µs per cell in pyoxigraph
                rows.append(tuple(None if t is None else t.value for t in tuple(sol)))
                if limit is not None and len(rows) >= limit:
                    break
                if timeout_s is not None and time.monotonic() - started > timeout_s:
                    raise QueryError(f"query timed out after {timeout_s:g} s; add a LIMIT")
            return Table(columns=columns, rows=tuple(rows))
        triples: list[Triple] = []
        for t in result:
            triples.append(t)
            if limit is not None and len(triples) >= limit:
                break
            if timeout_s is not None and time.monotonic() - started > timeout_s:
                raise QueryError(f"query timed out after {timeout_s:g} s; add a LIMIT")
        return Triples(tuple(triples))
    except SyntaxError as exc:
        raise _syntax_error(exc, sparql) from exc
    except RuntimeError as exc:  # e.g. a substituted variable missing from the projection
        hint = ""
        if "projection" in str(exc):
            hint = "; a parameter must be a variable of the SELECT clause (SELECT ?name …)"
        raise QueryError(f"query failed: {exc}{hint}") from exc
    except OSError as exc:
        raise StoreError(
            f"reading the store failed: {exc}; if a build is writing it, run the query again"
        ) from exc


_EXACT = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  UNION { ?entity rdfs:label ?label }
}"""
_LABELS = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  UNION { ?entity rdfs:label ?label }
}"""


def _fold(text: str) -> str:
    """Case- and accent-insensitive form of a name: ``Schütz`` and ``schutz`` match."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def find_entities(store: Store, name: str) -> list[str]:
    """IRIs of the entities one of whose labels matches ``name`` (case/accent-insensitive).

    An IRI is returned as is. Exact label matches win over folded ones.

    Example:
        >>> find_entities(Store.open(None), "https://graphbuild.example.org/entity/x")
        ['https://graphbuild.example.org/entity/x']
    """
    if name.startswith(("http://", "https://", "urn:")):
        return [name]
    # Exact name first: the literal is bound, so this is an index lookup, not a scan.
    exact_rows = store.select(_EXACT, {Variable("label"): Literal(name)})
    hits = sorted({sol["entity"].value for sol in exact_rows})
    if hits:
        return hits
    exact: list[str] = []
    folded: list[str] = []
    want = _fold(name)
    for sol in store.select(_LABELS):
        iri, label = sol["entity"].value, sol["label"].value
        if label == name and iri not in exact:
            exact.append(iri)
        elif _fold(label) == want and iri not in folded:
            folded.append(iri)
    return sorted(exact) or sorted(folded)


def _suggest(store: Store, name: str) -> str:
    import difflib

    labels = {sol["label"].value for sol in store.select(_LABELS)}
    close = difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    limit: int | None = None,
    timeout_s: float | None = None,
) -> Table | bool | Triples:
    """Run a saved query. ``person`` (a name or IRI) is resolved to entity IRIs and bound.

    The query runs once per matching entity with ``?entity`` bound (pyoxigraph
    substitutions), and the rows are concatenated; the ``entity`` column is dropped and
    duplicate rows removed. Other parameters are bound as given.

    Example:
        >>> run_saved(Store.open(None), "most-quoted").columns
        ('name', 'quotes', 'articles')
    """
    saved = saved_query(name)
    given = dict(params or {})
    unknown = sorted(set(given) - set(saved.params))
    if unknown:
        known = ", ".join(saved.params) or "none"
        raise QueryError(
            f"saved query {name!r} takes no parameter {', '.join(unknown)}; parameters: {known}"
        )
    required = [p for p, doc in saved.params.items() if "required" in doc and p not in given]
    if required:
        raise QueryError(f"saved query {name!r} needs --param {required[0]}=VALUE")
    person = given.pop("person", None)
    bindings: list[dict[str, str]] = [given]
    if person is not None:
        iris = find_entities(store, person)
        if not iris:
            raise QueryError(f"no entity is called {person!r}{_suggest(store, person)}")
        bindings = [{**given, "entity": iri} for iri in iris]
    results = [run(store, saved.text, b, limit=limit, timeout_s=timeout_s) for b in bindings]
    if not all(isinstance(r, Table) for r in results):
        return results[0]
    tables = [r for r in results if isinstance(r, Table)]
    columns = tables[0].columns
    keep = [i for i, c in enumerate(columns) if c != "entity"]
    rows = dict.fromkeys(tuple(row[i] for i in keep) for t in tables for row in t.rows)
    out = list(rows)[:limit] if limit is not None else list(rows)
    return Table(columns=tuple(columns[i] for i in keep), rows=tuple(out))
