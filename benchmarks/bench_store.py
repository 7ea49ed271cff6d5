"""SPARQL store benchmark: load speed and saved-query latency at 10k, 100k and 1M triples.

Synthetic but realistic articles (``graphbuild.graph.synthetic``: Zipf-distributed actors,
quotes, relations with provenance) go through the real mapping (``to_quads``) and the real
``Store.merge`` (one transactional SPARQL UPDATE per article, merged default graph
recomputed). At each size the saved queries run ``--reps`` times against the on-disk
pyoxigraph store and against an rdflib in-memory ``Dataset`` holding the same quads (union
default graph), with the same parameters bound (substitutions / initBindings).

Usage::

    nice python benchmarks/bench_store.py [--sizes 10000,100000,1000000] [--reps 30]
                                          [--rdflib-reps 3] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from pyoxigraph import RdfFormat, serialize  # noqa: E402
from report import write_section  # noqa: E402

from graphbuild.graph.mapping import mint_article_iri, to_quads  # noqa: E402
from graphbuild.graph.store import Store  # noqa: E402
from graphbuild.graph.synthetic import synthetic_resolutions  # noqa: E402
from graphbuild.query import (  # noqa: E402
    _PAGE_MARK,
    PAGE_SIZE,
    find_entities,
    run,
    saved_page,
    saved_query,
)
from graphbuild.types import Table  # noqa: E402


def percentiles(times: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds."""
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95


def timed(fn: Callable[[], object], reps: int, budget_s: float = 15.0) -> tuple[float, float]:
    """p50/p95 over ``reps`` runs after a warm-up; fewer (at least 3) if over ``budget_s``."""
    return timed_together([fn], reps, budget_s)[0]


def timed_together(
    fns: list[Callable[[], object]], reps: int, budget_s: float = 15.0
) -> list[tuple[float, float]]:
    """p50/p95 of each of ``fns`` over ``reps`` rounds that run each once, after a warm-up.

    Round-robin, so a slow spell of the machine (other jobs, seconds long) slows every query
    a little instead of one query a lot. A function that has used up ``budget_s`` stops
    after 3 runs.
    """
    for fn in fns:
        fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(reps):
        for k, fn in enumerate(fns):
            if len(times[k]) >= 3 and sum(times[k]) > budget_s:
                continue
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return [percentiles(t) for t in times]


Case = tuple[str, str, dict[str, str], int | None, int]  # query, who, params, page size, offset
# The same run's yardstick for how fast the machine is at the moment: 100 names read from the
# merged default graph, about the least a page of 100 rows can cost.
BASELINE = "SELECT ?e ?name WHERE { ?e skos:prefLabel ?name } LIMIT 100"
LATER = 1_000  # the offset of a later page: the 11th page of 100 rows


def cases(store: Store) -> list[Case]:
    """The saved queries for a typical speaker (median quote count) and the top one.

    The top speaker of a Zipf-distributed corpus is in a large share of all articles, so
    its result size (and time) grows with the corpus; the median speaker's barely does.
    Saved queries return pages of ``PAGE_SIZE`` rows: the first page and the 11th (offset
    ``LATER``), and for the top speaker every row too (``page_size=None``, what
    ``graphbuild query --all`` asks for). Also: those pages of the queries whose ``person``
    is optional without it (all entities), and the first page of ``interactions`` for the
    entity with the most summaries among those whose first page reaches into their
    one-article summaries (the page is cut from a long tail of equal counts).
    """
    counts = run(
        store,
        "SELECT ?name ?n WHERE { ?e gb:quoteCount ?n ; skos:prefLabel ?name "
        "FILTER(lang(?name) = '') } ORDER BY ?n ?name",
    )
    rows = counts.rows if not isinstance(counts, bool) else ()  # type: ignore[union-attr]
    typical, first = str(rows[len(rows) // 2][0]), str(rows[-1][0])
    tail = run(
        store,
        "SELECT ?e (SUM(IF(?n > 1, 1, 0)) AS ?multi) (COUNT(*) AS ?all) WHERE { "
        "?g gb:groupOf ?e ; gb:groupArticleCount ?n . ?i gb:inGroup ?g "
        "FILTER(?e != gb:allEntities) } GROUP BY ?e HAVING (SUM(IF(?n > 1, 1, 0)) < 100) "
        "ORDER BY DESC(?all) ?e LIMIT 1",
        union=False,
    )
    out: list[Case] = []
    for query in ("who-said-what", "interactions", "entity-profile"):
        out.append((query, "typical", {"person": typical}, PAGE_SIZE, 0))
        out.append((query, "top, first page", {"person": first}, PAGE_SIZE, 0))
        out.append((query, "top, 11th page", {"person": first}, PAGE_SIZE, LATER))
        out.append((query, "top, all rows", {"person": first}, None, 0))
        if query == "interactions" and isinstance(tail, Table) and tail.rows:
            iri, multi, total = tail.rows[0]
            who = f"{total} summaries, {multi} with 2+ articles, first page"
            out.append((query, who, {"person": str(iri)}, PAGE_SIZE, 0))
        if "required" not in saved_query(query).params.get("person", "required"):
            out.append((query, "no person, first page", {}, PAGE_SIZE, 0))
            out.append((query, "no person, 11th page", {}, PAGE_SIZE, LATER))
    out.append(("most-quoted", "", {}, PAGE_SIZE, 0))
    return out


def rdflib_dataset(data: bytes) -> object:
    """An rdflib in-memory dataset (union default graph) of N-Quads ``data``."""
    import rdflib

    ds = rdflib.Dataset(default_union=True)
    ds.parse(data=data, format="nquads")
    return ds


def rdflib_query(
    ds: object, name: str, entity: str | None, page_size: int | None, offset: int
) -> int:
    """The same saved query through rdflib, ``entity`` bound, with the page cut at its
    "# page" line (or at the end)."""
    import rdflib

    from graphbuild.graph.ontology import PREFIXES

    text = saved_query(name).text
    if page_size is not None:
        clause = f"LIMIT {page_size} OFFSET {offset}"
        text = _PAGE_MARK.sub(clause, text) if _PAGE_MARK.search(text) else f"{text}\n{clause}"
    header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items() if f"{k}:" in text)
    bindings = {"entity": rdflib.URIRef(entity)} if entity else {}
    return len(list(ds.query(header + text, initBindings=bindings)))  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--reps", type=int, default=30)
    ap.add_argument("--rdflib-reps", type=int, default=3)
    ap.add_argument("--rdflib-max", type=int, default=1_000_000, help="skip rdflib above this")
    ap.add_argument("--batch", type=int, default=64, help="articles per merge_many")
    ap.add_argument("--write", type=Path, default=None)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    lines: list[str] = []
    later: list[tuple[int, int, str, str | None, int | None, int]] = []  # rdflib cases
    quads: dict[int, bytes] = {}  # N-Quads of the sizes rdflib is timed at
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "store")
        stream = synthetic_resolutions(10**7, seed=42, n_entities=max(sizes) // 40)
        loaded_s, articles = 0.0, 0
        load_rows = []
        for size in sizes:
            t0 = time.perf_counter()
            while len(store) < size:
                batch = [next(stream) for _ in range(args.batch)]
                store.merge_many(
                    (mint_article_iri(r.extraction.article), to_quads(r)) for r in batch
                )
                articles += len(batch)
            loaded_s += time.perf_counter() - t0
            n = len(store)
            # the latency of updating ONE article in a store of this size (Store.merge)
            single = []
            for _ in range(20):
                r = next(stream)
                t1 = time.perf_counter()
                store.merge(mint_article_iri(r.extraction.article), to_quads(r))
                single.append(time.perf_counter() - t1)
                articles += 1
            m50, m95 = percentiles(single)
            # as `graphbuild build` leaves it: compacted for its readers (Store.compact)
            t2 = time.perf_counter()
            store.compact()
            compact_s = time.perf_counter() - t2
            load_rows.append(
                f"| {n:,} | {articles:,} | {loaded_s:.1f} | {n / loaded_s:,.0f} | {m50:.0f} | "
                f"{m95:.0f} | {compact_s:.1f} |"
            )
            print(load_rows[-1], flush=True)
            n = len(store)
            # Queries run as `graphbuild query` and `serve` run them: on the closed store,
            # opened read-only (reads in the writing process right after its writes, with
            # RocksDB's memtables full, took up to twice as long).
            store.close()
            store = Store.open(Path(tmp) / "store", read_only=True)
            measured = cases(store)
            timings = timed_together(
                [lambda st=store: run(st, BASELINE, union=False)]
                + [
                    lambda n=name, p=params, z=size_, o=offset, st=store: saved_page(
                        st, n, p, page_size=z, offset=o
                    )
                    for name, _, params, size_, offset in measured
                ],
                args.reps,
            )
            (b50, b95), timings = timings[0], timings[1:]
            lines.append(
                f"| {n:,} | baseline: 100 names read, no saved query | 100 | {b50:.1f} | {b95:.1f} | – | – |"
            )
            print(lines[-1], flush=True)
            for (name, who, params, size_, offset), (p50, p95) in zip(
                measured, timings, strict=True
            ):
                count = len(
                    saved_page(store, name, params, page_size=size_, offset=offset).table.rows
                )
                label = f"{name} ({who})" if who else name
                lines.append(f"| {n:,} | {label} | {count} | {p50:.1f} | {p95:.1f} | – | – |")
                print(lines[-1], flush=True)
                if size <= args.rdflib_max:
                    iri = find_entities(store, params["person"])[0] if params else None
                    later.append((len(lines) - 1, n, name, iri, size_, offset))
            if size <= args.rdflib_max:
                quads[n] = serialize(list(store.quads()), format=RdfFormat.N_QUADS) or b""
            store.close()
            store = Store.open(Path(tmp) / "store")
        # a bare SELECT for scale: how long does a full scan of all quotes take
        t = time.perf_counter()
        run(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?q a gb:Quote } }")
        scan_ms = (time.perf_counter() - t) * 1000
        store.close()
    # rdflib after every pyoxigraph figure: a big rdflib graph in the process slows Python's
    # garbage collector for everyone afterwards (every pyoxigraph page took 1.5-2x as long
    # once the 10k rdflib graph had been loaded and dropped)
    for n, data in quads.items():
        ds = rdflib_dataset(data)
        for at, size_n, name, iri, size_, offset in later:
            if size_n == n:
                r50, r95 = timed(
                    lambda n=name, i=iri, z=size_, o=offset, d=ds: rdflib_query(d, n, i, z, o),
                    args.rdflib_reps,
                )
                lines[at] = lines[at].removesuffix("– | – |") + f"{r50:.0f} | {r95:.0f} |"
                print(lines[at], flush=True)
        del ds
        gc.collect()

    body = "\n".join(
        [
            "## SPARQL store",
            "",
            f"`benchmarks/bench_store.py` on {platform.machine()}, Python "
            f"{platform.python_version()}, {platform.system()}; synthetic articles through "
            "`to_quads` and `Store.merge_many` (one transactional UPDATE per batch, merged "
            "default graph recomputed), on-disk pyoxigraph store, compacted (as `build` leaves "
            "it), closed and opened read-only for the queries (as `graphbuild query` and "
            "`serve` open it); saved queries with "
            "`person` = a typical speaker (median quote count) and the top speaker, by name "
            "(name → IRI lookup included); each query is timed as `graphbuild query --saved` "
            f"and `serve` run it (`saved_page`: a page of {PAGE_SIZE} rows plus the look-ahead "
            "that tells whether more rows follow), the first page and the 11th (offset "
            f"{LATER:,}), and for the top speaker every row too (`--all`), all in "
            "round-robin (each round runs every query once, so a slow spell of the machine "
            "is shared by all). The baseline row "
            "at each size reads 100 names from the merged graph (no saved query): the same "
            "run's yardstick for the machine's speed at that moment. "
            f"{args.reps} runs per query (pyoxigraph), {args.rdflib_reps} (rdflib "
            "in-memory `Dataset(default_union=True)`, same query text and bindings; "
            f"not run above {args.rdflib_max:,} triples).",
            "",
            f"### Loading through `Store.merge_many` ({args.batch} articles per transaction)",
            "",
            "merge p50/p95: updating one more article with `Store.merge` at that size (ms); "
            "compact: `Store.compact()` afterwards, as `graphbuild build` does at its end (s).",
            "",
            "| triples | articles | seconds | triples/s | merge p50 | merge p95 | compact s |",
            "|---:|---:|---:|---:|---:|---:|---:|",
            *load_rows,
            "",
            "### Saved queries (ms)",
            "",
            "| triples | query | rows | oxigraph p50 | oxigraph p95 | rdflib p50 | rdflib p95 |",
            "|---:|---|---:|---:|---:|---:|---:|",
            *lines,
            "",
            f"Count of all quotes at the largest size: {scan_ms:.0f} ms.",
        ]
    )
    print(body)
    if args.write:
        write_section(args.write, "## SPARQL store", body)


if __name__ == "__main__":
    main()
