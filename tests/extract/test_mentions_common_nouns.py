"""Common nouns NER took for names are no name mentions (hand-built Docs)."""

from __future__ import annotations

import pytest

from graphbuild.extract.mentions import mentions, sentences


@pytest.mark.parametrize(
    "word, label, kept",
    [
        ("Marineoberst", "LOC", False),  # a job title compound, tagged PROPN
        ("Militärkreisen", "LOC", False),  # a compound of a source noun ("aus … Kreisen")
        ("Regierungskreisen", "ORG", False),
        ("Oberstdorf", "LOC", True),  # a title inside a place name is no title compound
        ("Marienthal", "LOC", True),
    ],
)
def test_mentions_title_or_source_compound_is_no_name(hand_doc, word, label, kept) -> None:  # type: ignore[no-untyped-def]
    words = ["Aus", word, "verlautete", "es"]
    doc = hand_doc.sentence(
        "de", words, pos=["ADP", "PROPN", "VERB", "PRON"], ents=["O", f"B-{label}", "O", "O"]
    )
    found = [m.text for m in mentions(doc, list(sentences(doc))) if m.kind == "name"]
    assert (word in found) is kept
