"""Mentions from hand-made Docs: titles, persons after titles, countries, prefixes, pronouns."""

from __future__ import annotations

import pytest
import spacy

from graphbuild.extract.mentions import mentions, sentences, title_forms, titles


def found(doc):  # type: ignore[no-untyped-def]
    return list(mentions(doc, list(sentences(doc))))


@pytest.mark.parametrize(
    "words, nominative, affiliation",
    [
        (["dem", "russischen", "Präsidenten", "Iwan", "Petrow"], "Präsident", "russischen"),
        (["US-Präsident", "Tom", "Miller"], "US-Präsident", "US"),
        (["der", "UN-Sondergesandte", "Lea", "Wolf"], "UN-Sondergesandter", "UN"),
        (
            ["seinen", "nationalen", "Sicherheitsberater", "Lars", "Holm"],
            "nationaler Sicherheitsberater",
            None,
        ),
        (["Außenministerin", "Clara", "Voss"], "Außenministerin", None),
        (["Regierungssprecher", "Karl", "Ott"], "Regierungssprecher", None),
    ],
)
def test_mentions_german_title_before_name(hand_doc, words, nominative, affiliation) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words)
    ms = found(doc)
    person = [m for m in ms if m.kind == "name" and m.label == "PER"]
    assert len(person) == 1
    assert person[0].text == " ".join(words[-2:])
    assert person[0].title == nominative
    assert person[0].affiliation == affiliation
    title = [m for m in ms if m.kind == "title"]
    assert title and title[0].lemma == nominative


def test_mentions_former_office_names_no_affiliation(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de", ["Der", "ehemalige", "französische", "Premierminister", "Luc", "Fabre"]
    )
    person = next(m for m in found(doc) if m.kind == "name")
    assert person.affiliation is None
    assert person.title is not None and "Premierminister" in person.title


def test_mentions_title_without_name_is_a_role_noun(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["Der", "Präsident", "schwieg", "."])
    ms = found(doc)
    assert [(m.text, m.kind) for m in ms] == [("Präsident", "title")]


def test_mentions_title_forms_cover_declension() -> None:
    forms: dict[str, set[str]] = {}
    for f in title_forms("de"):
        forms.setdefault(f.form, set()).add(f.nominative)
    assert forms["präsidenten"] == {"Präsident"}  # weak noun
    assert forms["gesandten"] == {"Gesandter", "Gesandte"}  # adjectival noun, both genders
    assert "Vorsitzender" in forms["vorsitzendem"]
    assert forms["präsidentinnen"] == {"Präsidentin"}
    assert "präsidents" not in forms  # weak nouns take -en, not -s


def test_mentions_country_adjective_and_prefix_candidates(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["Die", "polnische", "Regierung", "lehnt", "EU-Hilfe", "ab", "."],
        pos=["DET", "ADJ", "NOUN", "VERB", "NOUN", "ADP", "PUNCT"],
    )
    ms = {(m.text, m.kind) for m in found(doc)}
    assert ("polnische", "adjective") in ms
    assert ("EU", "adjective") in ms
    assert ("Regierung", "adjective") not in ms


def test_mentions_country_name_missed_by_ner(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["Gespräche", "mit", "Frankreichs", "Regierung", "."])
    ms = [(m.text, m.label) for m in found(doc)]
    assert ("Frankreichs", "GPE") in ms


def test_mentions_nominative_of_inflected_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["Er", "kritisierte", "die", "Europäischen", "Zentralbank", "."],
        pos=["PRON", "VERB", "DET", "ADJ", "PROPN", "PUNCT"],
        ents=["O", "O", "O", "B-ORG", "I-ORG", "O"],
    )
    org = next(m for m in found(doc) if m.label == "ORG")
    assert org.text == "Europäischen Zentralbank"
    assert org.lemma == "Europäische Zentralbank"


def test_mentions_event_names_and_event_role_nouns(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        [
            "Die",
            "Genfer",
            "Klimakonferenz",
            "begann",
            ".",
            "Auf",
            "der",
            "Konferenz",
            "sprach",
            "sie",
            ".",
        ],
        ents=["O", "B-MISC", "I-MISC", "O", "O", "O", "O", "O", "O", "O", "O"],
    )
    ms = found(doc)
    assert any(m.text == "Genfer Klimakonferenz" and m.label == "EVENT" for m in ms)
    assert any(m.text == "Konferenz" and m.kind == "role" for m in ms)
    assert any(m.text == "sie" and m.kind == "pronoun" for m in ms)


def test_mentions_pronouns_inside_quotes_are_marked(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["„", "Er", "lügt", "“", ",", "sagte", "sie", "."])
    pron = {m.text: m.in_quote for m in found(doc) if m.kind == "pronoun"}
    assert pron == {"Er": True, "sie": False}


def test_mentions_boilerplate_lines_yield_nothing() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Präsident Otto Kern kam.\nKommentar hinterlassen")
    sents = list(sentences(doc))
    assert sents[-1].is_boilerplate
    assert all(m.start < sents[-1].start for m in mentions(doc, sents))


@pytest.mark.parametrize(
    "words, pos, ents, affiliation, position",
    [
        (
            ["Iranian", "Foreign", "Minister", "Ali", "Rezai", "spoke"],
            ["ADJ", "PROPN", "PROPN", "PROPN", "PROPN", "VERB"],
            ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"],
            "Iranian",
            "Foreign Minister",
        ),
        (
            ["U.S.", "Secretary", "of", "State", "Ann", "Roe", "left"],
            ["PROPN", "PROPN", "ADP", "PROPN", "PROPN", "PROPN", "VERB"],
            ["B-GPE", "O", "O", "B-ORG", "B-PERSON", "I-PERSON", "O"],
            "U.S.",
            "Secretary of State",
        ),
    ],
)
def test_mentions_english_titles(hand_doc, words, pos, ents, affiliation, position) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("en", words, pos=pos, ents=ents)
    ms = found(doc)
    person = next(m for m in ms if m.label == "PER" and m.kind == "name")
    assert person.title == position
    assert person.affiliation == affiliation
    assert not any(m.text == "State" and m.kind == "name" for m in ms)
    tm = list(titles(doc))
    assert tm[0].nominative == position


def test_mentions_headings_are_marked() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Gespräche zwischen Polen und Litauen?\nDie Minister trafen sich am Montag.")
    sents = list(sentences(doc))
    assert sents[0].is_heading and not sents[-1].is_heading


def test_mentions_surname_after_full_name_is_a_mention(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["Anna", "Berg", "kam", ".", "Dann", "sprach", "Berg", "."],
        ents=["B-PER", "I-PER", "O", "O", "O", "O", "O", "O"],
    )
    assert [m.text for m in found(doc) if m.label == "PER"] == ["Anna Berg", "Berg"]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # NER said person; the head noun says organisation
        (
            ["der", "Roosevelt", "Foundation", "."],
            ["O", "B-PER", "I-PER", "O"],
            ("Roosevelt Foundation", "ORG"),
        ),
        # NER missed it; an adjective + organisation head noun is a name
        (
            ["der", "Vereinten", "Nationen", "."],
            ["O", "O", "O", "O"],
            ("Vereinten Nationen", "ORG"),
        ),
        # a place noun before a name makes it a place
        (
            ["die", "Stadt", "Ras", "Lanuf", "."],
            ["O", "O", "B-PER", "I-PER", "O"],
            ("Ras Lanuf", "LOC"),
        ),
        # an acronym NER missed is an organisation
        (["sagte", "er", "der", "NOS", "."], ["O", "O", "O", "O", "O"], ("NOS", "ORG")),
        # a compound with a name-like first part and an organisation head
        (["die", "Pegida-Bewegung", "."], ["O", "O", "O"], ("Pegida-Bewegung", "ORG")),
    ],
)
def test_mentions_name_types_from_head_nouns(hand_doc, words, ents, expected) -> None:  # type: ignore[no-untyped-def]
    pos = ["ADJ" if w == "Vereinten" else "X" for w in words]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents)
    names = [(m.text, m.label) for m in found(doc) if m.kind == "name"]
    assert expected in names


def test_mentions_country_genitive_after_title_is_affiliation_not_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de", ["Der", "Präsident", "Frankreichs", ",", "Luc", "Fabre", ",", "kam"]
    )
    ms = found(doc)
    person = next(m for m in ms if m.kind == "name" and m.label == "PER")
    assert person.text == "Luc Fabre"
    assert person.affiliation == "Frankreichs"
    assert not any(m.text == "Frankreichs" and m.label == "PER" for m in ms)


@pytest.mark.parametrize(
    "words, pos, is_role",
    [
        (["The", "minister", "said", "so"], ["DET", "NOUN", "VERB", "ADV"], True),
        (["The", "general", "election", "is", "near"], ["DET", "ADJ", "NOUN", "AUX", "ADJ"], False),
    ],
)
def test_mentions_english_role_nouns_need_a_noun_phrase_of_their_own(
    hand_doc, words, pos, is_role
) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("en", words, pos=pos)
    assert any(m.kind == "title" for m in found(doc)) is is_role
