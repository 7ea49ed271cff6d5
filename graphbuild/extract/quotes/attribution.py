"""Who said it, to whom, with which word: speaker, addressee, cue and frame of a statement.

Works on the dependency parse when the pipeline has one (UD labels: ``nsubj`` of the cue verb,
``iobj``/``obj`` of "tell", ``case`` of "laut"/"gegenüber"), and falls back to the nearest
mention in the cue's clause when it has not. Returned spans are character offsets.

Example:
    >>> # speaker_token(cue) is the nsubj of "sagte" in "Müller sagte, er komme."  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicons import words
from graphbuild.extract.mentions import sentence_index
from graphbuild.extract.quotes.lexicon import channel_phrases
from graphbuild.types import Mention, Sentence

SUBJECT_DEPS = frozenset({"nsubj", "sb", "nsubjpass"})
_SPEAKER_LABELS = frozenset({"PER", "ORG", "PRON", "MISC", "LOC"})
_NAME_LABELS = {"PER": 0, "ORG": 1, "MISC": 2, "LOC": 3, "PRON": 4}


@dataclass(frozen=True, slots=True)
class Speaker:
    """The speaker as a Mention (for resolution) and as the whole phrase written."""

    mention: Mention
    phrase: tuple[int, int]


def has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def inside(char: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= char < e for s, e in spans)


_RELATIVES = frozenset({"der", "die", "das", "welcher", "welche", "welches", "who", "which"})
# Articles that are never nominative (German grammar): den, dem, des, einen, einem, eines.
_NON_NOMINATIVE_DET = frozenset({"den", "dem", "des", "einen", "einem", "eines"})


def oblique(tok: Token) -> bool:
    """A subject candidate that is clearly not nominative (dative/genitive, or an accusative
    pronoun like "ihn"); nouns' Nom/Acc tags are unreliable, their forms mostly coincide."""
    if tok.pos_ == "PROPN":
        return False  # names barely inflect; their case tags are guesses
    if any(c.dep_ == "det" and c.lower_ in _NON_NOMINATIVE_DET for c in tok.children):
        return True  # "Einen Alleingang … schloss X aus": the article shows the object
    case = set(tok.morph.get("Case"))
    return bool(case & {"Dat", "Gen"}) or (tok.pos_ == "PRON" and "Acc" in case)


def subject_token(verb: Token) -> Token | None:
    """The grammatical subject of a cue verb, following conjunctions, control and relatives."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        seen += 1
        subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS and not oblique(c)]
        # two subjects are a misparse, typically of a dateline ("Brussels — the president
        # said"): the one next to the verb is the speaker
        subj = min(subjects, key=lambda c: abs(c.i - v.i)) if subjects else None
        if subj is None:
            # a misparsed subject: a nominative noun or pronoun the parser attached as object
            subj = next(
                (
                    c
                    for c in v.children
                    if c.dep_ in {"obj", "dep", "appos", "obl", "iobj"}
                    and ("Nom" in c.morph.get("Case") or c.pos_ == "PROPN")
                    and c.pos_ in {"NOUN", "PROPN", "PRON"}
                    and not oblique(c)
                    and not any(g.dep_ == "case" for g in c.children)
                ),
                None,
            )
        if subj is not None and subj.lower_ in {"es", "it"}:
            # "In dem Schreiben heißt es: …": the source is the place named, not "es"
            source = _source_obl(v, {"in", "im", "laut"})
            return source if source is not None else subj
        if subj is None and any(c.dep_ in {"aux:pass", "nsubj:pass"} for c in v.children):
            # passive "wurde von X kritisiert": the agent is the speaker
            return _source_obl(v, {"von", "vom", "by"}, deps={"obl:agent", "obl", "agent"})
        if subj is not None:
            relative = "Rel" in subj.morph.get("PronType") or subj.lower_ in _RELATIVES
            doc = subj.doc
            if relative and subj.i >= 2 and doc[subj.i - 1].text == ",":
                before = doc[subj.i - 2]
                if before.pos_ in {"NOUN", "PROPN"}:
                    return before  # "…, so Celebi, die auch angab, …" → Celebi
            if relative and v.dep_.startswith("acl") and v.head is not v:
                return v.head  # "der Minister, der sagte, …" → the antecedent
            return subj
        participle = bool(set(v.morph.get("VerbForm")) & {"Ger", "Part", "Inf"})
        if (v.dep_ in {"conj", "xcomp", "oc"} or (v.dep_ == "advcl" and participle)) and (
            v.head is not v
        ):
            v = v.head
            continue
        if v.dep_ in {"aux", "aux:pass", "cop"} and v.head is not v:
            v = v.head
            continue
        return None
    return None


def _source_obl(
    verb: Token, preps: set[str], deps: frozenset[str] | set[str] = frozenset({"obl"})
) -> Token | None:
    """A prepositional dependent of the verb introduced by one of the prepositions."""
    for c in verb.children:
        introduced = any(g.dep_ in {"case", "prep"} and g.lower_ in preps for g in c.children)
        if c.dep_ in deps and c.pos_ in {"NOUN", "PROPN", "PRON"} and introduced:
            return c
        if c.dep_ == "agent" and c.lower_ in preps:  # English "by X"
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range without punctuation/space at its edges, as char offsets."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def phrase_of(
    head: Token, stop: Sequence[Token], quote_spans: Sequence[tuple[int, int]]
) -> tuple[int, int]:
    """The noun phrase a head token heads (its subtree), cut before a stop token or a quote."""
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    for t in stop:
        if lo <= t.i < hi:
            if t.i < head.i:
                lo = t.i + 1
            else:
                hi = t.i
    i = head.i
    while i > lo and not inside(doc[i - 1].idx, quote_spans):
        i -= 1
    lo = i
    j = head.i + 1
    while j < hi and not inside(doc[j].idx, quote_spans):
        j += 1
    hi = j
    # the phrase itself, without its own preposition ("in dem Schreiben" → "dem Schreiben")
    # or a dangling function word at its end ("der Gewerkschaft als")
    while lo < head.i and doc[lo].pos_ in {"ADP", "CCONJ", "SCONJ"}:
        lo += 1
    while hi - 1 > head.i and (
        doc[hi - 1].pos_ in {"ADP", "CCONJ", "SCONJ"} or doc[hi - 1].is_punct
    ):
        hi -= 1
    span = _trim(doc, lo, hi)
    return span or (head.idx, head.idx + len(head))


def mention_for(
    head: Token, phrase: tuple[int, int], mentions: Sequence[Mention], sents: Sequence[Sentence]
) -> Mention:
    """An existing mention that stands for the phrase, else a new name/pronoun/role mention."""
    inner = [m for m in mentions if phrase[0] <= m.start and m.end <= phrase[1]]
    covering = [m for m in inner if m.start <= head.idx < m.end]
    if covering:
        return covering[0]
    named = sorted(
        (m for m in inner if m.label in _NAME_LABELS and m.kind == "name"),
        key=lambda m: (_NAME_LABELS[m.label], m.start),
    )
    if named:
        return named[0]
    doc = head.doc
    lang = doc.lang_
    pronouns = words("pronouns", lang)
    if head.pos_ == "PRON" or head.lower_ in pronouns:
        kind, label, lo, hi = "pronoun", "PRON", head.i, head.i + 1
    elif head.pos_ == "PROPN":
        lo, hi = head.i, head.i + 1
        while lo > 0 and doc[lo - 1].pos_ == "PROPN":
            lo -= 1
        while hi < len(doc) and doc[hi].pos_ == "PROPN":
            hi += 1
        kind, label = "name", "PER"
    else:
        kind, label, lo, hi = "role", "PER", head.i, head.i + 1
    span = doc[lo:hi]
    return Mention(
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        label=label,
        kind=kind,  # type: ignore[arg-type]
        sent=sentence_index(sents, span.start_char),
        morph=str(head.morph),
        lemma=head.lemma_,
    )


def speaker_from_head(
    head: Token,
    stop: Sequence[Token],
    quote_spans: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
    sents: Sequence[Sentence],
) -> Speaker:
    """Speaker record for a subject/source head token."""
    phrase = phrase_of(head, stop, quote_spans)
    return Speaker(mention_for(head, phrase, mentions, sents), phrase)


def nearest_speaker(
    cue_char: int,
    region: tuple[int, int],
    quote_spans: Sequence[tuple[int, int]],
    mentions: Sequence[Mention],
) -> Speaker | None:
    """Without a parse: the mention nearest to the cue in its clause, outside the quote."""
    cands = [
        m
        for m in mentions
        if region[0] <= m.start
        and m.end <= region[1]
        and m.label in _SPEAKER_LABELS
        and not inside(m.start, quote_spans)
    ]
    if not cands:
        return None
    best = min(cands, key=lambda m: (abs(m.start - cue_char), _NAME_LABELS.get(m.label, 5)))
    return Speaker(best, (best.start, best.end))


def frame_run(
    sent: Span, cue: Token, quote_spans: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The stretch of the cue's sentence outside any quote that holds the cue, trimmed."""
    doc = sent.doc
    lo = cue.i
    while (
        lo > sent.start
        and not inside(doc[lo - 1].idx, quote_spans)
        and doc[lo - 1].text not in '„“”"»«'
    ):
        lo -= 1
    hi = cue.i + 1
    while hi < sent.end and not inside(doc[hi].idx, quote_spans) and doc[hi].text not in '„“”"»«':
        hi += 1
    return _trim(doc, lo, hi)


def addressee_token(cue: Token, region: Span, accusative: bool = False) -> Token | None:
    """Whom a statement was made to: "told CNN", "sagte der Zeitung", "gegenüber CNN".

    A dative object of the cue (German), the object of "tell" (English), the accusative
    object of verbs that take the addressee in the accusative ("forderte die Regierung auf",
    lexicon column ``addressee=acc``), or a channel phrase attached to the cue.
    """
    for c in cue.children:
        if c.pos_ not in {"PROPN", "NOUN", "PRON"} or any(g.dep_ == "case" for g in c.children):
            continue
        case = set(c.morph.get("Case"))
        dative = c.dep_ in {"iobj", "dative", "da"} or (
            c.dep_ in {"obj", "obl"} and case == {"Dat"}
        )
        if dative and c.lower_ not in {"sich", "mir", "uns", "dir"}:
            return c
        if c.dep_ in {"obj", "dobj"} and (
            cue.lemma_.lower() == "tell" or (accusative and "Acc" in case)
        ):
            return c
    phrases = channel_phrases(cue.doc.lang_)
    toks = list(region)
    lowered = [t.lower_ for t in toks]
    for k in range(len(toks)):
        for ph in phrases:
            if tuple(lowered[k : k + len(ph)]) == ph and k + len(ph) < len(toks):
                nxt = toks[k + len(ph)]
                # the noun the phrase governs: the head of the next word's phrase
                head = nxt
                while (
                    head.head is not head
                    and head.head.i > toks[k].i
                    and head.head.i < region.end
                    and head.dep_ in {"det", "amod", "compound", "flat", "nmod", "case", "det:poss"}
                ):
                    head = head.head
                if ph == ("to",) and cue.lemma_.lower() not in {
                    "say",
                    "speak",
                    "talk",
                    "explain",
                    "write",
                }:
                    continue
                if cue.doc.has_annotation("DEP") and cue.i not in {
                    head.head.i,
                    toks[k].head.i,
                    head.head.head.i,
                }:
                    continue  # the phrase must belong to the cue ("come to New York" doesn't)
                if head.pos_ in {"PROPN", "NOUN", "X"} or head.ent_type_:
                    return head
    return None
