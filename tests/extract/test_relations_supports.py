"""Support frames whose recipient the parser misplaces (hand-parsed German, UD labels;
specs as in test_relations_frames)."""

from __future__ import annotations

import pytest
from test_relations_frames import facts

# "Russland liefert Waffen an Syrien": the an-phrase hung on the thing given
ON_OBJECT = """
Russland _ PROPN 1 nsubj B-LOC
liefert liefern VERB 1 ROOT O
Waffen Waffe NOUN 1 obj O
an _ ADP 4 case O
Syrien _ PROPN 2 nmod B-LOC
. _ PUNCT 1 punct O
"""
NONE_ON_OBJECT = """
Russland _ PROPN 1 nsubj B-LOC
liefert liefern VERB 1 ROOT O
keine kein DET 3 det O
Waffen Waffe NOUN 1 obj O
an _ ADP 5 case O
Syrien _ PROPN 3 nmod B-LOC
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (ON_OBJECT, {("Russland", "Syrien")}),
        (NONE_ON_OBJECT, set()),  # negated
    ],
)
def test_relations_recipient_hung_on_the_thing_given(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    assert {(s, o) for s, p, o in facts(hand_doc, spec) if p == "supports"} == expected


# "Tom Berg ist ein Verbündeter von Eva Lind": the role noun heads a copular clause
ALLY = """
Tom _ PROPN 5 nsubj B-PER
Berg _ PROPN 0 flat I-PER
ist sein AUX 5 cop O
ein _ DET 5 det O
enger eng ADJ 5 amod O
Verbündeter _ NOUN 5 ROOT O
von _ ADP 7 case O
Eva _ PROPN 5 nmod B-PER
Lind _ PROPN 7 flat I-PER
. _ PUNCT 5 punct O
"""
NO_ALLY = ALLY.replace("ein _ DET 5 det O", "kein _ DET 5 det O")
# "Tom Berg gilt als Kritiker der Regierung Polens"
CRITIC = """
Tom _ PROPN 2 nsubj B-PER
Berg _ PROPN 0 flat I-PER
gilt gelten VERB 2 ROOT O
als _ ADP 4 case O
Kritiker _ NOUN 2 obl O
der der DET 6 det O
Nordbank _ PROPN 4 nmod B-ORG
. _ PUNCT 2 punct O
"""
# "Tom Berg traf als Kritiker der Nordbank ein": no verb of ascribing, no holder
ARRIVED = CRITIC.replace("gilt gelten VERB", "kam kommen VERB")


@pytest.mark.parametrize(
    "spec, expected",
    [
        (ALLY, {("Tom Berg", "supports", "Eva Lind")}),
        (NO_ALLY, set()),  # negated
        (CRITIC, {("Tom Berg", "criticizes", "Nordbank")}),
        (ARRIVED, set()),
    ],
)
def test_relations_role_noun_predicated_of_its_holder(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    got = {f for f in facts(hand_doc, spec) if f[1] in {"supports", "criticizes"}}
    assert got == expected


# "Polen leistete Chile Hilfe": the dative parsed as a second accusative object
SECOND_OBJECT = """
Polen _ PROPN 1 nsubj B-LOC
leistete leisten VERB 1 ROOT O
Chile _ PROPN 1 obj B-LOC
Hilfe _ NOUN 1 obj O
. _ PUNCT 1 punct O
"""
# "Polen sagte der Ukraine Hilfe zu": the dative hung on the aid noun, the noun a bare obl
ARTICLE_BEFORE = """
Polen _ PROPN 1 nsubj B-LOC
sagte sagen VERB 1 ROOT O
der der DET 3 det O
Ukraine _ PROPN 4 amod B-LOC
Hilfe _ NOUN 1 obl O
zu _ ADP 1 compound:prt O
. _ PUNCT 1 punct O
"""
REFUSED = ARTICLE_BEFORE.replace("sagte sagen VERB", "verweigerte verweigern VERB").replace(
    "zu _ ADP 1 compound:prt O\n", "jetzt _ ADV 1 advmod O\n"
)


@pytest.mark.parametrize(
    "spec, expected",
    [
        (SECOND_OBJECT, {("Polen", "Chile")}),
        (ARTICLE_BEFORE, {("Polen", "Ukraine")}),
        (REFUSED, set()),  # no verb of giving
    ],
)
def test_relations_aid_given_to_a_misparsed_dative(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    assert {(s, o) for s, p, o in facts(hand_doc, spec) if p == "supports"} == expected


# "Polen kämpft an der Seite von Litauen"
AT_SIDE = """
Polen _ PROPN 1 nsubj B-LOC
kämpft kämpfen VERB 1 ROOT O
an _ ADP 4 case O
der der DET 4 det O
Seite _ NOUN 1 obl O
von _ ADP 6 case O
Litauen _ PROPN 4 nmod B-LOC
. _ PUNCT 1 punct O
"""
# "Polen sieht die Schuld auf Seiten von Litauen": where the blame lies, no side taken
BLAME = """
Polen _ PROPN 1 nsubj B-LOC
sieht sehen VERB 1 ROOT O
die der DET 3 det O
Schuld _ NOUN 1 obj O
auf _ ADP 5 case O
Seiten Seite NOUN 1 obl O
von _ ADP 7 case O
Litauen _ PROPN 5 nmod B-LOC
. _ PUNCT 1 punct O
"""
# a compound takes no side: "Polen kämpft an der Westseite von Litauen"
COMPOUND = AT_SIDE.replace("Seite _ NOUN", "Westseite _ NOUN")


@pytest.mark.parametrize(
    "spec, expected",
    [(AT_SIDE, {("Polen", "Litauen")}), (BLAME, set()), (COMPOUND, set())],
)
def test_relations_side_taken(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    assert {(s, o) for s, p, o in facts(hand_doc, spec) if p == "supports"} == expected


# "Polen schickte Truppen zur Unterstützung von Litauen": the phrase hung on the object
PURPOSE = """
Polen _ PROPN 1 nsubj B-LOC
schickte schicken VERB 1 ROOT O
Truppen Truppe NOUN 1 obj O
zur _ ADP 4 case O
Unterstützung _ NOUN 2 nmod O
von _ ADP 6 case O
Litauen _ PROPN 4 nmod B-LOC
. _ PUNCT 1 punct O
"""
# "Polen schickte Truppen zur Unterstützung der Pläne Litauens": a plan, no one supported
PLAN = """
Polen _ PROPN 1 nsubj B-LOC
schickte schicken VERB 1 ROOT O
Truppen Truppe NOUN 1 obj O
zur _ ADP 4 case O
Unterstützung _ NOUN 2 nmod O
der der DET 6 det O
Pläne Plan NOUN 4 nmod O
Litauens Litauen PROPN 6 nmod B-LOC
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize("spec, expected", [(PURPOSE, {("Polen", "Litauen")}), (PLAN, set())])
def test_relations_support_as_the_aim(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    assert {(s, o) for s, p, o in facts(hand_doc, spec) if p == "supports"} == expected


# "France sent troops in support of Mali" (spaCy's English labels)
IN_SUPPORT_OF = """
France _ PROPN 1 nsubj B-GPE
sent send VERB 1 ROOT O
troops troop NOUN 1 dobj O
in _ ADP 1 prep O
support _ NOUN 3 pobj O
of _ ADP 4 prep O
Mali _ PROPN 5 pobj B-GPE
. _ PUNCT 1 punct O
"""


def test_relations_in_support_of(hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = {(s, o) for s, p, o in facts(hand_doc, IN_SUPPORT_OF, lang="en") if p == "supports"}
    assert got == {("France", "Mali")}


# "Polen unterstützt die Pläne Litauens": a plan by its lemma (the plural ends in no listed noun)
PLANS = """
Polen _ PROPN 1 nsubj B-LOC
unterstützt unterstützen VERB 1 ROOT O
die der DET 3 det O
Pläne Plan NOUN 1 obj O
Litauens Litauen PROPN 3 nmod B-LOC
. _ PUNCT 1 punct O
"""


def test_relations_support_of_plans_names_no_one(hand_doc) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in facts(hand_doc, PLANS) if f[1] == "supports"]
    # the same sentence with a work, not a plan, supports its owner
    work = PLANS.replace("Pläne Plan NOUN", "Arbeit Arbeit NOUN")
    assert ("Polen", "supports", "Litauens") in facts(hand_doc, work)
