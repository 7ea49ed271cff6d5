"""Regression guard for entities on the shared Wikinews set (30 German articles).

Floors sit one or two entities below the measured values (docs/evaluation.md, "Entities:
organisations, events and canonical names"): one entity of 532 gold entities is ≈ 0.002 F1,
one Event of 37 ≈ 0.03 recall, one Organization of 197 ≈ 0.005. The set lives outside the
repository (``../shared/eval/wikinews``) and needs the trained German pipeline; the test is
skipped without either.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.evaluation.entity_types import TypeScores, type_scores
from graphbuild.nlp import MODELS_DIR

WIKINEWS = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "wikinews"
GERMAN_MODEL = (MODELS_DIR / "de" / "config.cfg").is_file()

# measured: typed F1 0.898 (tp 478, fp 54, fn 54), untyped F1 0.908 (tp 483, fp 49,
# fn 49); the floors are two errors below (Event one: its target is 0.75).
FLOOR_TYPED_F1 = 0.894
FLOOR_UNTYPED_F1 = 0.904
FLOOR_RECALL = {
    "Organization": 0.89,
    "Event": 0.75,
    "Person": 0.97,
    "Country": 0.93,
    "Location": 0.765,
}


@pytest.fixture(scope="module")
def scores(pipelines) -> TypeScores:  # type: ignore[no-untyped-def]
    if not WIKINEWS.is_dir() or not GERMAN_MODEL:
        pytest.skip("needs ../shared/eval/wikinews and the trained German pipeline")
    from graphbuild.builder import resolve_article
    from graphbuild.types import Article

    total = TypeScores()
    for gold_path in sorted(WIKINEWS.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = gold_path.with_name(gold_path.name.removesuffix(".gold.json") + ".txt").read_text(
            encoding="utf-8"
        )
        article = Article(gold["id"], "de", text.splitlines()[0], text)
        total = total + type_scores(resolve_article(article, pipelines).to_json(), gold)
    return total


@pytest.mark.slow
def test_golden_wikinews_entity_f1_does_not_regress(scores: TypeScores) -> None:
    assert scores.typed.f1 >= FLOOR_TYPED_F1, scores.typed
    assert scores.untyped.f1 >= FLOOR_UNTYPED_F1, scores.untyped


@pytest.mark.slow
@pytest.mark.parametrize("entity_type", sorted(FLOOR_RECALL))
def test_golden_wikinews_recall_per_type_does_not_regress(
    scores: TypeScores, entity_type: str
) -> None:
    assert scores.by_type[entity_type].recall >= FLOOR_RECALL[entity_type], scores.by_type
