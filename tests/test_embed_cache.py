"""The inference cache of our embedding layer (graphbuild.nlp_layers.EmbedCache).

The cache must not change a single number: the same tok2vec outputs and the same
annotations as the layer without it, for repeated words, for a word whose token-level NORM
differs from its lexeme's (tokenizer exceptions set such norms), and when the table is full.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

from graphbuild import nlp_layers  # noqa: E402
from graphbuild.nlp import load_pipeline  # noqa: E402

MODEL_DIR = Path(__file__).resolve().parents[1] / "graphbuild" / "models" / "de"
pytestmark = pytest.mark.skipif(
    not (MODEL_DIR / "config.cfg").exists(), reason="graphbuild/models/de not built"
)

TEXTS = [
    "Die Ministerin sagte am Montag in Berlin, die Regierung werde den Plan prüfen.",
    "„Wir prüfen den Plan“, sagte die Ministerin. Der Plan sei noch nicht fertig.",
    "Er stand auf'm Dach, sie saß vor'm Haus, und die Ministerin wartete in Berlin.",
]


@pytest.fixture(scope="module")
def plain():
    return spacy.load(MODEL_DIR)


def _cached(max_rows: int = nlp_layers.EMBED_CACHE_ROWS):
    nlp = spacy.load(MODEL_DIR)
    assert nlp_layers.enable_embed_cache(nlp, max_rows) == 2  # shared tok2vec and the NER's own
    return nlp


def _caches(nlp) -> list[nlp_layers.EmbedCache]:
    return [cache for _, cache in nlp_layers.embed_caches(nlp)]


def _embed_outputs(nlp, docs):
    return [
        nlp.get_pipe("tok2vec").model.predict(docs),
        nlp.get_pipe("ner").model.get_ref("tok2vec").predict(docs),
    ]


def _annotations(doc):
    return (
        [(e.start, e.end, e.label_) for e in doc.ents],
        [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start) for t in doc],
    )


@pytest.mark.parametrize("max_rows", [nlp_layers.EMBED_CACHE_ROWS, 7])
def test_cache_keeps_every_output(plain, max_rows):
    cached = _cached(max_rows)
    for _ in range(2):  # the second pass reads every word from the table (or not, when full)
        expected = [_annotations(d) for d in plain.pipe(TEXTS)]
        assert [_annotations(d) for d in cached.pipe(TEXTS)] == expected
    docs_a = [plain.make_doc(t) for t in TEXTS]
    docs_b = [cached.make_doc(t) for t in TEXTS]
    for want, got in zip(
        _embed_outputs(plain, docs_a), _embed_outputs(cached, docs_b), strict=True
    ):
        for x, y in zip(want, got, strict=True):
            numpy.testing.assert_array_equal(x, y)
    assert all(len(cache.rows) <= max_rows for cache in _caches(cached))


def test_cache_key_includes_the_token_norm(plain):
    cached = _cached()
    words = ["Er", "sah", "'m", "Dach", "und", "'m", "Haus"]

    def docs(nlp):
        doc = Doc(nlp.vocab, words=words)
        doc[5].norm_ = "dem"  # as the tokenizer exception "vor'm" sets it; doc[2] keeps its own
        return [doc]

    assert docs(plain)[0][2].norm_ != "dem"
    for want, got in zip(
        _embed_outputs(plain, docs(plain)), _embed_outputs(cached, docs(cached)), strict=True
    ):
        numpy.testing.assert_array_equal(want[0], got[0])
    # the two "'m" tokens get different vectors: the norm is a feature of the layer
    vectors = _embed_outputs(cached, docs(cached))[0][0]
    assert not numpy.array_equal(vectors[2], vectors[5])


def test_training_pass_bypasses_the_cache(plain):
    cached = _cached()
    docs = [cached.make_doc(TEXTS[0])]
    layer = cached.get_pipe("tok2vec").model
    embed = next(n for n in layer.walk() if isinstance(n._func, nlp_layers.EmbedCache))
    embed.predict(docs)
    rows = dict(embed._func.rows)
    docs = [cached.make_doc("Ganz neue Wörter: Quastenflosser, Zwergpudel.")]
    output, backprop = embed.begin_update(docs)
    assert embed._func.rows == rows  # nothing looked up or stored
    assert callable(backprop) and output[0].shape == (len(docs[0]), 96)


def test_load_pipeline_enables_the_cache():
    nlp = load_pipeline(str(MODEL_DIR))
    assert len(_caches(nlp)) == 2
    assert nlp_layers.enable_embed_cache(nlp) == 0  # idempotent


def test_empty_docs_pass_through(plain):
    cached = _cached()
    docs = [cached.make_doc(""), cached.make_doc("Berlin"), cached.make_doc("")]
    outputs = cached.get_pipe("tok2vec").model.predict(docs)
    assert [o.shape[0] for o in outputs] == [0, 1, 0]
    assert [len(d) for d in cached.pipe(["", " "])] == [0, 1]
