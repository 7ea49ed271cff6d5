"""Speaker *entity* figures on de-quotes: is the quote attached to the right node of the graph?

The phrase-overlap figure ("speaker right") asks whether graphbuild marked the gold speaker's
words; the graph holds ``?entity gb:said ?quote``, so this figure asks whether the entity the
quote lands on after resolution carries the gold speaker's name.

* A gold speaker is **named** when its text has a name-like token: capitalised, not an article,
  pronoun, quantifier, role noun or document noun (``not_names.de.tsv``; compounds ending in
  a role or document noun and their feminine or case forms count too: "Regierungssprecherin",
  "Korrespondentenberichten"). A hyphenated word is one token: "SPD-Chef" is a role noun,
  "Bundestags-Innenausschuss" a name.
* A found named quote (gold and prediction paired by the corpus metric and overlapping by at
  least half, as for "quotes found") is **right** when one of those tokens is a word of the
  predicted speaker entity's name or of one of its aliases, case-folded, a genitive -s or
  -es tolerated on either side.
* **accuracy** = right / found, **attributed recall** = right / all named gold quotes,
  **no entity** = found named quotes whose prediction has no speaker entity / found;
  each for Direct, non-Direct and all.

Example:
    >>> name_tokens("Der Vorsitzende des Verbands, Max Muster")
    ('Verbands', 'Max', 'Muster')
    >>> carries(("Max Muster",), "Musters")
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = [
    "SpeakerCase",
    "SpeakerEntityFigures",
    "SpeakerTally",
    "carries",
    "name_tokens",
]

_HERE = Path(__file__).resolve().parent
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
# endings a role noun takes: feminine -in/-innen, plural and case endings
_ROLE_ENDINGS = ("innen", "in", "en", "n", "s", "e", "er", "")
GROUPS = ("Direct", "non-Direct", "all")


@lru_cache(maxsize=1)
def _not_names() -> tuple[frozenset[str], tuple[str, ...]]:
    """(plain words, role nouns) from ``not_names.de.tsv``."""
    plain: set[str] = set()
    roles: list[str] = []
    with (_HERE / "not_names.de.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip() or line.startswith("word\t"):
                continue
            word, kind = [*line.rstrip("\n").split("\t"), ""][:2]
            (roles.append(word) if kind in {"role", "document"} else plain.add(word))
    return frozenset(plain), tuple(roles)


def _role_noun(low: str) -> bool:
    _, roles = _not_names()
    for ending in _ROLE_ENDINGS:
        if low.endswith(ending):
            stem = low[: len(low) - len(ending)] if ending else low
            if any(stem.endswith(r) for r in roles):
                return True
    return False


def name_tokens(text: str) -> tuple[str, ...]:
    """The name-like tokens of a speaker text, in order (see the module docstring)."""
    plain, _ = _not_names()
    out = []
    for part in re.split(r"[\s–/]+", text):
        for m in _WORD.finditer(part):
            word = m.group(0).rstrip(".'’-")
            low = word.casefold()
            if not word or not word[0].isupper() or low in plain or _role_noun(low):
                continue
            out.append(word)
    return tuple(out)


def _folded_words(names: Iterable[str]) -> set[str]:
    return {w.casefold().rstrip("'’") for n in names for w in re.split(r"[\s\-–/,()]+", n) if w}


def carries(names: Sequence[str], token: str) -> bool:
    """Whether a word of ``names`` (an entity's name and aliases) is ``token``, case-folded,
    with a genitive -s/-es tolerated on either side ("Merkels" ~ "Merkel")."""
    words = _folded_words(names) | {w.casefold().rstrip("'’") for n in names for w in n.split()}
    t = token.casefold().rstrip("'’")
    forms = {t, t + "s", t + "es", t.removesuffix("s"), t.removesuffix("es")}
    return bool(forms & words)


@dataclass(frozen=True, slots=True)
class SpeakerCase:
    """A found named quote whose speaker entity is wrong or missing (for ``--errors``)."""

    document: str
    gold: str
    entity: str | None
    sentence: str
    type: str
    phrase: str = ""  # the predicted speaker phrase as written


@dataclass(frozen=True)
class SpeakerEntityFigures:
    """Counts per group ("Direct", "non-Direct", "all"): named gold, found, right, no entity."""

    named: dict[str, int]
    found: dict[str, int]
    right: dict[str, int]
    no_entity: dict[str, int]
    errors: tuple[SpeakerCase, ...] = ()

    def accuracy(self, group: str = "all") -> float:
        return self.right[group] / self.found[group] if self.found[group] else 0.0

    def recall(self, group: str = "all") -> float:
        return self.right[group] / self.named[group] if self.named[group] else 0.0

    def no_entity_share(self, group: str = "all") -> float:
        return self.no_entity[group] / self.found[group] if self.found[group] else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            g: {
                "named": self.named[g],
                "found": self.found[g],
                "right": self.right[g],
                "no_entity": self.no_entity[g],
                "accuracy": round(self.accuracy(g), 4),
                "attributed_recall": round(self.recall(g), 4),
                "no_entity_share": round(self.no_entity_share(g), 4),
            }
            for g in GROUPS
        }


@dataclass
class SpeakerTally:
    """Accumulates speaker-entity verdicts over documents."""

    named: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    no_entity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GROUPS, 0))
    errors: list[SpeakerCase] = field(default_factory=list)

    def gold(self, type_: str | None, speaker: str) -> bool:
        """Count a gold quote; True when its speaker is named."""
        if not name_tokens(speaker):
            return False
        for g in self._groups(type_):
            self.named[g] += 1
        return True

    def found_quote(
        self,
        document: str,
        type_: str | None,
        speaker: str,
        entity: Sequence[str] | None,
        sentence: str,
        phrase: str = "",
    ) -> None:
        """Score a found named gold quote against the predicted entity's name and aliases."""
        tokens = name_tokens(speaker)
        ok = entity is not None and any(carries(entity, t) for t in tokens)
        for g in self._groups(type_):
            self.found[g] += 1
            self.right[g] += int(ok)
            self.no_entity[g] += int(entity is None)
        if not ok:
            name = entity[0] if entity else None
            self.errors.append(SpeakerCase(document, speaker, name, sentence, type_ or "", phrase))

    @staticmethod
    def _groups(type_: str | None) -> tuple[str, str]:
        return ("Direct" if type_ == "Direct" else "non-Direct", "all")

    def figures(self) -> SpeakerEntityFigures:
        return SpeakerEntityFigures(
            dict(self.named),
            dict(self.found),
            dict(self.right),
            dict(self.no_entity),
            tuple(self.errors),
        )
