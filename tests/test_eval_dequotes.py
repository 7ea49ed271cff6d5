"""The de-quotes evaluation: corpus reader, span→token aligner, the metric, export, regression guard.

``tests/data/dequotes_slice.jsonl`` holds three hand-made mini documents in the corpus format
(no corpus text). The regression guard scores the first 20 documents of the corpus's dev
split when ``../shared/corpora/de-quotes/dev.jsonl`` is present beside the repository.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from graphbuild.errors import InputError
from graphbuild.evaluation.dequotes import (
    corpus_json,
    evaluate,
    gold_groups,
    quote_group,
)
from graphbuild.evaluation.dequotes_corpus import align, read_corpus, token_spans
from graphbuild.evaluation.dequotes_metric import Group, assign, overlap_f1, score
from graphbuild.evaluation.dequotes_speakers import SpeakerTally, carries, name_tokens
from graphbuild.types import Mention, Quote

ROOT = Path(__file__).resolve().parent.parent
SLICE = Path(__file__).resolve().parent / "data" / "dequotes_slice.jsonl"
DEV = ROOT.parent / "shared" / "corpora" / "de-quotes" / "dev.jsonl"


# ---------------------------------------------------------------- reader


def test_dequotes_reader_reads_hand_made_documents() -> None:
    docs = list(read_corpus(SLICE))
    assert [d.id for d in docs] == ["hand_1", "hand_2", "hand_3"]
    d = docs[0]
    assert [q.type for q in d.quotes] == ["Direct", "Indirect", "IndirectFreeIndirect"]
    first = d.quotes[0].tokens("quote")
    s, e = d.tokens[first[0]][0], d.tokens[first[-1]][1]
    assert d.text[s:e] == "„Wir bauen die Brücke neu.“"
    assert docs[2].quotes == ()


def test_dequotes_reader_limit_and_folder(tmp_path: Path) -> None:
    assert len(list(read_corpus(SLICE, limit=2))) == 2
    for line in SLICE.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        (tmp_path / f"{obj['id']}.json").write_text(line, encoding="utf-8")
    assert sorted(d.id for d in read_corpus(tmp_path)) == ["hand_1", "hand_2", "hand_3"]


@pytest.mark.parametrize(
    "content, line",
    [
        ('{"originalText": "x", "tokens": []}\n{not json\n', 2),
        ('{"tokens": []}\n', 1),
        ('{"originalText": "ab", "tokens": [{"charBegin": 0}]}\n', 1),
        ("[1, 2]\n", 1),
    ],
)
def test_dequotes_reader_names_file_and_line(tmp_path: Path, content: str, line: int) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_corpus(bad))
    assert exc.value.line == line and "bad.jsonl" in str(exc.value)


def test_dequotes_reader_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(read_corpus(tmp_path / "nope.jsonl"))


# ---------------------------------------------------------------- aligner


TOKS = [(0, 3), (4, 9), (9, 10), (11, 15), (16, 20)]


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([(4, 9)], (1,)),  # exact token
        ([(2, 5)], (0, 1)),  # partial overlap on both sides
        ([(3, 4)], ()),  # only the space between tokens
        ([(0, 3), (16, 20)], (0, 4)),  # two spans
        ([(5, 5)], ()),  # empty span
        ([(9, 16)], (2, 3)),  # starts on a token boundary, ends in whitespace before a token
    ],
)
def test_dequotes_align_spans_to_tokens(
    spans: list[tuple[int, int]], expected: tuple[int, ...]
) -> None:
    assert align(TOKS, spans) == expected


def test_dequotes_token_spans_runs() -> None:
    assert token_spans([5, 1, 2, 3, 7]) == [(1, 4), (5, 6), (7, 8)]
    assert token_spans([]) == []


# ---------------------------------------------------------------- metric


def g(
    quote: tuple[int, ...],
    speaker: tuple[int, ...] = (),
    cue: tuple[int, ...] = (),
    t: str = "Direct",
) -> Group:
    return Group({"quote": quote, "speaker": speaker, "cue": cue}, t, "Speech")


def test_dequotes_metric_perfect() -> None:
    gold = [g((3, 4, 5), (0,), (1,)), g((10, 11), (8,), (9,), "Indirect")]
    s = score([(list(gold), gold)])
    assert s.messages.f1 == 1.0 and s.roles.f1 == 1.0 and s.joint.f1 == 1.0
    assert s.type.f1 == 1.0


def test_dequotes_metric_empty_prediction() -> None:
    s = score([([], [g((3, 4, 5), (0,))])])
    assert s.messages.recall == 0.0 and s.messages.precision == 0.0 and s.joint.f1 == 0.0
    # nothing predicted, nothing annotated: no pairs, no credit
    assert score([([], [])]).pairs == 0


def test_dequotes_metric_spurious_prediction_costs_precision_only() -> None:
    gold = [g((3, 4, 5), (0,), (1,))]
    s = score([([g((3, 4, 5), (0,), (1,)), g((20, 21))], gold)])
    assert s.messages.recall == 1.0
    assert s.messages.precision == pytest.approx(0.5)  # mean over the two pairs: 1.0 and 0.0


def test_dequotes_metric_partial_overlap() -> None:
    gold = [g((1, 2, 3, 4))]
    pred = [g((3, 4, 5, 6))]
    s = score([(pred, gold)])
    assert s.messages.precision == pytest.approx(0.5)
    assert s.messages.recall == pytest.approx(0.5)
    assert overlap_f1((1, 2, 3, 4), (3, 4, 5, 6)) == pytest.approx(0.5)


def test_dequotes_metric_wrong_speaker() -> None:
    gold = [g((3, 4, 5), speaker=(0,), cue=(1,))]
    pred = [g((3, 4, 5), speaker=(7,), cue=(1,))]
    s = score([(pred, gold)])
    assert s.messages.f1 == 1.0
    assert s.per_role["speaker"].f1 == 0.0
    assert s.per_role["cue"].f1 == 1.0
    assert s.roles.f1 < 1.0 and s.joint.f1 < 1.0


def test_dequotes_metric_split_quote_is_one_group() -> None:
    # „Wir“, sagte er, „schaffen das“: one quote with two spans on both sides
    gold = [Group({"quote": (0, 1, 2, 7, 8, 9, 10), "speaker": (5,), "cue": (4,)}, "Direct")]
    pred = [Group({"quote": (0, 1, 2, 7, 8, 9, 10), "speaker": (5,), "cue": (4,)}, "Direct")]
    assert score([(pred, gold)]).joint.f1 == 1.0
    halves = [g((0, 1, 2), (5,), (4,)), g((7, 8, 9, 10), (5,), (4,))]
    half = score([(halves, gold)])
    assert half.messages.recall < 1.0 and half.messages.precision < 1.0


def test_dequotes_hungarian_assignment_is_one_to_one() -> None:
    gold = [g((1, 2, 3, 4)), g((5, 6, 7, 8))]
    pred = [g((5, 6, 7)), g((1, 2, 3, 4, 5))]
    assert assign(pred, gold) == [(0, 1), (1, 0)]
    # type agreement breaks a tie between two equally overlapping predictions
    tie = assign([g((1, 2), t="Indirect"), g((1, 2), t="Direct")], [g((1, 2), t="Direct")])
    assert tie == [(1, 0)]


# ---------------------------------------------------------------- predictions → corpus format


def test_dequotes_direct_quote_group_includes_marks_and_roles() -> None:
    doc = next(read_corpus(SLICE))
    text = doc.text
    s = text.index("Wir bauen")
    e = text.index("neu.") + len("neu.")
    spk = Mention(start=4, end=33, text=text[4:33], label="PER", kind="role")
    q = Quote(
        start=s,
        end=e,
        text=text[s:e],
        kind="direct",
        type="direct",
        speaker=spk,
        cue_span=(text.index("sagte"), text.index("sagte") + 5),
        speaker_phrase=(0, 33),
    )
    group = quote_group(q, text, doc.tokens)
    gold = gold_groups(doc)[0]
    assert group.roles["quote"] == gold.roles["quote"]
    assert group.roles["speaker"] == gold.roles["speaker"]
    assert group.roles["cue"] == gold.roles["cue"]
    out = corpus_json(doc, [group])
    ann = out["annotations"][0]
    assert ann["quote"]["text"] == "„Wir bauen die Brücke neu.“"
    assert ann["type"] == "Direct" and out["originalText"] == text


def _blank_de() -> spacy.language.Language:
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def test_dequotes_evaluate_and_export_round_trip(tmp_path: Path) -> None:
    report = evaluate(SLICE, nlp=_blank_de(), export=tmp_path)
    assert report.documents == 3
    assert report.figures.found_by_type["Direct"] == (1, 1)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["hand_1.json", "hand_2.json", "hand_3.json"]
    # the export is itself a readable corpus; scored against gold it reproduces the figures
    exported = {d.id: d for d in read_corpus(tmp_path)}
    again = score((gold_groups(exported[d.id]), gold_groups(d)) for d in read_corpus(SLICE))
    assert again.messages.f1 == pytest.approx(report.scores.messages.f1, abs=1e-3)
    assert report.as_dict()["figures"]["documents"] == 3
    # every extracted quote that matches no gold quote is listed with the rule that made it
    f = report.figures
    assert len(f.wrong) == f.predicted - f.predicted_matched
    assert all(w.rule.startswith("quote.") and w.text for w in f.wrong)
    assert sum(n for _, n in f.wrong_by_rule()) == len(f.wrong)


# ---------------------------------------------------------------- regression guard on dev

# Measured on the first 20 dev documents with graphbuild/models/de (docs/evaluation.md):
# messages F1 0.788, joint F1 0.794 with the shipped model (E5 NER + U1 parser), the
# reported-speech rules for passives with an agent, judgements and quoted phrases inside, and
# quoted titles and names left out (0.640 / 0.643 when the guard was first set at 0.60). It sits about two points below, the
# size of a model retraining's effect on this slice.
GUARD_MESSAGES_F1 = 0.76
GUARD_JOINT_F1 = 0.77
# Speaker entity on the same slice (39 named gold quotes, 28 found; docs/evaluation.md):
# accuracy 0.929 (26/28), attributed recall 0.667, no entity 1 of 28; floors one quote below.
GUARD_SPEAKER_ENTITY = 0.89
GUARD_ATTRIBUTED_RECALL = 0.64
GUARD_NO_ENTITY = 0.08
# Reported speech on the slice: 6 of 13 gold Reported quotes found, 41 of 49 extracted quotes
# matching gold (0.837, quoted titles and speakers' names in marks left out); floors one
# quote below.
GUARD_REPORTED_FOUND = 0.38
GUARD_MATCHING = 0.81
GERMAN_MODEL = ROOT / "graphbuild" / "models" / "de" / "config.cfg"


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_file(), reason="de-quotes dev split not present beside the repo")
@pytest.mark.skipif(not GERMAN_MODEL.is_file(), reason="the German pipeline is not trained yet")
def test_dequotes_regression_guard_dev_slice(pipelines) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(DEV, nlp=pipelines.get("de"), limit=20)
    s = report.scores
    assert report.documents == 20
    assert s.messages.f1 >= GUARD_MESSAGES_F1, s.as_dict()
    assert s.joint.f1 >= GUARD_JOINT_F1, s.as_dict()
    assert report.figures.share("Reported") >= GUARD_REPORTED_FOUND, report.figures.as_dict()
    assert report.figures.precision >= GUARD_MATCHING, report.figures.as_dict()
    sp = report.speakers
    assert sp is not None
    assert sp.accuracy() >= GUARD_SPEAKER_ENTITY, sp.as_dict()
    assert sp.recall() >= GUARD_ATTRIBUTED_RECALL, sp.as_dict()
    assert sp.no_entity_share() <= GUARD_NO_ENTITY, sp.as_dict()


@pytest.mark.slow  # loads the German pipeline through the CLI
def test_dequotes_cli_json_and_export(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphbuild.cli import app

    result = CliRunner().invoke(
        app,
        ["eval", "--corpus", "de-quotes", str(SLICE), "--json", "--export", str(tmp_path / "x")],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 3 and "messages" in data["metric"]
    assert len(list((tmp_path / "x").iterdir())) == 3
    table = CliRunner().invoke(app, ["eval", "--corpus", "de-quotes", str(SLICE), "--errors"])
    assert table.exit_code == 0 and "speaker entity right" in table.stdout
    assert "wrong speaker entity" in table.stdout
    assert "matching no gold quote" in table.stdout and "unmatched per rule" in table.stdout
    bad = CliRunner().invoke(app, ["eval", "--corpus", "de-quotes", str(tmp_path / "none.jsonl")])
    assert bad.exit_code == 2  # a path that does not exist is a usage error


# ---------------------------------------------------------------- speaker entity figures


@pytest.mark.parametrize(
    "speaker, tokens",
    [
        ("Angela Merkel", ("Angela", "Merkel")),
        ("die SPD", ("SPD",)),
        ("Die zentrale Wahlkommission", ("Wahlkommission",)),
        ("die Bochumer Polizei", ("Bochumer", "Polizei")),
        ("Der Vorsitzende des Verbands, Max Muster", ("Verbands", "Max", "Muster")),
        ("er", ()),
        ("Ein Sprecher", ()),
        ("die Regierungssprecherin", ()),
        ("der 58-Jährige", ()),
        ("Meinung des SPD-Politikers", ()),
        ("Angaben der Polizei", ("Polizei",)),
        ("laut Bericht", ()),
    ],
)
def test_dequotes_named_speaker_tokens(speaker: str, tokens: tuple[str, ...]) -> None:
    assert name_tokens(speaker) == tokens


@pytest.mark.parametrize(
    "names, token, expected",
    [
        (("Angela Merkel",), "Merkels", True),
        (("Angela Merkel", "Merkel"), "merkel", True),
        (("Bundestags-Innenausschuss",), "Bundestags-Innenausschusses", True),
        (("Bochumer Polizei",), "Polizei", True),
        (("Tom Kerr",), "Merkel", False),
    ],
)
def test_dequotes_entity_carries_the_gold_name(
    names: tuple[str, ...], token: str, expected: bool
) -> None:
    assert carries(names, token) is expected


def test_dequotes_speaker_tally_counts_accuracy_recall_and_missing_entities() -> None:
    t = SpeakerTally()
    assert t.gold("Direct", "Angela Merkel") and t.gold("Indirect", "die Polizei")
    assert not t.gold("Indirect", "er")  # a pronoun speaker is not named
    assert t.gold("Indirect", "die SPD")  # named but not found
    t.found_quote("d", "Direct", "Angela Merkel", ("Angela Merkel",), "…")
    t.found_quote("d", "Indirect", "die Polizei", None, "…", phrase="die Polizei")
    f = t.figures()
    assert (f.named["all"], f.found["all"], f.right["all"], f.no_entity["all"]) == (3, 2, 1, 1)
    assert f.accuracy("Direct") == 1.0 and f.recall("non-Direct") == 0.0
    assert f.no_entity_share() == 0.5
    (err,) = f.errors
    assert (err.gold, err.entity, err.phrase) == ("die Polizei", None, "die Polizei")


def test_dequotes_report_has_speaker_entity_figures() -> None:
    report = evaluate(SLICE, nlp=_blank_de())
    assert report.speakers is not None
    data = report.as_dict()["speaker_entity"]
    assert set(data) == {"Direct", "non-Direct", "all"}  # type: ignore[arg-type]
