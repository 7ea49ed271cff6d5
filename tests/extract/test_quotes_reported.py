"""Reported speech (``extract/quotes/reported.py``) on hand-built parses: which constructions
summarise a speech act ("X kritisierte den Plan") and which do not."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.quotes import quotes
from graphbuild.extract.quotes.reported import _quotation_carries_it
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
    # "Die Partei forderte den Rücktritt (nicht).": a negated speech act reports nothing said
    words = ["Die", "Partei", "forderte", "den", "Rücktritt", *negation, "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 4, 2, *([2] * len(negation)), 2],
        ["det", "nsubj", "ROOT", "det", "obj", *(["advmod"] * len(negation)), "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", *(["PART"] * len(negation)), "PUNCT"],
        {2: "fordern"},
        {2: FIN},
    )
    assert bool(reported(doc)) is expected


@pytest.mark.parametrize(
    "tail, expected",
    [
        ([], False),  # "X kritisierte den Plan": the target of criticism, not what was said
        (["als", "unsozial"], True),  # "… als unsozial": the judgement is what was said
    ],
)
def test_quotes_reported_kritisieren_only_with_a_judgement(
    hand_doc, tail: list[str], expected: bool
) -> None:
    doc = hand_doc(
        ["Die", "Partei", "kritisierte", "den", "Plan", *tail, "."],
        [1, 2, 2, 4, 2, *([6, 2] if tail else []), 2],
        ["det", "nsubj", "ROOT", "det", "obj", *(["case", "xcomp"] if tail else []), "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", *(["ADP", "ADJ"] if tail else []), "PUNCT"],
        {2: "kritisieren"},
        {2: FIN},
    )
    assert [q.rule for q in reported(doc)] == (["quote.reported.judgement"] if expected else [])


def _passive(words: list[str], heads: list[int], deps: str, pos: str) -> tuple:
    return words, heads, deps, pos, {len(words) - 2: "fordern"}, {len(words) - 2: "VerbForm=Part"}


@pytest.mark.parametrize(
    "words, heads, deps, pos, speaker",
    [
        # "Neuwahlen wurden von der Opposition gefordert.": the agent is the speaker
        (
            ["Neuwahlen", "wurden", "von", "der", "Opposition", "gefordert", "."],
            [5, 5, 4, 4, 5, 5, 5],
            "nsubj:pass aux:pass case det obl ROOT punct",
            "NOUN AUX ADP DET NOUN VERB PUNCT",
            "Opposition",
        ),
        # the passive subject misparsed as "nsubj": still the agent speaks
        (
            ["Neuwahlen", "wurden", "von", "der", "Opposition", "gefordert", "."],
            [5, 5, 4, 4, 5, 5, 5],
            "nsubj aux:pass case det obl ROOT punct",
            "NOUN AUX ADP DET NOUN VERB PUNCT",
            "Opposition",
        ),
        # no agent: a passive names no speaker
        (
            ["Neuwahlen", "wurden", "gestern", "gefordert", "."],
            [3, 3, 3, 3, 3],
            "nsubj:pass aux:pass advmod ROOT punct",
            "NOUN AUX ADV VERB PUNCT",
            None,
        ),
        # "Wahlen von Bürgern wurden gefordert": a von-phrase right after a noun is its attribute
        (
            ["Wahlen", "von", "Bürgern", "wurden", "gefordert", "."],
            [4, 2, 4, 4, 4, 4],
            "nsubj:pass case obl aux:pass ROOT punct",
            "NOUN ADP NOUN AUX VERB PUNCT",
            None,
        ),
    ],
)
def test_quotes_reported_passive_with_an_agent(
    hand_doc, words: list[str], heads: list[int], deps: str, pos: str, speaker: str | None
) -> None:
    found = reported(hand_doc(*_passive(words, heads, deps, pos)))
    if speaker is None:
        assert found == []
    else:
        (q,) = found
        assert q.rule == "quote.reported.passive"
        assert q.speaker is not None and q.speaker.text == speaker


def test_quotes_reported_androhen(hand_doc) -> None:
    # "Das Gericht drohte den Anführern hohe Strafen an.": an|drohen, one TSV row
    doc = hand_doc(
        ["Das", "Gericht", "drohte", "den", "Anführern", "hohe", "Strafen", "an", "."],
        [1, 2, 2, 4, 2, 6, 2, 2, 2],
        "det nsubj ROOT det iobj amod obj compound:prt punct",
        "DET NOUN VERB DET NOUN ADJ NOUN ADP PUNCT",
        {2: "drohen"},
        {2: FIN},
    )
    (q,) = reported(doc)
    assert q.speaker is not None and q.speaker.text == "Gericht"
    assert [doc.text[s:e] for s, e in q.cue_spans] == ["drohte", "an"]


@pytest.mark.parametrize("with_reason, expected", [(True, True), (False, False)])
def test_quotes_reported_preposition_hung_on_the_object(
    hand_doc, with_reason: bool, expected: bool
) -> None:
    # "Der Minister begründete die Verschiebung der Wahl mit Beschwerden.": the parser hangs
    # "mit Beschwerden" on "Wahl"; it is still what "begründen mit" reports
    tail = ["mit", "Beschwerden"] if with_reason else []
    doc = hand_doc(
        ["Der", "Minister", "begründete", "die", "Verschiebung", "der", "Wahl", *tail, "."],
        [1, 2, 2, 4, 2, 6, 4, *([8, 6] if with_reason else []), 2],
        "det nsubj ROOT det obj det nmod " + "case nmod " * with_reason + "punct",
        "DET NOUN VERB DET NOUN DET NOUN " + "ADP NOUN " * with_reason + "PUNCT",
        {2: "begründen"},
        {2: FIN},
    )
    assert bool(reported(doc)) is expected


def test_quotes_reported_pronoun_subject_tagged_as_adverb(hand_doc) -> None:
    # "Beide riefen zum Kampf auf.": "Beide" tagged ADV (PronType=Dem) is still the subject
    doc = hand_doc(
        ["Beide", "riefen", "zum", "Kampf", "auf", "."],
        [1, 1, 3, 1, 1, 1],
        "nsubj ROOT case obl compound:prt punct",
        "ADV VERB ADP NOUN ADP PUNCT",
        {1: "rufen"},
        {0: "PronType=Dem", 1: FIN},
    )
    (q,) = reported(doc)
    assert q.speaker is not None and q.speaker.text == "Beide"


@pytest.mark.parametrize(
    "colon_after_verb, carries",
    [(True, True), (False, False)],
)
def test_quotes_reported_colon_before_the_verb_introduces_nothing(
    hand_doc, colon_after_verb: bool, carries: bool
) -> None:
    # "Die Gewerkschaft fordert: „Neuwahlen“ jetzt." vs "Die Gewerkschaft (kurz: „IG“) fordert
    # Neuwahlen.": only a colon after the verb introduces the quotation
    if colon_after_verb:
        words = ["Die", "Gewerkschaft", "fordert", ":", "„", "Neuwahlen", "“", "jetzt", "."]
        heads, verb = [1, 2, 2, 5, 5, 2, 5, 2, 2], 2
    else:
        words = ["Die", "Gewerkschaft", "(", "kurz", ":", "„", "IG", "“", ")", "fordert", "Wahlen"]
        words.append(".")
        heads, verb = [1, 9, 6, 6, 6, 6, 1, 6, 6, 9, 9, 9], 9
    pos = ["NOUN" if w[:1].isupper() and w != "Die" else "X" for w in words]
    doc = hand_doc(words, heads, ["dep"] * len(words), pos)
    sent = doc[:]
    word = 5 if colon_after_verb else 6
    quoted = [(doc[word].idx, doc[word].idx + len(doc[word]))]
    assert doc[verb].lower_ == "fordert"
    assert _quotation_carries_it(sent, quoted) is carries
