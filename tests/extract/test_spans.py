"""NER spans repaired by what their words are (extract/spans.py), on hand-built Docs."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graphbuild import nlp_layers
from graphbuild.extract.mentions import mentions, sentences
from graphbuild.nlp_layers import GazetteerTables

LISTS = {"first": ["Anna", "Sergei", "Francisco"], "city": ["Bad Kissingen"], "wiki": []}
LISTS |= {"country": [], "company": []}


@pytest.fixture
def with_names(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Name tables for the hand-made Docs' vocab, removed after the test."""

    def register(doc):  # type: ignore[no-untyped-def]
        tables = GazetteerTables.build(LISTS, lambda text: text.split())
        monkeypatch.setitem(nlp_layers._VOCAB_GAZETTEERS, id(doc.vocab), tables)
        return doc

    return register


def names(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(m.text, m.label) for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a person glued to the organisation before it is split off
        (
            ["der", "Russischen", "Föderation", "Sergei", "Lawrow", "sprach"],
            ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
            [("Russischen Föderation", "ORG"), ("Sergei Lawrow", "PER")],
        ),
        # a first name that is the second word of a place starts no person
        (
            ["in", "San", "Francisco", "Bay", "wohnt"],
            ["O", "B-LOC", "I-LOC", "I-LOC", "O"],
            [("San Francisco Bay", "LOC")],
        ),
        # nor one followed by a lower-case word or by more than two words
        (
            ["die", "Anna", "Seghers", "Schule", "Berlin", "Mitte", "kam"],
            ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG", "O"],
            [("Anna Seghers Schule Berlin Mitte", "ORG")],
        ),
    ],
)
def test_spans_person_glued_to_a_name_is_split(hand_doc, with_names, words, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = with_names(hand_doc.sentence("de", words, pos=["PROPN"] * len(words), ents=ents))
    assert names(doc) == expected


def test_spans_without_name_tables_nothing_is_split(hand_doc) -> None:  # type: ignore[no-untyped-def]
    words = ["der", "Russischen", "Föderation", "Sergei", "Lawrow"]
    doc = hand_doc.sentence(
        "de", words, pos=["PROPN"] * 5, ents=["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    )
    assert names(doc) == [("Russischen Föderation Sergei Lawrow", "ORG")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        (
            ["die", "Vereinigten", "Staaten", "kritisierten"],
            ["O", "B-LOC", "O", "O"],
            "Vereinigten Staaten",
        ),
        (["die", "Vereinigten", "Arabischen", "Emirate"], ["O", "B-LOC", "O", "O"], "Vereinigten"),
        (["in", "Frankreich", "Staaten"], ["O", "B-LOC", "O"], "Frankreich"),
    ],
)
def test_spans_country_cut_before_its_noun_is_completed(hand_doc, words, ents, expected) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=["PROPN"] * len(words), ents=ents)
    assert [t for t, _ in names(doc)] == [expected]


def test_spans_title_genitive_stops_before_a_first_name(hand_doc, with_names) -> None:  # type: ignore[no-untyped-def]
    words = ["der", "Außenminister", "der", "Russischen", "Föderation", "Sergei", "Lawrow", "kam"]
    ents = ["O", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    doc = with_names(hand_doc.sentence("de", words, pos=["PROPN"] * len(words), ents=ents))
    found = mentions(doc, list(sentences(doc)))
    person = next(m for m in found if m.kind == "name" and m.label == "PER")
    assert (person.text, person.title) == (
        "Sergei Lawrow",
        "Außenminister der Russischen Föderation",
    )


def _glued(hand_doc, words, spaces, ents):  # type: ignore[no-untyped-def]
    """A one-sentence Doc with explicit spaces ("CDU/CSU" is written without)."""
    vocab = hand_doc.sentence("de", ["x"]).vocab
    n = len(words)
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        pos=["PROPN"] * n,
        ents=ents,
        sent_starts=[True] + [False] * (n - 1),
    )


@pytest.mark.parametrize(
    "words, spaces, ents, expected",
    [
        # NER labels one side, the tokenizer split the slash off: one name
        (
            ["Die", "CDU", "/", "CSU", "gewann"],
            [True, False, False, True, False],
            ["O", "B-ORG", "O", "O", "O"],
            ["CDU/CSU"],
        ),
        # a head noun compound after the slash: the group of the alliance
        (
            ["der", "CDU", "/", "CSU-Fraktion", "sagte"],
            [True, False, False, True, False],
            ["O", "B-ORG", "O", "O", "O"],
            ["CDU/CSU-Fraktion"],
        ),
        # a slash between spaces separates two names
        (
            ["die", "SPD", "/", "FDP", "sagte"],
            [True, True, True, True, False],
            ["O", "B-ORG", "O", "B-ORG", "O"],
            ["SPD", "FDP"],
        ),
    ],
)
def test_spans_names_joined_by_a_slash_are_one(hand_doc, words, spaces, ents, expected) -> None:  # type: ignore[no-untyped-def]
    assert [t for t, _ in names(_glued(hand_doc, words, spaces, ents))] == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["in", "Washington", ",", "D.C.", "statt"], ["Washington, D.C."]),
        (["in", "Washington", ",", "Berlin", "statt"], ["Washington"]),  # no abbreviation
    ],
)
def test_spans_place_qualified_by_an_abbreviation_is_one_name(hand_doc, words, expected) -> None:  # type: ignore[no-untyped-def]
    ents = ["O", "B-LOC", "O", "B-LOC" if words[3] == "Berlin" else "O", "O"]
    doc = _glued(hand_doc, words, [True, False, True, True, False], ents)
    assert [t for t, _ in names(doc)][:1] == expected


@pytest.mark.parametrize(
    "words, pos, ents, person",
    [
        # a common noun right after a title is no name
        (
            ["dem", "Bundestagspräsidenten", "Auskunft", "geben"],
            ["DET", "NOUN", "NOUN", "VERB"],
            None,
            None,
        ),
        # a cut compound is none either
        (
            ["der", "Repräsentant", "für", "Außen-", "und", "Sicherheitspolitik"],
            ["DET", "NOUN", "ADP", "X", "CCONJ", "NOUN"],
            None,
            None,
        ),
        # a name NER found after a title is one, whatever its tag
        (
            ["dem", "Bundestagspräsidenten", "Lammert", "geben"],
            ["DET", "NOUN", "NOUN", "VERB"],
            ["O", "O", "B-PER", "O"],
            "Lammert",
        ),
    ],
)
def test_spans_what_follows_a_title_is_a_name_only_when_it_looks_like_one(
    hand_doc, words, pos, ents, person
) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents)
    found = [
        m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name" and m.label == "PER"
    ]
    assert found == ([person] if person else [])


@pytest.mark.parametrize(
    "lang, words, expected",
    [
        ("de", ["im", "Wahlkreis", "Dresden", "I", "wird"], "Dresden I"),
        ("en", ["in", "Dresden", "I", "met", "her"], "Dresden"),  # English "I" is a pronoun
    ],
)
def test_spans_place_numbered_by_a_roman_numeral(hand_doc, lang, words, expected) -> None:  # type: ignore[no-untyped-def]
    ents = ["B-LOC" if w == "Dresden" else "O" for w in words]
    doc = hand_doc.sentence(lang, words, pos=["PROPN"] * len(words), ents=ents)
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert found == [expected]


def test_spans_place_with_an_open_bracket_takes_its_close(hand_doc) -> None:  # type: ignore[no-untyped-def]
    from graphbuild.extract.spans import place_qualified

    words = ["in", "Menden", "(", "Sauerland", ")", "kam"]
    doc = Doc(hand_doc.sentence("de", words).vocab, words=words, spaces=[1, 1, 0, 0, 1, 0])
    assert place_qualified(doc[1:4]).text == "Menden (Sauerland)"
    assert place_qualified(doc[1:2]).text == "Menden"  # no bracket opened: nothing to close


PLACE_LISTS = {"first": ["Anna"], "sur": ["Wolf"], "city": ["Völklingen", "Wetzlar", "Hof"]}
PLACE_LISTS |= {"wiki": ["Wolf"], "country": [], "company": []}


@pytest.mark.parametrize(
    "words, pos, ents, expected",
    [
        # NER's place, tagged a common noun: the town list and the context keep it
        (
            ["im", "saarländischen", "Völklingen", "gefunden"],
            ["ADP", "ADJ", "NOUN", "VERB"],
            ["O", "O", "B-LOC", "O"],
            [("Völklingen", "LOC")],
        ),
        # a listed town NER left untagged, right after a preposition of place
        (
            ["Er", "kam", "aus", "Wetzlar", "zurück"],
            ["PRON", "VERB", "ADP", "PROPN", "ADV"],
            ["O", "O", "O", "O", "O"],
            [("Wetzlar", "LOC")],
        ),
        # with an article and no adjective a town's name does not stand there: a noun
        (
            ["Er", "stand", "im", "Hof", "herum"],
            ["PRON", "VERB", "ADP", "NOUN", "ADV"],
            ["O", "O", "O", "B-LOC", "O"],
            [],
        ),
        # a listed surname is no tie-breaker for a place
        (
            ["Er", "kam", "von", "Wolf", "zurück"],
            ["PRON", "VERB", "ADP", "PROPN", "ADV"],
            ["O", "O", "O", "O", "O"],
            [],
        ),
    ],
)
def test_spans_listed_town_after_a_preposition_of_place(
    hand_doc, monkeypatch, words, pos, ents, expected
) -> None:  # type: ignore[no-untyped-def]
    doc = hand_doc.sentence("de", words, pos=pos, ents=ents)
    tables = GazetteerTables.build(PLACE_LISTS, lambda text: text.split())
    monkeypatch.setitem(nlp_layers._VOCAB_GAZETTEERS, id(doc.vocab), tables)
    assert names(doc) == expected
