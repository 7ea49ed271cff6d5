"""The shipped list of names whose -s is their own (built by training/names_ending_s.py)."""

from __future__ import annotations

import pytest

from graphbuild.extract.names import genitive_stem


@pytest.mark.parametrize(
    "word, stem",
    [
        ("Klaus", "Klaus"),  # a first name ending in -s
        ("Ackermanns", "Ackermann"),  # a listed surname's genitive is not a name of its own
        ("Hoffmanns", "Hoffmann"),
    ],
)
def test_names_ending_s_keep_own_s_and_drop_genitives(word: str, stem: str) -> None:
    assert genitive_stem(word) == stem
