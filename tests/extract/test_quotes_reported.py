"""Reported speech (``extract/quotes/reported.py``) on hand-built parses: which constructions
summarise a speech act ("X kritisierte den Plan") and which do not."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.quotes import quotes
from graphbuild.types import Quote


def run(doc: Doc) -> list[Quote]:
    s = tuple(sentences(doc))
    return list(quotes(doc, tuple(mentions(doc, s)), s))


def reported(doc: Doc) -> list[Quote]:
    return [q for q in run(doc) if q.type == "reported"]


FIN = "VerbForm=Fin"


def test_quotes_reported_with_a_quoted_phrase_inside(hand_doc) -> None:
    # "Die Verbände warnten vor einem „Abfluss“ ins Ausland.": the quoted word is part of
    # what is reported; more is said after it
    words = ["Die", "Verbände", "warnten", "vor", "einem", "„", "Abfluss", "“", "ins", "Ausland"]
    doc = hand_doc(
        [*words, "."],
        [1, 2, 2, 6, 6, 6, 2, 6, 9, 2, 2],
        "det nsubj ROOT case det punct obl punct case obl punct",
        "DET NOUN VERB ADP DET PUNCT NOUN PUNCT ADP NOUN PUNCT",
        ["der", "Verband", "warnen", "vor", "ein", "„", "Abfluss", "“", "in", "Ausland", "."],
        {2: FIN},
    )
    (q,) = reported(doc)
    assert q.text == "Die Verbände warnten vor einem „Abfluss“ ins Ausland."
    assert q.speaker is not None and q.speaker.text == "Verbände"


def test_quotes_reported_not_when_the_quotation_closes_the_clause(hand_doc) -> None:
    # "Die Verbände sprachen von einem „Abfluss“.": the quoted phrase is what was said, a
    # direct quote; no reported quote around it
    doc = hand_doc(
        ["Die", "Verbände", "sprachen", "von", "einem", "„", "Abfluss", "“", "."],
        [1, 2, 2, 6, 6, 6, 2, 6, 2],
        "det nsubj ROOT case det punct obl punct punct",
        "DET NOUN VERB ADP DET PUNCT NOUN PUNCT PUNCT",
        ["der", "Verband", "sprechen", "von", "ein", "„", "Abfluss", "“", "."],
        {2: FIN},
    )
    assert reported(doc) == []


def test_quotes_reported_not_for_a_verb_introducing_a_quotation(hand_doc) -> None:
    # "Der Verband kritisierte den Plan: „Er kommt zu spät.“": the verb introduces the quote
    words = ["Der", "Verband", "kritisierte", "den", "Plan", ":", "„", "Er", "kommt", "zu"]
    doc = hand_doc(
        [*words, "spät", ".", "“"],
        [1, 2, 2, 4, 2, 8, 8, 8, 2, 10, 8, 8, 8],
        "det nsubj ROOT det obj punct punct nsubj parataxis advmod advmod punct punct",
        "DET NOUN VERB DET NOUN PUNCT PUNCT PRON VERB ADV ADJ PUNCT PUNCT",
        {2: "kritisieren", 8: "kommen"},
        {2: FIN, 8: FIN},
    )
    assert reported(doc) == []
    assert [q.type for q in run(doc)] == ["direct"]


@pytest.mark.parametrize(
    "verb, lemma, tail, expected",
    [
        # "wertet die Einigung als Erfolg": a predicative "als" states a judgement
        ("wertet", "werten", [("als", "ADP", 6, "case"), ("Erfolg", "NOUN", 2, "obl")], True),
        # without it "werten" reports nothing ("no" in speech_verbs)
        ("wertet", "werten", [("heute", "ADV", 2, "advmod"), ("früh", "ADV", 2, "advmod")], False),
        # "mehr als …": a comparison, no predicative
        ("sieht", "sehen", [("mehr", "ADV", 2, "advmod"), ("als", "ADP", 2, "case")], False),
        # "sieht die Einigung im Stadion": a place after the object, not "sieht in X ein Y"
        ("sieht", "sehen", [("im", "ADP", 6, "case"), ("Stadion", "NOUN", 2, "obl")], False),
    ],
)
def test_quotes_reported_judgement_with_a_predicative(
    hand_doc, verb: str, lemma: str, tail: list[tuple[str, str, int, str]], expected: bool
) -> None:
    # "Die Gewerkschaft <verb> die Einigung <tail>."
    words, pos, heads, deps = (list(x) for x in zip(*tail, strict=True))
    doc = hand_doc(
        ["Die", "Gewerkschaft", verb, "die", "Einigung", *words, "."],
        [1, 2, 2, 4, 2, *heads, 2],
        ["det", "nsubj", "ROOT", "det", "obj", *deps, "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", *pos, "PUNCT"],
        {2: lemma},
        {2: FIN},
    )
    found = reported(doc)
    assert bool(found) is expected
    if expected:
        assert found[0].rule == "quote.reported.judgement"
        assert found[0].speaker is not None and found[0].speaker.text == "Gewerkschaft"


def test_quotes_reported_judgement_sieht_darin(hand_doc) -> None:
    # "Der Experte sieht darin einen Fehler": the pronominal adverb stands for "in dem"
    doc = hand_doc(
        ["Der", "Experte", "sieht", "darin", "einen", "Fehler", "."],
        [1, 2, 2, 2, 5, 2, 2],
        "det nsubj ROOT advmod det obj punct",
        "DET NOUN VERB ADV DET NOUN PUNCT",
        {2: "sehen"},
        {2: FIN},
    )
    (q,) = reported(doc)
    assert q.rule == "quote.reported.judgement" and q.cue == "sieht"
    assert q.speaker is not None and q.speaker.text == "Experte"


@pytest.mark.parametrize("negation, expected", [([], True), (["nicht"], False)])
def test_quotes_reported_not_when_the_verb_is_negated(
    hand_doc, negation: list[str], expected: bool
) -> None:
    # "Die Partei kritisierte den Plan (nicht).": a negated speech act reports nothing said
    words = ["Die", "Partei", "kritisierte", "den", "Plan", *negation, "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 4, 2, *([2] * len(negation)), 2],
        ["det", "nsubj", "ROOT", "det", "obj", *(["advmod"] * len(negation)), "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", *(["PART"] * len(negation)), "PUNCT"],
        {2: "kritisieren"},
        {2: FIN},
    )
    assert bool(reported(doc)) is expected
