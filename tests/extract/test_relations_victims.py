"""Attacks whose attacker the clause leaves unsaid, given to the group a crime report
accuses (hand-parsed German, UD labels; specs as in test_relations_frames)."""

from __future__ import annotations

import pytest
from test_relations_frames import facts

GROUP = """
Die der DET 2 det O
Rote _ PROPN 2 amod B-ORG
Front _ PROPN 3 nsubj I-ORG
plante planen VERB 3 ROOT O
Anschläge Anschlag NOUN 3 obj O
. _ PUNCT 3 punct O
"""
AUTHORITY = """
Das der DET 1 det O
Bundeskriminalamt _ PROPN 2 nsubj B-ORG
ermittelt ermitteln VERB 2 ROOT O
. _ PUNCT 2 punct O
"""
# "Mitgliedern der Gruppe wird die Beteiligung an Morden vorgeworfen": the parser calls the
# dative a passive subject
ACCUSATION = """
Mitgliedern Mitglied NOUN 8 nsubj:pass O
der der DET 2 det O
Gruppe _ NOUN 0 nmod O
wird werden AUX 8 aux:pass O
die der DET 5 det O
Beteiligung _ NOUN 8 obj O
an _ ADP 7 case O
Morden Mord NOUN 8 obl O
vorgeworfen vorwerfen VERB 8 ROOT O
. _ PUNCT 8 punct O
"""
VICTIM_LIST = """
Bei _ ADP 2 case O
den der DET 2 det O
Opfern Opfer NOUN 3 obl O
handelt handeln VERB 3 ROOT O
es _ PRON 3 nsubj O
sich _ PRON 3 obl:arg O
um _ ADP 7 case O
Tom _ PROPN 3 obl B-PER
Berg _ PROPN 7 flat I-PER
und _ CCONJ 10 cc O
Eva _ PROPN 7 conj B-PER
Lind _ PROPN 10 flat I-PER
. _ PUNCT 3 punct O
"""
SHOT = """
Am an ADP 1 case O
Montag _ PROPN 5 obl O
wurde werden AUX 5 aux:pass O
Max _ PROPN 5 nsubj:pass B-PER
Roth _ PROPN 3 flat I-PER
erschossen erschießen VERB 5 ROOT O
. _ PUNCT 5 punct O
"""
RAID = """
Bei _ ADP 2 case O
dem der DET 2 det O
Überfall _ NOUN 10 obl O
auf _ ADP 5 case O
eine ein DET 5 det O
Filiale _ NOUN 2 nmod O
der der DET 7 det O
Nordbank _ PROPN 5 nmod B-ORG
wurde werden AUX 10 aux:pass O
niemand _ PRON 10 nsubj:pass O
verletzt verletzen VERB 10 ROOT O
. _ PUNCT 10 punct O
"""


def _article(*sentences: str) -> str:
    """Sentence specs one after the other; each spec gives heads within its own sentence."""
    lines: list[str] = []
    for spec in sentences:
        offset = len(lines)
        for row in spec.strip().splitlines():
            word, lemma, pos, head, *rest = row.split()
            lines.append(" ".join([word, lemma, pos, str(int(head) + offset), *rest]))
    return "\n".join(lines)


def _attacks(hand_doc, *parts: str) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(s, o) for s, p, o in facts(hand_doc, _article(*parts)) if p == "attacks"}


def test_relations_accused_group_attacks_listed_and_passive_victims(hand_doc) -> None:  # type: ignore[no-untyped-def]
    got = _attacks(hand_doc, GROUP, AUTHORITY, ACCUSATION, VICTIM_LIST, SHOT, RAID)
    # "der Gruppe" is the Rote Front, not the investigating Bundeskriminalamt after it
    assert got == {
        ("Rote Front", "Tom Berg"),
        ("Rote Front", "Eva Lind"),
        ("Rote Front", "Max Roth"),
        ("Rote Front", "Nordbank"),
    }


@pytest.mark.parametrize("victims", [VICTIM_LIST, SHOT, RAID])
def test_relations_no_accused_no_attacker(hand_doc, victims) -> None:  # type: ignore[no-untyped-def]
    # without an accusation the report names no attacker, and none is guessed
    assert _attacks(hand_doc, GROUP, victims) == set()


def _english_attack_nouns() -> list[dict[str, str]]:
    from graphbuild.extract.lexicons import rows

    return [r for r in rows("interaction_nouns", "en") if r["predicate"] == "attacks"]


@pytest.mark.parametrize("row", _english_attack_nouns(), ids=lambda r: r["noun"])
def test_relations_every_english_attack_noun_row(hand_doc, row) -> None:  # type: ignore[no-untyped-def]
    """ "Poland began the <noun> <prep> Lithuania" (spaCy's English labels)."""
    prep = row["object"].split()[0]
    spec = f"""
Poland _ PROPN 1 nsubj B-GPE
began begin VERB 1 ROOT O
the _ DET 3 det O
{row["noun"]} _ NOUN 1 dobj O
{prep} _ ADP 3 prep O
Lithuania _ PROPN 4 pobj B-GPE
. _ PUNCT 1 punct O
"""
    assert ("Poland", "attacks", "Lithuania") in facts(hand_doc, spec, "en")


def test_relations_victims_without_violence_are_not_attacked(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # accused of "Straftaten" with victims but no murder or attack near them: a fraud's
    # victims are not attacked
    founded = GROUP.replace("plante planen", "gründete gründen").replace(
        "Anschläge Anschlag", "Vereine Verein"
    )
    offences = ACCUSATION.replace("Morden Mord", "Straftaten Straftat")
    assert _attacks(hand_doc, founded, offences, VICTIM_LIST) == set()
    assert _attacks(hand_doc, founded, ACCUSATION, VICTIM_LIST) == {
        ("Rote Front", "Tom Berg"),
        ("Rote Front", "Eva Lind"),
    }


def test_relations_attack_noun_with_a_genitive_keeps_its_own_attacker(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "Bei dem Überfall der Bande auf eine Filiale der Nordbank": the genitive may name who
    # raided; the accused is not given the deed
    by_gang = """
Bei _ ADP 2 case O
dem der DET 2 det O
Überfall _ NOUN 12 obl O
der der DET 4 det O
Bande _ NOUN 2 nmod O
auf _ ADP 7 case O
eine ein DET 7 det O
Filiale _ NOUN 2 nmod O
der der DET 9 det O
Nordbank _ PROPN 7 nmod B-ORG
wurde werden AUX 12 aux:pass O
niemand _ PRON 12 nsubj:pass O
verletzt verletzen VERB 12 ROOT O
. _ PUNCT 12 punct O
"""
    assert _attacks(hand_doc, GROUP, ACCUSATION, by_gang) == set()
    assert _attacks(hand_doc, GROUP, ACCUSATION, RAID) == {("Rote Front", "Nordbank")}
