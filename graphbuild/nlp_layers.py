"""Custom spaCy/thinc functions used by graphbuild's own German pipeline.

Import this module before loading the packaged model::

    import graphbuild.nlp_layers  # noqa: F401  (registers the functions below)
    nlp = spacy.load("graphbuild/models/de")

Registered here:

* ``graphbuild.ClusterHashEmbed.v1`` (architecture): MultiHashEmbed-style
  NORM/PREFIX/SUFFIX/SHAPE hash embeddings, concatenated with hash embeddings of
  Brown-cluster bit-prefixes looked up per token.  The cluster table is a
  ``spacy.lookups.Table`` called ``graphbuild_cluster`` in ``nlp.vocab.lookups``;
  it is serialised with the pipeline (``vocab/lookups.bin``), so nothing is read
  from spacy-lookups-data or the internet at run time.
* ``graphbuild.cluster_lookups.v1`` (misc): builds that table at *training* time
  from spacy-lookups-data's ``de_lexeme_cluster`` (optionally pruned by word
  probability).
* ``graphbuild.NewsTokenizer.v1`` (tokenizer): spaCy's German tokenizer plus a
  few news-text fixes (dashes between words are split off).

Also here: ``enable_embed_cache(nlp)`` (called by ``graphbuild.nlp.load_pipeline``) makes the
``ClusterHashEmbed`` layers of a trained pipeline remember each word's output row (bit-identical
outputs, ≈ 20 % more words/s; docs/model.md, P3).

Only spacy, thinc, numpy and the standard library are imported.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence

import numpy
from spacy.attrs import LOWER, NORM, ORTH, intify_attr
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Ints2d

CLUSTER_TABLE = "graphbuild_cluster"
_MISSING = numpy.uint64(0xFFFFFFFF)

# id(vocab) -> (sorted key hashes, clusters), registered by the "graphbuild_clusters" component
_VOCAB_CLUSTERS: dict[int, tuple[numpy.ndarray, numpy.ndarray]] = {}

# id(table) -> (weakref to table, len, sorted keys, values)
_TABLE_CACHE: dict[int, tuple[object, int, numpy.ndarray, numpy.ndarray]] = {}


def _table_arrays(table: Table) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Sorted (key hash, cluster) arrays for a lookups table, cached per table."""
    key = id(table)
    hit = _TABLE_CACHE.get(key)
    if hit is not None and hit[0]() is table and hit[1] == len(table):
        return hit[2], hit[3]
    n = len(table)
    keys = numpy.fromiter(table.keys(), dtype=numpy.uint64, count=n)
    vals = numpy.fromiter(table.values(), dtype=numpy.uint64, count=n)
    order = numpy.argsort(keys, kind="stable")
    keys, vals = keys[order], vals[order]
    try:
        ref = weakref.ref(table)
    except TypeError:  # pragma: no cover - Table is weak-referenceable
        ref = lambda: table  # noqa: E731
    _TABLE_CACHE[key] = (ref, n, keys, vals)
    return keys, vals


def _lookup(keys: numpy.ndarray, vals: numpy.ndarray, ids: numpy.ndarray):
    if keys.size == 0:
        return numpy.zeros(ids.shape, dtype=bool), numpy.zeros(ids.shape, dtype=numpy.uint64)
    idx = numpy.searchsorted(keys, ids)
    idx[idx >= keys.size] = 0
    found = keys[idx] == ids
    return found, vals[idx]


def _cluster_arrays(vocab, table_name: str):
    """(sorted key hashes, clusters) for a vocab, or None when no cluster table is available."""
    arrays = _VOCAB_CLUSTERS.get(id(vocab))
    if (
        arrays is not None
    ):  # packaged model: compact arrays held by the graphbuild_clusters component
        return arrays
    if vocab.lookups.has_table(table_name):  # training: table in vocab.lookups
        return _table_arrays(vocab.lookups.get_table(table_name))
    return None


def _prefix_features(arrays, ids: numpy.ndarray, prefixes: Sequence[int]) -> numpy.ndarray:
    """Cluster prefix features for an (n, 2) uint64 array of (ORTH, LOWER) hashes."""
    n = ids.shape[0]
    out = numpy.empty((n, len(prefixes)), dtype=numpy.uint64)
    out.fill(_MISSING)
    if n == 0 or arrays is None:
        return out
    keys, vals = arrays
    found, cl = _lookup(keys, vals, ids[:, 0])
    if not found.all():
        found2, cl2 = _lookup(keys, vals, ids[:, 1])
        use2 = ~found & found2
        cl = numpy.where(use2, cl2, cl)
        found = found | found2
    for j, k in enumerate(prefixes):
        mask = numpy.uint64((1 << int(k)) - 1)
        feat = (cl & mask) | numpy.uint64(int(k) << 40)
        out[:, j] = numpy.where(found, feat, _MISSING)
    return out


def cluster_features(
    doc: Doc, prefixes: Sequence[int], table_name: str = CLUSTER_TABLE
) -> numpy.ndarray:
    """(n_tokens, len(prefixes)) uint64 array of Brown-cluster prefix features.

    Cluster ids follow spaCy v2's encoding (the bit path reversed), so the first
    k bits of the path are the k low bits of the id.  The exact form is looked up
    first, then its lowercase form; unknown words get a fixed "missing" value.
    """
    n = len(doc)
    if n == 0:
        return _prefix_features(None, numpy.zeros((0, 2), dtype=numpy.uint64), prefixes)
    ids = doc.to_array([ORTH, LOWER]).astype(numpy.uint64, copy=False).reshape((n, 2))
    return _prefix_features(_cluster_arrays(doc.vocab, table_name), ids, prefixes)


def ClusterFeatureExtractor(
    columns: list[int], prefixes: Sequence[int], table_name: str
) -> Model[list[Doc], list[Ints2d]]:
    return Model(
        "cluster_feature_extractor",
        _extractor_forward,
        attrs={"columns": list(columns), "prefixes": list(prefixes), "table_name": table_name},
    )


def _extractor_forward(model: Model, docs: list[Doc], is_train: bool):
    columns = model.attrs["columns"]
    prefixes = model.attrs["prefixes"]
    table_name = model.attrs["table_name"]
    n_cols = len(columns)
    # one to_array call per doc (attribute columns + ORTH + LOWER) and one vectorised cluster
    # lookup for the whole batch; same values as cluster_features() per doc
    attrs = list(columns) + ([ORTH, LOWER] if prefixes else [])
    lengths = [len(doc) for doc in docs]
    arrays = []
    for doc, n in zip(docs, lengths, strict=True):
        arr = doc.to_array(attrs) if n else numpy.zeros((0, len(attrs)), dtype=numpy.uint64)
        arrays.append(arr.reshape((n, len(attrs))))
    if not docs:
        return [], lambda d_features: []
    allf = numpy.concatenate(arrays).astype(numpy.uint64, copy=False)
    if prefixes:
        clusters = _prefix_features(
            _cluster_arrays(docs[0].vocab, table_name), allf[:, n_cols:], prefixes
        )
        allf = numpy.hstack([allf[:, :n_cols], clusters])
    features = []
    start = 0
    for n in lengths:
        features.append(
            model.ops.asarray2i(numpy.ascontiguousarray(allf[start : start + n]), dtype="uint64")
        )
        start += n

    def backprop(d_features):
        return []

    return features, backprop


@registry.architectures("graphbuild.ClusterHashEmbed.v1")
def ClusterHashEmbed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_prefixes: list[int],
    cluster_rows: list[int],
    table_name: str = CLUSTER_TABLE,
) -> Model[list[Doc], list]:
    """MultiHashEmbed (without static vectors) plus Brown-cluster prefix features."""
    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    if len(cluster_rows) != len(cluster_prefixes):
        raise ValueError("cluster_rows and cluster_prefixes must have the same length")
    columns = [intify_attr(a) for a in attrs]
    all_rows = list(rows) + list(cluster_rows)
    embeddings = [
        HashEmbed(width, all_rows[i], column=i, seed=8 + i, dropout=0.0)
        for i in range(len(all_rows))
    ]
    max_out = with_array(Maxout(width, width * len(embeddings), nP=3, dropout=0.0, normalize=True))
    model = chain(
        ClusterFeatureExtractor(columns, cluster_prefixes, table_name),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        max_out,
        ragged2list(),
    )
    # the output row of a token depends only on its form and norm: enable_embed_cache may
    # remember it (not when a feature depends on the context, e.g. a POS column)
    model.attrs["graphbuild_embed"] = set(columns) <= _FORM_ATTRS
    return model


# --------------------------------------------------------------------------- inference cache

# attributes that are a function of the word form (a lexeme attribute) or of the word form and
# the token's NORM (tokenizer exceptions may give a token another norm than its lexeme)
_FORM_ATTRS = {intify_attr(a) for a in ("ORTH", "LOWER", "NORM", "PREFIX", "SUFFIX", "SHAPE")}
EMBED_CACHE_ROWS = 50_000  # word types kept per embedding layer (19 MB at width 96)


class EmbedCache:
    """Forward function of a ``ClusterHashEmbed`` layer that remembers each word's vector.

    Every feature of the layer (NORM, PREFIX, SUFFIX, SHAPE, the Brown-cluster prefixes) is a
    function of the token's form and norm, and the hash embeddings, the maxout and the layer
    norm work token by token, so the layer's output row of a token depends only on its
    ``(ORTH, NORM)`` pair. At prediction time the vectors of pairs seen before are gathered from
    a table; only new pairs go through the layer (in a scratch ``Doc`` of those words). The
    table holds at most ``max_rows`` pairs; later new pairs are computed every time.

    The table is filled from the parameters the layer has when it is first used: it is for a
    trained pipeline that no longer changes (``enable_embed_cache`` is called by
    ``graphbuild.nlp.load_pipeline``, never during training). Training passes
    (``is_train=True``) bypass it.
    """

    def __init__(self, forward: Callable, max_rows: int = EMBED_CACHE_ROWS) -> None:
        self.forward = forward
        self.max_rows = max_rows
        self.rows: dict[tuple[int, int], int] = {}
        self.table = numpy.zeros((0, 0), dtype="float32")  # sized on the first store

    def __call__(self, model: Model, docs: list[Doc], is_train: bool):
        if is_train or not any(len(doc) for doc in docs):
            return self.forward(model, docs, is_train)
        keys: list[tuple[int, int]] = []
        for doc in docs:
            keys.extend(map(tuple, doc.to_array([ORTH, NORM]).reshape((len(doc), 2)).tolist()))
        new = [k for k in dict.fromkeys(keys) if k not in self.rows]
        fresh = self._compute(model, docs[0].vocab, new) if new else self.table[:0]
        self._store(new, fresh)
        if len(self.rows) == self.max_rows and any(k not in self.rows for k in new):
            # the table is full: pairs left out of it come from this batch's computation
            extra = {k: i for i, k in enumerate(new)}
            out = numpy.stack(
                [self.table[self.rows[k]] if k in self.rows else fresh[extra[k]] for k in keys]
            )
        else:
            out = self.table[[self.rows[k] for k in keys]]
        result = []
        start = 0
        for doc in docs:
            result.append(model.ops.asarray2f(out[start : start + len(doc)]))
            start += len(doc)
        return result, lambda d_out: []

    def _compute(self, model: Model, vocab, pairs: list[tuple[int, int]]) -> numpy.ndarray:
        doc = Doc(vocab, words=[vocab.strings[o] for o, _ in pairs], spaces=[False] * len(pairs))
        for token, (_, norm) in zip(doc, pairs, strict=True):
            token.norm_ = vocab.strings[norm]
        (vectors,), _ = self.forward(model, [doc], False)
        return model.ops.to_numpy(vectors)

    def _store(self, pairs: list[tuple[int, int]], vectors: numpy.ndarray) -> None:
        n = len(self.rows)
        keep = min(len(pairs), self.max_rows - n)
        if keep <= 0:
            return
        if self.table.shape[0] < n + keep:
            size = min(self.max_rows, max(1024, 2 * (n + keep)))
            table = numpy.empty((size, vectors.shape[1]), dtype=vectors.dtype)
            if n:
                table[:n] = self.table[:n]
            self.table = table
        self.table[n : n + keep] = vectors[:keep]
        self.rows.update(zip(pairs[:keep], range(n, n + keep), strict=True))


def _embed_layers(nlp) -> list[Model]:
    """The ``ClusterHashEmbed`` layers of a pipeline's components."""
    return [
        node
        for _, component in nlp.pipeline
        if getattr(component, "model", None) is not None
        for node in component.model.walk()
        if node.attrs.get("graphbuild_embed")
    ]


def embed_caches(nlp) -> list[tuple[Model, EmbedCache]]:
    """(layer, its cache) for every embedding layer with an :class:`EmbedCache`."""
    return [(n, n._func) for n in _embed_layers(nlp) if isinstance(n._func, EmbedCache)]


def enable_embed_cache(nlp, max_rows: int = EMBED_CACHE_ROWS) -> int:
    """Give every ``ClusterHashEmbed`` layer of a trained pipeline an :class:`EmbedCache`.

    Returns the number of layers changed (0 for pipelines without our layer). Outputs stay
    the same (tests/test_embed_cache.py compares them); the pipeline must not be trained
    afterwards.
    """
    changed = 0
    for node in _embed_layers(nlp):
        if not isinstance(node._func, EmbedCache):
            node._func = EmbedCache(node._func, max_rows)
            changed += 1
    return changed


@registry.misc("graphbuild.cluster_lookups.v1")
def create_cluster_lookups(
    min_prob: float | None = None,
    path: str | None = None,
    extra_tables: Sequence[str] = (),
) -> Lookups:
    """Lookups with the ``graphbuild_cluster`` table (TRAINING time only).

    path: a JSON (or .json.gz) file {word: cluster}; default is spacy-lookups-data's
    de_lexeme_cluster.  min_prob: drop forms whose de_lexeme_prob is below it.
    """
    import gzip
    import json
    from pathlib import Path

    def _read(p: Path):
        opener = gzip.open if str(p).endswith(".gz") else open
        with opener(p, "rt", encoding="utf8") as f:
            return json.load(f)

    if path:
        clusters = _read(Path(path))
        probs = None
    else:
        import spacy_lookups_data  # training-time dependency only

        data = Path(spacy_lookups_data.__file__).parent / "data"
        clusters = _read(data / "de_lexeme_cluster.json.gz")
        probs = _read(data / "de_lexeme_prob.json.gz") if min_prob is not None else None
    if probs is not None:
        clusters = {w: c for w, c in clusters.items() if probs.get(w, -100.0) >= min_prob}
    lookups = Lookups()
    lookups.add_table(CLUSTER_TABLE, {w: int(c) for w, c in clusters.items()})
    return lookups


# --------------------------------------------------------------------------- cluster table component

from spacy.language import Language  # noqa: E402


class ClusterTable:
    """Holds the Brown-cluster table of the packaged model as two numpy arrays
    (sorted uint64 word-form hashes, uint16 cluster ids) and makes them available to
    ``graphbuild.ClusterHashEmbed.v1`` layers of the same vocab.  Loading .npy files is
    fast; a 1M-entry ``spacy.lookups.Table`` takes tens of seconds to deserialise.
    Put it first in the pipeline; ``__call__`` does nothing."""

    def __init__(self, nlp, name: str):
        self.name = name
        self.vocab = nlp.vocab
        self.keys = numpy.zeros((0,), dtype=numpy.uint64)
        self.vals = numpy.zeros((0,), dtype=numpy.uint64)
        weakref.finalize(self, _VOCAB_CLUSTERS.pop, id(self.vocab), None)

    def set_table(self, table) -> None:
        keys, vals = _table_arrays(table) if isinstance(table, Table) else table
        self._set(numpy.asarray(keys, dtype=numpy.uint64), numpy.asarray(vals))

    def _set(self, keys, vals) -> None:
        order = numpy.argsort(keys, kind="stable")
        self.keys = numpy.ascontiguousarray(keys[order], dtype=numpy.uint64)
        self.vals = numpy.ascontiguousarray(vals[order], dtype=numpy.uint64)
        _VOCAB_CLUSTERS[id(self.vocab)] = (self.keys, self.vals)

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        numpy.save(path / "keys.npy", self.keys.astype("<u8"))
        numpy.save(path / "clusters.npy", self.vals.astype("<u2"))

    def from_disk(self, path, *, exclude=tuple()):
        from pathlib import Path

        path = Path(path)
        self._set(
            numpy.load(path / "keys.npy"), numpy.load(path / "clusters.npy").astype(numpy.uint64)
        )
        return self


@Language.factory("graphbuild_clusters", default_config={})
def make_cluster_table(nlp, name: str):
    return ClusterTable(nlp, name)


# --------------------------------------------------------------------------- tokenizer

_DASHES = "\u2013\u2014"  # en dash, em dash
_QUOTES = "\u201e\u201c\u201d\u00bb\u00ab"  # „ “ ” » «


@registry.tokenizers("graphbuild.NewsTokenizer.v1")
def create_news_tokenizer() -> Callable:
    """German default tokenizer; additionally splits en/em dashes written between words
    ("Ja—nein") and double quotes glued inside a token ("»heute«—nicht").  Hyphenated compounds ("US-Präsident", "Kreml-Sprecher") stay one token,
    „…“ ‚…‘ »…« quotes are split off (spaCy's German defaults already do both)."""
    from spacy.lang.char_classes import ALPHA
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    def tokenizer_factory(nlp) -> Tokenizer:
        defaults = nlp.Defaults
        infixes = [
            *(defaults.infixes or []),
            rf"(?<=[{ALPHA}0-9{_QUOTES}])[{_DASHES}](?=[{ALPHA}0-9{_QUOTES}])",
            # German/French double quotes glued to words: »heute«—nicht, sagte:„Nein
            rf"[{_QUOTES}]",
            rf"(?<=[{ALPHA}])[:;,](?=[{_QUOTES}])",
        ]
        prefixes = list(defaults.prefixes or [])
        suffixes = list(defaults.suffixes or [])
        return Tokenizer(
            nlp.vocab,
            rules=defaults.tokenizer_exceptions,
            prefix_search=compile_prefix_regex(prefixes).search,
            suffix_search=compile_suffix_regex(suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return tokenizer_factory


# --------------------------------------------------------------------------- lemma lookup


class LemmaLookupOverride:
    """Overwrite lemmas predicted by the trainable lemmatizer with a lookup table.

    For a token whose exact form (or, at sentence start, lowercase form) is in the table
    and whose coarse POS is in ``pos`` (all POS if empty), the table's lemma wins; other
    tokens keep the edit-tree lemmatizer's prediction.  The table (spacy-lookups-data
    ``de_lemma_lookup``, MIT) is stored compactly (zlib) inside the component directory.
    """

    def __init__(self, nlp, name: str, pos: list[str]):
        self.name = name
        self.vocab = nlp.vocab
        self.pos = set(pos)
        self.table: dict[int, str] = {}

    def set_table(self, table) -> None:
        """table: mapping of word form (str or hash) -> lemma (str)."""
        from spacy.strings import get_string_id

        self.table = {get_string_id(k): v for k, v in table.items()}

    def __call__(self, doc: Doc) -> Doc:
        table, pos = self.table, self.pos
        if not table:
            return doc
        for tok in doc:
            if pos and tok.pos_ not in pos:
                continue
            lemma = table.get(tok.orth)
            if lemma is None and tok.is_sent_start and tok.text[:1].isupper():
                lemma = table.get(tok.lower)
            if lemma is not None:
                tok.lemma_ = lemma
        return doc

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        import zlib

        keys = numpy.fromiter(self.table.keys(), dtype="<u8", count=len(self.table))
        lemmas = "\n".join(self.table.values()).encode("utf8")
        header = numpy.array([len(keys), len(lemmas)], dtype="<u8").tobytes()
        return zlib.compress(header + keys.tobytes() + lemmas, 9)

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        import zlib

        raw = zlib.decompress(data)
        n, n_bytes = numpy.frombuffer(raw[:16], dtype="<u8").tolist()
        keys = numpy.frombuffer(raw[16 : 16 + 8 * n], dtype="<u8").tolist()
        lemmas = raw[16 + 8 * n : 16 + 8 * n + n_bytes].decode("utf8").split("\n") if n else []
        self.table = dict(zip(keys, lemmas, strict=True))
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "lemma_table.bin").write_bytes(self.to_bytes())

    def from_disk(self, path, *, exclude=tuple()):
        from pathlib import Path

        return self.from_bytes((Path(path) / "lemma_table.bin").read_bytes())


@Language.factory(
    "graphbuild_lemma_lookup",
    default_config={"pos": ["VERB", "AUX", "NOUN", "ADJ"]},
    assigns=["token.lemma"],
)
def make_lemma_lookup_override(nlp, name: str, pos: list[str]):
    return LemmaLookupOverride(nlp, name, pos)
