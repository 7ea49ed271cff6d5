"""Score extraction against the gold-annotation schema (``tests/golden``, the shared eval set).

Three numbers per article and overall (micro-averaged over all articles):

* **entities** – precision/recall/F1. A predicted entity matches a gold entity when their
  surface forms (name, aliases, id) share a normalised form and their types agree; matching
  is one-to-one (greedy, largest overlap first).
* **quotes** – attribution: the share of gold quotes that are found (a predicted quote covers
  at least half of the gold quote's word tokens) *with the right speaker* (the predicted
  speaker entity matches the gold speaker). Span recall (found regardless of speaker) and a
  span precision are reported alongside.
* **relations** – precision/recall/F1 over ``(predicate, subject, object)`` after mapping the
  predicted entity ids to gold ids; symmetric predicates compare order-independently.
  Negated predictions ("es gab keine Gespräche") are facts that something did *not* happen;
  the gold lists what the text says did, will or may happen, so negated predictions are left
  out of the comparison.

Relations are also scored per predicate, and every missed or spurious relation is kept as a
:class:`RelationError` with the sentence it was (or should have been) read from. Gold files
whose ``"annotated"`` list lacks ``"quotes"`` (the Wikinews set) have no quote figures.

Everything here is pure (dicts in, plain data out) except :func:`evaluate_gold_dir`, which
runs the extraction; printing belongs to the command line.

Example:
    >>> gold = {"entities": [{"id": "anna_berg", "name": "Anna Berg", "type": "Person",
    ...          "aliases": ["Berg"]}], "quotes": [], "relations": []}
    >>> pred = {"entities": [{"id": "berg", "name": "Berg", "type": "Person", "aliases": []}],
    ...         "quotes": [], "relations": []}
    >>> score_article(pred, gold).entities.f1
    1.0
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphbuild.errors import InputError
from graphbuild.types import SYMMETRIC_PREDICATES

__all__ = [
    "PRF",
    "QuoteScores",
    "RelationError",
    "Report",
    "Scores",
    "evaluate_gold_dir",
    "match_entities",
    "score_article",
    "sentence_around",
]

_TRANSLIT = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_WORD = re.compile(r"\w+", re.UNICODE)
# a sentence ends at . ! ? before a capital or an opening quote, or at a line break
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"])|\n")


def _norm(surface: str) -> str:
    """A surface form reduced for comparison: case, umlauts, accents and punctuation ignored."""
    s = unicodedata.normalize("NFKD", surface.translate(_TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", "_", s.casefold()).strip("_")


@dataclass(frozen=True, slots=True)
class PRF:
    """True positives, false positives and false negatives, with P/R/F1 derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class QuoteScores:
    """Gold quotes found with the right speaker (``attributed``), found at all, and predicted."""

    gold: int = 0
    found: int = 0
    attributed: int = 0
    predicted: int = 0
    predicted_matching: int = 0

    @property
    def attribution(self) -> float:
        return self.attributed / self.gold if self.gold else 1.0

    @property
    def span_recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def span_precision(self) -> float:
        return self.predicted_matching / self.predicted if self.predicted else 1.0

    def __add__(self, other: QuoteScores) -> QuoteScores:
        return QuoteScores(
            self.gold + other.gold,
            self.found + other.found,
            self.attributed + other.attributed,
            self.predicted + other.predicted,
            self.predicted_matching + other.predicted_matching,
        )

    def to_json(self) -> dict[str, float | int]:
        return {
            "gold": self.gold,
            "found": self.found,
            "attributed": self.attributed,
            "predicted": self.predicted,
            "attribution": round(self.attribution, 4),
            "span_recall": round(self.span_recall, 4),
            "span_precision": round(self.span_precision, 4),
        }


@dataclass(frozen=True, slots=True)
class RelationError:
    """A gold relation that was not predicted (``missed``) or a prediction not in the gold
    (``spurious``), with the sentence of its evidence for reading the error. A missed
    relation is ``reachable`` when both its entities were found."""

    kind: str
    predicate: str
    subject: str
    object: str
    sentence: str = ""
    rule: str = ""
    reachable: bool = True

    def to_json(self) -> dict[str, str | bool]:
        return {
            "kind": self.kind,
            "predicate": self.predicate,
            "subject": self.subject,
            "object": self.object,
            "sentence": self.sentence,
            "rule": self.rule,
            "reachable": self.reachable,
        }


@dataclass(frozen=True)
class Scores:
    """The scores of one article, with what was missed/spurious for reading the errors.

    ``quotes_annotated`` is False for gold files that do not annotate quotes; their quote
    figures are left out of every total.
    """

    id: str
    entities: PRF
    quotes: QuoteScores
    relations: PRF
    missed_entities: tuple[str, ...] = ()
    spurious_entities: tuple[str, ...] = ()
    missed_quotes: tuple[str, ...] = ()
    missed_relations: tuple[str, ...] = ()
    spurious_relations: tuple[str, ...] = ()
    quotes_annotated: bool = True
    relations_by_predicate: Mapping[str, PRF] = field(default_factory=dict)
    relation_errors: tuple[RelationError, ...] = ()
    # gold relations whose subject and object were both found as entities
    relations_reachable: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entities": self.entities.to_json(),
            "quotes": self.quotes.to_json() if self.quotes_annotated else None,
            "relations": self.relations.to_json(),
            "relations_reachable": self.relations_reachable,
            "relations_by_predicate": {
                p: v.to_json() for p, v in sorted(self.relations_by_predicate.items())
            },
            "missed_entities": list(self.missed_entities),
            "spurious_entities": list(self.spurious_entities),
            "missed_quotes": list(self.missed_quotes),
            "missed_relations": list(self.missed_relations),
            "spurious_relations": list(self.spurious_relations),
            "relation_errors": [e.to_json() for e in self.relation_errors],
        }


@dataclass
class Report:
    """Scores of every article of a gold folder, plus the micro-averaged totals."""

    articles: list[Scores] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def entities(self) -> PRF:
        return sum((a.entities for a in self.articles), PRF())

    @property
    def quotes_annotated(self) -> bool:
        """Whether any scored article annotates quotes (else there are no quote figures)."""
        return any(a.quotes_annotated for a in self.articles)

    @property
    def quotes(self) -> QuoteScores:
        return sum((a.quotes for a in self.articles if a.quotes_annotated), QuoteScores())

    @property
    def relations(self) -> PRF:
        return sum((a.relations for a in self.articles), PRF())

    @property
    def relations_reachable(self) -> int:
        """Gold relations whose two entities were found: the ceiling of relation recall."""
        return sum(a.relations_reachable for a in self.articles)

    @property
    def relations_by_predicate(self) -> dict[str, PRF]:
        """Micro-averaged relation scores of each predicate (gold or predicted)."""
        out: dict[str, PRF] = {}
        for a in self.articles:
            for p, v in a.relations_by_predicate.items():
                out[p] = out.get(p, PRF()) + v
        return dict(sorted(out.items()))

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [a.to_json() for a in self.articles],
            "overall": {
                "entities": self.entities.to_json(),
                "quotes": self.quotes.to_json() if self.quotes_annotated else None,
                "relations": self.relations.to_json(),
                "relations_reachable": self.relations_reachable,
                "relations_by_predicate": {
                    p: v.to_json() for p, v in self.relations_by_predicate.items()
                },
            },
            "failures": list(self.failures),
        }


def _surfaces(entity: Mapping[str, Any]) -> set[str]:
    forms = [entity.get("name", ""), entity.get("id", ""), *entity.get("aliases", ())]
    return {n for n in (_norm(str(f)) for f in forms) if n}


def match_entities(
    pred: Sequence[Mapping[str, Any]], gold: Sequence[Mapping[str, Any]]
) -> dict[str, str]:
    """Predicted entity id → gold entity id, one-to-one, by shared surface form and type.

    Candidate pairs are ranked by the number of shared forms, then an exact canonical-name
    match first, so "Berg" (alias) never steals the gold entity that "Anna Berg" names.

    Example:
        >>> match_entities([{"id": "usa", "name": "USA", "type": "Country"}],
        ...                [{"id": "usa", "name": "USA", "type": "Country", "aliases": ["US"]}])
        {'usa': 'usa'}
    """
    pairs: list[tuple[int, int, str, str]] = []
    for p in pred:
        ps = _surfaces(p)
        for g in gold:
            if p.get("type") != g.get("type"):
                continue
            shared = ps & _surfaces(g)
            if shared:
                exact = int(_norm(p.get("name", "")) == _norm(g.get("name", "")))
                pairs.append((exact, len(shared), str(p["id"]), str(g["id"])))
    pairs.sort(reverse=True)
    out: dict[str, str] = {}
    used: set[str] = set()
    for _exact, _n, pid, gid in pairs:
        if pid in out or gid in used:
            continue
        out[pid] = gid
        used.add(gid)
    return out


def _token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in _WORD.finditer(text[start:end])]


def _locate(text: str, needle: str, taken: set[int]) -> tuple[int, int] | None:
    """Offsets of ``needle`` in ``text``, preferring an occurrence not located before."""
    if not needle:
        return None
    pos = text.find(needle)
    first = pos
    while pos != -1 and pos in taken:
        pos = text.find(needle, pos + 1)
    if pos == -1:
        pos = first
    if pos == -1:
        return None
    taken.add(pos)
    return pos, pos + len(needle)


def _pred_spans(q: Mapping[str, Any], text: str | None) -> list[tuple[int, int]]:
    spans = q.get("spans")
    if spans:
        return [(int(a), int(b)) for a, b in spans]
    if "start" in q and "end" in q:
        return [(int(q["start"]), int(q["end"]))]
    if text is not None:
        loc = _locate(text, q.get("text", ""), set())
        return [loc] if loc else []
    return []


def _covered(gold_tokens: list[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> float:
    spans = list(spans)
    if not gold_tokens:
        return 0.0
    inside = sum(1 for a, b in gold_tokens if any(s <= a and b <= e for s, e in spans))
    return inside / len(gold_tokens)


def _covered_by_text(gold_text: str, pred_text: str) -> float:
    """Fallback without article text: share of gold word tokens that occur in the prediction."""
    gold_words = [w.casefold() for w in _WORD.findall(gold_text)]
    pool = [w.casefold() for w in _WORD.findall(pred_text)]
    if not gold_words:
        return 0.0
    hits = 0
    for w in gold_words:
        if w in pool:
            pool.remove(w)
            hits += 1
    return hits / len(gold_words)


def _score_quotes(
    pred: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    to_gold: Mapping[str, str],
    text: str | None,
) -> tuple[QuoteScores, list[str]]:
    taken: set[int] = set()
    pred_spans = [_pred_spans(q, text) for q in pred]
    matched_pred: set[int] = set()
    found = attributed = 0
    missed: list[str] = []
    for g in gold:
        gtext = g.get("text", "")
        loc = _locate(text, gtext, taken) if text is not None else None
        hits = []
        for i, q in enumerate(pred):
            if loc is not None and pred_spans[i]:
                cover = _covered(_token_spans(text or "", *loc), pred_spans[i])
            else:
                cover = _covered_by_text(gtext, q.get("text", ""))
            if cover >= 0.5:
                hits.append(i)
        if hits:
            found += 1
            matched_pred.update(hits)
        if any(to_gold.get(str(pred[i].get("speaker"))) == g.get("speaker") for i in hits):
            attributed += 1
        else:
            who = f"[{g.get('speaker')}]" + ("" if hits else " (not found)")
            missed.append(f"{who} {gtext[:70]}")
    return QuoteScores(len(gold), found, attributed, len(pred), len(matched_pred)), missed


def _relation_key(predicate: str, s: str, o: str) -> tuple[str, str, str]:
    if predicate in SYMMETRIC_PREDICATES and o < s:
        s, o = o, s
    return predicate, s, o


def sentence_around(text: str | None, snippet: str, start: int | None = None) -> str:
    """The sentence (or line) of ``text`` that holds ``snippet`` (at ``start`` if given).

    Falls back to the snippet itself when there is no text or it does not occur.

    Example:
        >>> sentence_around("Erst dies. Dann traf A den B. Ende.", "traf A")
        'Dann traf A den B.'
    """
    if not text or not snippet:
        return snippet
    pos = start if start is not None and text[start : start + len(snippet)] == snippet else None
    if pos is None:
        pos = text.find(snippet)
    if pos < 0:
        return snippet
    end = pos + len(snippet)
    bounds = [m.end() for m in _SENTENCE_END.finditer(text, 0, pos)]
    left = bounds[-1] if bounds else 0
    right_m = _SENTENCE_END.search(text, end)
    right = right_m.start() + 1 if right_m else len(text)
    return text[left:right].strip()


def _score_relations(
    pred: Sequence[Mapping[str, Any]],
    gold: Sequence[Mapping[str, Any]],
    to_gold: Mapping[str, str],
    text: str | None,
) -> tuple[PRF, dict[str, PRF], list[RelationError]]:
    """Relation P/R/F1 overall and per predicate, and every missed or spurious relation."""
    gold_rel: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for r in gold:
        gold_rel.setdefault(_relation_key(r["predicate"], r["subject"], r["object"]), r)
    pred_rel: dict[tuple[str, str, str], Mapping[str, Any]] = {}
    for r in pred:
        if r.get("negated", False):
            continue
        key = _relation_key(
            r["predicate"],
            to_gold.get(r["subject"], "?" + r["subject"]),
            to_gold.get(r["object"], "?" + r["object"]),
        )
        pred_rel.setdefault(key, r)
    by_predicate: dict[str, PRF] = {}
    for p in {k[0] for k in gold_rel} | {k[0] for k in pred_rel}:
        g = {k for k in gold_rel if k[0] == p}
        q = {k for k in pred_rel if k[0] == p}
        by_predicate[p] = PRF(tp=len(g & q), fp=len(q - g), fn=len(g - q))
    found = set(to_gold.values())
    errors = [
        RelationError(
            "missed",
            *k,
            sentence_around(text, str(gold_rel[k].get("evidence", ""))),
            reachable=k[1] in found and k[2] in found,
        )
        for k in sorted(gold_rel.keys() - pred_rel.keys())
    ] + [
        RelationError(
            "spurious",
            *k,
            sentence_around(text, str(pred_rel[k].get("evidence", "")), pred_rel[k].get("start")),
            str(pred_rel[k].get("rule", "")),
        )
        for k in sorted(pred_rel.keys() - gold_rel.keys())
    ]
    total = PRF(
        tp=len(pred_rel.keys() & gold_rel.keys()),
        fp=len(pred_rel.keys() - gold_rel.keys()),
        fn=len(gold_rel.keys() - pred_rel.keys()),
    )
    return total, by_predicate, errors


def scored_entities(pred_json: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The predicted entities that are scored: unnamed sources ("ein hochrangiger
    Politiker") are per-article descriptions, not named entities, and the guidelines
    annotate none."""
    return [e for e in pred_json.get("entities", ()) if e.get("type") != "UnnamedSource"]


def score_article(
    pred_json: Mapping[str, Any], gold_json: Mapping[str, Any], text: str | None = None
) -> Scores:
    """Score one predicted article (gold schema) against its gold annotation.

    ``text`` is the article; with it, quotes are compared by character offsets (the
    prediction's ``spans``/``start``/``end``), without it by shared word tokens.
    """
    gold_ents = list(gold_json.get("entities", ()))
    pred_ents = scored_entities(pred_json)
    to_gold = match_entities(pred_ents, gold_ents)
    matched_gold = set(to_gold.values())
    ents = PRF(
        tp=len(to_gold), fp=len(pred_ents) - len(to_gold), fn=len(gold_ents) - len(matched_gold)
    )
    quotes, missed_quotes = _score_quotes(
        list(pred_json.get("quotes", ())), list(gold_json.get("quotes", ())), to_gold, text
    )
    rels, by_predicate, errors = _score_relations(
        list(pred_json.get("relations", ())), list(gold_json.get("relations", ())), to_gold, text
    )
    annotated = gold_json.get("annotated")
    reachable = {
        _relation_key(r["predicate"], r["subject"], r["object"])
        for r in gold_json.get("relations", ())
        if r["subject"] in matched_gold and r["object"] in matched_gold
    }
    return Scores(
        id=str(gold_json.get("id", pred_json.get("id", ""))),
        entities=ents,
        quotes=quotes,
        relations=rels,
        missed_entities=tuple(
            sorted(str(g["id"]) for g in gold_ents if g["id"] not in matched_gold)
        ),
        spurious_entities=tuple(
            sorted(f"{p['id']} ({p.get('type')})" for p in pred_ents if p["id"] not in to_gold)
        ),
        missed_quotes=tuple(missed_quotes),
        missed_relations=tuple(
            " ".join((e.predicate, e.subject, e.object)) for e in errors if e.kind == "missed"
        ),
        spurious_relations=tuple(
            " ".join((e.predicate, e.subject, e.object)) for e in errors if e.kind == "spurious"
        ),
        quotes_annotated=annotated is None or "quotes" in annotated,
        relations_by_predicate=by_predicate,
        relation_errors=tuple(errors),
        relations_reachable=len(reachable),
    )


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"invalid JSON: {exc.msg}", exc.lineno) from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    if not isinstance(data, dict):
        raise InputError(str(path), "a gold file must hold one JSON object")
    return data


def evaluate_gold_dir(path: Path | str, pipelines: Any = None) -> Report:
    """Extract every ``<id>.txt`` of a folder that has an ``<id>.gold.json`` and score it.

    A missing/unreadable folder raises InputError; an article that fails is listed in
    ``Report.failures`` and the others are still scored.
    """
    from graphbuild.builder import resolve_article
    from graphbuild.nlp import Pipelines
    from graphbuild.types import Article

    folder = Path(path)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder; pass a folder of <id>.txt + <id>.gold.json")
    golds = sorted(folder.glob("*.gold.json"))
    if not golds:
        raise InputError(str(folder), "no <id>.gold.json files found")
    pipes = pipelines or Pipelines()
    report = Report()
    for gold_path in golds:
        gold = _read_json(gold_path)
        stem = gold_path.name.removesuffix(".gold.json")
        txt = gold_path.with_name(stem + ".txt")
        try:
            # Gold articles are UTF-8 by definition; the gold fixes the language, so
            # detection (ingest) is bypassed and the first line is the title, as in ingest.
            text = txt.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            report.failures.append(f"{txt}: cannot read: {exc}")
            continue
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        article = Article(
            id=stem, lang=str(gold.get("lang", "de")), title=title, text=text, source=str(txt)
        )
        try:
            pred = resolve_article(article, pipes).to_json()
        except Exception as exc:  # one article must not stop the evaluation
            report.failures.append(f"{txt}: extraction failed: {type(exc).__name__}: {exc}")
            continue
        report.articles.append(score_article(pred, gold, text=text))
    return report
