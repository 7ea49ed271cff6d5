"""Verbal frames, nominal frames and meetings on hand-parsed German sentences (UD labels).

Each sentence is written one token per line: ``word lemma POS head dep entity [morph]``
(absolute head indices, "_" for a lemma equal to the word), so a case reads like the parse
it stands for.
"""

from __future__ import annotations

import pytest

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.relations import relations, verb_frames


def facts(hand_doc, spec: str, lang: str = "de") -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    rows, morphs = [], {}
    for i, line in enumerate(spec.strip().splitlines()):
        word, lemma, pos, head, dep, ent, *morph = line.split()
        rows.append((word, word if lemma == "_" else lemma, pos, int(head), dep, ent))
        morphs.update({i: morph[0]} if morph else {})
    doc = hand_doc.rows(lang, rows)
    for i, morph in morphs.items():
        doc[i].set_morph(morph)
    sents = list(sentences(doc))
    ms = list(mentions(doc, sents))
    return {
        (r.subject.text, r.predicate, r.object.text)
        for r in relations(doc, ms, sents)
        if not r.negated
    }


PASSIVE = """
Tom _ PROPN 5 nsubj:pass B-PER
Berg _ PROPN 0 flat I-PER
wurde werden AUX 5 aux:pass O
von _ ADP 4 case O
Polen _ PROPN 5 obl:agent B-LOC
kritisiert kritisieren VERB 5 ROOT O
. _ PUNCT 5 punct O
"""
ATTRIBUTIVE = """
Die der DET 3 det O
von _ ADP 2 case O
Polen _ PROPN 3 obl:agent B-LOC
unterstützte unterstützen ADJ 4 amod O
Ukraine _ PROPN 5 nsubj B-LOC
siegte siegen VERB 5 ROOT O
. _ PUNCT 5 punct O
"""
DATIVE = """
Eva _ PROPN 2 nsubj B-PER
Lind _ PROPN 0 flat I-PER
warf werfen VERB 2 ROOT O
Tom _ PROPN 2 iobj B-PER
Berg _ PROPN 3 flat I-PER
Lügen Lüge NOUN 2 obj O
vor _ ADP 2 compound:prt O
. _ PUNCT 2 punct O
"""
DATIVE_AS_OBL_ARG = DATIVE.replace("Tom _ PROPN 2 iobj", "Tom _ PROPN 2 obl:arg")
REFLEXIVE = """
Polen _ PROPN 1 nsubj B-LOC
einigte einigen VERB 1 ROOT O
sich _ PRON 1 obj O
mit _ ADP 4 case O
Litauen _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
MATCH = """
Polen _ PROPN 1 nsubj B-LOC
trifft treffen VERB 1 ROOT O
auf _ ADP 3 case O
Litauen _ PROPN 1 obl B-LOC
. _ PUNCT 1 punct O
"""
MET_EACH_OTHER = """
Polen _ PROPN 3 nsubj B-LOC
und _ CCONJ 2 cc O
Litauen _ PROPN 0 conj B-LOC
trafen treffen VERB 3 ROOT O
sich _ PRON 3 obj O
. _ PUNCT 3 punct O
"""
SPOKE_ABOUT = """
Polen _ PROPN 3 nsubj B-LOC
und _ CCONJ 2 cc O
Litauen _ PROPN 0 conj B-LOC
sprachen sprechen VERB 3 ROOT O
von _ ADP 6 case O
einer ein DET 6 det O
Wende _ NOUN 3 obl O
. _ PUNCT 3 punct O
"""
EXCLUDED_STATE = """
Die der DET 1 det O
NATO _ PROPN 2 nsubj B-ORG
schloss schließen VERB 2 ROOT O
Russland _ PROPN 2 obj B-LOC
aus _ ADP 2 compound:prt O
. _ PUNCT 2 punct O
"""
EXCLUDED_PERSON = """
Die der DET 1 det O
NATO _ PROPN 2 nsubj B-ORG
schloss schließen VERB 2 ROOT O
Tom _ PROPN 2 obj B-PER
Berg _ PROPN 3 flat I-PER
aus _ ADP 2 compound:prt O
. _ PUNCT 2 punct O
"""
RELATIVE_SUBJECT = """
Polen _ PROPN 6 nsubj B-LOC
, _ PUNCT 4 punct O
das der PRON 4 nsubj O PronType=Rel
Litauen _ PROPN 4 obj B-LOC
angriff angreifen VERB 0 acl:relcl O
, _ PUNCT 4 punct O
schwieg schweigen VERB 6 ROOT O
. _ PUNCT 6 punct O
"""
TWO_SUBJECTS = """
OSZE _ PROPN 1 nsubj B-ORG
kritisiert kritisieren VERB 1 ROOT O
Polen _ PROPN 1 nsubj B-LOC
. _ PUNCT 1 punct O
"""
PEOPLE_OF_A_COUNTRY = """
Britische britisch ADJ 1 amod O
Moslems Moslem NOUN 2 nsubj O Number=Plur
warnen warnen VERB 2 ROOT O
Tom _ PROPN 2 obj B-PER
Berg _ PROPN 3 flat I-PER
. _ PUNCT 2 punct O
"""
WERDEN_PASSIVE = """
Tom _ PROPN 5 nsubj B-PER
werde werden AUX 5 aux O
durch _ ADP 3 case O
Polen _ PROPN 5 obl B-LOC
schwer _ ADJ 5 advmod O
belastet belasten VERB 5 ROOT O VerbForm=Part
. _ PUNCT 5 punct O
"""
BOTH_AND = """
Sowohl sowohl ADV 5 advmod O
Polen _ PROPN 5 nsubj B-LOC
als _ CCONJ 4 cc O
auch _ ADV 4 advmod O
Litauen _ PROPN 5 obl B-LOC
kritisierten kritisieren VERB 5 ROOT O
Tom _ PROPN 5 obj B-PER
. _ PUNCT 5 punct O
"""
ROLE_OF = """
Polen _ PROPN 1 nsubj B-LOC
kritisierte kritisieren VERB 1 ROOT O
die der DET 3 det O
Rolle _ NOUN 1 obj O
von _ ADP 5 case O
Tom _ PROPN 3 nmod B-PER
. _ PUNCT 1 punct O
"""
SUPPORTS_WORK = """
Polen _ PROPN 1 nsubj B-LOC
unterstützt unterstützen VERB 1 ROOT O
die der DET 3 det O
Arbeit _ NOUN 1 obj O
der der DET 5 det O
NATO _ PROPN 3 nmod B-ORG
. _ PUNCT 1 punct O
"""
SUPPORTS_PLAN = SUPPORTS_WORK.replace("Arbeit _ NOUN", "Programm _ NOUN")
# "verurteilte Gewalt sowie die Leugnung durch Litauens Präsident Tom Berg": the list's
# second noun hung on the verb, "durch" hung on the word after it
DEED_BY = """
Polen _ PROPN 1 nsubj B-LOC
verurteilte verurteilen VERB 1 ROOT O
Gewalt _ NOUN 1 obj O
sowie _ CCONJ 5 cc O
die der DET 5 det O
Leugnung _ NOUN 1 conj O
durch _ ADP 7 case O
Litauens Litauen PROPN 8 nmod B-LOC
Präsident _ NOUN 5 nmod O
Tom _ PROPN 8 appos B-PER
Berg _ PROPN 9 flat I-PER
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize(
    "spec, fact",
    [
        (SUPPORTS_WORK, ("Polen", "supports", "NATO")),
        (DEED_BY, ("Polen", "criticizes", "Tom Berg")),  # a deed "durch X" is aimed at X
        (ROLE_OF, ("Polen", "criticizes", "Tom")),  # criticism of X's role is aimed at X
        (
            BOTH_AND,
            ("Litauen", "criticizes", "Tom"),
        ),  # "sowohl X als auch Y", misattached  # the work of X stands for X
        (TWO_SUBJECTS, ("OSZE", "criticizes", "Polen")),  # the parser's second subject
        (WERDEN_PASSIVE, ("Polen", "criticizes", "Tom")),  # werden + participle, plain aux
        (PASSIVE, ("Polen", "criticizes", "Tom Berg")),  # "X wurde von Y kritisiert"
        (ATTRIBUTIVE, ("Polen", "supports", "Ukraine")),  # "die von Y unterstützte X"
        (DATIVE, ("Eva Lind", "criticizes", "Tom Berg")),  # "X warf Y etwas vor"
        (DATIVE_AS_OBL_ARG, ("Eva Lind", "criticizes", "Tom Berg")),  # a bare obl:arg
        (REFLEXIVE, ("Polen", "agreementWith", "Litauen")),  # "sich einigen mit"
        (MET_EACH_OTHER, ("Polen", "meetsWith", "Litauen")),  # "X und Y trafen sich"
        (EXCLUDED_STATE, ("NATO", "attacks", "Russland")),  # exclusion of a state
        (RELATIVE_SUBJECT, ("Polen", "attacks", "Litauen")),  # "X, das Y angriff"
    ],
)
def test_relations_verbal_frames(hand_doc, spec, fact) -> None:  # type: ignore[no-untyped-def]
    assert fact in facts(hand_doc, spec)


@pytest.mark.parametrize(
    "spec, predicate",
    [
        (MATCH, "meetsWith"),  # "X trifft auf Y": a match, no meeting (a "none" row)
        (SPOKE_ABOUT, "spokeWith"),  # "X und Y sprachen von …": not with each other
        (EXCLUDED_PERSON, "attacks"),  # exclusion is imposed on states, not on people
        (PEOPLE_OF_A_COUNTRY, "criticizes"),
        (
            SUPPORTS_PLAN,
            "supports",
        ),  # a plan of X does not: support is for entities  # "britische Moslems" are not Britain
    ],
)
def test_relations_verbal_frames_that_state_nothing(hand_doc, spec, predicate) -> None:  # type: ignore[no-untyped-def]
    assert not [f for f in facts(hand_doc, spec) if f[1] == predicate]


def test_relations_verb_frame_rows_have_roles() -> None:
    frames = verb_frames("de")
    (vorwerfen,) = frames[("werfen", "vor")]
    assert (vorwerfen.predicate, vorwerfen.object) == ("criticizes", "iobj")
    assert any(f.reflexive and f.preposition == "mit" for f in frames[("einigen", "")])


GENITIVE_ACTOR = """
Die der DET 1 det O
Kritik _ NOUN 6 nsubj O
der der DET 3 det O
OSZE _ PROPN 1 nmod B-ORG
an _ ADP 5 case O
Georgien _ PROPN 1 nmod B-LOC
wuchs wachsen VERB 6 ROOT O
. _ PUNCT 6 punct O
"""
GENITIVE_PATIENT = """
Georgien _ PROPN 1 nsubj B-LOC
begann beginnen VERB 1 ROOT O
die der DET 3 det O
Bombardierung _ NOUN 1 obj O
Zchinwalis Zchinwali PROPN 3 nmod B-LOC
. _ PUNCT 1 punct O
"""
WAR_BETWEEN = """
Der der DET 1 det O
Krieg _ NOUN 6 nsubj O
zwischen _ ADP 3 case O
Polen _ PROPN 1 nmod B-LOC
und _ CCONJ 5 cc O
Litauen _ PROPN 3 conj B-LOC
endete enden VERB 6 ROOT O
. _ PUNCT 6 punct O
"""
CRITICISM_OF_PLANS = """
Polen _ PROPN 1 nsubj B-LOC
übte üben VERB 1 ROOT O
Kritik _ NOUN 1 obj O
an _ ADP 5 case O
den der DET 5 det O
Plänen Plan NOUN 2 nmod O
des der DET 7 det O
Ministers Minister NOUN 5 nmod O
Tom _ PROPN 7 appos B-PER
Berg _ PROPN 8 flat I-PER
. _ PUNCT 1 punct O
"""
WAR_WITH = """
Polen _ PROPN 1 nsubj B-LOC
nannte nennen VERB 1 ROOT O
Litauen _ PROPN 1 obj B-LOC
nach _ ADP 6 case O
dem der DET 6 det O
kurzen kurz ADJ 6 amod O
Krieg _ NOUN 1 obl O
mit _ ADP 8 case O
Russland _ PROPN 6 nmod B-LOC
. _ PUNCT 1 punct O
"""
MISSION = """
Tom _ PROPN 1 nsubj B-PER
brach brechen VERB 1 ROOT O
zu _ ADP 5 case O
einer ein DET 5 det O
diplomatischen diplomatisch ADJ 5 amod O
Mission _ NOUN 1 obl O
nach _ ADP 7 case O
Polen _ PROPN 5 nmod B-LOC
auf _ ADP 1 compound:prt O
. _ PUNCT 1 punct O
"""
CONQUEST = """
die der DET 1 det O
Eroberung _ NOUN 7 nsubj O
der der DET 3 det O
Stadt _ NOUN 1 nmod O
Abyei _ PROPN 3 appos B-LOC
durch _ ADP 6 case O
Sudan _ PROPN 1 nmod B-LOC
begann beginnen VERB 7 ROOT O
. _ PUNCT 7 punct O
"""
CAMPAIGN = """
Polen _ PROPN 1 nsubj B-LOC
führte führen VERB 1 ROOT O
Wahlkampf _ NOUN 1 obj O
gegen _ ADP 4 case O
Litauen _ PROPN 2 nmod B-LOC
. _ PUNCT 1 punct O
"""


@pytest.mark.parametrize(
    "spec, expected",
    [
        (GENITIVE_ACTOR, {("OSZE", "criticizes", "Georgien")}),  # "Kritik der X an Y"
        (GENITIVE_PATIENT, {("Georgien", "attacks", "Zchinwalis")}),  # "die Bombardierung Y-s"
        (  # no aggressor stated: both ways
            WAR_BETWEEN,
            {("Polen", "attacks", "Litauen"), ("Litauen", "attacks", "Polen")},
        ),
        (  # "X … nach dem Krieg mit Y": the nearest actor before the noun, both ways
            WAR_WITH,
            {("Litauen", "attacks", "Russland"), ("Russland", "attacks", "Litauen")},
        ),
        (MISSION, {("Tom", "meetsWith", "Polen")}),  # a diplomatic mission to a country
        (CONQUEST, {("Sudan", "attacks", "Abyei")}),
        (
            CRITICISM_OF_PLANS,
            {("Polen", "criticizes", "Tom Berg")},
        ),  # aimed at the owner  # genitive patient, then "durch" agent
        (CAMPAIGN, set()),  # "Wahlkampf" ends in "Kampf" but is no fight
    ],
)
def test_relations_nominal_frames(hand_doc, spec, expected) -> None:  # type: ignore[no-untyped-def]
    got = {f for f in facts(hand_doc, spec) if f[1] != "represents"}
    assert got == expected


ROUND_TABLE = """
An _ ADP 2 case O
den der DET 2 det O
Gesprächen Gespräch NOUN 3 obl O
nehmen nehmen VERB 3 ROOT O
die der DET 5 det O
Außenminister _ NOUN 3 obj O
Polens Polen PROPN 5 nmod B-LOC
und _ CCONJ 8 cc O
Litauens Litauen PROPN 6 conj B-LOC
teil _ ADP 3 compound:prt O
. _ PUNCT 3 punct O
"""
SAME_EVENT = """
Der der DET 1 det O
Rio-Gipfel _ PROPN 2 nsubj B-EVENT
begann beginnen VERB 2 ROOT O
. _ PUNCT 2 punct O
Eva _ PROPN 6 nsubj B-PER
Lind _ PROPN 4 flat I-PER
nahm nehmen VERB 6 ROOT O
am an DET 8 case O
Gipfel _ NOUN 6 obl O
teil teil ADP 6 compound:prt O
. _ PUNCT 6 punct O
"""
DELEGATE_BY_KIND = """
Die der DET 1 det O
Rio-Konferenz _ PROPN 2 nsubj B-EVENT
begann beginnen VERB 2 ROOT O
. _ PUNCT 2 punct O
Die der DET 5 det O
Delegationsleiterin _ NOUN 11 nsubj O
beim bei ADP 7 case O
Klimagipfel _ NOUN 5 nmod O
, _ PUNCT 9 punct O
Eva _ PROPN 5 appos B-PER
Lind _ PROPN 9 flat I-PER
sprach sprechen VERB 11 ROOT O
. _ PUNCT 11 punct O
"""
PRESENT_AT = """
Der der DET 5 det O
auf _ ADP 3 case O
dem der DET 3 det O
Rio-Gipfel _ PROPN 5 nmod B-EVENT
anwesende anwesend ADJ 5 amod O
Minister _ NOUN 8 nsubj O
Tom _ PROPN 5 appos B-PER
Berg _ PROPN 6 flat I-PER
schwieg schweigen VERB 8 ROOT O
. _ PUNCT 8 punct O
"""
DELEGATE = """
Die der DET 1 det O
Delegationsleiterin _ NOUN 7 nsubj O
beim bei ADP 3 case O
Rio-Gipfel _ PROPN 1 nmod B-EVENT
, _ PUNCT 5 punct O
Eva _ PROPN 1 appos B-PER
Lind _ PROPN 5 flat I-PER
sprach sprechen VERB 7 ROOT O
. _ PUNCT 7 punct O
"""

ALONG_WITH = """
Mit _ ADP 1 case O
Polen _ PROPN 4 obl B-LOC
und _ CCONJ 3 cc O
Litauen _ PROPN 1 conj B-LOC
nehmen nehmen VERB 4 ROOT O
Staaten Staat NOUN 4 nsubj O
am an DET 7 case O
Rio-Gipfel _ PROPN 4 obl B-EVENT
teil teil ADP 4 compound:prt O
. _ PUNCT 4 punct O
"""


def test_relations_round_table_participants_meet_pairwise(hand_doc) -> None:  # type: ignore[no-untyped-def]
    # "An den Gesprächen nehmen die Außenminister Polens, Litauens … teil" (the parser made
    # "Außenminister" an object; teilnehmen takes none, so it is the subject)
    got = facts(hand_doc, ROUND_TABLE)
    assert {("Polens", "meetsWith", "Litauens"), ("Litauens", "meetsWith", "Polens")} & got


@pytest.mark.parametrize(
    "spec, fact",
    [
        (SAME_EVENT, ("Eva Lind", "attends", "Rio-Gipfel")),  # "am Gipfel" = the Rio-Gipfel
        (DELEGATE, ("Eva Lind", "attends", "Rio-Gipfel")),  # "die Delegationsleiterin beim …"
        (PRESENT_AT, ("Tom Berg", "attends", "Rio-Gipfel")),  # "der auf E anwesende Minister"
        # "beim Klimagipfel" is the article's one named meeting, whatever its head noun
        (DELEGATE_BY_KIND, ("Eva Lind", "attends", "Rio-Konferenz")),
        # "Mit Polen und Litauen nehmen … Staaten am Gipfel teil": the mit-phrase takes part
        (ALONG_WITH, ("Polen", "attends", "Rio-Gipfel")),
        (ALONG_WITH, ("Litauen", "attends", "Rio-Gipfel")),
    ],
)
def test_relations_attends_named_events(hand_doc, spec, fact) -> None:  # type: ignore[no-untyped-def]
    assert fact in facts(hand_doc, spec)


def _frame_rows(lang: str) -> list[dict[str, str]]:
    from graphbuild.extract.lexicons import rows

    return [
        r
        for r in rows("interaction_verbs", lang)
        if r["predicate"] != "none" and r["object"] != "clause"
    ]


@pytest.mark.parametrize(
    "row", _frame_rows("de"), ids=lambda r: f"{r['lemma']}+{r['particle']}:{r['object']}"
)
def test_relations_every_german_verb_frame_row(hand_doc, row) -> None:  # type: ignore[no-untyped-def]
    """Each row of interaction_verbs.de.tsv read on "Polen <verb> [sich] [prep] Litauen [particle]"."""
    label = "EVENT" if row["predicate"] == "attends" else "LOC"
    lines = ["Polen _ PROPN 1 nsubj B-LOC", f"{row['lemma']} {row['lemma']} VERB 1 ROOT O"]
    if row["reflexive"] == "yes":
        lines.append("sich _ PRON 1 obj O")
    obj = len(lines) + (1 if row["object"].startswith("obl:") else 0)
    if row["object"].startswith("obl:"):
        lines.append(f"{row['object'][4:]} _ ADP {obj} case O")
        lines.append(f"Litauen _ PROPN 1 obl B-{label}")
    else:
        lines.append(f"Litauen _ PROPN 1 {row['object']} B-{label}")
    if row["particle"]:
        lines.append(f"{row['particle']} _ ADP 1 compound:prt O")
    lines.append(". _ PUNCT 1 punct O")
    got = facts(hand_doc, "\n".join(lines))
    assert ("Polen", row["predicate"], "Litauen") in got


@pytest.mark.parametrize("row", _frame_rows("en"), ids=lambda r: f"{r['lemma']}:{r['object']}")
def test_relations_every_english_verb_frame_row(hand_doc, row) -> None:  # type: ignore[no-untyped-def]
    """Each row of interaction_verbs.en.tsv read on "Poland <verb> [prep] Lithuania" (spaCy's
    English labels: dobj, prep → pobj)."""
    label = "EVENT" if row["predicate"] == "attends" else "GPE"
    lines = ["Poland _ PROPN 1 nsubj B-GPE", f"{row['lemma']} {row['lemma']} VERB 1 ROOT O"]
    if row["object"].startswith("obl:"):
        lines.append(f"{row['object'][4:]} _ ADP 1 prep O")
        lines.append(f"Lithuania _ PROPN 2 pobj B-{label}")
    else:
        lines.append(f"Lithuania _ PROPN 1 dobj B-{label}")
    lines.append(". _ PUNCT 1 punct O")
    assert ("Poland", row["predicate"], "Lithuania") in facts(hand_doc, "\n".join(lines), "en")


def _noun_rows() -> list[dict[str, str]]:
    from graphbuild.extract.lexicons import rows

    return [r for r in rows("interaction_nouns", "de") if r["predicate"] != "none"]


@pytest.mark.parametrize("row", _noun_rows(), ids=lambda r: f"{r['noun']}:{r['object']}")
def test_relations_every_german_noun_frame_row(hand_doc, row) -> None:  # type: ignore[no-untyped-def]
    """Each row of interaction_nouns.de.tsv read on "Polen begann <Noun> <prep> Litauen" (or
    with the genitive patient "Litauens")."""
    label = "EVENT" if row["predicate"] == "attends" else "LOC"
    noun = row["noun"].capitalize()
    lines = [
        "Polen _ PROPN 1 nsubj B-LOC",
        "begann beginnen VERB 1 ROOT O",
        f"{noun} _ NOUN 1 obj O",
    ]
    preps = [p for p in row["object"].split() if p not in {"zwischen", "gen"}]
    subject = "Polen"
    if preps:
        lines += [f"{preps[0]} _ ADP 4 case O", f"Litauen _ PROPN 2 nmod B-{label}"]
        patient = "Litauen"
    elif "zwischen" in row["object"]:  # "… zwischen Litauen und Lettland": the pair
        lines += [
            "zwischen _ ADP 4 case O",
            f"Litauen _ PROPN 2 nmod B-{label}",
            "und _ CCONJ 6 cc O",
            f"Lettland _ PROPN 4 conj B-{label}",
        ]
        subject, patient = "Litauen", "Lettland"
    else:
        lines += [f"Litauens Litauen PROPN 2 nmod B-{label}"]
        patient = "Litauens"
    lines.append(". _ PUNCT 1 punct O")
    assert (subject, row["predicate"], patient) in facts(hand_doc, "\n".join(lines))
