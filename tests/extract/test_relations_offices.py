"""represents: every way German and English name an office with its country or organisation."""

from __future__ import annotations

import pytest
import spacy

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.relations import relations


@pytest.fixture(scope="module")
def nlp_de():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def represents(nlp, text, names=()):  # type: ignore[no-untyped-def]
    """represents pairs found in ``text``; ``names`` are (surface, label) entities to mark."""
    doc = nlp(text)
    doc.ents = [
        doc.char_span(text.index(n), text.index(n) + len(n), label=label) for n, label in names
    ]
    sents = list(sentences(doc))
    ms = list(mentions(doc, sents))
    return {
        (r.subject.text, r.object.text)
        for r in relations(doc, ms, sents)
        if r.predicate == "represents"
    }


@pytest.mark.parametrize(
    "text, expected, labels",
    [
        # compound
        ("Der NATO-Generalsekretär Tom Berg reiste ab.", ("Tom Berg", "NATO"), ()),
        # adjective
        ("Der polnische Präsident Jan Nowak reiste ab.", ("Jan Nowak", "polnische"), ()),
        # genitive before the title
        ("Dort sprach Polens Präsident Jan Nowak.", ("Jan Nowak", "Polens"), ()),
        # von-attribute after, holder in apposition before
        ("Gestern kam Tim Kerr, Gouverneur von Texas, an.", ("Tim Kerr", "Texas"), ("PER", "LOC")),
        # genitive attribute, holder after a comma
        ("Der Generalsekretär der NATO, Tom Berg, reiste ab.", ("Tom Berg", "NATO"), ()),
        # a short attribute between the office and its holder
        ("Die Vorsitzende der SPD im Landtag, Eva Lind, kam.", ("Eva Lind", "SPD"), ("PER", "ORG")),
    ],
)
def test_relations_offices_name_their_organisation(nlp_de, text, expected, labels) -> None:  # type: ignore[no-untyped-def]
    assert expected in represents(nlp_de, text, zip(expected, labels, strict=False))


@pytest.mark.parametrize(
    "text",
    [
        "Der ehemalige polnische Präsident Jan Nowak reiste ab.",  # former office
        "Der SPD-Politiker Jan Ott reiste ab.",  # a member: affiliation only
        "Der Präsident Jan Nowak reiste ab.",  # an office without its country
        "Er gilt als Kandidat der SPD.",  # a role ascribed, no holder named
        "Der Präsident der NATO sagte am Montag, Tom Berg habe recht.",  # a clause between
    ],
)
def test_relations_offices_that_represent_nothing(nlp_de, text) -> None:  # type: ignore[no-untyped-def]
    got = represents(nlp_de, text)
    assert not {
        (s, o)
        for s, o in got
        if s in {"Jan Nowak", "Jan Ott", "Tom Berg"} or s.startswith("Kandidat")
    }


def relations_of(nlp, text, names):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    doc.ents = [
        doc.char_span(text.index(n), text.index(n) + len(n), label=label) for n, label in names
    ]
    sents = list(sentences(doc))
    ms = list(mentions(doc, sents))
    return {(r.subject.text, r.predicate, r.object.text) for r in relations(doc, ms, sents)}


@pytest.mark.parametrize(
    "text, names, expected",
    [
        # genitive of a name the article uses elsewhere, holder in apposition
        (
            "Tom Berg schwieg. Bergs Verteidiger Jan Ott sprach.",
            [("Tom Berg", "PER"), ("Jan Ott", "PER")],
            ("Jan Ott", "supports", "Tom Berg"),
        ),
        # holder before, owner in a genitive attribute
        (
            "Jan Ott, ein Kritiker der NATO, sprach.",
            [("Jan Ott", "PER"), ("NATO", "ORG")],
            ("Jan Ott", "criticizes", "NATO"),
        ),
        # a participant or winner of an event attends it
        (
            "Jan Ott, der Sieger des Rio-Turniers, sprach.",
            [("Jan Ott", "PER"), ("Rio-Turniers", "EVENT")],
            ("Jan Ott", "attends", "Rio-Turniers"),
        ),
    ],
)
def test_relations_role_nouns_relate_holder_and_owner(nlp_de, text, names, expected) -> None:  # type: ignore[no-untyped-def]
    assert expected in relations_of(nlp_de, text, names)


def test_relations_role_noun_without_named_holder(nlp_de) -> None:  # type: ignore[no-untyped-def]
    got = relations_of(nlp_de, "Die Kritiker der NATO sprachen.", [("NATO", "ORG")])
    assert not [f for f in got if f[1] == "criticizes"]


def test_relations_party_office_takes_the_party_the_text_is_about(hand_doc) -> None:  # type: ignore[no-untyped-def]
    """ "Die SPD lehnt ab. Dies bestätigte der Parteivorsitzende Tom Berg": the subject party."""
    rows = [
        ("Die", "der", "DET", 1, "det", "O"),
        ("SPD", "SPD", "PROPN", 2, "nsubj", "B-ORG"),
        ("lehnt", "lehnen", "VERB", 2, "ROOT", "O"),
        ("ab", "ab", "ADP", 2, "compound:prt", "O"),
        (".", ".", "PUNCT", 2, "punct", "O"),
        ("Dies", "dies", "PRON", 6, "obj", "O"),
        ("bestätigte", "bestätigen", "VERB", 6, "ROOT", "O"),
        ("der", "der", "DET", 8, "det", "O"),
        ("Parteivorsitzende", "Parteivorsitzender", "NOUN", 6, "nsubj", "O"),
        ("Tom", "Tom", "PROPN", 8, "appos", "B-PER"),
        ("Berg", "Berg", "PROPN", 9, "flat", "I-PER"),
        (".", ".", "PUNCT", 6, "punct", "O"),
    ]
    doc = hand_doc.rows("de", rows)
    sents = list(sentences(doc))
    ms = list(mentions(doc, sents))
    got = {(r.subject.text, r.predicate, r.object.text) for r in relations(doc, ms, sents)}
    assert ("Tom Berg", "represents", "SPD") in got


def _role_rows() -> list[dict[str, str]]:
    from graphbuild.extract.lexicons import rows

    return list(rows("role_nouns", "de"))


@pytest.mark.parametrize("row", _role_rows(), ids=lambda r: r["noun"])
def test_relations_every_german_role_noun_row(nlp_de, row) -> None:  # type: ignore[no-untyped-def]
    """Each row of role_nouns.de.tsv read on "Jan Ott, ein <Noun> der NATO, sprach." (an
    event owner for attends)."""
    owner, label = ("Rio-Gipfels", "EVENT") if row["predicate"] == "attends" else ("NATO", "ORG")
    text = f"Jan Ott, ein {row['noun'].capitalize()} der {owner}, sprach."
    got = relations_of(nlp_de, text, [("Jan Ott", "PER"), (owner, label)])
    assert ("Jan Ott", row["predicate"], owner) in got
