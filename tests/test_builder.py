"""The build loop: incremental builds, duplicates, bad input, facts over the whole store, laziness.

Builds here run in-process on small English articles (the English pipeline loads once per
test session) and a German one (graphbuild's pipeline or its fallback).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphbuild.builder import CONTENT_HASH, ArticleResult, Skipped, build
from graphbuild.config import Settings
from graphbuild.graph.store import Store

GOLDEN = Path(__file__).resolve().parent / "golden"
EN_LINES = (GOLDEN / "en_voa_kerry_zarif_2013.txt").read_text(encoding="utf-8").splitlines()
DE_LINES = (GOLDEN / "de_wn_libyen_luftangriffe_2011.txt").read_text(encoding="utf-8").splitlines()


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    """``n`` distinct small articles: a title line plus three paragraphs of a golden article."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        lines = EN_LINES if i % 3 else DE_LINES
        body = [lines[1 + (i + k) % (len(lines) - 1)] for k in range(3)]
        p = folder / f"a{i:03d}.txt"
        p.write_text(f"Report {i}\n" + "\n".join(body) + "\n", encoding="utf-8")
        paths.append(p)
    return paths


def settings(out: Path, **kw: object) -> Settings:
    return Settings().with_overrides(**{"out": out, "batch_size": 4, **kw})


def store_state(store_dir: Path) -> dict[str, list[str]]:
    """Graph name → sorted N-Quads lines (the comparable content of a store).

    ``"DEFAULT"`` holds the store's merged entity descriptions, the others are articles.
    """
    st = Store.open(store_dir, read_only=True)
    try:
        graphs: dict[str, list[str]] = {}
        for q in st.ox:
            graphs.setdefault(str(q.graph_name), []).append(str(q))
        return {g: sorted(lines) for g, lines in graphs.items()}
    finally:
        st.close()


def test_builder_incremental_equals_fresh_build(tmp_path: Path) -> None:
    src = tmp_path / "in"
    paths = write_articles(src, 4)
    out = tmp_path / "out"
    first = build([src], out, settings(out), views=False)
    assert (first.articles, first.unchanged, first.failures) == (4, 0, [])
    before = store_state(out / "store")

    again = build([src], out, settings(out), views=False)
    assert (again.articles, again.unchanged, again.quotes) == (0, 4, 0)
    assert store_state(out / "store") == before

    old_text = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(old_text.replace("Report 1", "Report 1 (updated)"), encoding="utf-8")
    changed = build([src], out, settings(out), views=False)
    assert (changed.articles, changed.unchanged) == (1, 3)

    fresh_out = tmp_path / "fresh"
    build([src], fresh_out, settings(fresh_out), views=False)
    assert store_state(out / "store") == store_state(fresh_out / "store")
    facts = sorted((out / "facts.jsonl").read_text(encoding="utf-8").splitlines())
    assert facts and facts == sorted((fresh_out / "facts.jsonl").read_text().splitlines())


def test_builder_compacts_the_store_when_it_wrote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that merged articles leaves the store compacted for its readers (pages of
    saved queries 2-3x faster at 1M triples); one that wrote nothing does not compact."""
    compacted: list[Path | None] = []
    real = Store.compact

    def spy(self: Store) -> None:
        compacted.append(self.path)
        real(self)

    monkeypatch.setattr(Store, "compact", spy)
    src = tmp_path / "in"
    write_articles(src, 3)
    out = tmp_path / "out"
    assert build([src], out, settings(out), views=False).articles == 3
    assert compacted == [out / "store"]
    assert build([src], out, settings(out), views=False).unchanged == 3
    assert compacted == [out / "store"]  # nothing written, nothing compacted


def test_builder_every_stored_article_has_its_hash(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 3)
    out = tmp_path / "out"
    build([src], out, settings(out), views=False)
    st = Store.open(out / "store", read_only=True)
    try:
        graphs = {g.value for g in st.ox.named_graphs()}
        hashed = {q.graph_name.value for q in st.ox.quads_for_pattern(None, CONTENT_HASH, None)}
        assert len(graphs) == 3 and graphs == hashed
    finally:
        st.close()


def test_builder_duplicate_content_is_built_once(tmp_path: Path) -> None:
    src = tmp_path / "in"
    [p] = write_articles(src, 1, start=1)
    (src / "copy.txt").write_bytes(p.read_bytes().replace(b"\n", b"\r\n"))  # same clean text
    out = tmp_path / "out"
    events: list[object] = []
    report = build([src], out, settings(out), progress=events.append, views=False)
    assert (report.articles, report.duplicates) == (1, 1)
    [dup] = [e for e in events if isinstance(e, Skipped)]
    assert dup.reason == "duplicate" and dup.other in ("a001", "copy")
    # a later build from another folder finds it in the store
    other = tmp_path / "other"
    other.mkdir()
    (other / "again.txt").write_bytes(p.read_bytes())
    later = build([other], out, settings(out), views=False)
    assert (later.articles, later.duplicates) == (0, 1)


def test_builder_bad_input_is_reported_and_the_rest_built(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 2, start=1)
    (src / "broken.txt").write_bytes(b"\x00\x01binary")
    out = tmp_path / "out"
    report = build([src, tmp_path / "missing"], out, settings(out), views=False)
    assert report.articles == 2 and not report.ok
    assert sorted(Path(f.source).name for f in report.failures) == ["broken.txt", "missing"]
    assert (out / "facts.jsonl").is_file()


def test_builder_force_rebuilds_unchanged(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 2, start=1)
    out = tmp_path / "out"
    build([src], out, settings(out), views=False)
    report = build([src], out, settings(out), force=True, views=False)
    assert (report.articles, report.unchanged) == (2, 0)


def test_builder_facts_cover_the_whole_store(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a, b = tmp_path / "a", tmp_path / "b"
    write_articles(a, 2, start=1)
    write_articles(b, 2, start=4)
    build([a], out, settings(out), views=False)
    build([b], out, settings(out), views=False)
    articles = {json.loads(x)["article"] for x in (out / "facts.jsonl").read_text().splitlines()}
    assert articles == {"a001", "a002", "a004", "a005"}


def test_builder_reads_inputs_lazily(tmp_path: Path) -> None:
    """The first article is stored before the whole input is read (memory stays flat)."""
    src = tmp_path / "in"
    paths = write_articles(src, 12, start=1)
    handed_out: list[Path] = []

    def sources() -> Iterator[Path]:
        for p in paths:
            handed_out.append(p)
            yield p

    seen_at_first_write: list[int] = []

    def progress(event: object) -> None:
        if isinstance(event, ArticleResult) and not seen_at_first_write:
            seen_at_first_write.append(len(handed_out))

    out = tmp_path / "out"
    report = build(sources(), out, settings(out), progress=progress, views=False)  # type: ignore[arg-type]
    assert report.articles == 12
    assert seen_at_first_write[0] <= 4 + 1  # one batch (batch_size 4) plus the look-ahead item


def test_builder_writes_views_and_counts(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 2, start=1)
    out = tmp_path / "out"
    report = build([src], out, settings(out))
    assert {"graph.ttl", "graph.html", "facts.jsonl", "store"} <= set(report.outputs)
    st = Store.open(out / "store", read_only=True)
    try:
        assert report.triples == len(st) > 0
    finally:
        st.close()
    assert report.entities > 0 and report.quotes > 0


def test_builder_unknown_engine_is_an_error(tmp_path: Path) -> None:
    from graphbuild.errors import GraphbuildError

    with pytest.raises(GraphbuildError, match="unknown engine"):
        build([], tmp_path, engine="spark")  # type: ignore[arg-type]


def test_builder_releases_the_store_lock(tmp_path: Path) -> None:
    """After build() returns, the same process can open the store for writing again."""
    src = tmp_path / "in"
    write_articles(src, 1, start=1)
    out = tmp_path / "out"
    build([src], out, settings(out, workers=1), views=False)
    st = Store.open(out / "store")  # raises StoreError "in use" while a reference lingers
    st.close()


def test_builder_facts_ledger_exports_only_current_articles(tmp_path: Path) -> None:
    """Lines of an article whose stored hash differs (a crash between the two writes) are
    left out; replacing an article's lines drops its old ones."""
    from graphbuild.builder import FactsLedger

    db = FactsLedger(tmp_path / "facts.sqlite")
    try:
        db.replace("a", "h1", ['{"n": "a1"}', '{"n": "a2"}'])
        db.replace("b", "h2", ['{"n": "b1"}'])
        db.replace("a", "h3", ['{"n": "a3"}'])
        stored = {"a": "h3", "b": "h-other"}
        n = db.export(tmp_path / "facts.jsonl", lambda art, h: stored.get(art) == h)
    finally:
        db.close()
    assert n == 1 and (tmp_path / "facts.jsonl").read_text() == '{"n": "a3"}\n'


def test_builder_reopening_the_store_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    """The writer reopens the store every REOPEN_EVERY articles (memory); same store."""
    import graphbuild.builder as builder

    src = tmp_path / "in"
    write_articles(src, 8)
    plain = tmp_path / "plain"
    build([src], plain, settings(plain), views=False)
    reopened: list[int] = []
    original = Store.reopen
    monkeypatch.setattr(builder, "REOPEN_EVERY", 4)
    monkeypatch.setattr(Store, "reopen", lambda self: reopened.append(1) or original(self))
    out = tmp_path / "out"
    report = build([src], out, settings(out), views=False)
    assert report.articles == 8 and len(reopened) == 2
    assert store_state(out / "store") == store_state(plain / "store")
