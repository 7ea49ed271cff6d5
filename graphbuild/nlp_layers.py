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
* ``graphbuild.GazetteerClusterHashEmbed.v1`` (architecture, the NER's embedding): the above
  plus one hashed embedding per name list (first names, surnames, cities, companies, countries,
  Wikipedia locations) of each token's state in that list (not in it, a one-token entry, a word
  of an entry, begin/inside/last of a matched multi-token entry), added to the per-form part.
  The lists live in the ``graphbuild_gazetteers`` component as token-hash tables built at
  training time from ``corpora/gazetteers`` (docs/model.md).
* ``graphbuild.NewsTokenizer.v1`` (tokenizer): spaCy's German tokenizer plus a
  few news-text fixes (dashes between words are split off).

Also here: ``enable_embed_cache(nlp)`` (called by ``graphbuild.nlp.load_pipeline``) makes the
``ClusterHashEmbed`` layers of a trained pipeline remember each word's output row (bit-identical
outputs, ≈ 20 % more words/s; docs/model.md, P3).

Only spacy, thinc, numpy and the standard library are imported.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy
from spacy.attrs import LOWER, NORM, ORTH, intify_attr
from spacy.lookups import Lookups, Table
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    add,
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


# --------------------------------------------------------------------------- gazetteers

# list name -> file in corpora/gazetteers (first tab-separated column of each line); the bit of
# a list in the tables is its position here, so names are only ever appended
GAZETTEER_FILES = {
    "first": "first_names.germaner.tsv",
    "sur": "surnames.germaner.txt",
    "city": "cities_de.osm.txt",
    "company": "companies_de.osm.txt",
    "country": "countries.auswaertiges_amt.txt",
    "wiki": "locations_wiki.germaner.tsv",
}
GAZETTEER_LISTS = list(GAZETTEER_FILES)
GAZETTEER_MAX_TOKENS = 6  # longer entries (a few company names) are dropped
# per-list state of a token: not in the list, the whole of a one-token entry, a word of some
# entry (capitalised words only), or begin / inside / last token of a matched multi-token entry
GAZ_OUT, GAZ_UNIT, GAZ_PART, GAZ_BEGIN, GAZ_INSIDE, GAZ_LAST = range(6)

# id(vocab) -> GazetteerTables, registered by the "graphbuild_gazetteers" component
_VOCAB_GAZETTEERS: dict[int, GazetteerTables] = {}


class GazetteerTables:
    """Name lists as token-hash tables: which list a token is a whole entry of, which lists
    have it as a word of a longer entry, and the multi-token entries themselves.

    ``words``/``word_bits``: sorted ORTH hashes, bit ``i`` = a one-token entry of list ``i``,
    bit ``8 + i`` = a capitalised word inside a longer entry of list ``i``. ``entries``: ORTH
    hash tuples of multi-token entries -> list bits. Matching is on the exact token form.
    """

    def __init__(
        self,
        names: Sequence[str],
        words: numpy.ndarray,
        word_bits: numpy.ndarray,
        entries: dict[tuple[int, ...], int],
    ) -> None:
        self.names = list(names)
        order = numpy.argsort(words, kind="stable")
        self.words = numpy.ascontiguousarray(words[order], dtype=numpy.uint64)
        self.word_bits = numpy.ascontiguousarray(word_bits[order], dtype=numpy.uint64)
        self.entries = entries
        self.prefixes = {key[:k] for key in entries for k in range(1, len(key))}

    @classmethod
    def build(cls, lists: Mapping[str, Iterable[str]], tokenize: Callable) -> GazetteerTables:
        """Tables from ``{list name: entries}``; ``tokenize(text)`` gives an entry's tokens."""
        from spacy.strings import get_string_id

        whole: dict[int, int] = {}
        entries: dict[tuple[int, ...], int] = {}
        for i, entries_of_list in enumerate(lists.values()):
            for text in entries_of_list:
                words = tokenize(text)
                if not words or len(words) > GAZETTEER_MAX_TOKENS:
                    continue
                key = tuple(get_string_id(w) for w in words)
                if len(key) == 1:
                    whole[key[0]] = whole.get(key[0], 0) | 1 << i
                    continue
                entries[key] = entries.get(key, 0) | 1 << i
                for w, h in zip(words, key, strict=True):
                    if w[:1].isupper():
                        whole[h] = whole.get(h, 0) | 1 << (8 + i)
        words_arr = numpy.fromiter(whole.keys(), dtype=numpy.uint64, count=len(whole))
        bits = numpy.fromiter(whole.values(), dtype=numpy.uint64, count=len(whole))
        return cls(list(lists), words_arr, bits, entries)

    def states(self, orths: numpy.ndarray, lists: Sequence[int]) -> numpy.ndarray:
        """(n_tokens, len(lists)) GAZ_* state of each token (ORTH hashes) for the list indices.

        A multi-token entry is matched greedily, longest first, left to right, per list; its
        positions win over the token's own one-token and word-of-entry bits.
        """
        n = orths.shape[0]
        out = numpy.zeros((n, len(lists)), dtype=numpy.uint64)
        if n == 0:
            return out
        found, bits = _lookup(self.words, self.word_bits, orths)
        bits = numpy.where(found, bits, numpy.uint64(0))
        for j, i in enumerate(lists):
            out[:, j] = numpy.where(
                (bits >> numpy.uint64(8 + i)) & numpy.uint64(1), GAZ_PART, GAZ_OUT
            )
            out[:, j] = numpy.where(
                (bits >> numpy.uint64(i)) & numpy.uint64(1), GAZ_UNIT, out[:, j]
            )
        if self.entries:
            self._mark_entries(orths.tolist(), lists, out)
        return out

    def _mark_entries(self, orths: list[int], lists: Sequence[int], out: numpy.ndarray) -> None:
        covered_until = [0] * len(lists)  # per list: first token not inside a matched entry
        for start, first in enumerate(orths):
            if (first,) not in self.prefixes:
                continue
            matches = []  # (end, list bits) of entries starting here, shortest first
            end = start + 1
            while end < len(orths) and tuple(orths[start:end]) in self.prefixes:
                end += 1
                bits = self.entries.get(tuple(orths[start:end]), 0)
                if bits:
                    matches.append((end, bits))
            for j, i in enumerate(lists):
                if covered_until[j] > start:
                    continue
                end = next((e for e, b in reversed(matches) if b >> i & 1), 0)
                if end:
                    out[start, j] = GAZ_BEGIN
                    out[start + 1 : end - 1, j] = GAZ_INSIDE
                    out[end - 1, j] = GAZ_LAST
                    covered_until[j] = end

    def to_disk(self, path) -> None:
        from pathlib import Path

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        numpy.save(path / "words.npy", self.words.astype("<u8"))
        numpy.save(path / "word_bits.npy", self.word_bits.astype("<u2"))
        keys = list(self.entries)
        numpy.save(path / "entry_tokens.npy", numpy.array([h for k in keys for h in k], "<u8"))
        numpy.save(path / "entry_lengths.npy", numpy.array([len(k) for k in keys], "<u1"))
        numpy.save(path / "entry_bits.npy", numpy.array([self.entries[k] for k in keys], "<u1"))
        (path / "lists.txt").write_text("\n".join(self.names) + "\n", encoding="utf8")

    @classmethod
    def from_disk(cls, path) -> GazetteerTables:
        from pathlib import Path

        path = Path(path)
        tokens = numpy.load(path / "entry_tokens.npy").tolist()
        lengths = numpy.load(path / "entry_lengths.npy").tolist()
        bits = numpy.load(path / "entry_bits.npy").tolist()
        entries, start = {}, 0
        for n, b in zip(lengths, bits, strict=True):
            entries[tuple(tokens[start : start + n])] = b
            start += n
        return cls(
            (path / "lists.txt").read_text(encoding="utf8").split(),
            numpy.load(path / "words.npy"),
            numpy.load(path / "word_bits.npy").astype(numpy.uint64),
            entries,
        )


def read_gazetteers(directory, files: dict[str, str] | None = None) -> dict[str, list[str]]:
    """``{list name: entries}`` from the gazetteer files (first tab-separated column, blank
    lines skipped). TRAINING time only; the packaged model holds the built tables."""
    from pathlib import Path

    out = {}
    for name, file in (files or GAZETTEER_FILES).items():
        lines = (Path(directory) / file).read_text(encoding="utf8").splitlines()
        out[name] = [s for s in (line.split("\t")[0].strip() for line in lines) if s]
    return out


def gazetteer_features(doc: Doc, lists: Sequence[str]) -> numpy.ndarray:
    """(n_tokens, len(lists)) uint64 features: ``list position << 8 | GAZ_* state``.

    All ``GAZ_OUT`` when the vocab has no gazetteer tables or lacks a list.
    """
    n = len(doc)
    out = numpy.zeros((n, len(lists)), dtype=numpy.uint64)
    tables = _VOCAB_GAZETTEERS.get(id(doc.vocab))
    if tables is not None and n:
        known = [
            (j, tables.names.index(name)) for j, name in enumerate(lists) if name in tables.names
        ]
        if known:
            orths = doc.to_array([ORTH]).astype(numpy.uint64, copy=False).reshape((n,))
            states = tables.states(orths, [i for _, i in known])
            out[:, [j for j, _ in known]] = states
    return out | (numpy.arange(len(lists), dtype=numpy.uint64) << numpy.uint64(8))


def GazetteerFeatureExtractor(lists: Sequence[str]) -> Model[list[Doc], list[Ints2d]]:
    def forward(model: Model, docs: list[Doc], is_train: bool):
        feats = [
            model.ops.asarray2i(gazetteer_features(doc, lists), dtype="uint64") for doc in docs
        ]
        return feats, lambda d_features: []

    return Model("gazetteer_feature_extractor", forward, attrs={"lists": list(lists)})


def _sum_lists_forward(model: Model, docs: list[Doc], is_train: bool):
    outputs, backprops = zip(*(layer(docs, is_train) for layer in model.layers), strict=True)
    summed = [sum(arrays[1:], arrays[0]) for arrays in zip(*outputs, strict=True)]

    def backprop(d_out):
        for bp in backprops:
            bp(d_out)
        return []

    return summed, backprop


def _sum_lists_init(model: Model, X=None, Y=None) -> None:
    for layer in model.layers:
        layer.initialize(X=X, Y=Y)


@registry.architectures("graphbuild.GazetteerClusterHashEmbed.v1")
def GazetteerClusterHashEmbed(
    width: int,
    attrs: list[str],
    rows: list[int],
    cluster_prefixes: list[int],
    cluster_rows: list[int],
    gazetteer_lists: list[str],
    gazetteer_rows: int = 32,
    table_name: str = CLUSTER_TABLE,
) -> Model[list[Doc], list]:
    """``ClusterHashEmbed`` plus one hashed embedding per name list, added to its output.

    The list features are the token's ``GAZ_*`` state in each list of ``gazetteer_lists``
    (tables from the ``graphbuild_gazetteers`` component). They depend on the neighbours (the
    position inside a matched multi-word entry), so they are added after the per-form part,
    whose rows the embedding cache may keep; the CNN encoder then mixes both.
    """
    forms = ClusterHashEmbed(width, attrs, rows, cluster_prefixes, cluster_rows, table_name)
    if not gazetteer_lists:
        return forms
    embeds: list[Model] = [
        HashEmbed(width, gazetteer_rows, column=j, seed=40 + j, dropout=0.0)
        for j in range(len(gazetteer_lists))
    ]
    lists: Model = chain(
        GazetteerFeatureExtractor(gazetteer_lists),
        list2ragged(),
        with_array(embeds[0] if len(embeds) == 1 else add(*embeds)),
        ragged2list(),
    )
    return Model(
        "gazetteer_cluster_hash_embed",
        _sum_lists_forward,
        init=_sum_lists_init,
        layers=[forms, lists],
        dims={"nO": width},
    )


class GazetteerComponent:
    """Holds the name-list tables of the packaged model (``graphbuild_gazetteers``) and makes
    them available to ``graphbuild.GazetteerClusterHashEmbed.v1`` layers of the same vocab.
    ``initialize(path=…)`` builds them from the gazetteer files with the pipeline's tokenizer
    (training time); ``__call__`` does nothing."""

    def __init__(self, nlp, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.tables: GazetteerTables | None = None
        weakref.finalize(self, _VOCAB_GAZETTEERS.pop, id(self.vocab), None)

    def initialize(self, get_examples=None, *, nlp=None, path: str | None = None) -> None:
        if not path:
            return
        import spacy

        # a tokenizer of its own vocab: the lists' 230k strings stay out of the model's vocab
        tokenizer = spacy.blank(
            nlp.lang, config={"nlp": {"tokenizer": dict(nlp.config["nlp"]["tokenizer"])}}
        ).tokenizer
        self.set_tables(
            GazetteerTables.build(
                read_gazetteers(path), lambda text: [t.text for t in tokenizer(text)]
            )
        )

    def set_tables(self, tables: GazetteerTables) -> None:
        self.tables = tables
        _VOCAB_GAZETTEERS[id(self.vocab)] = tables

    def __call__(self, doc: Doc) -> Doc:
        return doc

    def to_disk(self, path, *, exclude=tuple()) -> None:
        if self.tables is not None:
            self.tables.to_disk(path)

    def from_disk(self, path, *, exclude=tuple()):
        from pathlib import Path

        if (Path(path) / "lists.txt").exists():
            self.set_tables(GazetteerTables.from_disk(path))
        return self


@Language.factory("graphbuild_gazetteers", default_config={})
def make_gazetteer_component(nlp, name: str):
    return GazetteerComponent(nlp, name)


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
