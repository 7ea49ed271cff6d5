"""A one-word organisation name joins the longer organisation name it ends (hand-made mentions)."""

from __future__ import annotations

from graphbuild.resolve.entities import resolve_entities
from graphbuild.types import Article, Extraction, Mention, Sentence


def _resolve(text: str, names: list[tuple[str, str, int]]):  # type: ignore[no-untyped-def]
    ms = []
    for word, label, nth in names:
        start = -1
        for _ in range(nth + 1):
            start = text.index(word, start + 1)
        ms.append(Mention(start, start + len(word), word, label, sent=0))
    ext = Extraction(Article("a", "de", "", text), (Sentence(0, len(text)),), tuple(ms), (), ())
    _, of = resolve_entities(ext)
    return {m.text: of[m] for m in ms}


def test_resolve_short_organisation_name_joins_the_full_one() -> None:
    text = "Die Cleveland Cavaliers siegten. Die Cavaliers führten."
    of = _resolve(text, [("Cleveland Cavaliers", "ORG", 0), ("Cavaliers", "ORG", 1)])
    assert of["Cavaliers"] == of["Cleveland Cavaliers"] == "cleveland_cavaliers"


def test_resolve_short_name_of_two_organisations_stays_apart() -> None:
    text = "Die Utah Jazz und die Memphis Jazz spielten. Jazz siegte."
    of = _resolve(text, [("Utah Jazz", "ORG", 0), ("Memphis Jazz", "ORG", 0), ("Jazz", "ORG", 2)])
    assert of["Jazz"] == "jazz"


def test_resolve_place_named_like_a_team_stays_a_place() -> None:
    text = "Die Eintracht Frankfurt siegte in Frankfurt."
    of = _resolve(text, [("Eintracht Frankfurt", "ORG", 0), ("Frankfurt", "LOC", 1)])
    assert of["Frankfurt"] == "frankfurt"
