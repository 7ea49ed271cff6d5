"""The named steps of ``builder.build``, each on hand-made articles and results, no pipeline:
``screen`` (what to skip), ``_batches``, ``run_batches`` (the window of batches in flight),
``StoreWriter`` (store, facts ledger, report), ``start_runner`` and ``write_outputs``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.builder import (
    CONTENT_HASH,
    ArticleResult,
    BuildEvent,
    BuildReport,
    FactsLedger,
    Ledger,
    Skipped,
    StoreWriter,
    _batches,
    _LocalRunner,
    _ProcessRunner,
    run_batches,
    screen,
    start_runner,
    write_outputs,
)
from graphbuild.config import Settings
from graphbuild.graph.mapping import mint_article_iri
from graphbuild.graph.store import Store
from graphbuild.types import Article, Failure

BASE = Settings().base_iri


def article(id: str, digest: str) -> Article:
    return Article(id=id, lang="de", title="T", text=f"text {digest}", source=f"{id}.txt",
                   content_hash=digest)  # fmt: skip


def stored(store: Store, art: Article) -> None:
    """Put ``art``'s completion record (its content hash) into the store, as a build does."""
    g = mint_article_iri(art, BASE)
    store.ox.add(ox.Quad(g, CONTENT_HASH, ox.Literal(art.content_hash), g))


def result(art: Article, quotes: int = 1, facts: tuple[str, ...] = ()) -> ArticleResult:
    g = mint_article_iri(art, BASE)
    quad = ox.Quad(g, CONTENT_HASH, ox.Literal(art.content_hash), g)
    nquads = bytes(ox.serialize([quad], format=ox.RdfFormat.N_QUADS) or b"")
    return ArticleResult(art.id, art.source, g.value, art.content_hash, nquads, facts, quotes, 0)


@pytest.fixture
def events() -> list[BuildEvent]:
    return []


@pytest.fixture
def writer(tmp_path: Path, events: list[BuildEvent]) -> StoreWriter:
    facts_db = FactsLedger(tmp_path / "facts.sqlite")
    return StoreWriter(Store.open(None), facts_db, BuildReport(), events.append)


def test_builder_steps_screen_skips_unchanged_and_duplicates() -> None:
    store = Store.open(None)
    old = article("old", "h1")
    stored(store, old)
    in_flight: dict[str, str] = {}
    bad = Failure("bad.txt", "unreadable")
    items = [
        old,  # same id, same hash: unchanged
        article("copy", "h1"),  # the stored content under another id
        article("new", "h2"),
        article("again", "h2"),  # the same content as an article still in flight
        bad,
    ]
    out = list(screen(items, Ledger(store, BASE), in_flight))
    assert out == [
        Skipped("old.txt", "unchanged"),
        Skipped("copy.txt", "duplicate", mint_article_iri(old, BASE).value),
        items[2],
        Skipped("again.txt", "duplicate", "new"),
        bad,
    ]
    assert in_flight == {"h2": "new"}


def test_builder_steps_screen_builds_a_changed_article_again() -> None:
    store = Store.open(None)
    stored(store, article("a", "h1"))
    changed = article("a", "h2")
    assert list(screen([changed], Ledger(store, BASE), {})) == [changed]


def test_builder_steps_batches_group_articles_and_pass_the_rest() -> None:
    arts = [article(f"a{i}", f"h{i}") for i in range(5)]
    skip = Skipped("x.txt", "unchanged")
    units = list(_batches([arts[0], arts[1], skip, arts[2], arts[3], arts[4]], 2))
    assert units == [[arts[0], arts[1]], skip, [arts[2], arts[3]], [arts[4]]]


@dataclass
class FakeRunner:
    """Runs nothing: returns one Failure per article, and logs submissions and collections."""

    slots: int
    log: list[str] = field(default_factory=list)
    pending: int = 0
    most_pending: int = 0

    def submit(self, batch: list[Article]) -> _LocalRunner:
        self.pending += 1
        self.most_pending = max(self.most_pending, self.pending)
        self.log.append("submit " + ",".join(a.id for a in batch))
        return batch  # type: ignore[return-value]  # collect() gets it back

    def collect(self, batch: list[Article], fut: object) -> list[ArticleResult | Failure]:
        self.pending -= 1
        self.log.append("collect " + ",".join(a.id for a in batch))
        return [Failure(a.source, "not built") for a in batch]

    def close(self, cancel: bool) -> None:
        pass


@dataclass
class FakeWriter:
    log: list[str]

    def write(self, batch: list[Article], results: list[ArticleResult | Failure], n: int) -> None:
        self.log.append(f"write {n}")

    def notify(self, event: BuildEvent) -> None:
        self.log.append(f"notify {event.source}")


def test_builder_steps_run_batches_keeps_the_window_and_the_order() -> None:
    runner = FakeRunner(slots=2)
    units = [[article("a", "1")], Skipped("s.txt", "unchanged"), [article("b", "2")],
             [article("c", "3")]]  # fmt: skip
    run_batches(units, runner, FakeWriter(runner.log))  # type: ignore[arg-type]
    assert runner.log == [
        "submit a",
        "notify s.txt",
        "submit b",
        "collect a",
        "write 0",
        "submit c",
        "collect b",
        "write 2",
        "collect c",
        "write 3",
    ]
    assert runner.most_pending == 2


def test_builder_steps_writer_stores_counts_and_notifies(
    writer: StoreWriter, events: list[BuildEvent]
) -> None:
    a, b = article("a", "ha"), article("b", "hb")
    writer.in_flight.update({"ha": "a", "hb": "b"})
    fail = Failure("b.txt", "extraction failed")
    writer.write([a, b], [result(a, quotes=3, facts=('{"f": 1}',)), fail], 0)
    assert (writer.report.articles, writer.report.quotes) == (1, 3)
    assert writer.report.failures == [fail]
    assert [type(e).__name__ for e in events] == ["ArticleResult", "Failure"]
    assert writer.in_flight == {}  # written or failed: no longer in flight
    assert Ledger(writer.store, BASE).stored_hash(a) == "ha"


def test_builder_steps_writer_counts_skipped(writer: StoreWriter) -> None:
    writer.notify(Skipped("x.txt", "unchanged"))
    writer.notify(Skipped("y.txt", "duplicate", "x"))
    assert (writer.report.unchanged, writer.report.duplicates) == (1, 1)


def test_builder_steps_writer_writes_shards(writer: StoreWriter, tmp_path: Path) -> None:
    writer.shards = tmp_path / "shards"
    writer.shards.mkdir()
    a = article("a", "ha")
    writer.write([a], [result(a)], 7)
    (shard,) = writer.shards.glob("part-*-000007.nq")
    assert shard.read_bytes() == result(a).nquads


def test_builder_steps_write_outputs_without_views(writer: StoreWriter, tmp_path: Path) -> None:
    a = article("a", "ha")
    writer.write([a], [result(a, facts=('{"subject": "x"}',))], 0)
    settings = Settings().with_overrides(out=tmp_path / "out")
    settings.out.mkdir()
    write_outputs(writer, Ledger(writer.store, BASE), settings, views=False)
    report = writer.report
    assert sorted(report.outputs) == ["facts.jsonl", "store"]
    assert report.triples == 1
    lines = (tmp_path / "out" / "facts.jsonl").read_text().splitlines()
    assert [json.loads(ln) for ln in lines] == [{"subject": "x"}]


def test_builder_steps_start_runner_per_engine(tmp_path: Path) -> None:
    settings = Settings().with_overrides(workers=2)
    local = start_runner("local", settings, None, None)
    assert isinstance(local, _LocalRunner) and local.slots == 1
    pool = start_runner("processes", settings, None, None)
    try:
        assert isinstance(pool, _ProcessRunner) and pool.slots == 4  # 2 × workers
    finally:
        pool.close(cancel=True)
