"""query: SPARQL over the store, saved queries with bound parameters, errors with positions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from graphbuild.cli import app
from graphbuild.errors import QueryError
from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions, synthetic_resolutions
from graphbuild.query import (
    Triples,
    find_entities,
    run,
    run_saved,
    saved_page,
    saved_queries,
    saved_query,
)
from graphbuild.types import Table

EXPECTED = Path(__file__).parent / "queries"
runner = CliRunner()


def _fill(store: Store) -> Store:
    for res in example_resolutions():
        store.merge(mint_article_iri(res.extraction.article), to_quads(res))
    return store


@pytest.fixture(scope="module")
def store() -> Store:
    return _fill(Store.open(None))


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "store"
    with Store.open(path) as st:
        _fill(st)
    return path


def _csv(table: Table) -> list[list[str]]:
    return [list(table.columns), *([v or "" for v in row] for row in table.rows)]


@pytest.mark.parametrize(
    "name, params, expected",
    [
        ("who-said-what", {}, "who-said-what.csv"),
        ("who-said-what", {"person": "anna schmidt"}, "who-said-what.csv"),
        ("interactions", {}, "interactions.csv"),
        ("interactions", {"person": "Nordland"}, "interactions.nordland.csv"),
        ("most-quoted", {}, "most-quoted.csv"),
        ("entity-profile", {"person": "a. schmidt"}, "entity-profile.a-schmidt.csv"),
    ],
)
def test_query_saved_matches_expected(
    store: Store, name: str, params: dict[str, str], expected: str
) -> None:
    table = run_saved(store, name, params)
    assert isinstance(table, Table)
    want = list(csv.reader(io.StringIO((EXPECTED / expected).read_text(encoding="utf-8"))))
    assert _csv(table) == want


def test_query_at_least_the_four_saved_queries_ship() -> None:
    assert {"who-said-what", "interactions", "entity-profile", "most-quoted"} <= set(
        saved_queries()
    )


def test_query_person_by_iri_and_folded_name(store: Store) -> None:
    iri = "https://graphbuild.example.org/entity/anna_schmidt"
    assert find_entities(store, "ANNA SCHMİDT".replace("İ", "I")) == [iri]
    by_iri = run_saved(store, "who-said-what", {"person": iri})
    by_name = run_saved(store, "who-said-what", {"person": "Schmidt"})
    assert isinstance(by_iri, Table) and len(by_iri.rows) == 2
    assert by_iri == by_name


def test_query_unknown_person_suggests_close_names(store: Store) -> None:
    with pytest.raises(QueryError, match="Ben Okafor"):
        run_saved(store, "who-said-what", {"person": "Ben Okafr"})


def test_query_parameters_are_bound_not_pasted(store: Store) -> None:
    evil = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    table = run(store, "SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }", {"name": evil})
    assert isinstance(table, Table) and table.rows == ()
    with pytest.raises(QueryError, match="SELECT clause"):
        run(store, "SELECT ?s WHERE { ?s skos:prefLabel ?name }", {"name": "Nordland"})
    table = run(store, "SELECT ?s ?name WHERE { ?s skos:prefLabel ?name }", {"name": "Nordland"})
    assert isinstance(table, Table)
    assert [r[0] for r in table.rows] == ["https://graphbuild.example.org/entity/nordland"]
    assert len(store) > 0


def test_query_unknown_parameter_is_an_error(store: Store) -> None:
    with pytest.raises(QueryError, match="nope"):
        run(store, "SELECT ?s WHERE { ?s ?p ?o }", {"nope": "x"})
    with pytest.raises(QueryError, match="parameters: person"):
        run_saved(store, "who-said-what", {"nope": "x"})
    with pytest.raises(QueryError, match="needs --param person"):
        run_saved(store, "entity-profile")


def test_query_syntax_error_has_line_and_column(store: Store) -> None:
    with pytest.raises(QueryError) as info:
        run(store, "SELECT ?s WHERE {\n  ?s ?p }")
    # Oxigraph reports the position just after the unexpected token
    assert info.value.line == 2 and info.value.column in (9, 10)
    assert f"line 2, column {info.value.column}" in str(info.value)


def test_query_ask_construct_describe(store: Store) -> None:
    assert run(store, "ASK { ?p gb:said ?q }") is True
    built = run(store, "CONSTRUCT { ?p gb:said ?q } WHERE { ?p gb:said ?q }")
    assert isinstance(built, Triples) and len(built.triples) == 2
    g = rdflib.Graph().parse(data=built.to_turtle(), format="turtle")
    assert len(g) == 2
    described = run(store, "DESCRIBE <https://graphbuild.example.org/entity/nordland>")
    assert isinstance(described, Triples) and described.triples


def test_query_limit_cuts_rows(store: Store) -> None:
    table = run(store, "SELECT * WHERE { ?s ?p ?o }", limit=3)
    assert isinstance(table, Table) and len(table.rows) == 3


def test_query_cli_formats(store_dir: Path) -> None:
    args = ["query", "--store", str(store_dir), "--saved", "most-quoted"]
    res = runner.invoke(app, [*args, "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["name,quotes,articles", "Anna Schmidt,2,2"]
    res = runner.invoke(app, [*args, "--format", "json"])
    assert res.exit_code == 0 and '"quotes": "2"' in res.stdout
    res = runner.invoke(
        app,
        [
            "query",
            "--store",
            str(store_dir),
            "--format",
            "ttl",
            "CONSTRUCT { ?p gb:said ?q } WHERE { ?p gb:said ?q }",
        ],
    )
    assert res.exit_code == 0, res.output
    assert len(rdflib.Graph().parse(data=res.stdout, format="turtle")) == 2
    res = runner.invoke(
        app,
        [
            "query",
            "--store",
            str(store_dir),
            "--saved",
            "who-said-what",
            "--param",
            "person=Anna Schmidt",
            "--format",
            "csv",
        ],
    )
    assert res.exit_code == 0 and res.stdout.count("Anna Schmidt") == 2


def test_query_cli_errors_and_exit_codes(store_dir: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["query", "--store", str(store_dir), "SELECT ?s WHERE {"])
    assert res.exit_code == 1 and "line 1" in res.output
    res = runner.invoke(app, ["query", "--store", str(tmp_path / "none"), "ASK {}"])
    assert res.exit_code == 2 and "graphbuild build" in res.output
    res = runner.invoke(app, ["query", "--store", str(store_dir)])
    assert res.exit_code == 2
    res = runner.invoke(app, ["query", "--store", str(store_dir), "--saved", "nope"])
    assert res.exit_code == 1 and "who-said-what" in res.output


@pytest.fixture(scope="module")
def corpus() -> Store:
    """60 synthetic articles: saved queries with more rows than one small page."""
    st = Store.open(None)
    st.merge_many(
        (mint_article_iri(r.extraction.article), to_quads(r))
        for r in synthetic_resolutions(60, seed=5, n_entities=30)
    )
    return st


def _top_speaker(store: Store) -> str:
    table = run_saved(store, "most-quoted", page_size=1)
    assert isinstance(table, Table) and table.rows
    return str(table.rows[0][0])


@pytest.mark.parametrize(
    "name, by_person",
    [
        ("who-said-what", False),
        ("who-said-what", True),
        ("interactions", False),
        ("interactions", True),
        ("entity-profile", True),
        ("most-quoted", False),
    ],
)
def test_query_saved_pages_cover_every_row_once(corpus: Store, name: str, by_person: bool) -> None:
    params = {"person": _top_speaker(corpus)} if by_person else {}
    everything = run_saved(corpus, name, params, page_size=None)
    assert isinstance(everything, Table) and len(everything.rows) > 7
    pages: list[tuple[tuple[str | None, ...], ...]] = []
    offset: int | None = 0
    while offset is not None:
        page = saved_page(corpus, name, params, page_size=7, offset=offset)
        assert len(page.table.rows) == 7 or not page.more
        pages.append(page.table.rows)
        offset = page.next_offset
    rows = [row for page_rows in pages for row in page_rows]
    if "# page" in saved_query(name).text:
        # pages are cut in the store's order; each page is sorted like the whole result
        assert sorted(rows, key=str) == sorted(everything.rows, key=str)
        position = {row: k for k, row in enumerate(everything.rows)}
        for page_rows in pages:
            assert [position[r] for r in page_rows] == sorted(position[r] for r in page_rows)
    else:
        assert rows == list(everything.rows)


def test_query_saved_default_page_is_100_rows(corpus: Store) -> None:
    everything = run_saved(corpus, "who-said-what", page_size=None)
    assert isinstance(everything, Table) and len(everything.rows) > 100
    first = run_saved(corpus, "who-said-what")
    assert isinstance(first, Table) and len(first.rows) == 100
    page = saved_page(corpus, "who-said-what", offset=100)
    assert not set(page.table.rows) & set(first.rows)
    assert page.more == (len(everything.rows) > 200)


def test_query_saved_pages_over_several_matching_entities(corpus: Store) -> None:
    # two entities answer to one name: the pages run over both, in IRI order
    corpus.ox.update(
        "INSERT DATA { <https://graphbuild.example.org/entity/x_double> skos:altLabel "
        '"Doppelname" . }',
        prefixes={"skos": "http://www.w3.org/2004/02/skos/core#"},
    )
    top = find_entities(corpus, _top_speaker(corpus))[0]
    corpus.ox.update(
        f'INSERT DATA {{ <{top}> <http://www.w3.org/2004/02/skos/core#altLabel> "Doppelname" . }}'
    )
    assert len(find_entities(corpus, "Doppelname")) == 2
    everything = run_saved(corpus, "who-said-what", {"person": "Doppelname"}, page_size=None)
    assert isinstance(everything, Table) and len(everything.rows) > 3
    rows: list[tuple[str | None, ...]] = []
    for offset in range(0, len(everything.rows) + 3, 3):
        page = saved_page(
            corpus, "who-said-what", {"person": "Doppelname"}, page_size=3, offset=offset
        )
        rows.extend(page.table.rows)
    assert rows == list(everything.rows)


def test_query_saved_page_arguments_are_checked(corpus: Store) -> None:
    with pytest.raises(QueryError, match="page size"):
        run_saved(corpus, "who-said-what", page_size=0)
    with pytest.raises(QueryError, match="offset"):
        saved_page(corpus, "who-said-what", offset=-1)


def test_query_cli_pages_saved_queries(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with Store.open(path) as st:
        st.merge_many(
            (mint_article_iri(r.extraction.article), to_quads(r))
            for r in synthetic_resolutions(60, seed=5, n_entities=30)
        )
    args = ["query", "--store", str(path), "--saved", "who-said-what", "--format", "csv"]
    every = runner.invoke(app, [*args, "--all"])
    assert every.exit_code == 0 and "more follow" not in every.stderr
    lines = every.stdout.splitlines()
    assert len(lines) > 101
    first = runner.invoke(app, args)
    assert first.exit_code == 0 and len(first.stdout.splitlines()) == 101
    assert "--offset 100" in first.stderr
    second = runner.invoke(app, [*args, "--limit", "5", "--offset", "100"])
    page = second.stdout.splitlines()
    assert page[0] == lines[0] and len(page) == 6
    assert set(page[1:]) <= set(lines[1:]) and not set(page[1:]) & set(first.stdout.splitlines())
    res = runner.invoke(app, [*args, "--all", "--offset", "3"])
    assert res.exit_code == 2
    res = runner.invoke(app, ["query", "--store", str(path), "--offset", "3", "ASK { ?s ?p ?o }"])
    assert res.exit_code == 2


# Every interaction of the store (or of one entity, from either end), ranked in full by the
# engine: the order the pages of `interactions` follow, written without groups.
_RANKED = """
SELECT DISTINCT ?subject ?relation ?object ?articles ?best_confidence ?example WHERE {
  ?i a gb:InteractionSummary ; gb:summarySubject ?s ; gb:summaryPredicate ?p ;
     gb:summaryObject ?o ; gb:articleCount ?articles ; gb:bestConfidence ?best_confidence .
  FILTER(%s)
  ?s skos:prefLabel ?subject . ?o skos:prefLabel ?object .
  OPTIONAL { ?i gb:exampleSentence ?example }
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
} ORDER BY DESC(?articles) ?subject ?relation ?object"""


@pytest.mark.parametrize("by_person", [False, True])
@pytest.mark.parametrize("size", [1, 2, 7])
def test_query_interactions_pages_are_cut_from_the_groups(
    corpus: Store, by_person: bool, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages of ``interactions`` run through the groups most articles first: together they
    hold every row of the full ranking once, in that ranking's article counts, each page
    sorted, and a page reads no more rows from the store than it shows."""
    import graphbuild.query as query_module

    person = {"person": _top_speaker(corpus)} if by_person else {}
    iri = f"<{find_entities(corpus, person['person'])[0]}>" if by_person else None
    ranked = run(corpus, _RANKED % (f"?s = {iri} || ?o = {iri}" if iri else "true"))
    assert isinstance(ranked, Table) and len(ranked.rows) > 3 * size
    everything = run_saved(corpus, "interactions", person, page_size=None)
    assert isinstance(everything, Table)
    assert list(everything.rows) == list(ranked.rows)
    read: list[int] = []
    read_terms = query_module._read_terms

    def spy(*args: object, **kwargs: object) -> object:
        columns, terms = read_terms(*args, **kwargs)  # type: ignore[arg-type]
        read.append(len(terms))
        return columns, terms

    monkeypatch.setattr(query_module, "_read_terms", spy)
    pages: list[tuple[tuple[str | None, ...], ...]] = []
    offset: int | None = 0
    while offset is not None:
        read.clear()
        page = saved_page(corpus, "interactions", person, page_size=size, offset=offset)
        assert len(page.table.rows) == size or not page.more
        assert page.more == (offset + size < len(ranked.rows))
        # no row was read but the page's: the counts of the groups tell whether more follow
        assert sum(read) == len(page.table.rows)
        pages.append(page.table.rows)
        offset = page.next_offset
    rows = [row for page_rows in pages for row in page_rows]
    assert sorted(rows, key=str) == sorted(ranked.rows, key=str)
    articles = [int(str(row[3])) for row in rows]
    assert articles == [int(str(row[3])) for row in ranked.rows]  # most articles first
    position = {row: k for k, row in enumerate(ranked.rows)}
    for page_rows in pages:
        assert [position[r] for r in page_rows] == sorted(position[r] for r in page_rows)


def test_query_interactions_over_several_entities_and_past_the_end(corpus: Store) -> None:
    doubled = find_entities(corpus, "Doppelname")
    if len(doubled) < 2:  # the alias another test gives two entities, whatever the test order
        corpus.ox.update(
            "INSERT DATA { <https://graphbuild.example.org/entity/x_double> skos:altLabel "
            '"Doppelname" . }',
            prefixes=PREFIXES,
        )
        top = find_entities(corpus, _top_speaker(corpus))[0]
        corpus.ox.update(
            f'INSERT DATA {{ <{top}> skos:altLabel "Doppelname" . }}', prefixes=PREFIXES
        )
    everything = run_saved(corpus, "interactions", {"person": "Doppelname"}, page_size=None)
    top = find_entities(corpus, "Doppelname")
    alone = run_saved(corpus, "interactions", {"person": top[0]}, page_size=None)
    assert isinstance(everything, Table) and isinstance(alone, Table)
    assert everything.rows == alone.rows and everything.rows  # the other entity has none
    rows: list[tuple[str | None, ...]] = []
    for offset in range(0, len(everything.rows) + 3, 3):
        page = run_saved(
            corpus, "interactions", {"person": "Doppelname"}, page_size=3, offset=offset
        )
        assert isinstance(page, Table)
        rows.extend(page.rows)
    assert rows == list(everything.rows)
    past = run_saved(corpus, "interactions", page_size=5, offset=10**6)
    assert isinstance(past, Table) and past.rows == ()
    assert past.columns == (
        "subject",
        "relation",
        "object",
        "articles",
        "best_confidence",
        "example",
    )


def _quoting(article_id: str, speakers: list[tuple[str, str, int]]):  # type: ignore[no-untyped-def]
    """One resolved article in which each (name, type, n) speaker says n different things."""
    from graphbuild.types import Article, Entity, Extraction, Mention, Quote, Resolution, Sentence

    text = " ".join(f"{name} sagte etwas {k}." for name, _, n in speakers for k in range(n))
    quotes, entities, entity_of = [], [], {}
    for name, type_, n in speakers:
        eid = (
            f"{article_id}_{name}".lower().replace(" ", "_")
            if type_ == "UnnamedSource"
            else name.lower()
        )
        entities.append(Entity(eid, name, type_))  # type: ignore[arg-type]
        at = -1
        for k in range(n):
            at = text.index(f"{name} sagte etwas {k}.", at + 1)
            m = Mention(at, at + len(name), name, "PER", kind="role")
            said = at + len(name) + 7
            quotes.append(
                Quote(
                    said,
                    said + 5 + len(str(k)),
                    text[said : said + 5 + len(str(k))],
                    "indirect",
                    speaker=m,
                )
            )
            entity_of[m] = eid
    ext = Extraction(
        Article(article_id, "de", "", text),
        (Sentence(0, len(text)),),
        tuple(entity_of),
        tuple(quotes),
        (),
    )
    return Resolution(ext, tuple(entities), entity_of)


def test_most_quoted_leaves_out_unnamed_sources() -> None:
    st = Store.open(None)
    for art in ("u1", "u2"):
        r = _quoting(
            art, [("hochrangiger Politiker", "UnnamedSource", 3), ("Anna Berg", "Person", 1)]
        )
        st.merge(mint_article_iri(r.extraction.article), to_quads(r))
    table = run_saved(st, "most-quoted")
    assert isinstance(table, Table)
    assert [row[0] for row in table.rows] == ["Anna Berg"]
    # both articles' unnamed sources are there, as two nodes of their own
    count = run(
        st,
        "PREFIX gb: <https://graphbuild.example.org/ontology#> "
        "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a gb:UnnamedSource }",
    )
    assert isinstance(count, Table) and count.rows[0][0] == "2"
