"""The Python API against bare spaCy, same texts, same process, same pipeline object.

* per call: ``extract_article(text, lang=…)`` in a loop vs ``nlp(text)`` in a loop;
* streaming: ``extract_articles(texts, lang=…, batch_size=16)`` vs ``nlp.pipe(texts, batch_size=16)``;
* the cost of a fresh pipeline per call (``extract_article(…, pipelines=Pipelines())``: a
  loop without the pipeline cache), on a few calls.

``ratio = words/s(API) / words/s(spaCy)`` (target ≥ 0.8 for both forms). The runs alternate,
best of 3 each, timed in CPU time of the process (robust to the neighbours' load).

Usage::

    python benchmarks/bench_api.py [--articles 60] [--lang de] [--write docs/benchmarks.md]
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable

from bench_extract import english_articles, german_articles, timed

HEADING = "## Python API against bare spaCy"


def run(n_articles: int, lang: str) -> dict[str, float]:
    from graphbuild.builder import extract_article, extract_articles, shared_pipelines
    from graphbuild.nlp import Pipelines

    texts = german_articles(n_articles) if lang == "de" else english_articles(n_articles)
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    extract_article(texts[0], lang=lang)  # the first call loads the pipeline
    first_call = time.perf_counter() - t0
    nlp = shared_pipelines().get(lang)  # the very pipeline the API uses

    def per_call_spacy() -> None:
        for t in texts:
            nlp(t)

    def per_call_api() -> None:
        for t in texts:
            extract_article(t, lang=lang)

    def stream_spacy() -> None:
        for _ in nlp.pipe(texts, batch_size=16):
            pass

    def stream_api() -> None:
        for _ in extract_articles(texts, lang=lang, batch_size=16):
            pass

    best = _alternating(per_call_spacy, per_call_api, stream_spacy, stream_api)
    few = texts[:3]
    t_fresh = timed(
        lambda: [extract_article(t, lang=lang, pipelines=Pipelines()) for t in few], repeat=1
    )
    t_kept = timed(lambda: [extract_article(t, lang=lang) for t in few], repeat=1)
    few_words = sum(len(t.split()) for t in few)
    return {
        "articles": len(texts),
        "words": words,
        "first_call_s": first_call,
        "call_spacy_wps": words / best["per_call_spacy"],
        "call_api_wps": words / best["per_call_api"],
        "call_ratio": best["per_call_spacy"] / best["per_call_api"],
        "pipe_spacy_wps": words / best["stream_spacy"],
        "pipe_api_wps": words / best["stream_api"],
        "pipe_ratio": best["stream_spacy"] / best["stream_api"],
        "fresh_wps": few_words / t_fresh,
        "kept_wps": few_words / t_kept,
    }


def _alternating(*fns: Callable[[], None], rounds: int = 3) -> dict[str, float]:
    """Best CPU time of each function over ``rounds`` rounds that run them in turn."""
    best = {fn.__name__: float("inf") for fn in fns}
    for _ in range(rounds):
        for fn in fns:
            best[fn.__name__] = min(best[fn.__name__], timed(fn, repeat=1))
    return best


def markdown(results: dict[str, dict[str, float]]) -> str:
    lines = [
        HEADING,
        "",
        f"`python benchmarks/bench_api.py`; {platform.machine()}, Python "
        f"{platform.python_version()}; German texts of real UD sentences (20 a text), English: "
        "copies of the English sample. Best of 3 alternating runs, CPU time of the process; "
        "the API and spaCy use the same pipeline object.",
        "",
        "| lang | texts | words | first call s | `nlp(text)` w/s | `extract_article` w/s | "
        "ratio | `nlp.pipe` w/s | `extract_articles` w/s | ratio | fresh pipeline per call "
        "w/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for lang, r in results.items():
        lines.append(
            f"| {lang} | {r['articles']:.0f} | {r['words']:.0f} | {r['first_call_s']:.2f} | "
            f"{r['call_spacy_wps']:,.0f} | {r['call_api_wps']:,.0f} | {r['call_ratio']:.2f} | "
            f"{r['pipe_spacy_wps']:,.0f} | {r['pipe_api_wps']:,.0f} | {r['pipe_ratio']:.2f} | "
            f"{r['fresh_wps']:,.0f} |"
        )
    lines += [
        "",
        "Target: both ratios ≥ 0.80. *first call* includes loading the pipeline; later calls "
        "reuse it (`graphbuild.nlp.cached_pipeline`). The last column loads a fresh pipeline "
        "on every call (3 calls): what a loop over articles costs without the cache.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    from report import per_language_main

    per_language_main(__doc__.splitlines()[0], HEADING, run, markdown, 60)


if __name__ == "__main__":
    main()
