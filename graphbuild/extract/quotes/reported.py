"""Reported speech ('X kritisierte den Plan') and free indirect speech (Konjunktiv
sentences that continue a report; the speaker carries over).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from graphbuild.extract.quotes.attribution import (
    oblique,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    cue_at,
    is_konjunktiv,
)
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
)
from graphbuild.extract.quotes.spans import trim_chars
from graphbuild.extract.text import doc_text
from graphbuild.types import Quote


def reported_quotes(ctx: Context, taken: Sequence[tuple[int, int]]) -> list[Quote]:
    """'X kritisierte den Plan': a reported-speech verb with a subject and an object."""
    if not ctx.parsed:
        return []
    doc, text = ctx.doc, doc_text(ctx.doc)
    out = []
    for sent in doc.sents:
        if not ctx.content(sent.start_char) or any(
            s < sent.end_char and sent.start_char < e for s, e in taken
        ):
            continue
        root = sent.root
        cue = cue_at(root, ctx)
        if cue is None or cue.verb is None or sent.text.rstrip().endswith("?"):
            continue
        if any(c.dep_ in {"aux:pass", "nsubj:pass", "expl"} for c in root.children):
            continue  # "wurde abgelehnt": a passive names no speaker
        if cue.verb.reported == "no" or any(
            c.dep_ == "obj" and c.lower_ in {"sich", "mich", "uns"} for c in root.children
        ):
            continue  # "meldete sich": reflexive use is no speech act
        objects = [c for c in root.children if c.dep_ in {"obj", "dobj", "obl", "iobj", "xcomp"}]
        if cue.verb.reported != "yes":
            # the verb reports speech only with its preposition ("sprach von …")
            preps = set(cue.verb.reported.split(","))
            objects = [
                o
                for o in objects
                if any(c.lower_ in preps for c in o.children if c.dep_ in {"case", "prep"})
            ]
        if not objects:
            continue
        subj = subject_token(root)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN", "PRON"}:
            continue
        if oblique(subj):
            continue  # a misparsed object ("verurteilte ihn"), not the speaker
        if subj.lower_ in {"dies", "das", "es", "dieses", "this", "it"}:
            continue
        body = trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
        if body is None:
            continue
        speaker = speaker_from_head(subj, [root], [], ctx.mentions, ctx.sents)
        out.append(
            Quote(
                start=body[0],
                end=body[1],
                text=text[body[0] : body[1]],
                kind="indirect",
                type="reported",
                speaker=speaker.mention,
                cue=root.text,
                cue_span=(root.idx, root.idx + len(root)),
                cue_spans=cue.spans,
                **addressee_fields(addressee_of(ctx, cue, sent)),
                spans=(body,),
                sent=ctx.sent_no(body[0]),
                rule="quote.reported.verb",
                confidence=0.5,
                speaker_phrase=speaker.phrase,
                frame=(),
                medium=cue.verb.medium,
            )
        )
    return out


# ---------------------------------------------------------------- free indirect speech


def _main_finite(sent: Span) -> list[Token]:
    root = sent.root
    cands = [root, *(c for c in root.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    return [t for t in cands if t.pos_ in {"VERB", "AUX"}]


def _reportive_sollen(sent: Span, main: Sequence[Token]) -> bool:
    """Reportive "sollen": sollen + perfect infinitive ("soll … angegriffen haben").

    Only with a perfect infinitive does "sollen" report a claim (Duden-Grammatik § 823);
    "sie sollen helfen" is an obligation or plan, not reported speech.
    """
    if not any(t.lemma_.lower() == "sollen" or t.lower_ in {"soll", "sollen"} for t in main):
        return False
    for t in sent:
        if t.lower_ in {"haben", "sein"} and t.i > sent.start:
            prev = t.doc[t.i - 1]
            if "Part" in prev.morph.get("VerbForm") or prev.lower_ == "worden":
                return True
    return False


def free_indirect_quotes(ctx: Context, reports: Sequence[Quote]) -> list[Quote]:
    """Konjunktiv sentences continuing a report; the speaker carries over."""
    if ctx.lang != "de":
        return []
    doc, text = ctx.doc, doc_text(ctx.doc)
    by_end = sorted((q for q in reports if q.speaker is not None), key=lambda q: q.end)
    covered = [(s, e) for q in reports for s, e in (q.spans or ((q.start, q.end),))]
    indirect_spans = [(q.start, q.end) for q in reports if q.kind == "indirect"]
    out: list[Quote] = []
    last: Quote | None = None
    gap = 0
    k = 0
    for sent in doc.sents:
        while k < len(by_end) and by_end[k].end <= sent.end_char:
            last, gap = by_end[k], 0
            k += 1
        if not ctx.content(sent.start_char):
            last = None
            continue
        # A sentence that is mostly an extracted quote already is not repeated; one that
        # only embeds a quoted phrase ("Sie seien „so gut wie jeder andere“.") still counts.
        inside_chars = sum(
            max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in covered
        )
        if inside_chars > 0.6 * max(1, sent.end_char - sent.start_char):
            continue
        if any(s <= sent.start_char < e or s < sent.end_char - 1 <= e for s, e in indirect_spans):
            continue
        if ctx.parsed:
            main = _main_finite(sent)
            konj = any(is_konjunktiv(t) for t in main)
            # reportive "sollen" alone needs a perfect infinitive; continuing a report, any
            # "sollen" reports the plan or claim of that speaker
            sollen = _reportive_sollen(sent, main) or (
                last is not None and any(t.lemma_.lower() == "sollen" for t in main)
            )
        else:
            konj = any(is_konjunktiv(t) for t in sent[:8])
            sollen = False
        if not (konj or sollen) or (last is None and not sollen):
            gap += 1
            if gap > 1:
                last = None
            continue
        body = trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
        if body is None:
            continue
        rule = "quote.free_indirect.konjunktiv" if konj else "quote.free_indirect.sollen"
        prev = out[-1] if out else None
        if (
            prev is not None
            and last is prev
            and gap == 0
            and prev.rule == "quote.free_indirect.konjunktiv"
            and konj
            and "\n" not in text[prev.end : body[0]]
        ):
            # consecutive Konjunktiv sentences of one report form one quote
            merged = replace(prev, end=body[1], text=text[prev.start : body[1]])
            merged = replace(merged, spans=((merged.start, merged.end),))
            out[-1] = merged
            last = merged
            continue
        q = Quote(
            start=body[0],
            end=body[1],
            text=text[body[0] : body[1]],
            kind="indirect",
            type="free_indirect",
            speaker=last.speaker if last else None,
            cue=None,
            spans=(body,),
            sent=ctx.sent_no(body[0]),
            rule=rule,
            confidence=0.55 if last else 0.3,
            speaker_phrase=last.speaker_phrase if last else None,
            medium=last.medium if last else "speech",
        )
        out.append(q)
        if last is not None and konj:
            last, gap = q, 0
    return out
