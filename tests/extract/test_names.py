"""Canonical forms of German names (:mod:`graphbuild.extract.names`) on hand-built Docs."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graphbuild.extract.names import genitive_stem, nominative, noun_gender, place_of_adjective

# each case: the words, their tags, their morphology ("-" for none), the nominative
CASES = [
    # the head's ending decides the gender, not the tagger's (wrong) gender on it
    (
        "des Deutschen Wetterdienstes",
        "DET ADJ PROPN",
        "Case=Gen Gender=Neut Gender=Neut",
        "Deutscher Wetterdienst",
    ),
    ("des Roten Kreuzes", "DET ADJ NOUN", "Case=Gen Gender=Neut Gender=Masc", "Rotes Kreuz"),
    # no ending known: what the article, adjective and head agree on
    (
        "dem Bayerischen Funkhaus",
        "DET ADJ NOUN",
        "Gender=Neut Gender=Neut Gender=Masc",
        "Bayerisches Funkhaus",
    ),
    # the head is the word before a post-modifier; the post-modifier stays as written
    (
        "des Bundesamtes für Verfassungsschutz",
        "DET NOUN ADP NOUN",
        "- Case=Gen - -",
        "Bundesamt für Verfassungsschutz",
    ),
    (
        "des Forschungszentrums für nachhaltige Entwicklung",
        "DET NOUN ADP ADJ NOUN",
        "- Case=Gen - - -",
        "Forschungszentrum für nachhaltige Entwicklung",
    ),
    # an institution noun before the place it sits in
    (
        "des Landgerichts Düsseldorf",
        "DET PROPN PROPN",
        "- Case=Gen Case=Gen",
        "Landgericht Düsseldorf",
    ),
    # -es on a known noun ending is a genitive ending
    (
        "des Militärischen Abschirmdienstes",
        "DET ADJ PROPN",
        "- - Case=Gen",
        "Militärischer Abschirmdienst",
    ),
    # after "der" a noun carries no genitive -s: the -s is the name's own
    ("der Turkish Airlines", "DET PROPN PROPN", "- - Case=Gen", "Turkish Airlines"),
    # a person's particle is no post-modifier: the genitive on the surname goes
    (
        "des Ursula von der Leyens",
        "DET PROPN ADP DET PROPN",
        "- - - - Case=Gen",
        "Ursula von der Leyen",
    ),
    # place adjectives in -er are indeclinable
    ("des Berliner Senats", "DET ADJ NOUN", "- - Case=Gen", "Berliner Senat"),
]


@pytest.mark.parametrize("words, pos, morphs, expected", CASES)
def test_names_nominative_by_head_gender_and_extent(hand_doc, words, pos, morphs, expected) -> None:  # type: ignore[no-untyped-def]
    morph = [m if m != "-" else "" for m in morphs.split()]
    doc = hand_doc.sentence("de", words.split(), pos=pos.split(), morphs=morph)
    assert nominative(doc[1:]) == expected


def test_names_attributive_adjective_tagged_as_proper_noun_is_inflected(hand_doc) -> None:  # type: ignore[no-untyped-def]
    base = hand_doc.sentence("de", ["der", "Radikalen", "Partei"], pos=["DET", "PROPN", "PROPN"])
    doc = Doc(
        base.vocab,
        words=[t.text for t in base],
        pos=["DET", "PROPN", "PROPN"],
        tags=["ART", "ADJA", "NN"],
    )
    assert nominative(doc[1:]) == "Radikale Partei"
    untagged = Doc(base.vocab, words=["der", "Tutogen", "Medical"], pos=["DET", "PROPN", "PROPN"])
    assert nominative(untagged[1:]) == "Tutogen Medical"  # no adjective: left as written


@pytest.mark.parametrize(
    "word, gender",
    [
        ("Bundesregierung", "Fem"),
        ("Wetterdienstes", "Masc"),
        ("Amtes", "Neut"),
        ("Streitkräfte", "Plur"),
        ("Obama", ""),
    ],
)
def test_names_noun_gender_by_ending(word: str, gender: str) -> None:
    assert noun_gender(word) == gender


@pytest.mark.parametrize(
    "word, stem",
    [("Abschirmdienstes", "Abschirmdienst"), ("Gipfels", "Gipfel"), ("Komitees", "Komitee")],
)
def test_names_genitive_es_after_a_known_noun_ending(word: str, stem: str) -> None:
    assert genitive_stem(word) == stem


@pytest.mark.parametrize(
    "adjective, text, place",
    [
        ("Kieler", "Ein Kieler Taucher. Die Polizei in Kiel ermittelt.", "Kiel"),
        ("Münchner", "Die Münchner Polizei. In München regnet es.", "München"),
        ("Bremer", "Der Bremer Senat. Bremen stimmt zu.", "Bremen"),
        ("New Yorker", "Ein New Yorker Hotel. In New York schneit es.", "New York"),
        ("Kieler", "Ein Kieler Taucher verunglückte.", None),  # the place is not named
        ("Berliner", "Die Berliner Zeitung. Die Berlinerin kam.", None),  # no whole word
    ],
)
def test_names_place_adjective_stands_for_the_place_named(adjective, text, place) -> None:  # type: ignore[no-untyped-def]
    assert place_of_adjective(adjective, text) == place


@pytest.mark.parametrize(
    "words, expected",
    [
        (["den", "Olympischen", "Spielen"], "Olympische Spiele"),  # dative plural of a known plural
        (["den", "Vereinten", "Nationen"], "Vereinte Nationen"),  # -en is the plural itself
    ],
)
def test_names_dative_plural_head_is_cited_in_the_nominative(hand_doc, words, expected) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de", words, pos=["DET", "ADJ", "NOUN"], morphs=["", "", "Case=Dat|Number=Plur"]
    )
    assert nominative(doc[1:]) == expected
