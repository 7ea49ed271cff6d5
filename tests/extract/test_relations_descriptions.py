"""A definite description repeating the first word of an earlier organisation's name takes
it up ("die Arbeiterpartei Kurdistans … die kurdische Arbeiterpartei"); hand-parsed German,
UD labels, specs as in test_relations_frames (absolute heads)."""

from __future__ import annotations

import pytest
from test_relations_frames import facts
from test_relations_victims import _article

NAMED = """
Die der DET 1 det O
Arbeiterpartei _ PROPN 3 nsubj B-ORG
Kurdistans _ PROPN 1 flat I-ORG
kämpft kämpfen VERB 3 ROOT O
. _ PUNCT 3 punct O
"""
TWO_NAMED = """
Die der DET 1 det O
Arbeiterpartei _ PROPN 3 nsubj B-ORG
Kurdistans _ PROPN 1 flat I-ORG
kämpft kämpfen VERB 3 ROOT O
. _ PUNCT 3 punct O
Die der DET 6 det O
Arbeiterpartei _ PROPN 8 nsubj B-ORG
Albaniens _ PROPN 6 flat I-ORG
klagt klagen VERB 8 ROOT O
. _ PUNCT 8 punct O
"""
# "Tom Berg zeigte Sympathien für die kurdische Arbeiterpartei" (nominal frame)
SYMPATHY = """
Tom _ PROPN 2 nsubj B-PER
Berg _ PROPN 0 flat I-PER
zeigte zeigen VERB 2 ROOT O
Sympathien Sympathie NOUN 2 obj O
für _ ADP 7 case O
die der DET 7 det O
kurdische kurdisch ADJ 7 amod O
Arbeiterpartei _ NOUN 3 nmod O
. _ PUNCT 2 punct O
"""
# "Tom Berg unterstützt die kurdische Arbeiterpartei" (verbal frame)
BACKING = """
Tom _ PROPN 2 nsubj B-PER
Berg _ PROPN 0 flat I-PER
unterstützt unterstützen VERB 2 ROOT O
die der DET 5 det O
kurdische kurdisch ADJ 5 amod O
Arbeiterpartei _ NOUN 2 obj O
. _ PUNCT 2 punct O
"""


@pytest.mark.parametrize("clause", [SYMPATHY, BACKING])
@pytest.mark.parametrize(
    "earlier, expected",
    [
        (NAMED, {"Arbeiterpartei Kurdistans"}),
        (TWO_NAMED, set()),  # two parties begin so: the description names neither
        ("", set()),  # nothing earlier to take up
    ],
)
def test_relations_definite_description_takes_up_a_name(  # type: ignore[no-untyped-def]
    hand_doc, clause, earlier, expected
) -> None:
    spec = _article(earlier, clause) if earlier else clause
    got = {o for s, p, o in facts(hand_doc, spec) if p == "supports" and s == "Tom Berg"}
    assert {o for o in got if o.startswith("Arbeiterpartei")} == expected
