"""A worker process that dies on one article (segfault, abort) costs only that article."""

from __future__ import annotations

import os

from graphbuild.builder import ArticleResult, _ProcessRunner
from graphbuild.types import Article, Failure


def crash_on_marker(
    batch: list[Article], models: object, base_iri: str
) -> list[ArticleResult | Failure]:
    """Stands in for build_batch: dies like a segfaulting C extension on 'CRASH'."""
    if any("CRASH" in a.text for a in batch):
        os._exit(139)
    return [Failure(a.source, "done") for a in batch]


def test_builder_crashing_article_is_isolated_and_reported() -> None:
    arts = [Article(id=x, lang="en", title="", text=t, source=x) for x, t in
            [("a", "fine"), ("b", "CRASH here"), ("c", "fine too")]]  # fmt: skip
    runner = _ProcessRunner(1, (), "https://example.org/", work=crash_on_marker)
    try:
        first = runner.collect(arts, runner.submit(arts))
        assert [(f.source, f.reason == "done") for f in first] == [
            ("a", True),
            ("b", False),
            ("c", True),
        ]
        assert "worker process crashed" in first[1].reason  # type: ignore[union-attr]
        # the restarted pool keeps working
        assert runner.collect(arts[:1], runner.submit(arts[:1]))[0].source == "a"
    finally:
        runner.close(cancel=True)
