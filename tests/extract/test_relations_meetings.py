"""Taking part in events and talks on hand-parsed German sentences (UD labels): matches
placed in an event, a taking-part verb whose event was just named, officials standing for
their countries, envoys sent to talks, and occasions to speak that are no events.

Specs are one token per line, ``word lemma POS head dep entity [morph]`` (absolute head
indices), read by ``facts`` of test_relations_frames.
"""

from __future__ import annotations

import pytest
from test_relations_frames import ROUND_TABLE, facts

IN_FINALS = """
Polen _ PROPN 1 nsubj B-ORG
trifft treffen VERB 1 ROOT O
in _ ADP 4 case O
den der DET 4 det O
Rio-Finals _ PROPN 1 obl B-EVENT
auf _ ADP 7 case O
die der DET 7 det O
Litauen _ PROPN 1 obl B-ORG
. _ PUNCT 1 punct O
"""
# "im Rahmen der Rio-Finals auf Litauen": the parser hangs the opponent on "Rahmen"
WITHIN_FINALS = """
Polen _ PROPN 1 nsubj B-ORG
spielt spielen VERB 1 ROOT O
im in ADP 3 case O
Rahmen _ NOUN 1 obl O
der der DET 5 det O
Rio-Finals _ PROPN 3 nmod B-EVENT
gegen _ ADP 7 case O
Litauen _ PROPN 3 nmod B-ORG
. _ PUNCT 1 punct O
"""
# "trafen in den Rio-Finals auf heftigen Widerstand": no second side, no match
NO_OPPONENT = """
Polen _ PROPN 1 nsubj B-ORG
traf treffen VERB 1 ROOT O
in _ ADP 4 case O
den der DET 4 det O
Rio-Finals _ PROPN 1 obl B-EVENT
auf _ ADP 7 case O
heftigen heftig ADJ 7 amod O
Widerstand _ NOUN 1 obl O
. _ PUNCT 1 punct O
"""
QUALIFIED_AFTER = """
Polen _ PROPN 1 nsubj B-ORG
feierte feiern VERB 1 ROOT O
den der DET 3 det O
Einzug _ NOUN 1 obj O
in _ ADP 6 case O
die der DET 6 det O
Rio-Finals _ PROPN 3 nmod B-EVENT
. _ PUNCT 1 punct O
Vorher _ ADV 12 advmod O
konnte können AUX 12 aux O
sich _ PRON 12 obj O
Litauen _ PROPN 12 nsubj B-ORG
qualifizieren _ VERB 12 ROOT O
. _ PUNCT 12 punct O
"""
# a sending with an object is no taking part in the event just named
SENT_TROOPS_AFTER = """
Polen _ PROPN 1 nsubj B-ORG
feierte feiern VERB 1 ROOT O
die der DET 3 det O
Rio-Finals _ PROPN 1 obj B-EVENT
. _ PUNCT 1 punct O
Litauen _ PROPN 6 nsubj B-LOC
entsandte entsenden VERB 6 ROOT O
Truppen Truppe NOUN 6 obj O
. _ PUNCT 6 punct O
"""
# "Mit den Außenministern Polens und Litauens nehmen Staaten am Rio-Gipfel teil"
OFFICIALS_ALONG = """
Mit _ ADP 2 case O
den der DET 2 det O
Außenministern Außenminister NOUN 6 obl O
Polens Polen PROPN 2 nmod B-LOC
und _ CCONJ 5 cc O
Litauens Litauen PROPN 3 conj B-LOC
nehmen nehmen VERB 6 ROOT O
Staaten Staat NOUN 6 nsubj O
am an ADP 9 case O
Rio-Gipfel _ PROPN 6 obl B-EVENT
teil teil ADP 6 compound:prt O
. _ PUNCT 6 punct O
"""
ENVOY_SENT = (
    ROUND_TABLE.rstrip()
    + """
Lettland _ PROPN 15 nsubj B-LOC
wird werden AUX 15 aux O
seinen sein DET 14 det:poss O
Vize-Außenminister _ NOUN 15 obj O
entsenden _ VERB 15 ROOT O
. _ PUNCT 15 punct O
"""
)
AT_PRESS_CONFERENCE = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
sprach sprechen VERB 2 ROOT O
auf _ ADP 5 case O
einer ein DET 5 det O
{event} _ PROPN 2 obl B-EVENT
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (IN_FINALS, {("Polen", "attends", "Rio-Finals"), ("Litauen", "attends", "Rio-Finals")}),
        (
            WITHIN_FINALS,
            {("Polen", "attends", "Rio-Finals"), ("Litauen", "attends", "Rio-Finals")},
        ),
        (NO_OPPONENT, set()),
    ],
)
def test_relations_match_in_event_both_sides_attend(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    got = {f for f in facts(hand_doc, spec) if f[1] in {"attends", "meetsWith"}}
    assert got == expected


@pytest.mark.parametrize(
    "spec, fact, present",
    [
        (QUALIFIED_AFTER, ("Litauen", "attends", "Rio-Finals"), True),
        (SENT_TROOPS_AFTER, ("Litauen", "attends", "Rio-Finals"), False),
    ],
)
def test_relations_taking_part_in_the_event_just_named(hand_doc, spec, fact, present) -> None:  # type: ignore[no-untyped-def]
    assert (fact in facts(hand_doc, spec)) is present


def test_relations_officials_stand_for_their_countries(hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = {f for f in facts(hand_doc, OFFICIALS_ALONG) if f[1] == "attends"}
    assert got == {("Polens", "attends", "Rio-Gipfel"), ("Litauens", "attends", "Rio-Gipfel")}


def test_relations_envoy_sender_meets_the_participants(hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = facts(hand_doc, ENVOY_SENT)
    meets = {frozenset((s, o)) for s, p, o in got if p == "meetsWith"}
    assert {frozenset(("Lettland", "Polens")), frozenset(("Lettland", "Litauens"))} <= meets


@pytest.mark.parametrize("event, attends", [("Pressekonferenz", False), ("Rio-Gipfel", True)])
def test_relations_press_conference_is_no_event(hand_doc, event, attends) -> None:  # type: ignore[no-untyped-def]
    got = facts(hand_doc, AT_PRESS_CONFERENCE.format(event=event))
    assert (("Eva Lind", "attends", event) in got) is attends


def _encounter_rows(lang: str) -> list[dict[str, str]]:
    from graphbuild.extract.lexicons import rows

    return list(rows("encounter_verbs", lang))


@pytest.mark.parametrize(
    "row", _encounter_rows("de"), ids=lambda r: f"{r['lemma']}+{r['particle']}:{r['opponent']}"
)
def test_relations_every_german_encounter_row(hand_doc, row) -> None:  # type: ignore[no-untyped-def]
    """Each row of encounter_verbs.de.tsv read on "Polen <verb> in den Rio-Finals [prep]
    Litauen [particle]": both sides attend the event."""
    lines = [
        "Polen _ PROPN 1 nsubj B-ORG",
        f"{row['lemma']} {row['lemma']} VERB 1 ROOT O",
        "in _ ADP 4 case O",
        "den der DET 4 det O",
        "Rio-Finals _ PROPN 1 obl B-EVENT",
    ]
    if row["opponent"] == "obj":
        lines.append("Litauen _ PROPN 1 obj B-ORG")
    else:
        lines += [f"{row['opponent']} _ ADP 6 case O", "Litauen _ PROPN 1 obl B-ORG"]
    if row["particle"]:
        lines.append(f"{row['particle']} _ ADP 1 compound:prt O")
    lines.append(". _ PUNCT 1 punct O")
    got = facts(hand_doc, "\n".join(lines))
    assert {("Polen", "attends", "Rio-Finals"), ("Litauen", "attends", "Rio-Finals")} <= got


def test_relations_english_companion_attends(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Poland attended the Rio Summit with Lithuania" (spaCy's English labels: prep → pobj)
    spec = """
Poland _ PROPN 1 nsubj B-GPE
attended attend VERB 1 ROOT O
the _ DET 3 det O
Summit _ PROPN 1 dobj B-EVENT
with _ ADP 1 prep O
Lithuania _ PROPN 4 pobj B-GPE
. _ PUNCT 1 punct O
"""
    got = {f for f in facts(hand_doc, spec, "en") if f[1] == "attends"}
    assert got == {("Poland", "attends", "Summit"), ("Lithuania", "attends", "Summit")}


@pytest.mark.parametrize(
    "verb, lemma, opponent",
    [
        ("faced", "face", ["Lithuania _ PROPN 1 dobj B-ORG"]),
        ("lost", "lose", ["to _ ADP 1 prep O", "Lithuania _ PROPN 2 pobj B-ORG"]),
    ],
)
def test_relations_english_match_in_event(hand_doc, verb, lemma, opponent) -> None:  # type: ignore[no-untyped-def]
    # "Poland faced Lithuania in the Finals", "Poland lost to Lithuania in the Finals"
    n = 2 + len(opponent)
    lines = [
        "Poland _ PROPN 1 nsubj B-ORG",
        f"{verb} {lemma} VERB 1 ROOT O",
        *opponent,
        "in _ ADP 1 prep O",
        f"the _ DET {n + 2} det O",
        f"Finals _ PROPN {n} pobj B-EVENT",
        ". _ PUNCT 1 punct O",
    ]
    got = {f for f in facts(hand_doc, "\n".join(lines), "en") if f[1] == "attends"}
    assert got == {("Poland", "attends", "Finals"), ("Lithuania", "attends", "Finals")}
