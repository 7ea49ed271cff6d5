"""Who said what on the de-quotes corpus: run graphbuild's quote extraction and score it.

``evaluate(path)`` reads the corpus (a ``.jsonl`` file or a folder of per-article JSON
files), runs graphbuild's German pipeline once over every ``originalText`` (``nlp.pipe``),
extracts quotes, aligns their character spans to the corpus tokens and reports

1. the corpus's own metric (``dequotes_metric``): messages, roles, joint and each role;
2. plain figures: share of gold quotes found per type, share of found quotes with the right
   speaker (named vs pronoun/role-noun speakers), wrongly extracted quotes per 100 articles.

Every figure is defined in ``docs/evaluation.md``. The corpus is CC BY-NC-SA and used for
evaluation only: nothing here is fitted on it.

Example:
    >>> report = evaluate("../shared/corpora/de-quotes/dev.jsonl", limit=5)  # doctest: +SKIP
    >>> round(report.scores.messages.f1, 2)  # doctest: +SKIP
    0.71
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphbuild.errors import InputError
from graphbuild.evaluation.dequotes_corpus import (
    ROLES,
    TYPES,
    CorpusDoc,
    align,
    read_corpus,
    token_spans,
)
from graphbuild.evaluation.dequotes_metric import Group, Scores, document_pairs, score
from graphbuild.types import Quote

if TYPE_CHECKING:
    from rich.console import Console
    from spacy.language import Language
    from spacy.tokens import Doc

# graphbuild's Quote.type → the corpus label. Free indirect speech with reportive "sollen"
# is the corpus's FreeIndirect; Konjunktiv continuations are IndirectFreeIndirect.
TYPE_LABELS = {
    "direct": "Direct",
    "indirect": "Indirect",
    "free_indirect": "IndirectFreeIndirect",
    "reported": "Reported",
}
MEDIUM_LABELS = {"speech": "Speech", "writing": "Writing", "thought": "Thought"}
# A gold speaker made only of these (personal, demonstrative, relative pronouns, pronominal
# adverbs; German grammar) counts as a pronoun speaker.
PRONOUNS = frozenset(
    [
        "ich",
        "du",
        "er",
        "sie",
        "es",
        "wir",
        "ihr",
        "man",
        "mich",
        "dich",
        "ihn",
        "uns",
        "euch",
        "ihm",
        "ihnen",
        "mir",
        "dir",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "des",
        "dessen",
        "deren",
        "denen",
        "dieser",
        "diese",
        "dieses",
        "diesem",
        "diesen",
        "jener",
        "jene",
        "jenes",
        "jenem",
        "jenen",
        "welcher",
        "welche",
        "welches",
        "welchem",
        "welchen",
        "derjenige",
        "diejenige",
        "dasjenige",
        "demnach",
        "danach",
        "wonach",
        "hiernach",
        "darauf",
        "darin",
        "dazu",
        "dort",
    ]
)
_OPEN_MARKS = "„“”\"»«‚‘'"
_CLOSE_MARKS = "“”\"«»‘’'"
_MATCH_SHARE = 0.5


@dataclass(frozen=True)
class Figures:
    """Plain figures: recall per type, precision, speaker accuracy, false quotes per 100 docs."""

    found_by_type: dict[str, tuple[int, int]]
    predicted: int
    predicted_matched: int
    speaker_right: dict[str, tuple[int, int]]
    documents: int

    @property
    def precision(self) -> float:
        return self.predicted_matched / self.predicted if self.predicted else 0.0

    @property
    def wrong_per_100(self) -> float:
        wrong = self.predicted - self.predicted_matched
        return 100.0 * wrong / self.documents if self.documents else 0.0

    def share(self, key: str) -> float:
        """Found share of a type; "IndirectFreeIndirect+FreeIndirect" combines the two."""
        keys = key.split("+")
        hit = sum(self.found_by_type.get(k, (0, 0))[0] for k in keys)
        tot = sum(self.found_by_type.get(k, (0, 0))[1] for k in keys)
        return hit / tot if tot else 0.0

    def speaker_share(self, key: str) -> float:
        hit, tot = self.speaker_right.get(key, (0, 0))
        return hit / tot if tot else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "found_by_type": {
                k: {"found": h, "gold": t, "share": round(h / t, 4) if t else None}
                for k, (h, t) in self.found_by_type.items()
            },
            "found_IndirectFreeIndirect+FreeIndirect": round(
                self.share("IndirectFreeIndirect+FreeIndirect"), 4
            ),
            "predicted": self.predicted,
            "predicted_matched": self.predicted_matched,
            "precision": round(self.precision, 4),
            "speaker_right": {
                k: {"right": h, "total": t, "share": round(h / t, 4) if t else None}
                for k, (h, t) in self.speaker_right.items()
            },
            "wrong_per_100_articles": round(self.wrong_per_100, 2),
            "documents": self.documents,
        }


@dataclass
class Report:
    """The outcome of one evaluation run."""

    scores: Scores
    figures: Figures
    documents: int
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "metric": self.scores.as_dict(),
            "figures": self.figures.as_dict(),
            "failures": list(self.failures),
        }


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a direct quote's span to its quotation marks, as the corpus annotates them."""
    s, e = start, end
    if s > 0 and text[s - 1] in " \u00a0":
        s -= 1
    s = s - 1 if s > 0 and text[s - 1] in _OPEN_MARKS else start
    m = re.match(r"[,;]?\s?([" + re.escape(_CLOSE_MARKS) + "])", text[e : e + 4])
    if m:
        e = e + m.end()
    return s, e


def quote_group(q: Quote, text: str, tokens: Sequence[tuple[int, int]]) -> Group:
    """A graphbuild Quote as corpus tokens per role."""
    spans = list(q.spans or ((q.start, q.end),))
    if q.type == "direct":
        spans = [_with_marks(text, s, e) for s, e in spans]
    speaker: list[tuple[int, int]] = []
    if q.speaker_phrase is not None:
        speaker = [q.speaker_phrase]
    elif q.speaker is not None:
        speaker = [(q.speaker.start, q.speaker.end)]
    cue = list(q.cue_spans) or ([q.cue_span] if q.cue_span else [])
    if q.type == "reported":
        cue = []  # the corpus counts the verb of reported speech as part of the quote
    addressee: list[tuple[int, int]] = []
    if q.addressee_phrase is not None:
        addressee = [q.addressee_phrase]
    elif q.addressee is not None:
        addressee = [(q.addressee.start, q.addressee.end)]
    label = TYPE_LABELS.get(q.type, "Direct")
    if q.type == "free_indirect" and "sollen" in q.rule:
        label = "FreeIndirect"
    return Group(
        {
            "quote": align(tokens, spans),
            "speaker": align(tokens, speaker),
            "cue": align(tokens, cue),
            "frame": align(tokens, q.frame),
            "addressee": align(tokens, addressee),
        },
        label,
        MEDIUM_LABELS.get(q.medium or "speech", "Speech"),
    )


def quote_groups(q: Quote, text: str, tokens: Sequence[tuple[int, int]]) -> list[Group]:
    """A Quote as corpus annotations: one, and a second one for the source that relays it
    (``Quote.via``), which the corpus annotates as a speaker of its own ("X zitiert Y mit
    den Worten: „…“" is one annotation with speaker Y and one with speaker X)."""
    out = [quote_group(q, text, tokens)]
    if q.via_phrase is not None:
        # the source relays the words in its publication (paper, agency, website): Writing
        relayed = replace(
            q,
            speaker=q.via,
            speaker_phrase=q.via_phrase,
            via=None,
            via_phrase=None,
            medium="writing",
        )
        out.append(quote_group(relayed, text, tokens))
    return out


def gold_groups(doc: CorpusDoc) -> list[Group]:
    """The corpus annotations of a document as metric groups."""
    return [Group(dict(a.roles), a.type, a.medium) for a in doc.quotes]


def speaker_kind(doc: CorpusDoc, token_ids: Sequence[int], parsed: Doc | None) -> str:
    """ "pronoun" (only pronouns), "named" (a proper noun or name entity in it) or "role"."""
    words = [doc.text[doc.tokens[i][0] : doc.tokens[i][1]] for i in token_ids]
    content = [w for w in words if any(ch.isalnum() for ch in w)]
    if content and all(w.lower() in PRONOUNS for w in content):
        return "pronoun"
    if parsed is not None and token_ids:
        span = parsed.char_span(
            doc.tokens[token_ids[0]][0], doc.tokens[token_ids[-1]][1], alignment_mode="expand"
        )
        if span is not None and any(
            t.pos_ == "PROPN" or t.ent_type_ in {"PER", "PERSON", "ORG"} for t in span
        ):
            return "named"
    return "role"


@dataclass
class _Tally:
    found: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    predicted: int = 0
    matched: int = 0
    spk_right: Counter[str] = field(default_factory=Counter)
    spk_total: Counter[str] = field(default_factory=Counter)


def _tally(
    t: _Tally, doc: CorpusDoc, pred: Sequence[Group], gold: Sequence[Group], parsed: Doc | None
) -> None:
    pairs, _ = document_pairs(pred, gold)
    t.predicted += len(pred)
    for g in gold:
        t.gold[g.type or "none"] += 1
    for j, i in pairs:
        if j is None or i is None:
            continue
        g, p = gold[i], pred[j]
        gq = g.tokens("quote")
        if not gq or len(gq & p.tokens("quote")) < _MATCH_SHARE * len(gq):
            continue
        t.found[g.type or "none"] += 1
        t.matched += 1
        gs = sorted(g.tokens("speaker"))
        if not gs:
            continue
        kind = speaker_kind(doc, gs, parsed)
        for key in (kind, "pronoun/role" if kind != "named" else "named_total", "all"):
            t.spk_total[key] += 1
            if set(gs) & p.tokens("speaker"):
                t.spk_right[key] += 1


def _figures(t: _Tally, documents: int) -> Figures:
    return Figures(
        found_by_type={k: (t.found[k], t.gold[k]) for k in TYPES if t.gold[k]},
        predicted=t.predicted,
        predicted_matched=t.matched,
        speaker_right={
            k: (t.spk_right[k], t.spk_total[k])
            for k in ("named", "pronoun", "role", "pronoun/role", "all")
        },
        documents=documents,
    )


def _role_json(text: str, tokens: Sequence[tuple[int, int]], ids: Sequence[int]) -> dict[str, Any]:
    spans = []
    parts = []
    for b, e in token_spans(ids):
        cb, ce = tokens[b][0], tokens[e - 1][1]
        spans.append({"begin": b, "end": e, "charBegin": cb, "charEnd": ce})
        parts.append(text[cb:ce])
    return {"spans": spans, "text": " ".join(parts), "tokenIds": sorted(set(ids))}


def corpus_json(doc: CorpusDoc, groups: Sequence[Group]) -> dict[str, Any]:
    """A document with predicted annotations, in the corpus's own JSON format."""
    anns = []
    for k, g in enumerate(groups):
        ann: dict[str, Any] = {
            r: _role_json(doc.text, doc.tokens, g.roles.get(r, ())) for r in ROLES
        }
        ann.update(
            {"id": k, "type": g.type, "medium": g.medium, "isNested": False, "hasNested": False}
        )
        anns.append(dict(sorted(ann.items())))
    out: dict[str, Any] = {"id": doc.id, "annotations": anns, "documentName": doc.name}
    for key in ("originalText", "sentences", "tokens"):
        if key in doc.raw:
            out[key] = doc.raw[key]
    out["originalText"] = doc.text
    return out


def _safe_name(doc_id: str) -> str:
    return re.sub(r"[^\w.-]+", "_", doc_id)[:120] or "doc"


def predict(
    docs: Iterable[CorpusDoc], nlp: Language, batch_size: int = 8
) -> Iterator[tuple[CorpusDoc, list[Quote], Doc]]:
    """Run graphbuild's extraction over each document's text with one ``nlp.pipe``."""
    from graphbuild.extract.mentions import mentions, sentences
    from graphbuild.extract.quotes import quotes

    buffered = list(docs)
    for cdoc, parsed in zip(
        buffered, nlp.pipe((d.text for d in buffered), batch_size=batch_size), strict=True
    ):
        sents = tuple(sentences(parsed))
        found = tuple(mentions(parsed, sents))
        yield cdoc, list(quotes(parsed, found, sents)), parsed


def evaluate(
    path: Path | str,
    *,
    nlp: Language | None = None,
    limit: int | None = None,
    export: Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Score graphbuild's German quote extraction on a de-quotes file or folder.

    ``nlp`` defaults to ``load_pipeline("de")``; ``export`` writes one JSON per article with
    the predictions in the corpus format. InputError on an unreadable corpus.
    """
    docs = list(read_corpus(path, limit=limit))
    if not docs:
        raise InputError(str(path), "no documents found")
    if nlp is None:
        from graphbuild.nlp import load_pipeline

        nlp = load_pipeline("de")
    export_dir = Path(export) if export is not None else None
    if export_dir is not None:
        export_dir.mkdir(parents=True, exist_ok=True)
    tally = _Tally()
    scored: list[tuple[list[Group], list[Group]]] = []
    for n, (cdoc, found, parsed) in enumerate(predict(docs, nlp), start=1):
        pred = [g for q in found for g in quote_groups(q, cdoc.text, cdoc.tokens)]
        pred = [g for g in pred if g.roles["quote"]]
        gold = gold_groups(cdoc)
        scored.append((pred, gold))
        _tally(tally, cdoc, pred, gold, parsed)
        if export_dir is not None:
            target = export_dir / f"{_safe_name(cdoc.id)}.json"
            target.write_text(
                json.dumps(corpus_json(cdoc, pred), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if progress is not None:
            progress(n, len(docs))
    return Report(scores=score(scored), figures=_figures(tally, len(docs)), documents=len(docs))


def _print_report(report: Report, out: Console) -> None:
    from rich.table import Table

    s = report.scores
    t = Table(title=f"de-quotes: corpus metric ({report.documents} articles, {s.pairs} pairs)")
    for col in ("score", "precision", "recall", "F1"):
        t.add_column(col, justify="right" if col != "score" else "left")
    rows = [("messages", s.messages), ("roles", s.roles), ("joint", s.joint)]
    rows += [(f"  {r}", s.per_role[r]) for r in ROLES]
    rows += [("type", s.type), ("medium", s.medium)]
    for name, v in rows:
        t.add_row(name, f"{v.precision:.3f}", f"{v.recall:.3f}", f"{v.f1:.3f}")
    out.print(t)
    f = report.figures
    t2 = Table(title="de-quotes: plain figures")
    t2.add_column("figure")
    t2.add_column("value", justify="right")
    t2.add_column("count", justify="right")
    for k, (h, n) in f.found_by_type.items():
        t2.add_row(f"found {k}", f"{h / n:.3f}" if n else "-", f"{h}/{n}")
    t2.add_row(
        "found IndirectFreeIndirect+FreeIndirect",
        f"{f.share('IndirectFreeIndirect+FreeIndirect'):.3f}",
        "",
    )
    t2.add_row(
        "extracted quotes matching gold",
        f"{f.precision:.3f}",
        f"{f.predicted_matched}/{f.predicted}",
    )
    for k in ("named", "pronoun/role", "pronoun", "role", "all"):
        h, n = f.speaker_right.get(k, (0, 0))
        t2.add_row(f"speaker right ({k})", f"{h / n:.3f}" if n else "-", f"{h}/{n}")
    t2.add_row("wrong quotes per 100 articles", f"{f.wrong_per_100:.1f}", "")
    out.print(t2)


def evaluate_cli(
    path: Path,
    *,
    as_json: bool = False,
    export: Path | None = None,
    limit: int | None = None,
    out: Console,
    err: Console,
) -> Report:
    """``graphbuild eval --corpus de-quotes PATH``: evaluate, show a progress bar, print."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]de-quotes"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("eval", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        report = evaluate(path, limit=limit, export=export, progress=tick)
    if as_json:
        out.print_json(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        _print_report(report, out)
        if export is not None:
            err.print(f"predictions written to {export}")
    return report


__all__ = [
    "Figures",
    "Report",
    "corpus_json",
    "evaluate",
    "evaluate_cli",
    "gold_groups",
    "quote_group",
    "quote_groups",
]
