"""Name-list features of the German NER (graphbuild.nlp_layers, gazetteer part).

Hand-made lists and tokens: a token in a list, not in a list, a word inside a longer entry,
and the begin / inside / last positions of a matched multi-token entry; the tables' file
round trip; the embedding layer that adds the features to the per-form embedding.
"""

from __future__ import annotations

import numpy
import pytest

spacy = pytest.importorskip("spacy")

from spacy.tokens import Doc  # noqa: E402

from graphbuild import nlp_layers  # noqa: E402
from graphbuild.nlp_layers import (  # noqa: E402
    GAZ_BEGIN,
    GAZ_INSIDE,
    GAZ_LAST,
    GAZ_OUT,
    GAZ_PART,
    GAZ_UNIT,
    GazetteerTables,
    gazetteer_features,
    read_gazetteers,
)

LISTS = {
    "first": ["Anna", "Peter"],
    "city": ["Hamburg", "Frankfurt am Main", "Bad Homburg vor der Höhe"],
    "company": ["Hamburg Süd", "Bäckerei Hamburg Nord"],
}


@pytest.fixture()
def nlp():
    nlp = spacy.blank("de")
    tables = GazetteerTables.build(LISTS, lambda text: text.split())
    nlp.add_pipe("graphbuild_gazetteers").set_tables(tables)
    return nlp


def _states(nlp, words: list[str], lists=("first", "city", "company")) -> list[list[int]]:
    doc = Doc(nlp.vocab, words=words)
    return (gazetteer_features(doc, list(lists)) & numpy.uint64(0xFF)).tolist()


@pytest.mark.parametrize(
    "words, expected",
    [
        # a one-token entry, a token in no list
        (["Anna", "schläft"], [[GAZ_UNIT, GAZ_OUT, GAZ_OUT], [GAZ_OUT] * 3]),
        # exact form only: no case folding
        (["anna", "HAMBURG"], [[GAZ_OUT] * 3, [GAZ_OUT] * 3]),
        # the city alone; a capitalised word of two company entries
        (["Hamburg"], [[GAZ_OUT, GAZ_UNIT, GAZ_PART]]),
        # a three-token entry: begin, inside, last
        (
            ["in", "Frankfurt", "am", "Main", "."],
            [
                [GAZ_OUT] * 3,
                [GAZ_OUT, GAZ_BEGIN, GAZ_OUT],
                [GAZ_OUT, GAZ_INSIDE, GAZ_OUT],
                [GAZ_OUT, GAZ_LAST, GAZ_OUT],
                [GAZ_OUT] * 3,
            ],
        ),
        # an unfinished entry is no match; its capitalised words are marked as parts
        (
            ["Frankfurt", "am", "Rhein"],
            [[GAZ_OUT, GAZ_PART, GAZ_OUT], [GAZ_OUT] * 3, [GAZ_OUT] * 3],
        ),
        # lists are matched independently: city "Hamburg" and company "Hamburg Süd" overlap
        (["Hamburg", "Süd"], [[GAZ_OUT, GAZ_UNIT, GAZ_BEGIN], [GAZ_OUT, GAZ_OUT, GAZ_LAST]]),
    ],
)
def test_gazetteer_states(nlp, words, expected):
    assert _states(nlp, words) == expected


def test_gazetteer_longest_match_wins(nlp):
    words = ["Bad", "Homburg", "vor", "der", "Höhe"]
    city = [row[1] for row in _states(nlp, words)]
    assert city == [GAZ_BEGIN, GAZ_INSIDE, GAZ_INSIDE, GAZ_INSIDE, GAZ_LAST]
    # a company entry that contains a city entry: the longer one covers "Hamburg"
    company = [row[2] for row in _states(nlp, ["Bäckerei", "Hamburg", "Nord"])]
    assert company == [GAZ_BEGIN, GAZ_INSIDE, GAZ_LAST]


def test_gazetteer_features_encode_list_position(nlp):
    doc = Doc(nlp.vocab, words=["Peter"])
    feats = gazetteer_features(doc, ["city", "first"])
    assert feats.tolist() == [[0 << 8 | GAZ_OUT, 1 << 8 | GAZ_UNIT]]
    # a list the tables do not have is "not in the list" everywhere
    assert (gazetteer_features(doc, ["country"]) & numpy.uint64(0xFF)).tolist() == [[GAZ_OUT]]


def test_gazetteer_features_without_tables():
    doc = spacy.blank("de")("Peter wohnt in Hamburg")
    assert (gazetteer_features(doc, ["first", "city"]) & numpy.uint64(0xFF)).sum() == 0


def test_gazetteer_tables_round_trip(nlp, tmp_path):
    nlp.get_pipe("graphbuild_gazetteers").to_disk(tmp_path / "gaz")
    words = ["Peter", "in", "Bad", "Homburg", "vor", "der", "Höhe", "und", "Hamburg", "Süd"]
    before = _states(nlp, words)
    fresh = spacy.blank("de")
    fresh.add_pipe("graphbuild_gazetteers").from_disk(tmp_path / "gaz")
    assert _states(fresh, words) == before
    loaded = GazetteerTables.from_disk(tmp_path / "gaz")
    assert loaded.names == ["first", "city", "company"]
    assert len(loaded.entries) == 4


def test_read_gazetteers_first_column(tmp_path):
    (tmp_path / "first.tsv").write_text("Anna\tVN\tFem\n\nPeter\tVN\n", encoding="utf8")
    (tmp_path / "cities.txt").write_text("Frankfurt am Main\n  \nHamburg\n", encoding="utf8")
    lists = read_gazetteers(tmp_path, {"first": "first.tsv", "city": "cities.txt"})
    assert lists == {"first": ["Anna", "Peter"], "city": ["Frankfurt am Main", "Hamburg"]}


def test_gazetteer_initialize_builds_tables_with_the_tokenizer(tmp_path):
    for name, file in nlp_layers.GAZETTEER_FILES.items():
        (tmp_path / file).write_text("Frankfurt am Main\n" if name == "city" else "", "utf8")
    nlp = spacy.blank("de")
    component = nlp.add_pipe("graphbuild_gazetteers")
    nlp.initialize()  # no path: nothing is built
    assert component.tables is None
    component.initialize(nlp=nlp, path=str(tmp_path))
    assert component.tables.names == list(nlp_layers.GAZETTEER_FILES)
    city = [row[0] for row in _states(nlp, ["Frankfurt", "am", "Main"], ["city"])]
    assert city == [GAZ_BEGIN, GAZ_INSIDE, GAZ_LAST]


def _embed(lists):
    return nlp_layers.GazetteerClusterHashEmbed(
        width=8,
        attrs=["NORM", "SHAPE"],
        rows=[50, 20],
        cluster_prefixes=[],
        cluster_rows=[],
        gazetteer_lists=lists,
    )


def test_gazetteer_embed_adds_list_features(nlp):
    docs = [Doc(nlp.vocab, words=["Hamburg", "Süd", "und", "Hamburg"])]
    model = _embed(["city", "company"])
    model.initialize(X=docs)
    (out,) = model.predict(docs)
    assert out.shape == (4, 8)
    # same form, different list state (inside the company entry or alone): different rows
    assert not numpy.allclose(out[0], out[3])
    assert model.get_dim("nO") == 8
    # one list alone (the per-list experiments)
    single = _embed(["city"])
    single.initialize(X=docs)
    assert single.predict(docs)[0].shape == (4, 8)
    # without lists the layer is the plain per-form embedding
    assert _embed([]).attrs.get("graphbuild_embed") is True


def test_gazetteer_embed_cache_keeps_outputs(nlp):
    docs = [Doc(nlp.vocab, words=w.split()) for w in ("Hamburg Süd baut", "in Hamburg", "Süd")]
    model = _embed(["city", "company"])
    model.initialize(X=docs)
    plain = [numpy.array(a) for a in model.predict(docs)]
    (forms,) = [n for n in model.walk() if n.attrs.get("graphbuild_embed")]
    forms._func = nlp_layers.EmbedCache(forms._func)
    for _ in range(2):  # cold and warm cache
        cached = model.predict(docs)
        for a, b in zip(plain, cached, strict=True):
            assert numpy.array_equal(a, numpy.asarray(b))
