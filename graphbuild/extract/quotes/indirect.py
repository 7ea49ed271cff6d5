"""Indirect speech: the clausal complement of a speech verb, and statements attributed
by "laut X", "X zufolge", "nach Angaben von X", "wie X mitteilte".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token

from graphbuild.extract.quotes.attribution import (
    frame_run,
    inside,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    cue_at,
    is_konjunktiv,
)
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
    sources_in,
    speaker_of,
)
from graphbuild.extract.quotes.spans import clean_parts, span_tokens, subtract, trim_chars
from graphbuild.extract.text import doc_text
from graphbuild.types import Quote

_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "oc", "xcomp", "csubj"})
_SUBORDINATORS = frozenset({"dass", "daß", "ob", "that", "whether", "if"})


def _clause_range(tok: Token, exclude: Sequence[Token]) -> tuple[int, int]:
    """Char range of a clause head's subtree, without the given subtrees at its edges."""
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    for x in exclude:
        xlo, xhi = x.left_edge.i, x.right_edge.i + 1
        if xlo <= lo < xhi:
            lo = xhi
        if xlo < hi <= xhi:
            hi = xlo
    doc = tok.doc
    if lo >= hi:
        return tok.idx, tok.idx + len(tok)
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


def _complement(ctx: Context, cue: Cue) -> tuple[Token, str] | None:
    """The reported clause of a cue verb and how it is marked (dass/konj/zu/that/v2).

    Parsers label the reported clause ``ccomp``, ``parataxis``, ``xcomp`` or, wrongly but
    often, ``advcl``; an ``advcl`` counts only when it is a dass/ob-clause or comma-separated
    without another subordinator (weil, wenn, nachdem … introduce no reported speech).
    """
    tok = cue.token
    doc = tok.doc
    for c in tok.children:
        if c.dep_ not in _COMPLEMENT_DEPS and c.dep_ not in {"advcl", "dep"}:
            continue
        if c.pos_ not in {"VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON"}:
            continue
        marks = {m.lower_ for m in c.children if m.dep_ in {"mark", "cp"}}
        if marks & _SUBORDINATORS:
            return c, "dass"
        if marks - {"zu", "to"}:
            continue  # weil, wenn, als, nachdem, um: no reported speech
        lo, hi = c.left_edge.i, c.right_edge.i
        separated = (
            (lo > 0 and doc[lo - 1].text in {",", ":"})
            or doc[lo].text in {",", ":"}
            or (hi < tok.i and doc[hi].text == ",")
            or (hi + 1 < tok.i and doc[hi + 1].text == ",")
        )
        sub = [c, *(a for a in c.children if a.dep_ in {"aux", "aux:pass", "cop"})]
        if any(is_konjunktiv(t) for t in sub) and (separated or c.dep_ in _COMPLEMENT_DEPS):
            return c, "konj"
        zu_inf = "zu" in marks or re.fullmatch(r"\w+zu\w+en", c.lower_) is not None
        if zu_inf and c.i > tok.i and (separated or c.dep_ in {"xcomp", "oc", "ccomp"}):
            return c, "zu"  # "bestätigte, mit X gesprochen zu haben"
        if c.dep_ in {"xcomp", "oc"}:
            continue
        if ctx.lang == "en" and c.dep_ == "ccomp":
            return c, "that"
        finite = any("Fin" in t.morph.get("VerbForm") for t in sub)
        if c.dep_ in {"ccomp", "oc", "parataxis"} and finite and separated:
            return c, "v2"
    # "Er sei krank, sagte X": the reporting clause hangs off the reported one
    if tok.dep_ in {"parataxis", "ccomp"} and tok.head is not tok:
        h = tok.head
        sub = [h, *(a for a in h.children if a.dep_ in {"aux", "aux:pass", "cop"})]
        before = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        if (
            h.i < tok.i
            and before is not None
            and before.text in {",", "“", "”", '"', "«", "»"}
            and h.i - h.left_edge.i >= 1
            and (ctx.lang == "en" or any(is_konjunktiv(t) for t in sub))
        ):
            return h, "inverted"
    return None


def _surface_complement(ctx: Context, cue: Cue) -> tuple[int, int, str] | None:
    """Without a parse: "sagte, dass …" / "sagte, er sei …" up to the end of the sentence."""
    tok = cue.token
    sent = tok.sent
    j = tok.i + 1
    while j < sent.end and j - tok.i <= 6 and _token_text_at(tok, j) != ",":
        j += 1
    if j >= sent.end or _token_text_at(tok, j) != ",":
        return None
    body = tok.doc[j + 1 : sent.end]
    if not len(body):
        return None
    first = body[0].lower_
    if first in _SUBORDINATORS:
        return body.start_char, body.end_char, "dass"
    if any(is_konjunktiv(t) for t in body[:6]):
        return body.start_char, body.end_char, "konj"
    return None


def _token_text_at(tok: Token, j: int) -> str:
    return tok.doc[j].text


def indirect_quotes(ctx: Context, taken: Sequence[tuple[int, int]]) -> list[Quote]:
    doc, text = ctx.doc, doc_text(ctx.doc)
    out: list[Quote] = []
    for sent in doc.sents:
        if not ctx.content(sent.start_char) or (
            inside(sent.start_char, taken) and inside(sent.end_char - 1, taken)
        ):
            continue
        # verbs of saying with a clausal complement
        for tok in sent:
            if inside(tok.idx, taken):
                continue
            cue = cue_at(tok, ctx)
            if cue is None:
                continue
            as_clause = ctx.parsed and any(
                c.dep_ == "mark" and c.lower_ in {"wie", "as"} for c in tok.children
            )
            if as_clause and tok.head is not tok:
                # "Wie die Polizei mitteilte, wurden zwei Menschen verletzt": the main
                # clause is what was said; the wie-clause is the frame
                rep = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
                s, e = sent.start_char, sent.end_char
                holes = [(rep.start_char, rep.end_char)]
                how = "wie"
            elif ctx.parsed:
                comp = _complement(ctx, cue)
                if comp is None:
                    # the parse found no complement: the plain pattern "sagte, dass …" /
                    # "sagte, er sei …" after the cue still marks reported speech
                    sc = _surface_complement(ctx, cue)
                    if sc is None:
                        continue
                    s, e, how = sc
                    how = "surface-" + how
                    holes = []
                    comp = None
                clause, how = comp if comp is not None else (tok, how)
                if comp is not None:
                    holes = []
                    s, e = _clause_range(clause, [])
                if how == "inverted":
                    # "Er sei krank, sagte X." — cut the reporting clause out of the content
                    rep = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
                    holes.append((rep.start_char, rep.end_char))
            else:
                sc = _surface_complement(ctx, cue)
                if sc is None:
                    continue
                s, e, how = sc
                holes = []
            e = _extend_over_quotes(text, e, taken, sent.end_char)
            parts = clean_parts(text, subtract((s, e), holes))
            if not parts:
                continue
            if _mostly_quoted(text, parts, taken):
                continue  # the complement is a direct quote already
            first = span_tokens(doc, parts[0][0], parts[0][0] + 1)
            if first is not None and "Rel" in first[0].morph.get("PronType") and how == "v2":
                continue  # a relative clause ("…, der …"), not what was said
            speaker = speaker_of(ctx, cue, [])
            run = frame_run(sent, tok, list(parts))
            out.append(
                Quote(
                    start=parts[0][0],
                    end=parts[-1][1],
                    text=" ".join(text[a:b] for a, b in parts),
                    kind="indirect",
                    type="indirect",
                    speaker=speaker.mention if speaker else None,
                    cue=tok.text,
                    cue_span=(tok.idx, tok.idx + len(tok)),
                    cue_spans=cue.spans,
                    **addressee_fields(addressee_of(ctx, cue, sent)),
                    spans=parts,
                    sent=ctx.sent_no(parts[0][0]),
                    rule=f"quote.indirect.{how}",
                    confidence=0.75 if speaker else 0.4,
                    speaker_phrase=speaker.phrase if speaker else None,
                    frame=(run,) if run else (),
                    medium=cue.verb.medium if cue.verb else "speech",
                )
            )
        # "laut X", "X zufolge", "nach Angaben von X", "according to X"
        for cue, spk, frame in sources_in(ctx, sent, taken):
            body = trim_chars(text, sent.start_char, sent.end_char)
            if body is None:
                continue
            parts = clean_parts(text, subtract(body, [frame]))
            if cue.token.lower_ == "so":
                parts = tuple(p for p in parts if p[1] <= frame[0])  # what precedes ", so X"
            if not parts or sum(b - a for a, b in parts) < 12 or _mostly_quoted(text, parts, taken):
                continue
            out.append(
                Quote(
                    start=parts[0][0],
                    end=parts[-1][1],
                    text=" ".join(text[a:b] for a, b in parts),
                    kind="indirect",
                    type="indirect",
                    speaker=spk.mention,
                    cue=cue.token.text,
                    cue_span=cue.spans[0],
                    cue_spans=cue.spans,
                    spans=parts,
                    sent=ctx.sent_no(parts[0][0]),
                    rule="quote.indirect.source",
                    confidence=0.7,
                    speaker_phrase=spk.phrase,
                    frame=(frame,),
                    medium="speech",
                )
            )
    return _dedupe(out)


def _mostly_quoted(
    text: str, parts: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]
) -> bool:
    """True when a clause is a direct quotation already: it starts with the quotation and
    is mostly quoted. A clause that only embeds a quotation ("Das Buch sei eine „…“") is not.
    """
    if not any(qs - 2 <= parts[0][0] <= qs + 1 for qs, _ in taken):
        return False
    total = sum(e - s for s, e in parts)
    quoted = sum(max(0, min(e, qe + 1) - max(s, qs - 1)) for s, e in parts for qs, qe in taken)
    return quoted > 0.6 * total


def _extend_over_quotes(text: str, end: int, taken: Sequence[tuple[int, int]], limit: int) -> int:
    """Extend a reported clause over a quotation that continues it ("seien „…“").

    Parsers often attach an embedded quotation elsewhere, so the clause would stop at its
    opening mark although the quoted words are part of what was reported.
    """
    for _ in range(4):
        gap_end = end
        while gap_end < limit and text[gap_end] in " \u00a0":
            gap_end += 1
        nxt = next((q for q in taken if gap_end <= q[0] <= gap_end + 1 and q[1] <= limit), None)
        if nxt is None:
            return end
        end = nxt[1] + (1 if nxt[1] < len(text) and text[nxt[1]] in "“”\"«»‘’'" else 0)
    return end


def _dedupe(found: list[Quote]) -> list[Quote]:
    """One quote per reported clause: a complement nested in another one's span keeps the outer."""
    found.sort(key=lambda q: (q.start, -q.end))
    out: list[Quote] = []
    for q in found:
        if any(o.start <= q.start and q.end <= o.end and o.speaker == q.speaker for o in out):
            continue
        out.append(q)
    return out
