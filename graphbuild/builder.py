"""The only code that knows the stage order (named ``builder`` so that ``graphbuild.build``
stays the public function): ingest → nlp → extract → resolve → graph → export.

``build`` streams articles through the stages in batches (``nlp.pipe``), on one of three
engines, and writes each finished article into the store as it comes back:

* ``local``: everything in this process;
* ``processes``: ``workers`` processes (spawned; each loads the pipelines once) run
  nlp → extract → resolve → RDF; this process only reads inputs and writes the store;
* ``dask``: the same work as dask tasks on a dask.distributed cluster (``scheduler`` address,
  or a LocalCluster); each finished partition is also written as an N-Quads shard.

Incremental and resumable: every article's named graph carries ``<article> gb:contentHash
"sha256"``, written in the same transaction as the article's statements (one
``Store.merge_many`` transaction per batch). A build skips an article whose id is stored
with the same hash, or whose content is stored under another id (the same article from two
sources), and re-does one whose hash changed. A crash or Ctrl-C therefore loses at most the
batches in flight; running the same command again does the rest. The loop holds no
per-article state: at most ``2 × workers`` batches are in flight, ledger look-ups go to the
store's indexes, and facts stream through a SQLite side file (see ``FactsLedger``).
See docs/scaling.md (and its note on the store's own memory).

Example:
    >>> res = extract_article("Anna Schmidt sagte: „Wir schaffen das.“", lang="de")  # doctest: +SKIP
    >>> res.to_json()["quotes"][0]["text"]  # doctest: +SKIP
    'Wir schaffen das.'
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, Protocol

import pyoxigraph as ox

from graphbuild.config import Settings
from graphbuild.errors import GraphbuildError, InputError
from graphbuild.extract import extract
from graphbuild.files import atomic_write
from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.ingest import IngestOptions, article_from_text, read_articles
from graphbuild.nlp import Pipelines, cached_pipeline
from graphbuild.resolve import resolve
from graphbuild.types import Article, Fact, Failure, Resolution

Engine = Literal["local", "processes", "dask"]
ENGINES: tuple[str, ...] = ("local", "processes", "dask")
#: The completion record of an article, inside the article's own named graph.
CONTENT_HASH = on.gb("contentHash")
#: articles merged between two reopenings of the store (``Store.reopen``: bounds the memory
#: pyoxigraph keeps of what was written; one reopen costs a flush and an open, ~0.1 s)
REOPEN_EVERY = 400


@dataclass
class BuildReport:
    """What a build did: counts for the summary table, and every failure."""

    articles: int = 0  # built (new or changed) in this run
    entities: int = 0  # distinct entities in the whole store
    quotes: int = 0
    relations: int = 0
    triples: int = 0  # in the whole store
    unchanged: int = 0  # skipped: stored with the same content hash
    duplicates: int = 0  # skipped: the same content under another id
    failures: list[Failure] = field(default_factory=list)
    outputs: dict[str, Path] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """One built article as it travels from a worker to the writer: plain, picklable values."""

    id: str
    source: str
    graph: str  # IRI of the article's named graph
    content_hash: str
    nquads: bytes  # the article's statements, ledger triple included
    facts: tuple[str, ...]  # facts.jsonl lines
    quotes: int
    relations: int
    decoded_as: str | None = None  # Article.decoded_as: the text was decoded with a guess


@dataclass(frozen=True, slots=True)
class Skipped:
    """An article not built again, and why."""

    source: str
    reason: Literal["unchanged", "duplicate"]
    other: str = ""  # for duplicates: the id it is stored under


BuildEvent = ArticleResult | Failure | Skipped


def shared_pipelines(models: tuple[tuple[str, str], ...] | None = None) -> Pipelines:
    """Pipelines that load each model once per process (``nlp.cached_pipeline``).

    ``models`` is ``Settings.models`` (language → pipeline name or path), the defaults when
    omitted. What the Python API and every worker process use, so that a loop over
    ``extract_article`` loads the German pipeline once, not once per call.
    """
    names = Settings().models if models is None else models
    return Pipelines(names=dict(names), loader=cached_pipeline)


def resolve_article(article: Article, pipelines: Pipelines) -> Resolution:
    """Run one article through nlp → extract → resolve."""
    doc = pipelines.get(article.lang)(article.text)
    return resolve(extract(article, doc))


def extract_article(
    text: str,
    lang: str | None = None,
    *,
    title: str = "",
    id: str = "article",
    pipelines: Pipelines | None = None,
) -> Resolution:
    """Extract and resolve one article given as text; ``lang`` is detected when omitted.

    The pipeline is loaded on the first call and reused by later ones (``shared_pipelines``);
    for many articles ``extract_articles`` is faster still (``nlp.pipe`` batches).
    Raises InputError for empty text or an unsupported language.
    """
    article = article_from_text(text, source=id, lang=lang)
    if title:
        article = replace(article, title=title)
    return resolve_article(article, pipelines or shared_pipelines())


def extract_articles(
    texts_or_articles: Iterable[str | Article],
    lang: str | None = None,
    *,
    batch_size: int = 16,
    pipelines: Pipelines | None = None,
) -> Iterator[Resolution | Failure]:
    """Extract and resolve many articles, streamed through ``nlp.pipe`` in batches.

    The streaming form of ``extract_article``, as ``nlp.pipe`` is of ``nlp``: one result per
    input, in input order. A text becomes an Article with id ``article-1``, ``article-2`` …
    (language detected unless ``lang`` is given); an Article is used as it is. An input that
    cannot be read or extracted yields a Failure naming it, and the stream goes on.

    Example:
        >>> texts = ["Anna Schmidt sagte: „Wir schaffen das.“", "Er kam."]  # doctest: +SKIP
        >>> [r.extraction.article.id for r in extract_articles(texts, lang="de")]  # doctest: +SKIP
        ['article-1', 'article-2']
    """
    pipes = pipelines or shared_pipelines()
    batch: list[Article | Failure] = []
    for n, item in enumerate(texts_or_articles, 1):
        batch.append(item if isinstance(item, Article) else _text_article(item, n, lang))
        if len(batch) >= batch_size:
            yield from _resolve_batch(batch, pipes)
            batch = []
    yield from _resolve_batch(batch, pipes)


def _text_article(text: str, n: int, lang: str | None) -> Article | Failure:
    """The n-th text of ``extract_articles`` as an Article, or a Failure if it has none."""
    try:
        return article_from_text(text, source=f"article-{n}", lang=lang)
    except InputError as exc:
        return Failure(exc.source, exc.reason, exc.line)


def resolve_articles(
    articles: Iterable[Article | Failure],
    pipelines: Pipelines,
    batch_size: int = 16,
) -> Iterator[Resolution | Failure]:
    """Stream articles through the pipelines in batches (``nlp.pipe``), per language."""
    batch: list[Article] = []
    for item in articles:
        if isinstance(item, Failure):
            yield item
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _resolve_batch(batch, pipelines)
            batch = []
    yield from _resolve_batch(batch, pipelines)


def _resolve_batch(
    batch: Sequence[Article | Failure], pipelines: Pipelines
) -> list[Resolution | Failure]:
    """One batch through nlp → extract → resolve, one ``nlp.pipe`` per language.

    Results keep the order of ``batch``; a Failure in it is passed on in its place.
    """
    by_lang: dict[str, list[int]] = {}
    for i, item in enumerate(batch):
        if isinstance(item, Article):
            by_lang.setdefault(item.lang, []).append(i)
    done: dict[int, Resolution | Failure] = {}
    for lang, where in by_lang.items():
        group = [a for a in (batch[i] for i in where) if isinstance(a, Article)]
        done.update(zip(where, _resolve_group(lang, group, pipelines), strict=True))
    return [item if isinstance(item, Failure) else done[i] for i, item in enumerate(batch)]


def _resolve_group(
    lang: str, group: Sequence[Article], pipelines: Pipelines
) -> list[Resolution | Failure]:
    """Articles of one language through ``nlp.pipe``; a Failure per article that fails."""
    try:
        nlp = pipelines.get(lang)
    except GraphbuildError as exc:
        return [Failure(a.source, f"no pipeline for {lang!r}: {exc}") for a in group]
    results: list[Resolution | Failure] = []
    for article, doc in zip(group, nlp.pipe(a.text for a in group), strict=True):
        try:
            results.append(resolve(extract(article, doc)))
        except Exception as exc:  # one bad article must not stop the batch
            results.append(
                Failure(article.source, f"extraction failed: {type(exc).__name__}: {exc}")
            )
    return results


def facts(resolution: Resolution) -> Iterator[Fact]:
    """Every fact of one article with the sentence it came from."""
    ext = resolution.extraction
    text = ext.article.text

    def sentence(i: int) -> str:
        s = ext.sentences[i]
        return text[s.start : s.end]

    for q in ext.quotes:
        speaker = resolution.entity_of.get(q.speaker) if q.speaker else None
        if speaker:
            yield Fact(
                speaker,
                "said",
                q.text,
                ext.article.id,
                sentence(q.sent),
                q.start,
                q.end,
                q.rule,
                q.confidence,
            )
    for r in ext.relations:
        s, o = resolution.entity_of.get(r.subject), resolution.entity_of.get(r.object)
        if s and o and s != o:
            yield Fact(
                s,
                r.predicate,
                o,
                ext.article.id,
                sentence(r.sent),
                r.start,
                r.end,
                r.rule,
                r.confidence,
                r.modality,
                r.negated,
            )


# --- the work a worker does -------------------------------------------------------------------


def to_result(resolution: Resolution, base_iri: str) -> ArticleResult:
    """A resolved article → its N-Quads (with the ledger triple) and facts lines."""
    art = resolution.extraction.article
    graph = mint_article_iri(art, base_iri)
    quads = list(to_quads(resolution, base_iri))
    quads.append(ox.Quad(graph, CONTENT_HASH, ox.Literal(art.content_hash), graph))
    nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return ArticleResult(
        id=art.id,
        source=art.source,
        graph=graph.value,
        content_hash=art.content_hash,
        nquads=bytes(nquads or b""),
        facts=tuple(json.dumps(asdict(f), ensure_ascii=False) for f in facts(resolution)),
        quotes=len(resolution.extraction.quotes),
        relations=len(resolution.extraction.relations),
        decoded_as=art.decoded_as,
    )


def build_batch(
    articles: Sequence[Article], models: tuple[tuple[str, str], ...], base_iri: str
) -> list[ArticleResult | Failure]:
    """nlp → extract → resolve → RDF for a batch; what a worker process or dask task runs."""
    out: list[ArticleResult | Failure] = []
    for item in _resolve_batch(articles, shared_pipelines(models)):
        if isinstance(item, Failure):
            out.append(item)
            continue
        try:
            out.append(to_result(item, base_iri))
        except Exception as exc:  # a mapping bug in one article must not stop the batch
            src = item.extraction.article.source
            out.append(Failure(src, f"RDF mapping failed: {type(exc).__name__}: {exc}"))
    return out


def _init_worker(models: tuple[tuple[str, str], ...]) -> None:
    """Process-pool initializer: load the pipelines before the first batch arrives."""
    pipelines = shared_pipelines(models)
    for lang, _name in models:
        with contextlib.suppress(GraphbuildError):  # reported per article when a batch needs it
            pipelines.get(lang)


# --- engines ----------------------------------------------------------------------------------


class _Result(Protocol):
    def result(self) -> list[ArticleResult | Failure]: ...


class _Runner(Protocol):
    slots: int

    def submit(self, batch: list[Article]) -> _Result: ...

    def collect(self, batch: list[Article], fut: _Result) -> list[ArticleResult | Failure]: ...

    def close(self, cancel: bool) -> None: ...


class _Deferred:
    """A batch run in this process when its result is asked for."""

    def __init__(self, fn: Callable[[], list[ArticleResult | Failure]]) -> None:
        self.fn = fn

    def result(self) -> list[ArticleResult | Failure]:
        return self.fn()


@dataclass
class _LocalRunner:
    models: tuple[tuple[str, str], ...]
    base_iri: str
    slots: int = 1

    def submit(self, batch: list[Article]) -> _Result:
        return _Deferred(lambda: build_batch(batch, self.models, self.base_iri))

    def collect(self, batch: list[Article], fut: _Result) -> list[ArticleResult | Failure]:
        return fut.result()

    def close(self, cancel: bool) -> None:
        pass


class _ProcessRunner:
    """Worker processes; a worker that dies (e.g. a segfault in a C extension) costs only the
    article it died on: the pool is restarted and the batch retried one article at a time."""

    def __init__(
        self,
        workers: int,
        models: tuple[tuple[str, str], ...],
        base_iri: str,
        work: Callable[..., list[ArticleResult | Failure]] = build_batch,
    ) -> None:
        self.workers, self.models, self.base_iri = workers, models, base_iri
        self.slots = 2 * workers
        self.work = work  # a module-level function (spawned workers import it by name)
        self._pool: ProcessPoolExecutor | None = None  # started on the first batch

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._start()
        return self._pool

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork: the parent runs threads (progress bar), and forking a threaded
        # process can deadlock; each worker imports graphbuild and loads its pipelines once.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.models,),
        )

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._start()

    def submit(self, batch: list[Article]) -> _Result:
        try:
            fut: Future[list[ArticleResult | Failure]] = self.pool.submit(
                self.work, batch, self.models, self.base_iri
            )
        except BrokenProcessPool:  # a worker died since the last batch: start afresh
            self._restart()
            fut = self.pool.submit(self.work, batch, self.models, self.base_iri)
        return fut

    def collect(self, batch: list[Article], fut: _Result) -> list[ArticleResult | Failure]:
        try:
            return fut.result()
        except BrokenProcessPool:
            pass
        if not self.pool._broken:  # type: ignore[attr-defined]  # already restarted
            try:
                return self.submit(batch).result()
            except BrokenProcessPool:
                pass
        self._restart()
        results: list[ArticleResult | Failure] = []
        for article in batch:
            try:
                results.extend(self.submit([article]).result())
            except BrokenProcessPool:
                self._restart()
                results.append(
                    Failure(
                        article.source,
                        "the worker process crashed on this article (a bug in a pipeline "
                        "component, e.g. a segfault); skipped, please report it",
                    )
                )
        return results

    def close(self, cancel: bool) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskRunner:
    def __init__(
        self, scheduler: str | None, models: tuple[tuple[str, str], ...], base_iri: str
    ) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise GraphbuildError(
                "the dask engine needs dask.distributed: pip install 'graphbuild[dask]'"
            ) from exc
        self.cluster: Any = None
        if scheduler:
            try:
                self.client: Any = Client(scheduler, timeout=30)
            except OSError as exc:
                raise GraphbuildError(
                    f"cannot reach the dask scheduler at {scheduler}: {exc}. Start one with "
                    "`dask scheduler` and workers with `dask worker ADDRESS --nthreads 1`"
                ) from exc
        else:
            self.cluster = LocalCluster(
                n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
            )
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or 1
        self.models, self.base_iri, self.slots = models, base_iri, 2 * threads

    def submit(self, batch: list[Article]) -> _Result:
        fut: _Result = self.client.submit(
            build_batch, batch, self.models, self.base_iri, pure=False
        )
        return fut

    def collect(self, batch: list[Article], fut: _Result) -> list[ArticleResult | Failure]:
        """The batch's results; if its worker kept dying (KilledWorker), retry per article."""
        from distributed import KilledWorker

        try:
            return fut.result()
        except KilledWorker:
            pass
        results: list[ArticleResult | Failure] = []
        for article in batch:
            try:
                results.extend(self.submit([article]).result())
            except KilledWorker:
                results.append(
                    Failure(article.source, "dask workers kept dying on this article; skipped")
                )
        return results

    def close(self, cancel: bool) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# --- the writer side --------------------------------------------------------------------------


class FactsLedger:
    """facts.jsonl lines per article in a SQLite side file beside the store.

    Why: facts.jsonl must cover the whole store, not only this run's articles, without holding
    them in memory. Each article's lines are replaced in one transaction (before the article's
    store write), and ``export`` streams only the lines of articles whose stored content hash
    matches, so a crash between the two writes never shows stale facts.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS facts (article TEXT NOT NULL, hash TEXT NOT NULL, "
            "seq INTEGER NOT NULL, line TEXT NOT NULL, PRIMARY KEY (article, seq))"
        )

    def replace(self, article: str, content_hash: str, lines: Sequence[str]) -> None:
        with self.db:
            self.db.execute("DELETE FROM facts WHERE article = ?", (article,))
            self.db.executemany(
                "INSERT INTO facts VALUES (?, ?, ?, ?)",
                ((article, content_hash, i, line) for i, line in enumerate(lines)),
            )

    def export(self, path: Path, is_current: Callable[[str, str], bool]) -> int:
        """Write facts.jsonl (atomically) with the lines of every current article."""
        n = 0
        last: tuple[str, str] | None = None
        keep = False
        with atomic_write(path) as fh:
            for article, digest, line in self.db.execute(
                "SELECT article, hash, line FROM facts ORDER BY article, seq"
            ):
                if (article, digest) != last:
                    last, keep = (article, digest), is_current(article, digest)
                if keep:
                    fh.write(line + "\n")
                    n += 1
        return n

    def close(self) -> None:
        self.db.close()


class Ledger:
    """Which articles the store holds, by id and by content hash (indexed store look-ups)."""

    def __init__(self, store: Store, base_iri: str) -> None:
        # keep the Store, not its pyoxigraph object: a second reference to that would keep
        # the RocksDB lock alive after Store.close()
        self.store = store
        self.base_iri = base_iri

    def stored_hash(self, article: Article) -> str | None:
        g = mint_article_iri(article, self.base_iri)
        for quad in self.store.ox.quads_for_pattern(g, CONTENT_HASH, None, g):
            return quad.object.value if isinstance(quad.object, ox.Literal) else None
        return None

    def holder_of(self, content_hash: str) -> str | None:
        """The graph IRI that stores this content, if any."""
        for quad in self.store.ox.quads_for_pattern(
            None, CONTENT_HASH, ox.Literal(content_hash), None
        ):
            return quad.subject.value if isinstance(quad.subject, ox.NamedNode) else None
        return None

    def is_current(self, article_id: str, content_hash: str) -> bool:
        return self.stored_hash(Article(id=article_id, lang="", title="", text="")) == content_hash


def facts_path(store_path: Path) -> Path:
    """Where the facts side file of a store lives: ``<store>.facts.sqlite`` beside it."""
    return store_path.parent / f"{store_path.name}.facts.sqlite"


def _batches(
    items: Iterable[Article | Failure | Skipped], size: int
) -> Iterator[list[Article] | Failure | Skipped]:
    """Articles gathered into lists of ``size``; Failures and Skipped passed on one by one."""
    batch: list[Article] = []
    for item in items:
        if isinstance(item, Article):
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        else:
            yield item
    if batch:
        yield batch


def screen(
    items: Iterable[Article | Failure], ledger: Ledger, in_flight: dict[str, str]
) -> Iterator[Article | Failure | Skipped]:
    """Pass on the articles that need building; a Skipped for the others.

    An article is skipped as ``unchanged`` when the store holds its id with the same content
    hash, and as a ``duplicate`` when the store (or a batch still in flight) holds the same
    content under another id. ``in_flight`` maps the content hash of every article passed on
    and not yet written to its id; the writer removes an article once it is written.
    """
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        digest = item.content_hash
        if digest in in_flight:
            yield Skipped(item.source, "duplicate", in_flight[digest])
            continue
        if ledger.stored_hash(item) == digest:
            yield Skipped(item.source, "unchanged")
            continue
        holder = ledger.holder_of(digest)
        if holder is not None:
            yield Skipped(item.source, "duplicate", holder)
            continue
        in_flight[digest] = item.id
        yield item


@dataclass
class StoreWriter:
    """The writer side of one build: puts finished batches into the store and the facts
    ledger, counts them in the report and tells ``progress`` about every input."""

    store: Store
    facts_db: FactsLedger
    report: BuildReport
    progress: Callable[[BuildEvent], None] | None = None
    shards: Path | None = None  # the dask engine also writes each batch as an N-Quads shard
    in_flight: dict[str, str] = field(default_factory=dict)  # content hash → id, unwritten
    written: int = 0  # articles merged since the store was last reopened
    run: str = field(default_factory=lambda: time.strftime("%Y%m%dT%H%M%S", time.gmtime()))

    def notify(self, event: BuildEvent) -> None:
        """Count a failure or a skipped input in the report, then tell ``progress``."""
        if isinstance(event, Failure):
            self.report.failures.append(event)
        elif isinstance(event, Skipped):
            if event.reason == "unchanged":
                self.report.unchanged += 1
            else:
                self.report.duplicates += 1
        if self.progress:
            self.progress(event)

    def write(self, batch: list[Article], results: list[ArticleResult | Failure], n: int) -> None:
        """Store the built articles of batch ``n``, count them, and notify per article."""
        built = [r for r in results if isinstance(r, ArticleResult)]
        if self.shards is not None and built:  # shards of earlier runs stay: ``run`` differs
            with atomic_write(self.shards / f"part-{self.run}-{n:06d}.nq", mode="wb") as fh:
                fh.writelines(b.nquads for b in built)
        # facts first, then the batch's articles in ONE store transaction (all or
        # nothing): the facts export only shows articles whose hash the store confirms
        for b in built:
            self.facts_db.replace(b.id, b.content_hash, b.facts)
        self.store.merge_many(
            (ox.NamedNode(b.graph), list(ox.parse(b.nquads, format=ox.RdfFormat.N_QUADS)))
            for b in built
        )
        self.written += len(built)
        if self.written >= REOPEN_EVERY:  # keeps the writer's memory flat (Store.reopen)
            self.store.reopen()
            self.written = 0
        for event in results:
            if isinstance(event, ArticleResult):
                self.report.articles += 1
                self.report.quotes += event.quotes
                self.report.relations += event.relations
            self.notify(event)
        for a in batch:  # written or failed: no longer in flight
            self.in_flight.pop(a.content_hash, None)

    def close(self) -> None:
        self.facts_db.close()
        self.store.close()


def run_batches(
    units: Iterable[list[Article] | Failure | Skipped],
    runner: _Runner,
    writer: StoreWriter,
) -> None:
    """Send batches to the runner, at most ``runner.slots`` in flight, and write each result
    in submission order; a Failure or Skipped between batches goes straight to the writer."""
    window: deque[tuple[int, list[Article], _Result]] = deque()
    for n, unit in enumerate(units):
        if isinstance(unit, list):
            window.append((n, unit, runner.submit(unit)))
            while len(window) >= runner.slots:
                shard, batch, fut = window.popleft()
                writer.write(batch, runner.collect(batch, fut), shard)
        else:
            writer.notify(unit)
    while window:
        shard, batch, fut = window.popleft()
        writer.write(batch, runner.collect(batch, fut), shard)


def start_runner(
    engine: Engine, settings: Settings, scheduler: str | None, shards: Path | None
) -> _Runner:
    """The runner of an engine: this process, a process pool, or a dask cluster."""
    if engine == "local":
        return _LocalRunner(settings.models, settings.base_iri)
    if engine == "processes":
        return _ProcessRunner(max(1, settings.workers), settings.models, settings.base_iri)
    runner = _DaskRunner(scheduler, settings.models, settings.base_iri)
    if shards is not None:
        shards.mkdir(parents=True, exist_ok=True)
    return runner


def build(
    paths: Sequence[str | Path],
    out: Path | str = Path("output"),
    settings: Settings | None = None,
    progress: Callable[[BuildEvent], None] | None = None,
    *,
    engine: Engine | None = None,
    scheduler: str | None = None,
    force: bool = False,
    ingest: IngestOptions | None = None,
    views: bool = True,
) -> BuildReport:
    """Build (or update) the graph from articles; write graph.ttl, graph.html, facts.jsonl, store/.

    ``engine`` defaults to ``processes`` when ``settings.workers > 1``, else ``local``.
    ``force`` rebuilds unchanged articles too. ``views=False`` skips graph.ttl/graph.html
    (for very large stores; export them later). ``progress`` is called once per input with
    an ArticleResult, a Failure or a Skipped.

    The steps: ``start_runner``, ``screen`` (skip what the store holds), ``_batches``,
    ``run_batches`` (runner → ``StoreWriter.write``), then ``write_outputs``.
    """
    settings = (settings or Settings()).with_overrides(out=Path(out))
    settings.out.mkdir(parents=True, exist_ok=True)
    engine = engine or ("processes" if settings.workers > 1 else "local")
    if engine not in ENGINES:
        raise GraphbuildError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    options = replace(ingest or IngestOptions(), lang=settings.lang, max_chars=settings.max_chars)
    shards = settings.out / "shards" if engine == "dask" else None
    store = Store.open(settings.store_path)
    facts_db = FactsLedger(facts_path(settings.store_path))
    writer = StoreWriter(store, facts_db, BuildReport(), progress=progress, shards=shards)
    ledger = Ledger(store, settings.base_iri)
    runner: _Runner | None = None
    finished = False
    try:
        runner = start_runner(engine, settings, scheduler, shards)
        articles = read_articles(paths, options=options)
        stream = articles if force else screen(articles, ledger, writer.in_flight)
        run_batches(_batches(stream, settings.batch_size), runner, writer)
        if writer.report.articles:  # leave the store compacted for its readers (Store.compact)
            store.compact()
        finished = True
    finally:
        if runner is not None:
            runner.close(cancel=not finished)
        if not finished:
            writer.close()
    try:
        write_outputs(writer, ledger, settings, views=views)
    finally:
        writer.close()
    return writer.report


def write_outputs(writer: StoreWriter, ledger: Ledger, settings: Settings, *, views: bool) -> None:
    """After the batches: the store's counts, graph.ttl and graph.html (``views``) and
    facts.jsonl of every current article, all named in ``writer.report.outputs``."""
    report, store, out = writer.report, writer.store, settings.out
    report.triples = len(store)
    report.entities = _count_entities(store)
    if views:
        from graphbuild.export import exporter

        report.outputs["graph.ttl"] = exporter("ttl")(store, out / "graph.ttl")
        report.outputs["graph.html"] = exporter("html")(store, out / "graph.html")
    writer.facts_db.export(out / "facts.jsonl", ledger.is_current)
    report.outputs["facts.jsonl"] = out / "facts.jsonl"
    report.outputs["store"] = settings.store_path
    if writer.shards is not None:
        report.outputs["shards"] = writer.shards


def _count_entities(store: Store) -> int:
    query = f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ GRAPH ?g {{ ?g <{on.GB}mentions> ?e }} }}"
    result = store.ox.query(query)
    if isinstance(result, ox.QuerySolutions):
        for row in result:
            value = row[0]
            return int(value.value) if isinstance(value, ox.Literal) else 0
    return 0
