"""The de-quotes metric: one-to-one quote matching by token overlap, then token-level scores.

This is our own implementation of the scoring the corpus authors describe and publish
(Petersen-Frey & Biemann 2024, ``eval/eval.py`` of uhh-lt/german-news-quotation-attribution-2024);
every figure is defined in ``docs/evaluation.md``. In short, per document:

1. every gold quote is paired with at most one predicted quote by the Hungarian assignment
   (``scipy.optimize.linear_sum_assignment``) maximising the token-overlap F1 of the quote
   spans, with +0.01 for the same type and +0.001 for the same medium as tie-breakers
   (only when the spans overlap). As in the reference, every pair the assignment returns
   counts as a pair, even one without overlap;
2. for each pair, and for each unpaired quote against an empty partner, each role
   (quote, addressee, cue, frame, speaker) gets token true/false positives/negatives;
3. "messages", "roles" and "joint" precision/recall are *macro* averages over these
   pairs: the mean of the per-pair precision (recall) of the quote role, of the four other
   roles, or of all five; a pair/role whose precision (recall) is undefined (0/0) is left out.
   F1 is the harmonic mean of the averaged precision and recall.

Example:
    >>> g = Group({"quote": (1, 2, 3), "speaker": (0,)}, "Direct")
    >>> s = Group({"quote": (1, 2, 3), "speaker": (0,)}, "Direct")
    >>> round(score([([s], [g])]).messages.f1, 2)
    1.0
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from graphbuild.evaluation.dequotes_corpus import ROLES, TYPES


@dataclass(frozen=True, slots=True)
class Group:
    """A quote as the metric sees it: role → token ids, plus its type and medium."""

    roles: Mapping[str, tuple[int, ...]]
    type: str | None = None
    medium: str | None = None

    def tokens(self, role: str) -> frozenset[int]:
        return frozenset(self.roles.get(role, ()))


EMPTY = Group({})


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r > 0 else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class PairCounts:
    """Token counts of one evaluated pair (or unpaired quote), per role."""

    tp: Mapping[str, int]
    fp: Mapping[str, int]
    fn: Mapping[str, int]

    def precision(self, role: str) -> float | None:
        d = self.tp[role] + self.fp[role]
        return self.tp[role] / d if d else None

    def recall(self, role: str) -> float | None:
        d = self.tp[role] + self.fn[role]
        return self.tp[role] / d if d else None


@dataclass(frozen=True)
class Scores:
    """The corpus metric over a set of documents."""

    messages: PRF
    roles: PRF
    joint: PRF
    per_role: Mapping[str, PRF]
    type: PRF
    medium: PRF
    pairs: int

    def as_dict(self) -> dict[str, object]:
        return {
            "messages": self.messages.as_dict(),
            "roles": self.roles.as_dict(),
            "joint": self.joint.as_dict(),
            "per_role": {r: v.as_dict() for r, v in self.per_role.items()},
            "type": self.type.as_dict(),
            "medium": self.medium.as_dict(),
            "pairs": self.pairs,
        }


def overlap_f1(gold: Iterable[int], pred: Iterable[int]) -> float:
    """Token-overlap F1 of two token sets (0 when either is empty).

    Example:
        >>> overlap_f1([1, 2, 3, 4], [3, 4, 5, 6])
        0.5
    """
    g, p = set(gold), set(pred)
    both = len(g & p)
    if not both:
        return 0.0
    return 2 * both / (len(g) + len(p))


def assign(pred: Sequence[Group], gold: Sequence[Group]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs maximising quote overlap (Hungarian)."""
    if not pred or not gold:
        return []
    from scipy.optimize import linear_sum_assignment

    m = [[0.0] * len(pred) for _ in gold]
    for i, g in enumerate(gold):
        gq = g.tokens("quote")
        for j, p in enumerate(pred):
            ov = overlap_f1(gq, p.tokens("quote"))
            if ov > 0:
                ov += (0.01 if g.type == p.type else 0.0) + (0.001 if g.medium == p.medium else 0.0)
            m[i][j] = ov
    rows, cols = linear_sum_assignment(m, maximize=True)
    return sorted((int(c), int(r)) for r, c in zip(rows, cols, strict=True))


def pair_counts(pred: Group, gold: Group) -> PairCounts:
    """Token true positives, false positives and false negatives per role for one pair."""
    tp, fp, fn = {}, {}, {}
    for role in ROLES:
        g, p = gold.tokens(role), pred.tokens(role)
        tp[role], fp[role], fn[role] = len(g & p), len(p - g), len(g - p)
    return PairCounts(tp, fp, fn)


def document_pairs(
    pred: Sequence[Group], gold: Sequence[Group]
) -> tuple[list[tuple[int | None, int | None]], list[PairCounts]]:
    """Assigned pairs, then unpaired predictions and unpaired gold quotes, with their counts."""
    pairs: list[tuple[int | None, int | None]] = list(assign(pred, gold))
    used_p = {p for p, _ in pairs}
    used_g = {g for _, g in pairs}
    pairs += [(j, None) for j in range(len(pred)) if j not in used_p]
    pairs += [(None, i) for i in range(len(gold)) if i not in used_g]
    counts = [
        pair_counts(pred[j] if j is not None else EMPTY, gold[i] if i is not None else EMPTY)
        for j, i in pairs
    ]
    return pairs, counts


@dataclass
class _Labels:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: str | None, gold: str | None) -> None:
        if pred == gold and gold is not None:
            self.tp += 1
            return
        if pred is not None:
            self.fp += 1
        if gold is not None:
            self.fn += 1

    def prf(self) -> PRF:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return PRF(p, r)


@dataclass
class _Macro:
    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, role: str, v: float | None) -> None:
        if v is not None:
            self.values.setdefault(role, []).append(v)

    def mean(self, roles: Sequence[str]) -> float:
        vals = [v for r in roles for v in self.values.get(r, [])]
        return sum(vals) / len(vals) if vals else 0.0


def score(documents: Iterable[tuple[Sequence[Group], Sequence[Group]]]) -> Scores:
    """The corpus metric over (predicted groups, gold groups) per document."""
    prec, rec = _Macro(), _Macro()
    types, media = _Labels(), _Labels()
    n = 0
    for pred, gold in documents:
        pairs, counts = document_pairs(pred, gold)
        for (j, i), c in zip(pairs, counts, strict=True):
            n += 1
            for role in ROLES:
                prec.add(role, c.precision(role))
                rec.add(role, c.recall(role))
            p = pred[j] if j is not None else EMPTY
            g = gold[i] if i is not None else EMPTY
            types.add(p.type, g.type)
            media.add(p.medium, g.medium)
    others = [r for r in ROLES if r != "quote"]
    return Scores(
        messages=PRF(prec.mean(["quote"]), rec.mean(["quote"])),
        roles=PRF(prec.mean(others), rec.mean(others)),
        joint=PRF(prec.mean(ROLES), rec.mean(ROLES)),
        per_role={r: PRF(prec.mean([r]), rec.mean([r])) for r in ROLES},
        type=types.prf(),
        medium=media.prf(),
        pairs=n,
    )


__all__ = [
    "EMPTY",
    "PRF",
    "TYPES",
    "Group",
    "Scores",
    "assign",
    "document_pairs",
    "overlap_f1",
    "score",
]
