"""The gold scorer: pure functions on hand-written prediction/gold dicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphbuild.errors import InputError
from graphbuild.evaluation.gold import PRF, Report, match_entities, score_article, sentence_around

TEXT = "Anna Berg traf Tom Kerr in Polen. „Wir sind einig“, sagte Berg."

GOLD = {
    "id": "t1",
    "entities": [
        {"id": "anna_berg", "name": "Anna Berg", "type": "Person", "aliases": ["Berg"]},
        {"id": "tom_kerr", "name": "Tom Kerr", "type": "Person", "aliases": []},
        {"id": "polen", "name": "Polen", "type": "Country", "aliases": []},
    ],
    "quotes": [{"speaker": "anna_berg", "text": "Wir sind einig", "kind": "direct"}],
    "relations": [{"subject": "anna_berg", "predicate": "meetsWith", "object": "tom_kerr"}],
}


def pred(**over):  # type: ignore[no-untyped-def]
    base = {
        "entities": [
            {"id": "berg", "name": "Berg", "type": "Person", "aliases": []},
            {"id": "tom_kerr", "name": "Tom Kerr", "type": "Person", "aliases": []},
            {"id": "polen", "name": "Polen", "type": "Location", "aliases": []},
            {"id": "x", "name": "Montag", "type": "Other", "aliases": []},
        ],
        "quotes": [{"speaker": "berg", "text": "Wir sind einig", "start": 35, "end": 49}],
        "relations": [{"subject": "tom_kerr", "predicate": "meetsWith", "object": "berg"}],
    }
    base.update(over)
    return base


def test_eval_gold_entities_match_by_alias_and_type() -> None:
    s = score_article(pred(), GOLD, text=TEXT)
    # berg→anna_berg by alias, tom_kerr by name; Polen has the wrong type; Montag is spurious
    assert (s.entities.tp, s.entities.fp, s.entities.fn) == (2, 2, 1)
    assert s.missed_entities == ("polen",)


def test_eval_gold_symmetric_relation_in_either_direction() -> None:
    s = score_article(pred(), GOLD, text=TEXT)
    assert s.relations.f1 == 1.0


def test_eval_gold_directed_relation_direction_matters() -> None:
    gold = dict(
        GOLD, relations=[{"subject": "anna_berg", "predicate": "criticizes", "object": "tom_kerr"}]
    )
    wrong = pred(relations=[{"subject": "tom_kerr", "predicate": "criticizes", "object": "berg"}])
    assert score_article(wrong, gold, text=TEXT).relations.tp == 0


def test_eval_gold_negated_predictions_are_not_compared() -> None:
    rel = {"subject": "tom_kerr", "predicate": "meetsWith", "object": "berg", "negated": True}
    s = score_article(pred(relations=[rel]), GOLD, text=TEXT)
    assert (s.relations.tp, s.relations.fp, s.relations.fn) == (0, 0, 1)


@pytest.mark.parametrize(
    "quote, attributed",
    [
        ({"speaker": "berg", "text": "Wir sind einig", "start": 35, "end": 49}, 1),
        ({"speaker": "berg", "text": "sind einig", "start": 39, "end": 49}, 1),  # 2 of 3 tokens
        ({"speaker": "berg", "text": "einig", "start": 44, "end": 49}, 0),  # 1 of 3 tokens
        ({"speaker": "tom_kerr", "text": "Wir sind einig", "start": 35, "end": 49}, 0),
        ({"speaker": "berg", "text": "Wir sind einig"}, 1),  # no offsets: located in the text
    ],
)
def test_eval_gold_quote_attribution(quote, attributed) -> None:  # type: ignore[no-untyped-def]
    s = score_article(pred(quotes=[quote]), GOLD, text=TEXT)
    assert s.quotes.attributed == attributed
    assert s.quotes.gold == 1


def test_eval_gold_quote_without_article_text_uses_tokens() -> None:
    q = {"speaker": "berg", "text": "Wir sind einig"}
    assert score_article(pred(quotes=[q]), GOLD).quotes.attribution == 1.0


def test_eval_gold_match_is_one_to_one_and_prefers_exact_names() -> None:
    pred_ents = [
        {"id": "trump", "name": "Kerr", "type": "Person", "aliases": []},
        {"id": "tom_kerr", "name": "Tom Kerr", "type": "Person", "aliases": ["Kerr"]},
    ]
    gold_ents = [{"id": "tom_kerr", "name": "Tom Kerr", "type": "Person", "aliases": ["Kerr"]}]
    assert match_entities(pred_ents, gold_ents) == {"tom_kerr": "tom_kerr"}


def test_eval_gold_prf_edge_cases() -> None:
    assert PRF().f1 == 1.0  # nothing to find, nothing predicted
    assert PRF(tp=1, fp=1, fn=0).precision == 0.5
    assert (PRF(1, 0, 1) + PRF(1, 1, 0)).to_json()["f1"] == pytest.approx(2 / 3, abs=1e-3)


def test_eval_gold_dir_errors(tmp_path: Path) -> None:
    from graphbuild.evaluation.gold import evaluate_gold_dir

    with pytest.raises(InputError):
        evaluate_gold_dir(tmp_path / "missing")
    with pytest.raises(InputError):
        evaluate_gold_dir(tmp_path)  # no gold files
    (tmp_path / "x.gold.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.gold\.json"):
        evaluate_gold_dir(tmp_path)


def test_eval_gold_perfect_prediction_scores_one() -> None:
    perfect = json.loads(json.dumps(GOLD))
    s = score_article(perfect, GOLD, text=TEXT)
    assert s.entities.f1 == s.relations.f1 == s.quotes.attribution == 1.0


def test_eval_gold_relations_by_predicate_and_errors_with_sentence() -> None:
    gold = dict(
        GOLD,
        relations=[
            {
                "subject": "anna_berg",
                "predicate": "meetsWith",
                "object": "tom_kerr",
                "evidence": "Anna Berg traf Tom Kerr",
            },
            {
                "subject": "anna_berg",
                "predicate": "criticizes",
                "object": "polen",
                "evidence": "traf Tom",
            },
        ],
    )
    spurious = {
        "subject": "tom_kerr",
        "predicate": "attacks",
        "object": "berg",
        "evidence": "sagte Berg",
        "start": 56,
        "rule": "verb.x",
    }
    s = score_article(pred(relations=[*pred()["relations"], spurious]), gold, text=TEXT)
    assert s.relations_by_predicate["meetsWith"] == PRF(1, 0, 0)
    assert s.relations_by_predicate["criticizes"] == PRF(0, 0, 1)
    assert s.relations_by_predicate["attacks"] == PRF(0, 1, 0)
    kinds = {(e.kind, e.predicate, e.sentence, e.rule) for e in s.relation_errors}
    assert kinds == {
        ("missed", "criticizes", "Anna Berg traf Tom Kerr in Polen.", ""),
        ("spurious", "attacks", "„Wir sind einig“, sagte Berg.", "verb.x"),
    }
    # polen is not matched (wrong type): one of the two gold relations is reachable
    assert s.relations_reachable == 1


def test_eval_gold_quotes_skipped_when_not_annotated() -> None:
    gold = dict(GOLD, quotes=[], annotated=["entities", "relations"])
    s = score_article(pred(), gold, text=TEXT)
    assert not s.quotes_annotated
    report = Report(articles=[s])
    assert not report.quotes_annotated and report.quotes.predicted == 0
    assert report.to_json()["overall"]["quotes"] is None
    both = Report(articles=[s, score_article(pred(), GOLD, text=TEXT)])
    assert both.quotes_annotated and both.quotes.gold == 1


@pytest.mark.parametrize(
    "snippet, start, sentence",
    [
        ("traf A", None, "Dann traf A den B."),
        ("Ende", None, "Ende."),
        ("fehlt", None, "fehlt"),  # not in the text: the snippet itself
        ("Erst", 0, "Erst dies."),
    ],
)
def test_eval_gold_sentence_around(snippet, start, sentence) -> None:  # type: ignore[no-untyped-def]
    assert sentence_around("Erst dies. Dann traf A den B.\nEnde.", snippet, start) == sentence


def test_eval_gold_cli_prints_predicates_and_errors(tmp_path: Path, golden_dir: Path) -> None:
    import shutil

    from typer.testing import CliRunner

    from graphbuild.cli import app

    for suffix in (".txt", ".gold.json"):
        name = "en_voa_kerry_zarif_2013" + suffix
        shutil.copy(golden_dir / name, tmp_path / name)
    res = CliRunner().invoke(app, ["eval", str(tmp_path), "--errors"])
    assert res.exit_code == 0, res.output
    assert "relations by predicate" in res.stdout
    assert "represents" in res.stdout
