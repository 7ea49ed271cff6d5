"""Mention replacement for the NER training data (training/augment.py)."""

from __future__ import annotations

import doctest
import importlib.util
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location(
    "graphbuild_augment", ROOT / "training" / "augment.py"
)
augment = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(augment)

SENT = [
    ("Laut", "O"),
    ("der", "O"),
    ("Deutschen", "B-ORG"),
    ("Bank", "I-ORG"),
    ("sprach", "O"),
    ("Anna", "B-PER"),
    ("Weber", "I-PER"),
    ("in", "O"),
    ("Köln", "B-LOC"),
]


def test_spans_of_reads_iob2_mentions_and_a_type_change_starts_a_new_one():
    assert augment.spans_of(SENT) == [(2, 4, "ORG"), (5, 7, "PER"), (8, 9, "LOC")]
    assert augment.spans_of([("A", "I-ORG"), ("B", "I-LOC"), ("C", "O")]) == [
        (0, 1, "ORG"),
        (1, 2, "LOC"),
    ]


def test_replacement_keeps_the_context_and_rewrites_the_tags():
    pools = {"ORG": [("Siemens",)], "PER": [("Li", "Na", "Xu")], "LOC": [("Bad", "Ems")]}
    out = augment.replace_mentions(SENT, pools, random.Random(1), p=1.0)
    assert [t for t, _ in out] == [
        "Laut",
        "der",
        "Siemens",
        "sprach",
        "Li",
        "Na",
        "Xu",
        "in",
        "Bad",
        "Ems",
    ]
    assert [g for _, g in out] == [
        "O", "O", "B-ORG", "O", "B-PER", "I-PER", "I-PER", "O", "B-LOC", "I-LOC",
    ]  # fmt: skip


def test_no_replacement_without_a_pool_or_with_p_zero():
    pools = {"ORG": [("Siemens",)]}
    assert augment.replace_mentions(SENT, pools, random.Random(0), p=0.0) == SENT
    assert augment.replace_mentions(SENT, {}, random.Random(0), p=1.0) == SENT


def test_corpus_names_skip_lowercase_mentions():
    sents = [[("deutschen", "B-LOC"), ("Firmen", "O")], [("Bonn", "B-LOC")]]
    assert augment.corpus_names(sents) == {"LOC": [("Bonn",)]}


def test_pools_add_list_drawn_persons_and_places(tmp_path):
    (tmp_path / "first_names.germaner.tsv").write_text("Jana\tVN\tFem\nlower\tVN\n", "utf8")
    (tmp_path / "surnames.germaner.txt").write_text("Kowal\n", "utf8")
    (tmp_path / "cities_de.osm.txt").write_text("Frankfurt am Main\n", "utf8")
    pools = augment.build_pools([SENT], [], tmp_path, str.split)
    assert ("Jana", "Kowal") in pools["PER"] and ("Anna", "Weber") in pools["PER"]
    assert ("Frankfurt", "am", "Main") in pools["LOC"]
    assert pools["ORG"] == [("Deutschen", "Bank")]


def test_copies_differ_from_each_other_and_are_reproducible():
    pools = {"PER": [(f"Name{i}",) for i in range(50)]}
    sents = [SENT] * 20
    first = augment.augmented_copies(sents, pools, copies=2, seed=3)
    assert first == augment.augmented_copies(sents, pools, copies=2, seed=3)
    assert first[0] != first[1]


def test_docstring_example_runs():
    assert doctest.testmod(augment).failed == 0
