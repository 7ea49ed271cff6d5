"""Relations from hand-made parsed Docs (UD labels for German, spaCy's English labels)."""

from __future__ import annotations

import pytest
import spacy

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.relations import noun_frames, relations, verb_frames


def triples(doc):  # type: ignore[no-untyped-def]
    sents = list(sentences(doc))
    ms = list(mentions(doc, sents))
    return [
        (r.subject.text, r.predicate, r.object.text, r.modality, r.negated)
        for r in relations(doc, ms, sents)
    ]


def test_relations_lexicons_are_data() -> None:
    assert ("weisen", "an") in verb_frames("de")
    assert any(f.noun == "verhandlungen" for f in noun_frames("de"))
    assert ("meet", "") in verb_frames("en")


def test_relations_german_particle_verb_instructs(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Kanzlerin Eva Lind wies den Sprecher Paul Brandt an."
    doc = hand_doc.rows(
        "de",
        [
            ("Kanzlerin", "Kanzlerin", "NOUN", 3, "nsubj", "O"),
            ("Eva", "Eva", "PROPN", 0, "appos", "B-PER"),
            ("Lind", "Lind", "PROPN", 1, "flat", "I-PER"),
            ("wies", "weisen", "VERB", 3, "ROOT", "O"),
            ("den", "der", "DET", 5, "det", "O"),
            ("Sprecher", "Sprecher", "NOUN", 3, "obj", "O"),
            ("Paul", "Paul", "PROPN", 5, "appos", "B-PER"),
            ("Brandt", "Brandt", "PROPN", 6, "flat", "I-PER"),
            ("an", "an", "ADP", 3, "compound:prt", "O"),
            (".", ".", "PUNCT", 3, "punct", "O"),
        ],
    )
    assert ("Eva Lind", "instructs", "Paul Brandt", "happened", False) in triples(doc)


def test_relations_without_particle_no_instructs(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Eva Lind wies den Vorwurf zurück" — weisen + zurück is not anweisen
    doc = hand_doc.rows(
        "de",
        [
            ("Eva", "Eva", "PROPN", 1, "nsubj", "B-PER"),
            ("Lind", "Lind", "PROPN", 0, "flat", "I-PER"),
            ("wies", "weisen", "VERB", 2, "ROOT", "O"),
            ("Paul", "Paul", "PROPN", 2, "obj", "B-PER"),
            ("Brandt", "Brandt", "PROPN", 3, "flat", "I-PER"),
            ("zurück", "zurück", "ADP", 2, "compound:prt", "O"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    assert not [t for t in triples(doc) if t[1] == "instructs"]


def test_relations_relative_clause_attends_event(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Die Genfer Klimakonferenz, an der Ministerin Ana Ruiz teilnimmt, beginnt."
    doc = hand_doc.rows(
        "de",
        [
            ("Die", "der", "DET", 2, "det", "O"),
            ("Genfer", "Genfer", "ADJ", 2, "amod", "B-MISC"),
            ("Klimakonferenz", "Klimakonferenz", "NOUN", 11, "nsubj", "I-MISC"),
            (",", ",", "PUNCT", 9, "punct", "O"),
            ("an", "an", "ADP", 5, "case", "O"),
            ("der", "der", "PRON", 9, "obl", "O"),
            ("Ministerin", "Ministerin", "NOUN", 9, "nsubj", "O"),
            ("Ana", "Ana", "PROPN", 6, "appos", "B-PER"),
            ("Ruiz", "Ruiz", "PROPN", 7, "flat", "I-PER"),
            ("teilnimmt", "teilnehmen", "VERB", 2, "acl:relcl", "O"),
            (",", ",", "PUNCT", 9, "punct", "O"),
            ("beginnt", "beginnen", "VERB", 11, "ROOT", "O"),
            (".", ".", "PUNCT", 11, "punct", "O"),
        ],
    )
    doc[5].set_morph("PronType=Rel")
    assert ("Ana Ruiz", "attends", "Genfer Klimakonferenz", "happened", False) in triples(doc)


def test_relations_between_relates_every_pair_and_question_heading_is_possible() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Gespräche zwischen Polen, Litauen und Lettland?\nDer Text folgt.")
    got = {(s, p, o) for s, p, o, mod, _neg in triples(doc)}
    assert got == {
        ("Polen", "negotiatesWith", "Litauen"),
        ("Polen", "negotiatesWith", "Lettland"),
        ("Litauen", "negotiatesWith", "Lettland"),
    }
    assert {mod for *_x, mod, _neg in triples(doc)} == {"possible"}


@pytest.mark.parametrize(
    "det, adj, negated, modality",
    [
        ("keine", "konkreten", True, "denied"),
        ("ein", "mögliches", False, "possible"),
        ("ein", "langes", False, "happened"),
    ],
)
def test_relations_noun_with_counterpart_modality(hand_doc, det, adj, negated, modality) -> None:  # type: ignore[no-untyped-def]
    # "Kanzler Olaf Berg führte <det> <adj> Gespräch mit Polen."
    doc = hand_doc.rows(
        "de",
        [
            ("Kanzler", "Kanzler", "NOUN", 3, "nsubj", "O"),
            ("Olaf", "Olaf", "PROPN", 0, "appos", "B-PER"),
            ("Berg", "Berg", "PROPN", 1, "flat", "I-PER"),
            ("führte", "führen", "VERB", 3, "ROOT", "O"),
            (det, det, "DET", 6, "det", "O"),
            (adj, adj, "ADJ", 6, "amod", "O"),
            ("Gespräch", "Gespräch", "NOUN", 3, "obj", "O"),
            ("mit", "mit", "ADP", 8, "case", "O"),
            ("Polen", "Polen", "PROPN", 6, "nmod", "B-LOC"),
            (".", ".", "PUNCT", 3, "punct", "O"),
        ],
    )
    assert ("Olaf Berg", "spokeWith", "Polen", modality, negated) in triples(doc)


def test_relations_compound_prefix_is_the_agent() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Die Regierung kündigte neue EU-Hilfe für Georgien an.")
    assert ("EU", "supports", "Georgien") in {(s, p, o) for s, p, o, *_ in triples(doc)}


def test_relations_represents_from_titles() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Der polnische Präsident Jan Nowak und NATO-Generalsekretär Tom Berg reisten ab.")
    got = {(s, p, o) for s, p, o, *_ in triples(doc)}
    assert ("Jan Nowak", "represents", "polnische") in got
    assert ("Tom Berg", "represents", "NATO") in got


def test_relations_english_joint_subject_and_with(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "France and Chad held talks. Ann Roe had a meeting with Bo Lin."
    doc = hand_doc.rows(
        "en",
        [
            ("France", "France", "PROPN", 3, "nsubj", "B-GPE"),
            ("and", "and", "CCONJ", 0, "cc", "O"),
            ("Chad", "Chad", "PROPN", 0, "conj", "B-GPE"),
            ("held", "hold", "VERB", 3, "ROOT", "O"),
            ("talks", "talk", "NOUN", 3, "dobj", "O"),
            (".", ".", "PUNCT", 3, "punct", "O"),
            ("Ann", "Ann", "PROPN", 7, "compound", "B-PERSON"),
            ("Roe", "Roe", "PROPN", 8, "nsubj", "I-PERSON"),
            ("had", "have", "VERB", 8, "ROOT", "O"),
            ("a", "a", "DET", 10, "det", "O"),
            ("meeting", "meeting", "NOUN", 8, "dobj", "O"),
            ("with", "with", "ADP", 10, "prep", "O"),
            ("Bo", "Bo", "PROPN", 13, "compound", "B-PERSON"),
            ("Lin", "Lin", "PROPN", 11, "pobj", "I-PERSON"),
            (".", ".", "PUNCT", 8, "punct", "O"),
        ],
    )
    got = {(s, p, o) for s, p, o, *_ in triples(doc)}
    assert ("France", "negotiatesWith", "Chad") in got
    assert ("Ann Roe", "meetsWith", "Bo Lin") in got


def test_relations_english_verb_negated(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Ann Roe did not criticize Bo Lin."
    doc = hand_doc.rows(
        "en",
        [
            ("Ann", "Ann", "PROPN", 1, "compound", "B-PERSON"),
            ("Roe", "Roe", "PROPN", 4, "nsubj", "I-PERSON"),
            ("did", "do", "AUX", 4, "aux", "O"),
            ("not", "not", "PART", 4, "neg", "O"),
            ("criticize", "criticize", "VERB", 4, "ROOT", "O"),
            ("Bo", "Bo", "PROPN", 6, "compound", "B-PERSON"),
            ("Lin", "Lin", "PROPN", 4, "dobj", "I-PERSON"),
            (".", ".", "PUNCT", 4, "punct", "O"),
        ],
    )
    assert ("Ann Roe", "criticizes", "Bo Lin", "denied", True) in triples(doc)


def test_relations_award_received_from_genitive_giver(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Anna Berg erhielt den Literaturpreis der Stadt Köln."
    doc = hand_doc.rows(
        "de",
        [
            ("Anna", "Anna", "PROPN", 2, "nsubj", "B-PER"),
            ("Berg", "Berg", "PROPN", 0, "flat", "I-PER"),
            ("erhielt", "erhalten", "VERB", 2, "ROOT", "O"),
            ("den", "der", "DET", 4, "det", "O"),
            ("Literaturpreis", "Literaturpreis", "NOUN", 2, "obj", "O"),
            ("der", "der", "DET", 6, "det", "O"),
            ("Stadt", "Stadt", "NOUN", 4, "nmod", "O"),
            ("Köln", "Köln", "PROPN", 6, "appos", "B-LOC"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    assert ("Köln", "supports", "Anna Berg", "happened", False) in triples(doc)


def test_relations_relative_clause_read_from_word_order(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # The parser attached "teilnehmen" to the main verb and "der" as an article; the word
    # order ", an der … teilnehmen" still says who takes part in what.
    doc = hand_doc.rows(
        "de",
        [
            ("Sie", "sie", "PRON", 1, "nsubj", "O"),
            ("eröffnet", "eröffnen", "VERB", 1, "ROOT", "O"),
            ("die", "der", "DET", 4, "det", "O"),
            ("Genfer", "Genfer", "ADJ", 4, "amod", "B-MISC"),
            ("Klimakonferenz", "Klimakonferenz", "NOUN", 1, "obj", "I-MISC"),
            (",", ",", "PUNCT", 11, "punct", "O"),
            ("an", "an", "ADP", 8, "case", "O"),
            ("der", "der", "DET", 8, "det", "O"),
            ("auch", "auch", "ADV", 9, "advmod", "O"),
            ("Tom", "Tom", "PROPN", 11, "appos", "B-PER"),
            ("Kerr", "Kerr", "PROPN", 9, "flat", "I-PER"),
            ("teilnimmt", "teilnehmen", "VERB", 1, "advcl", "O"),
            (".", ".", "PUNCT", 1, "punct", "O"),
        ],
    )
    got = triples(doc)
    assert ("Tom Kerr", "attends", "Genfer Klimakonferenz", "happened", False) in got


def test_relations_verb_form_when_lemma_is_wrong_and_passive_label_slip(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # lemmatizer gave "sprochen", parser gave nsubj:pass without a passive auxiliary
    doc = hand_doc.rows(
        "de",
        [
            ("Eva", "Eva", "PROPN", 4, "nsubj:pass", "B-PER"),
            ("Lind", "Lind", "PROPN", 0, "flat", "I-PER"),
            ("hat", "haben", "AUX", 4, "aux", "O"),
            ("mit", "mit", "ADP", 5, "case", "O"),
            ("gesprochen", "sprochen", "VERB", 4, "ROOT", "O"),
            ("Polen", "Polen", "PROPN", 4, "obl", "B-LOC"),
            (".", ".", "PUNCT", 4, "punct", "O"),
        ],
    )
    assert ("Eva Lind", "spokeWith", "Polen", "happened", False) in triples(doc)


def test_relations_talk_about_aid_is_no_support(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Eva Lind sprach über Hilfe für Polen." — aid inside an oblique phrase of "sprechen"
    doc = hand_doc.rows(
        "de",
        [
            ("Eva", "Eva", "PROPN", 2, "nsubj", "B-PER"),
            ("Lind", "Lind", "PROPN", 0, "flat", "I-PER"),
            ("sprach", "sprechen", "VERB", 2, "ROOT", "O"),
            ("über", "über", "ADP", 4, "case", "O"),
            ("Hilfe", "Hilfe", "NOUN", 2, "obl", "O"),
            ("für", "für", "ADP", 6, "case", "O"),
            ("Polen", "Polen", "PROPN", 4, "nmod", "B-LOC"),
            (".", ".", "PUNCT", 2, "punct", "O"),
        ],
    )
    assert not [t for t in triples(doc) if t[1] == "supports"]


def test_relations_members_and_modified_offices_represent_nothing() -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    doc = nlp("Der SPD-Politiker Jan Ott und Vize-Kanzler Eva Lind und SPD-Chef Tom Kerr kamen.")
    got = {(s, p, o) for s, p, o, *_ in triples(doc)}
    assert ("Tom Kerr", "represents", "SPD") in got
    assert not any(o == "SPD" and s in {"Jan Ott", "SPD-Politiker"} for s, _p, o in got)
    assert not any(o == "Vize" for _s, _p, o in got)


def test_relations_coordinated_subjects_of_symmetric_verb(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Ann Roe and Bo Lin met in Oslo." — no object: the subjects met each other
    doc = hand_doc.rows(
        "en",
        [
            ("Ann", "Ann", "PROPN", 1, "compound", "B-PERSON"),
            ("Roe", "Roe", "PROPN", 5, "nsubj", "I-PERSON"),
            ("and", "and", "CCONJ", 1, "cc", "O"),
            ("Bo", "Bo", "PROPN", 4, "compound", "B-PERSON"),
            ("Lin", "Lin", "PROPN", 1, "conj", "I-PERSON"),
            ("met", "meet", "VERB", 5, "ROOT", "O"),
            ("in", "in", "ADP", 5, "prep", "O"),
            ("Oslo", "Oslo", "PROPN", 6, "pobj", "B-GPE"),
            (".", ".", "PUNCT", 5, "punct", "O"),
        ],
    )
    got = {(s, p, o) for s, p, o, *_ in triples(doc)}
    assert ("Ann Roe", "meetsWith", "Bo Lin") in got
    assert not any(o == "Oslo" for _s, _p, o in got)


def test_relations_frame_tables_are_read_only() -> None:
    frames = verb_frames("de")
    with pytest.raises(TypeError):
        frames[("erfinden", "")] = ()  # type: ignore[index]
    assert isinstance(noun_frames("de"), tuple)
