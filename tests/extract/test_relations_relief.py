"""Helpers and aid goods sent to a place: the sender supports it (hand-parsed German, UD
labels; specs as in test_relations_frames; a headline line first where a case needs it)."""

from __future__ import annotations

import pytest
from test_relations_frames import facts
from test_relations_victims import _article

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.relations import relations

HEADLINE = """
Erdbeben _ NOUN 0 ROOT O
in _ ADP 2 case O
Haiti _ PROPN 0 nmod B-LOC
NEWLINE _ SPACE 2 dep O
"""
# "X kündigte an, die Zahl der Helfer in der Region zu erhöhen"
MORE_HELPERS = """
Caritas _ PROPN 1 nsubj B-ORG
kündigte kündigen VERB 1 ROOT O
an _ ADP 1 compound:prt O
, _ PUNCT 12 punct O
die der DET 5 det O
Zahl _ NOUN 12 obj O
der der DET 7 det O
Helfer _ NOUN 5 nmod O
in _ ADP 10 case O
der der DET 10 det O
Region _ NOUN 7 nmod O
zu _ PART 12 mark O
erhöhen _ VERB 1 xcomp O
. _ PUNCT 1 punct O
"""
SENT_TO = """
Caritas _ PROPN 1 nsubj B-ORG
schickte schicken VERB 1 ROOT O
Helfer _ NOUN 1 obj O
nach _ ADP 4 case O
Chile _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
# the lemmatizer's miss ("entsandte" → entsandt): the listed form still counts
ENVOYED = """
Caritas _ PROPN 1 nsubj B-ORG
entsandte entsandt VERB 1 ROOT O
Helfer _ NOUN 1 obj O
nach _ ADP 4 case O
Chile _ PROPN 2 nmod B-LOC
. _ PUNCT 1 punct O
"""
NOT_SENT = """
Caritas _ PROPN 1 nsubj B-ORG
schickte schicken VERB 1 ROOT O
keine kein DET 3 det O
Helfer _ NOUN 1 obj O
nach _ ADP 5 case O
Chile _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
# a compound not listed helps no country
ELECTION_HELPERS = """
Caritas _ PROPN 1 nsubj B-ORG
schickte schicken VERB 1 ROOT O
Wahlhelfer _ NOUN 1 obj O
nach _ ADP 4 case O
Chile _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
# "Polen verweigerte den Helfern die Einreise nach Chile": no verb of sending
REFUSED = """
Polen _ PROPN 1 nsubj B-LOC
verweigerte verweigern VERB 1 ROOT O
den der DET 3 det O
Helfern Helfer NOUN 1 iobj O
die der DET 5 det O
Einreise _ NOUN 1 obj O
nach _ ADP 7 case O
Chile _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
# goods with their owner: "Hilfsgüter der Caritas trafen in Chile ein"
OWNER = """
Hilfsgüter Hilfsgut NOUN 3 nsubj O
der der DET 2 det O
Caritas _ PROPN 0 nmod B-ORG
trafen treffen VERB 3 ROOT O
in _ ADP 5 case O
Chile _ PROPN 3 obl B-LOC
ein _ ADP 3 compound:prt O
. _ PUNCT 3 punct O
"""


def _supports(hand_doc, *parts: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    if HEADLINE not in parts:
        return {(s, o) for s, p, o in facts(hand_doc, _article(*parts)) if p == "supports"}
    rows = []
    for line in _article(*parts).splitlines():
        word, lemma, pos, head, dep, ent = line.split()
        word = "\n" if word == "NEWLINE" else word  # ends the headline's line
        rows.append((word, word if lemma == "_" else lemma, pos, int(head), dep, ent))
    doc = hand_doc.rows("de", rows)
    sents = list(sentences(doc))
    return {
        (r.subject.text, r.object.text)
        for r in relations(doc, list(mentions(doc, sents)), sents)
        if r.predicate == "supports" and not r.negated
    }


@pytest.mark.parametrize(
    "parts, expected",
    [
        ((SENT_TO,), {("Caritas", "Chile")}),  # "X schickte Helfer nach Y"
        ((OWNER,), {("Caritas", "Chile")}),
        (
            (ENVOYED,),
            {("Caritas", "Chile")},
        ),  # the place on the noun, an inflected form  # the goods' owner sent them
        ((HEADLINE, MORE_HELPERS), {("Caritas", "Haiti")}),  # "die Region": the headline's place
        ((MORE_HELPERS,), set()),  # no headline place: "die Region" names none
        ((NOT_SENT,), set()),  # negated
        ((ELECTION_HELPERS,), set()),
        ((REFUSED,), set()),
    ],
)
def test_relations_relief_sent_to_a_place(hand_doc, parts, expected) -> None:  # type: ignore[no-untyped-def]
    assert _supports(hand_doc, *parts) == expected


# spaCy's English labels: "to" as the verb's dative
ENGLISH = """
Germany _ PROPN 1 nsubj B-GPE
sent send VERB 1 ROOT O
rescuers rescuer NOUN 1 dobj O
to _ ADP 1 dative O
Haiti _ PROPN 3 pobj B-GPE
. _ PUNCT 1 punct O
"""
ENGLISH_ARRESTED = ENGLISH.replace("sent send VERB", "arrested arrest VERB")


@pytest.mark.parametrize(
    "spec, expected", [(ENGLISH, {("Germany", "Haiti")}), (ENGLISH_ARRESTED, set())]
)
def test_relations_relief_english(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    got = {(s, o) for s, p, o in facts(hand_doc, spec, lang="en") if p == "supports"}
    assert got == expected
