"""Outlets and agencies named as what a statement is made to or as the reporter (hand-built Docs)."""

from __future__ import annotations

import pytest

from graphbuild.extract.mentions import mentions, sentences


def _names(doc):  # type: ignore[no-untyped-def]
    return [(m.text, m.label) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]


@pytest.mark.parametrize(
    "words, expected",
    [
        (
            ["Er", "sagte", "gegenüber", "dem", "Tagesspiegel", ",", "es", "sei", "gut"],
            [("Tagesspiegel", "ORG")],
        ),
        (
            ["Er", "sagte", "gegenüber", "der", "Voice", "of", "America", ",", "es", "sei", "gut"],
            [("Voice of America", "ORG")],
        ),
        # an audience or institution noun is no outlet
        (["Er", "sagte", "gegenüber", "der", "Presse", ",", "es", "sei", "gut"], []),
        (["Er", "sagte", "gegenüber", "der", "Regierung", ",", "es", "sei", "gut"], []),
        # without a verb of saying "gegenüber" is no address
        (["Er", "stand", "gegenüber", "dem", "Rathaus", "und", "wartete"], []),
    ],
)
def test_mentions_outlet_a_statement_is_made_to(hand_doc, words, expected) -> None:  # type: ignore[no-untyped-def]
    n = len(words)
    deps = ["ROOT" if i == 1 else "dep" for i in range(n)]  # every word hangs on the verb
    lemmas = {1: "sagen" if words[1] == "sagte" else "stehen"}
    pos = ["PROPN" if w[:1].isupper() and i > 0 else "X" for i, w in enumerate(words)]
    doc = hand_doc(words, heads=[1] * n, deps=deps, pos=pos, lemmas=lemmas)
    assert [x for x in _names(doc) if x[1] == "ORG"] == expected


def test_mentions_reporting_one_word_name_is_an_outlet(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Es gab Kämpfe, berichtet Interfax." with NER calling the agency a person
    words = ["Es", "gab", "Kämpfe", ",", "berichtet", "Interfax", "."]
    heads, deps = [1, 4, 1, 4, 4, 4, 4], "expl ccomp obj punct ROOT nsubj punct"
    lemmas = {1: "geben", 4: "berichten"}
    doc = hand_doc(
        words, heads=heads, deps=deps, pos="PRON VERB NOUN PUNCT VERB PROPN PUNCT", lemmas=lemmas
    )
    doc.ents = [doc.char_span(doc[5].idx, doc[5].idx + len("Interfax"), label="PER")]
    assert _names(doc) == [("Interfax", "ORG")]


@pytest.mark.parametrize(
    "before, expected",
    [("laut", [("dpa", "ORG")]), ("und", [])],
)
def test_mentions_lower_case_agency_after_laut(hand_doc, before, expected) -> None:  # type: ignore[no-untyped-def]
    words = ["Das", "sei", before, "dpa", "falsch"]
    doc = hand_doc.sentence(
        "de", words, pos=["PRON", "AUX", "ADP", "X", "ADJ"], ents=["O", "O", "O", "B-ORG", "O"]
    )
    assert _names(doc) == expected
