"""Generic speaking bodies become unnamed sources (hand-made entities and mentions)."""

from __future__ import annotations

import pytest

from graphbuild.resolve.bodies import generic_body, unnamed_bodies
from graphbuild.types import Entity, Mention


@pytest.mark.parametrize(
    "name, generic",
    [
        ("Staatsanwaltschaft", True),
        ("Organisationen", True),
        ("Beide Seiten", True),
        ("Mehrere Regierungen", True),
        ("linksextreme Wochenzeitschrift", True),
        ("Frankreich und die Vereinigten Staaten", True),
        ("Kongress- und Verteidigungskreise", True),
        ("Bochumer Polizei", False),
        ("Polizei Bochum", False),
        ("Tagesthemen", False),  # one word the noun lexicon does not know: maybe a name
    ],
)
def test_resolve_bodies_generic_names(name: str, generic: bool) -> None:
    assert generic_body(name) is generic


def test_resolve_bodies_speaking_generic_body_is_an_unnamed_source() -> None:
    role = Mention(4, 11, "Polizei", "ORG", kind="role")
    ents, of = unnamed_bodies(
        "a1", [Entity("polizei", "Polizei", "Organization")], {role: "polizei"}
    )
    assert [(e.id, e.type) for e in ents] == [("a1_polizei", "UnnamedSource")]
    assert of[role] == "a1_polizei"


def test_resolve_bodies_named_or_affiliated_bodies_stay_organisations() -> None:
    name = Mention(0, 7, "Polizei", "ORG", kind="name")  # NER or a construction named it
    role = Mention(20, 34, "Regierung", "ORG", kind="role")
    ents = [
        Entity("polizei", "Polizei", "Organization"),
        Entity("regierung", "Regierung", "Organization", affiliation="sudan"),
    ]
    out, _ = unnamed_bodies("a1", ents, {name: "polizei", role: "regierung"})
    assert [e.type for e in out] == ["Organization", "Organization"]


def test_resolve_bodies_genitive_of_a_person_is_no_organisation() -> None:
    role = Mention(30, 42, "Strauss-Kahns", "ORG", kind="role")
    ents = [
        Entity("dominique_strauss_kahn", "Dominique Strauss-Kahn", "Person"),
        Entity("strauss_kahns", "Strauss-Kahns", "Organization"),
    ]
    out, of = unnamed_bodies("a1", ents, {role: "strauss_kahns"})
    assert [e.type for e in out] == ["Person", "UnnamedSource"]
    assert of[role] == "a1_strauss_kahns"
