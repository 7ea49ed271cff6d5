"""One node across languages: a German and an English article (invented text) built into one
store name the same country and the same international organisation with one IRI each."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.builder import build
from graphbuild.config import Settings
from graphbuild.graph.store import Store
from graphbuild.graph.validate import validate
from graphbuild.query import find_entities, run_saved

GERMAN = """Gespräche in Genf
Die Außenministerin Maria Lenz reiste am Montag nach Genf. Dort traf sie Vertreter der \
Vereinten Nationen und der USA. Die Vereinten Nationen wollen nach ihren Worten mehr Hilfe leisten.
"""
ENGLISH = """Talks in Geneva
Foreign Minister Maria Lenz travelled to Geneva on Monday. She met officials of the United \
Nations and of the United States there. The United Nations want to give more aid, she said.
"""


def _tagged_labels(store: Store, node: str) -> dict[str, set[str]]:
    """The language-tagged skos:prefLabels of ``node`` in the merged default graph."""
    rows = store.ox.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        f'SELECT ?l WHERE {{ <{node.strip("<>")}> skos:prefLabel ?l FILTER(lang(?l) != "") }}'
    )
    labels: dict[str, set[str]] = {}
    for row in rows:
        label = row["l"]
        labels.setdefault(label.language, set()).add(label.value)
    return labels


def _nodes_named(store: Store, *names: str) -> set[str]:
    """Entities of the merged default graph with any of ``names`` as a label."""
    values = " ".join(f'"{n}"' for n in names)
    rows = store.ox.query(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT DISTINCT ?e WHERE { VALUES ?l { " + values + " } "
        "{ ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } }"
    )
    return {str(r["e"]) for r in rows}


@pytest.mark.slow
def test_cross_language_country_and_organisation_are_one_node(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "de_genf.txt").write_text(GERMAN, encoding="utf-8")
    (src / "en_geneva.txt").write_text(ENGLISH, encoding="utf-8")
    out = tmp_path / "out"
    report = build([src], out, Settings().with_overrides(out=out), views=False)
    assert report.articles == 2
    store = Store.open(out / "store", read_only=True)
    try:
        usa = _nodes_named(store, "USA", "United States")
        un = _nodes_named(store, "Vereinte Nationen", "United Nations")
        assert len(usa) == 1, usa
        assert len(un) == 1, un
        # both article graphs mention that one node
        for node in (*usa, *un):
            graphs = store.ox.query(
                "PREFIX gb: <https://graphbuild.example.org/ontology#> "
                f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g gb:mentions <{node.strip('<>')}> }} }}"
            )
            assert len(list(graphs)) == 2, node
        # one prefLabel per language on the merged node, beside the one plain display name
        (un_node,) = un
        assert _tagged_labels(store, un_node) == {
            "de": {"Vereinte Nationen"},
            "en": {"United Nations"},
        }
        (usa_node,) = usa
        assert set(_tagged_labels(store, usa_node)) == {"de", "en"}
        plain = store.ox.query(
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            f'SELECT ?l WHERE {{ {un_node} skos:prefLabel ?l FILTER(lang(?l) = "") }}'
        )
        assert len(list(plain)) == 1
        # both languages' names find that node
        for name in ("Vereinte Nationen", "United Nations"):
            assert find_entities(store, name) == [un_node.strip("<>")], name
        # the saved entity profile is the same for either name, one display name in its rows
        profiles = [
            run_saved(store, "entity-profile", {"person": name}, page_size=None)
            for name in ("Vereinte Nationen", "United Nations")
        ]
        assert profiles[0].rows and profiles[0].rows == profiles[1].rows
        column = profiles[0].columns.index("name")
        assert len({row[column] for row in profiles[0].rows}) == 1
        assert validate(store).conforms, validate(store).problems
    finally:
        store.close()
