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
* Saved queries are **paged**: ``run_saved`` returns ``page_size`` rows (default
  ``PAGE_SIZE`` = 100; None = every row) from row ``offset`` on; ``saved_page`` also says
  whether more rows follow. Each saved query ends with an ``ORDER BY`` over all its columns.
  A query with a ``# page`` line (who-said-what, entity-profile) gets ``LIMIT``/``OFFSET``
  there, in a sub-query, so the page is cut in the store's index order and only its rows are
  looked up and sorted (in Python: Oxigraph's ORDER BY decodes strings at every comparison,
  ~0.2 ms per row). A query paged by groups (interactions: ``# groups``, ``# group rows``
  and ``# ranks:`` lines) is cut from groups of rows in descending rank, within a group in
  the store's order, and reads only the page's rows (:func:`_grouped_page`). A query with a
  ``# sorted in Python`` line (most-quoted: ~100 rows) is read whole and sorted and cut in
  Python. Either way pages neither overlap nor skip rows while the store is unchanged, and
  ``--all`` (``page_size=None``) returns every row sorted. Only integers are added to the
  query text.
* A saved query with a ``# merged graph only`` line reads the merged default graph alone
  (not the union of all graphs), which Oxigraph answers faster.

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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    Variable,
    serialize,
)

from graphbuild.errors import QueryError, QueryTimeoutError, StoreError, UnknownQueryError
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.names import fold
from graphbuild.types import Table

QUERIES_DIR = Path(__file__).parent / "queries"
PAGE_SIZE = 100  # rows per page of a saved query unless asked otherwise
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
class _Groups:
    """How a query paged by groups reads its rows (see :func:`_grouped_page`)."""

    groups: str  # pattern binding ?group and the rank of its rows, ?entity bound or not
    rows: str  # pattern with one match per row of ?group
    rank: str  # the rank variable: rows run through the groups in descending rank

    @classmethod
    def of(cls, text: str) -> _Groups | None:
        parts = {m.group("part"): m.group("pattern") for m in _GROUP_PART.finditer(text)}
        ranks = _RANKS.search(text)
        if ranks is None or set(parts) != {"groups", "group rows"}:
            return None
        return cls(parts["groups"], parts["group rows"], ranks.group("var"))


@dataclass(frozen=True, slots=True)
class SavedQuery:
    """A query file: name, text, what it does, which parameters it takes and, for a query
    paged by groups, how it reads them."""

    name: str
    text: str
    description: str
    params: dict[str, str]
    groups: _Groups | None = None


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
        known = ", ".join(queries) or "none"
        raise UnknownQueryError(f"no saved query {name!r}; known: {known}")
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
    return SavedQuery(name, text, " ".join(h for h in head if h), params, _Groups.of(text))


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


def syntax_error(exc: SyntaxError, sparql: str) -> QueryError:
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
    union: bool = True,
) -> Table | bool | Triples:
    """Run a SPARQL query over all graphs of the store (``union=False``: the merged default
    graph alone, for queries that read nothing else; they run faster without the union).

    ``limit`` cuts the result; ``timeout_s`` stops reading results once exceeded (QueryError).
    Oxigraph cannot interrupt a query that is still computing its first row (a big ORDER BY),
    so the server runs queries in worker processes that it kills (see ``graphbuild.serve``).
    """
    started = time.monotonic()
    with translated_errors(sparql):
        result = _query(store, sparql, params, union)
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
                _check_time(started, timeout_s, "add a LIMIT")
            return Table(columns=columns, rows=tuple(rows))
        triples: list[Triple] = []
        for t in result:
            triples.append(t)
            if limit is not None and len(triples) >= limit:
                break
            _check_time(started, timeout_s, "add a LIMIT")
        return Triples(tuple(triples))


def _query(
    store: Store, sparql: str, params: Mapping[str, str] | None, union: bool = True
) -> QuerySolutions | QueryBoolean | QueryTriples:
    """Start a query over the union of all graphs (or the default graph alone) with
    ``params`` bound (not yet read)."""
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
    try:
        return store.ox.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=union, substitutions=subs or None
        )
    except RuntimeError as exc:
        if not subs:
            raise
        # pyoxigraph checks substitutions when the query starts, before any row is computed
        raise QueryError(
            f"query failed: {exc}; a parameter must be a variable of the SELECT clause "
            "(SELECT ?name …)"
        ) from exc


def _check_time(started: float, timeout_s: float | None, advice: str) -> None:
    """QueryTimeoutError once ``timeout_s`` has passed since ``started`` (monotonic clock)."""
    if timeout_s is not None and time.monotonic() - started > timeout_s:
        raise QueryTimeoutError(f"query timed out after {timeout_s:g} s; {advice}")


@contextmanager
def translated_errors(sparql: str) -> Iterator[None]:
    """pyoxigraph's exceptions while running or reading a query → graphbuild errors."""
    try:
        yield
    except SyntaxError as exc:
        raise syntax_error(exc, sparql) from exc
    except RuntimeError as exc:  # raised while rows are computed, e.g. an unbound SERVICE
        raise QueryError(f"query failed: {exc}") from exc
    except OSError as exc:
        raise StoreError(
            f"reading the store failed: {exc}; if a build is writing it, run the query again"
        ) from exc


def _unique_rows(
    store: Store,
    sparql: str,
    params: Mapping[str, str],
    drop: str,
    need: int | None,
    timeout_s: float | None,
    union: bool = True,
) -> tuple[tuple[str, ...], list[tuple[str | None, ...]]] | None:
    """The first ``need`` distinct rows of a SELECT without the column ``drop``.

    Rows are read lazily and reading stops as soon as enough distinct rows are in. None when
    the query is no SELECT.
    """
    started = time.monotonic()
    with translated_errors(sparql):
        result = _query(store, sparql, params, union)
        if not isinstance(result, QuerySolutions):
            return None
        columns = tuple(v.value for v in result.variables)
        keep = [i for i, c in enumerate(columns) if c != drop]
        rows: dict[tuple[str | None, ...], None] = {}
        for sol in result:
            terms = tuple(sol)
            rows.setdefault(tuple(None if (t := terms[i]) is None else t.value for i in keep))
            if need is not None and len(rows) >= need:
                break
            _check_time(started, timeout_s, "ask for a smaller page")
    return tuple(columns[i] for i in keep), list(rows)


# Every name of an entity is in the merged default graph as skos:prefLabel or skos:altLabel
# (mapping.merge_votes): an index look-up there finds one or two rows, where the union of all
# graphs holds a name once per article that uses it (3 ms for a name in thousands of articles).
_MERGED_NAMES = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
}"""
_LABELS = """
SELECT DISTINCT ?entity ?label WHERE {
  { ?entity skos:prefLabel ?label } UNION { ?entity skos:altLabel ?label }
  UNION { ?entity rdfs:label ?label }
}"""


def find_entities(store: Store, name: str) -> list[str]:
    """IRIs of the entities one of whose labels matches ``name`` (case/accent-insensitive).

    An IRI is returned as is. Exact label matches win over folded ones.

    Example:
        >>> find_entities(Store.open(None), "https://graphbuild.example.org/entity/x")
        ['https://graphbuild.example.org/entity/x']
    """
    if name.startswith(("http://", "https://", "urn:")):
        return [name]
    # Exact name first: the literal is bound, so this is an index lookup, not a scan; in the
    # merged graph, then in every graph.
    with translated_errors(_MERGED_NAMES):
        merged = _query(store, _MERGED_NAMES, {"label": name}, union=False)
        hits = sorted({row[0].value for row in merged})  # type: ignore[union-attr,index]
    if not hits:
        exact_rows = store.select(_LABELS, {Variable("label"): Literal(name)})
        hits = sorted({sol["entity"].value for sol in exact_rows})
    if hits:
        return hits
    exact: list[str] = []
    folded: list[str] = []
    want = fold(name)
    for sol in store.select(_LABELS):
        iri, label = sol["entity"].value, sol["label"].value
        if label == name and iri not in exact:
            exact.append(iri)
        elif fold(label) == want and iri not in folded:
            folded.append(iri)
    return sorted(exact) or sorted(folded)


def _suggest(store: Store, name: str) -> str:
    import difflib

    labels = {sol["label"].value for sol in store.select(_LABELS)}
    close = difflib.get_close_matches(name, sorted(labels), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a saved query: the rows, where it starts, and whether more rows follow."""

    table: Table
    offset: int
    page_size: int | None
    more: bool

    @property
    def next_offset(self) -> int | None:
        """The ``offset`` of the next page, or None on the last page."""
        return self.offset + self.page_size if self.more and self.page_size else None


_PAGE_MARK = re.compile(r"^[ \t]*#[ \t]*page[ \t]*$", re.M)
_MERGED_ONLY = re.compile(r"^[ \t]*#[ \t]*merged graph only\b", re.M)
_GROUP_PART = re.compile(
    r"^[ \t]*(?P<pattern>[^#\n]*?)[ \t]*#[ \t]*(?P<part>groups|group rows)[ \t]*$", re.M
)
_RANKS = re.compile(r"^[ \t]*#[ \t]*ranks:[ \t]*\?(?P<var>\w+)[ \t]*$", re.M)
_SORT_MARK = re.compile(r"^[ \t]*#[ \t]*sorted in Python\b", re.M)
_ORDER_KEY = r"(?:(?:ASC|DESC)\(\s*\?\w+\s*\)|\?\w+)"
_ORDER_BY = re.compile(rf"\bORDER\s+BY((?:\s+{_ORDER_KEY})+)\s*$", re.I)
_NUMERIC = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")
}


def _term_key(term: object) -> tuple[int, float, str]:
    """SPARQL's ORDER BY for one term: unbound < blank node < IRI < literal, numbers by value."""
    if term is None:
        return (0, 0.0, "")
    if isinstance(term, BlankNode):
        return (1, 0.0, term.value)
    if isinstance(term, NamedNode):
        return (2, 0.0, term.value)
    if isinstance(term, Literal) and term.datatype.value in _NUMERIC:
        try:
            return (3, float(term.value), "")
        except ValueError:
            pass
    return (4, 0.0, str(getattr(term, "value", term)))


def _cell_key(i: int, row: tuple[object, ...]) -> tuple[int, float, str]:
    return _term_key(row[i])


def _order_keys(text: str) -> tuple[str, list[tuple[str, bool]]]:
    """The query without its final ``ORDER BY`` and that clause's (variable, descending) keys."""
    order = _ORDER_BY.search(text)
    if order is None:
        return text, []
    keys = [
        (var, (how or "").upper() == "DESC")
        for how, var in re.findall(r"(ASC|DESC)?\(?\s*\?(\w+)", order.group(1), re.I)
    ]
    return text[: order.start()], keys


def _read_terms(
    store: Store,
    body: str,
    binding: Mapping[str, str],
    union: bool,
    started: float,
    timeout_s: float | None,
) -> tuple[tuple[str, ...], list[tuple[object, ...]]]:
    """The columns and every row (as RDF terms) of a SELECT; QueryError past ``timeout_s``
    counted from ``started``."""
    with translated_errors(body):
        result = _query(store, body, binding, union)
        if not isinstance(result, QuerySolutions):
            raise QueryError("a paged saved query must be a SELECT query")
        columns = tuple(v.value for v in result.variables)
        terms = [tuple(sol) for sol in result]
    _check_time(started, timeout_s, "ask for a smaller page")
    return columns, terms


def _sorted_rows(
    columns: tuple[str, ...], terms: list[tuple[object, ...]], keys: list[tuple[str, bool]]
) -> Table:
    """``terms`` sorted by ``keys`` like SPARQL's ORDER BY (code points, numbers by value),
    without the column run_saved binds (``entity``), duplicates removed.

    Oxigraph's ORDER BY decodes both strings at every comparison (~0.2 ms per row of the
    most quoted speaker at 1M triples), so pages are sorted here, in Python.
    """
    index = {c: i for i, c in enumerate(columns)}
    for var, desc in reversed(keys):  # stable sorts, last key first
        terms.sort(key=partial(_cell_key, index[var]), reverse=desc)
    keep = [i for i, c in enumerate(columns) if c != "entity"]
    rows = dict.fromkeys(
        tuple(None if (t := row[i]) is None else t.value for i in keep) for row in terms
    )
    return Table(columns=tuple(columns[i] for i in keep), rows=tuple(rows))


def _store_order_page(
    store: Store,
    text: str,
    binding: Mapping[str, str],
    first: int,
    count: int | None,
    limit: int | None,
    timeout_s: float | None,
) -> Table:
    """A page cut at the query's "# page" line in the store's index order, then sorted;
    with a "# sorted in Python" line every row is read, sorted, and the page cut here."""
    whole = _SORT_MARK.search(text) is not None  # a small result: every row, sorted, then cut
    body = text if whole else _PAGE_MARK.sub(_page_clause(first, count).strip(), text)
    body, keys = _order_keys(body)
    columns, terms = _read_terms(store, body, binding, True, time.monotonic(), timeout_s)
    table = _sorted_rows(columns, terms, keys)
    out = list(table.rows)
    if whole:
        out = out[first:] if count is None else out[first : first + count]
    out = out[:limit] if limit is not None else out
    return Table(columns=table.columns, rows=tuple(out))


def _grouped_page(
    store: Store,
    saved: SavedQuery,
    binding: Mapping[str, str],
    first: int,
    count: int | None,
    timeout_s: float | None,
    union: bool,
) -> tuple[Table, bool]:
    """Rows ``first`` … ``first + count - 1`` (None: to the end) of a query paged by groups,
    and whether rows follow them.

    The query's sub-query matches its rows group by group: a line ending in ``# groups``
    binds ``?group`` and its rank (the ``# ranks: ?VAR`` line; ?entity bound when run_saved
    bound it), a line ending in ``# group rows`` one row per member of ``?group``. Rows run
    through the groups in descending rank and, within a group, in the store's index order.
    One query lists the ranks, one counts the rows of every group but the last (the longest
    tail in practice, never counted), and the page is read with at most three queries: the
    groups it covers whole (``# ranks: ?VAR`` becomes a FILTER on their ranks) and the
    groups it starts or ends within (one rank, LIMIT/OFFSET at the "# page" line). Only
    integers are added to the query text. The page's rows are then sorted by the query's
    ``ORDER BY``. Whether rows follow is known from the counts, or, when the page ends in the
    last group, from one look-up of the next row's position. So a page costs about its own
    rows, wherever it lies (``interactions`` of the most connected entity at 1M triples:
    ~10 ms a page, where ranking all of its 2,095 summaries took 0.2–0.3 s;
    docs/benchmarks.md).
    """
    started = time.monotonic()
    parts = saved.groups
    if parts is None:
        raise QueryError(f"saved query {saved.name!r} is not paged by groups")
    entity = {k: v for k, v in binding.items() if k == "entity"}
    rank = parts.rank
    listed = run(store, f"SELECT ?entity ?{rank} WHERE {{ {parts.groups} }}", entity, union=union)
    assert isinstance(listed, Table)
    ranks = sorted({int(str(r)) for _, r in listed.rows}, reverse=True)
    # Every group's size but the last's (which is never needed unless every row is asked
    # for). The sub-query always gets a LIMIT: without one Oxigraph merges it into the outer
    # pattern and plans it badly (0.55 s instead of 15 ms for 248 rows at 1M triples).
    sizes: dict[int, int] = {}
    counted_ranks = ranks if count is None else ranks[:-1]
    if counted_ranks:
        counted = run(
            store,
            f"SELECT ?entity ?{rank} (COUNT(*) AS ?size) WHERE {{ {parts.groups} "
            f"FILTER(?{rank} >= {counted_ranks[-1]}) {parts.rows} }} GROUP BY ?entity ?{rank}",
            entity,
            union=union,
        )
        assert isinstance(counted, Table)
        sizes = {int(str(r)): int(str(n)) for _, r, n in counted.rows}
    body, keys = _order_keys(saved.text)
    end = None if count is None else first + count
    whole: list[int] = []
    reads: list[tuple[int, int, int, int]] = []  # (high rank, low rank, offset, count)
    at = 0  # position of the group's first row
    more = False
    for k, r in enumerate(ranks):
        # stop is None only for the last group when rows are asked for up to `end`
        stop = at + sizes[r] if r in sizes else None
        lo = max(first, at)
        hi = min(x for x in (end, stop) if x is not None)
        if lo < hi:
            if lo == at and hi == stop:
                whole.append(r)
            else:
                reads.append((r, r, lo - at, hi - lo))
        if stop is None:  # is there a row after the page in the last group?
            assert end is not None  # every group is counted when every row is asked for
            after = run(
                store,
                f"SELECT ?entity ?group WHERE {{ {parts.groups} FILTER(?{rank} = {r}) "
                f"{parts.rows} }}{_page_clause(end - at, 1)}",
                entity,
                union=union,
            )
            more = isinstance(after, Table) and bool(after.rows)
            break
        if end is not None and stop >= end:
            more = stop > end or k + 1 < len(ranks)  # no group is empty
            break
        at = stop
    if whole:
        reads.append((whole[0], whole[-1], 0, sum(sizes[r] for r in whole)))
    columns: tuple[str, ...] = ()
    terms: list[tuple[object, ...]] = []
    # no read (no group, or a page past the end): one that matches nothing gives the columns
    for high, low, skip, want in sorted(reads, reverse=True) or [(0, 1, 0, 0)]:
        window = f"FILTER(?{rank} <= {int(high)} && ?{rank} >= {int(low)})"
        query = _RANKS.sub(window, _PAGE_MARK.sub(_page_clause(skip, want).strip(), body))
        columns, found = _read_terms(store, query, binding, union, started, timeout_s)
        terms += found
    return _sorted_rows(columns, terms, keys), more


def _page_clause(first: int, count: int | None) -> str:
    """``LIMIT``/``OFFSET`` for rows ``first`` … ``first + count - 1`` (integers only)."""
    if count is None:
        return f"\nOFFSET {int(first)}" if first else ""
    return f"\nLIMIT {int(count)} OFFSET {int(first)}"


def _check_page(page_size: int | None, offset: int) -> None:
    if page_size is not None and (not isinstance(page_size, int) or page_size < 1):
        raise QueryError(f"page size must be a positive whole number, not {page_size!r}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset must be a whole number ≥ 0, not {offset!r}")


def run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    page_size: int | None = PAGE_SIZE,
    offset: int = 0,
    limit: int | None = None,
    timeout_s: float | None = None,
) -> Table | bool | Triples:
    """Run a saved query: ``page_size`` rows from row ``offset`` on (None: every row).

    ``person`` (a name or IRI) is resolved to entity IRIs and bound. The query runs once per
    matching entity with ``?entity`` bound (pyoxigraph substitutions), and the rows are
    concatenated in IRI order; the ``entity`` column is dropped and duplicate rows removed.
    Other parameters are bound as given. ``limit`` additionally caps the rows returned.

    Example:
        >>> run_saved(Store.open(None), "most-quoted").columns
        ('name', 'quotes', 'articles')
    """
    _check_page(page_size, offset)
    result = _run_saved(store, name, params, offset, page_size, limit, timeout_s)
    return result


def saved_page(
    store: Store,
    name: str,
    params: Mapping[str, str] | None = None,
    *,
    page_size: int | None = PAGE_SIZE,
    offset: int = 0,
    timeout_s: float | None = None,
) -> Page:
    """:func:`run_saved` that also tells whether rows follow the page (it asks for one more).

    Example:
        >>> saved_page(Store.open(None), "most-quoted").more
        False
    """
    _check_page(page_size, offset)
    saved = saved_query(name)
    if page_size is not None and saved.groups is not None:
        bindings = _bindings(store, saved, params)
        if len(bindings) == 1:  # the counts of the groups tell whether rows follow
            union = _MERGED_ONLY.search(saved.text) is None
            table, more = _grouped_page(
                store, saved, bindings[0], offset, page_size, timeout_s, union
            )
            return Page(table, offset, page_size, more)
    if page_size is not None and _PAGE_MARK.search(saved.text):
        # a page in store order is sorted afterwards: ask whether a next one has a row
        result = _run_saved(store, name, params, offset, page_size, None, timeout_s)
        after = _run_saved(store, name, params, offset + page_size, 1, None, timeout_s)
        more = isinstance(after, Table) and bool(after.rows)
        cut = None
    else:
        count = None if page_size is None else page_size + 1
        result = _run_saved(store, name, params, offset, count, None, timeout_s)
        more = isinstance(result, Table) and page_size is not None and len(result.rows) > page_size
        cut = page_size
    if not isinstance(result, Table):
        raise QueryError(f"saved query {name!r} is not a SELECT query; it cannot be paged")
    rows = result.rows[:cut] if cut is not None else result.rows
    return Page(Table(result.columns, rows), offset, page_size, more)


def _bindings(
    store: Store, saved: SavedQuery, params: Mapping[str, str] | None
) -> list[dict[str, str]]:
    """The parameters of a saved query as bindings, checked: one per entity ``person`` names
    (bound to ``entity``, in IRI order), or one without an entity."""
    given = dict(params or {})
    unknown = sorted(set(given) - set(saved.params))
    if unknown:
        known = ", ".join(saved.params) or "none"
        raise QueryError(
            f"saved query {saved.name!r} takes no parameter {', '.join(unknown)}; "
            f"parameters: {known}"
        )
    required = [p for p, doc in saved.params.items() if "required" in doc and p not in given]
    if required:
        raise QueryError(f"saved query {saved.name!r} needs --param {required[0]}=VALUE")
    person = given.pop("person", None)
    if person is None:
        return [given]
    iris = find_entities(store, person)
    if not iris:
        raise QueryError(f"no entity is called {person!r}{_suggest(store, person)}")
    return [{**given, "entity": iri} for iri in iris]


def _run_saved(
    store: Store,
    name: str,
    params: Mapping[str, str] | None,
    first: int,
    count: int | None,
    limit: int | None,
    timeout_s: float | None,
) -> Table | bool | Triples:
    saved = saved_query(name)
    bindings = _bindings(store, saved, params)
    in_python = _PAGE_MARK.search(saved.text) or _SORT_MARK.search(saved.text)
    union = _MERGED_ONLY.search(saved.text) is None
    grouped = saved.groups is not None
    if len(bindings) == 1 and grouped:
        table, _ = _grouped_page(store, saved, bindings[0], first, count, timeout_s, union)
        return Table(table.columns, table.rows[:limit] if limit is not None else table.rows)
    if len(bindings) == 1 and in_python:
        return _store_order_page(store, saved.text, bindings[0], first, count, limit, timeout_s)
    # Several entities of one name (or a query without page marks): rows that differ only in
    # the entity are one row, so the page is counted in distinct rows, read up to its end
    # (entities concatenated in IRI order, each one's rows in the query's order).
    need = None if count is None else first + count
    text = _PAGE_MARK.sub("", saved.text)  # the whole sorted result of each entity
    columns: tuple[str, ...] = ()
    rows: dict[tuple[str | None, ...], None] = {}
    for b in bindings:
        remaining = None if need is None else need - len(rows)
        if remaining is not None and remaining <= 0:
            break
        if grouped:  # every row of the entity, sorted
            table, _ = _grouped_page(store, saved, b, 0, None, timeout_s, union)
            found: tuple[tuple[str, ...], list[tuple[str | None, ...]]] | None = (
                table.columns,
                list(table.rows),
            )
        else:
            found = _unique_rows(store, text, b, "entity", remaining, timeout_s, union)
        if found is None:  # not a SELECT: nothing to page
            return run(store, saved.text, b, limit=limit, timeout_s=timeout_s, union=union)
        columns, got = found
        rows.update(dict.fromkeys(got))
    out = list(rows)
    out = out[first:] if count is None else out[first : first + count]
    out = out[:limit] if limit is not None else out
    return Table(columns=columns, rows=tuple(out))
