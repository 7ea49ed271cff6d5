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
UPDATE for every pair the old or new version of a changed article reports, and
``gb:topInteractionOf`` marks on each entity's ``TOP_INTERACTIONS`` most reported summaries
(ties included), kept incrementally like ``gb:topQuoted``; ``gb:topInteraction true`` marks
the ``TOP_INTERACTIONS`` most reported summaries of the whole store (ties included, none
with one article only), for the first page of ``interactions`` without a person, kept the
same way; the ``interactions`` query reads them (docs/graph.md). Stores written before get
them once, when opened for writing.

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
    DESCRIPTION_PREDICATES,
    Subject,
    Term,
    merge_votes,
    mint_interaction_iri,
)
from graphbuild.graph.ontology import PREFIXES

_IN_USE = ("lock", "resource temporarily unavailable", "busy")
TOP_QUOTED = 100  # speakers marked gb:topQuoted (those tied with the last one included)
# Interaction summaries marked gb:topInteractionOf each entity: the most reported ones (ties
# included), enough for the first page of 100 rows and the row after it (does a page follow?).
TOP_INTERACTIONS = 101
# Store-wide marks (gb:topInteraction) need at least this many articles: the tail of
# one-article summaries ties by the thousand, and marking it would cost every merge a scan of
# all those marks; a first page the marks cannot fill ranks every summary instead.
TOP_INTERACTION_MIN_ARTICLES = 2
_KEPT_MARKS = "FILTER(?x NOT IN (gb:topInteractionOf, gb:topInteraction))"  # kept by _summarise
_STATEMENT_PARTS = (on.rdf("subject"), on.rdf("predicate"), on.rdf("object"))
_ASSERTED_P = on.gb("asserted")
_TRUE = f'"true"^^<{on.XSD}boolean>'
Pair = tuple[NamedNode, NamedNode, NamedNode]  # (subject, relation predicate, object)


def _term(t: object) -> str:
    return str(t)


def _triple_text(q: Quad) -> str:
    return f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} ."


def _top_threshold(candidates: str, count: str = "gb:quoteCount", k: int | None = None) -> str:
    """A sub-query binding ``?t``: the ``k``-th (default ``TOP_QUOTED``) highest ``count``
    among ``candidates`` (a group pattern binding ``?x``; the default graph of an UPDATE is
    the merged graph). Unbound when there is no candidate."""
    return (
        f"{{ SELECT (MIN(?n) AS ?t) WHERE {{ {{ SELECT ?n WHERE {{ "
        f"{{ SELECT DISTINCT ?x WHERE {{ {candidates} }} }} ?x {count} ?n }} "
        f"ORDER BY DESC(?n) LIMIT {TOP_QUOTED if k is None else k} }} }} }}"
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


def _summarise(pairs: Iterable[Pair], everything: bool = False) -> list[str]:
    """UPDATE operations (re)computing the interaction summaries of ``pairs``.

    One summary per asserted (subject, relation, object) in the merged default graph, from
    the article graphs as they are when the operations run (later in the same UPDATE as the
    article graphs): ``gb:articleCount`` (articles asserting it), ``gb:bestConfidence`` (the
    highest confidence of those statements) and ``gb:exampleSentence``, the first sentence in
    code-point order among the statements with that best confidence (deterministic, unlike
    SPARQL's SAMPLE). A pair no article asserts any more loses its summary.

    ``everything``: ``pairs`` are all pairs of the store; every summary is dropped and the
    statements are grouped in one pass instead of being looked up pair by pair.
    ``gb:topInteractionOf`` and ``gb:topInteraction`` marks are left alone
    (:meth:`Store._rank_interactions`, :func:`_rank_top_interactions`).
    """
    ordered = sorted(pairs, key=lambda spo: tuple(t.value for t in spo))
    if not ordered and not everything:
        return []
    minted = " ".join(f"({s} {p} {o} {mint_interaction_iri(s, p, o)})" for s, p, o in ordered)
    if everything:
        restrict, first = "", ""
        drop = f"DELETE {{ ?i ?x ?y }} WHERE {{ ?i a gb:InteractionSummary ; ?x ?y {_KEPT_MARKS} }}"
    else:
        restrict = "VALUES (?s ?p ?o) { " + " ".join(f"({s} {p} {o})" for s, p, o in ordered)
        restrict += " } "
        first = "?s ?p ?o . "
        ids = " ".join(str(mint_interaction_iri(s, p, o)) for s, p, o in ordered)
        drop = f"DELETE {{ ?i ?x ?y }} WHERE {{ VALUES ?i {{ {ids} }} ?i ?x ?y {_KEPT_MARKS} }}"
    counts = (
        "INSERT { ?i a gb:InteractionSummary ; gb:summarySubject ?s ; gb:summaryPredicate ?p ; "
        "gb:summaryObject ?o ; gb:articleCount ?n ; gb:bestConfidence ?best } WHERE { "
        "{ SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) (MAX(?c) AS ?best) WHERE { "
        + restrict
        + _ASSERTED.format(first=first, more="")
        + f" }} GROUP BY ?s ?p ?o }} VALUES (?s ?p ?o ?i) {{ {minted} }} }}"
    )
    example = (
        "INSERT { ?i gb:exampleSentence ?example } WHERE { "
        f"{{ SELECT ?i (MIN(?sentence) AS ?example) WHERE {{ VALUES (?s ?p ?o ?i) {{ {minted} }} "
        "?i gb:bestConfidence ?c . "
        + _ASSERTED.format(first="?s ?p ?o . ", more=" ; gb:sentence ?sentence")
        + " } GROUP BY ?i } }"
    )
    return [drop, counts, example] if ordered else [drop]


def _rank_all_interactions(entities: Iterable[NamedNode]) -> list[str]:
    """UPDATE operations marking the top summaries of ``entities`` from all their summaries.

    ``?i gb:topInteractionOf ?e`` marks the ``TOP_INTERACTIONS`` summaries of ``?e`` (as
    subject or object) with the most articles, and every summary tied with the last, so the
    first page of an entity's ``interactions`` reads ~100 summaries instead of ranking all
    of them (docs/graph.md). Run after the summaries were recomputed.
    """
    ops: list[str] = []
    for e in sorted(entities, key=lambda n: n.value):
        of = f"{{ ?x gb:summarySubject {e} }} UNION {{ ?x gb:summaryObject {e} }}"
        ops.append(f"DELETE WHERE {{ ?i gb:topInteractionOf {e} }}")
        ops.append(
            f"INSERT {{ ?i gb:topInteractionOf {e} }} WHERE {{ "
            + _top_threshold(of, "gb:articleCount", TOP_INTERACTIONS)
            + f" {of.replace('?x', '?i')} ?i gb:articleCount ?m FILTER(?m >= ?t) }}"
        )
    return ops


def _rank_top_interactions(touched: Iterable[NamedNode] | None) -> list[str]:
    """UPDATE operations keeping ``gb:topInteraction true`` on the store's most reported summaries.

    The ``TOP_INTERACTIONS`` summaries with the most articles, and every summary tied with
    the last (so the marked ones come first in the order of ``interactions`` without a
    person), but none with fewer than ``TOP_INTERACTION_MIN_ARTICLES``: the marks are the
    summaries with at least ``max(t, TOP_INTERACTION_MIN_ARTICLES)`` articles, ``t`` the
    ``TOP_INTERACTIONS``-th highest count. ``touched``: the summaries a merge recomputed,
    none of them marked before with a count that dropped: then, as for ``gb:topQuoted``,
    only they and the marked ones can be the new top (also with the floor: when fewer than
    ``TOP_INTERACTIONS`` of them reach the old threshold, it was the floor and stays it).
    None: every summary is ranked again (a full scan). Run after the summaries were
    recomputed.
    """
    k, low = TOP_INTERACTIONS, TOP_INTERACTION_MIN_ARTICLES
    if touched is None:
        return [
            "DELETE WHERE { ?i gb:topInteraction ?any }",
            "INSERT { ?i gb:topInteraction true } WHERE { { SELECT (MIN(?n) AS ?t) WHERE { "
            f"{{ SELECT ?n WHERE {{ ?x gb:articleCount ?n }} ORDER BY DESC(?n) LIMIT {k} }} }} }}"
            f" ?i gb:articleCount ?m FILTER(?m >= ?t && ?m >= {low}) }}",
        ]
    values = " ".join(str(i) for i in sorted(touched, key=lambda n: n.value))
    if not values:
        return []
    # One operation: its WHERE sees the state before it, so ?t is the threshold of the
    # marked and touched summaries, which marks the touched ones above it and unmarks the
    # marked ones below it (or without a count any more).
    candidates = f"{{ ?x gb:topInteraction true }} UNION {{ VALUES ?x {{ {values} }} }}"
    return [
        "DELETE { ?d gb:topInteraction true } INSERT { ?i gb:topInteraction true } WHERE { "
        + _top_threshold(candidates, "gb:articleCount", k)
        + f" {{ VALUES ?i {{ {values} }} ?i gb:articleCount ?m }} UNION "
        "{ ?d gb:topInteraction true OPTIONAL { ?d gb:articleCount ?n } } "
        f"FILTER(IF(BOUND(?i), ?m >= ?t && ?m >= {low}, !BOUND(?n) || ?n < ?t || ?n < {low})) }}",
    ]


def _asserted_pairs(quads: Iterable[Quad]) -> set[Pair]:
    """The pairs of the statements among ``quads`` marked ``gb:asserted true``."""
    quads = list(quads)
    yes = {q.subject for q in quads if q.predicate == _ASSERTED_P and str(q.object) == _TRUE}
    return _pairs(q for q in quads if q.subject in yes)


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
            store._rank_interactions_if_missing()
            store._rank_top_interactions_if_missing()
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
        # Interaction summaries of every (subject, relation, object) the old or new version of
        # a changed article reports, recomputed by Oxigraph from the new article graphs.
        reported_before: set[Pair] = set()
        for quads in old.values():
            reported_before |= _pairs(quads)
        pairs = set(reported_before)
        for quads in changes.values():
            pairs |= _pairs(quads)
        parts.extend(_summarise(pairs))
        parts.extend(self._rank_interactions(changes, pairs, reported_before))
        # Store-wide marks: ranked again from every summary only when a marked one lost
        # articles (more changed graphs asserted it before than assert it now).
        delta: Counter[NamedNode] = Counter()
        for graph, new in changes.items():
            delta.update(mint_interaction_iri(*spo) for spo in _asserted_pairs(new))
            delta.subtract(mint_interaction_iri(*spo) for spo in _asserted_pairs(old[graph]))
        top = on.gb("topInteraction")
        lost = (i for i, n in delta.items() if n < 0)
        if any(next(iter(self.ox.quads_for_pattern(i, top, None, dg)), None) for i in lost):
            parts.extend(_rank_top_interactions(None))
        else:
            parts.extend(_rank_top_interactions(mint_interaction_iri(*spo) for spo in pairs))
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

    def _rank_interactions(
        self, changes: dict[NamedNode, list[Quad]], touched: set[Pair], losing: set[Pair]
    ) -> list[str]:
        """UPDATE operations re-marking the top interaction summaries of touched entities.

        An entity in a ``losing`` pair (reported by the old version of a changed article: its
        counts may have dropped) is ranked again from all its summaries, by Oxigraph, after
        they were recomputed. Every other touched entity only gained: its marked summaries
        are exactly those with at least ``t`` articles (the lowest count among them), its
        touched summaries had the counts of the article graphs other than the changed ones
        (the changed ones did not report them before) and get those of the new versions on
        top. From the counts of its marked summaries (one ``GROUP BY`` for all entities, read
        before the request) and of its touched ones the new threshold follows; newly marked
        summaries are written as data, and if the threshold rose the marks below it are
        dropped by an operation that runs after the summaries were recomputed.
        """
        full = {e for s, _, o in losing for e in (s, o)}
        ops = _rank_all_interactions(full)
        grown: dict[NamedNode, set[NamedNode]] = defaultdict(set)
        wanted: set[Pair] = set()
        for spo in touched:
            for e in (spo[0], spo[2]):
                if e not in full:
                    grown[e].add(mint_interaction_iri(*spo))
                    wanted.add(spo)
        if not grown:
            return ops
        values = " ".join(f"({s} {p} {o})" for s, p, o in sorted(wanted, key=str))
        skip = ", ".join(str(g) for g in changes)
        before: Counter[NamedNode] = Counter()  # articles of the touched pairs, before
        counted = self.ox.query(
            f"SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{ VALUES (?s ?p ?o) {{ {values} }} "
            + _ASSERTED.format(first="?s ?p ?o . ", more="")
            + f" FILTER(?g NOT IN ({skip})) }} GROUP BY ?s ?p ?o",
            prefixes=PREFIXES,
        )
        for s, p, o, n in counted:  # type: ignore[misc,union-attr]
            before[mint_interaction_iri(s, p, o)] += int(n.value)
        after = Counter(before)
        for quads in changes.values():
            for spo in _asserted_pairs(quads):
                after[mint_interaction_iri(*spo)] += 1
        entities = " ".join(str(e) for e in sorted(grown, key=lambda n: n.value))
        marked: dict[NamedNode, Counter[int]] = defaultdict(Counter)  # counts of the marks
        found = self.ox.query(
            f"SELECT ?e ?n (COUNT(?x) AS ?k) WHERE {{ VALUES ?e {{ {entities} }} "
            "?x gb:topInteractionOf ?e . ?x gb:articleCount ?n } GROUP BY ?e ?n",
            prefixes=PREFIXES,
        )
        for e, n, k in found:  # type: ignore[misc,union-attr]
            marked[e][int(n.value)] += int(k.value)
        add: list[str] = []
        for e in sorted(grown, key=lambda n: n.value):
            old = marked.get(e, Counter())
            t = min(old) if old else None
            counts = Counter(old)
            new_marks = []
            for i in grown[e]:
                was_marked = t is not None and before[i] > 0 and t <= before[i]
                if was_marked:
                    counts[before[i]] -= 1
                if after[i] > 0:
                    counts[after[i]] += 1
                    if not was_marked:
                        new_marks.append(i)
            ranked = sorted(counts.elements(), reverse=True)
            if not ranked:
                continue
            t_new = ranked[:TOP_INTERACTIONS][-1]
            add.extend(f"{i} gb:topInteractionOf {e} ." for i in new_marks if after[i] >= t_new)
            if t is not None and t_new > t:
                ops.append(
                    f"DELETE {{ ?x gb:topInteractionOf {e} }} WHERE {{ ?x gb:topInteractionOf "
                    f"{e} ; gb:articleCount ?n FILTER(?n < {t_new}) }}"
                )
        if add:
            ops.append("INSERT DATA { " + " ".join(sorted(add)) + " }")
        return ops

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

    def _rank_interactions_if_missing(self) -> None:
        """Summaries without ``gb:topInteractionOf`` marks get them once, on opening.

        Every entity's threshold (the ``TOP_INTERACTIONS``-th highest article count of its
        summaries) is found in Python from one scan; one UPDATE writes the marks.
        """
        if not self.ox.query("ASK { ?i a gb:InteractionSummary }", prefixes=PREFIXES) or (
            self.ox.query("ASK { ?i gb:topInteractionOf ?e }", prefixes=PREFIXES)
        ):
            return
        counts: dict[str, list[int]] = defaultdict(list)
        found = self.ox.query(
            "SELECT ?e ?n WHERE { { ?i gb:summarySubject ?e } UNION { ?i gb:summaryObject ?e } "
            "?i gb:articleCount ?n }",
            prefixes=PREFIXES,
        )
        for e, n in found:  # type: ignore[misc,union-attr]
            counts[str(e)].append(int(n.value))
        thresholds = " ".join(
            f"({e} {sorted(ns, reverse=True)[:TOP_INTERACTIONS][-1]})"
            for e, ns in sorted(counts.items())
        )
        self.ox.update(
            "INSERT { ?i gb:topInteractionOf ?e } WHERE { "
            f"VALUES (?e ?t) {{ {thresholds} }} "
            "{ ?i gb:summarySubject ?e } UNION { ?i gb:summaryObject ?e } "
            "?i gb:articleCount ?m FILTER(?m >= ?t) }",
            prefixes=PREFIXES,
        )

    def _rank_top_interactions_if_missing(self) -> None:
        """Summaries without ``gb:topInteraction`` marks get them once, on opening."""
        if self.ox.query("ASK { ?i gb:articleCount ?n }", prefixes=PREFIXES) and not (
            self.ox.query("ASK { ?i gb:topInteraction ?t }", prefixes=PREFIXES)
        ):
            self.ox.update(" ;\n".join(_rank_top_interactions(None)), prefixes=PREFIXES)

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
