"""Language knowledge as data: ``<what>.<lang>.tsv`` files, read on first use.

Each file has a header line; columns are tab-separated; ``#`` starts a comment line.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def rows(name: str, lang: str) -> tuple[dict[str, str], ...]:
    """All rows of ``<name>.<lang>.tsv`` as dicts keyed by the header; empty if absent."""
    path = HERE / f"{name}.{lang}.tsv"
    if not path.is_file():
        return ()
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t"))


@cache
def words(name: str, lang: str, column: str | None = None) -> frozenset[str]:
    """The set of values of the first (or given) column of a lexicon."""
    out = set()
    for r in rows(name, lang):
        key = column or next(iter(r))
        if r.get(key):
            out.add(r[key].strip())
    return frozenset(out)


def pronoun_morph(word: str, lang: str, morph: str) -> str:
    """A pronoun's morphology with the gender and number of ``pronouns.<lang>.tsv`` added
    where the parser gave none ("er" → ``Gender=Masc|Number=Sing``); a plural reading the
    parser found ("sie" = they) keeps no gender. Resolution reads agreement only from here.

    Example:
        >>> pronoun_morph("er", "de", "Case=Nom")
        'Case=Nom|Gender=Masc|Number=Sing'
    """
    row = next((r for r in rows("pronouns", lang) if r.get("pronoun") == word.lower()), None)
    if row is None:
        return morph
    feats = [f for f in morph.split("|") if f]
    have = {f.split("=", 1)[0] for f in feats}
    plural = "Number=Plur" in feats
    if "Gender" not in have and not plural and row.get("gender"):
        feats.append(f"Gender={row['gender']}")
    if "Number" not in have and row.get("number"):
        feats.append(f"Number={row['number']}")
    return "|".join(feats)
