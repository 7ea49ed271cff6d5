"""Speakers, addressees and attribution phrases: subject of the cue, "laut X", ", so X", "nach Angaben von X"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.quotes.attribution import (
    NOUN_HOSTS,
    Speaker,
    _apposition,
    _passive,
    _quoted_name_end,
    addressee_token,
    frame_run,
    inside,
    mention_for,
    nearest_speaker,
    oblique,
    phrase_of,
    preposition_before,
    quoted_tokens,
    source_obl,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    finite_verbs,
)
from graphbuild.extract.quotes.lexicon import (
    cue_phrase_starts,
    cue_phrases,
)
from graphbuild.extract.quotes.spans import span_tokens
from graphbuild.extract.text import doc_text, token_table


def speaker_of(ctx: Context, cue: Cue, quote_spans: Sequence[tuple[int, int]]) -> Speaker | None:
    """The speaker of a cue: its subject as a mention, and the phrase as written.

    For a cue in a relative clause ("X, der sagte, …") the mention is the antecedent X,
    which resolution can map, and the phrase is the relative pronoun, as written.
    """
    tok = cue.token
    if ctx.parsed:
        quoted = quoted_tokens(ctx.doc)
        subj = subject_token(tok, skip=quoted if tok.i not in quoted else frozenset())
        if subj is None:
            subj = _subjectless_source(tok)
        if subj is not None and not inside(subj.idx, quote_spans):
            found = speaker_from_head(subj, [tok], quote_spans, ctx.mentions, ctx.sents)
            rel = _relative_subject(tok)
            if rel is not None and subj.i < rel.i:
                return Speaker(found.mention, (rel.idx, rel.idx + len(rel)))
            return found
        if subj is not None or tok.dep_ in {"advcl", "xcomp", "acl", "conj"}:
            return None  # a subject inside the quote, or a non-finite clause: don't guess
    sent = tok.sent
    region = frame_run(sent, tok, quote_spans) or (sent.start_char, sent.end_char)
    return nearest_speaker(tok.idx, region, quote_spans, ctx.mentions)


_NO_SOURCE = frozenset({"es", "man", "it", "das", "dies", "this", "that", "there"})


def sentence_subject(
    ctx: Context, sent: Span, quote_spans: Sequence[tuple[int, int]]
) -> Speaker | None:
    """The subject of a sentence's main verb, as a speaker ("Meier gab sich optimistisch.").

    News text names the speaker in the sentence that opens a report and goes on without a
    cue ("…. Man sei besser aufgestellt."; "…: „…“"). Not "es", "man" or a demonstrative,
    and not a subject inside a quotation.
    """
    if not ctx.parsed:
        return None
    root = sent.root
    subj = subject_token(root)
    if subj is None or inside(subj.idx, quote_spans) or not sent.start <= subj.i < sent.end:
        return None
    if subj.pos_ not in {"NOUN", "PROPN", "PRON"} or subj.lower_ in _NO_SOURCE:
        return None
    if subj.pos_ == "PRON" and "Prs" not in subj.morph.get("PronType"):
        return None
    if any("Neg" in c.morph.get("PronType") for c in subj.children):
        return None  # "kein Zugang"
    if subj.pos_ == "NOUN" and not any(m.start <= subj.idx < m.end for m in ctx.mentions):
        return None  # a common noun that names no person, group or organisation
    verbs = [t for t in sent if t.pos_ in {"VERB", "AUX"}]  # the phrase ends at a verb
    return speaker_from_head(subj, [root, *verbs], quote_spans, ctx.mentions, ctx.sents)


def _subjectless_source(verb: Token) -> Token | None:
    """The source of a cue the parse gives no subject.

    "Wie der Direktor des Amtes, X, mitteilte": a finite clause without a subject hung on
    the noun before it (``acl``, not a relative clause) has that noun as its subject; "Wie
    aus Regierungskreisen verlautete": the "aus" phrase names the source.
    """
    if (
        verb.dep_ == "acl"
        and "Fin" in verb.morph.get("VerbForm")
        and verb.head.pos_ in {"NOUN", "PROPN"}
        and verb.head.i < verb.i
        and not oblique(verb.head)
    ):
        return verb.head
    return source_obl(verb, {"aus"})


def _relative_subject(verb: Token) -> Token | None:
    """The relative pronoun that is the subject of a cue verb ("…, der sagte")."""
    heads = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    if verb.dep_ in {"xcomp", "oc", "conj"} and verb.head.i != verb.i:
        heads.append(verb.head)
    for h in heads:
        for c in h.children:
            if c.dep_ in {"nsubj", "nsubj:pass"} and "Rel" in c.morph.get("PronType"):
                return c
    return None


def addressee_fields(found: Speaker | None) -> dict[str, Any]:
    if found is None:
        return {}
    return {"addressee": found.mention, "addressee_phrase": found.phrase}


def addressee_of(ctx: Context, cue: Cue, sent: Span) -> Speaker | None:
    """The addressee as a mention plus its whole phrase (reuses the Speaker record)."""
    if not ctx.parsed:
        return None
    acc = cue.verb is not None and cue.verb.addressee == "acc"
    speaker = subject_token(cue.token) if cue.verb is not None else None
    tok = addressee_token(cue.token, sent, accusative=acc, speaker=speaker)
    if tok is None:
        return None
    prep = preposition_before(tok)
    phrase = phrase_of(tok, [cue.token] + ([prep] if prep is not None else []), [], False)
    return Speaker(mention_for(tok, phrase, ctx.mentions, ctx.sents), phrase)


# ---------------------------------------------------------------- "laut X", "X zufolge"


def source_phrase(
    ctx: Context, sents: Sequence[Span], quote_spans: Sequence[tuple[int, int]]
) -> tuple[Cue, Speaker] | None:
    for sent in sents:
        for found in sources_in(ctx, sent, quote_spans):
            return found[0], found[1]
    return None


def sources_in(
    ctx: Context, sent: Span, quote_spans: Sequence[tuple[int, int]]
) -> Iterator[tuple[Cue, Speaker, tuple[int, int]]]:
    """Attribution phrases in a sentence: (cue, speaker, the frame span to cut out)."""
    doc = ctx.doc
    table = token_table(doc)
    ids = [i for i in range(sent.start, sent.end) if not inside(table.idx[i], quote_spans)]
    lowered = [table.lower[i] for i in ids]
    used: set[int] = set()
    starts = cue_phrase_starts(ctx.lang)
    for k in range(len(ids)):
        if k in used or lowered[k] not in starts:
            continue
        for phrase, pos in cue_phrases(ctx.lang):
            if pos == "as" or tuple(lowered[k : k + len(phrase)]) != phrase:
                continue
            first, last = doc[ids[k]], doc[ids[k + len(phrase) - 1]]
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
            cue_ids = ids[k : k + len(phrase)]
            cue = Cue(
                first,
                None,
                tuple((table.idx[i], table.idx[i] + len(table.text[i])) for i in cue_ids),
            )
            yield cue, spk, frame
            break


# Determiners and possessives that open a noun phrase when the pipeline has no tagger.
_ARTICLES = frozenset(
    {"der", "die", "das", "des", "dem", "den", "ein", "eine", "einem", "einer", "eines"}
    | {"einen", "sein", "seine", "seiner", "seinem", "ihr", "ihre", "ihrer", "ihrem"}
    | {"eigener", "eigenen", "eigene", "the", "a", "an"}
)


def _np_kind(ctx: Context, t: Token) -> str:
    """ "N" noun/name, "D" determiner, "A" adjective/number, "" not part of a noun phrase."""
    if ctx.parsed and t.pos_:
        if t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "X" and t.text[:1].isupper()):
            return "N"
        if t.pos_ == "DET" or (t.pos_ == "PRON" and "Poss=Yes" in str(t.morph)):
            return "D"
        if t.pos_ in {"ADJ", "NUM"}:
            return "A"
        return "D" if t.lower_ in _ARTICLES and t.pos_ == "PRON" else ""
    if t.lower_ in _ARTICLES:
        return "D"
    if t.text[:1].isupper():
        return "N"
    return "A" if t.text[:1].isdigit() or t.lower_.endswith(("en", "er", "e", "es", "em")) else ""


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "iobj", "expl"})
# prepositions that open an attribute of a source noun ("Angaben des Amtes in Flensburg",
# "Sprecher der Bundesagentur für Arbeit"), when the parse attaches it to the chunk
_ATTRIBUTE_PREPS = frozenset({"für", "aus", "vom", "zur", "zum", "of", "for"})


def _argument(t: Token, lo: int) -> bool:
    """A noun the parse makes an argument of a verb, outside the chunk starting at lo."""
    return t.dep_ in _ARGUMENT_DEPS and t.head.pos_ in {"VERB", "AUX"} and t.head.i != t.i


def _chunk_after(ctx: Context, i: int, end: int) -> tuple[int, int, Token] | None:
    """The noun phrase starting at token i: (start, end, head noun), with a genitive or
    "von" attribute, a prepositional attribute the parse attaches to it, a quoted name
    ("des Magazins „Der Spiegel“") and a name apposition ("Sprecher Max Muster",
    "der Sprecherin der Partei, Anna Muster").
    """
    doc = ctx.doc
    genitive = {"des", "der", "eines", "einer", "von"}
    j, head = i, None
    while j < end and j - i < 16:
        t = doc[j]
        k = _np_kind(ctx, t)
        nxt = _np_kind(ctx, doc[j + 1]) if j + 1 < end else ""
        if head is None:
            if k == "N":
                head = t
            elif k not in {"D", "A"} and t.text != "-" and t.lower_ not in _ARTICLES:
                break
        elif t.text == "(" and j + 2 < end and doc[j + 2].text == ")":
            j += 3  # an abbreviation in brackets: "der Vereinten Nationen (UN)"
            continue
        elif (
            t.text in _MARKS
            and ctx.parsed
            and (close := _quoted_name_end(doc, j, end, NOUN_HOSTS)) is not None
        ):
            j = close  # a quoted name: "des Magazins „Der Spiegel“"
            continue
        elif (
            k == "N" and ctx.parsed and _np_kind(ctx, doc[j - 1]) in {"D", "A"} and _argument(t, i)
        ):
            break  # "laut Verfassung der Parlamentspräsident …": a new clause argument
        elif (
            ctx.parsed
            and t.lower_ in _ATTRIBUTE_PREPS
            and nxt in {"N", "D", "A"}
            and (att := _attribute_noun(doc, j, end)) is not None
            and i <= att.head.i < j
        ):
            j += 1
            continue
        elif not (
            k == "N"
            or (t.lower_ in genitive and nxt in {"N", "D", "A"})
            or (k == "A" and nxt in {"N", "A"} and doc[j - 1].lower_ in genitive)
            or (k in {"D", "A"} and nxt in {"N", "A"} and doc[j - 1].lower_ in _ATTRIBUTE_PREPS)
            or (k in {"D", "A"} and ctx.parsed and _genitive_start(ctx, j, end))
            or (t.lower_ in {"und", "sowie"} and nxt in {"N", "D"} and _conjunct(ctx, j, i))
        ):
            break
        j += 1
    while j > i and _np_kind(ctx, doc[j - 1]) != "N" and doc[j - 1].text not in _CLOSERS:
        j -= 1
    if head is None or j <= i:
        return None
    if ctx.parsed:
        j = _name_apposition(ctx, j, end)
        if j < end and doc[j].text == ",":
            j = min(_apposition(doc, j, [], []), end)
    return i, j, head


def _genitive_start(ctx: Context, j: int, end: int) -> bool:
    """Token j opens a genitive attribute without the article "des/der": "Angaben seines
    Anwalts", "Berichten britischer Zeitungen" (the noun it leads to is in the genitive)."""
    doc = ctx.doc
    k = j
    while k < end and _np_kind(ctx, doc[k]) in {"D", "A"} and k - j < 4:
        k += 1
    if k >= end or _np_kind(ctx, doc[k]) != "N" or doc[j - 1].text in {",", "(", "-"}:
        return False
    if "Gen" in doc[k].morph.get("Case") or "Gen" in doc[j].morph.get("Case"):
        return True
    # the parse attaches the noun to the chunk ("Angaben libanesischer Sicherheitskreise")
    return (
        _np_kind(ctx, doc[j - 1]) == "N" and doc[k].dep_.startswith("nmod") and (doc[k].head.i < j)
    )


def _conjunct(ctx: Context, j: int, i: int) -> bool:
    """ "und"/"sowie" joining a noun conjunct the parse attaches inside the chunk."""
    doc = ctx.doc
    conj = next((t for t in doc[j + 1 : j + 5] if _np_kind(ctx, t) == "N"), None)
    return conj is not None and conj.dep_ == "conj" and i <= conj.head.i < j


_MARKS = frozenset('„“”"»«')
_CLOSERS = frozenset('“”"»«)')


def _attribute_noun(doc: Doc, prep: int, end: int) -> Token | None:
    """The noun a preposition at ``prep`` introduces ("für Arbeit", "in Flensburg")."""
    for t in doc[prep + 1 : min(end, prep + 5)]:
        if t.pos_ in {"NOUN", "PROPN"}:
            return t
    return None


def _name_apposition(ctx: Context, j: int, end: int) -> int:
    """An apposition ", Anna Muster" after a role noun phrase, closed by a comma, a verb or the end."""
    doc = ctx.doc
    if j + 1 >= end or doc[j].text != ",":
        return j
    k = j + 1
    while k < end and doc[k].pos_ == "PROPN" and k - j <= 4:
        k += 1
    if k == j + 1 or (k < end and doc[k].text not in {",", ".", ";", ":", "–", "-"}):
        return j
    return k


def _chunk_before(ctx: Context, i: int, start: int) -> tuple[int, int, Token] | None:
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


def _nach_source(ctx: Context, nach: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ "nach Angaben der Polizei", "nach ersten Untersuchungen", "Zeugenaussagen nach"."""
    doc = ctx.doc
    nouns = words("quote_source_nouns", ctx.lang)

    def is_source(t: Token) -> bool:
        return any(t.lower_.endswith(n) for n in nouns)

    chunk = _chunk_after(ctx, nach.i + 1, sent.end) if nach.i + 1 < sent.end else None
    if chunk is not None:
        lo, hi, head = chunk
        core = [t for t in doc[lo:hi] if _np_kind(ctx, t) == "N"]
        if len(core) > 1 and _prenominal_genitive(core[0]) and is_source(core[1]):
            core = core[1:] + core[:1]  # "nach Müllers Meinung": the name is the source
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
        # "Celebis Angaben nach ist …", "ihrer Meinung nach nicht mehr …": no noun phrase
        # follows that "nach" could govern
        if nxt is None or nxt.pos_ not in {"DET", "NOUN", "PROPN", "ADJ", "NUM", "PRON", "X"}:
            back = _chunk_before(ctx, nach.i, sent.start)
            if back is not None:
                lo, hi, head = back
                phr = (doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
                return Speaker(mention_for(head, phr, ctx.mentions, ctx.sents), phr), (
                    phr[0],
                    nach.idx + len(nach),
                )
    return None


def _prenominal_genitive(t: Token) -> bool:
    """A name in the genitive before its noun: "Müllers Meinung", "Schulzes Angaben"."""
    return t.pos_ == "PROPN" and (t.text.endswith(("s", "'", "’")) or "Gen" in t.morph.get("Case"))


def _so_source(ctx: Context, so: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """ ", so X." closing a sentence: X is the source (Die Lage sei ernst, so der Minister.)."""
    if so.i == sent.start or ctx.doc[so.i - 1].text != ",":
        return None
    return so_source(ctx, so, sent)


def so_source(ctx: Context, so: Token, sent: Span) -> tuple[Speaker, tuple[int, int]] | None:
    """The source after attribution "so": "so der Minister", "so X wörtlich" (without the
    adverb), "so X zu den Gründen" (the noun phrase only); None when no noun phrase follows
    (", so dass", ", so schnell")."""
    doc = ctx.doc
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
    if ctx.parsed and finite_verbs(rest):
        return None
    if not any(t.pos_ in {"NOUN", "PROPN", "PRON"} or t.text[:1].isupper() for t in rest):
        return None
    while len(rest) > 1 and ctx.parsed and rest[-1].pos_ in {"ADV", "PART"}:
        rest = rest[:-1]  # ", so X weiter": the adverb is not part of the source
    chunk = _chunk_after(ctx, rest.start, rest.end) if ctx.parsed else None
    if chunk is not None and chunk[1] < rest.end:
        rest = doc[chunk[0] : chunk[1]]  # ", so die Kanzlerin einigen Teilnehmern"
    phrase = (rest.start_char, rest.end_char)
    nouns = [t for t in rest if t.pos_ in {"NOUN", "PROPN"}]
    head = (nouns[-1] if nouns else rest.root) if ctx.parsed else rest[-1]
    last = rest.end  # ", so X, der …": the comma closing the insertion belongs to the frame
    frame_end = doc[last].idx + 1 if last < sent.end and doc[last].text == "," else rest.end_char
    frame = (doc[so.i - 1].idx, frame_end)
    return Speaker(mention_for(head, phrase, ctx.mentions, ctx.sents), phrase), frame


# ---------------------------------------------------------------- "X: „…“"


def colon_source(
    ctx: Context, start: int, quote_spans: Sequence[tuple[int, int]]
) -> tuple[Speaker, tuple[int, int]] | None:
    """The speaker and frame of a quotation introduced by a colon without a speech verb.

    German news text introduces a quotation with its speaker's clause and a colon even when
    that clause has no verb of saying ("Die Firma hält die Kritik für ungerechtfertigt:
    „…“") or no verb at all ("Polizeipräsident Schulz: „…“"): the subject of that clause, or
    the verbless noun phrase, is the speaker. ``start`` is where the quotation opens;
    returns the speaker and the frame (the clause with its colon).
    """
    if not ctx.parsed:
        return None
    doc = ctx.doc
    text = doc_text(doc)
    k = start - 1
    while k >= 0 and text[k] in ' \u00a0\t„“”"»«':
        k -= 1
    if k < 0 or text[k] != ":":
        return None
    colon_span = span_tokens(doc, k, k + 1)
    if colon_span is None:
        return None
    colon = colon_span[0]
    lo = colon.i
    sent_start = colon.sent.start
    while lo > sent_start and not inside(doc[lo - 1].idx, quote_spans):
        if doc[lo - 1].text in {".", "!", "?", ";", "\n"} or doc[lo - 1].is_space:
            break
        lo -= 1
    clause = doc[lo : colon.i]
    if not len(clause) or inside(clause[0].idx, quote_spans):
        return None
    verbs = [t for t in clause if t.pos_ in {"VERB", "AUX"}]
    if verbs:
        root = next((t for t in verbs if not lo <= t.head.i < colon.i or t.head.i == t.i), None)
        subj = subject_token(root) if root is not None else None
        if subj is None or not lo <= subj.i < colon.i or subj.lower_ in {"es", "it", "man"}:
            return None
        if subj.pos_ not in {"NOUN", "PROPN", "PRON"}:
            return None
        found = speaker_from_head(subj, [root], quote_spans, ctx.mentions, ctx.sents)
    else:
        nouns = [t for t in clause if t.pos_ in {"NOUN", "PROPN"}]
        if not nouns or len(clause) > 10 or any(t.pos_ == "ADP" for t in clause[:1]):
            return None
        head = next((t for t in nouns if t.pos_ == "PROPN"), nouns[0])
        phrase = (clause[0].idx, clause[-1].idx + len(clause[-1]))
        found = Speaker(mention_for(head, phrase, ctx.mentions, ctx.sents), phrase)
    return found, (clause[0].idx, colon.idx + 1)


# Prepositions of the source in a passive of quoting: "von der Zeitung", "in einer
# Presseerklärung", "im Fachblatt", "auf der Internetseite" (English "by").
_RELAY_PREPS = frozenset({"von", "vom", "in", "im", "auf", "by"})
_SUBJ = frozenset({"nsubj", "nsubj:pass", "nsubjpass", "sb"})


def relay_parties(
    ctx: Context,
    cue: Token,
    quote_spans: Sequence[tuple[int, int]],
    own: Sequence[tuple[int, int]] = (),
) -> tuple[Speaker, Speaker] | None:
    """Speaker and relaying source of a verb of quoting ("X zitiert Y", "Y wird von X zitiert").

    ``(Y, X)`` when the parse names both parties: in the active the subject relays the object's
    words, in the passive the nominative subject's words are relayed by a "von/in/auf" phrase.
    None when one of them is missing ("wird Y zitiert", "zitierte man Y"), or when the
    quotation ``own`` is part of one of them (a quoted name: "in einem auf „…“
    veröffentlichten Artikel wird Y zitiert").
    """
    if not ctx.parsed or cue.lemma_.lower() not in words("quote_relay_verbs", ctx.lang):
        return None
    heads = [cue, *(c for c in cue.children if c.dep_ in {"aux", "aux:pass"})]
    kids = [
        c
        for h in heads
        for c in h.children
        if (c.pos_ in {"NOUN", "PROPN", "PRON"} or (c.pos_ == "ADJ" and c.dep_ in _SUBJ))
        and c.lower_ not in _NO_SOURCE
        and not inside(c.idx, quote_spans)
    ]
    if _passive(cue):
        person = next((c for c in kids if c.dep_ in _SUBJ), None)
        source = next(
            (
                c
                for c in kids
                if c.dep_ in {"obl", "obl:agent", "agent"}
                and any(g.dep_ in {"case", "prep"} and g.lower_ in _RELAY_PREPS for g in c.children)
            ),
            None,
        )
    else:
        subjects = [c for c in kids if c.dep_ in _SUBJ]
        source = subjects[0] if subjects else None
        person = next((c for c in kids if c.dep_ in {"obj", "dobj", "oa"}), None)
        if person is None and len(subjects) == 2:
            # "Die Agentur zitiert dazu X mit den Worten": the parser calls both subjects;
            # the first one, before the verb, is the subject of a verb-second clause
            person = subjects[1]
    if person is None or source is None:
        return None
    for head in (person, source):
        lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        if any(lo <= s < hi for s, _ in own):
            return None
    return (
        speaker_from_head(person, [cue, source], quote_spans, ctx.mentions, ctx.sents),
        speaker_from_head(source, [cue, person], quote_spans, ctx.mentions, ctx.sents),
    )
