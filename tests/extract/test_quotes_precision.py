"""What is not a quote (``extract/quotes/``) on hand-built parses: quoted titles without a
verb, conditional Konjunktiv II, indicative forms a tagger marks as Konjunktiv."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.quotes import quotes
from graphbuild.extract.quotes.context import is_konjunktiv
from graphbuild.types import Quote

FIN = "VerbForm=Fin"
SUB = "Mood=Sub|VerbForm=Fin"


def run(doc: Doc) -> list[Quote]:
    s = tuple(sentences(doc))
    return list(quotes(doc, tuple(mentions(doc, s)), s))


# ---------------------------------------------------------------- quoted titles


def _received(hand_doc, quoted: list[str], pos: list[str]) -> Doc:  # type: ignore[no-untyped-def]
    """ "Er erhielt „<quoted>“." — the quotation hangs on a verb that is no verb of saying."""
    words = ["Er", "erhielt", "„", *quoted, "“", "."]
    n = len(quoted)
    heads = [1, 1, 3, *([3] * n), 3, 1]
    heads[3] = 1
    deps = ["nsubj", "ROOT", "punct", "obj", *(["nmod"] * (n - 1)), "punct", "punct"]
    tags = ["PRON", "VERB", "PUNCT", *pos, "PUNCT", "PUNCT"]
    return hand_doc(words, heads, deps, tags, morphs={1: FIN})


TITLE = "Preis der Stiftung für Wissenschaft und Kunst in Gedenken an Max Muster"
FRAGMENT = "ab einem Jahreseinkommen von zehn Millionen Euro für alle Ledigen"


@pytest.mark.parametrize(
    "quoted, pos, kept",
    [
        # a capitalised quotation without a verb and without a cue: a title, dropped
        (TITLE, "NOUN DET NOUN ADP NOUN CCONJ NOUN ADP NOUN ADP PROPN PROPN", False),
        # quoted words of a speaker woven into the sentence open in lower case: kept
        (FRAGMENT, "ADP DET NOUN ADP NUM NOUN NOUN ADP DET NOUN", True),
        # a clause with a verb is a statement: kept
        (
            "Die Stiftung baut die Brücke neu und alle sind froh darüber",
            "DET NOUN VERB DET NOUN ADV CCONJ PRON AUX ADJ ADV",
            True,
        ),
    ],
)
def test_quotes_precision_verbless_capitalised_quotation_is_a_title(
    hand_doc,  # type: ignore[no-untyped-def]
    quoted: str,
    pos: str,
    kept: bool,
) -> None:
    doc = _received(hand_doc, quoted.split(), pos.split())
    found = [q.text for q in run(doc) if q.type == "direct"]
    assert found == ([quoted] if kept else [])


# ---------------------------------------------------------------- Konjunktiv


def _after_report(hand_doc, second: list[tuple[str, str, int, str, str, str]]) -> Doc:  # type: ignore[no-untyped-def]
    """ "Anna sagte, dass es regne. <second>" with the second sentence's parse given as
    (word, lemma, head within the sentence, dep, pos, morph) rows."""
    words = ["Anna", "sagte", ",", "dass", "es", "regne", "."]
    heads = [1, 1, 5, 5, 5, 1, 1]
    deps = ["nsubj", "ROOT", "punct", "mark", "nsubj", "ccomp", "punct"]
    pos = ["PROPN", "VERB", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"]
    lemmas = ["Anna", "sagen", ",", "dass", "es", "regnen", "."]
    morphs = ["", FIN, "", "", "", SUB, ""]
    off = len(words)
    for word, lemma, head, dep, tag, morph in second:
        words.append(word)
        lemmas.append(lemma)
        heads.append(off + head)
        deps.append(dep)
        pos.append(tag)
        morphs.append(morph)
    return hand_doc(words, heads, deps, pos, lemmas, morphs)


def _types(doc: Doc) -> list[str]:
    return [q.type for q in run(doc)]


def _feier(first: list[tuple[str, str, int, str, str, str]], modal: str, lemma: str) -> Doc:
    """rows for "<first> <modal> die Feier ausfallen ." (first: a clause before the verb)"""
    k = len(first)
    return [  # type: ignore[return-value]
        *first,
        (modal, lemma, k + 3, "aux", "AUX", SUB),
        ("die", "der", k + 2, "det", "DET", ""),
        ("Feier", "Feier", k + 3, "nsubj", "NOUN", ""),
        ("ausfallen", "ausfallen", k + 3, "ROOT", "VERB", "VerbForm=Inf"),
        (".", ".", k + 3, "punct", "PUNCT", ""),
    ]


CONDITION = [
    ("Falls", "falls", 3, "mark", "SCONJ", ""),
    ("es", "es", 3, "nsubj", "PRON", ""),
    ("stark", "stark", 3, "advmod", "ADV", ""),
    ("regnet", "regnen", 8, "advcl", "VERB", FIN),
    (",", ",", 3, "punct", "PUNCT", ""),
]


def test_quotes_precision_konjunktiv_ii_continues_a_report(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Anna sagte, dass es regne. Dann könnte die Feier ausfallen.": Anna's words go on
    first = [("Dann", "dann", 4, "advmod", "ADV", "")]
    doc = _after_report(hand_doc, _feier(first, "könnte", "können"))
    assert _types(doc) == ["indirect", "free_indirect"]


def test_quotes_precision_conditional_konjunktiv_ii_is_no_report(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Falls es stark regnet, könnte die Feier ausfallen.": a hypothesis, not Anna's words
    doc = _after_report(hand_doc, _feier(CONDITION, "könnte", "können"))
    assert _types(doc) == ["indirect"]


def test_quotes_precision_conditional_with_wuerde_still_reports(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "würde" is the Konjunktiv of reported speech for any verb, also with a condition
    doc = _after_report(hand_doc, _feier(CONDITION, "würde", "werden"))
    assert _types(doc) == ["indirect", "free_indirect"]


@pytest.mark.parametrize(
    "form, lemma, konj", [("darf", "dürfen", False), ("dürfe", "dürfen", True)]
)
def test_quotes_precision_indicative_form_tagged_konjunktiv(
    hand_doc,  # type: ignore[no-untyped-def]
    form: str,
    lemma: str,
    konj: bool,
) -> None:
    # "Der Müll darf nicht deponiert werden.": "darf" is indicative whatever the tagger says
    rows = [
        ("Der", "der", 1, "det", "DET", ""),
        ("Müll", "Müll", 4, "nsubj:pass", "NOUN", ""),
        (form, lemma, 4, "aux", "AUX", SUB),
        ("nicht", "nicht", 4, "advmod", "PART", ""),
        ("deponiert", "deponieren", 4, "ROOT", "VERB", "VerbForm=Part"),
        ("werden", "werden", 4, "aux:pass", "AUX", "VerbForm=Inf"),
        (".", ".", 4, "punct", "PUNCT", ""),
    ]
    doc = _after_report(hand_doc, rows)
    assert is_konjunktiv(doc[9]) is konj
    assert _types(doc) == (["indirect", "free_indirect"] if konj else ["indirect"])


def test_quotes_precision_conditional_inside_a_konjunktiv_run_still_reports(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Anna sagte, dass es regne. Der Weg sei nass. Falls es stark regnet, könnte die Feier
    # ausfallen.": after a Konjunktiv sentence of hers the hypothesis is hers too
    wet = [
        ("Der", "der", 1, "det", "DET", ""),
        ("Weg", "Weg", 3, "nsubj", "NOUN", ""),
        ("sei", "sein", 3, "cop", "AUX", SUB),
        ("nass", "nass", 3, "ROOT", "ADJ", ""),
        (".", ".", 3, "punct", "PUNCT", ""),
    ]
    shifted = [
        (w, lem, h + 5, d, p, m) for w, lem, h, d, p, m in _feier(CONDITION, "könnte", "können")
    ]
    doc = _after_report(hand_doc, [*wet, *shifted])
    found = run(doc)
    assert [q.type for q in found] == ["indirect", "free_indirect"]
    assert found[1].text == "Der Weg sei nass. Falls es stark regnet, könnte die Feier ausfallen."


def test_quotes_precision_konjunktiv_i_in_the_condition_still_reports(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Wenn es stark regne, könnte die Feier ausfallen.": the Konjunktiv I in the clause
    # marks the whole sentence as reported
    condition = [("Wenn", "wenn", 3, "mark", "SCONJ", ""), *CONDITION[1:3]]
    condition += [("regne", "regnen", 8, "advcl", "VERB", "Mood=Sub|Tense=Pres|VerbForm=Fin")]
    condition += [CONDITION[4]]
    doc = _after_report(hand_doc, _feier(condition, "könnte", "können"))
    assert _types(doc) == ["indirect", "free_indirect"]


# ---------------------------------------------------------------- quoted names of speakers


@pytest.mark.parametrize(
    "words, heads, deps, pos, kept",
    [
        # "Er schrieb „Unsinn“ in einem Nachruf.": the quoted word is what he wrote
        (
            ["Er", "schrieb", "„", "Unsinn", "“", "in", "einem", "Nachruf", "."],
            [1, 1, 3, 1, 3, 7, 7, 1, 1],
            "nsubj ROOT punct obj punct case det obl punct",
            "PRON VERB PUNCT NOUN PUNCT ADP DET NOUN PUNCT",
            True,
        ),
        # "Das schrieb die „Zeit“ in einem Nachruf.": the quotation names the writer
        (
            ["Das", "schrieb", "die", "„", "Zeit", "“", "in", "einem", "Nachruf", "."],
            [1, 1, 4, 4, 1, 4, 8, 8, 1, 1],
            "obj ROOT det punct nsubj punct case det obl punct",
            "PRON VERB DET PUNCT NOUN PUNCT ADP DET NOUN PUNCT",
            False,
        ),
        # "Der Chef von „Ener“ sagte das.": a quoted name inside the cue's subject
        (
            ["Der", "Chef", "von", "„", "Ener", "“", "sagte", "das", "."],
            [1, 6, 4, 4, 1, 4, 6, 6, 6],
            "det nsubj case punct nmod punct ROOT obj punct",
            "DET NOUN ADP PUNCT NOUN PUNCT VERB PRON PUNCT",
            False,
        ),
    ],
)
def test_quotes_precision_quoted_name_in_the_cue_subject(
    hand_doc,  # type: ignore[no-untyped-def]
    words: list[str],
    heads: list[int],
    deps: str,
    pos: str,
    kept: bool,
) -> None:
    doc = hand_doc(
        words,
        heads,
        deps,
        pos,
        morphs={words.index("schrieb" if "schrieb" in words else "sagte"): FIN},
    )
    found = [q.text for q in run(doc) if q.type == "direct"]
    quoted = words[words.index("„") + 1]
    assert found == ([quoted] if kept else [])


# ---------------------------------------------------------------- consecutive clauses


@pytest.mark.parametrize(
    "opening, found",
    [
        (["dass"], True),  # "Er betonte es, dass alle gingen.": what he stressed
        (["so", "dass"], False),  # "…, so dass alle gingen.": a result
        (["sodass"], False),
    ],
)
def test_quotes_precision_consecutive_clause_is_no_content(
    hand_doc,  # type: ignore[no-untyped-def]
    opening: list[str],
    found: bool,
) -> None:
    n = len(opening)
    verb = 4 + n + 1  # index of "gingen"
    words = ["Er", "betonte", "es", ",", *opening, "alle", "gingen", "."]
    heads = [1, 1, 1, verb, *([verb] * n), verb, 1, 1]
    deps = ["nsubj", "ROOT", "obj", "punct", *(["advmod"] * (n - 1)), "mark", "nsubj", "advcl"]
    deps += ["punct"]
    pos = ["PRON", "VERB", "PRON", "PUNCT", *(["ADV"] * (n - 1)), "SCONJ", "PRON", "VERB"]
    pos += ["PUNCT"]
    lemmas = ["er", "betonen", "es", ",", *opening, "alle", "gehen", "."]
    doc = hand_doc(words, heads, deps, pos, lemmas, {1: FIN, verb: FIN})
    texts = [q.text for q in run(doc) if q.type == "indirect"]
    assert texts == ([" ".join([*opening, "alle", "gingen"])] if found else [])


# ---------------------------------------------------------------- titles after a title noun


@pytest.mark.parametrize(
    "noun, kept",
    [
        ("Film", False),  # "Er sprach über den Film „Eine unbequeme Wahrheit“.": a title
        ("Klimadokumentation", False),  # a compound ending in a title noun
        ("Satz", True),  # "Er sprach über den Satz „…“": someone's words
    ],
)
def test_quotes_precision_quotation_after_a_title_noun(
    hand_doc,  # type: ignore[no-untyped-def]
    noun: str,
    kept: bool,
) -> None:
    words = ["Er", "sprach", "über", "den", noun, "„", "Eine", "unbequeme", "Wahrheit", "“", "."]
    heads = [1, 1, 4, 4, 1, 8, 8, 8, 4, 8, 1]
    deps = "nsubj ROOT case det obl punct det amod appos punct punct"
    pos = "PRON VERB ADP DET NOUN PUNCT DET ADJ NOUN PUNCT PUNCT"
    lemmas = ["er", "sprechen", "über", "der", noun, "„", "ein", "unbequem", "Wahrheit", "“", "."]
    doc = hand_doc(words, heads, deps, pos, lemmas, {1: FIN})
    found = [q.text for q in run(doc) if q.type == "direct"]
    assert found == (["Eine unbequeme Wahrheit"] if kept else [])
