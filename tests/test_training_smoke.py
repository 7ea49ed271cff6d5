"""Smoke tests for graphbuild's German spaCy pipeline.

1. The training entry point (training/train_de.py) converts a tiny data slice, trains both
   sub-pipelines for a few steps, assembles, evaluates and packages them into a tmp dir.
2. The packaged model in graphbuild/models/de loads (after importing graphbuild.nlp_layers)
   and gets a handful of easy, hand-written German news sentences right.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import graphbuild.nlp_layers  # noqa: E402  (registers the custom layers; name-list helpers)

ROOT = Path(__file__).resolve().parents[1]
SLICE = ROOT / "tests" / "data" / "training_slice"
MODEL_DIR = ROOT / "graphbuild" / "models" / "de"


def _flags(flag: str, values: list[str]) -> list[str]:
    """``--flag v1 --flag v2 …`` for a list of values."""
    return [item for v in values for item in (flag, v)]


def _load_train_module():
    spec = importlib.util.spec_from_file_location(
        "graphbuild_train_de", ROOT / "training" / "train_de.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_convert_train_assemble_package(tmp_path):
    pytest.importorskip("spacy_lookups_data")  # training-time dependency (lemma table)
    td = _load_train_module()
    clusters = str(SLICE / "clusters.json")
    tiny = [
        "training.max_steps=3",
        "training.eval_frequency=2",
        "training.batcher.size.start=200",
        "training.batcher.size.stop=200",
        f"initialize.lookups.path={clusters}",
    ]
    pkg = tmp_path / "pkg"
    td.main(
        [
            "all",
            "--corpora",
            str(SLICE),
            "--corpus-dir",
            str(tmp_path / "corpus"),
            "--output",
            str(tmp_path / "out"),
            "--package-dir",
            str(pkg),
            "--ge-holdout",
            "10",
            "--ge-repeat",
            "1",
            *_flags("--ud-override", [*tiny, "components.tok2vec.model.encode.width=16"]),
            *_flags("--ner-override", [*tiny, "components.ner.model.tok2vec.encode.width=16"]),
            "--finetune",
            *_flags("--ft-override", tiny),
        ]
    )
    # conversion applied the label harmonisation and wrote .spacy files
    assert (tmp_path / "corpus" / "ner" / "germeval_testA.spacy").exists()
    assert (tmp_path / "corpus" / "ud" / "train" / "gsd.spacy").exists()
    nlp = spacy.load(pkg)
    assert {"tok2vec", "tagger", "morphologizer", "parser", "ner"} <= set(nlp.pipe_names)
    assert "graphbuild_clusters" in nlp.pipe_names
    # the name-list tables were built from the slice's gazetteers/ and travel with the model
    gazetteers = nlp.get_pipe("graphbuild_gazetteers").tables
    assert gazetteers.names == list(graphbuild.nlp_layers.GAZETTEER_FILES)
    city = graphbuild.nlp_layers.gazetteer_features(nlp("in Frankfurt am Main"), ["city"])
    assert (city & 0xFF).ravel().tolist() == [0, 3, 4, 5]  # out, begin, inside, last
    assert (pkg / "LICENSE-DATA.md").exists()
    assert "OpenStreetMap" in (pkg / "LICENSE-DATA.md").read_text(encoding="utf8")
    assert nlp.meta["sources"]
    doc = nlp("Die Regierung in Berlin sagte am Montag, sie werde prüfen.")
    assert len(doc) == 12


def test_pretrain_then_train_ner(tmp_path):
    """E6: the pretrain stage writes tok2vec weights that train-ner --init-tok2vec starts from."""
    td = _load_train_module()
    clusters = str(SLICE / "clusters.json")
    common = ["--corpora", str(SLICE), "--corpus-dir", str(tmp_path / "corpus")]
    common += ["--output", str(tmp_path / "out"), "--ge-holdout", "10", "--ge-repeat", "1"]
    common += ["--no-with-testA"]
    width = "components.ner.model.tok2vec.encode.width=16"
    lookups = f"initialize.lookups.path={clusters}"
    td.main(["convert", "--ner-only", *common])
    td.main(
        [
            "pretrain",
            *common,
            *_flags("--pretrain-override", ["pretraining.max_epochs=1", width, lookups]),
        ]
    )
    out = tmp_path / "out" / "pretrain_ner"
    raw = [json.loads(line) for line in (out / "raw.jsonl").read_text().splitlines()]
    assert raw and len({r["text"] for r in raw}) == len(raw)  # each text once
    testA = {d.text for d in _docs(tmp_path / "corpus" / "ner" / "germeval_testA.spacy")}
    assert testA and not testA & {r["text"] for r in raw}  # evaluation text stays out
    weights = sorted(out.glob("model*.bin"))
    assert weights
    tiny = ["training.max_steps=2", "training.eval_frequency=2", width, lookups]
    td.main(
        [
            "train-ner",
            *common,
            "--ner-name",
            "ner_pre",
            "--init-tok2vec",
            str(weights[-1]),
            *_flags("--ner-override", tiny),
        ]
    )
    cfg = spacy.util.load_config(tmp_path / "out" / "ner_pre" / "model-last" / "config.cfg")
    assert cfg["paths"]["init_tok2vec"] == str(weights[-1])
    assert spacy.load(tmp_path / "out" / "ner_pre" / "model-last").pipe_names == ["ner"]


def _docs(path: Path):
    from spacy.tokens import DocBin

    return list(DocBin().from_disk(path).get_docs(spacy.blank("de").vocab))


def test_label_fixes():
    td = _load_train_module()
    words = ["die", "deutschen", "Behörden", "in", "#Berlin", "und", "Frau", "Meier"]
    spans = [(1, 2, "LOC"), (4, 5, "LOC"), (6, 8, "PER")]
    stats = {}
    fixed = td.fix_spans(words, spans, "smartdata.train", stats)
    assert fixed == [(4, 5, "LOC"), (7, 8, "PER")]
    # GermEval itself is never changed
    assert td.fix_spans(words, spans[2:], "germeval", {}) == [(6, 8, "PER")]


def test_partial_annotation_positions():
    td = _load_train_module()
    words = ["Der", "Konzern", "Siemens", "baut", "in", "Berlin", "das", "Werk", "."]
    spans = [(5, 6, "LOC")]
    assert td.missing_positions(words, spans, "none") == []
    # caps: capitalised, not sentence-initial, outside a mention (German nouns included)
    assert td.missing_positions(words, spans, "caps") == [1, 2, 7]
    assert td.missing_positions(words, spans, "all") == [0, 1, 2, 3, 4, 6, 7, 8]
    pos = ["DET", "NOUN", "PROPN", "VERB", "ADP", "PROPN", "DET", "NOUN", "PUNCT"]
    assert td.missing_positions(words, spans, "propn", pos) == [2]
    with pytest.raises(ValueError):
        td.missing_positions(words, spans, "bogus")


def test_partial_annotation_docs_have_missing_ner():
    from spacy.training import Example

    td = _load_train_module()
    nlp = spacy.blank("de")
    sents = [[("Der", "O"), ("Konzern", "O"), ("baut", "O"), ("in", "O"), ("Berlin", "B-LOC")]]
    (doc,) = td.iob_to_docs(nlp, sents, "smartdata.train", True, missing="caps")
    assert [t.ent_iob_ for t in doc] == ["O", "", "O", "O", "B"]
    gold = Example(nlp.make_doc(doc.text), doc).get_aligned_ner()
    assert gold == ["O", None, "O", "O", "U-LOC"]
    (plain,) = td.iob_to_docs(nlp, sents, "smartdata.train", True)
    assert [t.ent_iob_ for t in plain] == ["O", "O", "O", "O", "B"]


def test_batched_cluster_features_match_per_doc():
    import numpy
    from spacy.attrs import NORM, SHAPE

    from graphbuild.nlp_layers import CLUSTER_TABLE, ClusterFeatureExtractor, cluster_features

    nlp = spacy.blank("de")
    nlp.vocab.lookups.add_table(CLUSTER_TABLE, {"Berlin": 0b1011, "die": 0b0110, "stadt": 0b111})
    docs = [nlp("Die Stadt Berlin"), nlp(""), nlp("die Stadt XYZ wächst .")]
    ext = ClusterFeatureExtractor([NORM, SHAPE], [2, 4], CLUSTER_TABLE)
    feats, _ = ext(docs, is_train=False)
    assert [f.shape for f in feats] == [(3, 4), (0, 4), (5, 4)]
    for doc, f in zip(docs, feats, strict=True):
        base = doc.to_array([NORM, SHAPE]).reshape((len(doc), 2)).astype(numpy.uint64)
        expected = numpy.hstack([base, cluster_features(doc, [2, 4])])
        assert (numpy.asarray(f) == expected).all()
    berlin = cluster_features(docs[0], [2, 4])[2]
    assert berlin.tolist() == [(0b1011 & 0b11) | (2 << 40), (0b1011 & 0b1111) | (4 << 40)]
    # "Stadt" is found through its lowercase form; "XYZ" is unknown
    assert cluster_features(docs[2], [2])[1, 0] == (0b111 & 0b11) | (2 << 40)
    assert cluster_features(docs[2], [2])[2, 0] == 0xFFFFFFFF


def test_tokenizer_news_rules():
    nlp = spacy.blank(
        "de", config={"nlp": {"tokenizer": {"@tokenizers": "graphbuild.NewsTokenizer.v1"}}}
    )
    toks = [
        t.text
        for t in nlp(
            "„Wir warten ab“, sagte der Kreml-Sprecher zum US-Präsidenten »heute«—nicht morgen."
        )
    ]
    assert toks[:6] == ["„", "Wir", "warten", "ab", "“", ","]
    assert "Kreml-Sprecher" in toks and "US-Präsidenten" in toks
    assert "»" in toks and "«" in toks and "—" in toks
    assert [t.text for t in nlp("‚Ja‘")] == ["‚", "Ja", "‘"]


# ----------------------------------------------------------------------------- packaged model

needs_model = pytest.mark.skipif(
    not (MODEL_DIR / "config.cfg").exists(), reason="graphbuild/models/de not built"
)


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(MODEL_DIR)


def _ents(doc):
    return {(e.text, e.label_) for e in doc.ents}


@needs_model
def test_model_loads_from_other_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    m = spacy.load(MODEL_DIR)
    assert m.lang == "de"
    assert "graphbuild_clusters" in m.pipe_names
    assert "ner" in m.pipe_names and "parser" in m.pipe_names


@needs_model
def test_model_size_under_40mb():
    size = sum(f.stat().st_size for f in MODEL_DIR.rglob("*") if f.is_file())
    assert size < 40 * 1024 * 1024


@needs_model
def test_speech_verb_lemmas(nlp):
    doc = nlp(
        "Der Minister sagte am Dienstag, die Lage sei ernst. Die Sprecherin erklärte, man habe keine Wahl."
    )
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["sagte"] == "sagen"
    assert lemmas["erklärte"] == "erklären"


@needs_model
def test_sentence_boundaries(nlp):
    doc = nlp("Der Zug kam pünktlich in Hamburg an. Danach regnete es den ganzen Tag.")
    sents = [s.text for s in doc.sents]
    assert sents == ["Der Zug kam pünktlich in Hamburg an.", "Danach regnete es den ganzen Tag."]


@needs_model
def test_konjunktiv_mood(nlp):
    doc = nlp("Er sagte, die Lage sei ernst.")
    sei = next(t for t in doc if t.text == "sei")
    assert "Sub" in sei.morph.get("Mood")


@needs_model
@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Peter Schmidt, Bürgermeister von Leipzig, erklärte, die Stadt habe kein Geld mehr.",
            {("Peter Schmidt", "PER"), ("Leipzig", "LOC")},
        ),
        (
            "Der Autokonzern Volkswagen hat seinen Sitz in Wolfsburg.",
            {("Volkswagen", "ORG"), ("Wolfsburg", "LOC")},
        ),
        (
            "Die Deutsche Bahn kündigte für Freitag einen Streik in Hamburg an.",
            {("Deutsche Bahn", "ORG"), ("Hamburg", "LOC")},
        ),
    ],
)
def test_entities(nlp, text, expected):
    assert expected <= _ents(nlp(text))


@needs_model
def test_quotes_and_compounds_in_model(nlp):
    doc = nlp("„Wir werden das prüfen“, sagte ein Kreml-Sprecher in Moskau.")
    toks = [t.text for t in doc]
    assert toks[0] == "„" and "“" in toks and "Kreml-Sprecher" in toks
    assert [t.lemma_ for t in doc if t.text == "sagte"] == ["sagen"]


@needs_model
def test_model_ships_name_lists(nlp):
    tables = nlp.get_pipe("graphbuild_gazetteers").tables
    assert tables.names == list(graphbuild.nlp_layers.GAZETTEER_FILES)
    assert len(tables.words) > 100_000 and len(tables.entries) > 50_000
    assert (MODEL_DIR / "LICENSE-GermaNER.txt").exists()
    assert "ODbL" in (MODEL_DIR / "LICENSE-DATA.md").read_text(encoding="utf8")
