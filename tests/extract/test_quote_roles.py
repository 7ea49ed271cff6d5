"""Roles of a quote besides its text: speaker phrase, addressee, frame and cue parts.

Hand-made German parses (UD labels), so the rules are tested without the trained pipeline;
the spans follow what news text writes: the frame with the comma or colon that separates it
from the quote, the speaker with its apposition but without a relative clause, the addressee
without its preposition.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extract.quotes import quotes
from graphbuild.extract.quotes.attribution import (
    _ambiguous_case_subject,
    _audience_or_message_addressee,
    _channel_phrase_addressee,
    _dependent_addressee,
    _governing_verb,
    _impersonal_source,
    _labelled_subject,
    _object_labelled_subject,
    _phrase_noun,
    _relative_antecedent,
    _subject_candidate,
    _subjectless_conjunct,
    addressee_token,
    cue_extras,
    frame_run,
    phrase_of,
    subject_token,
)
from graphbuild.extract.quotes.context import Context, Cue
from graphbuild.extract.quotes.sources import (
    addressee_of,
    colon_source,
    sentence_subject,
    so_source,
    sources_in,
    speaker_of,
)
from graphbuild.types import Mention


def ctx_of(doc: Doc) -> Context:
    return Context(doc=doc, mentions=[], sents=[], parsed=True, lang="de")


def text(doc: Doc, span: tuple[int, int] | None) -> str | None:
    return None if span is None else doc.text[span[0] : span[1]]


def quote_span(doc: Doc, first: int, last: int) -> list[tuple[int, int]]:
    """Character span of tokens first..last (inclusive)."""
    return [(doc[first].idx, doc[last].idx + len(doc[last]))]


# ---------------------------------------------------------------- frame


def test_frame_keeps_the_colon_and_stops_at_the_quote(hand_doc) -> None:
    doc = hand_doc(
        ["Der", "Sprecher", "sagte", "dazu", ":", "„", "Wir", "bleiben", ".", "“"],
        [1, 2, 2, 2, 2, 7, 7, 2, 7, 7],
        ["det", "nsubj", "ROOT", "advmod", "punct", "punct", "nsubj", "ccomp", "punct", "punct"],
        ["DET", "NOUN", "VERB", "ADV", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    run = frame_run(sent, doc[2], quote_span(doc, 6, 8))
    assert text(doc, run) == "Der Sprecher sagte dazu:"


def test_frame_of_an_inverted_report_has_its_comma_but_no_final_stop(hand_doc) -> None:
    doc = hand_doc(
        ["„", "Wir", "bleiben", "“", ",", "sagte", "Müller", "."],
        [2, 2, 5, 2, 5, 5, 5, 5],
        ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "nsubj", "punct"],
        ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    assert text(doc, frame_run(sent, doc[5], quote_span(doc, 1, 2))) == ", sagte Müller"


def test_frame_stops_at_the_reported_clause_around_a_quoted_fragment(hand_doc) -> None:
    # Struck sagte, die Lage sei „ernst“. — the frame of „ernst“ is the reporting clause
    words = ["Struck", "sagte", ",", "die", "Lage", "sei", "„", "ernst", "“", "."]
    doc = hand_doc(
        words,
        [1, 1, 7, 4, 7, 7, 7, 1, 7, 1],
        ["nsubj", "ROOT", "punct", "det", "nsubj", "cop", "punct", "ccomp", "punct", "punct"],
        ["PROPN", "VERB", "PUNCT", "DET", "NOUN", "AUX", "PUNCT", "ADJ", "PUNCT", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    assert text(doc, frame_run(sent, doc[1], quote_span(doc, 7, 7))) == "Struck sagte,"


def test_frame_keeps_a_quoted_name(hand_doc) -> None:
    # „…“, schreibt die „Zeit“. — the newspaper's name in marks is part of the frame
    words = ["„", "Ja", "“", ",", "schreibt", "die", "„", "Zeit", "“", "."]
    doc = hand_doc(
        words,
        [1, 4, 1, 4, 4, 7, 7, 4, 7, 4],
        ["punct", "ccomp", "punct", "punct", "ROOT", "det", "punct", "nsubj", "punct", "punct"],
        ["PUNCT", "INTJ", "PUNCT", "PUNCT", "VERB", "DET", "PUNCT", "PROPN", "PUNCT", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    spans = quote_span(doc, 1, 1) + quote_span(doc, 7, 7)  # both marked spans, as direct.py
    assert text(doc, frame_run(sent, doc[4], spans)) == ", schreibt die „Zeit“"


# ---------------------------------------------------------------- speaker phrase


def test_speaker_phrase_drops_relative_clause_and_focus_particle(hand_doc) -> None:
    # Auch Anna Berg, die das Gesetz entworfen hatte, sagte, …
    words = ["Auch", "Anna", "Berg", ",", "die", "das", "Gesetz", "entworfen", "hatte", ","]
    words += ["sagte", ",", "dass", "es", "gelte", "."]
    doc = hand_doc(
        words,
        [1, 10, 1, 7, 7, 6, 7, 1, 7, 10, 10, 14, 14, 14, 10, 10],
        "advmod nsubj flat punct nsubj det obj acl aux punct ROOT punct mark nsubj ccomp punct",
        "ADV PROPN PROPN PUNCT PRON DET NOUN VERB AUX PUNCT VERB PUNCT SCONJ PRON VERB PUNCT",
        morphs={4: "PronType=Rel"},
    )
    subj = subject_token(doc[10])
    assert subj is not None and subj.text == "Anna"
    assert text(doc, phrase_of(subj, [doc[10]], [])) == "Anna Berg"


def test_speaker_phrase_keeps_an_apposition_the_parse_left_out(hand_doc) -> None:
    # Max Muster, Sprecher der Polizei, sagte, …  (apposition attached to the verb)
    words = ["Max", "Muster", ",", "Sprecher", "der", "Polizei", ",", "sagte", ",", "dass"]
    words += ["es", "gelte", "."]
    doc = hand_doc(
        words,
        [7, 0, 3, 7, 5, 3, 7, 7, 11, 11, 11, 7, 7],
        "nsubj flat punct obl det nmod punct ROOT punct mark nsubj ccomp punct",
        "PROPN PROPN PUNCT NOUN DET NOUN PUNCT VERB PUNCT SCONJ PRON VERB PUNCT",
    )
    found = speaker_of(ctx_of(doc), Cue(doc[7], None, ()), [])
    assert found is not None and text(doc, found.phrase) == "Max Muster, Sprecher der Polizei"


def test_speaker_in_a_relative_clause_is_the_antecedent_written_as_the_pronoun(hand_doc) -> None:
    # Müller, der sagte, es gelte, …: the mention is Müller, the phrase the pronoun "der"
    words = ["Müller", ",", "der", "sagte", ",", "es", "gelte", ",", "ging", "."]
    doc = hand_doc(
        words,
        [8, 3, 3, 0, 6, 6, 3, 8, 8, 8],
        ["nsubj", "punct", "nsubj", "acl", "punct", "nsubj", "ccomp", "punct", "ROOT", "punct"],
        ["PROPN", "PUNCT", "PRON", "VERB", "PUNCT", "PRON", "VERB", "PUNCT", "VERB", "PUNCT"],
        morphs={2: "PronType=Rel", 6: "Mood=Sub"},
    )
    found = speaker_of(ctx_of(doc), Cue(doc[3], None, ()), [])
    assert found is not None and found.mention.text == "Müller"
    assert text(doc, found.phrase) == "der"


def subject_on_the_auxiliary(hand_doc) -> Doc:
    """Stoiber hatte die Rolle betont: the parse hangs the subject on "hatte" and labels the
    object "die Rolle" nsubj of "betont"."""
    return hand_doc(
        ["Stoiber", "hatte", "die", "Rolle", "betont", "."],
        [1, 4, 3, 4, 4, 4],
        ["nsubj", "aux", "det", "nsubj", "ROOT", "punct"],
        ["PROPN", "AUX", "DET", "NOUN", "VERB", "PUNCT"],
        morphs={1: "VerbForm=Fin", 4: "VerbForm=Part"},
    )


def heisst_es_on_the_website(hand_doc) -> Doc:
    """Es gebe Hoffnung, hieß es auf der Webseite."""
    return hand_doc(
        ["Es", "gebe", "Hoffnung", ",", "hieß", "es", "auf", "der", "Webseite", "."],
        [1, 1, 1, 4, 1, 4, 8, 8, 4, 1],
        ["nsubj", "ROOT", "obj", "punct", "parataxis", "nsubj", "case", "det", "obl", "punct"],
        ["PRON", "VERB", "NOUN", "PUNCT", "VERB", "PRON", "ADP", "DET", "NOUN", "PUNCT"],
    )


def test_subject_on_the_finite_auxiliary_beats_a_misparsed_object(hand_doc) -> None:
    doc = subject_on_the_auxiliary(hand_doc)
    subj = subject_token(doc[4])
    assert subj is not None and subj.text == "Stoiber"


def test_heisst_es_names_no_speaker_but_its_source(hand_doc) -> None:
    alone = hand_doc(
        ["Es", "gebe", "Hoffnung", ",", "hieß", "es", "."],
        [1, 1, 1, 4, 1, 4, 1],
        ["nsubj", "ROOT", "obj", "punct", "parataxis", "nsubj", "punct"],
        ["PRON", "VERB", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"],
    )
    assert subject_token(alone[4]) is None
    sourced = heisst_es_on_the_website(hand_doc)
    source = subject_token(sourced[4])
    assert source is not None and source.text == "Webseite"


# ---------------------------------------------------------------- addressee


def test_addressee_dative_labelled_as_subject(hand_doc) -> None:
    # Er sagte der Zeitung, dass … — the parser calls "der Zeitung" a second subject
    words = ["Er", "sagte", "der", "Zeitung", ",", "dass", "es", "gelte", "."]
    doc = hand_doc(
        words,
        [1, 1, 3, 1, 7, 7, 7, 1, 1],
        ["nsubj", "ROOT", "det", "nsubj", "punct", "mark", "nsubj", "ccomp", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"],
        morphs={0: "PronType=Prs", 3: "Case=Dat|Gender=Fem|Number=Sing"},
    )
    sent = next(iter(doc.sents))
    tok = addressee_token(doc[1], sent, speaker=subject_token(doc[1]))
    assert tok is not None and tok.text == "Zeitung"
    # "der Sprecher" is nominative: never an addressee even when tagged dative
    doc2 = hand_doc(
        ["Er", "sagte", "der", "Sprecher", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "obl", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT"],
        morphs={3: "Case=Dat|Gender=Masc|Number=Sing"},
    )
    assert addressee_token(doc2[1], next(iter(doc2.sents))) is None


def test_addressee_audience_after_vor(hand_doc) -> None:
    words = ["Karsai", "sagte", "vor", "Journalisten", ",", "es", "gelte", "."]
    doc = hand_doc(
        words,
        [1, 1, 3, 1, 6, 6, 1, 1],
        ["nsubj", "ROOT", "case", "obl", "punct", "nsubj", "ccomp", "punct"],
        ["PROPN", "VERB", "ADP", "NOUN", "PUNCT", "PRON", "VERB", "PUNCT"],
    )
    found = addressee_of(ctx_of(doc), Cue(doc[1], None, ()), next(iter(doc.sents)))
    assert found is not None and text(doc, found.phrase) == "Journalisten"


def test_addressee_of_a_message_noun_without_its_preposition(hand_doc) -> None:
    # In einem internen Schreiben an die Mitarbeiter hieß es, …
    words = ["In", "einem", "internen", "Schreiben", "an", "die", "Mitarbeiter", "hieß", "es"]
    words += [",", "es", "gelte", "."]
    doc = hand_doc(
        words,
        [3, 3, 3, 7, 6, 6, 3, 7, 7, 11, 11, 7, 7],
        "case det amod obl case det nmod ROOT nsubj punct nsubj ccomp punct",
        "ADP DET ADJ NOUN ADP DET NOUN VERB PRON PUNCT PRON VERB PUNCT",
    )
    found = addressee_of(ctx_of(doc), Cue(doc[7], None, ()), next(iter(doc.sents)))
    assert found is not None and text(doc, found.phrase) == "die Mitarbeiter"


def test_addressee_fronted_object_of_auffordern_and_passive_subject(hand_doc) -> None:
    # Die Bürger forderte er auf, … — a fronted accusative parsed as a second subject
    doc = hand_doc(
        ["Die", "Bürger", "forderte", "er", "auf", ",", "zu", "wählen", "."],
        [1, 2, 2, 2, 2, 7, 7, 2, 2],
        ["det", "nsubj", "ROOT", "nsubj", "compound:prt", "punct", "mark", "xcomp", "punct"],
        ["DET", "NOUN", "VERB", "PRON", "ADP", "PUNCT", "PART", "VERB", "PUNCT"],
        morphs={3: "PronType=Prs"},
    )
    sent = next(iter(doc.sents))
    assert subject_token(doc[2]).text == "er"  # type: ignore[union-attr]
    tok = addressee_token(doc[2], sent, accusative=True, speaker=subject_token(doc[2]))
    assert tok is not None and tok.text == "Bürger"
    # Die Regierung wurde aufgefordert, … — the passive subject is the one addressed
    doc2 = hand_doc(
        ["Die", "Regierung", "wurde", "aufgefordert", ",", "zu", "handeln", "."],
        [1, 3, 3, 3, 6, 6, 3, 3],
        ["det", "nsubj:pass", "aux:pass", "ROOT", "punct", "mark", "xcomp", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT", "PART", "VERB", "PUNCT"],
    )
    tok2 = addressee_token(doc2[3], next(iter(doc2.sents)), accusative=True)
    assert tok2 is not None and tok2.text == "Regierung"


# ---------------------------------------------------------------- "X: „…“" and cue parts


def test_colon_source_with_and_without_a_verb(hand_doc) -> None:
    words = ["Die", "Firma", "hält", "die", "Kritik", "für", "falsch", ":", "„", "Wir"]
    words += ["lagern", ".", "“"]
    doc = hand_doc(
        words,
        [1, 2, 2, 4, 2, 6, 2, 2, 10, 10, 2, 10, 10],
        "det nsubj ROOT det obj case obl punct punct nsubj parataxis punct punct",
        "DET NOUN VERB DET NOUN ADP ADJ PUNCT PUNCT PRON VERB PUNCT PUNCT",
    )
    start = doc[9].idx
    found = colon_source(ctx_of(doc), start, quote_span(doc, 9, 11))
    assert found is not None
    speaker, frame = found
    assert text(doc, speaker.phrase) == "Die Firma"
    assert text(doc, frame) == "Die Firma hält die Kritik für falsch:"
    bare = hand_doc(
        ["Präsident", "Ziercke", ":", "„", "Wir", "handeln", ".", "“"],
        [1, 5, 5, 5, 5, 5, 5, 5],
        ["compound", "nsubj", "punct", "punct", "nsubj", "ROOT", "punct", "punct"],
        ["NOUN", "PROPN", "PUNCT", "PUNCT", "PRON", "VERB", "PUNCT", "PUNCT"],
    )
    # the quotation's own verb is the root here: the clause before the colon has no verb
    found = colon_source(ctx_of(bare), bare[4].idx, quote_span(bare, 4, 6))
    assert found is not None and text(bare, found[0].phrase) == "Präsident Ziercke"
    # no colon before the quotation: nothing
    assert colon_source(ctx_of(doc), doc[4].idx, []) is None


def test_cue_extras_correlate_reflexive_and_trailing_auxiliary(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "geht", "davon", "aus", ",", "dass", "es", "gelte", "."],
        [1, 1, 1, 1, 7, 7, 7, 1, 1],
        ["nsubj", "ROOT", "advmod", "compound:prt", "punct", "mark", "nsubj", "ccomp", "punct"],
        ["PRON", "VERB", "ADV", "ADP", "PUNCT", "SCONJ", "PRON", "VERB", "PUNCT"],
    )
    assert [t.text for t in cue_extras(doc[1])] == ["davon"]
    # "sagte dazu:" introduces a direct quote, not a clause: "dazu" is no cue part
    doc2 = hand_doc(
        ["Er", "sagte", "dazu", ":", "„", "Ja", "“"],
        [1, 1, 1, 1, 5, 1, 5],
        ["nsubj", "ROOT", "advmod", "punct", "punct", "ccomp", "punct"],
        ["PRON", "VERB", "ADV", "PUNCT", "PUNCT", "INTJ", "PUNCT"],
    )
    assert cue_extras(doc2[1]) == []
    doc3 = hand_doc(
        ["wie", "die", "Polizei", "bekanntgegeben", "hat", "und", "äußerte", "sich"],
        [3, 2, 3, 3, 3, 6, 3, 6],
        ["mark", "det", "nsubj", "ROOT", "aux", "cc", "conj", "obj"],
        ["SCONJ", "DET", "NOUN", "VERB", "AUX", "CCONJ", "VERB", "PRON"],
        morphs={7: "Reflex=Yes"},
    )
    assert [t.text for t in cue_extras(doc3[3])] == ["hat"]
    assert [t.text for t in cue_extras(doc3[6])] == ["sich"]


def test_frame_does_not_swallow_a_quoted_object(hand_doc) -> None:
    # Er nannte ihn einen „Lügner“. — the quoted word is what is framed, not a name
    doc = hand_doc(
        ["Er", "nannte", "ihn", "einen", "„", "Lügner", "“", "."],
        [1, 1, 1, 5, 5, 1, 5, 1],
        ["nsubj", "ROOT", "obj", "det", "punct", "xcomp", "punct", "punct"],
        ["PRON", "VERB", "PRON", "DET", "PUNCT", "NOUN", "PUNCT", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    assert text(doc, frame_run(sent, doc[1], quote_span(doc, 5, 5))) == "Er nannte ihn einen"


def test_source_phrase_with_quoted_name_and_article_less_genitive(hand_doc) -> None:
    from graphbuild.extract.quotes.sources import sources_in

    # Nach Angaben des Magazins „Der Spiegel“ sei er zurückgetreten.
    words = ["Nach", "Angaben", "des", "Magazins", "„", "Der", "Spiegel", "“", "sei", "er"]
    words += ["zurückgetreten", "."]
    doc = hand_doc(
        words,
        [1, 10, 3, 1, 6, 6, 3, 6, 10, 10, 10, 10],
        "case obl det nmod punct det appos punct aux nsubj ROOT punct",
        "ADP NOUN DET NOUN PUNCT DET PROPN PUNCT AUX PRON VERB PUNCT",
    )
    ((cue, spk, frame),) = list(sources_in(ctx_of(doc), next(iter(doc.sents)), []))
    assert cue.token.text == "Nach"
    assert text(doc, spk.phrase) == "Angaben des Magazins „Der Spiegel“"
    assert text(doc, frame) == "Nach Angaben des Magazins „Der Spiegel“"
    # Angaben libanesischer Sicherheitskreise: a genitive without its article
    doc2 = hand_doc(
        ["Nach", "Angaben", "libanesischer", "Sicherheitskreise", "sei", "er", "tot", "."],
        [1, 6, 3, 1, 6, 6, 6, 6],
        ["case", "obl", "amod", "nmod", "cop", "nsubj", "ROOT", "punct"],
        ["ADP", "NOUN", "ADJ", "NOUN", "AUX", "PRON", "ADJ", "PUNCT"],
    )
    ((_, spk2, _),) = list(sources_in(ctx_of(doc2), next(iter(doc2.sents)), []))
    assert text(doc2, spk2.phrase) == "Angaben libanesischer Sicherheitskreise"


def test_subject_of_a_conjunct_is_not_its_object_pronoun(hand_doc) -> None:
    # Die Firma bestätigte es nicht und nannte sie „Spekulation“: "sie" is the object
    words = ["Die", "Firma", "bestätigte", "es", "nicht", "und", "nannte", "sie", "„", "Unsinn"]
    words += ["“", "."]
    doc = hand_doc(
        words,
        [1, 2, 2, 2, 2, 6, 2, 6, 9, 6, 9, 2],
        "det nsubj ROOT obj advmod cc conj nsubj punct xcomp punct punct",
        "DET NOUN VERB PRON PART CCONJ VERB PRON PUNCT NOUN PUNCT PUNCT",
        morphs={7: "PronType=Prs"},
    )
    subj = subject_token(doc[6])
    assert subj is not None and subj.text == "Firma"
    # … und forderten die Regierung auf: a noun after the verb of such a conjunct too
    words = ["Die", "Grünen", "klagten", "und", "forderten", "die", "Regierung", "auf", "."]
    doc2 = hand_doc(
        words,
        [1, 2, 2, 4, 2, 6, 4, 4, 2],
        "det nsubj ROOT cc conj det nsubj compound:prt punct",
        "DET NOUN VERB CCONJ VERB DET NOUN ADP PUNCT",
    )
    subj2 = subject_token(doc2[4])
    assert subj2 is not None and subj2.text == "Grünen"


def test_passive_with_werden_takes_the_agent_not_the_subject(hand_doc) -> None:
    # …, als Suttner von Moderator Keller gefragt wurde, was … — "wurde" labelled plain aux
    words = ["Suttner", "von", "Moderator", "Keller", "gefragt", "wurde", ",", "was", "gelte"]
    doc = hand_doc(
        words,
        [4, 3, 3, 4, 4, 4, 8, 8, 4],
        "nsubj:pass case compound obl ROOT aux punct nsubj ccomp",
        "PROPN ADP NOUN PROPN VERB AUX PUNCT PRON VERB",
        morphs={4: "VerbForm=Part"},
    )
    subj = subject_token(doc[4])
    assert subj is not None and subj.text == "Keller"


# ---------------------------------------------------------------- speakers the parse hides


def test_cue_hung_on_its_subject_noun_has_that_noun_as_speaker(hand_doc) -> None:
    # Wie der Direktor mitteilte, … — the parse makes "mitteilte" an acl of "Direktor"
    doc = hand_doc(
        ["Wie", "der", "Direktor", "mitteilte", ",", "kam", "niemand", "."],
        [3, 2, 5, 2, 5, 5, 5, 5],
        "advmod det nsubj acl punct ROOT nsubj punct",
        "SCONJ DET NOUN VERB PUNCT VERB PRON PUNCT",
        morphs={3: "VerbForm=Fin|Mood=Ind", 5: "VerbForm=Fin|Mood=Ind"},
    )
    found = speaker_of(ctx_of(doc), Cue(doc[3], None, ()), [])
    assert found is not None and text(doc, found.phrase) == "der Direktor"


def test_aus_phrase_of_a_subjectless_cue_is_the_source(hand_doc) -> None:
    # Wie aus Regierungskreisen verlautete, …
    doc = hand_doc(
        ["Wie", "aus", "Regierungskreisen", "verlautete", ",", "kam", "niemand", "."],
        [3, 2, 3, 5, 5, 5, 5, 5],
        "advmod case obl advcl punct ROOT nsubj punct",
        "SCONJ ADP NOUN VERB PUNCT VERB PRON PUNCT",
        morphs={3: "VerbForm=Fin|Mood=Ind"},
    )
    found = speaker_of(ctx_of(doc), Cue(doc[3], None, ()), [])
    assert found is not None and text(doc, found.phrase) == "Regierungskreisen"


def test_subject_inside_the_quotation_is_passed_over(hand_doc) -> None:
    # „Er hat eine eiserne Hand“, so beschrieb ihn der Funktionär. — the parse takes "Hand"
    # (inside the quotation) as subject and labels the real subject obl:arg
    words = ["„", "Er", "hat", "eine", "Hand", "“", ",", "so", "beschrieb", "ihn", "der"]
    words += ["Funktionär", "."]
    doc = hand_doc(
        words,
        [4, 2, 8, 4, 8, 4, 8, 8, 8, 8, 11, 8, 8],
        "punct nsubj dep det nsubj punct punct advmod ROOT obj det obl:arg punct",
        "PUNCT PRON AUX DET NOUN PUNCT PUNCT ADV VERB PRON DET NOUN PUNCT",
        morphs={4: "Case=Nom", 9: "Case=Acc|PronType=Prs", 11: "Case=Nom"},
    )
    found = speaker_of(ctx_of(doc), Cue(doc[8], None, ()), quote_span(doc, 1, 4))
    assert found is not None and text(doc, found.phrase) == "der Funktionär"


def test_sentence_subject_names_a_speaker_but_not_es_or_kein(hand_doc) -> None:
    doc = hand_doc(
        ["Larson", "gab", "sich", "optimistisch", "."],
        [1, 1, 1, 1, 1],
        "nsubj ROOT obj xcomp punct",
        "PROPN VERB PRON ADJ PUNCT",
    )
    found = sentence_subject(ctx_of(doc), doc[:], [])
    assert found is not None and text(doc, found.phrase) == "Larson"
    none = hand_doc(
        ["Kein", "Zugang", "ist", "möglich", "."],
        [1, 3, 3, 3, 3],
        "det nsubj cop ROOT punct",
        "DET NOUN AUX ADJ PUNCT",
        morphs={0: "PronType=Neg"},
    )
    assert sentence_subject(ctx_of(none), none[:], []) is None


def test_nach_with_a_genitive_name_before_the_source_noun(hand_doc) -> None:
    # Nach Grupps Meinung sei das falsch. — the source is the name
    doc = hand_doc(
        ["Nach", "Grupps", "Meinung", "sei", "das", "falsch", "."],
        [2, 2, 5, 5, 5, 5, 5],
        "case nmod obl cop nsubj ROOT punct",
        "ADP PROPN NOUN AUX PRON ADJ PUNCT",
        morphs={3: "Mood=Sub|VerbForm=Fin"},
    )
    found = [spk for _, spk, _ in sources_in(ctx_of(doc), doc[:], [])]
    assert [text(doc, s.phrase) for s in found] == ["Grupps Meinung"]
    assert found[0].mention.text == "Grupps"


def test_so_source_after_a_quotation_leaves_out_adverbs(hand_doc) -> None:
    # „Wir bleiben hier“, so Suttner wörtlich.
    words = ["„", "Wir", "bleiben", "hier", "“", ",", "so", "Suttner", "wörtlich", "."]
    doc = hand_doc(
        words,
        [2, 2, 2, 2, 2, 7, 7, 2, 7, 2],
        "punct nsubj ROOT advmod punct punct advmod parataxis advmod punct",
        "PUNCT PRON VERB ADV PUNCT PUNCT ADV PROPN ADV PUNCT",
    )
    found = so_source(ctx_of(doc), doc[6], doc[:])
    assert found is not None and text(doc, found[0].phrase) == "Suttner"


def test_konjunktiv_sentence_after_a_verb_of_saying_is_that_subjects(hand_doc) -> None:
    # Müller sagte, es regne. Die Firma äußerte sich. Es sei rechtens. — the last sentence
    # continues "Die Firma", not Müller's report further back
    words = ["Müller", "sagte", ",", "es", "regne", ".", "Die", "Firma", "äußerte", "sich", "."]
    words += ["Es", "sei", "rechtens", "."]
    doc = hand_doc(
        words,
        [1, 1, 4, 4, 1, 1, 7, 8, 8, 8, 8, 13, 13, 13, 13],
        "nsubj ROOT punct nsubj ccomp punct det nsubj ROOT obj punct nsubj cop ROOT punct",
        "PROPN VERB PUNCT PRON VERB PUNCT DET NOUN VERB PRON PUNCT PRON AUX ADJ PUNCT",
        morphs={
            1: "VerbForm=Fin|Mood=Ind|Tense=Past",
            4: "VerbForm=Fin|Mood=Sub|Tense=Pres",
            8: "VerbForm=Fin|Mood=Ind|Tense=Past",
            9: "PronType=Prs|Reflex=Yes",
            12: "VerbForm=Fin|Mood=Sub|Tense=Pres",
        },
        lemmas={1: "sagen", 8: "äußern"},
    )
    firma = Mention(doc[6].idx, doc[7].idx + 5, "Die Firma", "ORG", kind="role", sent=1)
    found = {q.text: text(doc, q.speaker_phrase) for q in quotes(doc, [firma], [])}
    assert found == {"es regne": "Müller", "Es sei rechtens.": "Die Firma"}


# ---------------------------------------------------------------- steps of subject_token


def test_labelled_subject_prefers_a_name_and_passes_over_skipped_ids(hand_doc) -> None:
    doc = subject_on_the_auxiliary(hand_doc)
    assert _labelled_subject(doc[4], False, frozenset()).text == "Stoiber"  # type: ignore[union-attr]
    assert _labelled_subject(doc[4], False, frozenset({0})).text == "Rolle"  # type: ignore[union-attr]
    assert _labelled_subject(doc[4], False, frozenset({0, 3})) is None


def test_object_labelled_subject_takes_a_nominative_but_not_a_dative(hand_doc) -> None:
    def doc_with(article: str, case: str) -> Doc:
        return hand_doc(
            [article, "Sprecher", "warnte", "."],
            [1, 2, 2, 2],
            ["det", "obj", "ROOT", "punct"],
            ["DET", "NOUN", "VERB", "PUNCT"],
            morphs={1: f"Case={case}"},
        )

    assert _object_labelled_subject(doc_with("Der", "Nom")[2]).text == "Sprecher"  # type: ignore[union-attr]
    assert _object_labelled_subject(doc_with("Dem", "Dat")[2]) is None


def test_ambiguous_case_subject_and_the_candidate_order(hand_doc) -> None:
    # Dazu äußerte sich der Beauftragte: tagged dative, but "der" can be nominative
    def doc_with(article: str) -> Doc:
        return hand_doc(
            ["Dazu", "äußerte", "sich", article, "Beauftragte", "."],
            [1, 1, 1, 4, 1, 1],
            ["advmod", "ROOT", "obj", "det", "nsubj", "punct"],
            ["ADV", "VERB", "PRON", "DET", "NOUN", "PUNCT"],
            morphs={4: "Case=Dat"},
        )

    ambiguous = doc_with("der")
    assert _labelled_subject(ambiguous[1], False, frozenset()) is None  # dative: oblique
    assert _ambiguous_case_subject(ambiguous[1]).text == "Beauftragte"  # type: ignore[union-attr]
    assert _subject_candidate(ambiguous[1], False, frozenset()).text == "Beauftragte"  # type: ignore[union-attr]
    assert _ambiguous_case_subject(doc_with("dem")[1]) is None


def test_subjectless_conjunct_after_und_takes_the_first_conjuncts_subject(hand_doc) -> None:
    # Die Firma bestätigte und nannte sie falsch: "sie" is the object of "nannte"
    doc = hand_doc(
        ["Die", "Firma", "bestätigte", "und", "nannte", "sie", "falsch", "."],
        [1, 2, 2, 4, 2, 4, 4, 2],
        ["det", "nsubj", "ROOT", "cc", "conj", "nsubj", "xcomp", "punct"],
        ["DET", "NOUN", "VERB", "CCONJ", "VERB", "PRON", "ADJ", "PUNCT"],
    )
    assert _subjectless_conjunct(doc[4], doc[5])
    assert not _subjectless_conjunct(doc[4], doc[1])  # a subject before the verb is its own
    assert subject_token(doc[4]).text == "Firma"  # type: ignore[union-attr]


def test_impersonal_source_names_the_place_or_no_one(hand_doc) -> None:
    sourced = heisst_es_on_the_website(hand_doc)
    assert _impersonal_source(sourced[4], sourced[5]).text == "Webseite"  # type: ignore[union-attr]
    alone = hand_doc(
        ["hieß", "es", "."], [0, 0, 0], ["ROOT", "nsubj", "punct"], ["VERB", "PRON", "PUNCT"]
    )
    assert _impersonal_source(alone[0], alone[1]) is None
    english = hand_doc(
        ["It", "said", "."],
        [1, 1, 1],
        ["nsubj", "ROOT", "punct"],
        ["PRON", "VERB", "PUNCT"],
        lang="en",
    )
    assert _impersonal_source(english[1], english[0]) == english[0]


def test_relative_antecedent_after_a_comma_or_through_the_clause(hand_doc) -> None:
    after_comma = hand_doc(
        ["Celebi", ",", "die", "angab", "."],
        [0, 3, 3, 0, 0],
        ["ROOT", "punct", "nsubj", "acl", "punct"],
        ["PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
        morphs={2: "PronType=Rel"},
    )
    assert _relative_antecedent(after_comma[3], after_comma[2]).text == "Celebi"
    clause = hand_doc(
        ["Minister", "der", "sagte"],
        [0, 2, 0],
        ["ROOT", "nsubj", "acl:relcl"],
        ["NOUN", "PRON", "VERB"],
    )
    assert _relative_antecedent(clause[2], clause[1]).text == "Minister"
    plain = hand_doc(["Er", "sagte"], [1, 1], ["nsubj", "ROOT"], ["PRON", "VERB"])
    assert _relative_antecedent(plain[1], plain[0]) == plain[0]


def test_governing_verb_climbs_conjuncts_infinitives_and_auxiliaries(hand_doc) -> None:
    doc = hand_doc(
        ["Sie", "hat", "versucht", "zu", "sagen", "und", "lachte", "."],
        [2, 2, 2, 4, 2, 6, 2, 2],
        ["nsubj", "aux", "ROOT", "mark", "xcomp", "cc", "conj", "punct"],
        ["PRON", "AUX", "VERB", "PART", "VERB", "CCONJ", "VERB", "PUNCT"],
        morphs={4: "VerbForm=Inf"},
    )
    assert _governing_verb(doc[4]) == doc[2]
    assert _governing_verb(doc[6]) == doc[2]
    assert _governing_verb(doc[2]) is None  # the root has none


# ---------------------------------------------------------------- steps of addressee_token


def test_dependent_addressee_dative_but_not_the_speaker_and_passive_subject(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "sagte", "der", "Zeitung", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "iobj", "punct"],
        ["PRON", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert _dependent_addressee(doc[1], False, doc[0], False) == doc[3]
    assert _dependent_addressee(doc[1], False, doc[3], False) is None  # the speaker itself
    passive = hand_doc(
        ["Die", "Regierung", "wurde", "aufgefordert", "."],
        [1, 3, 3, 3, 3],
        ["det", "nsubj:pass", "aux:pass", "ROOT", "punct"],
        ["DET", "NOUN", "AUX", "VERB", "PUNCT"],
    )
    assert _dependent_addressee(passive[3], True, None, True) == passive[1]
    assert _dependent_addressee(passive[3], True, None, False) is None


def test_audience_or_message_addressee_only_among_the_given_tokens(hand_doc) -> None:
    doc = hand_doc(
        ["Karsai", "sagte", "vor", "Journalisten", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "case", "obl", "punct"],
        ["PROPN", "VERB", "ADP", "NOUN", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    assert _audience_or_message_addressee(doc[1], sent, list(range(5))) == doc[3]
    assert _audience_or_message_addressee(doc[1], sent, []) is None


def test_channel_phrase_addressee_and_the_noun_it_governs(hand_doc) -> None:
    doc = hand_doc(
        ["Er", "sagte", "gegenüber", "der", "Zeitung", "."],
        [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "case", "det", "obl", "punct"],
        ["PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"],
    )
    sent = next(iter(doc.sents))
    assert _phrase_noun(doc[3], doc[2], sent) == doc[4]  # the article climbs to its noun
    assert _channel_phrase_addressee(doc[1], sent, list(range(6))) == doc[4]

    def english(verb: str) -> Doc:
        return hand_doc(
            ["He", verb, "to", "reporters", "."],
            [1, 1, 3, 1, 1],
            ["nsubj", "ROOT", "prep", "pobj", "punct"],
            ["PRON", "VERB", "ADP", "NOUN", "PUNCT"],
            lemmas={1: {"said": "say", "came": "come"}[verb]},
            lang="en",
        )

    said = english("said")
    assert _channel_phrase_addressee(said[1], said[0:5], list(range(5))) == said[3]
    came = english("came")
    assert _channel_phrase_addressee(came[1], came[0:5], list(range(5))) is None
