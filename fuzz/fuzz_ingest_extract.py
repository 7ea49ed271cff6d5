"""Fuzz ingest and extraction for a fixed time; nothing may raise except InputError.

Outside CI (it runs for minutes). Uses hypothesis to generate bytes and text — random,
plus text built from news-like pieces (quotation marks of every style, speech verbs, names,
newlines, control and zero-width characters, right-to-left script) — and feeds them to
``graphbuild.ingest`` decoding and to the full extraction of both languages.

Usage::

    python fuzz/fuzz_ingest_extract.py --seconds 300
"""

from __future__ import annotations

import argparse
import time
import traceback

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.builder import resolve_article
from graphbuild.errors import InputError
from graphbuild.ingest import article_from_text, decode
from graphbuild.nlp import Pipelines

PIECES = [
    "„",
    "“",
    "”",
    '"',
    "»",
    "«",
    "‚",
    "‘",
    "’",
    "'",
    ",",
    ".",
    ":",
    "?",
    "\n",
    "\n\n",
    " ",
    "sagte",
    "erklärte",
    "betonte",
    "laut",
    "zufolge",
    "dass",
    "sei",
    "habe",
    "er",
    "sie",
    "said",
    "told",
    "according to",
    "that",
    "he",
    "she",
    "Anna Berger",
    "Minister",
    "US-Präsident",
    "Kreml-Sprecher",
    "der russische Präsident",
    "Berlin",
    "Paris",
    "die Vereinten Nationen",
    "the United States",
    "Iranian",
    "\u200b",
    "\u00ad",
    "\u0007",
    "\ufeff",
    "\u202e",
    "مرحبا",
    "שלום",
    "😀",
    "<b>",
    "&amp;",
    "\\",
    '"""',
    "%",
    "{",
    "}",
    "\t",
]

news_like = st.lists(st.sampled_from(PIECES), min_size=1, max_size=120).map(" ".join)
any_text = st.one_of(news_like, st.text(max_size=2000))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=120)
    args = ap.parse_args()
    pipelines = Pipelines()
    failures: list[str] = []
    stop_at = time.monotonic() + args.seconds

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(data=st.binary(max_size=4000))
    def fuzz_decode(data: bytes) -> None:
        if time.monotonic() > stop_at:
            return
        try:
            text = decode(data, "fuzz.bin")
            article_from_text(text, "fuzz.bin", lang="de")
        except InputError:
            pass

    @settings(
        max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(text=any_text, lang=st.sampled_from(["de", "en"]))
    def fuzz_extract(text: str, lang: str) -> None:
        if time.monotonic() > stop_at:
            return
        try:
            article = article_from_text(text, "fuzz.txt", lang=lang)
        except InputError:
            return
        res = resolve_article(article, pipelines)
        res.to_json()

    runs = 0
    while time.monotonic() < stop_at:
        for fn in (fuzz_decode, fuzz_extract):
            try:
                fn()
            except Exception:  # report and keep fuzzing
                failures.append(traceback.format_exc())
        runs += 1
    print(f"fuzzed for {args.seconds:.0f}s ({runs} rounds): {len(failures)} crash(es)")
    for f in failures[:5]:
        print(f)
    raise SystemExit(1 if failures else 0)


if __name__ == "__main__":
    main()
