"""Verdicts on hand-parsed German sentences: evaluative naming, demands and rebuttals
(``verdict_verbs`` / ``verdict_words``)."""

from __future__ import annotations

import pytest
from test_relations_frames import facts

NAMING_ALS = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
bezeichnete bezeichnen VERB 2 ROOT O
Polen _ PROPN 2 obj B-LOC
als _ ADP 5 case O
Gefahr _ NOUN 2 obl O
. _ PUNCT 2 punct O
"""
# the parser hangs "als X" on the object it describes
NAMING_ON_OBJECT = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
bezeichnete bezeichnen VERB 2 ROOT O
die der DET 5 det O
polnische polnisch ADJ 5 amod O
Operation _ NOUN 2 obj O
als _ ADP 7 case O
Völkerrechtsverstoß _ NOUN 5 nmod O
. _ PUNCT 2 punct O
"""
HOLDS_FOR = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
hält halten VERB 2 ROOT O
Tom _ PROPN 2 obj B-PER
Berg _ PROPN 3 flat I-PER
für _ ADP 6 case O
gefährlich _ ADJ 2 obl O
. _ PUNCT 2 punct O
"""
# the parser read the target as a second subject
HOLDS_FOR_TWO_SUBJECTS = HOLDS_FOR.replace("Tom _ PROPN 2 obj", "Tom _ PROPN 2 nsubj")
HOLDS_HARMLESS = HOLDS_FOR.replace("gefährlich _ ADJ", "ungefährlich _ ADJ")
PRAISE = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
bezeichnete bezeichnen VERB 2 ROOT O
Polen _ PROPN 2 obj B-LOC
als _ ADP 7 case O
junge jung ADJ 7 amod O
mutige mutig ADJ 5 conj O
Demokratie _ NOUN 2 obl O
. _ PUNCT 2 punct O
"""
DEMAND = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
fordert fordern VERB 2 ROOT O
den der DET 4 det O
Rücktritt _ NOUN 2 obj O
von _ ADP 6 case O
Tom _ PROPN 4 nmod B-PER
Berg _ PROPN 6 flat I-PER
. _ PUNCT 2 punct O
"""
DEMAND_RELEASE = DEMAND.replace("Rücktritt _ NOUN", "Freilassung _ NOUN")
DEMAND_OF_PERSON = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
forderte fordern VERB 2 ROOT O
Tom _ PROPN 2 obj B-PER
Berg _ PROPN 3 flat I-PER
zum zu ADP 6 case O
Rücktritt _ NOUN 2 obl O
auf _ ADP 2 compound:prt O
. _ PUNCT 2 punct O
"""
REBUTTAL = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
weist weisen VERB 2 ROOT O
die der DET 5 det O
polnischen polnisch ADJ 5 amod O
Anschuldigungen Anschuldigung NOUN 2 obj O
zurück _ ADV 2 compound:prt O
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (NAMING_ALS, {("Eva Lind", "criticizes", "Polen")}),
        (NAMING_ON_OBJECT, {("Eva Lind", "criticizes", "polnische")}),
        (HOLDS_FOR, {("Eva Lind", "criticizes", "Tom Berg")}),
        (HOLDS_FOR_TWO_SUBJECTS, {("Eva Lind", "criticizes", "Tom Berg")}),
        (HOLDS_HARMLESS, set()),
        (PRAISE, {("Eva Lind", "supports", "Polen")}),
        (DEMAND, {("Eva Lind", "criticizes", "Tom Berg")}),
        (DEMAND_RELEASE, set()),
        (DEMAND_OF_PERSON, {("Eva Lind", "criticizes", "Tom Berg")}),
        (REBUTTAL, {("Eva Lind", "criticizes", "polnischen")}),
    ],
)
def test_verdicts_relate_judge_and_target(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, spec) if f[1] in {"criticizes", "supports"}}
    assert found == expected


# "weil die Regierung Polen nach dem Krieg mit Litauen als Gefahr bezeichnet": the parser
# made the object an apposition of the subject; word order names it
NAMING_LOST_OBJECT = """
Eva _ PROPN 7 nsubj B-PER
Lind _ PROPN 0 flat I-PER
Polen _ PROPN 0 appos B-LOC
nach _ ADP 4 case O
Krieg _ NOUN 7 obl O
mit _ ADP 6 case O
Litauen _ PROPN 4 nmod B-LOC
bezeichnet bezeichnen VERB 7 ROOT O
als _ ADP 9 case O
Gefahr _ NOUN 7 obl O
. _ PUNCT 7 punct O
"""


def test_verdict_object_by_word_order(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, NAMING_LOST_OBJECT) if f[1] == "criticizes"}
    assert found == {("Eva Lind", "criticizes", "Polen")}


ACCUSERS = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
kritisierte kritisieren VERB 2 ROOT O
die der DET 4 det O
Gewalt _ NOUN 2 obj O
. _ PUNCT 2 punct O
Die der DET 7 det O
Vorwürfe Vorwurf NOUN 8 nsubj O
richten richten VERB 8 ROOT O
sich _ PRON 8 obj O
gegen _ ADP 11 case O
Polen _ PROPN 8 obl B-LOC
und _ CCONJ 15 cc O
gegen _ ADP 15 case O
die der DET 15 det O
Hamas _ PROPN 11 conj B-ORG
. _ PUNCT 8 punct O
"""
OWN_ACCUSER = """
Die der DET 1 det O
Vorwürfe Vorwurf NOUN 4 nsubj O
der der DET 3 det O
UNO _ PROPN 1 nmod B-ORG
galten gelten VERB 4 ROOT O
Polen _ PROPN 4 iobj B-LOC
. _ PUNCT 4 punct O
"""
NO_ACCUSER = ACCUSERS.replace("kritisierte kritisieren", "besuchte besuchen")
SOURCE = """
Kritik _ NOUN 3 nsubj O
an _ ADP 2 case O
Polen _ PROPN 0 nmod B-LOC
kam kommen VERB 3 ROOT O
von _ ADP 5 case O
UNO _ PROPN 3 obl B-ORG
. _ PUNCT 3 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (ACCUSERS, {("Eva Lind", "criticizes", "Polen"), ("Eva Lind", "criticizes", "Hamas")}),
        (OWN_ACCUSER, {("UNO", "criticizes", "Polen")}),
        (NO_ACCUSER, set()),
        (SOURCE, {("UNO", "criticizes", "Polen")}),
        (SOURCE.replace("Kritik _ NOUN", "Hilfe _ NOUN"), set()),
    ],
)
def test_accusation_as_subject_targets_its_gegen_phrases(
    hand_doc, spec: str, expected: set
) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, spec) if f[1] == "criticizes"}
    assert found == expected


# "Eva Lind setzt sich dafür ein, dass die Hamas nicht länger als Terrorgruppe gilt": the
# parser hung "dass" and the subject on "länger", not on the clause's verb
CLAUSE_MARK_INSIDE = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
setzt setzen VERB 2 ROOT O
sich _ PRON 2 obj O
dafür _ ADV 2 advmod O
ein _ ADP 2 compound:prt O
, _ PUNCT 13 punct O
dass _ SCONJ 10 mark O
die der DET 9 det O
Hamas _ PROPN 10 nsubj B-ORG
länger lang ADJ 13 advmod O
als _ ADP 12 case O
Terrorgruppe _ NOUN 13 obl O
gilt gelten VERB 2 conj O
. _ PUNCT 2 punct O
"""


def test_support_for_a_dass_clause_subject(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, CLAUSE_MARK_INSIDE) if f[1] == "supports"}
    assert found == {("Eva Lind", "supports", "Hamas")}


MEDIATION_NOUN = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
bemühte bemühen VERB 2 ROOT O
sich _ PRON 2 obj O
um _ ADP 5 case O
Vermittlung _ NOUN 2 obl O
zwischen _ ADP 7 case O
Polen _ PROPN 5 nmod B-LOC
und _ CCONJ 9 cc O
Litauen _ PROPN 7 conj B-LOC
. _ PUNCT 2 punct O
"""
MEDIATION_VERB = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
vermittelte vermitteln VERB 2 ROOT O
zwischen _ ADP 4 case O
Polen _ PROPN 2 obl B-LOC
und _ CCONJ 6 cc O
Litauen _ PROPN 4 conj B-LOC
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (
            MEDIATION_NOUN,
            {
                ("Eva Lind", "negotiatesWith", "Polen"),
                ("Eva Lind", "negotiatesWith", "Litauen"),
                ("Polen", "negotiatesWith", "Litauen"),
            },
        ),
        (
            MEDIATION_VERB,
            {("Eva Lind", "negotiatesWith", "Polen"), ("Eva Lind", "negotiatesWith", "Litauen")},
        ),
        (MEDIATION_NOUN.replace("Vermittlung _", "Gewalt _"), set()),
    ],
)
def test_mediator_negotiates_with_each_side(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "negotiatesWith"} == expected


# "Von Seiten der UNO war Polen vorgeworfen worden, …": the dative read as passive subject
PASSIVE_DATIVE = """
Von _ ADP 1 case O
Seiten Seite NOUN 6 obl O
der der DET 3 det O
UNO _ PROPN 1 nmod B-ORG
war sein AUX 6 aux:pass O
Polen _ PROPN 6 nsubj:pass B-LOC
vorgeworfen vorwerfen VERB 6 ROOT O
worden werden AUX 6 aux:pass O
. _ PUNCT 6 punct O
"""


def test_passive_reproach_keeps_its_dative(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, PASSIVE_DATIVE) if f[1] == "criticizes"}
    assert found == {("UNO", "criticizes", "Polen")}


OPEN_LETTER = """
Die der DET 1 det O
UNO _ PROPN 2 nsubj B-ORG
warnte warnen VERB 2 ROOT O
Tom _ PROPN 2 obj B-PER
Berg _ PROPN 3 flat I-PER
in _ ADP 8 case O
einem ein DET 8 det O
offenen offen ADJ 8 amod O
Brief _ NOUN 2 obl O
. _ PUNCT 2 punct O
Der der DET 11 det O
Brief _ NOUN 15 nsubj:pass O
wurde werden AUX 15 aux:pass O
von _ ADP 14 case O
Eva _ PROPN 15 obl B-PER
unterzeichnet unterzeichnen VERB 15 ROOT O
. _ PUNCT 15 punct O
"""
FRIENDLY_LETTER = OPEN_LETTER.replace("warnte warnen", "schrieb schreiben").replace(
    "Tom _ PROPN 2 obj", "Tom _ PROPN 2 iobj"
)
PROTEST_LETTER = FRIENDLY_LETTER.replace("Brief _ NOUN 2 obl", "Protestbrief _ NOUN 2 obj")


@pytest.mark.parametrize(
    "spec, expected",
    [
        (OPEN_LETTER, {("UNO", "criticizes", "Tom Berg"), ("Eva", "criticizes", "Tom Berg")}),
        (FRIENDLY_LETTER, set()),
        (PROTEST_LETTER, {("UNO", "criticizes", "Tom Berg"), ("Eva", "criticizes", "Tom Berg")}),
    ],
)
def test_signers_of_a_critical_letter_criticise_its_addressee(
    hand_doc, spec: str, expected: set
) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "criticizes"} == expected


# "Des Weiteren wirft die UNO der Regierung Polens vor, …" as a parser reads it
FRONTED_ADVERBIAL = """
Des der DET 1 det O
Weiteren Weitere NOUN 2 nsubj O
wirft werfen VERB 2 ROOT O
die der DET 4 det O
UNO _ PROPN 2 obj B-ORG Case=Nom
der der DET 6 det O
Kommission _ NOUN 4 nmod B-ORG
vor _ ADP 2 compound:prt O
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (FRONTED_ADVERBIAL, {("UNO", "criticizes", "Kommission")}),
        (
            FRONTED_ADVERBIAL.replace(
                "UNO _ PROPN 2 obj B-ORG Case=Nom", "UNO _ PROPN 2 obj B-ORG"
            ),
            set(),
        ),
    ],
)
def test_reproach_after_a_fronted_adverbial(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "criticizes"} == expected


EN_CALLED = """
Poland _ PROPN 1 nsubj B-GPE
called call VERB 1 ROOT O
Lithuania _ PROPN 1 dobj B-GPE
a _ DET 4 det O
threat _ NOUN 1 oprd O
. _ PUNCT 1 punct O
"""
EN_DESCRIBED = """
Poland _ PROPN 1 nsubj B-GPE
described describe VERB 1 ROOT O
Lithuania _ PROPN 1 dobj B-GPE
as _ ADP 1 prep O
dangerous _ ADJ 3 pobj O
. _ PUNCT 1 punct O
"""
EN_DEMANDED = """
Poland _ PROPN 1 nsubj B-GPE
demanded demand VERB 1 ROOT O
the _ DET 3 det O
resignation _ NOUN 1 dobj O
of _ ADP 3 prep O
Tom _ PROPN 4 pobj B-PER
Berg _ PROPN 5 flat I-PER
. _ PUNCT 1 punct O
"""
EN_REJECTED = EN_DEMANDED.replace("demanded demand", "rejected reject").replace(
    "resignation _ NOUN", "accusations _ NOUN"
)


@pytest.mark.parametrize(
    "spec, expected",
    [
        (EN_CALLED, {("Poland", "criticizes", "Lithuania")}),
        (EN_DESCRIBED, {("Poland", "criticizes", "Lithuania")}),
        (EN_DEMANDED, {("Poland", "criticizes", "Tom Berg")}),
        (EN_REJECTED, {("Poland", "criticizes", "Tom Berg")}),
    ],
)
def test_english_verdicts(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec, "en") if f[1] == "criticizes"} == expected


AID_RECEIVED = """
Polen _ PROPN 1 nsubj B-LOC
erhielt erhalten VERB 1 ROOT O
Militärhilfe _ NOUN 1 obj O
von _ ADP 4 case O
Litauen _ PROPN 2 nmod B-LOC
. _ PUNCT 1 punct O
"""
AID_USED = """
Polen _ PROPN 1 nsubj B-LOC
baute bauen VERB 1 ROOT O
mit _ ADP 3 case O
Unterstützung _ NOUN 1 obl O
Litauens Litauen PROPN 3 nmod B-LOC
das der DET 6 det O
Kraftwerk _ NOUN 1 obj O
. _ PUNCT 1 punct O
"""

# "Tom Berg wurde mit Unterstützung Litauens festgenommen": the subject is the patient,
# also when the parser gave the passive auxiliary a plain "aux"
AID_PASSIVE = """
Tom _ PROPN 6 nsubj B-PER
Berg _ PROPN 0 flat I-PER
wurde werden AUX 6 aux O
mit _ ADP 4 case O
Unterstützung _ NOUN 6 obl O
Litauens Litauen PROPN 4 nmod B-LOC
festgenommen festnehmen VERB 6 ROOT O VerbForm=Part
. _ PUNCT 6 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (AID_RECEIVED, {("Litauen", "supports", "Polen")}),
        (AID_RECEIVED.replace("erhielt erhalten", "verweigerte verweigern"), set()),
        (AID_USED, {("Litauens", "supports", "Polen")}),
        (AID_USED.replace("mit _ ADP", "ohne _ ADP"), set()),
        (AID_PASSIVE, set()),
    ],
)
def test_aid_received_or_used(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "supports"} == expected


# "Die Gespräche Polens und Litauens mit Lettland begannen": every coordinated genitive acts
TALKS_OF_SEVERAL = """
Die der DET 1 det O
Gespräche Gespräch NOUN 7 nsubj O
Polens Polen PROPN 1 nmod B-LOC
und _ CCONJ 4 cc O
Litauens Litauen PROPN 2 conj B-LOC
mit _ ADP 6 case O
Lettland _ PROPN 1 nmod B-LOC
begannen beginnen VERB 7 ROOT O
. _ PUNCT 7 punct O
"""


def test_talks_of_coordinated_genitives(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, TALKS_OF_SEVERAL) if f[1] == "negotiatesWith"}
    assert found == {
        ("Polens", "negotiatesWith", "Lettland"),
        ("Litauens", "negotiatesWith", "Lettland"),
    }


AID_GIVEN = """
Polen _ PROPN 1 nsubj B-LOC
sagte sagen VERB 1 ROOT O
Litauen _ PROPN 1 iobj B-LOC
Hilfe _ NOUN 1 obj O
zu _ ADP 1 compound:prt O
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (AID_GIVEN, {("Polen", "supports", "Litauen")}),
        (AID_GIVEN.replace("1 iobj B-LOC", "1 obl:arg B-LOC"), {("Polen", "supports", "Litauen")}),
        (AID_GIVEN.replace("1 iobj B-LOC", "1 nsubj B-LOC"), {("Polen", "supports", "Litauen")}),
        (AID_GIVEN.replace("Hilfe _ NOUN", "Waffen _ NOUN"), set()),
        (AID_GIVEN.replace("sagte sagen", "verweigerte verweigern"), set()),
    ],
)
def test_aid_given_to_a_dative(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "supports"} == expected


MANDATE = """
Tom _ PROPN 2 nsubj B-PER
Berg _ PROPN 0 flat I-PER
reiste reisen VERB 2 ROOT O
im in ADP 4 case O
Auftrag _ NOUN 2 obl O
der der DET 6 det O
UNO _ PROPN 4 nmod B-ORG
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (MANDATE, {("UNO", "instructs", "Tom Berg")}),
        (MANDATE.replace("im in ADP", "ohne _ ADP"), set()),
        (
            MANDATE.replace(
                "im in ADP 4 case O\nAuftrag _ NOUN", "auf _ ADP 4 case O\nBefehl _ NOUN"
            ),
            {("UNO", "instructs", "Tom Berg")},
        ),
    ],
)
def test_order_in_an_adverbial(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "instructs"} == expected


# "Eva Lind kritisierte, dass Tom Berg für Hetze bekannt sei": an adjectival clause keeps
# its own subject
CLAUSE_ADJECTIVE = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
kritisierte kritisieren VERB 2 ROOT O
, _ PUNCT 7 punct O
dass _ SCONJ 7 mark O
Tom _ PROPN 7 nsubj B-PER
Berg _ PROPN 5 flat I-PER
bekannt _ ADJ 2 ccomp O
sei sein AUX 7 aux O
. _ PUNCT 2 punct O
"""


def test_criticised_clause_keeps_its_own_subject(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, CLAUSE_ADJECTIVE) if f[1] == "criticizes"}
    assert found == {("Eva Lind", "criticizes", "Tom Berg")}


# "Ein Erkundungsteam der UNO reiste ab. Das Team unterstützte Polen."
DEFINITE_TAKES_UP = """
Ein ein DET 1 det O
Erkundungsteam _ NOUN 4 nsubj O
der der DET 3 det O
UNO _ PROPN 1 nmod B-ORG
reiste reisen VERB 4 ROOT O
ab _ ADP 4 compound:prt O
. _ PUNCT 4 punct O
Das der DET 8 det O
Team _ NOUN 9 nsubj O
unterstützte unterstützen VERB 9 ROOT O
Polen _ PROPN 9 obj B-LOC
. _ PUNCT 9 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (DEFINITE_TAKES_UP, {("UNO", "supports", "Polen")}),
        (DEFINITE_TAKES_UP.replace("Erkundungsteam _ NOUN", "Flugzeug _ NOUN"), set()),
    ],
)
def test_definite_subject_takes_up_an_earlier_phrase(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "supports"} == expected


SEES_IN = """
Polen _ PROPN 1 nsubj B-LOC
sieht sehen VERB 1 ROOT O
in _ ADP 3 case O
Litauen _ PROPN 1 obl B-LOC
eine ein DET 5 det O
Bedrohung _ NOUN 1 obj O
. _ PUNCT 1 punct O
"""
NAMED_IN_THE_PASSIVE = """
Tom _ PROPN 8 nsubj:pass B-PER
Berg _ PROPN 0 flat I-PER
wurde werden AUX 8 aux:pass O
von _ ADP 5 case O
der der DET 5 det O
UNO _ PROPN 8 obl:agent B-ORG
als _ ADP 7 case O
Lügner _ NOUN 8 obl O
bezeichnet bezeichnen VERB 8 ROOT O
. _ PUNCT 8 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (SEES_IN, {("Polen", "criticizes", "Litauen")}),
        (SEES_IN.replace("Bedrohung _ NOUN", "Chance _ NOUN"), set()),
        (NAMED_IN_THE_PASSIVE, {("UNO", "criticizes", "Tom Berg")}),
    ],
)
def test_more_naming_verdicts(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    assert {f for f in facts(hand_doc, spec) if f[1] == "criticizes"} == expected


# "Polen unterstützte das Referendum über die Krim": backing an event counts
BACKED_EVENT = """
Polen _ PROPN 1 nsubj B-LOC
unterstützte unterstützen VERB 1 ROOT O
das der DET 3 det O
Referendum _ NOUN 1 obj B-EVENT
über _ ADP 6 case I-EVENT
die der DET 6 det I-EVENT
Krim _ PROPN 3 nmod I-EVENT
. _ PUNCT 1 punct O
"""


def test_backing_an_event(hand_doc) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, BACKED_EVENT) if f[1] == "supports"}
    assert found == {("Polen", "supports", "Referendum über die Krim")}


# "Polen wies die Vorwürfe gegen Tom Berg zurück": a defence of Tom Berg, no criticism
REBUTTAL_DEFENDS = """
Polen _ PROPN 1 nsubj B-LOC
wies weisen VERB 1 ROOT O
die der DET 3 det O
Vorwürfe Vorwurf NOUN 1 obj O
gegen _ ADP 5 case O
Tom _ PROPN 3 nmod B-PER
Berg _ PROPN 5 flat I-PER
zurück _ ADV 1 compound:prt O
. _ PUNCT 1 punct O
"""
DEMAND_FROM = """
Polen _ PROPN 1 nsubj B-LOC
forderte fordern VERB 1 ROOT O
von _ ADP 3 case O
Litauen _ PROPN 1 obl B-LOC
eine ein DET 5 det O
Entschuldigung _ NOUN 1 obj O
. _ PUNCT 1 punct O
"""
NAMING_WHOSE_WORDS = """
Polen _ PROPN 1 nsubj B-LOC
nannte nennen VERB 1 ROOT O
die der DET 3 det O
Äußerungen Äußerung NOUN 1 obj O
von _ ADP 5 case O
Litauen _ PROPN 3 nmod B-LOC
einen ein DET 7 det O
Skandal _ NOUN 1 obj O
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (REBUTTAL_DEFENDS, {("Polen", "supports", "Tom Berg")}),
        (DEMAND_FROM, {("Polen", "criticizes", "Litauen")}),
        (NAMING_WHOSE_WORDS, {("Polen", "criticizes", "Litauen")}),
    ],
)
def test_rebuttal_defence_demand_from_and_whose_words(hand_doc, spec: str, expected: set) -> None:  # type: ignore[no-untyped-def]
    found = {f for f in facts(hand_doc, spec) if f[1] in {"criticizes", "supports"}}
    assert found == expected
