"""Entity scores by type: untyped vs typed matching and recall per gold type.

:func:`graphbuild.evaluation.gold.score_article` matches entities by surface form *and*
type. To tell a missing entity from a mistyped one, this module scores the same pairs
twice — once ignoring the type (``untyped``), once requiring it (``typed``, the figure of
``graphbuild eval``) — and counts, per gold type, how many gold entities were found with
the right type (``recall``) and how many were found under another type (``mistyped``).

Pure: dicts in, numbers out.

Example:
    >>> gold = {"entities": [{"id": "eu", "name": "EU", "type": "Organization"}]}
    >>> pred = {"entities": [{"id": "eu", "name": "EU", "type": "Location"}]}
    >>> s = type_scores(pred, gold)
    >>> s.untyped.f1, s.typed.f1, s.by_type["Organization"].mistyped
    (1.0, 0.0, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from graphbuild.evaluation.gold import PRF, match_entities, scored_entities

__all__ = ["TypeCount", "TypeScores", "type_scores"]


@dataclass(frozen=True, slots=True)
class TypeCount:
    """Gold entities of one type: how many, found with this type, found with another."""

    gold: int = 0
    found: int = 0
    mistyped: int = 0
    predicted: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def __add__(self, other: TypeCount) -> TypeCount:
        return TypeCount(
            self.gold + other.gold,
            self.found + other.found,
            self.mistyped + other.mistyped,
            self.predicted + other.predicted,
        )


@dataclass(frozen=True)
class TypeScores:
    """Untyped and typed entity P/R/F1 plus per-type counts (summable over articles)."""

    untyped: PRF = field(default_factory=PRF)
    typed: PRF = field(default_factory=PRF)
    by_type: Mapping[str, TypeCount] = field(default_factory=dict)

    def __add__(self, other: TypeScores) -> TypeScores:
        types = set(self.by_type) | set(other.by_type)
        by_type = {
            t: self.by_type.get(t, TypeCount()) + other.by_type.get(t, TypeCount()) for t in types
        }
        return TypeScores(self.untyped + other.untyped, self.typed + other.typed, by_type)


def _untyped(entities: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{**e, "type": "any"} for e in entities]


def type_scores(pred_json: Mapping[str, Any], gold_json: Mapping[str, Any]) -> TypeScores:
    """Untyped/typed entity scores and per-gold-type recall of one article."""
    pred = scored_entities(pred_json)
    gold = list(gold_json.get("entities", ()))
    typed = match_entities(pred, gold)
    loose = match_entities(_untyped(pred), _untyped(gold))
    gold_type = {str(g["id"]): str(g.get("type")) for g in gold}
    found = set(typed.values())
    found_any = set(loose.values())
    counts: dict[str, TypeCount] = {}
    for gid, t in gold_type.items():
        c = counts.get(t, TypeCount())
        counts[t] = replace(
            c,
            gold=c.gold + 1,
            found=c.found + (gid in found),
            mistyped=c.mistyped + (gid in found_any and gid not in found),
        )
    for p in pred:
        t = str(p.get("type"))
        c = counts.get(t, TypeCount())
        counts[t] = replace(c, predicted=c.predicted + 1)
    n_pred, n_gold = len(pred), len(gold)
    return TypeScores(
        untyped=PRF(len(loose), n_pred - len(loose), n_gold - len(found_any)),
        typed=PRF(len(typed), n_pred - len(typed), n_gold - len(found)),
        by_type=counts,
    )
