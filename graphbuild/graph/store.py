"""The persistent RDF store: one pyoxigraph store, one named graph per article.

``merge(graph, quads)`` swaps an article's named graph **and** recomputes the merged default
graph of the entities it touches in one SPARQL UPDATE request. pyoxigraph 0.5 documents
``Store.update`` as transactional ("either the full operation succeeds, or nothing is
written"), and the store exposes only committed state to readers (repeatable read), so a
reader never sees an article half replaced or an entity whose merged labels disagree with the
article graphs. (``remove_graph`` followed by ``extend`` would be two transactions;
``bulk_extend`` is not transactional at all.) Building the same article twice is a no-op.
``merge_many`` does the same for a batch of articles in one transaction. Quads should not
contain blank nodes (the mapping never mints any): they would make every merge look like a
change.

Locking: RocksDB allows one read-write opener per folder; a second one gets
:class:`StoreError` "store is in use". ``Store.open(path, read_only=True)`` works while a
writer holds the store (tested in ``tests/graph/test_store.py``): it sees the state
committed at opening time (write-ahead log included). ``merge`` does not flush per article;
RocksDB's write-ahead log keeps every committed update across a process crash, and
``close()`` flushes. pyoxigraph calls concurrent writing "undefined behaviour" for read-only
openers; in practice the only failure is an ``OSError`` if the writer compacts away a file
the reader still needs, which we report as StoreError asking to re-run the query.

Speaker counts: the merged default graph keeps ``gb:quoteCount`` and ``gb:quotedInArticles``
per speaker and marks the ``TOP_QUOTED`` (100) most quoted speakers, and everyone tied with the
100th, with ``gb:topQuoted true``, all recomputed in the same UPDATE as the article graphs, so
the ``most-quoted`` query reads about 100 index entries instead of sorting every speaker's
count (docs/benchmarks.md). The marks are updated incrementally: only the marked speakers and
the speakers a merge touches can be the new top, unless a marked speaker may have lost quotes
(an article of theirs was replaced or removed); then every speaker's count is ranked again.

Interaction summaries: one ``gb:InteractionSummary`` per asserted (subject, relation, object)
with its article count, best confidence and an example sentence, recomputed in the same
UPDATE for every pair the old or new version of a changed article reports. Each summary is
also a member (``gb:inGroup``) of three ``gb:InteractionGroup`` nodes for its article count:
its subject's, its object's and the store-wide one (``gb:groupOf gb:allEntities``), so the
``interactions`` query reads a page from the groups it falls into, most articles first,
instead of ranking every summary of an entity (docs/graph.md). Groups follow their members
in the same UPDATE (an emptied group is deleted) and need no ranking, so a merge costs only
its own pairs. Stores written before get summaries and groups once, when opened for writing.

Example:
    >>> from pyoxigraph import Literal, NamedNode, Quad
    >>> st = Store.open(None)
    >>> g = NamedNode("https://graphbuild.example.org/article/a1")
    >>> st.merge(g, [Quad(g, NamedNode("http://purl.org/dc/terms/title"), Literal("T"), g)])
    True
    >>> len(st), st.merge(g, [Quad(g, NamedNode("http://purl.org/dc/terms/title"), Literal("T"), g)])
    (1, False)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from pyoxigraph import DefaultGraph, NamedNode, Quad, QuerySolutions, Variable
from pyoxigraph import Store as OxStore

from graphbuild.errors import QueryError, StoreError
from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import (
    ALL_ENTITIES,
    DESCRIPTION_PREDICATES,
    Subject,
    Term,
    interaction_group_expression,
    merge_votes,
    mint_interaction_iri,
)
from graphbuild.graph.ontology import PREFIXES

_IN_USE = ("lock", "resource temporarily unavailable", "busy")
TOP_QUOTED = 100  # speakers marked gb:topQuoted (those tied with the last one included)
_STATEMENT_PARTS = (on.rdf("subject"), on.rdf("predicate"), on.rdf("object"))
Pair = tuple[NamedNode, NamedNode, NamedNode]  # (subject, relation predicate, object)


def _term(t: object) -> str:
    return str(t)


def _triple_text(q: Quad) -> str:
    return f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} ."


def _top_threshold(candidates: str) -> str:
    """A sub-query binding ``?t``: the ``TOP_QUOTED``-th highest ``gb:quoteCount`` among
    ``candidates`` (a group pattern binding ``?x``; the default graph of an UPDATE is the
    merged graph). Unbound when there is no candidate."""
    return (
        f"{{ SELECT (MIN(?n) AS ?t) WHERE {{ {{ SELECT ?n WHERE {{ "
        f"{{ SELECT DISTINCT ?x WHERE {{ {candidates} }} }} ?x gb:quoteCount ?n }} "
        f"ORDER BY DESC(?n) LIMIT {TOP_QUOTED} }} }} }}"
    )


def _rank_all_speakers() -> list[str]:
    """UPDATE operations marking the top speakers from every speaker's count (a full scan)."""
    return [
        "DELETE WHERE { ?e gb:topQuoted ?any }",
        "INSERT { ?e gb:topQuoted true } WHERE { "
        + _top_threshold("?x gb:quoteCount ?c")
        + " ?e gb:quoteCount ?m FILTER(?m >= ?t) }",
    ]


def _rank_candidates(touched: Iterable[NamedNode]) -> list[str]:
    """UPDATE operations re-marking the top speakers among the marked and the touched ones.

    Correct when no marked speaker lost quotes: every other speaker's count is still below
    the old threshold, which can only have risen.
    """
    values = " ".join(str(e) for e in sorted(touched, key=lambda n: n.value))
    candidates = f"{{ ?x gb:topQuoted true }} UNION {{ VALUES ?x {{ {values} }} }}"
    return [
        "INSERT { ?e gb:topQuoted true } WHERE { "
        + _top_threshold(candidates)
        + f" VALUES ?e {{ {values} }} ?e gb:quoteCount ?m FILTER(?m >= ?t) }}",
        "DELETE { ?e gb:topQuoted true } WHERE { "
        + _top_threshold("?x gb:topQuoted true")
        + " ?e gb:topQuoted true . OPTIONAL { ?e gb:quoteCount ?m } "
        "FILTER(!BOUND(?m) || ?m < ?t) }",
    ]


def _pairs(quads: Iterable[Quad]) -> set[Pair]:
    """(subject, predicate, object) of every reified relation statement among ``quads``."""
    parts: dict[object, dict[NamedNode, object]] = defaultdict(dict)
    for q in quads:
        if q.predicate in _STATEMENT_PARTS:
            parts[q.subject][q.predicate] = q.object
    out: set[Pair] = set()
    for found in parts.values():
        spo = tuple(found.get(p) for p in _STATEMENT_PARTS)
        if all(isinstance(t, NamedNode) for t in spo):
            out.add(spo)  # type: ignore[arg-type]
    return out


# The asserted statements of one (?s ?p ?o) in every article graph. With ?s ?p ?o bound the
# asserted triple comes first: an index look-up giving the few graphs that assert it.
_ASSERTED = (
    "GRAPH ?g {{ {first}?st rdf:object ?o ; rdf:subject ?s ; rdf:predicate ?p ; "
    "gb:asserted ?a ; gb:confidence ?c{more} }} FILTER(?a)"
)


# The three groups of a summary ?i with subject ?s, object ?o and article count ?n: what the
# INSERT of _summarise writes, and what a store written before groups gets on opening.
_GROUPS = (
    "?i gb:inGroup ?gs , ?go , ?ga . "
    "?gs a gb:InteractionGroup ; gb:groupOf ?s ; gb:groupArticleCount ?n . "
    "?go a gb:InteractionGroup ; gb:groupOf ?o ; gb:groupArticleCount ?n . "
    "?ga a gb:InteractionGroup ; gb:groupOf gb:allEntities ; gb:groupArticleCount ?n"
)
_GROUP_IRIS = " ".join(
    f"BIND({interaction_group_expression(owner, '?n')} AS {var})"
    for owner, var in (("?s", "?gs"), ("?o", "?go"), (str(ALL_ENTITIES), "?ga"))
)


def _summarise(pairs: Iterable[Pair], everything: bool = False) -> list[str]:
    """UPDATE operations (re)computing the interaction summaries of ``pairs`` and their groups.

    One summary per asserted (subject, relation, object) in the merged default graph, from
    the article graphs as they are when the operations run (later in the same UPDATE as the
    article graphs): ``gb:articleCount`` (articles asserting it), ``gb:bestConfidence`` (the
    highest confidence of those statements) and ``gb:exampleSentence``, the first sentence in
    code-point order among the statements with that best confidence (deterministic, unlike
    SPARQL's SAMPLE). A pair no article asserts any more loses its summary.

    Each summary is ``gb:inGroup`` the groups of its subject, its object and
    ``gb:allEntities`` for its article count (``mapping.mint_interaction_group_iri``); a
    group is a ``gb:InteractionGroup`` with ``gb:groupOf`` its owner and
    ``gb:groupArticleCount``, and a group of the touched entities left without members is
    deleted.

    ``everything``: ``pairs`` are all pairs of the store; every summary and group is dropped
    and the statements are grouped in one pass instead of being looked up pair by pair.
    """
    ordered = sorted(pairs, key=lambda spo: tuple(t.value for t in spo))
    if not ordered and not everything:
        return []
    minted = " ".join(f"({s} {p} {o} {mint_interaction_iri(s, p, o)})" for s, p, o in ordered)
    if everything:
        restrict, first = "", ""
        drop = "DELETE { ?i ?x ?y } WHERE { ?i a gb:InteractionSummary ; ?x ?y }"
        empty = "DELETE { ?g ?x ?y } WHERE { ?g a gb:InteractionGroup ; ?x ?y }"
    else:
        restrict = "VALUES (?s ?p ?o) { " + " ".join(f"({s} {p} {o})" for s, p, o in ordered)
        restrict += " } "
        first = "?s ?p ?o . "
        ids = " ".join(str(mint_interaction_iri(s, p, o)) for s, p, o in ordered)
        drop = f"DELETE {{ ?i ?x ?y }} WHERE {{ VALUES ?i {{ {ids} }} ?i ?x ?y }}"
        owners = {e for s, _, o in ordered for e in (s, o)} | {ALL_ENTITIES}
        values = " ".join(str(e) for e in sorted(owners, key=lambda n: n.value))
        empty = (
            f"DELETE {{ ?g ?x ?y }} WHERE {{ VALUES ?e {{ {values} }} ?g gb:groupOf ?e "
            "FILTER NOT EXISTS { ?m gb:inGroup ?g } ?g ?x ?y }"
        )
    counts = (
        "INSERT { ?i a gb:InteractionSummary ; gb:summarySubject ?s ; gb:summaryPredicate ?p ; "
        f"gb:summaryObject ?o ; gb:articleCount ?n ; gb:bestConfidence ?best . {_GROUPS} }} "
        "WHERE { { SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) (MAX(?c) AS ?best) WHERE { "
        + restrict
        + _ASSERTED.format(first=first, more="")
        + f" }} GROUP BY ?s ?p ?o }} VALUES (?s ?p ?o ?i) {{ {minted} }} {_GROUP_IRIS} }}"
    )
    example = (
        "INSERT { ?i gb:exampleSentence ?example } WHERE { "
        f"{{ SELECT ?i (MIN(?sentence) AS ?example) WHERE {{ VALUES (?s ?p ?o ?i) {{ {minted} }} "
        "?i gb:bestConfidence ?c . "
        + _ASSERTED.format(first="?s ?p ?o . ", more=" ; gb:sentence ?sentence")
        + " } GROUP BY ?i } }"
    )
    if not ordered:
        return [drop, empty]
    return [drop, counts, example, empty] if not everything else [drop, empty, counts, example]


class Store:
    """A pyoxigraph store on disk (or in memory when ``path`` is None).

    ``ox`` is the underlying :class:`pyoxigraph.Store` for direct SPARQL access.
    """

    def __init__(self, ox: OxStore, path: Path | None, read_only: bool = False) -> None:
        self.ox = ox
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: Path | str | None, read_only: bool = False) -> Store:
        """Open or create the store at ``path`` (None: in memory).

        Raises StoreError when another process writes to it ("store is in use"), when a
        read-only store does not exist, or when the folder is not a store.
        """
        if path is None:
            return cls(OxStore(), None)
        path = Path(path)
        try:
            if read_only:
                if not (path / "CURRENT").is_file():
                    raise StoreError(f"{path}: no store here; run `graphbuild build` first")
                return cls(OxStore.read_only(str(path)), path, read_only=True)
            path.mkdir(parents=True, exist_ok=True)
            store = cls(OxStore(str(path)), path)
            store._mark_top_quoted_if_missing()
            store._summarise_if_missing()
            store._group_interactions_if_missing()
            return store
        except OSError as exc:
            text = str(exc).lower()
            if any(word in text for word in _IN_USE):
                raise StoreError(
                    f"{path}: store is in use by another graphbuild process (RocksDB lock); "
                    "wait for it to finish, or query it read-only with `graphbuild query`"
                ) from exc
            raise StoreError(f"{path}: cannot open the store: {exc}") from exc

    # ------------------------------------------------------------------ reading

    def quads(self, graph: NamedNode | DefaultGraph | None = None) -> Iterator[Quad]:
        """All quads, or those of one graph."""
        return iter(self.ox.quads_for_pattern(None, None, None, graph))

    def articles(self) -> list[NamedNode]:
        """The named graphs (one per article), sorted by IRI."""
        return sorted(
            (g for g in self.ox.named_graphs() if isinstance(g, NamedNode)), key=lambda g: g.value
        )

    def select(
        self, sparql: str, substitutions: dict[Variable, Term] | None = None
    ) -> QuerySolutions:
        """Run a SELECT over the union of all graphs with graphbuild's prefixes.

        Example:
            >>> list(Store.open(None).select("SELECT ?s WHERE { ?s gb:said ?q }"))
            []
        """
        result = self.ox.query(
            sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=substitutions
        )
        if not isinstance(result, QuerySolutions):
            raise QueryError("expected a SELECT query")
        return result

    def __len__(self) -> int:
        return len(self.ox)

    # ------------------------------------------------------------------ writing

    def _entities(self, quads: Iterable[Quad]) -> set[NamedNode]:
        return {
            q.subject
            for q in quads
            if q.predicate == on.rdf("type")
            and isinstance(q.subject, NamedNode)
            and isinstance(q.object, NamedNode)
            and q.object.value.startswith(on.GB)
            and q.object.value[len(on.GB) :] not in ("Article", "Quote")
        }

    def _swap(self, changes: dict[NamedNode, list[Quad]]) -> None:
        """Replace each graph by its new quads and re-merge touched entities, in one UPDATE."""
        old = {graph: list(self.quads(graph)) for graph in changes}
        touched: set[NamedNode] = set()
        for graph, new in changes.items():
            touched |= self._entities(old[graph]) | self._entities(new)
        votes: Counter[tuple[Subject, NamedNode, Term]] = Counter()
        signed = [(q, 1) for q in changes.values()] + [(q, -1) for q in old.values()]
        for quads, sign in signed:
            for q in quads:
                if q.predicate in DESCRIPTION_PREDICATES and q.subject in touched:
                    votes[(q.subject, q.predicate, q.object)] += sign
        # One vote per article graph. Oxigraph counts them per entity (GRAPH ?g skips the
        # default graph); the old versions of the changed graphs were subtracted above.
        # Measured: 8x faster than reading the quads into Python for an entity that
        # thousands of articles mention (docs/benchmarks.md).
        preds = " ".join(str(p) for p in DESCRIPTION_PREDICATES)
        dg = DefaultGraph()
        before: set[Quad] = set()
        for e in touched:
            before.update(self.ox.quads_for_pattern(e, None, None, dg))
            counted = self.ox.query(
                f"SELECT ?p ?o (COUNT(?g) AS ?n) WHERE {{ VALUES ?p {{ {preds} }} "
                f"GRAPH ?g {{ {e} ?p ?o }} }} GROUP BY ?p ?o"
            )
            for row in counted:  # type: ignore[union-attr]
                p, o, n = tuple(row)
                votes[(e, p, o)] += int(n.value)  # type: ignore[index,union-attr]
        after = set(merge_votes((k, n) for k, n in votes.items() if n > 0))
        counts = {on.gb("quoteCount"), on.gb("quotedInArticles"), on.gb("topQuoted")}
        before = {q for q in before if q.predicate not in counts}
        parts = [f"DROP SILENT GRAPH {graph}" for graph in changes]
        if before - after:
            parts.append(
                "DELETE DATA {\n" + "\n".join(_triple_text(q) for q in before - after) + "\n}"
            )
        inserts = [_triple_text(q) for q in after - before]
        for graph, new in changes.items():
            if new:
                body = "\n".join(_triple_text(q) for q in new)
                inserts.append(f"GRAPH {graph} {{\n{body}\n}}")
        if inserts:
            parts.append("INSERT DATA {\n" + "\n".join(inserts) + "\n}")
        # Interaction summaries (and their groups) of every (subject, relation, object) the old
        # or new version of a changed article reports, recomputed by Oxigraph from the new
        # article graphs.
        pairs: set[Pair] = set()
        for quads in (*old.values(), *changes.values()):
            pairs |= _pairs(quads)
        parts.extend(_summarise(pairs))
        # Quote counts are recomputed by Oxigraph from the new state, later in the same
        # request (the operations of one UPDATE run in order, in one transaction).
        alive = {q.subject for q in after}
        for e in sorted(touched, key=lambda n: n.value):
            parts.append(f"DELETE WHERE {{ {e} gb:quoteCount ?c }}")
            parts.append(f"DELETE WHERE {{ {e} gb:quotedInArticles ?a }}")
            if e in alive:
                parts.append(
                    f"INSERT {{ {e} gb:quoteCount ?n ; gb:quotedInArticles ?na }} WHERE {{ "
                    f"{{ SELECT (COUNT(DISTINCT ?q) AS ?n) (COUNT(DISTINCT ?g) AS ?na) "
                    f"WHERE {{ GRAPH ?g {{ {e} gb:said ?q }} }} }} FILTER(?n > 0) }}"
                )
        said = on.gb("said")
        losing = {q.subject for quads in old.values() for q in quads if q.predicate == said}
        marked = {q.subject for q in self.ox.quads_for_pattern(None, on.gb("topQuoted"), None, dg)}
        if losing & marked:
            parts.extend(_rank_all_speakers())
        elif touched:
            parts.extend(_rank_candidates(touched))
        self.ox.update(" ;\n".join(parts), prefixes=PREFIXES)

    def _mark_top_quoted_if_missing(self) -> None:
        """A store written before ``gb:topQuoted`` existed gets its marks once, on opening."""
        if self.ox.query("ASK { ?e gb:quoteCount ?n }", prefixes=PREFIXES) and not (
            self.ox.query("ASK { ?e gb:topQuoted ?t }", prefixes=PREFIXES)
        ):
            self.ox.update(" ;\n".join(_rank_all_speakers()), prefixes=PREFIXES)

    def _summarise_if_missing(self) -> None:
        """A store written before interaction summaries existed gets them once, on opening."""
        if self.ox.query("ASK { ?i a gb:InteractionSummary }", prefixes=PREFIXES):
            return
        found = self.ox.query(
            "SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?st rdf:subject ?s ; "
            "rdf:predicate ?p ; rdf:object ?o ; gb:asserted ?a } FILTER(?a && isIRI(?s) "
            "&& isIRI(?p) && isIRI(?o)) }",
            prefixes=PREFIXES,
        )
        pairs = {tuple(row) for row in found}  # type: ignore[union-attr]
        if pairs:
            ops = _summarise(pairs, everything=True)  # type: ignore[arg-type]
            self.ox.update(" ;\n".join(ops), prefixes=PREFIXES)

    def _group_interactions_if_missing(self) -> None:
        """Summaries without groups (a store written before them) get them once, on opening.

        The ``gb:topInteractionOf`` / ``gb:topInteraction`` marks such a store may have (the
        groups replaced them) are dropped in the same UPDATE.
        """
        if not self.ox.query("ASK { ?i a gb:InteractionSummary }", prefixes=PREFIXES) or (
            self.ox.query("ASK { ?i gb:inGroup ?g }", prefixes=PREFIXES)
        ):
            return
        marks = f"<{on.GB}topInteractionOf>", f"<{on.GB}topInteraction>"
        self.ox.update(
            " ;\n".join(
                [
                    *(f"DELETE WHERE {{ ?i {m} ?x }}" for m in marks),
                    f"INSERT {{ {_GROUPS} }} WHERE {{ ?i a gb:InteractionSummary ; "
                    "gb:summarySubject ?s ; gb:summaryObject ?o ; gb:articleCount ?n "
                    f"{_GROUP_IRIS} }}",
                ]
            ),
            prefixes=PREFIXES,
        )

    def _changed(self, graph: NamedNode, quads: Iterable[Quad]) -> list[Quad] | None:
        """The quads to write into ``graph``, or None when the graph already holds them."""
        new = list(
            dict.fromkeys(
                q if q.graph_name == graph else Quad(q.subject, q.predicate, q.object, graph)
                for q in quads
            )
        )
        old = set(self.quads(graph))
        if old and set(new) != old:
            # Oxigraph stores some literals in canonical form ("0.80"^^xsd:decimal → "0.8");
            # compare like with like before deciding that the article changed.
            canonical = OxStore()
            canonical.extend(new)
            new = list(canonical)
        return None if set(new) == old else new

    def merge(self, graph: NamedNode, quads: Iterable[Quad]) -> bool:
        """Replace the named graph ``graph`` by ``quads`` atomically; False if nothing changed.

        Every quad is put into ``graph`` whatever graph it names. The merged default-graph
        description of each entity the old or new graph describes is recomputed from all
        article graphs in the same transaction.
        """
        return self.merge_many([(graph, quads)]) == 1

    def merge_many(self, items: Iterable[tuple[NamedNode, Iterable[Quad]]]) -> int:
        """:meth:`merge` for a batch of articles in ONE transaction; returns how many changed.

        For large imports: the merged description of an entity that many articles of the
        batch mention is recomputed once per batch instead of once per article, and there is
        one commit per batch. All or nothing: on error no article of the batch is written.
        A graph given twice takes its last quads.

        Example:
            >>> from pyoxigraph import Literal
            >>> g1, g2 = NamedNode("http://ex.org/a1"), NamedNode("http://ex.org/a2")
            >>> t = NamedNode("http://purl.org/dc/terms/title")
            >>> Store.open(None).merge_many([(g1, [Quad(g1, t, Literal("A"))]), (g2, [])])
            1
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot merge")
        changes: dict[NamedNode, list[Quad]] = {}
        for graph, quads in items:
            new = self._changed(graph, quads)
            if new is not None:
                changes[graph] = new
            else:
                changes.pop(graph, None)
        if not changes:
            return 0
        try:
            self._swap(changes)
        except (OSError, SyntaxError, RuntimeError) as exc:
            names = ", ".join(g.value for g in list(changes)[:3])
            raise StoreError(f"writing {names} failed, store unchanged: {exc}") from exc
        return len(changes)

    def remove(self, graph: NamedNode) -> bool:
        """Remove an article's graph and its share of the merged entities; False if absent."""
        if not self.ox.contains_named_graph(graph):
            return False
        return self.merge(graph, [])

    # ------------------------------------------------------------------ lifecycle

    def reopen(self) -> None:
        """Flush, close and open an on-disk writable store again (no-op in memory/read-only).

        pyoxigraph's store keeps memory of what was written until it is closed: merging
        synthetic articles into one open store grew RSS from 122 to 717 MB over 4,000
        articles, and stayed at 98-153 MB when the store was reopened every 400
        (docs/benchmarks.md, "Build and ingest"). Long writers call this between batches.
        Only where no query result of the old store is still being read: it holds the lock.
        """
        if self.path is None or self.read_only or not hasattr(self, "ox"):
            return
        self.ox.flush()
        del self.ox
        try:
            self.ox = OxStore(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: reopening the store failed: {exc}") from exc

    def compact(self) -> None:
        """Compact an on-disk writable store for its readers (RocksDB's ``optimize``); no-op
        in memory or read-only.

        A store written in many transactions, and reopened now and then as a long build does
        (:meth:`reopen`), keeps its data in many files that every look-up searches: pages of
        the saved queries at 1M triples took 20-24 ms there and 7-9 ms once compacted, which
        took 3.5 s (docs/benchmarks.md). ``build`` compacts once at its end.
        """
        if self.path is None or self.read_only or not hasattr(self, "ox"):
            return
        try:
            self.ox.optimize()
        except OSError as exc:
            raise StoreError(f"{self.path}: compacting the store failed: {exc}") from exc

    def close(self) -> None:
        """Flush (if on disk and writable) and release the store, including its lock."""
        if not hasattr(self, "ox"):
            return
        if self.path is not None and not self.read_only:
            self.ox.flush()
        del self.ox

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
