"""Common nouns NER took for names are no name mentions (hand-built Docs)."""

from __future__ import annotations

import pytest

from graphbuild.extract.mentions import mentions, sentences


@pytest.mark.parametrize(
    "word, label, kept",
    [
        ("Marineoberst", "LOC", False),  # a job title compound, tagged PROPN
        ("Militärkreisen", "LOC", False),  # a compound of a source noun ("aus … Kreisen")
        ("Regierungskreisen", "ORG", False),
        ("Oberstdorf", "LOC", True),  # a title inside a place name is no title compound
        ("Marienthal", "LOC", True),
    ],
)
def test_mentions_title_or_source_compound_is_no_name(hand_doc, word, label, kept) -> None:  # type: ignore[no-untyped-def]
    words = ["Aus", word, "verlautete", "es"]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", "PROPN", "VERB", "PRON"], ents=["O", f"B-{label}", "O", "O"]
    )
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert (word in found) is kept


@pytest.mark.parametrize(
    "word, label, pos, kept",
    [
        ("Körnerplatz", "LOC", "NOUN", True),  # NER and a street/square suffix agree
        ("Südvorstadt", "LOC", "NOUN", True),
        ("Arbeitsplatz", "ORG", "NOUN", False),  # no place by NER: a common noun
        ("Königspaar", "LOC", "NOUN", False),
    ],
)
def test_mentions_street_and_square_names_are_kept(hand_doc, word, label, pos, kept) -> None:  # type: ignore[no-untyped-def]
    words = ["am", word, "war", "es"]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", pos, "AUX", "PRON"], ents=["O", f"B-{label}", "O", "O"]
    )
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert (word in found) is kept


def test_mentions_place_noun_inside_a_name_introduces_it(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["in", "der", "Großgemeinde", "Lukeqin", "starben"]
    ents = ["O", "O", "B-ORG", "I-ORG", "O"]
    doc = hand_doc.sentence("de", words, pos=["ADP", "DET", "NOUN", "PROPN", "VERB"], ents=ents)
    found = [(m.text, m.label) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == [("Lukeqin", "LOC")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a plural class noun labels every name of the list after it, NER's MISC included
        (
            [
                "Die",
                "Organisationen",
                "Transparency",
                "International",
                ",",
                "Campact",
                "und",
                "Attac",
                "klagen",
            ],
            ["O", "O", "B-MISC", "I-MISC", "O", "B-ORG", "O", "B-LOC", "O"],
            [("Transparency International", "ORG"), ("Campact", "ORG"), ("Attac", "ORG")],
        ),
        # a compound class noun in the singular
        (
            ["die", "Nachrichtenagentur", "Interfax", "meldete"],
            ["O", "O", "B-PER", "O"],
            [("Interfax", "ORG")],
        ),
        # a list after another noun keeps NER's labels
        (
            ["die", "Minister", "Kowal", "und", "Berg", "kamen"],
            ["O", "O", "B-PER", "O", "B-PER", "O"],
            [("Kowal", "PER"), ("Berg", "PER")],
        ),
    ],
)
def test_mentions_class_noun_labels_the_names_it_introduces(
    hand_doc, words, ents, expected
) -> None:  # type: ignore[no-untyped-def]
    pos = ["PROPN" if e != "O" else "NOUN" for e in ents]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents)
    found = [(m.text, m.label) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == expected


def test_mentions_camel_case_word_is_a_name_whatever_the_tagger_says(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["und", "LobbyControl", "werfen", "vor"]
    doc = hand_doc.sentence(
        "de", words, pos=["CCONJ", "NOUN", "VERB", "ADP"], ents=["O", "B-ORG", "O", "O"]
    )
    assert [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"] == [
        "LobbyControl"
    ]


@pytest.mark.parametrize("word, kept", [("Nord", False), ("Süden", False), ("Nordamerika", True)])
def test_mentions_compass_direction_alone_is_no_name(hand_doc, word, kept) -> None:  # type: ignore[no-untyped-def]
    words = ["zwischen", word, "und", "Berlin"]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", "PROPN", "CCONJ", "PROPN"], ents=["O", "B-LOC", "O", "B-LOC"]
    )
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == ([word, "Berlin"] if kept else ["Berlin"])


@pytest.mark.parametrize(
    "words, ents, kept",
    [
        (["Der", "Fahrer", "des", "PKW", "floh"], "O O O B-LOC O", []),  # a common noun
        (["das", "AKW", "Krümmel", "stand"], "O B-ORG B-LOC O", ["Krümmel"]),
        (["Der", "Airbus", "A380", "startet"], "O B-ORG B-LOC O", ["Airbus"]),  # a model code
        (["die", "ARD", "berichtet"], "O B-ORG O", ["ARD"]),  # an organisation's acronym
        # a code that is the short form of a longer name in the article is kept
        (["Die", "Partei", "D66", "und", "D66", "siegten"], "O B-ORG I-ORG O B-ORG O", None),
    ],
)
def test_mentions_common_noun_abbreviations_and_model_codes_are_no_names(
    hand_doc, words, ents, kept
) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=["PROPN"] * len(words), ents=ents.split())
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    if kept is None:
        assert found.count("D66") == 1 and "Partei D66" in found
    else:
        assert found == kept


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a family name with an Arabic article: a person, whatever NER said
        (["um", "Muammar", "al-Gaddafi", "kämpften"], "O B-LOC I-LOC O", ("PER", "first_name")),
        # places: a one-word name, a name without such a family name
        (["in", "Falludscha", "kämpften"], "O B-LOC O", ("LOC", "ner")),
        (["in", "Bad", "Hersfeld", "kämpften"], "O B-LOC I-LOC O", ("LOC", "ner")),
    ],
)
def test_mentions_person_shaped_place_is_a_person(hand_doc, words, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", "PROPN", "PROPN", "VERB"][: len(words)], ents=ents.split()
    )
    names = [(m.label, m.rule) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert names == [expected]
