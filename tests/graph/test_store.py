"""graph.store: atomic, idempotent merges; one node per entity; locking and read-only access."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphbuild.errors import StoreError
from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import mint_article_iri, mint_entity_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions
from graphbuild.types import Entity, Resolution


def _merge(store: Store, res: Resolution) -> bool:
    return store.merge(mint_article_iri(res.extraction.article), to_quads(res))


def _default(store: Store, entity: str, pred: ox.NamedNode) -> set[str]:
    node = mint_entity_iri(entity)
    return {q.object.value for q in store.ox.quads_for_pattern(node, pred, None, ox.DefaultGraph())}


@pytest.fixture
def store() -> Store:
    st = Store.open(None)
    for res in example_resolutions():
        _merge(st, res)
    return st


def test_store_same_person_across_articles_is_one_node_with_all_names(store: Store) -> None:
    assert _default(store, "anna_schmidt", on.skos("prefLabel")) == {"Anna Schmidt"}
    assert _default(store, "anna_schmidt", on.skos("altLabel")) == {"A. Schmidt", "Schmidt"}
    assert _default(store, "anna_schmidt", on.rdf("type")) == {on.GB + "Person"}
    assert len(store.articles()) == 2


def test_store_merging_the_same_article_twice_changes_nothing(store: Store) -> None:
    before = set(store.quads())
    assert _merge(store, example_resolutions()[0]) is False
    assert set(store.quads()) == before


def test_store_changed_article_replaces_its_graph_and_the_merged_labels(store: Store) -> None:
    res1, _ = example_resolutions()
    anna = Entity("anna_schmidt", "Anna Schmidt", "Person", aliases=("Annie",))
    changed = Resolution(
        replace(res1.extraction, quotes=(), article=replace(res1.extraction.article, title="Neu")),
        (anna, res1.entities[1]),
        res1.entity_of,
    )
    assert _merge(store, changed) is True
    g = mint_article_iri(res1.extraction.article)
    titles = {q.object.value for q in store.ox.quads_for_pattern(g, on.dct("title"), None, g)}
    assert titles == {"Neu"}
    quotes_in_g = list(store.ox.quads_for_pattern(None, on.gb("text"), None, g))
    assert quotes_in_g == []
    # "Schmidt" came only from the old version of article 1: gone; "Annie" is new
    assert _default(store, "anna_schmidt", on.skos("altLabel")) == {"A. Schmidt", "Annie"}


def test_store_removing_every_article_empties_the_store(store: Store) -> None:
    for g in store.articles():
        assert store.remove(g) is True
    assert len(store) == 0
    assert store.remove(ox.NamedNode("https://graphbuild.example.org/article/none")) is False


def test_store_merge_is_one_transactional_update(store: Store) -> None:
    """merge issues a single UPDATE; Oxigraph rolls a failing multi-operation update back."""
    before = set(store.quads())
    g = store.articles()[0]
    with pytest.raises(RuntimeError):
        store.ox.update(
            f"DROP GRAPH {g} ; INSERT DATA {{ <http://x> <http://y> <http://z> }} ;"
            f" CREATE GRAPH {store.articles()[1]}"
        )
    assert set(store.quads()) == before

    class Counting:
        def __init__(self, inner: ox.Store) -> None:
            self.inner, self.updates = inner, 0

        def update(self, text: str, **kwargs: object) -> None:
            self.updates += 1
            self.inner.update(text, **kwargs)  # type: ignore[arg-type]

        def __getattr__(self, name: str) -> object:
            return getattr(self.inner, name)

    counting = Counting(store.ox)
    store.ox = counting  # type: ignore[assignment]
    res1 = example_resolutions()[0]
    changed = replace(res1, extraction=replace(res1.extraction, quotes=()))
    assert _merge(store, changed) is True
    assert counting.updates == 1


def test_store_read_only_store_refuses_writes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "st") as st:
        _merge(st, example_resolutions()[0])
    ro = Store.open(tmp_path / "st", read_only=True)
    assert len(ro) > 0
    with pytest.raises(StoreError, match="read-only"):
        _merge(ro, example_resolutions()[1])


def test_store_reopen_keeps_every_quad_and_the_writers_lock(tmp_path: Path) -> None:
    st = Store.open(tmp_path / "st")
    first, second = example_resolutions()
    _merge(st, first)
    before = set(st.ox.quads_for_pattern(None, None, None, None))
    st.reopen()
    assert set(st.ox.quads_for_pattern(None, None, None, None)) == before
    assert _merge(st, second) is True  # still writable
    with pytest.raises(StoreError, match="store is in use"):
        Store.open(tmp_path / "st")  # still locked against a second writer
    st.close()
    memory = Store.open(None)
    memory.reopen()  # in memory: nothing to reopen, nothing lost
    _merge(memory, first)
    memory.reopen()
    assert len(memory) > 0


def test_store_compact_keeps_every_quad_and_the_store_writable(tmp_path: Path) -> None:
    st = Store.open(tmp_path / "st")
    first, second = example_resolutions()
    _merge(st, first)
    st.reopen()
    _merge(st, second)
    before = set(st.quads())
    st.compact()
    assert set(st.quads()) == before
    assert _merge(st, first) is False  # still writable, and the same article changes nothing
    st.close()
    reader = Store.open(tmp_path / "st", read_only=True)
    assert set(reader.quads()) == before
    reader.compact()  # read-only: nothing to do, nothing raised
    reader.close()
    memory = Store.open(None)
    _merge(memory, first)
    memory.compact()  # in memory: nothing to do
    assert len(memory) > 0


def test_store_read_only_open_of_missing_store_says_build_first(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="graphbuild build"):
        Store.open(tmp_path / "nothing", read_only=True)


WRITER = textwrap.dedent(
    """
    import sys
    from graphbuild.graph.mapping import mint_article_iri, to_quads
    from graphbuild.graph.store import Store
    from graphbuild.graph.synthetic import synthetic_resolutions
    st = Store.open(sys.argv[1])
    for r in synthetic_resolutions(3, seed=1):
        st.merge(mint_article_iri(r.extraction.article), to_quads(r))
    print("ready", flush=True)
    sys.stdin.read()  # hold the store (and its lock) until the test closes stdin
    st.close()
    """
)


def test_store_second_writer_is_refused_while_readers_work(tmp_path: Path) -> None:
    path = tmp_path / "st"
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="store is in use"):
            Store.open(path)
        reader = Store.open(path, read_only=True)
        assert len(reader.articles()) == 3
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=30)


def test_store_opens_in_rdflib_through_oxrdflib(tmp_path: Path) -> None:
    import rdflib

    with Store.open(tmp_path / "st") as st:
        for res in example_resolutions():
            _merge(st, res)
        n = len(st)
    ds = rdflib.Dataset(store="Oxigraph")
    ds.open(str(tmp_path / "st"))
    try:
        assert len(list(ds.quads((None, None, None, None)))) == n
        rows = list(
            ds.query(
                "SELECT ?name WHERE { ?p <http://www.w3.org/2004/02/skos/core#prefLabel> ?name }"
            )
        )
        assert {str(r[0]) for r in rows} >= {"Anna Schmidt", "Ben Okafor", "Nordland"}
    finally:
        ds.close()


def test_store_merge_many_equals_one_by_one() -> None:
    from graphbuild.graph.synthetic import synthetic_resolutions

    items = [
        (mint_article_iri(r.extraction.article), list(to_quads(r)))
        for r in synthetic_resolutions(12, seed=5, n_entities=15)
    ]
    one = Store.open(None)
    for g, quads in items:
        one.merge(g, quads)
    many = Store.open(None)
    assert many.merge_many(items[:5]) == 5
    assert many.merge_many(items[3:]) == 7  # two already there: unchanged, not counted
    assert set(many.quads()) == set(one.quads())
    # a batch that replaces and removes articles keeps the merged graph consistent too
    many.merge_many([(items[0][0], []), (items[1][0], items[2][1][:0])])
    one.remove(items[0][0])
    one.remove(items[1][0])
    assert set(many.quads()) == set(one.quads())


def test_store_keeps_quote_counts_of_speakers_current(store: Store) -> None:
    assert _default(store, "anna_schmidt", on.gb("quoteCount")) == {"2"}
    assert _default(store, "anna_schmidt", on.gb("quotedInArticles")) == {"2"}
    assert _default(store, "ben_okafor", on.gb("quoteCount")) == set()
    store.remove(store.articles()[1])
    assert _default(store, "anna_schmidt", on.gb("quoteCount")) == {"1"}
    assert _default(store, "anna_schmidt", on.gb("quotedInArticles")) == {"1"}


def _marked(store: Store) -> set[str]:
    dg = ox.DefaultGraph()
    return {q.subject.value for q in store.ox.quads_for_pattern(None, on.gb("topQuoted"), None, dg)}


def _expected_top(store: Store, k: int) -> set[str]:
    dg = ox.DefaultGraph()
    counts = {
        q.subject.value: int(q.object.value)
        for q in store.ox.quads_for_pattern(None, on.gb("quoteCount"), None, dg)
    }
    if not counts:
        return set()
    threshold = sorted(counts.values(), reverse=True)[:k][-1]
    return {e for e, n in counts.items() if n >= threshold}


def test_store_marks_the_most_quoted_speakers_through_adds_replacements_and_removals(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import graphbuild.graph.store as store_module
    from graphbuild.graph.synthetic import synthetic_resolutions

    monkeypatch.setattr(store_module, "TOP_QUOTED", 4)
    res = list(synthetic_resolutions(70, seed=3, n_entities=40))
    st = Store.open(None)
    iris = [mint_article_iri(r.extraction.article) for r in res]
    st.merge_many((iris[i], to_quads(res[i])) for i in range(20))
    assert len(_marked(st)) >= 4 and _marked(st) == _expected_top(st, 4)
    for i in range(20, 40):  # one article at a time: only new quotes (incremental marks)
        _merge(st, res[i])
        assert _marked(st) == _expected_top(st, 4), i
    for i in range(0, 30, 3):  # replace old articles by other ones: marked speakers lose quotes
        st.merge(iris[i], to_quads(res[40 + i // 3]))
        assert _marked(st) == _expected_top(st, 4), i
    for g in st.articles()[::2]:
        st.remove(g)
        assert _marked(st) == _expected_top(st, 4)
    for g in st.articles():
        st.remove(g)
    assert _marked(st) == set()


def test_store_written_without_top_marks_gets_them_when_opened(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s") as st:
        for res in example_resolutions():
            _merge(st, res)
        assert _marked(st) == {mint_entity_iri("anna_schmidt").value}
        st.ox.update("DELETE WHERE { ?e <https://graphbuild.example.org/ontology#topQuoted> ?t }")
        assert _marked(st) == set()
    with Store.open(tmp_path / "s") as st:
        assert _marked(st) == {mint_entity_iri("anna_schmidt").value}


def _prefs(store: Store, node: ox.NamedNode) -> set[tuple[str | None, str]]:
    pref = on.skos("prefLabel")
    quads = store.ox.quads_for_pattern(node, pref, None, ox.DefaultGraph())
    return {(q.object.language, q.object.value) for q in quads}


def test_store_names_in_two_languages_merge_to_one_prefLabel_per_language(store: Store) -> None:
    res1, res2 = example_resolutions()
    labels = (("de", "Weltbund der Gärten"), ("en", "World Garden League"))
    de = Entity("weltbund", "Weltbund der Gärten", "Organization", key="org_wgl", labels=labels)
    en = Entity("wgl", "World Garden League", "Organization", key="org_wgl", labels=labels)
    for res, e in ((res1, de), (res2, en)):
        _merge(store, Resolution(res.extraction, (*res.entities, e), res.entity_of))
    nodes = {
        q.subject
        for q in store.ox.quads_for_pattern(None, on.skos("prefLabel"), None, ox.DefaultGraph())
        if q.object.value == "World Garden League"
    }
    assert len(nodes) == 1
    (node,) = nodes
    prefs = _prefs(store, node)
    assert {p for p in prefs if p[0]} == {
        ("de", "Weltbund der Gärten"),
        ("en", "World Garden League"),
    }
    assert len([p for p in prefs if not p[0]]) == 1  # one display name without a tag
    # one article alone still names it in both languages; without articles it is gone
    assert store.remove(mint_article_iri(res1.extraction.article)) is True
    assert {p for p in _prefs(store, node) if p[0]} == {p for p in prefs if p[0]}
    assert _prefs(store, node) == {(None, "World Garden League"), *(p for p in prefs if p[0])}
    assert store.remove(mint_article_iri(res2.extraction.article)) is True
    assert _prefs(store, node) == set()
