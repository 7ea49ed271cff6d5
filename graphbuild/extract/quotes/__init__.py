"""Who said what: direct, indirect, free indirect and reported speech, with speaker, cue and addressee.

``quotes(doc, mentions, sents)`` yields one ``Quote`` per statement, in text order:

- **direct**: text between quotation marks (``marks.py``), attributed through a speech verb in
  the surrounding clause ("…", sagte X / X sagte: "…"), ", so X" or "laut X". A quote
  interrupted by its cue („Wir“, sagte er, „schaffen das“) is one Quote with two spans.
  Quoted fragments without any cue that are not clauses ("Titel", scare quotes) are skipped.
- **indirect**: the clausal complement of a speech verb — a dass/ob-clause, a verb-second
  clause (usually Konjunktiv I), a zu-infinitive ("bestätigte, … gesprochen zu haben") or an
  English that-clause — and statements attributed by "laut X", "X zufolge", "nach Angaben
  von X", "according to X", "wie X mitteilte".
- **free_indirect**: a sentence in Konjunktiv (or with reportive "sollen") that continues a
  report without a cue of its own; the speaker carries over from the report it continues.
  German grammar: Konjunktiv I alone marks reported speech (Duden-Grammatik § 757).
- **reported**: a speech act summarised with an object ("X kritisierte den Plan", "X forderte
  Neuwahlen"), for verbs marked ``reported`` in ``speech_verbs.<lang>.tsv``.

``kind`` is "direct" for direct quotes and "indirect" for the other three. Headings and
boilerplate lines never produce quotes. Design notes and measured quality: ``docs/quotes.md``.

Example:
    >>> from graphbuild.nlp import load_pipeline  # doctest: +SKIP
    >>> doc = load_pipeline("en")('"We will win," Smith said.')  # doctest: +SKIP
    >>> [(q.text, q.speaker.text) for q in quotes(doc, [], [])]  # doctest: +SKIP
    [('We will win', 'Smith')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.mentions import sentence_index
from graphbuild.extract.quotes.attribution import (
    SUBJECT_DEPS,
    Speaker,
    addressee_token,
    frame_run,
    has_parse,
    inside,
    mention_for,
    nearest_speaker,
    oblique,
    phrase_of,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.lexicon import (
    SpeechVerb,
    cue_phrases,
    konjunktiv_forms,
    speech_verbs,
)
from graphbuild.extract.quotes.marks import MarkedQuote, marked_quotes
from graphbuild.extract.text import doc_text
from graphbuild.types import Mention, Quote, Sentence

__all__ = ["quotes"]

_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "oc", "xcomp", "csubj"})
_SUBORDINATORS = frozenset({"dass", "daß", "ob", "that", "whether", "if"})
_PARTICLE_DEPS = frozenset({"compound:prt", "svp", "prt"})
# Between the halves of a split quotation: closing mark, comma, a short cue clause, comma,
# opening mark („…“, sagte er, „…“ / "…," he said, "…").
_SPLIT_GAP = re.compile(r",?[“”\"«»‘’']?\s*,?\s*[^\W\d][^.!?;:\n\"„“”«»]{0,50},\s*[„“\"»«‚‘']")


@dataclass(frozen=True, slots=True)
class _Cue:
    token: Token
    verb: SpeechVerb | None
    spans: tuple[tuple[int, int], ...]


@dataclass
class _Ctx:
    doc: Doc
    mentions: Sequence[Mention]
    sents: Sequence[Sentence]
    parsed: bool
    lang: str

    def sentence(self, char: int) -> Sentence | None:
        if not self.sents:
            return None
        return self.sents[sentence_index(self.sents, char)]

    def content(self, char: int) -> bool:
        """False inside headings and boilerplate lines."""
        s = self.sentence(char)
        return s is None or not (s.is_heading or s.is_boilerplate)

    def sent_no(self, char: int) -> int:
        return sentence_index(self.sents, char) if self.sents else 0


# ---------------------------------------------------------------- cue verbs


def _particle(tok: Token) -> Token | None:
    """The separated verb particle of a verb ("kündigte … an", "gab … bekannt").

    Parsers label it ``compound:prt``; a particle that is also an adjective or adverb
    ("bekannt", "fest") is often mislabelled, so a later child that is one of the particles
    the lexicon knows for this verb form counts too.
    """
    for c in tok.children:
        if c.dep_ in _PARTICLE_DEPS:
            return c
    known = {v.particle for v in speech_verbs(tok.doc.lang_).by_form.get(tok.lower_, ())}
    known.discard("")
    for c in tok.children:
        if c.i > tok.i and c.lower_ in known and c.dep_ in {"xcomp", "advmod", "obl", "compound"}:
            return c
    return None


def _cue(tok: Token, ctx: _Ctx) -> _Cue | None:
    """The speech-verb cue a token is, with all its parts (aux, particle) as spans."""
    if tok.is_punct or not tok.text[:1].isalpha():
        return None
    if ctx.parsed and tok.pos_ not in {"VERB", "AUX", ""} and tok.pos_ != "X":
        return None
    lex = speech_verbs(ctx.lang)
    prt = _particle(tok) if ctx.parsed else None
    if prt is None and not ctx.parsed:
        prt = _surface_particle(tok)
    # With a separated particle the verb is another one ("nimmt … an" is not "nehmen"): no
    # retry without it.
    verb = lex.lookup(tok.text, tok.lemma_, prt.lower_ if prt is not None else "")
    if verb is None and prt is not None and prt.pos_ != "ADP":
        verb = lex.lookup(tok.text, tok.lemma_)
        prt = None
    if verb is None:
        return None
    parts = [tok]
    if prt is not None:
        parts.append(prt)
    if ctx.parsed:
        parts += [c for c in tok.children if c.dep_ in {"aux", "aux:pass"} and c.i < tok.i]
    spans = tuple(sorted((t.idx, t.idx + len(t)) for t in parts))
    return _Cue(tok, verb, spans)


def _surface_particle(tok: Token) -> Token | None:
    """Without a parse: a particle closing the clause after the verb ("gab … bekannt,")."""
    lex = speech_verbs(tok.doc.lang_)
    cands = {v.particle for v in lex.by_form.get(tok.lower_, ()) if v.particle}
    if not cands:
        return None
    for t in tok.doc[tok.i + 1 : min(tok.i + 15, len(tok.doc))]:
        if t.is_sent_start or t.text in {",", ":", ";", "."}:
            break
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if t.lower_ in cands and (nxt is None or nxt.is_punct):
            return t
    return None


def _is_konjunktiv(tok: Token) -> bool:
    """Konjunktiv: the tagger's Mood=Sub, a listed form, or a 3rd-person form in -e.

    German Konjunktiv I of the 3rd person singular is stem + e ("ändere", "gelte",
    "nehme"), the indicative stem + t; so a finite verb in -e (not the past -te) whose
    subject is not "ich" is Konjunktiv I (Duden-Grammatik § 749).
    """
    if "Sub" in tok.morph.get("Mood"):
        return True
    if tok.lower_ in konjunktiv_forms(tok.doc.lang_):
        return True
    if tok.doc.lang_ != "de" or tok.pos_ not in {"VERB", "AUX"}:
        return False
    if "Ind" in tok.morph.get("Mood") and "1" not in tok.morph.get("Person"):
        return False  # a tagger's "1st person indicative" for "ändere" is checked below
    if not tok.lower_.endswith("e") or tok.lower_.endswith("te") or len(tok) < 4:
        return False
    if "Fin" not in tok.morph.get("VerbForm") and tok.morph.get("VerbForm"):
        return False
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubj:pass", "expl"}), None)
    if subj is None and tok.dep_ in {"aux", "aux:pass", "cop"}:
        subj = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
    return subj is not None and subj.lower_ not in {"ich", "sie", "wir"}


def _finite_verbs(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm")]


# ---------------------------------------------------------------- helpers


def _trim_chars(text: str, s: int, e: int, keep_final: bool = False) -> tuple[int, int] | None:
    """Strip whitespace, and commas/colons (and final punctuation unless kept) at the edges."""
    strip_end = " \t\n\u00a0,;:–—-" + ("" if keep_final else ".!?")
    while s < e and text[s] in " \t\n\u00a0,;:–—-":
        s += 1
    while e > s and text[e - 1] in strip_end:
        e -= 1
    return (s, e) if e > s else None


def _span_tokens(doc: Doc, s: int, e: int) -> Span | None:
    return doc.char_span(s, e, alignment_mode="expand")


def _subtract(span: tuple[int, int], holes: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    parts = [span]
    for hs, he in sorted(holes):
        nxt = []
        for s, e in parts:
            if he <= s or hs >= e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs))
            if he < e:
                nxt.append((he, e))
        parts = nxt
    return parts


def _clean_parts(
    text: str, parts: Sequence[tuple[int, int]], keep_final: bool = False
) -> tuple[tuple[int, int], ...]:
    out = []
    for k, (s, e) in enumerate(parts):
        t = _trim_chars(text, s, e, keep_final=keep_final and k == len(parts) - 1)
        if t is not None and any(ch.isalnum() for ch in text[t[0] : t[1]]):
            out.append(t)
    return tuple(out)


# ---------------------------------------------------------------- direct quotes


def _looks_like_statement(text: str) -> bool:
    """A quoted clause rather than a title or scare-quoted term: several words and a verb-like end."""
    words = text.split()
    return len(words) >= 4 and (text.rstrip()[-1:] in ".!?…" or len(words) >= 8)


def _direct(ctx: _Ctx) -> list[Quote]:
    text = doc_text(ctx.doc)
    found = [q for q in marked_quotes(text) if ctx.content(q.start)]
    all_spans = [s for q in found for s in q.spans]
    out: list[Quote] = []
    for mq in found:
        out.append(_attribute_direct(ctx, mq, all_spans))
    return _merge_split(ctx, out)


def _quote_sentences(ctx: _Ctx, mq: MarkedQuote) -> list[Span]:
    doc = ctx.doc
    sents = []
    for sent in doc.sents:
        if sent.end_char <= mq.start - 1 or sent.start_char >= mq.end + 1:
            continue
        sents.append(sent)
    if sents:
        first = sents[0]
        # "X sagte:" may be split off as its own sentence before the quote
        before = doc_text(doc)[: mq.start - 1].rstrip()
        if before.endswith(":") and first.start > 0 and first.start_char >= mq.start - 2:
            prev = doc[first.start - 1].sent
            sents.insert(0, prev)
    return sents


def _cues_in(
    ctx: _Ctx, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> list[_Cue]:
    cues = []
    for sent in sents:
        for tok in sent:
            if inside(tok.idx, quote_spans):
                continue
            c = _cue(tok, ctx)
            if c is not None:
                cues.append(c)
    return cues


def _so_cue(
    ctx: _Ctx, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[_Cue, Speaker] | None:
    """'„…“, so X.' — the attribution particle "so" right after a quotation."""
    doc = ctx.doc
    m = re.match(r"\s*[“”\"«»‘’']?\s*,?\s*(so)\s+", doc_text(doc)[mq.end : mq.end + 8])
    if not m:
        return None
    so_start = mq.end + m.start(1)
    span = _span_tokens(doc, so_start, so_start + 2)
    if span is None:
        return None
    so = span[0]
    end = so.i + 1
    while (
        end < len(doc)
        and not doc[end].is_sent_start
        and doc[end].text not in {".", ";", "!", "?", "„", "“"}
    ):
        end += 1
    if end - so.i - 1 < 1 or end - so.i - 1 > 12:
        return None
    if ctx.parsed and _finite_verbs(doc[so.i + 1 : end]):
        return None
    phrase = (doc[so.i + 1].idx, doc[end - 1].idx + len(doc[end - 1]))
    head = doc[so.i + 1 : end].root if ctx.parsed else doc[end - 1]
    mention = mention_for(head, phrase, ctx.mentions, ctx.sents)
    cue = _Cue(so, None, ((so.idx, so.idx + len(so)),))
    return cue, Speaker(mention, phrase)


def _attribute_direct(ctx: _Ctx, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]) -> Quote:
    text = doc_text(ctx.doc)
    spans = tuple(_trim_chars(text, s, e, keep_final=True) or (s, e) for s, e in mq.spans)
    spans = tuple((s, e - 1) if text[e - 1] == "," else (s, e) for s, e in spans)
    body = " ".join(text[s:e] for s, e in spans)
    sents = _quote_sentences(ctx, mq)
    cue: _Cue | None = None
    speaker: Speaker | None = None
    rule = "direct"
    so = _so_cue(ctx, mq, all_spans)
    if so is not None:
        cue, speaker = so
        rule = "direct.so"
    else:
        cues = _cues_in(ctx, sents, all_spans)
        governing = _governing_cue(ctx, spans, all_spans) if ctx.parsed else None
        if governing is not None:
            cue = governing
            speaker = _speaker_of(ctx, cue, all_spans)
            rule = "direct.governing-verb"
        elif cues:
            cue = min(
                cues, key=lambda c: min(abs(c.token.idx - mq.start), abs(c.token.idx - mq.end))
            )
            speaker = _speaker_of(ctx, cue, all_spans)
            rule = "direct.verb"
        else:
            src = _source_phrase(ctx, sents, all_spans)
            if src is not None:
                cue, speaker = src
                rule = "direct.source"
    frame: tuple[tuple[int, int], ...] = ()
    addressee: Speaker | None = None
    if cue is not None:
        sent = cue.token.sent
        run = frame_run(sent, cue.token, all_spans)
        frame = (run,) if run else ()
        addressee = _addressee(ctx, cue, sent)
    confidence = 0.9 if speaker and cue else 0.6 if cue else 0.3
    return Quote(
        start=spans[0][0],
        end=spans[-1][1],
        text=body,
        kind="direct",
        type="direct",
        speaker=speaker.mention if speaker else None,
        cue=cue.token.text if cue else None,
        cue_span=(cue.token.idx, cue.token.idx + len(cue.token)) if cue else None,
        cue_spans=cue.spans if cue else (),
        **_addressee_fields(addressee),
        spans=spans,
        sent=ctx.sent_no(spans[0][0]),
        rule=f"quote.{rule}",
        confidence=confidence,
        speaker_phrase=speaker.phrase if speaker else None,
        frame=frame,
        medium=cue.verb.medium if cue and cue.verb else "speech",
    )


def _governing_cue(
    ctx: _Ctx, spans: Sequence[tuple[int, int]], all_spans: Sequence[tuple[int, int]]
) -> _Cue | None:
    """The speech verb the quotation depends on in the parse (its complement or object).

    'The minister said he had a "constructive meeting"' → "said": a quoted fragment inside reported
    speech belongs to the speaker of that speech, not to the nearest other verb.
    """
    span = _span_tokens(ctx.doc, spans[0][0], spans[0][1])
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(12):
        if tok.head is tok:
            return None
        child, tok = tok, tok.head
        if inside(tok.idx, all_spans) or child.dep_ in SUBJECT_DEPS:
            continue  # a quoted subject ("one meeting" does not answer …) is not what is said
        cue = _cue(tok, ctx)
        if cue is not None:
            return cue
    return None


def _merge_split(ctx: _Ctx, found: list[Quote]) -> list[Quote]:
    """„Wir“, sagte er, „schaffen das“ → one quote with two spans; drop unattributed fragments."""
    text = doc_text(ctx.doc)
    out: list[Quote] = []
    for q in found:
        prev = out[-1] if out else None
        if prev is not None and prev.cue_span is not None:
            gap = text[prev.end : q.start]
            if (
                _SPLIT_GAP.fullmatch(gap)
                and prev.cue_span[0] >= prev.end
                and prev.cue_span[1] <= q.start
                and (prev.speaker is None or prev.end <= prev.speaker.start < q.start)
                and not re.search(r"[.!?;]$", text[prev.start : prev.end].rstrip())
            ):
                out[-1] = replace(
                    prev,
                    end=q.end,
                    text=prev.text + " " + q.text,
                    spans=prev.spans + q.spans,
                    rule=prev.rule + "+split",
                )
                continue
        out.append(q)
    # A cue-less, speaker-less quoted fragment is a title or a scare quote, not a statement;
    # a quoted name ("der Sender „Silverbird“") is not a statement even next to a cue.
    return [
        q
        for q in out
        if (q.cue_span is not None or _looks_like_statement(q.text)) and not _name_like(ctx, q)
    ]


def _name_like(ctx: _Ctx, q: Quote) -> bool:
    """A quoted name or title, not a statement: „Al Jazeera“, der Sender „Silverbird“.

    With a tagger: the quoted words are names (PROPN or a named entity) or stand in apposition
    to a noun. Quoted common nouns („Papiertiger“, „haltlos“) remain quotes. Without one:
    several words, all capitalised.
    """
    words = q.text.split()
    if len(words) > 5 or len(q.spans) > 1 or not words:
        return False
    span = _span_tokens(ctx.doc, q.start, q.end)
    if span is None:
        return False
    content = [t for t in span if not t.is_punct]
    if not content:
        return True
    if ctx.parsed:
        if any(t.pos_ in {"VERB", "AUX"} for t in content):
            return False
        named = sum(1 for t in content if t.pos_ == "PROPN" or t.ent_type_)
        if named * 2 > len(content):
            return True
        return span.root.dep_ in {"appos", "flat", "flat:name", "compound"} and all(
            t.text[:1].isupper() for t in content
        )
    return len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _speaker_of(ctx: _Ctx, cue: _Cue, quote_spans: Sequence[tuple[int, int]]) -> Speaker | None:
    tok = cue.token
    if ctx.parsed:
        subj = subject_token(tok)
        if subj is not None and not inside(subj.idx, quote_spans):
            return speaker_from_head(subj, [tok], quote_spans, ctx.mentions, ctx.sents)
        if subj is not None or tok.dep_ in {"advcl", "xcomp", "acl", "conj"}:
            return None  # a subject inside the quote, or a non-finite clause: don't guess
    sent = tok.sent
    region = frame_run(sent, tok, quote_spans) or (sent.start_char, sent.end_char)
    return nearest_speaker(tok.idx, region, quote_spans, ctx.mentions)


def _addressee_fields(found: Speaker | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {"addressee": found.mention, "addressee_phrase": found.phrase}


def _addressee(ctx: _Ctx, cue: _Cue, sent: Span) -> Speaker | None:
    """The addressee as a mention plus its whole phrase (reuses the Speaker record)."""
    if not ctx.parsed:
        return None
    acc = cue.verb is not None and cue.verb.addressee == "acc"
    tok = addressee_token(cue.token, sent, accusative=acc)
    if tok is None:
        return None
    phrase = phrase_of(tok, [cue.token], [])
    return Speaker(mention_for(tok, phrase, ctx.mentions, ctx.sents), phrase)


# ---------------------------------------------------------------- "laut X", "X zufolge"


def _source_phrase(
    ctx: _Ctx, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> tuple[_Cue, Speaker] | None:
    for sent in sents:
        for found in _sources_in(ctx, sent, quote_spans):
            return found[0], found[1]
    return None


def _sources_in(
    ctx: _Ctx, sent: Span, quote_spans: Sequence[tuple[int, int]]
) -> Iterator[tuple[_Cue, Speaker, tuple[int, int]]]:
    """Attribution phrases in a sentence: (cue, speaker, the frame span to cut out)."""
    doc = ctx.doc
    toks = [t for t in sent if not inside(t.idx, quote_spans)]
    lowered = [t.lower_ for t in toks]
    used: set[int] = set()
    for k in range(len(toks)):
        if k in used:
            continue
        for phrase, pos in cue_phrases(ctx.lang):
            if pos == "as" or tuple(lowered[k : k + len(phrase)]) != phrase:
                continue
            first, last = toks[k], toks[k + len(phrase) - 1]
            if pos == "so":
                found = _so_source(ctx, first, sent)
                if found is None:
                    continue
                spk, frame = found
            elif pos == "source":
                found = _nach_source(ctx, first, sent)
                if found is None:
                    continue
                spk, frame = found
            elif pos == "before":
                chunk = _chunk_after(ctx, last.i + 1, sent.end)
                if chunk is None:
                    continue
                lo, hi, head = chunk
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                spk = Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr)
                frame = (first.idx, phr[1])
            else:  # "after": X zufolge
                chunk = _chunk_before(ctx, first.i, sent.start)
                if chunk is None:
                    continue
                lo, hi, head = chunk
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                spk = Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr)
                frame = (phr[0], last.idx + len(last))
            used.update(range(k, k + len(phrase)))
            cue = _Cue(
                first, None, tuple((t.idx, t.idx + len(t)) for t in toks[k : k + len(phrase)])
            )
            yield cue, spk, frame
            break


# Determiners and possessives that open a noun phrase when the pipeline has no tagger.
_ARTICLES = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einem", "einer", "eines"}
    | {"einen", "sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem"}
    | {"eigener", "eigenen", "eigene", "the", "a", "an"}
)


def _np_kind(ctx: _Ctx, t: Token) -> str:
    """ "N" noun/name, "D" determiner, "A" adjective/number, "" not part of a noun phrase."""
    if ctx.parsed and t.pos_:
        if t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "X" and t.text[:1].isupper()):
            return "N"
        if t.pos_ == "DET" or (t.pos_ == "PRON" and "Poss=Yes" in str(t.morph)):
            return "D"
        return "A" if t.pos_ in {"ADJ", "NUM"} else ""
    if t.lower_ in _ARTICLES:
        return "D"
    if t.text[:1].isupper():
        return "N"
    return "A" if t.text[:1].isdigit() or t.lower_.endswith(("en", "er", "e", "es", "em")) else ""


def _chunk_after(ctx: _Ctx, i: int, end: int) -> tuple[int, int, Token] | None:
    """The noun phrase starting at token i: (start, end, head noun), with a genitive or
    "von" attribute and a name apposition ("Angaben des Ministeriums", "Sprecher Max Muster").
    """
    doc = ctx.doc
    genitive = {"des", "der", "eines", "einer", "von"}
    j, head = i, None
    while j < end and j - i < 14:
        t = doc[j]
        k = _np_kind(ctx, t)
        nxt = _np_kind(ctx, doc[j + 1]) if j + 1 < end else ""
        if head is None:
            if k == "N":
                head = t
            elif k not in {"D", "A"} and t.text != "-":
                break
        elif t.text == "(" and j + 2 < end and doc[j + 2].text == ")":
            j += 3  # an abbreviation in brackets: "der Vereinten Nationen (UN)"
            continue
        elif not (
            k == "N"
            or (t.lower_ in genitive and nxt in {"N", "D", "A"})
            or (k == "A" and nxt in {"N", "A"} and doc[j - 1].lower_ in genitive)
        ):
            break
        j += 1
    while j > i and _np_kind(ctx, doc[j - 1]) != "N":
        j -= 1
    if head is None or j <= i:
        return None
    return i, j, head


def _chunk_before(ctx: _Ctx, i: int, start: int) -> tuple[int, int, Token] | None:
    """The noun phrase ending just before token i ("Dem Bericht des Ministeriums zufolge")."""
    doc = ctx.doc
    j = i
    while j > start and i - j < 12:
        t = doc[j - 1]
        if _np_kind(ctx, t) or t.lower_ == "von" or t.text == "-":
            j -= 1
            continue
        break
    while j < i and _np_kind(ctx, doc[j]) == "":
        j += 1
    nouns = [t for t in doc[j:i] if _np_kind(ctx, t) == "N"]
    if not nouns:
        return None
    return j, i, nouns[0]


def _nach_source(ctx: _Ctx, nach: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ "nach Angaben der Polizei", "nach ersten Untersuchungen", "Zeugenaussagen nach"."""
    doc = ctx.doc
    nouns = words("quote_source_nouns", ctx.lang)

    def is_source(t: Token) -> bool:
        return any(t.lower_.endswith(n) for n in nouns)

    chunk = _chunk_after(ctx, nach.i + 1, sent.end) if nach.i + 1 < sent.end else None
    if chunk is not None:
        lo, hi, head = chunk
        core = [t for t in doc[lo:hi] if _np_kind(ctx, t) == "N"]
        if core and is_source(core[0]):
            phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
            inner = core[1] if len(core) > 1 else core[0]
            return Speaker(mention_for(inner, phr, ctx.mentions, ctx.sents), phr), (
                nach.idx,
                phr[1],
            )
    # postposition: "Celebis Angaben nach"
    if nach.i > sent.start and is_source(doc[nach.i - 1]):
        nxt = doc[nach.i + 1] if nach.i + 1 < sent.end else None
        if nxt is None or nxt.is_punct or nxt.pos_ in {"VERB", "AUX"}:
            back = _chunk_before(ctx, nach.i, sent.start)
            if back is not None:
                lo, hi, head = back
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                return Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr), (
                    phr[0],
                    nach.idx + len(nach),
                )
    return None


def _so_source(ctx: _Ctx, so: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ ", so X." closing a sentence: X is the source (Die Lage sei ernst, so der Minister.)."""
    doc = ctx.doc
    if so.i == sent.start or doc[so.i - 1].text != ",":
        return None
    end = so.i + 1
    while end < sent.end and doc[end].text not in {",", ";", ":", ".", "!", "?", "(", "„", "“"}:
        end += 1  # the source phrase ends at the next comma (", so X, die …")
    rest = doc[so.i + 1 : end]
    if not 1 <= len(rest) <= 14:
        return None
    truncated = rest[0].text.endswith("-") and rest[0].text[:1].isupper()  # "Kongress- und …"
    if (
        ctx.parsed
        and not truncated
        and rest[0].pos_ not in {"DET", "NOUN", "PROPN", "PRON", "NUM", "ADJ"}
    ):
        return None  # ", so dass …", ", so schnell …": no source follows
    if rest[0].lower_ in {"dass", "daß", "wie", "als", "weit", "lange"}:
        return None
    if ctx.parsed and _finite_verbs(rest):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} or t.text[:1].isupper() for t in rest):
        return None
    phrase = (rest.start_char, rest.end_char)
    nouns = [t for t in rest if t.pos_ in {"NOUN", "PROPN"}]
    head = (nouns[-1] if nouns else rest.root) if ctx.parsed else rest[-1]
    frame = (doc[so.i - 1].idx, rest.end_char)
    return Speaker(mention_for(head, phrase, ctx.mentions, ctx.sents), phrase), frame


def _np_head_after(ctx: _Ctx, last: Token, sent: Span) -> Token | None:
    doc = ctx.doc
    if ctx.parsed:
        # the noun whose "case" child is the preposition
        if (
            last.dep_ in {"case", "prep", "mark"}
            and last.head.i > last.i
            and last.head.pos_ in {"NOUN", "PROPN", "PRON", "X"}
        ):
            return last.head
        for c in last.children:
            if c.dep_ in {"pobj", "nmod", "obj"} and c.pos_ in {"NOUN", "PROPN", "PRON"}:
                return c
    # fallback: the last word of the noun phrase after the preposition
    j = last.i + 1
    head = None
    while j < sent.end and j - last.i <= 6:
        t = doc[j]
        if t.is_punct or (ctx.parsed and t.pos_ in {"VERB", "AUX", "ADP"} and head is not None):
            break
        if t.pos_ in {"NOUN", "PROPN"} or (not ctx.parsed and t.text[:1].isupper()):
            head = t
        elif head is not None and not ctx.parsed:
            break
        j += 1
    return head


def _np_head_before(ctx: _Ctx, first: Token, sent: Span) -> Token | None:
    doc = ctx.doc
    if ctx.parsed and first.dep_ in {"case", "prep"} and first.head.i < first.i:
        return first.head
    j = first.i - 1
    while j >= sent.start and doc[j].is_punct:
        j -= 1
    if j < sent.start:
        return None
    t = doc[j]
    return t if t.pos_ in {"NOUN", "PROPN", "PRON"} or t.text[:1].isupper() else None


# ---------------------------------------------------------------- indirect speech


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


def _complement(ctx: _Ctx, cue: _Cue) -> tuple[Token, str] | None:
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
        if any(_is_konjunktiv(t) for t in sub) and (separated or c.dep_ in _COMPLEMENT_DEPS):
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
            and (ctx.lang == "en" or any(_is_konjunktiv(t) for t in sub))
        ):
            return h, "inverted"
    return None


def _surface_complement(ctx: _Ctx, cue: _Cue) -> tuple[int, int, str] | None:
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
    if any(_is_konjunktiv(t) for t in body[:6]):
        return body.start_char, body.end_char, "konj"
    return None


def _token_text_at(tok: Token, j: int) -> str:
    return tok.doc[j].text


def _indirect(ctx: _Ctx, taken: Sequence[tuple[int, int]]) -> list[Quote]:
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
            cue = _cue(tok, ctx)
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
            parts = _clean_parts(text, _subtract((s, e), holes))
            if not parts:
                continue
            if _mostly_quoted(text, parts, taken):
                continue  # the complement is a direct quote already
            first = _span_tokens(doc, parts[0][0], parts[0][0] + 1)
            if first is not None and "Rel" in first[0].morph.get("PronType") and how == "v2":
                continue  # a relative clause ("…, der …"), not what was said
            speaker = _speaker_of(ctx, cue, [])
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
                    **_addressee_fields(_addressee(ctx, cue, sent)),
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
        for cue, spk, frame in _sources_in(ctx, sent, taken):
            body = _trim_chars(text, sent.start_char, sent.end_char)
            if body is None:
                continue
            parts = _clean_parts(text, _subtract(body, [frame]))
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


# ---------------------------------------------------------------- reported speech


def _reported(ctx: _Ctx, taken: Sequence[tuple[int, int]]) -> list[Quote]:
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
        cue = _cue(root, ctx)
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
        body = _trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
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
                **_addressee_fields(_addressee(ctx, cue, sent)),
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


def _free_indirect(ctx: _Ctx, reports: Sequence[Quote]) -> list[Quote]:
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
            konj = any(_is_konjunktiv(t) for t in main)
            # reportive "sollen" alone needs a perfect infinitive; continuing a report, any
            # "sollen" reports the plan or claim of that speaker
            sollen = _reportive_sollen(sent, main) or (
                last is not None and any(t.lemma_.lower() == "sollen" for t in main)
            )
        else:
            konj = any(_is_konjunktiv(t) for t in sent[:8])
            sollen = False
        if not (konj or sollen) or (last is None and not sollen):
            gap += 1
            if gap > 1:
                last = None
            continue
        body = _trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
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


# ---------------------------------------------------------------- entry point


def quotes(doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]) -> Iterator[Quote]:
    """Every statement in a parsed article, in text order (see the module docstring)."""
    ctx = _Ctx(doc=doc, mentions=mentions, sents=sents, parsed=has_parse(doc), lang=doc.lang_)
    direct = _direct(ctx)
    taken = [s for q in direct for s in q.spans]
    indirect = _indirect(ctx, taken)
    reported = _reported(ctx, taken + [s for q in indirect for s in q.spans])
    free = _free_indirect(ctx, [*direct, *indirect, *reported])
    found = sorted([*direct, *indirect, *reported, *free], key=lambda q: (q.start, q.end))
    yield from _carry_over(ctx, found)


def _carry_over(ctx: _Ctx, found: list[Quote]) -> list[Quote]:
    """A direct quote without a cue continues the report just before it (same speaker).

    „…“, so X. „…“ — the second quotation is X's too; so is a quotation that follows
    "X betonte, …" in the next sentence. Only within one sentence's distance.
    """
    out: list[Quote] = []
    for q in found:
        if q.kind == "direct" and q.speaker is None and q.cue is None:
            prev = next((p for p in reversed(out) if p.speaker is not None), None)
            if prev is not None and q.sent - prev.sent <= 1 and prev.end <= q.start:
                q = replace(
                    q,
                    speaker=prev.speaker,
                    speaker_phrase=prev.speaker_phrase,
                    rule=q.rule + ".carried-over",
                    confidence=0.6,
                )
        out.append(q)
    return out
