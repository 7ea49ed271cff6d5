"""Who said what on the de-quotes corpus: run graphbuild's quote extraction and score it.

``evaluate(path)`` reads the corpus (a ``.jsonl`` file or a folder of per-article JSON
files), runs graphbuild's German pipeline once over every ``originalText`` (``nlp.pipe``),
extracts quotes, aligns their character spans to the corpus tokens and reports

1. the corpus's own metric (``dequotes_metric``): messages, roles, joint and each role;
2. plain figures: share of gold quotes found per type, share of found quotes with the right
   speaker (named vs pronoun/role-noun speakers), wrongly extracted quotes per 100 articles;
3. speaker-entity figures (``dequotes_speakers``): whether the entity a quote lands on after
   resolution carries the gold speaker's name.

Plain data only: printing is the CLI's (``graphbuild eval --corpus de-quotes``).

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
from graphbuild.evaluation.dequotes_speakers import SpeakerEntityFigures, SpeakerTally
from graphbuild.types import Article, Mention, Quote, Resolution

if TYPE_CHECKING:
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


@dataclass(frozen=True, slots=True)
class WrongQuote:
    """An extracted quote that matches no gold quote (for ``--errors``): the rule that made
    it, its type, its text, and the gold quote it was paired with but covers less than half
    of ("" when none)."""

    document: str
    type: str
    rule: str
    text: str
    gold: str = ""


@dataclass(frozen=True)
class Figures:
    """Plain figures: recall per type, precision, speaker accuracy, false quotes per 100 docs."""

    found_by_type: dict[str, tuple[int, int]]
    predicted: int
    predicted_matched: int
    speaker_right: dict[str, tuple[int, int]]
    documents: int
    wrong: tuple[WrongQuote, ...] = ()

    def wrong_by_rule(self) -> list[tuple[str, int]]:
        """Unmatched extracted quotes per rule, most first."""
        return Counter(w.rule for w in self.wrong).most_common()

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
            "wrong_by_rule": dict(self.wrong_by_rule()),
            "documents": self.documents,
        }


@dataclass
class Report:
    """The outcome of one evaluation run."""

    scores: Scores
    figures: Figures
    documents: int
    failures: list[str] = field(default_factory=list)
    speakers: SpeakerEntityFigures | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "documents": self.documents,
            "metric": self.scores.as_dict(),
            "figures": self.figures.as_dict(),
            "failures": list(self.failures),
        }
        if self.speakers is not None:
            out["speaker_entity"] = self.speakers.as_dict()
        return out


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
    entities: SpeakerTally = field(default_factory=SpeakerTally)
    wrong: list[WrongQuote] = field(default_factory=list)


def _words(doc: CorpusDoc, ids: Iterable[int]) -> str:
    return " ".join(doc.text[doc.tokens[i][0] : doc.tokens[i][1]] for i in sorted(ids))


def _sentence(doc: CorpusDoc, token_id: int) -> str:
    """The corpus sentence holding a token (its text around it when the corpus has none)."""
    tokens, sents = doc.raw.get("tokens"), doc.raw.get("sentences")
    if tokens and sents and token_id < len(tokens):
        n = tokens[token_id].get("sentence", 0) - 1
        if 0 <= n < len(sents):
            return str(sents[n].get("text", ""))
    at = doc.tokens[token_id][0]
    return doc.text[max(0, at - 100) : at + 100]


def _tally(
    t: _Tally,
    doc: CorpusDoc,
    pred: Sequence[Group],
    gold: Sequence[Group],
    parsed: Doc | None,
    entities: Sequence[tuple[str, ...] | None] = (),
    rules: Sequence[str] = (),
) -> None:
    """Count found quotes, speaker phrases and speaker entities of one document;
    ``entities[j]`` is the name and aliases of prediction j's speaker entity (None: none),
    ``rules[j]`` the rule that made prediction j."""
    pairs, _ = document_pairs(pred, gold)
    _tally_wrong(t, doc, pred, gold, pairs, rules)
    t.predicted += len(pred)
    named = [t.entities.gold(g.type, _words(doc, g.tokens("speaker"))) for g in gold]
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
        if named[i]:
            entity = entities[j] if j < len(entities) else None
            t.entities.found_quote(
                doc.id,
                g.type,
                _words(doc, gs),
                entity,
                _sentence(doc, min(gq)),
                _words(doc, p.tokens("speaker")),
            )
        kind = speaker_kind(doc, gs, parsed)
        for key in (kind, "pronoun/role" if kind != "named" else "named_total", "all"):
            t.spk_total[key] += 1
            if set(gs) & p.tokens("speaker"):
                t.spk_right[key] += 1


def _tally_wrong(
    t: _Tally,
    doc: CorpusDoc,
    pred: Sequence[Group],
    gold: Sequence[Group],
    pairs: Sequence[tuple[int | None, int | None]],
    rules: Sequence[str],
) -> None:
    """Record the predictions that match no gold quote (unpaired, or covering less than half
    of the gold quote they are paired with)."""
    partner = {j: i for j, i in pairs if j is not None}
    for j, p in enumerate(pred):
        i = partner.get(j)
        gq = gold[i].tokens("quote") if i is not None else frozenset()
        if gq and len(gq & p.tokens("quote")) >= _MATCH_SHARE * len(gq):
            continue
        near = _words(doc, gq) if gq & p.tokens("quote") else ""
        rule = rules[j] if j < len(rules) else ""
        t.wrong.append(WrongQuote(doc.id, p.type or "", rule, _words(doc, p.tokens("quote")), near))


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
        wrong=tuple(t.wrong),
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
) -> Iterator[tuple[CorpusDoc, Resolution, Doc]]:
    """Run graphbuild's extraction and resolution over each document's text (one ``nlp.pipe``)."""
    from graphbuild.extract import extract
    from graphbuild.resolve import resolve

    buffered = list(docs)
    for cdoc, parsed in zip(
        buffered, nlp.pipe((d.text for d in buffered), batch_size=batch_size), strict=True
    ):
        article = Article(id=cdoc.id, lang="de", title="", text=cdoc.text)
        yield cdoc, resolve(extract(article, parsed)), parsed


def _names(res: Resolution, mention: Mention | None) -> tuple[str, ...] | None:
    e = res.entity(mention)
    return (e.name, *e.aliases) if e is not None else None


def predicted_groups(
    cdoc: CorpusDoc, res: Resolution
) -> tuple[list[Group], list[tuple[str, ...] | None], list[str]]:
    """A document's resolved quotes as corpus groups, with each group's speaker entity
    (name and aliases; the relaying source's for the second group of a relayed quotation)
    and the rule that made it."""
    groups: list[Group] = []
    entities: list[tuple[str, ...] | None] = []
    rules: list[str] = []
    for q in res.extraction.quotes:
        for k, g in enumerate(quote_groups(q, cdoc.text, cdoc.tokens)):
            if g.roles["quote"]:
                groups.append(g)
                entities.append(_names(res, q.via if k else q.speaker))
                rules.append(q.rule)
    return groups, entities, rules


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
    for n, (cdoc, res, parsed) in enumerate(predict(docs, nlp), start=1):
        pred, entities, rules = predicted_groups(cdoc, res)
        gold = gold_groups(cdoc)
        scored.append((pred, gold))
        _tally(tally, cdoc, pred, gold, parsed, entities, rules)
        if export_dir is not None:
            target = export_dir / f"{_safe_name(cdoc.id)}.json"
            target.write_text(
                json.dumps(corpus_json(cdoc, pred), ensure_ascii=False, indent=1), encoding="utf-8"
            )
        if progress is not None:
            progress(n, len(docs))
    return Report(
        scores=score(scored),
        figures=_figures(tally, len(docs)),
        documents=len(docs),
        speakers=tally.entities.figures(),
    )


__all__ = [
    "Figures",
    "Report",
    "WrongQuote",
    "corpus_json",
    "evaluate",
    "gold_groups",
    "predicted_groups",
    "quote_group",
    "quote_groups",
]
