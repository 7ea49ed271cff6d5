"""Replace one ``## `` section of a markdown file (e.g. docs/benchmarks.md), keeping the rest.

Each benchmark owns one section, so benchmarks can be re-run one at a time.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

Results = dict[str, dict[str, float]]


def write_section(path: Path, heading: str, body: str) -> None:
    """Replace the section that starts with ``heading`` (up to the next ``## ``) by ``body``."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, ln in enumerate(lines) if ln.strip() == heading.strip()), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n"
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        new = "".join(lines[:start]) + body.rstrip("\n") + "\n\n" + "".join(lines[end:])
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def per_language_main(
    description: str,
    heading: str,
    run: Callable[[int, str], dict[str, float]],
    markdown: Callable[[Results], str],
    articles: int,
) -> None:
    """The command line of a benchmark that runs once per language and writes one section:
    ``--articles N``, ``--lang de|en`` (repeatable), ``--write FILE``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--articles", type=int, default=articles)
    ap.add_argument("--lang", action="append", choices=["de", "en"])
    ap.add_argument("--write", type=Path, help="update this section of a markdown file")
    args = ap.parse_args()
    results = {lang: run(args.articles, lang) for lang in (args.lang or ["de", "en"])}
    text = markdown(results)
    print(text)
    if args.write:
        write_section(args.write, heading, text)
