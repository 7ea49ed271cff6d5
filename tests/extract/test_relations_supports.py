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
