"""Direct quotes beyond "„…“, sagte X": nested fragments, relayed quotations, naming verbs.

Hand-made German sentences with hand-made parses (UD labels), so each rule is tested without
the trained pipeline, each with a case where it must not fire.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.evaluation.dequotes import quote_groups
from graphbuild.extract.quotes import quotes
from graphbuild.types import Quote

_NO_SPACE_BEFORE = {",", ".", ":", "“"}


def phrase(doc: Doc, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


def direct(doc: Doc) -> list[Quote]:
    return [q for q in quotes(doc, [], []) if q.type == "direct"]


FIN_PAST = "VerbForm=Fin|Mood=Ind|Tense=Past"
KONJ_I = "VerbForm=Fin|Mood=Sub|Tense=Pres"


# ---------------------------------------------------------------- nested fragments


def test_fragment_inside_free_indirect_speech_is_the_reported_speakers(hand_doc) -> None:
    # Müller sagte, es regne. Die Lage sei „ernst“. — the quoted word stands in Müller's
    # report (a Konjunktiv sentence continuing it), so it is Müller's own word
    words = ["Müller", "sagte", ",", "es", "regne", ".", "Die", "Lage", "sei", "„", "ernst"]
    words += ["“", "."]
    doc = hand_doc(
        words,
        [1, 1, 4, 4, 1, 1, 7, 10, 10, 10, 10, 10, 10],
        "nsubj ROOT punct nsubj ccomp punct det nsubj cop punct ROOT punct punct",
        "PROPN VERB PUNCT PRON VERB PUNCT DET NOUN AUX PUNCT ADJ PUNCT PUNCT",
        morphs={1: FIN_PAST, 4: KONJ_I, 8: KONJ_I},
        lemmas={1: "sagen"},
    )
    found = direct(doc)
    assert [(q.text, phrase(doc, q.speaker_phrase)) for q in found] == [("ernst", "Müller")]
    assert ".nested-free_indirect" in found[0].rule


def test_fragment_in_a_narrative_sentence_is_no_quote(hand_doc) -> None:
    # Die Firma baut das Modell „schnell“. — no report around the quoted word
    words = ["Die", "Firma", "baut", "das", "Modell", "„", "schnell", "“", "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 4, 2, 6, 2, 6, 2],
        "det nsubj ROOT det obj punct advmod punct punct",
        "DET NOUN VERB DET NOUN PUNCT ADJ PUNCT PUNCT",
        morphs={2: "VerbForm=Fin|Mood=Ind|Tense=Pres"},
    )
    assert direct(doc) == []


# ---------------------------------------------------------------- relayed quotations


def _zitiert(hand_doc, object_words: list[str]) -> Doc:
    # Die Zeitung zitiert [den Minister] mit den Worten: „Wir schaffen das.“
    n = len(object_words)
    words = ["Die", "Zeitung", "zitiert", *object_words, "mit", "den", "Worten", ":", "„"]
    words += ["Wir", "schaffen", "das", ".", "“"]
    o = 3 + n  # index of "mit"
    heads = [1, 2, 2]
    deps = ["det", "nsubj", "ROOT"]
    pos = ["DET", "NOUN", "VERB"]
    if n:
        heads += [4, 2]
        deps += ["det", "obj"]
        pos += ["DET", "NOUN"]
    heads += [o + 2, o + 2, 2, 2, o + 6, o + 6, 2, o + 6, o + 6, o + 6]
    deps += ["case", "det", "obl", "punct", "punct", "nsubj", "parataxis", "obj", "punct", "punct"]
    pos += ["ADP", "DET", "NOUN", "PUNCT", "PUNCT", "PRON", "VERB", "PRON", "PUNCT", "PUNCT"]
    return hand_doc(
        words,
        heads,
        " ".join(deps),
        " ".join(pos),
        morphs={2: "VerbForm=Fin|Mood=Ind|Tense=Pres"},
        lemmas={2: "zitieren", o + 2: "wort"},
    )


def test_quotation_relayed_by_a_source_has_speaker_and_via(hand_doc) -> None:
    doc = _zitiert(hand_doc, ["den", "Minister"])
    (q,) = direct(doc)
    assert q.text == "Wir schaffen das."
    assert phrase(doc, q.speaker_phrase) == "den Minister"
    assert phrase(doc, q.via_phrase) == "Die Zeitung"
    # the corpus annotates each of the two parties as a speaker of the quotation
    groups = quote_groups(q, doc.text, [(t.idx, t.idx + len(t)) for t in doc])
    assert len(groups) == 2
    assert [sorted(g.roles["speaker"]) for g in groups] == [[3, 4], [0, 1]]
    assert groups[0].roles["quote"] == groups[1].roles["quote"]


def test_quoting_without_a_second_party_is_an_ordinary_quote(hand_doc) -> None:
    doc = _zitiert(hand_doc, [])
    (q,) = direct(doc)
    assert phrase(doc, q.speaker_phrase) == "Die Zeitung"
    assert q.via is None and q.via_phrase is None
    assert len(quote_groups(q, doc.text, [(t.idx, t.idx + len(t)) for t in doc])) == 1


# ---------------------------------------------------------------- naming and judging with "als"


def test_quoted_word_after_als_of_a_naming_verb_is_the_subjects(hand_doc) -> None:
    # Meier bezeichnete den Plan als „Unsinn“.
    words = ["Meier", "bezeichnete", "den", "Plan", "als", "„", "Unsinn", "“", "."]
    doc = hand_doc(
        words,
        [1, 1, 3, 1, 6, 6, 1, 6, 1],
        "nsubj ROOT det obj case punct obl punct punct",
        "PROPN VERB DET NOUN CCONJ PUNCT NOUN PUNCT PUNCT",
        morphs={1: FIN_PAST},
        lemmas={1: "bezeichnen"},
    )
    (q,) = direct(doc)
    assert (q.text, phrase(doc, q.speaker_phrase), q.rule) == (
        "Unsinn",
        "Meier",
        "quote.direct.naming",
    )
    assert [doc.text[s:e] for s, e in q.cue_spans] == ["bezeichnete", "als"]


def test_als_of_a_verb_of_seeming_names_no_speaker(hand_doc) -> None:
    # Meier gilt als „Ikone“. — "gelten als" is no one's judgement
    words = ["Meier", "gilt", "als", "„", "Ikone", "“", "."]
    doc = hand_doc(
        words,
        [1, 1, 4, 4, 1, 4, 1],
        "nsubj ROOT case punct obl punct punct",
        "PROPN VERB CCONJ PUNCT NOUN PUNCT PUNCT",
        morphs={1: "VerbForm=Fin|Mood=Ind|Tense=Pres"},
        lemmas={1: "gelten"},
    )
    assert direct(doc) == []


# ---------------------------------------------------------------- reporting clauses


def test_mit_den_worten_makes_its_verb_the_cue(hand_doc) -> None:
    # Sie versuchte mit den Worten zu trösten: „Alles ist gut“.
    words = ["Sie", "versuchte", "mit", "den", "Worten", "zu", "trösten", ":", "„"]
    words += ["Alles", "ist", "gut", "“", "."]
    doc = hand_doc(
        words,
        [1, 1, 4, 4, 6, 6, 1, 1, 11, 11, 11, 1, 11, 1],
        "nsubj ROOT case det obl mark xcomp punct punct nsubj cop parataxis punct punct",
        "PRON VERB ADP DET NOUN PART VERB PUNCT PUNCT PRON AUX ADJ PUNCT PUNCT",
        morphs={0: "PronType=Prs|Case=Nom", 1: FIN_PAST},
        lemmas={1: "versuchen", 4: "wort"},
    )
    (q,) = direct(doc)
    assert (q.text, phrase(doc, q.speaker_phrase), q.rule) == (
        "Alles ist gut",
        "Sie",
        "quote.direct.words",
    )


def test_verb_first_clause_after_an_opening_quotation_reports_it(hand_doc) -> None:
    # „Ich trete an“, strich Meier heraus. — any verb with its subject after it
    words = ["„", "Ich", "trete", "an", "“", ",", "strich", "Meier", "heraus", "."]
    doc = hand_doc(
        words,
        [2, 2, 6, 2, 2, 6, 6, 6, 6, 6],
        "punct nsubj ccomp compound:prt punct punct ROOT nsubj compound:prt punct",
        "PUNCT PRON VERB ADP PUNCT PUNCT VERB PROPN ADP PUNCT",
        morphs={2: "VerbForm=Fin|Mood=Ind|Tense=Pres", 6: FIN_PAST},
        lemmas={6: "streichen"},
    )
    (q,) = direct(doc)
    assert (q.text, phrase(doc, q.speaker_phrase), q.rule) == (
        "Ich trete an",
        "Meier",
        "quote.direct.inquit",
    )


def test_quotation_inside_a_subordinate_clause_has_no_reporting_clause_after_it(hand_doc) -> None:
    # Nachdem die Ärzte „alles versucht hatten“, gaben sie auf. — the verb-first main clause
    # after a subordinate clause is no reporting clause
    words = ["Nachdem", "die", "Ärzte", "„", "alles", "versucht", "hatten", "“", ",", "gaben"]
    words += ["sie", "auf", "."]
    doc = hand_doc(
        words,
        [5, 2, 5, 5, 5, 9, 5, 5, 9, 9, 9, 9, 9],
        "mark det nsubj punct obj advcl aux punct punct ROOT nsubj compound:prt punct",
        "SCONJ DET NOUN PUNCT PRON VERB AUX PUNCT PUNCT VERB PRON ADP PUNCT",
        morphs={
            6: "VerbForm=Fin|Mood=Ind|Tense=Past",
            9: FIN_PAST,
            10: "PronType=Prs|Case=Nom",
        },
        lemmas={9: "geben"},
    )
    assert direct(doc) == []


def test_demonstrative_in_the_next_sentence_takes_up_the_quotation(hand_doc) -> None:
    # „Wir haben Fehler gemacht.“ Das musste Meier einräumen.
    words = ["„", "Wir", "haben", "Fehler", "gemacht", ".", "“", "Das", "musste", "Meier"]
    words += ["einräumen", "."]
    doc = hand_doc(
        words,
        [4, 4, 4, 4, 4, 4, 4, 10, 10, 10, 10, 10],
        "punct nsubj aux obj ROOT punct punct obj aux nsubj ROOT punct",
        "PUNCT PRON AUX NOUN VERB PUNCT PUNCT PRON AUX PROPN VERB PUNCT",
        morphs={
            2: "VerbForm=Fin|Mood=Ind|Tense=Pres",
            4: "VerbForm=Part",
            7: "PronType=Dem",
            8: FIN_PAST,
            10: "VerbForm=Inf",
        },
        lemmas={10: "einräumen"},
    )
    (q,) = direct(doc)
    assert (q.text, phrase(doc, q.speaker_phrase), q.rule) == (
        "Wir haben Fehler gemacht.",
        "Meier",
        "quote.direct.anaphoric",
    )
