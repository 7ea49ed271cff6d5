"""Direct quotes: text between quotation marks, attributed through the cue around it.

A quote interrupted by its cue („Wir“, sagte er, „schaffen das“) is one Quote with two spans;
quoted names, titles and cue-less fragments are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.quotes.attribution import (
    SUBJECT_DEPS,
    Speaker,
    frame_run,
    inside,
    mention_for,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    cue_at,
    particle,
)
from graphbuild.extract.quotes.lexicon import naming_verbs
from graphbuild.extract.quotes.marks import MarkedQuote, marked_quotes
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
    colon_source,
    so_source,
    source_phrase,
    speaker_of,
)
from graphbuild.extract.quotes.spans import span_tokens, trim_chars
from graphbuild.extract.text import doc_text
from graphbuild.types import Quote

# Between the halves of a split quotation: closing mark, comma, a short cue clause, comma,
# opening mark („…“, sagte er, „…“ / "…," he said, "…").
_SPLIT_GAP = re.compile(r",?[“”\"«»‘’']?\s*,?\s*[^\W\d][^.!?;:\n\"„“”«»]{0,50},\s*[„“\"»«‚‘']")


def looks_like_statement(text: str) -> bool:
    """A quoted clause rather than a title or scare-quoted term: several words and a verb-like end."""
    words = text.split()
    return len(words) >= 4 and (text.rstrip()[-1:] in ".!?…" or len(words) >= 8)


def direct_quotes(ctx: Context) -> tuple[list[Quote], list[Quote]]:
    """Attributed quotations, and the cue-less quoted fragments left over.

    A fragment („Filz“, „auf Kante genäht“) is no statement by itself; inside
    reported speech it is the reporter's speaker's own words, which ``quotes`` decides once
    indirect and free indirect speech is known (``nested``). Quoted names and titles are
    dropped, except a capitalised word after an article, which inside reported speech is
    more likely a word of the speaker („für die „Feinde der Freiheit““) than a title.
    """
    text = doc_text(ctx.doc)
    found = [q for q in marked_quotes(text) if ctx.content(q.start)]
    all_spans = [s for q in found for s in q.spans]
    out: list[Quote] = []
    for mq in found:
        out.append(_attribute_direct(ctx, mq, all_spans))
    kept: list[Quote] = []
    fragments: list[Quote] = []
    for q in _merge_split(ctx, out):
        short = not looks_like_statement(q.text)
        named = _naming_cue(ctx, q, all_spans) if short else None
        if named is not None:
            kept.append(named)
        elif (short and _in_cue_subject(ctx, q)) or _after_title_noun(ctx, q):
            continue
        elif not _name_like(ctx, q):
            if q.cue_span is None and not short and _verbless_title(ctx, q):
                continue
            (fragments if short and q.cue_span is None else kept).append(q)
        elif q.cue_span is None and not _name_like(ctx, q, title_rule=False):
            fragments.append(replace(q, rule=q.rule + ".title"))
    return kept, fragments


def _quote_sentences(ctx: Context, mq: MarkedQuote) -> list[Span]:
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
    ctx: Context, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> list[Cue]:
    cues = []
    for sent in sents:
        for tok in sent:
            if inside(tok.idx, quote_spans):
                continue
            c = cue_at(tok, ctx)
            if c is not None:
                cues.append(c)
    return cues


def _so_cue(
    ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    """'„…“, so X.' — the attribution particle "so" right after a quotation."""
    doc = ctx.doc
    m = re.match(r"\s*[“”\"«»‘’']?\s*,?\s*(so)\s+", doc_text(doc)[mq.end : mq.end + 8])
    if not m:
        return None
    so_start = mq.end + m.start(1)
    span = span_tokens(doc, so_start, so_start + 2)
    if span is None:
        return None
    so = span[0]
    cue = Cue(so, None, ((so.idx, so.idx + len(so)),))
    if ctx.parsed:
        found = so_source(ctx, so, so.sent)
        return (cue, found[0]) if found is not None else None
    end = so.i + 1
    while (
        end < len(doc)
        and not doc[end].is_sent_start
        and doc[end].text not in {".", ";", "!", "?", "„", "“"}
    ):
        end += 1
    if end - so.i - 1 < 1 or end - so.i - 1 > 12:
        return None
    phrase = (doc[so.i + 1].idx, doc[end - 1].idx + len(doc[end - 1]))
    mention = mention_for(doc[end - 1], phrase, ctx.mentions, ctx.sents)
    return cue, Speaker(mention, phrase)


def _attribute_direct(ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]) -> Quote:
    text = doc_text(ctx.doc)
    spans = tuple(trim_chars(text, s, e, keep_final=True) or (s, e) for s, e in mq.spans)
    spans = tuple((s, e - 1) if text[e - 1] == "," else (s, e) for s, e in spans)
    body = " ".join(text[s:e] for s, e in spans)
    sents = _quote_sentences(ctx, mq)
    cue: Cue | None = None
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
            speaker = speaker_of(ctx, cue, all_spans)
            rule = "direct.governing-verb"
        elif cues:
            cue = min(
                cues, key=lambda c: min(abs(c.token.idx - mq.start), abs(c.token.idx - mq.end))
            )
            speaker = speaker_of(ctx, cue, all_spans)
            rule = "direct.verb"
        elif (inq := _inquit(ctx, mq, all_spans)) is not None:
            cue, speaker = inq
            rule = "direct.inquit"
        elif (ana := _anaphoric_cue(ctx, mq, all_spans)) is not None:
            cue, speaker = ana
            rule = "direct.anaphoric"
        elif (words := _words_cue(ctx, mq, all_spans)) is not None:
            cue, speaker = words
            rule = "direct.words"
        else:
            src = source_phrase(ctx, sents, all_spans)
            if src is not None:
                cue, speaker = src
                rule = "direct.source"
    frame: tuple[tuple[int, int], ...] = ()
    addressee: Speaker | None = None
    if cue is not None:
        sent = cue.token.sent
        run = frame_run(sent, cue.token, all_spans)
        frame = (run,) if run else ()
        addressee = addressee_of(ctx, cue, sent)
    elif speaker is None:
        # "X hält die Kritik für falsch: „…“", "BKA-Präsident X: „…“": no verb of saying
        colon = colon_source(ctx, mq.start, all_spans)
        if colon is not None:
            speaker, colon_frame = colon
            frame = (colon_frame,)
            rule = "direct.colon"
    confidence = 0.9 if speaker and cue else 0.6 if cue or speaker else 0.3
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
        **addressee_fields(addressee),
        spans=spans,
        sent=ctx.sent_no(spans[0][0]),
        rule=f"quote.{rule}",
        confidence=confidence,
        speaker_phrase=speaker.phrase if speaker else None,
        frame=frame,
        medium=cue.verb.medium if cue and cue.verb else "speech",
    )


# "mit den Worten: „…“", "„…“, mit diesen Worten …": the quotation is the words the phrase
# announces (German "mit den/diesen/folgenden Worten", English "with the words").
_WORDS_BEFORE = re.compile(
    r"\b(?:mit|with) (?:den|diesen|folgenden|seinen|ihren|the|these)(?: \w+)? (?P<w>Worten|words)"
    r"[^.!?;„“”\"»«\n]{0,40}:\s*[„“\"»«‚']$"
)
_WORDS_AFTER = re.compile(
    r"[“”\"«»‘’']?[,.]?\s*(?:[Mm]it|[Ww]ith) (?:diesen|den|these)(?: \w+)? (?P<w>Worten|words)\b"
)


def _verb_cue(verb: Token, ctx: Context) -> Cue:
    """The verb as a cue: its speech-verb cue when it is one, else the bare verb (a reporting
    clause whose verb is not in the lexicon: "trat mit den Worten ab", "strich heraus")."""
    return cue_at(verb, ctx) or Cue(verb, None, ((verb.idx, verb.idx + len(verb)),))


def _words_cue(
    ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker | None] | None:
    """The verb that "mit den Worten" depends on, as the cue of the quotation it announces
    ("X trat mit den Worten ab: „…“"; "„…“, mit diesen Worten eröffnete sie die
    Sitzung"), with its subject as the speaker."""
    if not ctx.parsed:
        return None
    text = doc_text(ctx.doc)
    lo = max(0, mq.start - 120)
    before = _WORDS_BEFORE.search(text, lo, mq.start)
    after = _WORDS_AFTER.match(text, mq.end, mq.end + 40)
    if before is not None:
        at = before.start("w")
    elif after is not None:
        at = after.start("w")
    else:
        return None
    span = span_tokens(ctx.doc, at, at + 1)
    if span is None or not len(span):
        return None
    verb = span[0]
    for _ in range(3):
        if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or inside(verb.idx, all_spans):
        return None
    cue = _verb_cue(verb, ctx)
    return cue, speaker_of(ctx, cue, all_spans)


_AFTER_QUOTE = re.compile(r"[“”\"«»‘’']?\s*,\s*")


def _inquit(
    ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    """A verb-first clause right after a quotation that opens the sentence is its reporting
    clause (German "Redebegleitsatz": „…“, strich die Ministerin heraus / freute sich X), whatever
    its verb; its subject, after the verb, is the speaker. (After a subordinate clause the
    verb-first main clause is no reporting clause: "Nachdem man laut X „…“, setzen …".)"""
    if not ctx.parsed:
        return None
    text = doc_text(ctx.doc)
    m = _AFTER_QUOTE.match(text, mq.end)
    if m is None or m.end() == mq.end:
        return None
    opening = span_tokens(ctx.doc, mq.marks[0], mq.marks[0] + 1)
    if opening is None or not len(opening) or not opening[0].is_sent_start:
        return None  # the quotation must open the sentence (its first constituent)
    span = span_tokens(ctx.doc, m.end(), m.end() + 1)
    if span is None or not len(span):
        return None
    verb = span[0]
    if verb.pos_ not in {"VERB", "AUX"} or "Fin" not in verb.morph.get("VerbForm"):
        return None
    head = verb.head if verb.dep_ in {"aux", "aux:pass", "cop"} else verb
    subj = subject_token(head)
    if (
        subj is None
        or subj.i <= verb.i
        or inside(subj.idx, all_spans)
        or subj.lower_ in {"es", "man"}
    ):
        return None
    cue = _verb_cue(head, ctx)
    speaker = speaker_of(ctx, cue, all_spans)
    return (cue, speaker) if speaker is not None else None


_NEXT_SENTENCE = re.compile(
    r"[“”\"«»‘’']?\s*[.!?]?\s*[“”\"«»‘’']?\s*(?P<a>Das|Dies|So|This|That)\s"
)


def _anaphoric_cue(
    ctx: Context, mq: MarkedQuote, all_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    """„…“. Das musste X einräumen / Dies sagte X: a quotation that is a sentence of its own,
    taken up by "das/dies/so" at the start of the next sentence whose verb is a verb of
    saying; that verb's subject is the speaker."""
    if not ctx.parsed:
        return None
    text = doc_text(ctx.doc)
    m = _NEXT_SENTENCE.match(text, mq.end)
    if m is None or not re.search(r"[.!?]", text[mq.end - 1 : m.end()]):
        return None
    span = span_tokens(ctx.doc, m.start("a"), m.end("a"))
    if span is None or not len(span):
        return None
    first = span[0]
    sent = first.sent
    if sent.start_char < mq.end or first.i != sent.start or first.pos_ not in {"PRON", "ADV"}:
        return None  # "Das Ministerium teilte mit": an article, not the anaphor
    cue = next((c for t in sent if t.dep_ == "ROOT" and (c := cue_at(t, ctx)) is not None), None)
    if cue is None:
        return None
    subj = subject_token(cue.token, skip=frozenset({first.i}))
    if subj is None or subj.i <= first.i or subj.lower_ in {"es", "man"}:
        return None
    speaker = speaker_from_head(subj, [cue.token, first], all_spans, ctx.mentions, ctx.sents)
    return cue, speaker


def _governing_cue(
    ctx: Context, spans: Sequence[tuple[int, int]], all_spans: Sequence[tuple[int, int]]
) -> Cue | None:
    """The speech verb the quotation depends on in the parse (its complement or object).

    'The minister said he had a "constructive meeting"' → "said": a quoted fragment inside reported
    speech belongs to the speaker of that speech, not to the nearest other verb.
    """
    span = span_tokens(ctx.doc, spans[0][0], spans[0][1])
    if span is None or not len(span):
        return None
    tok: Token = span.root
    for _ in range(12):
        if tok.head.i == tok.i:
            return None
        child, tok = tok, tok.head
        if inside(tok.idx, all_spans) or child.dep_ in SUBJECT_DEPS:
            continue  # a quoted subject ("one meeting" does not answer …) is not what is said
        cue = cue_at(tok, ctx)
        if cue is not None:
            return cue
    return None


def _merge_split(ctx: Context, found: list[Quote]) -> list[Quote]:
    """„Wir“, sagte er, „schaffen das“ → one quote with two spans."""
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
    return out


def _name_like(ctx: Context, q: Quote, title_rule: bool = True) -> bool:
    """A quoted name or title, not a statement: „Al Jazeera“, der Sender „Silverbird“.

    With a tagger: the quoted words are names (PROPN or a named entity) or stand in apposition
    to a noun. Quoted common nouns („Papiertiger“, „haltlos“) remain quotes. Without one:
    several words, all capitalised.
    """
    words = q.text.split()
    if len(words) > 5 or len(q.spans) > 1 or not words:
        return False
    span = span_tokens(ctx.doc, q.start, q.end)
    if span is None:
        return False
    content = [t for t in span if not t.is_punct]
    if not content:
        return True
    text = doc_text(ctx.doc)
    if text[q.end : q.end + 2] in {"“-", "”-", '"-', "»-", "«-"}:
        return True  # part of a compound: „Bild“-Zeitung
    if ctx.parsed:
        if any(t.pos_ in {"VERB", "AUX"} for t in content):
            return False
        named = sum(1 for t in content if t.pos_ == "PROPN" or t.ent_type_)
        if named * 2 > len(content):
            return True
        if title_rule and _title_after_article(ctx, span, content):
            return True
        return span.root.dep_ in {"appos", "flat", "flat:name", "compound"} and all(
            t.text[:1].isupper() for t in content
        )
    return len(words) >= 2 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)


def _in_cue_subject(ctx: Context, q: Quote) -> bool:
    """A quoted name in the subject of its own cue names the speaker, it is not what was
    said: "schrieb „Die Zeit“", "Wie „heise online“ berichtet", "Der Geschäftsführer von
    „Ener1“ sagte, …"."""
    if not ctx.parsed or q.cue_span is None:
        return False
    cue = ctx.doc.char_span(*q.cue_span, alignment_mode="expand")
    span = span_tokens(ctx.doc, q.start, q.end)
    if cue is None or not len(cue) or span is None or not len(span):
        return False
    if any(t.pos_ in {"VERB", "AUX"} for t in span):
        return False  # a clause is said, not a name
    # the active subject only: a passive one is what is talked about ("X wurde als „…“
    # bezeichnet")
    subjects = [c for c in cue[0].children if c.dep_ in SUBJECT_DEPS]
    return any(s.left_edge.i <= span.start and span.end - 1 <= s.right_edge.i for s in subjects)


def _after_title_noun(ctx: Context, q: Quote) -> bool:
    """A quotation right after a noun that names a work or a motto by its title (der Film
    „…“, unter dem Titel „…“, Motto: „…“; ``quote_title_nouns.<lang>.tsv``) is that title."""
    doc, nouns = ctx.doc, words("quote_title_nouns", ctx.lang)
    span = span_tokens(doc, q.start, q.end)
    if span is None or not len(span) or not nouns:
        return False
    k = span.start - 1
    while k >= 0 and (doc[k].text in _OPENING or doc[k].text == ":"):
        k -= 1
    if k < 0 or doc[k].pos_ not in {"NOUN", "PROPN", "X", ""}:
        return False
    low = doc[k].lower_
    return any(low == n or (low.endswith(n) and len(n) > 4) for n in nouns)


def _verbless_title(ctx: Context, q: Quote) -> bool:
    """A quotation without a cue that opens with a capital or a number, has no verb and is
    no sentence (no final . ! ?) is the title or name of a work, prize, event or body
    („Preis der schwedischen Reichsbank für …“, „Dresden – ein Knoten im …“), not a
    statement: quoted words of a speaker that are no clause are woven into the sentence and
    open in lower case („ab einem Jahreseinkommen von …“)."""
    if not ctx.parsed or len(q.spans) > 1 or q.text.rstrip()[-1:] in ".!?…":
        return False
    span = span_tokens(ctx.doc, q.start, q.end)
    content = [t for t in span if not t.is_punct] if span is not None else []
    if not content or not (content[0].text[:1].isupper() or content[0].text[:1].isdigit()):
        return False
    return not any(t.pos_ in {"VERB", "AUX"} for t in content)


def _title_after_article(ctx: Context, span: Span, content: Sequence[Token]) -> bool:
    """A title or name in marks right after a definite article or a noun ("die
    „Computerwoche“", "der Sender „Channel 10“", "die Modelle „Touareg“"): up to four
    words, all capitalised (or articles, prepositions, numbers), no verb. Quoted words of a
    speaker open in lower case („gravierende Bedenken“) or follow a preposition or an
    indefinite article ("von „Panikverkäufen“", "ein „Papiertiger“")."""
    if len(content) > 4 or not content[0].text[:1].isupper():
        return False
    doc = ctx.doc
    k = span.start - 1
    while k >= 0 and doc[k].text in {"„", "“", "”", '"', "»", "«", "‚", "‘", "'"}:
        k -= 1
    if k < 0:
        return False
    prev = doc[k]
    definite = prev.pos_ == "DET" and "Def" in prev.morph.get("Definite")
    if not (definite or prev.pos_ in {"NOUN", "PROPN"}):
        return False  # "von „Panikverkäufen“", "ein „Papiertiger“": quoted words
    return all(t.text[:1].isupper() or t.pos_ in {"ADP", "DET", "CCONJ", "NUM"} for t in content)


_NO_SPEAKER = frozenset({"man", "es", "one", "it"})
_OPENING = frozenset("„“”\"»«‚‘'")


def _naming_cue(ctx: Context, q: Quote, all_spans: Sequence[tuple[int, int]]) -> Quote | None:
    """A quoted word as the "als" predicative of a verb of naming or judging is the subject's
    own word: "X bezeichnete den Plan als „Unsinn“", "vom Wetterdienst als „sehr hoch“
    eingestuft" (``quote_naming_verbs``). The speaker is the verb's subject (or the agent of
    its passive); a quoted proper name ("als „Stadt der Musik“ ausgezeichnet") is not."""
    if not ctx.parsed or len(q.spans) != 1:
        return None
    doc = ctx.doc
    span = span_tokens(doc, q.start, q.end)
    if span is None or not len(span):
        return None
    k = span.start - 1
    while k >= 0 and (doc[k].text in _OPENING or doc[k].pos_ == "DET"):
        k -= 1  # "als „…“", "als den „…“"
    if k < 0 or doc[k].lower_ not in {"als", "as"}:
        return None
    content = [t for t in span if not t.is_punct]
    if not content or sum(t.pos_ == "PROPN" for t in content) * 2 > len(content):
        return None
    verb = span.root.head  # the verb the "als" phrase depends on
    prt = particle(verb)
    lemma = ((prt.lower_ if prt is not None else "") + verb.lemma_).lower()
    if verb.pos_ not in {"VERB", "AUX"} or lemma not in naming_verbs(ctx.lang):
        return None
    parts = [verb, doc[k], *([prt] if prt is not None else [])]
    parts += [c for c in verb.children if c.dep_ in {"aux", "aux:pass"} and c.i < verb.i]
    cue = cue_at(verb, ctx) or Cue(verb, None, ())
    cue = Cue(verb, cue.verb, tuple(sorted((t.idx, t.idx + len(t)) for t in parts)))
    speaker = speaker_of(ctx, cue, all_spans)
    if (
        speaker is None
        or doc_text(doc)[speaker.phrase[0] : speaker.phrase[1]].split()[0].lower() in _NO_SPEAKER
    ):
        return None
    run = frame_run(verb.sent, verb, all_spans)
    return replace(
        q,
        speaker=speaker.mention,
        speaker_phrase=speaker.phrase,
        cue=verb.text,
        cue_span=(verb.idx, verb.idx + len(verb)),
        cue_spans=cue.spans,
        frame=(run,) if run else (),
        rule="quote.direct.naming",
        confidence=0.6,
    )
