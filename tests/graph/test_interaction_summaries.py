"""graph.store: interaction summaries in the merged default graph stay what a fresh build gives.

One ``gb:InteractionSummary`` per asserted (subject, relation, object): articles asserting it,
best confidence, the first sentence (code points) among the statements with that confidence.
Checked against a plain-Python count over the article quads, through adds, replacements and
removals, one by one and in batches, and for a store written before summaries existed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from hypothesis import given, settings
from hypothesis import strategies as st

from graphbuild.graph import ontology as on
from graphbuild.graph.mapping import (
    ALL_ENTITIES,
    interaction_group_expression,
    mint_article_iri,
    mint_entity_iri,
    mint_interaction_group_iri,
    mint_interaction_iri,
    to_quads,
)
from graphbuild.graph.ontology import PREFIXES
from graphbuild.graph.store import Store
from graphbuild.graph.validate import validate
from graphbuild.types import (
    PREDICATES,
    Article,
    Entity,
    Extraction,
    Mention,
    Relation,
    Resolution,
    Sentence,
)

NAMES = ("Ada Berg", "Bo Chen", "Cleo Dahl", "Dan Eze")
Summary = tuple[int, str, str | None]  # articles, best confidence, example sentence


def _article(k: int, rng: random.Random) -> Resolution:
    """An article with a few relations among four people: repeated pairs, tied confidences,
    different sentences for the same pair, some negated (not asserted)."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    relations: list[Relation] = []
    entity_of: dict[Mention, str] = {}
    for _ in range(rng.randint(0, 4)):
        n1, n2 = rng.sample(NAMES, 2)
        pred = rng.choice(sorted(PREDICATES)[:3])
        body = f"{n1} {pred} {n2} ({rng.randint(1, 3)})."
        start = sum(len(p) for p in parts)
        parts.append(body + " ")
        sentences.append(Sentence(start, start + len(body)))
        sent = len(sentences) - 1
        m1 = Mention(start, start + len(n1), n1, "PER", sent=sent)
        at = start + body.index(n2)
        m2 = Mention(at, at + len(n2), n2, "PER", sent=sent)
        mentions += [m1, m2]
        entity_of[m1], entity_of[m2] = n1, n2
        relations.append(
            Relation(
                m1,
                pred,
                m2,
                start,
                start + len(body),
                negated=rng.random() < 0.15,
                sent=sent,
                rule="test",
                confidence=rng.choice((0.5, 0.7, 0.9)),
            )
        )
    text = "".join(parts)
    article = Article(id=f"a{k}", lang="de", title=f"A{k}", text=text, content_hash=f"{k:064x}")
    people = tuple(Entity(n, n, "Person") for n in NAMES)
    return Resolution(
        Extraction(article, tuple(sentences), tuple(mentions), (), tuple(relations)),
        people,
        entity_of,
    )


def _v(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal), term
    return term.value


def _statements(quads: list[ox.Quad]) -> list[dict[str, str]]:
    """Each rdf:Statement among ``quads`` as predicate IRI → value."""
    by_node: dict[str, dict[str, str]] = defaultdict(dict)
    for q in quads:
        by_node[_v(q.subject)][q.predicate.value] = _v(q.object)
    return [f for f in by_node.values() if f.get(on.RDF + "type") == on.RDF + "Statement"]


def _expected(articles: dict[ox.NamedNode, list[ox.Quad]]) -> dict[str, Summary]:
    """The summaries computed in Python from the article quads alone."""
    reports: dict[tuple[str, ...], list[tuple[str, Decimal, str | None]]] = defaultdict(list)
    for graph, quads in articles.items():
        for fields in _statements(quads):
            if fields[on.GB + "asserted"] == "true":
                key = tuple(fields[on.RDF + p] for p in ("subject", "predicate", "object"))
                conf = Decimal(fields[on.GB + "confidence"])
                reports[key].append((graph.value, conf, fields.get(on.GB + "sentence")))
    out: dict[str, Summary] = {}
    for (s, p, o), found in reports.items():
        best = max(c for _, c, _ in found)
        examples = sorted(t for _, c, t in found if c == best and t is not None)
        iri = mint_interaction_iri(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o))
        example = examples[0] if examples else None
        out[iri.value] = (len({g for g, _, _ in found}), str(best), example)
    return out


def _expected_groups(articles: dict[ox.NamedNode, list[ox.Quad]]) -> set[tuple[str, str, int]]:
    """(summary, group owner, article count): each summary in the groups of its subject, its
    object and of all entities for its article count."""
    summaries = _expected(articles)
    out = set()
    for quads in articles.values():
        for fields in _statements(quads):
            s, p, o = (fields[on.RDF + x] for x in ("subject", "predicate", "object"))
            i = mint_interaction_iri(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)).value
            if i in summaries:
                out |= {(i, e, summaries[i][0]) for e in (s, o, ALL_ENTITIES.value)}
    return out


def _groups(store: Store) -> set[tuple[str, str, int]]:
    """(summary, group owner, article count) as stored; every group node has members, one
    owner and count, and the IRI the mapping mints."""
    dg = ox.DefaultGraph()
    owner: dict[str, str] = {}
    for q in store.ox.quads_for_pattern(None, on.rdf("type"), on.gb("InteractionGroup"), dg):
        (of,) = [
            _v(t.object) for t in store.ox.quads_for_pattern(q.subject, on.gb("groupOf"), None, dg)
        ]
        (n,) = [
            int(_v(t.object))
            for t in store.ox.quads_for_pattern(q.subject, on.gb("groupArticleCount"), None, dg)
        ]
        assert q.subject == mint_interaction_group_iri(ox.NamedNode(of), n)
        owner[_v(q.subject)] = of
    members = {
        (_v(q.subject), _v(q.object))
        for q in store.ox.quads_for_pattern(None, on.gb("inGroup"), None, dg)
    }
    assert {g for _, g in members} == set(owner)  # no group without members
    counts = {i: n for i, (n, _, _) in _stored(store).items()}
    return {(i, owner[g], counts[i]) for i, g in members}


def _stored(store: Store) -> dict[str, Summary]:
    dg = ox.DefaultGraph()
    out: dict[str, Summary] = {}
    for q in store.ox.quads_for_pattern(None, on.rdf("type"), on.gb("InteractionSummary"), dg):
        i = q.subject

        def value(p: str, i: object = i) -> str | None:
            found = [_v(t.object) for t in store.ox.quads_for_pattern(i, on.gb(p), None, dg)]  # type: ignore[arg-type]
            assert len(found) <= 1, (i, p, found)
            return found[0] if found else None

        n, best = value("articleCount"), value("bestConfidence")
        assert n is not None and best is not None
        out[_v(i)] = (int(n), str(Decimal(best)), value("exampleSentence"))
    return out


def _fresh(articles: dict[ox.NamedNode, list[ox.Quad]]) -> Store:
    st = Store.open(None)
    st.merge_many(articles.items())
    return st


def _check(store: Store, current: dict[ox.NamedNode, list[ox.Quad]]) -> None:
    assert _stored(store) == _expected(current)
    assert _groups(store) == _expected_groups(current)


def test_summaries_follow_adds_replacements_and_removals() -> None:
    rng = random.Random(7)
    store = Store.open(None)
    current: dict[ox.NamedNode, list[ox.Quad]] = {}
    made = [_article(k, rng) for k in range(40)]
    for res in made[:15]:  # one by one
        g = mint_article_iri(res.extraction.article)
        current[g] = list(to_quads(res))
        store.merge(g, current[g])
        _check(store, current)
    assert any(n > 1 for n, _, _ in _stored(store).values())  # repeated pairs are counted
    batch = {mint_article_iri(r.extraction.article): list(to_quads(r)) for r in made[15:30]}
    store.merge_many(batch.items())
    current.update(batch)
    _check(store, current)
    graphs = sorted(current, key=lambda g: g.value)
    for k, g in enumerate(graphs[:10]):  # replace A by the content of another article
        other = _article(100 + k, rng)
        quads = [ox.Quad(q.subject, q.predicate, q.object, g) for q in to_quads(other)]
        current[g] = quads
        store.merge(g, quads)
        _check(store, current)
    for g in graphs[::3]:  # remove
        store.remove(g)
        del current[g]
        _check(store, current)
    # a batch mixing replacements, removals and new articles
    mixed = {graphs[1]: [], graphs[2]: current[graphs[4]], **dict(list(batch.items())[:2])}
    mixed.update({mint_article_iri(r.extraction.article): list(to_quads(r)) for r in made[30:]})
    store.merge_many(mixed.items())
    for g, quads in mixed.items():
        if quads:
            current[g] = [ox.Quad(q.subject, q.predicate, q.object, g) for q in quads]
        else:
            current.pop(g, None)
    _check(store, current)
    # exactly what a build from scratch of the final articles gives, summaries included
    assert set(store.quads()) == set(_fresh(current).quads())
    for g in list(current):
        store.remove(g)
    assert _stored(store) == {} and _groups(store) == set()
    assert len(store) == 0


def test_store_written_without_summaries_gets_them_when_opened(tmp_path: Path) -> None:
    rng = random.Random(3)
    articles = {
        mint_article_iri(r.extraction.article): list(to_quads(r))
        for r in (_article(k, rng) for k in range(12))
    }
    with Store.open(tmp_path / "s") as st:
        st.merge_many(articles.items())
        built = set(st.quads())
        assert _stored(st) == _expected(articles) != {}
        assert _groups(st) == _expected_groups(articles)
        st.ox.update(
            "DELETE { ?i ?p ?o } WHERE { { ?i a gb:InteractionSummary } UNION "
            "{ ?i a gb:InteractionGroup } ?i ?p ?o }",
            prefixes=PREFIXES,
        )
        assert _stored(st) == {} and _groups(st) == set()
    with Store.open(tmp_path / "s") as st:
        assert set(st.quads()) == built
        # a store written before groups: summaries with the marks that came before them
        some = sorted(_stored(st))[:3]
        st.ox.update(
            "DELETE WHERE { ?i gb:inGroup ?g } ; DELETE WHERE { ?g a gb:InteractionGroup ; ?p ?o } ; "
            + "INSERT DATA { "
            + " ".join(f"<{i}> gb:topInteraction true ; gb:topInteractionOf <{i}> ." for i in some)
            + " }",
            prefixes=PREFIXES,
        )
        assert _groups(st) == set()
    with Store.open(tmp_path / "s") as st:
        assert set(st.quads()) == built


def _six_articles() -> Store:
    rng = random.Random(5)
    made = (_article(k, rng) for k in range(6))
    return _fresh({mint_article_iri(r.extraction.article): list(to_quads(r)) for r in made})


def test_summaries_conform_to_the_shapes_and_a_stale_one_is_reported() -> None:
    store = _six_articles()
    assert _stored(store) and validate(store).conforms
    some = next(iter(_stored(store)))
    store.ox.update(
        f"DELETE WHERE {{ <{some}> gb:articleCount ?n }} ; "
        f"INSERT DATA {{ <{some}> gb:articleCount 0 }}",
        prefixes=PREFIXES,
    )
    report = validate(store)
    assert not report.conforms
    assert any(some in p and "articleCount" in p for p in report.problems)


def test_validation_reports_a_summary_out_of_its_groups_and_an_empty_group() -> None:
    store = _six_articles()
    assert _groups(store) and validate(store).conforms
    some = sorted(_stored(store))[0]
    # moved from its store-wide group to another count's: missing from one, wrongly in one
    store.ox.update(
        f"DELETE {{ <{some}> gb:inGroup ?g }} WHERE {{ <{some}> gb:inGroup ?g . "
        "?g gb:groupOf gb:allEntities } ; "
        f"INSERT DATA {{ <{some}> gb:inGroup <{ALL_ENTITIES.value}/interactions/99> . "
        f"<{ALL_ENTITIES.value}/interactions/99> a gb:InteractionGroup ; "
        "gb:groupOf gb:allEntities ; gb:groupArticleCount 99 . "
        f"<{ALL_ENTITIES.value}/interactions/98> a gb:InteractionGroup ; "
        "gb:groupOf gb:allEntities ; gb:groupArticleCount 98 }",
        prefixes=PREFIXES,
    )
    problems = validate(store).problems
    misgrouped = [p for p in problems if p.startswith(some) and "gb:inGroup" in p]
    assert len(misgrouped) == 1 and ALL_ENTITIES.value in misgrouped[0]
    assert any("interactions/98" in p and "without members" in p for p in problems)


NAME = st.text(min_size=0, max_size=12)


@settings(max_examples=80, deadline=None)
@given(NAME, st.sampled_from(sorted(PREDICATES)), NAME, NAME)
def test_interaction_iri_is_valid_stable_and_under_its_subject(
    a: str, pred: str, b: str, c: str
) -> None:
    s, o, p = mint_entity_iri(a), mint_entity_iri(b), on.gb(pred)
    iri = mint_interaction_iri(s, p, o)
    assert iri == mint_interaction_iri(s, p, o)
    assert iri.value.startswith(s.value + "/interaction/")
    # a valid IRI: it round-trips through N-Triples
    quad = ox.Quad(iri, on.gb("summarySubject"), s, ox.DefaultGraph())
    data = ox.serialize([quad], format=ox.RdfFormat.N_QUADS)
    assert list(ox.parse(data, format=ox.RdfFormat.N_QUADS)) == [quad]
    other = mint_entity_iri(c)  # another subject or object gives another IRI
    if other != o:
        assert mint_interaction_iri(s, p, other) != iri
    if other != s:
        assert mint_interaction_iri(other, p, o) != iri


@settings(max_examples=80, deadline=None)
@given(NAME, st.integers(min_value=1, max_value=10**6))
def test_interaction_group_iri_is_the_one_the_store_computes(name: str, articles: int) -> None:
    owner = mint_entity_iri(name)
    iri = mint_interaction_group_iri(owner, articles)
    assert iri.value.startswith(owner.value + "/interactions/")
    found = ox.Store().query(
        f"SELECT ?e ?n ({interaction_group_expression('?e', '?n')} AS ?g) WHERE {{}}",
        substitutions={
            ox.Variable("e"): owner,
            ox.Variable("n"): ox.Literal(str(articles), datatype=on.xsd("integer")),
        },
    )
    assert [row[2] for row in found] == [iri]  # type: ignore[union-attr,index]
