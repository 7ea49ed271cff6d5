"""Builds graphbuild/extract/gazetteers/names_ending_s.germaner.txt from the corpora's lists.

The names whose own last letter is -s ("Klaus", "Albers"), which extract/names.py keeps
whole instead of reading the -s as a genitive ending: GermaNER's first names and surnames
that end in -s, written in German letters. An entry that is a listed surname plus -s
("Ackermanns") is left out: the source list holds such genitive forms, and keeping them
would stop exactly those genitives from being normalised.

Usage: python training/names_ending_s.py ../shared/corpora/gazetteers
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graphbuild/extract/gazetteers"
_GERMAN_WORD = re.compile(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöüß'\-]*s")


def names_ending_s(gazetteers: Path) -> list[str]:
    surnames = _lines(gazetteers / "surnames.germaner.txt")
    first = [ln.split("\t")[0] for ln in _lines(gazetteers / "first_names.germaner.tsv")]
    known = set(surnames)
    return sorted(
        {w for w in [*surnames, *first] if _GERMAN_WORD.fullmatch(w) and w[:-1] not in known}
    )


def _lines(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


if __name__ == "__main__":
    names = names_ending_s(Path(sys.argv[1]))
    (OUT / "names_ending_s.germaner.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
