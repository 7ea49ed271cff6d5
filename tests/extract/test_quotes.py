"""Quote extraction: quotation marks, speech-verb lexicon, parse-based attribution (hand-made Docs),
and the English pipeline end to end."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import spacy
from spacy.tokens import Doc

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.quotes import quotes
from graphbuild.extract.quotes.lexicon import speech_verbs
from graphbuild.extract.quotes.marks import marked_quotes
from graphbuild.types import Quote, Sentence

# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Er sagte: „Wir schaffen das.“", [["Wir schaffen das."]]),
        ('"We will," he said. "Don\'t."', [["We will,"], ["Don't."]]),
        ("„Er nannte es ‚Unsinn‘.“, sagte sie", [["Er nannte es ‚Unsinn‘."]]),
        ("He said “it's fine” and ‘ok’.", [["it's fine"], ["ok"]]),
        ("»Ja«, sagte er. «Non», dit-il.", [["Ja"], ["Non"]]),
        ("„Erster Absatz.\n„Zweiter Absatz.“ Ende", [["Erster Absatz.", "Zweiter Absatz."]]),
        ("„offen\nneu „zu“", [["zu"]]),  # unclosed at paragraph end: dropped, not guessed
        ("Peters' Hund sagte 'hallo'", [["hallo"]]),
        ("Die „People's Party“ gewann", [["People's Party"]]),
        ("Keine Anführungszeichen hier.", []),
    ],
)
def test_quotes_marks_pairing(text: str, expected: list[list[str]]) -> None:
    assert [[text[s:e] for s, e in q.spans] for q in marked_quotes(text)] == expected


# ---------------------------------------------------------------- lexicon


@pytest.mark.parametrize(
    "word, lemma, particle, expected",
    [
        ("sagte", "", "", "sagen"),
        ("gesagt", "", "", "sagen"),
        ("erklärt", "", "", "erklären"),
        ("kritisierte", "", "", "kritisieren"),
        ("kündigte", "", "an", "ankündigen"),
        ("angekündigt", "", "", "ankündigen"),
        ("kündigte", "", "", None),  # without its particle, "kündigen" is no speech verb
        ("wies", "", "zurück", "zurückweisen"),
        ("sprach", "", "", "sprechen"),
        ("xyz", "sagen", "", "sagen"),  # lemma wins when the surface form is unknown
        ("Haus", "", "", None),
    ],
)
def test_quotes_speech_verb_lexicon_de(
    word: str, lemma: str, particle: str, expected: str | None
) -> None:
    v = speech_verbs("de").lookup(word, lemma, particle)
    assert (v.lemma if v else None) == expected


def test_quotes_speech_verb_lexicon_en() -> None:
    lex = speech_verbs("en")
    assert lex.lookup("said").lemma == "say"  # type: ignore[union-attr]
    assert lex.lookup("denied").lemma == "deny"  # type: ignore[union-attr]
    assert lex.lookup("pointed", particle="out").lemma == "point out"  # type: ignore[union-attr]
    assert lex.lookup("pointed") is None


# ---------------------------------------------------------------- German without a parse


@pytest.fixture(scope="module")
def blank_de() -> spacy.language.Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def run(doc: Doc, sents: Sequence[Sentence] | None = None) -> list[Quote]:
    s = tuple(sents) if sents is not None else tuple(sentences(doc))
    return list(quotes(doc, tuple(mentions(doc, s)), s))


@pytest.mark.parametrize(
    "text, quote, cue",
    [
        ("Sie sagte: „Wir schaffen das.“", "Wir schaffen das.", "sagte"),
        ("»Das ist falsch«, erklärte der Minister.", "Das ist falsch", "erklärte"),
        ("«Nein», sagte er.", "Nein", "sagte"),
        ('"Wir kommen wieder", betonte sie.', "Wir kommen wieder", "betonte"),
        ("‚Gut‘, sagte er.", "Gut", "sagte"),
        ("Sie sagte: 'Nein, nie.' Dann ging sie.", "Nein, nie.", "sagte"),
        ("„Wir kommen wieder“, so die Sprecherin.", "Wir kommen wieder", "so"),
    ],
)
def test_quotes_direct_styles_without_parse(
    blank_de: spacy.language.Language, text: str, quote: str, cue: str
) -> None:
    found = [q for q in run(blank_de(text)) if q.kind == "direct"]
    assert len(found) == 1
    q = found[0]
    assert q.text == quote
    assert text[q.start : q.end] == quote  # exact offsets, marks and trailing comma excluded
    assert q.cue == cue


def test_quotes_split_quote_is_one_quote_with_two_spans(blank_de: spacy.language.Language) -> None:
    text = "„Wir“, sagte er, „schaffen das.“"
    (q,) = run(blank_de(text))
    assert [text[s:e] for s, e in q.spans] == ["Wir", "schaffen das."]
    assert q.text == "Wir schaffen das." and q.cue == "sagte"


def test_quotes_multi_paragraph_quote(blank_de: spacy.language.Language) -> None:
    text = "Sie sagte:\n„Erster Satz.\n„Zweiter Satz.“"
    (q,) = [q for q in run(blank_de(text)) if q.kind == "direct"]
    assert [text[s:e] for s, e in q.spans] == ["Erster Satz.", "Zweiter Satz."]


def test_quotes_scare_quotes_and_titles_are_not_quotes(blank_de: spacy.language.Language) -> None:
    assert run(blank_de("Die „Operation Adler“ begann am Morgen im Norden.")) == []


def test_quotes_heading_never_quotes(blank_de: spacy.language.Language) -> None:
    text = "„Wir schaffen das“, sagte sie"
    doc = blank_de(text)
    assert run(doc, [Sentence(0, len(text), is_heading=True)]) == []
    assert run(doc, [Sentence(0, len(text), is_boilerplate=True)]) == []


def test_quotes_surface_indirect_without_parse(blank_de: spacy.language.Language) -> None:
    text = "Die Sprecherin sagte, dass die Straße gesperrt bleibe."
    (q,) = run(blank_de(text))
    assert q.kind == "indirect" and q.type == "indirect"
    assert q.text == "dass die Straße gesperrt bleibe"


# ---------------------------------------------------------------- German with a (hand-made) parse


def test_quotes_dass_clause_speaker_is_nsubj(hand_doc) -> None:
    doc = hand_doc(
        ["Müller", "sagte", ",", "dass", "er", "morgen", "komme", "."],
        [1, 1, 6, 6, 6, 6, 1, 1],
        ["nsubj", "ROOT", "punct", "mark", "nsubj", "advmod", "ccomp", "punct"],
        ["PROPN", "VERB", "PUNCT", "SCONJ", "PRON", "ADV", "VERB", "PUNCT"],
        ["Müller", "sagen", ",", "dass", "er", "morgen", "kommen", "."],
        ["", "VerbForm=Fin", "", "", "", "", "Mood=Sub|VerbForm=Fin", ""],
    )
    (q,) = run(doc)
    assert q.text == "dass er morgen komme" and q.type == "indirect"
    assert q.speaker is not None and q.speaker.text == "Müller" and q.speaker.kind == "name"
    assert q.cue == "sagte" and q.rule == "quote.indirect.dass"


def test_quotes_inverted_konjunktiv_with_role_speaker(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "sei", "krank", ",", "sagte", "die", "Sprecherin", "."],
        [2, 2, 2, 2, 2, 6, 4, 2],
        ["nsubj", "cop", "ROOT", "punct", "parataxis", "det", "nsubj", "punct"],
        ["PRON", "AUX", "ADJ", "PUNCT", "VERB", "DET", "NOUN", "PUNCT"],
        ["er", "sein", "krank", ",", "sagen", "der", "Sprecherin", "."],
        ["", "Mood=Sub|VerbForm=Fin", "", "", "VerbForm=Fin", "", "", ""],
    )
    (q,) = run(doc)
    assert q.text == "Er sei krank"
    assert q.speaker is not None and q.speaker.text == "Sprecherin"
    assert q.speaker.kind in {"role", "title"}  # a role noun, left to the resolver
    assert q.speaker_phrase is not None
    assert doc.text[q.speaker_phrase[0] : q.speaker_phrase[1]] == "die Sprecherin"


def test_quotes_laut_source(hand_doc) -> None:
    doc = hand_doc(
        ["Laut", "Polizei", "wurden", "zwei", "Menschen", "verletzt", "."],
        [1, 5, 5, 4, 5, 5, 5],
        ["case", "obl", "aux:pass", "nummod", "nsubj:pass", "ROOT", "punct"],
        ["ADP", "NOUN", "AUX", "NUM", "NOUN", "VERB", "PUNCT"],
    )
    (q,) = run(doc)
    assert q.text == "wurden zwei Menschen verletzt" and q.kind == "indirect"
    assert q.speaker is not None and q.speaker.text == "Polizei" and q.cue == "Laut"


def test_quotes_reported_speech_act_with_particle(hand_doc) -> None:
    doc = hand_doc(
        ["Der", "Verein", "kündigte", "Proteste", "an", "."],
        [1, 2, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "obj", "compound:prt", "punct"],
        ["DET", "NOUN", "VERB", "NOUN", "ADP", "PUNCT"],
        ["der", "Verein", "kündigen", "Protest", "an", "."],
    )
    (q,) = run(doc)
    assert q.type == "reported" and q.kind == "indirect"
    assert q.text == "Der Verein kündigte Proteste an."
    assert q.speaker is not None and q.speaker.text == "Verein"
    assert [doc.text[s:e] for s, e in q.cue_spans] == ["kündigte", "an"]


def test_quotes_free_indirect_carries_speaker_over(hand_doc) -> None:
    doc = hand_doc(
        [
            "Müller",
            "sagte",
            ",",
            "dass",
            "er",
            "komme",
            ".",
            "Die",
            "Kosten",
            "seien",
            "gedeckt",
            ".",
        ],
        [1, 1, 5, 5, 5, 1, 1, 8, 10, 10, 10, 10],
        [
            "nsubj",
            "ROOT",
            "punct",
            "mark",
            "nsubj",
            "ccomp",
            "punct",
            "det",
            "nsubj",
            "aux",
            "ROOT",
            "punct",
        ],
        [
            "PROPN",
            "VERB",
            "PUNCT",
            "SCONJ",
            "PRON",
            "VERB",
            "PUNCT",
            "DET",
            "NOUN",
            "AUX",
            "VERB",
            "PUNCT",
        ],
        [
            "Müller",
            "sagen",
            ",",
            "dass",
            "er",
            "kommen",
            ".",
            "der",
            "Kosten",
            "sein",
            "decken",
            ".",
        ],
        ["", "", "", "", "", "Mood=Sub", "", "", "", "Mood=Sub|VerbForm=Fin", "VerbForm=Part", ""],
    )
    found = run(doc)
    assert [q.type for q in found] == ["indirect", "free_indirect"]
    free = found[1]
    assert free.text == "Die Kosten seien gedeckt." and free.speaker == found[0].speaker
    # without a preceding report, Konjunktiv I alone still reports (speaker unknown) …
    alone = hand_doc(
        ["Die", "Kosten", "seien", "gedeckt", "."],
        [1, 3, 3, 3, 3],
        ["det", "nsubj", "aux", "ROOT", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
        morphs=["", "", "Mood=Sub|VerbForm=Fin", "", ""],
    )
    [q] = run(alone)
    assert q.type == "free_indirect" and q.speaker is None
    # … but Konjunktiv II alone may be hypothetical: no quote
    hypothetical = hand_doc(
        ["Die", "Kosten", "wären", "gedeckt", "."],
        [1, 3, 3, 3, 3],
        ["det", "nsubj", "aux", "ROOT", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
        morphs=["", "", "Mood=Sub|Tense=Past|VerbForm=Fin", "", ""],
    )
    assert run(hypothetical) == []


def test_quotes_direct_quote_speaker_from_parse_not_nearest_name(hand_doc) -> None:
    # „Es reicht“, sagte Müller über Schmidt.  → Müller (nsubj), not the nearer/farther other name
    doc = hand_doc(
        ["„", "Es", "reicht", "“", ",", "sagte", "Müller", "über", "Schmidt", "."],
        [2, 2, 5, 2, 5, 5, 5, 8, 5, 5],
        ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "nsubj", "case", "obl", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "ADP", "PROPN", "PUNCT"],
        ["„", "es", "reichen", "“", ",", "sagen", "Müller", "über", "Schmidt", "."],
    )
    (q,) = run(doc)
    assert q.kind == "direct" and q.text == "Es reicht"
    assert q.speaker is not None and q.speaker.text == "Müller"


# ---------------------------------------------------------------- English pipeline


@pytest.fixture(scope="module")
def en(pipelines):  # type: ignore[no-untyped-def]
    return pipelines.get("en")


@pytest.mark.parametrize(
    "text, quote, speaker, kind",
    [
        ('"We will win," Smith said.', "We will win", "Smith", "direct"),
        (
            'John Smith said: "It is over. We go home."',
            "It is over. We go home.",
            "John Smith",
            "direct",
        ),
        (
            "Smith said the talks were constructive.",
            "the talks were constructive",
            "Smith",
            "indirect",
        ),
        (
            "The deal, according to Iranian officials, is close.",
            "The deal is close",
            "officials",
            "indirect",
        ),
    ],
)
def test_quotes_english(en, text: str, quote: str, speaker: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    found = [q for q in run(en(text)) if q.kind == kind]
    assert found, run(en(text))
    q = found[0]
    assert q.text == quote
    assert q.speaker is not None and speaker in q.speaker.text


def test_quotes_english_addressee_and_split(en) -> None:  # type: ignore[no-untyped-def]
    (q,) = run(en("Kerry told CNN that the talks were constructive."))
    assert q.addressee is not None and q.addressee.text == "CNN"
    assert q.text == "that the talks were constructive"
    text = '"We," he said, "will win."'
    (d,) = run(en(text))
    assert [text[s:e] for s, e in d.spans] == ["We", "will win."]
    assert d.speaker is not None and d.speaker.text == "he" and d.speaker.kind == "pronoun"


# ---------------------------------------------------------------- attribution without a verb


@pytest.mark.parametrize(
    "text, quote, speaker_phrase, cue",
    [
        (
            "Nach Angaben der Polizei wurden zwei Menschen verletzt.",
            "wurden zwei Menschen verletzt",
            "Angaben der Polizei",
            "Nach",
        ),
        (
            "Dem Bericht des Ministeriums zufolge stieg die Zahl der Unfälle.",
            "stieg die Zahl der Unfälle",
            "Dem Bericht des Ministeriums",
            "zufolge",
        ),
        (
            "Die Lage sei ernst, so der Minister.",
            "Die Lage sei ernst",
            "der Minister",
            "so",
        ),
    ],
)
def test_quotes_source_phrases_without_parse(
    blank_de: spacy.language.Language, text: str, quote: str, speaker_phrase: str, cue: str
) -> None:
    (q,) = run(blank_de(text))
    assert q.kind == "indirect" and q.text == quote and q.cue == cue
    assert q.speaker_phrase is not None
    assert text[q.speaker_phrase[0] : q.speaker_phrase[1]] == speaker_phrase


def test_quotes_zu_infinitive_labelled_ccomp(hand_doc) -> None:
    # "X hat bestätigt, mit Y gesprochen zu haben." (parsers label the infinitive ccomp)
    doc = hand_doc(
        ["Anna", "hat", "bestätigt", ",", "mit", "Ben", "gesprochen", "zu", "haben", "."],
        [2, 2, 2, 6, 5, 6, 2, 6, 6, 2],
        ["nsubj", "aux", "ROOT", "punct", "case", "obl", "ccomp", "mark", "aux", "punct"],
        ["PROPN", "AUX", "VERB", "PUNCT", "ADP", "PROPN", "VERB", "PART", "AUX", "PUNCT"],
        ["Anna", "haben", "bestätigen", ",", "mit", "Ben", "sprechen", "zu", "haben", "."],
    )
    (q,) = run(doc)
    assert q.text == "mit Ben gesprochen zu haben" and q.rule == "quote.indirect.zu"
    assert q.speaker is not None and q.speaker.text == "Anna"
    assert [doc.text[s:e] for s, e in q.cue_spans] == ["hat", "bestätigt"]


def test_quotes_object_first_sentence_finds_the_real_subject(hand_doc) -> None:
    # "Einen Alleingang schloss Rasmussen aus." — parsers take the fronted object as subject;
    # the article "Einen" is never nominative, so the name is the speaker.
    doc = hand_doc(
        ["Einen", "Alleingang", "schloss", "Rasmussen", "aus", "."],
        [1, 2, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "obj", "compound:prt", "punct"],
        ["DET", "NOUN", "VERB", "PROPN", "ADP", "PUNCT"],
        ["ein", "Alleingang", "schließen", "Rasmussen", "aus", "."],
    )
    (q,) = run(doc)
    assert q.type == "reported" and q.speaker is not None and q.speaker.text == "Rasmussen"


def test_quotes_consecutive_konjunktiv_sentences_form_one_free_indirect_quote(hand_doc) -> None:
    words = ["Anna", "sagte", ",", "dass", "es", "regne", "."]
    words += ["Das", "sei", "schlimm", ".", "Es", "sei", "kalt", "."]
    heads = [1, 1, 5, 5, 5, 1, 1, 9, 9, 9, 9, 13, 13, 13, 13]
    deps = ["nsubj", "ROOT", "punct", "mark", "nsubj", "ccomp", "punct"]
    deps += ["nsubj", "cop", "ROOT", "punct", "nsubj", "cop", "ROOT", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"]
    pos += ["PRON", "AUX", "ADJ", "PUNCT", "PRON", "AUX", "ADJ", "PUNCT"]
    morphs = ["", "", "", "", "", "Mood=Sub", "", "", "Mood=Sub", "", "", "", "Mood=Sub", "", ""]
    doc = hand_doc(words, heads, deps, pos, morphs=morphs)
    found = run(doc)
    assert [q.type for q in found] == ["indirect", "free_indirect"]
    assert found[1].text == "Das sei schlimm. Es sei kalt."
    assert found[1].speaker == found[0].speaker


def test_quotes_quoted_names_are_not_quotes(hand_doc) -> None:
    # Der Sender „Nordwelle“ berichtete. — a quoted name next to its noun, not a statement
    doc = hand_doc(
        ["Der", "Sender", "„", "Nordwelle", "“", "berichtete", "."],
        [1, 5, 3, 1, 3, 5, 5],
        ["det", "nsubj", "punct", "appos", "punct", "ROOT", "punct"],
        ["DET", "NOUN", "PUNCT", "PROPN", "PUNCT", "VERB", "PUNCT"],
        ["der", "Sender", "„", "Nordwelle", "“", "berichten", "."],
    )
    assert [q for q in run(doc) if q.kind == "direct"] == []


def test_quotes_speech_noun_with_dass_clause(hand_doc) -> None:
    # Er hegt die Hoffnung, dass der Streik ende. — the cue is a noun of saying/thinking
    doc = hand_doc(
        ["Er", "hegt", "die", "Hoffnung", ",", "dass", "der", "Streik", "ende", "."],
        [1, 1, 3, 1, 8, 8, 7, 8, 3, 1],
        ["nsubj", "ROOT", "det", "obj", "punct", "mark", "det", "nsubj", "acl", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        ["er", "hegen", "der", "Hoffnung", ",", "dass", "der", "Streik", "enden", "."],
    )
    found = [q for q in run(doc) if q.rule.startswith("quote.indirect.noun")]
    (q,) = found
    assert q.text == "dass der Streik ende" and q.medium == "thought"
    assert [doc.text[s:e] for s, e in q.cue_spans] == ["die", "Hoffnung"]
    assert q.speaker is not None and q.speaker.text == "Er"


def test_quotes_predicative_speech_noun_has_the_copulas_subject_as_speaker(hand_doc) -> None:
    # Die Partei ist der Meinung, dass die Steuern sinken. — "der Meinung sein"
    doc = hand_doc(
        ["Die", "Partei", "ist", "der", "Meinung", ",", "dass", "die", "Steuern", "sinken", "."],
        [1, 4, 4, 4, 4, 9, 9, 8, 9, 4, 4],
        ["det", "nsubj", "cop", "det", "ROOT", "punct", "mark", "det", "nsubj", "acl", "punct"],
        ["DET", "NOUN", "AUX", "DET", "NOUN", "PUNCT", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        lemmas=[
            "der",
            "Partei",
            "sein",
            "der",
            "Meinung",
            ",",
            "dass",
            "der",
            "Steuer",
            "sinken",
            ".",
        ],
    )
    (q,) = [q for q in run(doc) if q.rule.startswith("quote.indirect.noun")]
    assert q.text == "dass die Steuern sinken"
    assert q.speaker_phrase is not None
    assert doc.text[q.speaker_phrase[0] : q.speaker_phrase[1]] == "Die Partei"


def test_quotes_speech_noun_relative_clause_is_no_content(hand_doc) -> None:
    # Der Bericht, der gestern erschien, sei falsch. — a relative clause describes the noun
    doc = hand_doc(
        ["Sie", "las", "den", "Bericht", ",", "der", "gestern", "erschien", "."],
        [1, 1, 3, 1, 7, 7, 7, 3, 1],
        ["nsubj", "ROOT", "det", "obj", "punct", "nsubj", "advmod", "acl", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT", "PRON", "ADV", "VERB", "PUNCT"],
        morphs=["", "", "", "", "", "PronType=Rel", "", "", ""],
    )
    assert [q for q in run(doc) if q.rule.startswith("quote.indirect.noun")] == []


def test_quotes_demonstrative_takes_up_the_previous_sentence(hand_doc) -> None:
    # Der Zug fällt aus. Das gab die Bahn bekannt. — parsed with two subjects, as parsers do
    words = [
        "Der",
        "Zug",
        "fällt",
        "heute",
        "aus",
        ".",
        "Das",
        "gab",
        "die",
        "Bahn",
        "bekannt",
        ".",
    ]
    heads = [1, 2, 2, 2, 2, 2, 7, 7, 9, 7, 7, 7]
    deps = ["det", "nsubj", "ROOT", "advmod", "compound:prt", "punct"]
    deps += ["nsubj", "ROOT", "det", "nsubj", "compound:prt", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADV", "ADP", "PUNCT", "PRON", "VERB", "DET", "NOUN", "ADJ"]
    pos += ["PUNCT"]
    lemmas = ["der", "Zug", "fallen", "heute", "aus", ".", "der", "geben", "der", "Bahn"]
    lemmas += ["bekannt", "."]
    doc = hand_doc(words, heads, deps, pos, lemmas)
    (q,) = [q for q in run(doc) if q.rule == "quote.indirect.anaphor"]
    assert [doc.text[s:e] for s, e in q.spans] == ["Der Zug fällt heute aus", "Das"]
    assert q.speaker is not None and q.speaker.text == "Bahn"


def test_quotes_reported_clause_runs_on_over_clauses_hung_on_the_cue(hand_doc) -> None:
    # Er sagte, die Lage sei ernst, man müsse handeln. — the second clause hangs on "sagte"
    words = ["Er", "sagte", ",", "die", "Lage", "sei", "ernst", ",", "man", "müsse", "handeln", "."]
    heads = [1, 1, 6, 4, 6, 6, 1, 10, 10, 10, 1, 1]
    deps = ["nsubj", "ROOT", "punct", "det", "nsubj", "cop", "ccomp", "punct", "nsubj", "aux"]
    deps += ["parataxis", "punct"]
    pos = ["PRON", "VERB", "PUNCT", "DET", "NOUN", "AUX", "ADJ", "PUNCT", "PRON", "AUX", "VERB"]
    pos += ["PUNCT"]
    morphs = [""] * 12
    morphs[5] = morphs[9] = "Mood=Sub|VerbForm=Fin"
    doc = hand_doc(words, heads, deps, pos, morphs=morphs)
    (q,) = [q for q in run(doc) if q.type == "indirect"]
    assert q.text == "die Lage sei ernst, man müsse handeln"


def test_quotes_announced_intention_with_wollen_is_reported(hand_doc) -> None:
    words = ["Die", "Partei", "will", "die", "Steuern", "senken", "."]
    heads = [1, 5, 5, 4, 5, 5, 5]
    deps = ["det", "nsubj", "aux", "det", "obj", "ROOT", "punct"]
    pos = ["DET", "NOUN", "AUX", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["der", "Partei", "wollen", "der", "Steuer", "senken", "."]
    (q,) = run(hand_doc(words, heads, deps, pos, lemmas))
    assert q.type == "reported" and q.rule == "quote.reported.intention"
    assert q.speaker is not None and q.speaker.text == "Partei"
    # a pronoun subject narrates: "Sie will die Steuern senken" is no report of its own
    words[0:2] = ["Sie", "selbst"]
    pron = hand_doc(
        words,
        [5, 0, 5, 4, 5, 5, 5],
        ["nsubj", "advmod", "aux", "det", "obj", "ROOT", "punct"],
        ["PRON", "ADV", "AUX", "DET", "NOUN", "VERB", "PUNCT"],
    )
    assert run(pron) == []


def test_quotes_demnach_attributes_the_rest_of_the_sentence(hand_doc) -> None:
    doc = hand_doc(
        ["Demnach", "ist", "der", "Mann", "unschuldig", "."],
        [1, 1, 3, 1, 1, 1],
        ["advmod", "ROOT", "det", "nsubj", "xcomp", "punct"],
        ["ADV", "AUX", "DET", "NOUN", "ADJ", "PUNCT"],
    )
    (q,) = run(doc)
    assert q.text == "ist der Mann unschuldig." and q.rule == "quote.indirect.demnach"
    assert q.speaker_phrase is not None
    assert doc.text[q.speaker_phrase[0] : q.speaker_phrase[1]] == "Demnach"


def test_quotes_wie_frame_found_from_word_order(hand_doc) -> None:
    # Wie die Polizei mitteilte, wurde niemand verletzt. — "wie" misattached by the parser
    words = ["Wie", "die", "Polizei", "mitteilte", ",", "wurde", "niemand", "verletzt", "."]
    doc = hand_doc(
        words,
        [7, 2, 3, 7, 7, 7, 7, 7, 7],
        ["advmod", "det", "nsubj", "advcl", "punct", "aux:pass", "nsubj:pass", "ROOT", "punct"],
        ["ADV", "DET", "NOUN", "VERB", "PUNCT", "AUX", "PRON", "VERB", "PUNCT"],
        ["wie", "der", "Polizei", "mitteilen", ",", "werden", "niemand", "verletzen", "."],
        ["", "", "", "VerbForm=Fin", "", "VerbForm=Fin", "", "VerbForm=Part", ""],
    )
    (q,) = [q for q in run(doc) if q.rule == "quote.indirect.wie"]
    assert q.text == "wurde niemand verletzt"


def test_quotes_passive_cue_with_zu_infinitive_parsed_as_conj(hand_doc) -> None:
    words = ["Ihm", "wurde", "vorgeworfen", ",", "an", "der", "Tat", "beteiligt", "gewesen"]
    words += ["zu", "sein", "."]
    deps = ["iobj", "aux:pass", "ROOT", "punct", "case", "det", "obl", "conj", "aux:pass"]
    deps += ["mark", "aux", "punct"]
    pos = ["PRON", "AUX", "VERB", "PUNCT", "ADP", "DET", "NOUN", "VERB", "AUX", "PART", "AUX"]
    pos += ["PUNCT"]
    lemmas = ["er", "werden", "vorwerfen", ",", "an", "der", "Tat", "beteiligen", "sein", "zu"]
    lemmas += ["sein", "."]
    morphs = ["", "VerbForm=Fin", "VerbForm=Part", "", "", "", "", "VerbForm=Part"]
    morphs += ["", "", "", ""]
    doc = hand_doc(words, [2, 2, 2, 7, 6, 6, 7, 2, 7, 7, 7, 2], deps, pos, lemmas, morphs)
    (q,) = [q for q in run(doc) if q.type == "indirect"]
    assert q.text == "an der Tat beteiligt gewesen zu sein" and q.rule == "quote.indirect.zu"


def test_quotes_quoted_title_after_definite_article_is_not_a_quote(hand_doc) -> None:
    # Das berichtete die „Abendpost“. — a quoted name, not the paper's words
    doc = hand_doc(
        ["Das", "berichtete", "die", "„", "Abendpost", "“", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["obj", "ROOT", "det", "punct", "nsubj", "punct", "punct"],
        ["PRON", "VERB", "DET", "PUNCT", "NOUN", "PUNCT", "PUNCT"],
        ["der", "berichten", "der", "„", "Abendpost", "“", "."],
        ["", "", "Definite=Def|PronType=Art", "", "", "", ""],
    )
    assert [q for q in run(doc) if q.kind == "direct"] == []
    # after a preposition the quoted word is the speaker's: "sprach von „Verrat“"
    doc = hand_doc(
        ["Er", "sprach", "von", "„", "Verrat", "“", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "case", "punct", "obl", "punct", "punct"],
        ["PRON", "VERB", "ADP", "PUNCT", "NOUN", "PUNCT", "PUNCT"],
        ["er", "sprechen", "von", "„", "Verrat", "“", "."],
    )
    assert [q.text for q in run(doc) if q.kind == "direct"] == ["Verrat"]


def test_quotes_konjunktiv_ii_plural_equal_to_preterite_continues_nothing(hand_doc) -> None:
    # "gingen" is preterite as well as Konjunktiv II: after a report it starts no quote
    words = ["Anna", "sagte", ",", "dass", "es", "regne", ".", "Die", "Proteste", "gingen"]
    words += ["weiter", "."]
    heads = [1, 1, 5, 5, 5, 1, 1, 8, 9, 9, 9, 9]
    deps = ["nsubj", "ROOT", "punct", "mark", "nsubj", "ccomp", "punct", "det", "nsubj"]
    deps += ["ROOT", "compound:prt", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT", "DET", "NOUN", "VERB"]
    pos += ["ADV", "PUNCT"]
    morphs = ["", "", "", "", "", "Mood=Sub", "", "", "", "Tense=Past|VerbForm=Fin", "", ""]
    doc = hand_doc(words, heads, deps, pos, morphs=morphs)
    assert [q.type for q in run(doc)] == ["indirect"]


def test_quotes_first_person_in_e_is_indicative_not_konjunktiv(hand_doc) -> None:
    # "Ich habe das gesehen." — "habe" with "ich" is the indicative, no reported speech
    doc = hand_doc(
        ["Ich", "habe", "das", "gesehen", "."],
        [3, 3, 3, 3, 3],
        ["nsubj", "aux", "obj", "ROOT", "punct"],
        ["PRON", "AUX", "PRON", "VERB", "PUNCT"],
        ["ich", "haben", "der", "sehen", "."],
        ["", "Mood=Sub|VerbForm=Fin", "", "VerbForm=Part", ""],
    )
    assert run(doc) == []


# ---------------------------------------------------------------- the extract command


def test_quotes_cli_extract_batch_writes_one_json_per_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from typer.testing import CliRunner

    from graphbuild.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text('Title A\n\n"We will win," Smith said.\n', encoding="utf-8")
    (src / "b.txt").write_text("Title B\n\nJones said the talks were over.\n", encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(src), "--out-dir", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert files == ["a.json", "b.json"]
    data = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert data["quotes"][0]["text"] == "We will win"
    # one FILE still prints its JSON to stdout
    single = runner.invoke(app, ["extract", str(src / "b.txt"), "--format", "json", "--lang", "en"])
    assert single.exit_code == 0 and json.loads(single.stdout)["quotes"][0]["kind"] == "indirect"
    # an unreadable input fails with exit code 1 but the others are written
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    mixed = runner.invoke(
        app,
        ["extract", str(src / "a.txt"), str(tmp_path / "empty.txt"), "--out-dir", str(out / "m")],
    )
    assert mixed.exit_code == 1 and (out / "m" / "a.json").is_file()


def test_quotes_dateline_second_subject_is_not_the_speaker() -> None:
    """A dateline parsed as a second subject of the cue ("Brussels — President Anna Berg
    said …", seen with the small English parser) must not become the speaker."""
    import spacy
    from spacy.tokens import Doc

    from graphbuild.extract.quotes.attribution import subject_token

    words = ["Brussels", "—", "President", "Anna", "Berg", "said", "that", "it", "worked", "."]
    heads = [5, 0, 4, 4, 5, 5, 8, 8, 5, 5]
    deps = [
        "nsubj",
        "punct",
        "compound",
        "compound",
        "nsubj",
        "ROOT",
        "mark",
        "nsubj",
        "ccomp",
        "punct",
    ]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    subject = subject_token(doc[5])
    assert subject is not None and subject.text == "Berg"


# ---------------------------------------------------------------- issue #12, round 2


def test_quotes_bekannt_werden_reports_a_dass_clause(hand_doc) -> None:
    doc = hand_doc(
        ["Es", "wurde", "bekannt", ",", "dass", "die", "Firma", "schließt", "."],
        [2, 2, 2, 7, 7, 6, 7, 2, 2],
        ["expl", "aux:pass", "ROOT", "punct", "mark", "det", "nsubj", "ccomp", "punct"],
        ["PRON", "AUX", "ADJ", "PUNCT", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
        ["es", "werden", "bekannt", ",", "dass", "der", "Firma", "schließen", "."],
        ["", "VerbForm=Fin", "", "", "", "", "", "VerbForm=Fin", ""],
    )
    (q,) = run(doc)
    assert q.text == "dass die Firma schließt" and q.rule == "quote.indirect.dass"
    assert q.cue == "bekannt" and q.speaker is None


def test_quotes_bekannt_without_werden_or_dass_is_no_cue(hand_doc) -> None:
    # "Er ist bekannt, …": only "bekannt werden" reports; a v2 clause is no content either
    doc = hand_doc(
        ["Es", "wurde", "bekannt", ",", "die", "Firma", "schließt", "."],
        [2, 2, 2, 6, 5, 6, 2, 2],
        ["expl", "aux:pass", "ROOT", "punct", "det", "nsubj", "ccomp", "punct"],
        ["PRON", "AUX", "ADJ", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
        ["es", "werden", "bekannt", ",", "der", "Firma", "schließen", "."],
        ["", "VerbForm=Fin", "", "", "", "", "VerbForm=Fin", ""],
    )
    assert run(doc) == []


def test_quotes_zu_infinitive_marked_on_the_auxiliary(hand_doc) -> None:
    # "warf ihm vor, X bevorzugt zu haben": the parser hangs "zu" on "haben"
    doc = hand_doc(
        ["Er", "warf", "ihm", "vor", ",", "Boeing", "bevorzugt", "zu", "haben", "."],
        [1, 1, 1, 1, 6, 6, 1, 8, 6, 1],
        ["nsubj", "ROOT", "obj", "compound:prt", "punct", "obj", "ccomp", "mark", "aux", "punct"],
        ["PRON", "VERB", "PRON", "ADP", "PUNCT", "PROPN", "VERB", "PART", "AUX", "PUNCT"],
        ["er", "werfen", "er", "vor", ",", "Boeing", "bevorzugen", "zu", "haben", "."],
        ["", "VerbForm=Fin", "", "", "", "", "VerbForm=Part", "", "VerbForm=Inf", ""],
    )
    (q,) = run(doc)
    assert q.text == "Boeing bevorzugt zu haben" and q.rule == "quote.indirect.zu"


def test_quotes_clause_on_anticipating_pronominal_adverb(hand_doc) -> None:
    # "wies darauf hin, dass …" with the dass-clause hung on "darauf"
    doc = hand_doc(
        ["Sie", "wies", "darauf", "hin", ",", "dass", "es", "regnet", "."],
        [1, 1, 1, 1, 7, 7, 7, 2, 1],
        ["nsubj", "ROOT", "advmod", "compound:prt", "punct", "mark", "nsubj", "ccomp", "punct"],
        ["PRON", "VERB", "ADV", "ADP", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["sie", "weisen", "darauf", "hin", ",", "dass", "es", "regnen", "."],
        ["", "VerbForm=Fin", "", "", "", "", "", "VerbForm=Fin", ""],
    )
    (q,) = run(doc)
    assert q.text == "dass es regnet" and q.cue == "wies"


def test_quotes_predicate_speech_noun_with_dass_clause_parsed_as_relative(hand_doc) -> None:
    # "Er ist der Meinung, dass …": the dass-clause labelled acl:relcl on the noun
    doc = hand_doc(
        ["Er", "ist", "der", "Meinung", ",", "dass", "es", "reicht", "."],
        [3, 3, 3, 3, 7, 7, 7, 3, 3],
        ["nsubj", "cop", "det", "ROOT", "punct", "mark", "nsubj", "acl:relcl", "punct"],
        ["PRON", "AUX", "DET", "NOUN", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"],
        ["er", "sein", "der", "Meinung", ",", "dass", "es", "reichen", "."],
        ["", "VerbForm=Fin", "", "", "", "", "", "VerbForm=Fin", ""],
    )
    (q,) = run(doc)
    assert q.text == "dass es reicht" and q.rule == "quote.indirect.noun-dass"


def test_quotes_noun_zu_infinitive_with_object_after_die_is_no_relative_clause(hand_doc) -> None:
    # "die Forderung, die Bank zu boykottieren": "die" is an article, not a relative pronoun
    doc = hand_doc(
        ["Er", "stützt", "die", "Forderung", ",", "die", "Bank", "zu", "boykottieren", "."],
        [1, 1, 3, 1, 8, 6, 8, 8, 3, 1],
        ["nsubj", "ROOT", "det", "obj", "punct", "det", "obj", "mark", "xcomp", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT", "DET", "NOUN", "PART", "VERB", "PUNCT"],
        ["er", "stützen", "der", "Forderung", ",", "der", "Bank", "zu", "boykottieren", "."],
    )
    (q,) = run(doc)
    assert q.text == "die Bank zu boykottieren" and q.rule == "quote.indirect.noun-zu"


def test_quotes_verb_first_clause_after_cue_is_no_report(hand_doc) -> None:
    # "Die Partei zeigt Profil, hat aber keine Aussicht": the subject goes on, nothing said
    doc = hand_doc(
        ["Die", "Partei", "zeigt", "Profil", ",", "hat", "aber", "keine", "Aussicht", "."],
        [1, 2, 2, 2, 5, 2, 5, 8, 5, 2],
        ["det", "nsubj", "ROOT", "obj", "punct", "parataxis", "advmod", "det", "obj", "punct"],
        ["DET", "NOUN", "VERB", "NOUN", "PUNCT", "VERB", "ADV", "DET", "NOUN", "PUNCT"],
        ["der", "Partei", "zeigen", "Profil", ",", "haben", "aber", "kein", "Aussicht", "."],
        ["", "", "VerbForm=Fin", "", "", "VerbForm=Fin", "", "", "", ""],
    )
    assert [q for q in run(doc) if q.kind == "indirect"] == []


def test_quotes_v2_clause_ending_an_unopened_quotation_is_no_report(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "sagte", ",", "wir", "kommen", "wieder", "“", "."],
        [1, 1, 4, 4, 1, 4, 4, 1],
        ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "advmod", "punct", "punct"],
        ["PRON", "VERB", "PUNCT", "PRON", "VERB", "ADV", "PUNCT", "PUNCT"],
        ["er", "sagen", ",", "wir", "kommen", "wieder", "“", "."],
        ["", "VerbForm=Fin", "", "", "VerbForm=Fin", "", "", ""],
    )
    assert [q for q in run(doc) if q.rule == "quote.indirect.v2"] == []


def test_quotes_v2_report_with_subject_first_still_found(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "sagte", ",", "wir", "kommen", "wieder", "."],
        [1, 1, 4, 4, 1, 4, 1],
        ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "advmod", "punct"],
        ["PRON", "VERB", "PUNCT", "PRON", "VERB", "ADV", "PUNCT"],
        ["er", "sagen", ",", "wir", "kommen", "wieder", "."],
        ["", "VerbForm=Fin", "", "", "VerbForm=Fin", "", ""],
    )
    (q,) = run(doc)
    assert q.text == "wir kommen wieder" and q.rule == "quote.indirect.v2"


@pytest.mark.parametrize(
    "verb, lemma, reported",
    [
        ("forderte", "fordern", True),  # a demand: the object is what was demanded
        ("lehnte", "ablehnen", False),  # taking a stand on a known thing: nothing new said
        ("bestritt", "bestreiten", False),
    ],
)
def test_quotes_reported_speech_only_for_verbs_that_report_content(
    hand_doc, verb: str, lemma: str, reported: bool
) -> None:
    doc = hand_doc(
        ["Die", "Partei", verb, "den", "Plan", "."],
        [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "det", "obj", "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
        ["der", "Partei", lemma, "der", "Plan", "."],
        ["", "", "VerbForm=Fin", "", "", ""],
    )
    found = [q for q in run(doc) if q.rule == "quote.reported.verb"]
    assert bool(found) is reported


def test_quotes_subordinate_clause_misparsed_as_root_reports_nothing(hand_doc) -> None:
    doc = hand_doc(
        ["Dass", "die", "Partei", "Neuwahlen", "fordert", ",", "überrascht", "."],
        [4, 2, 4, 4, 4, 6, 4, 4],
        ["mark", "det", "nsubj", "obj", "ROOT", "punct", "parataxis", "punct"],
        ["SCONJ", "DET", "NOUN", "NOUN", "VERB", "PUNCT", "VERB", "PUNCT"],
        ["dass", "der", "Partei", "Neuwahl", "fordern", ",", "überraschen", "."],
        ["", "", "", "", "VerbForm=Fin", "", "VerbForm=Fin", ""],
    )
    assert [q for q in run(doc) if q.rule == "quote.reported.verb"] == []


def test_quotes_surface_zu_infinitive_right_after_the_cue(hand_doc) -> None:
    # the parser missed the clause ("eHomes" taken for a verb); the words after the cue's
    # comma end in "zu" + infinitive without a finite verb: a zu-infinitive report
    doc = hand_doc(
        ["Das", "Amt", "hat", "entschieden", ",", "der", "Firma", "zu", "kündigen", "."],
        [1, 3, 3, 3, 6, 6, 3, 8, 6, 3],
        ["det", "nsubj", "aux", "ROOT", "punct", "det", "obl", "mark", "dep", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT", "DET", "NOUN", "PART", "NOUN", "PUNCT"],
        ["der", "Amt", "haben", "entscheiden", ",", "der", "Firma", "zu", "kündigen", "."],
        ["", "", "VerbForm=Fin", "VerbForm=Part", "", "", "", "", "", ""],
    )
    (q,) = run(doc)
    assert q.text == "der Firma zu kündigen" and q.rule == "quote.indirect.surface-zu"


def test_quotes_surface_um_zu_is_no_report(hand_doc) -> None:
    doc = hand_doc(
        ["Das", "Amt", "hat", "entschieden", ",", "um", "Geld", "zu", "sparen", "."],
        [1, 3, 3, 3, 6, 6, 3, 8, 6, 3],
        ["det", "nsubj", "aux", "ROOT", "punct", "dep", "obl", "mark", "dep", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT", "ADP", "NOUN", "PART", "NOUN", "PUNCT"],
        ["der", "Amt", "haben", "entscheiden", ",", "um", "Geld", "zu", "sparen", "."],
        ["", "", "VerbForm=Fin", "VerbForm=Part", "", "", "", "", "", ""],
    )
    assert run(doc) == []


def test_quotes_anaphor_with_nominative_object_is_object_verb_subject(hand_doc) -> None:
    # "Dies gab Airbus bekannt" parsed with "Dies" as subject and "Airbus" as (nominative)
    # object: the demonstrative takes up the sentence before, Airbus is the speaker
    doc = hand_doc(
        ["Der", "Jet", "startet", "morgen", ".", "Dies", "gab", "Airbus", "bekannt", "."],
        [1, 2, 2, 2, 2, 6, 6, 6, 6, 6],
        [*("det", "nsubj", "ROOT", "advmod", "punct"), *("nsubj", "ROOT", "obj", "prt", "punct")],
        ["DET", "NOUN", "VERB", "ADV", "PUNCT", "PRON", "VERB", "PROPN", "ADJ", "PUNCT"],
        ["der", "Jet", "starten", "morgen", ".", "dies", "geben", "Airbus", "bekannt", "."],
        ["", "", "VerbForm=Fin", "", "", "", "VerbForm=Fin", "Case=Nom", "", ""],
    )
    (q,) = [q for q in run(doc) if q.rule == "quote.indirect.anaphor"]
    assert q.text.startswith("Der Jet startet morgen")
    assert q.speaker is not None and q.speaker.text == "Airbus"


def test_quotes_demonstrative_subject_without_nominative_object_is_the_speaker(hand_doc) -> None:
    doc = hand_doc(
        ["Der", "Jet", "startet", "morgen", ".", "Dies", "gab", "Airbus", "bekannt", "."],
        [1, 2, 2, 2, 2, 6, 6, 6, 6, 6],
        [*("det", "nsubj", "ROOT", "advmod", "punct"), *("nsubj", "ROOT", "obj", "prt", "punct")],
        ["DET", "NOUN", "VERB", "ADV", "PUNCT", "PRON", "VERB", "PROPN", "ADJ", "PUNCT"],
        ["der", "Jet", "starten", "morgen", ".", "dies", "geben", "Airbus", "bekannt", "."],
        ["", "", "VerbForm=Fin", "", "", "", "VerbForm=Fin", "Case=Acc", "", ""],
    )
    assert [q for q in run(doc) if q.rule == "quote.indirect.anaphor"] == []


def test_quotes_reported_not_under_a_modal_of_necessity(hand_doc) -> None:
    # "Er muss mit einer Strafe rechnen": an obligation, not his speech act
    words = ["Er", "muss", "mit", "einer", "Strafe", "rechnen", "."]
    doc = hand_doc(
        words,
        [5, 5, 4, 4, 5, 5, 5],
        ["nsubj", "aux", "case", "det", "obl", "ROOT", "punct"],
        ["PRON", "AUX", "ADP", "DET", "NOUN", "VERB", "PUNCT"],
        ["er", "müssen", "mit", "ein", "Strafe", "rechnen", "."],
        ["", "VerbForm=Fin", "", "", "", "VerbForm=Inf", ""],
    )
    assert [q for q in run(doc) if q.kind == "indirect"] == []


@pytest.mark.parametrize("noun, reported", [("Neuwahlen", True), ("Todesopfer", False)])
def test_quotes_fordern_claiming_lives_is_no_demand(hand_doc, noun: str, reported: bool) -> None:
    doc = hand_doc(
        ["Der", "Sturm", "forderte", "zwölf", noun, "."],
        [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "nummod", "obj", "punct"],
        ["DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
        ["der", "Sturm", "fordern", "zwölf", noun, "."],
        ["", "", "VerbForm=Fin", "", "", ""],
    )
    assert bool([q for q in run(doc) if q.rule == "quote.reported.verb"]) is reported


def test_quotes_prepositional_object_hung_on_a_subject_after_the_verb(hand_doc) -> None:
    # "Insgesamt spricht die Polizei von Krawallen": the von-phrase is the verb's
    doc = hand_doc(
        ["Insgesamt", "spricht", "die", "Polizei", "von", "Krawallen", "."],
        [1, 1, 3, 1, 5, 3, 1],
        ["advmod", "ROOT", "det", "nsubj", "case", "nmod", "punct"],
        ["ADV", "VERB", "DET", "NOUN", "ADP", "NOUN", "PUNCT"],
        ["insgesamt", "sprechen", "der", "Polizei", "von", "Krawall", "."],
        ["", "VerbForm=Fin", "", "", "", "", ""],
    )
    (q,) = run(doc)
    assert q.rule == "quote.reported.verb" and q.speaker is not None
    assert q.speaker.text == "Polizei"


@pytest.mark.parametrize(
    "verb, particle, lemma",
    [
        ("gab", "bekannt", "bekanntgeben"),  # "gab den Rücktritt bekannt": what was announced
        ("gab", "an", "angeben"),  # "gab den Grund an": the reason given
        ("sagte", "zu", "zusagen"),  # "sagte Hilfe zu": what was promised
    ],
)
def test_quotes_reported_particle_verbs_whose_object_is_the_content(
    hand_doc, verb: str, particle: str, lemma: str
) -> None:
    doc = hand_doc(
        ["Die", "Ministerin", verb, "den", "Plan", particle, "."],
        [1, 2, 2, 4, 2, 2, 2],
        ["det", "nsubj", "ROOT", "det", "obj", "compound:prt", "punct"],
        ["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "PUNCT"],
        ["der", "Ministerin", lemma, "der", "Plan", particle, "."],
        ["", "", "VerbForm=Fin", "", "", "", ""],
    )
    (q,) = [q for q in run(doc) if q.rule == "quote.reported.verb"]
    assert q.speaker is not None and q.speaker.text == "Ministerin"
    assert [doc.text[s:e] for s, e in q.cue_spans] == [verb, particle]


def test_quotes_reported_aeussern_with_an_object(hand_doc) -> None:
    doc = hand_doc(
        ["Die", "Richter", "äußerten", "Bedenken", "."],
        [1, 2, 2, 2, 2],
        ["det", "nsubj", "ROOT", "obj", "punct"],
        ["DET", "NOUN", "VERB", "NOUN", "PUNCT"],
        ["der", "Richter", "äußern", "Bedenken", "."],
        ["", "", "VerbForm=Fin", "", ""],
    )
    (q,) = [q for q in run(doc) if q.rule == "quote.reported.verb"]
    assert q.speaker is not None and q.speaker.text == "Richter"


@pytest.mark.parametrize("prep, reported", [("auf", True), ("in", False)])
def test_quotes_reported_verweisen_only_with_auf(hand_doc, prep: str, reported: bool) -> None:
    # "verwies auf Verzögerungen" points to an argument; "verwies in die Schranken" does not
    doc = hand_doc(
        ["Der", "Chef", "verwies", prep, "Verzögerungen", "."],
        [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "case", "obl", "punct"],
        ["DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
        ["der", "Chef", "verweisen", prep, "Verzögerung", "."],
        ["", "", "VerbForm=Fin", "", "", ""],
    )
    found = [q for q in run(doc) if q.rule == "quote.reported.verb"]
    assert bool(found) is reported
