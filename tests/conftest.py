"""Shared fixtures: hand-made Docs, paths to golden articles, loaded pipelines (once per run)."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def pipelines():  # type: ignore[no-untyped-def]
    """One Pipelines cache for the whole test session (loading spaCy is slow)."""
    from graphbuild.nlp import Pipelines

    return Pipelines()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (GOLDEN / "seed.txt").read_text(encoding="utf-8")


_NO_SPACE_BEFORE = frozenset({",", ".", ":", "“"})


@functools.cache
def _vocab(lang: str) -> Vocab:
    return spacy.blank(lang).vocab


def _labels(values: Sequence[str] | str | None, n: int, default: str) -> list[str]:
    """Labels given as a list or as one space-separated string; `default` where none given."""
    if values is None:
        return [default] * n
    return values.split() if isinstance(values, str) else list(values)


def _per_token(values: Sequence[str] | Mapping[int, str] | None, fallback: list[str]) -> list[str]:
    """Lemmas or morphs given as a full list or as {index: value} overrides of `fallback`."""
    if values is None:
        return fallback
    if isinstance(values, Mapping):
        return [values.get(i, f) for i, f in enumerate(fallback)]
    return list(values)


class HandDocs:
    """Builds spaCy Docs by hand, so extraction rules are tested without a trained pipeline.

    Three shapes, one per way the tests describe a sentence:
    - ``hand_doc(words, heads, deps, pos, lemmas, morphs)``: a German (``lang=``) Doc with a
      hand-made parse (absolute head indices); labels as lists or space-separated strings,
      lemmas/morphs as lists or ``{index: value}`` overrides (default: lower-cased word, no
      morphology); spaces as German typography writes them („Wort“, Wort.).
    - ``hand_doc.rows(lang, rows)``: from ``(word, lemma, pos, head, dep, ent)`` rows.
    - ``hand_doc.sentence(lang, words, pos=, ents=, morphs=)``: one sentence with tags and
      entities but no parse, as a parser-less pipeline would give.
    """

    def __call__(
        self,
        words: list[str],
        heads: list[int] | None = None,
        deps: Sequence[str] | str | None = None,
        pos: Sequence[str] | str | None = None,
        lemmas: Sequence[str] | Mapping[int, str] | None = None,
        morphs: Sequence[str] | Mapping[int, str] | None = None,
        *,
        lang: str = "de",
    ) -> Doc:
        n = len(words)
        spaces = [
            i + 1 < n and words[i + 1] not in _NO_SPACE_BEFORE and words[i] != "„" for i in range(n)
        ]
        return Doc(
            _vocab(lang),
            words=words,
            spaces=spaces,
            heads=heads,
            deps=_labels(deps, n, "dep") if heads is not None else None,
            pos=_labels(pos, n, "X"),
            lemmas=_per_token(lemmas, [w.lower() for w in words]),
            morphs=_per_token(morphs, [""] * n),
        )

    def rows(self, lang: str, rows: Sequence[tuple[str, str, str, int, str, str]]) -> Doc:
        words, lemmas, pos, heads, deps, ents = zip(*rows, strict=True)
        return Doc(
            _vocab(lang),
            words=list(words),
            lemmas=list(lemmas),
            pos=list(pos),
            heads=list(heads),
            deps=list(deps),
            ents=list(ents),
        )

    def sentence(
        self,
        lang: str,
        words: list[str],
        pos: list[str] | None = None,
        ents: list[str] | None = None,
        morphs: list[str] | None = None,
    ) -> Doc:
        n = len(words)
        return Doc(
            _vocab(lang),
            words=words,
            pos=pos or ["X"] * n,
            ents=ents or ["O"] * n,
            morphs=morphs or [""] * n,
            sent_starts=[True] + [False] * (n - 1),
        )


@pytest.fixture(scope="session")
def hand_doc() -> HandDocs:
    """Hand-built Docs for extraction tests (see HandDocs)."""
    return HandDocs()
