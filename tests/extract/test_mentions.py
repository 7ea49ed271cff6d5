"""Mentions from hand-made Docs: titles, persons after titles, countries, prefixes, pronouns."""

from __future__ import annotations

import pytest
import spacy

from graphbuild.extract.constructions import constructions
from graphbuild.extract.mentions import (
    _acronyms,
    _Found,
    _one_label_per_name,
    mentions,
    sentences,
    title_forms,
    titles,
)
from graphbuild.extract.names import genitive_stem, nominative
from graphbuild.types import Mention


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


# ------------------------------------------------------------ organisations and events


def _built(hand_doc, words, pos, ents=None, morphs=None):  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents, morphs=morphs)
    return [(doc[c.start : c.end].text, c.label, c.rule) for c in constructions(doc)]


@pytest.mark.parametrize(
    "words, pos, ents, expected",
    [
        (
            ["Die", "sudanesische", "Regierung", "warnte"],
            ["DET", "ADJ", "NOUN", "VERB"],
            None,
            [("sudanesische Regierung", "ORG", "org.state_body")],
        ),
        (
            ["Das", "US-Militär", "schwieg"],
            ["DET", "NOUN", "VERB"],
            None,
            [("US-Militär", "ORG", "org.state_body")],
        ),
        (
            ["die", "Regierung", "Myanmars", "schwieg"],
            ["DET", "NOUN", "PROPN", "VERB"],
            None,
            [("Regierung Myanmars", "ORG", "org.state_body")],
        ),
        (
            ["Die", "Bundespolizei", "und", "der", "Europarat"],
            ["DET", "NOUN", "CCONJ", "DET", "NOUN"],
            None,
            [("Bundespolizei", "ORG", "org.unique"), ("Europarat", "ORG", "org.unique")],
        ),
        (
            ["der", "Beirat", "der", "Nordischen", "Allianz", "tagte"],
            ["DET", "NOUN", "DET", "ADJ", "NOUN", "VERB"],
            ["O", "O", "O", "B-ORG", "I-ORG", "O"],
            [("Beirat der Nordischen Allianz", "ORG", "org.chain")],
        ),
        (
            ["das", "Zentrum", "für", "Chiffrierwesen", "kam"],
            ["DET", "NOUN", "ADP", "NOUN", "VERB"],
            None,
            [("Zentrum für Chiffrierwesen", "ORG", "org.chain")],
        ),
        (
            ["das", "Landgericht", "Kassel", "urteilte"],
            ["DET", "NOUN", "PROPN", "VERB"],
            ["O", "O", "B-LOC", "O"],
            [("Landgericht Kassel", "ORG", "org.seat")],
        ),
        (
            ["Sprecher", "des", "Weißen", "Hauses", "und", "Ärzte", "ohne", "Grenzen"],
            ["NOUN", "DET", "ADJ", "NOUN", "CCONJ", "NOUN", "ADP", "NOUN"],
            None,
            [("Weißen Hauses", "ORG", "org.table"), ("Ärzte ohne Grenzen", "ORG", "org.table")],
        ),
        (
            ["vor", "der", "Bundestagswahl", "2005"],
            ["ADP", "DET", "NOUN", "NUM"],
            None,
            [("Bundestagswahl 2005", "EVENT", "event.dated")],
        ),
        (
            ["die", "Parlamentswahl", "in", "Georgien", "war"],
            ["DET", "NOUN", "ADP", "PROPN", "AUX"],
            ["O", "O", "O", "B-LOC", "O"],
            [("Parlamentswahl in Georgien", "EVENT", "event.placed")],
        ),
        (
            ["ein", "Referendum", "im", "Jahr", "2011"],
            ["DET", "NOUN", "ADP", "NOUN", "NUM"],
            None,
            [("Referendum im Jahr 2011", "EVENT", "event.dated")],
        ),
        (
            ["die", "Brandstiftung", "in", "Zwickau", "war"],
            ["DET", "NOUN", "ADP", "PROPN", "AUX"],
            ["O", "O", "O", "B-LOC", "O"],
            [("Brandstiftung in Zwickau", "EVENT", "event.placed")],
        ),
        (
            ["das", "Präsidiumstreffen", "der", "IADB", "begann"],
            ["DET", "NOUN", "DET", "PROPN", "VERB"],
            ["O", "O", "O", "B-ORG", "O"],
            [("Präsidiumstreffen der IADB", "EVENT", "event.placed")],
        ),
        (
            ["das", "katalanische", "Unabhängigkeitsreferendum", "scheiterte"],
            ["DET", "ADJ", "NOUN", "VERB"],
            None,
            [("katalanische Unabhängigkeitsreferendum", "EVENT", "event.adjective")],
        ),
        (
            ["der", "Zyklon", "Nargis", "traf"],
            ["DET", "NOUN", "PROPN", "VERB"],
            None,
            [("Nargis", "EVENT", "event.named")],
        ),
        (
            ["die", "Operation", "„", "Muschtarak", "“", "begann"],
            ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB"],
            None,
            [("Operation „ Muschtarak “", "EVENT", "event.operation")],
        ),
        (
            ["den", "Anschlägen", "vom", "11.", "September"],
            ["DET", "NOUN", "ADP", "ADJ", "PROPN"],
            None,
            [("Anschlägen vom 11. September", "EVENT", "event.dated")],
        ),
    ],
)
def test_mentions_constructions_find_organisations_and_events(  # type: ignore[no-untyped-def]
    hand_doc, words, pos, ents, expected
) -> None:
    assert _built(hand_doc, words, pos, ents) == expected


@pytest.mark.parametrize(
    "words, pos, ents, morphs",
    [
        # a plural event noun with a place stays generic; a country is no seat
        (
            ["die", "Konflikte", "im", "Sudan"],
            ["DET", "NOUN", "ADP", "PROPN"],
            ["O", "O", "O", "B-LOC"],
            None,
        ),
        (
            ["die", "Regierungen", "Großbritanniens", "und"],
            ["DET", "NOUN", "PROPN", "CCONJ"],
            ["O", "O", "B-LOC", "O"],
            ["", "Number=Plur", "Case=Gen", ""],
        ),
        # a common adjective describes an event noun, it does not name the event
        (
            ["die", "politische", "Grundsatzkonferenz", "tagte"],
            ["DET", "ADJ", "NOUN", "VERB"],
            None,
            None,
        ),
        # many federal authorities name none of them
        (
            ["die", "Bundesbehörden", "prüfen"],
            ["DET", "NOUN", "VERB"],
            None,
            ["", "Number=Plur", ""],
        ),
        # "Landes-" names no single body, "Bundestagswahl" one of many elections
        (
            ["Die", "Landesregierung", "und", "die", "Bundestagswahl"],
            ["DET", "NOUN", "CCONJ", "DET", "NOUN"],
            None,
            None,
        ),
    ],
)
def test_mentions_constructions_leave_generic_nouns(hand_doc, words, pos, ents, morphs) -> None:  # type: ignore[no-untyped-def]
    assert _built(hand_doc, words, pos, ents, morphs) == []


def test_mentions_constructed_names_carry_rule_affiliation_and_nominative(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["Die", "sudanesischen", "Streitkräfte", "und", "die", "Parlamentswahl", "2008", "."],
        pos=["DET", "ADJ", "NOUN", "CCONJ", "DET", "NOUN", "NUM", "PUNCT"],
        morphs=["", "", "Number=Plur", "", "", "Gender=Fem", "", ""],
    )
    names = {m.text: m for m in found(doc) if m.kind == "name"}
    army = names["sudanesischen Streitkräfte"]
    assert (army.label, army.rule, army.affiliation, army.lemma) == (
        "ORG",
        "org.state_body",
        "sudanesischen",
        "sudanesische Streitkräfte",
    )
    assert (names["Parlamentswahl 2008"].label, names["Parlamentswahl 2008"].rule) == (
        "EVENT",
        "event.dated",
    )


def test_mentions_construction_inside_a_longer_name_keeps_the_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["im", "Deutschen", "Bundestag", "."],
        pos=["ADP", "ADJ", "NOUN", "PUNCT"],
        ents=["O", "B-ORG", "I-ORG", "O"],
        morphs=["", "", "Gender=Masc", ""],
    )
    names = [(m.text, m.lemma, m.rule) for m in found(doc) if m.kind == "name"]
    assert names == [("Deutschen Bundestag", "Deutscher Bundestag", "org.unique")]


# ------------------------------------------------------------ canonical names


@pytest.mark.parametrize(
    "words, morphs, pos, expected",
    [
        (
            ["des", "Technischen", "Hilfswerks"],
            ["", "Case=Gen|Gender=Neut", "Case=Gen|Gender=Neut"],
            ["DET", "ADJ", "NOUN"],
            "Technisches Hilfswerk",
        ),
        (
            ["des", "Internationalen", "Währungsfonds"],
            ["", "Gender=Masc", "Case=Gen|Gender=Masc"],
            ["DET", "ADJ", "NOUN"],
            "Internationaler Währungsfonds",
        ),
        (
            ["der", "Vereinten", "Nationen"],
            ["", "", "Number=Plur"],
            ["DET", "ADJ", "NOUN"],
            "Vereinte Nationen",
        ),
        (
            ["der", "Europäischen", "Union"],
            ["", "", "Gender=Fem"],
            ["DET", "ADJ", "PROPN"],
            "Europäische Union",
        ),
        (
            ["der", "Münchner", "Sicherheitskonferenz"],
            ["", "", "Gender=Fem"],
            ["DET", "ADJ", "NOUN"],
            "Münchner Sicherheitskonferenz",
        ),
        (
            ["Barack", "Obamas", "Regierung"],
            ["", "", ""],
            ["PROPN", "PROPN", "NOUN"],
            "Barack Obama",
        ),
        (["Thomas", "Klaus", "sagte"], ["", "", ""], ["PROPN", "PROPN", "VERB"], "Thomas Klaus"),
    ],
)
def test_mentions_nominative_of_german_names(hand_doc, words, morphs, pos, expected) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos, morphs=morphs)
    span = doc[1:3] if words[0].islower() else doc[0:2]
    assert nominative(span) == expected


@pytest.mark.parametrize(
    "word, seen, expected",
    [
        ("Khartums", {"Khartum"}, "Khartum"),  # the form without -s occurs in the article
        ("Paris", set(), "Paris"),  # a city whose -s is its own (name list)
        ("Kongresses", set(), "Kongress"),  # -es after a sibilant
        ("Bundesverfassungsgerichtes", set(), "Bundesverfassungsgericht"),  # a lexicon head
        ("Fonds", set(), "Fonds"),
        ("Obamas", set(), "Obama"),
    ],
)
def test_mentions_genitive_s_is_dropped_only_when_it_is_one(word, seen, expected) -> None:  # type: ignore[no-untyped-def]
    assert genitive_stem(word, frozenset(seen)) == expected


# ------------------------------------------------------------ the steps of mentions()


def test_mentions_found_keeps_a_name_and_claim_replaces_overlaps(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["Anna", "Berg", "kam"])
    box = _Found(doc, list(sentences(doc)))
    name = Mention(0, 9, "Anna Berg", "ORG", kind="name")
    box.add(name)
    box.add(Mention(0, 9, "Anna Berg", "PER", kind="title"))
    assert list(box.by_span.values()) == [name]  # a name is never replaced
    box.add(Mention(0, 4, "Anna", "PER", kind="name"))
    box.claim(Mention(0, 9, "Anna Berg", "PER", kind="name", rule="title.person"))
    assert [(m.text, m.label) for m in box.by_span.values()] == [("Anna Berg", "PER")]


def test_mentions_acronym_after_an_article_is_an_organisation(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["Laut", "der", "NOS", "und", "ARD", "stieg", "das", "BIP"])
    got = [(m.text, m.label, m.rule) for m in _acronyms(doc, list(sentences(doc)), [])]
    assert got == [("NOS", "ORG", "acronym"), ("ARD", "ORG", "acronym")]  # not "das BIP"


def test_mentions_one_label_per_name_from_a_place_noun(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", ["die", "Stadt", "Walid", ".", "Walid", "brennt"])
    ms = [
        Mention(9, 14, "Walid", "LOC", kind="name", rule="place_noun"),
        Mention(17, 22, "Walid", "PER", kind="name", rule="ner"),
    ]
    relabelled = _one_label_per_name(ms, doc)
    assert [(m.label, m.rule) for m in relabelled] == [
        ("LOC", "place_noun"),
        ("LOC", "ner+one_label"),
    ]


def test_mentions_every_mention_names_its_rule(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        [
            "US-Präsident",
            "Tom",
            "Kerr",
            "traf",
            "die",
            "russische",
            "Regierung",
            "in",
            "Frankreich",
            ".",
        ],
        pos=["NOUN", "PROPN", "PROPN", "VERB", "DET", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    assert all(m.rule for m in found(doc))


def test_mentions_head_noun_name_in_the_genitive(hand_doc) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de",
        ["Helfer", "des", "Technischen", "Hilfswerks", "kamen"],
        pos=["NOUN", "DET", "ADJ", "NOUN", "VERB"],
        morphs=["", "", "", "Case=Gen|Gender=Neut", ""],
    )
    names = [(m.text, m.label, m.lemma) for m in found(doc) if m.kind == "name"]
    assert names == [("Technischen Hilfswerks", "ORG", "Technisches Hilfswerk")]


@pytest.mark.parametrize(
    "text, tags, expected",
    [
        # the plural genitive of whom a unique institution unites is part of its name
        (
            "des Weltkongresses der Uiguren sagte",
            "DET NOUN DET NOUN VERB",
            "Weltkongresses der Uiguren",
        ),
        # a place in the genitive is not, nor a plural noun opening a longer phrase
        ("die Bundesregierung der Niederlande sagte", "DET NOUN DET PROPN VERB", "Bundesregierung"),
        (
            "der Bundesverband der Deutschen Industrie tagte",
            "DET NOUN DET NOUN NOUN VERB",
            "Bundesverband",
        ),
    ],
)
def test_mentions_unique_institution_takes_its_members_genitive(  # type: ignore[no-untyped-def]
    hand_doc, text, tags, expected
) -> None:
    words = text.split()
    ents = ["B-LOC" if w == "Niederlande" else "O" for w in words]
    morphs = ["", "", "Number=Plur", "Number=Plur", "", ""][: len(words)]
    assert _built(hand_doc, words, tags.split(), ents, morphs) == [(expected, "ORG", "org.unique")]


def test_mentions_place_inside_a_fuer_chain_is_part_of_the_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = [
        "die",
        "Organisation",
        "für",
        "Sicherheit",
        "und",
        "Zusammenarbeit",
        "in",
        "Europa",
        "kritisiert",
    ]
    pos = ["DET", "NOUN", "ADP", "NOUN", "CCONJ", "NOUN", "ADP", "PROPN", "VERB"]
    ents = ["O", "O", "O", "O", "O", "O", "O", "B-LOC", "O"]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents)
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == ["Organisation für Sicherheit und Zusammenarbeit in Europa"]


@pytest.mark.parametrize(
    "genitive, ents, chained",
    [
        (["Bundesrepublik", "Deutschland"], ["B-ORG", "I-ORG"], False),  # a country: affiliation
        (["Vereinten", "Nationen"], ["B-ORG", "I-ORG"], True),
    ],
)
def test_mentions_institution_chain_stops_before_a_country(
    hand_doc, genitive, ents, chained
) -> None:  # type: ignore[no-untyped-def]
    words = ["das", "Büro", "der", *genitive, "teilte", "mit"]
    pos = ["DET", "NOUN", "DET", "PROPN", "PROPN", "VERB", "ADP"]
    built = _built(hand_doc, words, pos, ["O", "O", "O", *ents, "O", "O"])
    assert any(rule == "org.chain" for _, _, rule in built) is chained


@pytest.mark.parametrize(
    "after, expected",
    [
        (["Haitis", "schätzt"], "Rote Kreuz Haitis"),  # a bare country genitive: the name
        (["der", "Stadt"], "Rote Kreuz"),
    ],
)
def test_mentions_head_noun_name_takes_a_bare_country_genitive(hand_doc, after, expected) -> None:  # type: ignore[no-untyped-def]
    words = ["Das", "Rote", "Kreuz", *after]
    doc = hand_doc.sentence("de", words, pos=["DET", "ADJ", "NOUN", "PROPN", "VERB"][: len(words)])
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found[:1] == [expected]


def test_mentions_event_compound_with_a_digit_prefix_is_a_name(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["der", "geplante", "G8-Gipfel", "fällt", "aus"]
    doc = hand_doc.sentence("de", words, pos=["DET", "ADJ", "NOUN", "VERB", "ADP"])
    found = [(m.text, m.label) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == [("G8-Gipfel", "EVENT")]


@pytest.mark.parametrize(
    "noun, expected",
    [
        ("Pressekonferenz", []),  # a format, no named event
        ("Klimakonferenz", [("Klimakonferenz in Genf", "EVENT", "event.placed")]),
    ],
)
def test_mentions_event_format_is_no_event(hand_doc, noun, expected) -> None:  # type: ignore[no-untyped-def]
    words = ["eine", noun, "in", "Genf", "begann"]
    built = _built(
        hand_doc, words, ["DET", "NOUN", "ADP", "PROPN", "VERB"], ["O", "O", "O", "B-LOC", "O"]
    )
    assert built == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["des", "3.", "Bataillons", "kamen"], [("3. Bataillons", "ORG", "org.unit")]),
        (["der", "1.", "Marinedivision", "kamen"], [("1. Marinedivision", "ORG", "org.unit")]),
        (["am", "3.", "Tag", "kamen"], []),  # an ordinal before any other noun
    ],
)
def test_mentions_numbered_military_unit_is_an_organisation(hand_doc, words, expected) -> None:  # type: ignore[no-untyped-def]
    assert _built(hand_doc, words, ["DET", "ADJ", "NOUN", "VERB"]) == expected


@pytest.mark.parametrize(
    "second, same",
    [
        (["afghanischen", "Militäreinheiten"], True),  # forces of one country: one body
        (["afghanische", "Regierung"], False),  # another kind of body
        (["pakistanischen", "Militäreinheiten"], False),  # another country
    ],
)
def test_mentions_state_bodies_of_one_kind_and_country_share_a_name(hand_doc, second, same) -> None:  # type: ignore[no-untyped-def]
    words = ["Die", "afghanischen", "Truppen", "und", "die", *second, "kämpften"]
    pos = ["DET", "ADJ", "NOUN", "CCONJ", "DET", "ADJ", "NOUN", "VERB"]
    doc = hand_doc.sentence("de", words, pos=pos)
    bodies = [m for m in mentions(doc, list(sentences(doc))) if m.rule == "org.state_body"]
    assert len(bodies) == 2
    assert (bodies[0].lemma == bodies[1].lemma == "afghanische Truppen") is same


@pytest.mark.parametrize(
    "noun, expected",
    [
        ("Regierungstruppen", [("tschadische Regierungstruppen", "ORG", "org.state_body")]),
        ("Oppositionstruppen", []),  # a force against the state is no body of it
    ],
)
def test_mentions_force_against_the_state_is_no_state_body(hand_doc, noun, expected) -> None:  # type: ignore[no-untyped-def]
    assert (
        _built(hand_doc, ["die", "tschadische", noun, "kämpften"], ["DET", "ADJ", "NOUN", "VERB"])
        == expected
    )


@pytest.mark.parametrize(
    "after, expected",
    [
        # the acronym abbreviates the name with its place: the place belongs to it
        (["im", "Sudan", "(", "UNMIS", ")"], "Mission der Vereinten Nationen im Sudan"),
        (["im", "Sudan", "verlangte"], "Mission der Vereinten Nationen"),
    ],
)
def test_mentions_chain_takes_the_place_its_acronym_covers(hand_doc, after, expected) -> None:  # type: ignore[no-untyped-def]
    words = ["Die", "Mission", "der", "Vereinten", "Nationen", *after]
    ents = ["O", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC"] + ["O"] * (len(after) - 2)
    pos = ["DET", "NOUN", "DET", "ADJ", "PROPN", "ADP", "PROPN"] + ["X"] * (len(after) - 2)
    chains = [text for text, _, rule in _built(hand_doc, words, pos, ents) if rule == "org.chain"]
    assert chains == [expected]


@pytest.mark.parametrize(
    "noun, genitive, ent, expected",
    [
        ("Moslemgesellschaft", "Großbritanniens", "B-LOC", ["Moslemgesellschaft Großbritanniens"]),
        # a country name NER missed: the country stays a mention of its own too
        ("Moslemgesellschaft", "Haitis", "O", ["Moslemgesellschaft Haitis", "Haitis"]),
        ("Moslemgesellschaft", "Bürgers", "O", []),  # no place: a common noun alone
        ("Bevölkerung", "Großbritanniens", "B-LOC", ["Großbritanniens"]),  # no organisation head
    ],
)
def test_mentions_organisation_compound_named_by_a_place_genitive(
    hand_doc, noun, genitive, ent, expected
) -> None:  # type: ignore[no-untyped-def]
    words = ["der", noun, genitive, "unterzeichnete"]
    doc = hand_doc.sentence(
        "de", words, pos=["DET", "NOUN", "PROPN", "VERB"], ents=["O", "O", ent, "O"]
    )
    assert [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"] == expected


@pytest.mark.parametrize(
    "words, pos, expected",
    [
        # a one-word form of the organisation table: a party in headline capitals or inflected
        (
            ["Kritik", "an", "der", "LINKEN", "."],
            ["NOUN", "ADP", "DET", "PROPN", "PUNCT"],
            ["LINKEN"],
        ),
        (["mit", "den", "Grünen", "regieren"], ["ADP", "DET", "NOUN", "VERB"], ["Grünen"]),
        # an adjective of the noun after it, or of a common noun before it, names no party
        (["die", "Grüne", "Woche", "beginnt"], ["DET", "ADJ", "NOUN", "VERB"], []),
        (["die", "politische", "Linke", "streitet"], ["DET", "ADJ", "NOUN", "VERB"], []),
    ],
)
def test_mentions_one_word_table_names_are_organisations(hand_doc, words, pos, expected) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos)
    assert [doc[c.start : c.end].text for c in constructions(doc) if c.rule == "org.table"] == (
        expected
    )


@pytest.mark.parametrize(
    "words, pos, ents, person",
    [
        (
            ["Sprecher", "Sathit", "Wongnongtoey", "von", "der", "Kanzlei", "sagte"],
            "NOUN PROPN PROPN ADP DET NOUN VERB",
            "O O O O O O O",
            "Sathit Wongnongtoey",  # "von der" + a common noun: where he works
        ),
        (
            ["Präsident", "Ivo", "Horvat", "von", "der", "Demokratischen", "Partei", "sagte"],
            "NOUN PROPN PROPN ADP DET ADJ NOUN VERB",
            "O O O O O B-ORG I-ORG O",
            "Ivo Horvat",  # "von der" + an organisation
        ),
        (
            ["Ministerin", "Ursula", "von", "der", "Leyen", "sagte"],
            "NOUN PROPN ADP DET PROPN VERB",
            "O O O O O O",
            "Ursula von der Leyen",  # a nobiliary particle inside the name
        ),
    ],
)
def test_mentions_titled_person_ends_before_a_particle_phrase_of_no_name(
    hand_doc, words, pos, ents, person
) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos.split(), ents=ents.split())
    persons = [m.text for m in found(doc) if m.rule == "title.person"]
    assert persons == [person]


@pytest.mark.parametrize(
    "words, ents, label",
    [
        # an English organisation name inside German text, by its English head noun
        (["gegen", "die", "Resistance", "Army", "vor"], "O O B-MISC I-MISC O", "ORG"),
        # an English title of a work keeps NER's label
        (["den", "Film", "Jungle", "Fever", "sehen"], "O O B-MISC I-MISC O", "MISC"),
    ],
)
def test_mentions_english_head_noun_in_german_text(hand_doc, words, ents, label) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", "DET", "PROPN", "PROPN", "VERB"], ents=ents.split()
    )
    assert [m.label for m in found(doc) if m.kind == "name"] == [label]
