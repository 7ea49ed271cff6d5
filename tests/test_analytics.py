"""networkx analytics over hand-built stores: snapshot, selection, centrality, communities."""

from __future__ import annotations

import pytest
from browser.stores import (
    ANNA,
    FREEDONIA,
    JONAS,
    OSTBANK,
    SYLVANIA,
    crowd_resolutions,
    sample_resolutions,
    store_of,
)

from graphbuild import analytics as an
from graphbuild.errors import QueryError
from graphbuild.graph.mapping import mint_entity_iri


def iri(entity_id: str) -> str:
    return mint_entity_iri(entity_id).value


@pytest.fixture(scope="module")
def snap() -> an.Snapshot:
    return an.read_snapshot(store_of(sample_resolutions()))


@pytest.fixture(scope="module")
def stats(snap: an.Snapshot) -> an.Analytics:
    return an.analyse(snap)


def test_analytics_snapshot_reads_entities_quotes_articles(snap: an.Snapshot) -> None:
    assert len(snap.entities) == 7
    assert len(snap.quotes) == 3
    assert {a.id for a in snap.articles.values()} == {"art-one", "art-two"}
    anna = snap.entities[iri(ANNA.id)]
    assert (anna.label, anna.type, anna.aliases, anna.positions) == (
        "Anna Berg",
        "Person",
        ("Berg",),
        ("Außenministerin",),
    )
    assert len(anna.articles) == 2
    assert snap.entities[iri(OSTBANK.id)].type == "Organization"


def test_analytics_snapshot_links_merge_symmetric_and_drop_negated(snap: an.Snapshot) -> None:
    triples = {(lk.subject, lk.predicate, lk.object): lk for lk in snap.links}
    # "Weber unterstützt die Ostbank nicht": negated, so not a link.
    assert not any(p == "supports" for _, p, _ in triples)
    # meetsWith was stated A→B in one article and B→A in the other: one symmetric link.
    meets = [lk for lk in snap.links if lk.predicate == "meetsWith"]
    assert len(meets) == 1
    assert meets[0].weight == 2 and not meets[0].directed
    assert len(meets[0].evidence) == 2
    assert all(ev.sentence for ev in meets[0].evidence)
    crit = triples[(iri(ANNA.id), "criticizes", iri(OSTBANK.id))]
    assert crit.directed and crit.weight == 1
    assert crit.evidence[0].sentence == "Berg kritisierte die Ostbank."


def test_analytics_snapshot_quote_speaker_and_sentence(snap: an.Snapshot) -> None:
    by_text = {q.text: q for q in snap.quotes}
    q = by_text["man werde hart verhandeln"]
    assert q.speaker == iri(JONAS.id)
    assert q.kind == "indirect"
    assert q.sentence == "Weber sagte, man werde hart verhandeln."


@pytest.mark.parametrize(
    "name, expected",
    [("Anna Berg", ANNA), ("anna berg", ANNA), ("Weber", JONAS), ("freedonia", FREEDONIA)],
)
def test_analytics_find_entity_by_label_alias_and_case(
    snap: an.Snapshot, name: str, expected: object
) -> None:
    assert an.find_entity(snap, name).iri == iri(expected.id)  # type: ignore[attr-defined]


def test_analytics_find_entity_unknown_names_candidates(snap: an.Snapshot) -> None:
    with pytest.raises(QueryError, match="no entity named 'Nobody'"):
        an.find_entity(snap, "Nobody")
    with pytest.raises(QueryError, match="did you mean"):
        an.find_entity(snap, "a")  # in several labels


def test_analytics_select_focus_depth(snap: an.Snapshot) -> None:
    zero = an.select(snap, focus="Ostbank", depth=0)
    assert list(zero.entities) == [iri(OSTBANK.id)]
    one = an.select(snap, focus="Ostbank", depth=1)
    assert set(one.entities) == {iri(OSTBANK.id), iri(ANNA.id)}
    two = an.select(snap, focus="Ostbank", depth=2)
    assert set(two.entities) == {iri(OSTBANK.id), iri(ANNA.id), iri(JONAS.id), iri(FREEDONIA.id)}
    assert {q.speaker for q in two.quotes} == {iri(ANNA.id), iri(JONAS.id)}


def test_analytics_select_article_keeps_only_its_facts(snap: an.Snapshot) -> None:
    two = an.select(snap, article="art-two")
    assert "Ostbank" not in {e.label for e in two.entities.values()}
    # The countries are not in article two, so the affiliation links are not either.
    assert {lk.predicate for lk in two.links} == {"attends", "spokeWith", "meetsWith"}
    assert all(
        ev.article and ev.article.endswith("art-two") for lk in two.links for ev in lk.evidence
    )
    assert {q.text for q in two.quotes} == {"man werde hart verhandeln", "Es gibt Fortschritte"}
    with pytest.raises(QueryError, match="no article 'nope'"):
        an.select(snap, article="nope")


def test_analytics_select_types_and_predicates(snap: an.Snapshot) -> None:
    countries = an.select(snap, types=["country"])
    assert {e.label for e in countries.entities.values()} == {"Freedonia", "Sylvania"}
    assert [lk.predicate for lk in countries.links] == ["negotiatesWith"]
    people_orgs = an.select(snap, types=["Person,organisation"])
    assert len(people_orgs.entities) == 3
    only_meets = an.select(snap, predicates=["meetsWith"])
    assert [lk.predicate for lk in only_meets.links] == ["meetsWith"]
    with pytest.raises(QueryError, match="unknown entity type 'Planet'"):
        an.select(snap, types=["Planet"])
    with pytest.raises(QueryError, match="unknown predicate"):
        an.select(snap, predicates=["hugs"])


def test_analytics_degree_betweenness_and_quotes(stats: an.Analytics) -> None:
    assert stats.degree[iri(ANNA.id)] == 3  # Jonas, Freedonia, Ostbank
    assert stats.degree[iri(OSTBANK.id)] == 1
    # Anna and Jonas are the bridges of the graph.
    top = [k for k, _ in stats.top(stats.betweenness, 2)]
    assert set(top) == {iri(ANNA.id), iri(JONAS.id)}
    assert stats.betweenness[iri(OSTBANK.id)] == 0.0
    assert stats.quotes_by == {iri(ANNA.id): 2, iri(JONAS.id): 1}
    assert stats.betweenness_sample is None


def test_analytics_country_links_direct_and_via_people(stats: an.Analytics) -> None:
    # Freedonia–Sylvania: negotiatesWith directly (1), and through Anna (Freedonia) meeting
    # (2 articles) and speaking with (1) Jonas (Sylvania).
    assert stats.country_links == ((iri(FREEDONIA.id), iri(SYLVANIA.id), 1, 3),)


def test_analytics_louvain_is_deterministic_and_covers_all(snap: an.Snapshot) -> None:
    first, second = an.analyse(snap), an.analyse(snap)
    assert first.communities == second.communities
    members = [m for c in first.communities for m in c]
    assert sorted(members) == sorted(snap.entities)
    assert first.community_of[iri(ANNA.id)] == first.community_of[iri(FREEDONIA.id)]


def test_analytics_to_json_shape(stats: an.Analytics) -> None:
    data = stats.to_json(n=3)
    assert (data["nodes"], data["links"], data["quotes"], data["articles"]) == (7, 7, 3, 2)
    assert data["types"]["Person"] == 2
    assert data["most_quoted"][0] == {
        "iri": iri(ANNA.id),
        "label": "Anna Berg",
        "quotes": 2,
        "articles": 2,
    }
    assert data["country_links"][0]["total"] == 4
    assert len(data["degree"]) == 3
    assert data["louvain_seed"] == an.LOUVAIN_SEED


def test_analytics_sampled_betweenness_above_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    snap = an.read_snapshot(store_of(crowd_resolutions(80)))
    monkeypatch.setattr(an, "EXACT_BETWEENNESS_MAX", 50)
    monkeypatch.setattr(an, "BETWEENNESS_SAMPLE", 20)
    sampled = an.analyse(snap)
    assert sampled.betweenness_sample == 20
    assert sampled.top(sampled.importance, 1)[0][0] == iri("e0")
    skipped = an.analyse(snap, pivots=0)
    assert set(skipped.betweenness.values()) == {0.0}


def test_analytics_prune_keeps_most_important_and_focus() -> None:
    snap = an.read_snapshot(store_of(crowd_resolutions(80)))
    importance = an.quick_importance(snap)
    pruned = an.prune(snap, importance, 10, keep=[iri("e55")])
    assert len(pruned.entities) == 10
    assert iri("e0") in pruned.entities and iri("e55") in pruned.entities
    assert all(
        lk.subject in pruned.entities and lk.object in pruned.entities for lk in pruned.links
    )
    assert an.prune(snap, importance, 0) is snap


def test_analytics_community_layout_places_every_node_apart() -> None:
    snap = an.read_snapshot(store_of(crowd_resolutions(80)))
    stats = an.analyse(snap)
    pos = an.community_layout(snap, stats.communities)
    assert set(pos) == set(snap.entities)
    assert len(set(pos.values())) == len(pos)
    # A community's members sit closer to each other than to the average node.
    big = stats.communities[0]
    cx = sum(pos[m][0] for m in big) / len(big)
    cy = sum(pos[m][1] for m in big) / len(big)
    inside = max(((pos[m][0] - cx) ** 2 + (pos[m][1] - cy) ** 2) ** 0.5 for m in big)
    span = max(abs(x) for x, _ in pos.values()) + max(abs(y) for _, y in pos.values())
    assert inside < span


def test_analytics_empty_store() -> None:
    from graphbuild.graph.store import Store

    data = an.analyse(an.read_snapshot(Store.open(None))).to_json()
    assert data["nodes"] == 0 and data["communities"] == []


def test_analytics_view_and_queries_fold_names_alike() -> None:
    """`view --focus` and `query --param name=` find the same entity for a spelled-out name."""
    from graphbuild.query import find_entities

    store = store_of(sample_resolutions())
    snap = an.read_snapshot(store)
    for typed in ("ANNA   BERG", " anna berg ", "Ánna Berg"):
        assert an.find_entity(snap, typed).iri == iri(ANNA.id), typed
        assert find_entities(store, typed) == [iri(ANNA.id)], typed


def test_analytics_to_networkx_is_the_export_graph(snap: an.Snapshot) -> None:
    g = an.to_networkx(snap)
    assert g.number_of_nodes() == 7
    anna = g.nodes[iri(ANNA.id)]
    assert (anna["label"], anna["type"], anna["aliases"], anna["quotes"]) == (
        "Anna Berg",
        "Person",
        "Berg",
        2,
    )
    meets = g.get_edge_data(iri(ANNA.id), iri(JONAS.id), "meetsWith") or g.get_edge_data(
        iri(JONAS.id), iri(ANNA.id), "meetsWith"
    )
    assert meets["symmetric"] and meets["articles"] == 2 and meets["confidence"] == 0.8
    assert meets["sentence"]


def _people(*names: str) -> an.Snapshot:
    return an.Snapshot(entities={k: an.EntityInfo(k, k.upper(), "Person") for k in names})


def test_analytics_most_connected_takes_hubs_with_their_neighbours() -> None:
    snap = _people("hub", "a", "b", "c", "x", "y", "lonely")
    edges = [("hub", "a", 1.0), ("hub", "b", 1.0), ("hub", "c", 1.0), ("x", "y", 1.0)]
    assert an.most_connected(snap, edges, 0) == {"hub", "a", "b", "c", "x", "y"}
    four = an.most_connected(snap, edges, 4)
    assert four == {"hub", "a", "b", "c"}
    # Never an entity without an edge to another chosen one, even when one slot is left.
    assert an.most_connected(snap, edges, 5) == four
    assert an.most_connected(snap, edges, 2, keep=["lonely"]) == {"lonely"}
    assert "lonely" in an.most_connected(snap, edges, 3, keep=["lonely"])


def test_analytics_co_mentions_count_shared_articles_of_the_snapshot() -> None:
    arts = {a: an.ArticleInfo(a, a, a) for a in ("x:1", "x:2")}
    ents = {
        "a": an.EntityInfo("a", "A", "Person", articles=("x:1", "x:2")),
        "b": an.EntityInfo("b", "B", "Person", articles=("x:1", "x:2", "x:3")),
        "c": an.EntityInfo("c", "C", "Person", articles=("x:2",)),
    }
    pairs = an.co_mentions(an.Snapshot(entities=ents, articles=arts))
    assert pairs[0] == ("a", "b", 2)  # x:3 is not in the snapshot
    assert sorted(pairs[1:]) == [("a", "c", 1), ("b", "c", 1)]


def test_analytics_quote_links_join_speaker_and_addressee_once_per_pair() -> None:
    snap = _people("s", "t")
    quotes = tuple(
        an.QuoteInfo(f"q{i}", f"Satz {i}", speaker="s", addressee=a, articles=(f"x:{i}",))
        for i, a in enumerate(("t", "t", None, "s"))
    )
    links = an.quote_links(an.Snapshot(entities=snap.entities, quotes=quotes))
    assert [(lk.subject, lk.predicate, lk.object, lk.weight) for lk in links] == [
        ("s", "saidTo", "t", 2)
    ]
    assert links[0].directed and len(links[0].evidence) == 2
