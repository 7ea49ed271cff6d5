"""Who said it, to whom, with which word: speaker, addressee, cue and frame of a statement.

Works on the dependency parse when the pipeline has one (UD labels: ``nsubj`` of the cue verb,
``iobj``/``obj`` of "tell", ``case`` of "laut"/"gegenüber"), and falls back to the nearest
mention in the cue's clause when it has not. Returned spans are character offsets.

Example:
    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> words = ["Müller", "sagte", ",", "er", "komme", "."]
    >>> deps = ["nsubj", "ROOT", "punct", "nsubj", "ccomp", "punct"]
    >>> doc = Doc(Vocab(), words=words, heads=[1, 1, 4, 4, 1, 1], deps=deps)
    >>> subject_token(doc[1]).text
    'Müller'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from spacy.tokens import Doc, Span, Token

from graphbuild.extract.lexicons import pronoun_morph, rows, words
from graphbuild.extract.mentions import sentence_index
from graphbuild.extract.quotes.lexicon import channel_phrases
from graphbuild.extract.quotes.marks import marked_quotes
from graphbuild.extract.text import doc_text, token_table
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
    for s, e in spans:  # noqa: SIM110  (a plain loop: called for most tokens, ~2x faster than any())
        if s <= char < e:
            return True
    return False


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


_NOT_NOMINAL = frozenset({"ADV", "ADP", "SCONJ", "CCONJ", "PUNCT", "VERB", "AUX", "PART"})


_WERDEN = frozenset({"wird", "wurde", "wurden", "werden", "worden", "würde", "würden", "werde"})


def _passive(v: Token) -> bool:
    """A passive verb: an aux:pass, or a participle with a form of "werden" ("gefragt
    wurde"; "wird sagen" with an infinitive is the future, not a passive)."""
    if any(c.dep_ == "aux:pass" for c in v.children):
        return True
    return "Part" in v.morph.get("VerbForm") and any(
        c.dep_ == "aux" and c.lower_ in _WERDEN for c in v.children
    )


def _named(tok: Token) -> bool:
    """A name, a noun with a name in apposition ("der Sprecher Max Muster") or a personal
    pronoun ("er"): subjects rather than objects when the parse offers two."""
    if tok.pos_ == "PRON":
        return "Prs" in tok.morph.get("PronType") and tok.lower_ not in {"es", "it"}
    return tok.pos_ == "PROPN" or any(
        c.pos_ == "PROPN" and c.dep_ in {"appos", "flat", "flat:name"} for c in tok.children
    )


def _ambiguous_case(tok: Token) -> bool:
    """A noun whose article can be nominative ("der", "die", "das", "ein", "eine", none)."""
    dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
    return all(d in {"der", "die", "das", "ein", "eine"} for d in dets)


def _labelled_subject(v: Token, passive: bool, skip: frozenset[int]) -> Token | None:
    """The subject the parser labelled on the verb or its finite auxiliary.

    The finite auxiliary carries the subject in some parses ("Stoiber hatte … betont"). Two
    subjects are a misparse, typically of a dateline ("Brussels — the president said") or of
    an object taken for a subject: a name or personal pronoun beats a common noun ("Scherf
    warnte die CDU"), then the one next to the finite verb wins. Subjects at ids in ``skip``
    are passed over."""
    deps = SUBJECT_DEPS if passive else SUBJECT_DEPS | {"nsubj:pass"}
    auxes = [c for c in v.children if c.dep_ == "aux" and "Fin" in c.morph.get("VerbForm")]
    finite = auxes[0] if auxes else v
    subjects = [
        c
        for h in (v, *auxes)
        for c in h.children
        if c.dep_ in deps and c.pos_ not in _NOT_NOMINAL and not oblique(c) and c.i not in skip
    ]
    if not subjects:
        return None
    return min(subjects, key=lambda c: (not _named(c), abs(c.i - finite.i)))


def _object_labelled_subject(v: Token) -> Token | None:
    """A misparsed subject: a nominative noun or pronoun the parser attached as object (or as
    a clause); a name, and one before the verb, rather than one after it."""
    cands = [
        c
        for c in v.children
        if (
            c.dep_ in {"obj", "dep", "appos", "obl", "obl:arg", "iobj"}
            or (c.dep_ == "ccomp" and c.pos_ in {"NOUN", "PROPN"} and c.i < v.i)
        )
        and ("Nom" in c.morph.get("Case") or c.pos_ == "PROPN")
        and c.pos_ in {"NOUN", "PROPN", "PRON"}
        and not oblique(c)
        and not any(g.dep_ == "case" for g in c.children)
    ]
    return min(cands, key=lambda c: (not _named(c), c.i > v.i, c.i)) if cands else None


def _ambiguous_case_subject(v: Token) -> Token | None:
    """A subject whose article is nominative as well as genitive or dative ("äußerte sich der
    EU-Beauftragte X"): the tagger's case of such a subject is a guess."""
    return next(
        (
            c
            for c in v.children
            if c.dep_ in SUBJECT_DEPS and c.pos_ in {"NOUN", "PROPN"} and _ambiguous_case(c)
        ),
        None,
    )


def _subject_candidate(v: Token, passive: bool, skip: frozenset[int]) -> Token | None:
    """The verb's own subject: the labelled one, else a misparsed object, else an
    ambiguous-case noun."""
    subj = _labelled_subject(v, passive, skip)
    if subj is None:
        subj = _object_labelled_subject(v)
    if subj is None:
        subj = _ambiguous_case_subject(v)
    return subj


def _subjectless_conjunct(v: Token, subj: Token) -> bool:
    """A conjunct right after "und" has no subject of its own (no Vorfeld): what follows its
    verb is an object, the subject is the first conjunct's ("Die CCE bestätigte … und nannte
    sie „…“", "… und forderten die Regierung auf")."""
    return (
        v.dep_ == "conj"
        and subj.i > v.i
        and (subj.lower_ in {"sie", "es"} or v.doc[v.i - 1].pos_ == "CCONJ")
        and v.head.i != v.i
        and any(c.dep_ in SUBJECT_DEPS and c.i < v.head.i for c in v.head.children)
    )


def _impersonal_source(v: Token, subj: Token) -> Token | None:
    """The source of an impersonal "es"/"it" subject ("In dem Schreiben heißt es: …", "heißt
    es auf der Webseite"): the place named; German "es" alone names no one ("…, hieß es.")."""
    source = source_obl(v, {"in", "im", "laut", "auf", "bei", "beim", "aus"})
    if source is not None:
        return source
    return None if subj.lower_ == "es" else subj


def _relative_antecedent(v: Token, subj: Token) -> Token:
    """A relative-pronoun subject stands for its antecedent ("…, so Celebi, die auch angab, …"
    → Celebi; "der Minister, der sagte, …" → the minister); any other subject is itself."""
    relative = "Rel" in subj.morph.get("PronType") or subj.lower_ in _RELATIVES
    doc = subj.doc
    if relative and subj.i >= 2 and doc[subj.i - 1].text == ",":
        before = doc[subj.i - 2]
        if before.pos_ in {"NOUN", "PROPN"}:
            return before
    if relative and v.dep_.startswith("acl") and v.head.i != v.i:
        return v.head
    return subj


def _governing_verb(v: Token) -> Token | None:
    """The verb whose subject a subjectless verb shares: the sentence's root for a verb hung on
    one inside the quotation („…“, und fügt hinzu: „…“), the head of a conjunct, a controlled
    infinitive or participle, or an auxiliary; None when there is none."""
    quoted = quoted_tokens(v.doc)
    if v.dep_ in {"conj", "advcl", "parataxis"} and v.head.i in quoted and v.i not in quoted:
        root = v.sent.root
        if root.i in quoted or root.i == v.i:
            return None
        return root
    participle = bool(set(v.morph.get("VerbForm")) & {"Ger", "Part", "Inf"})
    if (v.dep_ in {"conj", "xcomp", "oc"} or (v.dep_ == "advcl" and participle)) and (
        v.head.i != v.i
    ):
        return v.head
    if v.dep_ in {"aux", "aux:pass", "cop"} and v.head.i != v.i:
        return v.head
    return None


def subject_token(verb: Token, skip: frozenset[int] = frozenset()) -> Token | None:
    """The grammatical subject of a cue verb, following conjunctions, control and relatives.

    Subjects at the token ids in ``skip`` are misparses and passed over (for a speaker: words
    inside the quotation, "„… Hand …“, so charakterisierte ihn X")."""
    seen = 0
    v: Token | None = verb
    while v is not None and seen < 4:
        seen += 1
        passive = _passive(v)
        subj = _subject_candidate(v, passive, skip)
        if subj is not None and _subjectless_conjunct(v, subj):
            v = v.head
            continue
        if subj is not None and subj.lower_ in {"es", "it"}:
            return _impersonal_source(v, subj)
        if subj is None and (passive or any(c.dep_ == "nsubj:pass" for c in v.children)):
            # passive "wurde von X kritisiert": the agent is the speaker
            return source_obl(v, {"von", "vom", "by"}, deps={"obl:agent", "obl", "agent"})
        if subj is not None:
            return _relative_antecedent(v, subj)
        v = _governing_verb(v)
    return None


def source_obl(
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


_FOCUS = frozenset({"auch", "nur", "selbst", "sogar", "even", "also", "only", "too"})
_CLOSING = {"(": ")", "[": "]", "„": "“", "»": "«", "«": "»", "‚": "‘", '"': '"', "“": "”"}


def _relative_clause(tok: Token) -> bool:
    """A clause attached to a noun that opens with a relative pronoun (", der …")."""
    if not tok.dep_.startswith("acl"):
        return False
    first = tok.doc[tok.left_edge.i]
    if first.is_punct and first.i + 1 < len(tok.doc):
        first = tok.doc[first.i + 1]
    if first.pos_ == "ADP" and first.i + 1 < len(tok.doc):
        first = tok.doc[first.i + 1]  # "…, mit dem er …"
    return "Rel" in first.morph.get("PronType") or first.lower_ in {"who", "which", "that"}


def balance(doc: Doc, lo: int, hi: int, limit: int) -> int:
    """Extend a token range over the closing bracket or quotation mark of one it opens."""
    want: list[str] = []
    for t in doc[lo:hi]:
        if want and t.text == want[-1]:
            want.pop()
        elif t.text in _CLOSING:
            want.append(_CLOSING[t.text])
    while want and hi < limit and doc[hi].text == want[-1]:
        want.pop()
        hi += 1
    return hi


_CIRCUMSTANCE_PREPS = frozenset(
    {"gegenüber", "auf", "mit", "vor", "nach", "während", "seit", "gegen", "über", "an", "am"}
    | {"laut", "zufolge", "im", "in", "beim", "to", "on", "at", "with", "after"}
)
_BOUNDARY = frozenset({",", ".", ";", ":", "!", "?"})
# words inside a title or affiliation ("Professor am Institut für …", "Leiterin der Abteilung
# … bei der Stiftung", "Obmann der Fraktion im Ausschuss")
_NP_LINKS = frozenset(
    {"für", "von", "vom", "des", "der", "und", "am", "im", "beim", "bei", "zur", "zum", "of"}
)


# Articles and possessives that open a noun phrase of their own after the speaker noun: not
# a genitive attribute (des/der/eines/einer/…s) but an object the parse hung on the subject
# ("der Präsident seine Position", "die Anwältin der Frau dem Richter").
_NEW_NP = frozenset(
    {"dem", "den", "einen", "einem", "das", "ein", "eine", "seine", "seinen", "seinem"}
    | {"ihre", "ihren", "ihrem", "unsere", "unseren", "diese", "diesen", "diesem"}
)


def _new_phrase_cut(doc: Doc, head: Token, hi: int) -> int:
    """End of the speaker phrase before an object or clause the parse attached to it."""
    for k in range(head.i + 1, hi):
        t = doc[k]
        prev = doc[k - 1]
        if t.pos_ == "SCONJ" or t.lower_ in {"dass", "daß"}:
            return k
        if t.lower_ in _NEW_NP and prev.pos_ not in {"ADP", "PUNCT", "CCONJ"}:
            return k
        if (
            t.lower_ in _NEW_NP
            and prev.text == ","
            and t.dep_ == "det"
            and "Art" in t.morph.get("PronType")
            and t.head.dep_ in {"obj", "iobj", "obl"}
        ):
            return k  # "der Vorsitzende, X, den Gesetzentwurf": an object after an apposition
    return hi


def _circumstance(c: Token) -> bool:
    """A prepositional dependent of a speaker noun that is a circumstance of the saying;
    "in"/"im" + a place name stays ("die Regierung in Lomé")."""
    if c.dep_ not in {"nmod", "obl", "prep"}:
        return False
    prep = next((g for g in c.children if g.dep_ in {"case", "prep"} and g.i < c.i), None)
    if prep is None or prep.lower_ not in _CIRCUMSTANCE_PREPS:
        return False
    return not (prep.lower_ in {"in", "im"} and c.pos_ == "PROPN")


def _np_end(doc: Doc, j: int, stop: Sequence[Token], quote_spans: Sequence[tuple[int, int]]) -> int:
    """End of a plain noun phrase (articles, adjectives, nouns, names, "für"/"der"
    attributes, quoted names) starting at j; j itself when none starts there."""
    stops = {t.i for t in stop}
    k = j
    while k < len(doc) and k - j < 12 and k not in stops and not inside(doc[k].idx, quote_spans):
        t = doc[k]
        if t.text in _MARKS:
            end = _quoted_name_end(doc, k, len(doc), NOUN_HOSTS)
            if end is None:
                break
            k = end
            continue
        if t.pos_ in {"DET", "ADJ", "NOUN", "PROPN", "NUM", "X"} or t.text in {"(", ")", "-"}:
            k += 1
            continue
        if t.pos_ in {"ADP", "CCONJ", "DET"} and t.lower_ in _NP_LINKS:
            k += 1
            continue
        break
    while (
        k > j and doc[k - 1].pos_ not in {"NOUN", "PROPN", "X"} and doc[k - 1].text not in ')“”»«"'
    ):
        k -= 1
    return k


def _closes(doc: Doc, k: int, stop: Sequence[Token]) -> bool:
    """The phrase may end before token k: a clause boundary or the cue."""
    return k >= len(doc) or doc[k].text in _BOUNDARY or any(t.i == k for t in stop)


def _affiliation(
    doc: Doc, hi: int, stop: Sequence[Token], quote_spans: Sequence[tuple[int, int]]
) -> int:
    """ "Ken Rice vom Institut für Astronomie": the von/vom attribute of a speaker."""
    if hi >= len(doc) or doc[hi].lower_ not in {"vom", "von"}:
        return hi
    end = _np_end(doc, hi + 1, stop, quote_spans)
    return end if end > hi + 1 and _closes(doc, end, stop) else hi


def _apposition(
    doc: Doc, hi: int, stop: Sequence[Token], quote_spans: Sequence[tuple[int, int]]
) -> int:
    """ "Max Muster, Sprecher der Polizei," / "der Sprecher, Max Muster,": an apposition
    between commas (or before the cue or the end of the sentence) the parse left out."""
    if hi + 1 >= len(doc) or doc[hi].text != "," or inside(doc[hi].idx, quote_spans):
        return hi
    first = doc[hi + 1]
    if "Rel" in first.morph.get("PronType") or first.pos_ not in {"DET", "ADJ", "NOUN", "PROPN"}:
        return hi
    end = _np_end(doc, hi + 1, stop, quote_spans)
    if end <= hi + 1 or not _closes(doc, end, stop):
        return hi
    if end < len(doc) and doc[end].text not in {",", "."} and not any(t.i == end for t in stop):
        return hi
    return end


def phrase_of(
    head: Token,
    stop: Sequence[Token],
    quote_spans: Sequence[tuple[int, int]],
    speaker: bool = True,
) -> tuple[int, int]:
    """The noun phrase a head token heads (its subtree), cut before a stop token or a quote.

    As a speaker is written in news text: with its article, adjectives, titles, genitive
    attributes and appositions ("der Sprecher der Polizei, Max Muster"), without a
    relative clause (", der …"), a leading focus particle ("Auch X") or its preposition.
    """
    doc = head.doc
    lo, hi = head.left_edge.i, head.right_edge.i + 1
    if doc.has_annotation("SENT_START"):
        lo, hi = max(lo, head.sent.start), min(hi, head.sent.end)  # a misparse across a stop
    for t in stop:
        if lo <= t.i < hi:
            if t.i < head.i:
                lo = t.i + 1
            else:
                hi = t.i
    for t in doc[head.i + 1 : hi]:
        if _relative_clause(t) and t.left_edge.i > head.i:
            hi = t.left_edge.i
            break
    i = head.i
    while i > lo and not inside(doc[i - 1].idx, quote_spans):
        i -= 1
    lo = i
    j = head.i + 1
    while j < hi and not inside(doc[j].idx, quote_spans):
        j += 1
    hi = j
    # "PDS-Sprecher Max Muster" parsed as two subjects: the title belongs to the name
    # or attached elsewhere ("General Michael Hagee", "Der GdP-Vorsitzende Konrad Freiberg")
    before = doc[lo - 1] if lo > 0 else None
    if (
        before is not None
        and before.pos_ in {"NOUN", "PROPN"}
        and head.pos_ == "PROPN"
        and not any(s.i == before.i for s in stop)
        and not inside(before.idx, quote_spans)
        and (
            (before.dep_ == head.dep_ and before.head.i == head.head.i)
            or before.head.i in {head.i, head.head.i}
            or head.head.i == before.i
        )
    ):
        lo = min(lo, before.left_edge.i)
    if speaker:
        hi = _new_phrase_cut(doc, head, hi)
    # a prepositional phrase that says where or to whom, not who ("der Minister gegenüber
    # der Zeitung", "der Student auf der Anklagebank"): not part of the speaker
    for c in head.children if speaker else ():
        if c.i > head.i and c.left_edge.i < hi and _circumstance(c):
            hi = min(hi, c.left_edge.i)
    while speaker and hi - 1 > head.i and doc[hi - 1].pos_ in {"ADV", "PART"}:
        hi -= 1  # "Hartmann selbst", "Guttenberg wörtlich"
    if speaker and (hi == head.right_edge.i + 1 or hi == head.i + 1):
        hi = _affiliation(doc, hi, stop, quote_spans)
        hi = _apposition(doc, hi, stop, quote_spans)
    # a quoted name right after the phrase: "die Zeitung „Yemen Observer“"
    end = _quoted_name_end(doc, hi, len(doc), NOUN_HOSTS) if hi < len(doc) else None
    if end is not None and not inside(doc[hi].idx, quote_spans):
        hi = end
    # the phrase itself, without its own preposition ("in dem Schreiben" → "dem Schreiben")
    # or a dangling function word at its end ("der Gewerkschaft als")
    while lo < head.i and (
        doc[lo].pos_ in {"ADP", "CCONJ", "SCONJ"}
        or (doc[lo].lower_ in _FOCUS and doc[lo].pos_ in {"ADV", "PART"})
    ):
        lo += 1
    while hi - 1 > head.i and (
        doc[hi - 1].pos_ in {"ADP", "CCONJ", "SCONJ"} or doc[hi - 1].is_punct
    ):
        hi -= 1
    span = _trim(doc, lo, hi)
    if span is None:
        return head.idx, head.idx + len(head)
    limit = head.sent.end if head.doc.has_annotation("SENT_START") else len(doc)
    end = balance(doc, lo, hi, limit)
    if end > hi and not inside(doc[end - 1].idx, quote_spans):
        span = (span[0], doc[end - 1].idx + len(doc[end - 1]))
    return span


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
        morph=pronoun_morph(span.text, lang, str(head.morph))
        if kind == "pronoun"
        else str(head.morph),
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


_MARKS = frozenset('„“”"»«')
# Punctuation that separates a frame from its quote; the corpus annotations count it as part
# of the frame ("Er sagte:", "Er sagte, dass …", "…, sagte er").
_FRAME_PUNCT = frozenset({",", ":", ";"})
_CLAUSE_DEPS = frozenset({"ccomp", "parataxis", "csubj", "oc"})
_CLAUSE_OPENERS = frozenset({"dass", "daß", "ob", "that", "whether"})
_NAME_HOSTS = frozenset({"DET", "ADP"})
NOUN_HOSTS = frozenset({"DET", "ADP", "NOUN", "PROPN"})


def _complement_tokens(cue: Token) -> set[int]:
    """Token ids of the clauses the cue introduces (what is said, not how it is framed)."""
    out: set[int] = set()
    for c in cue.children:
        clause = c.dep_ in _CLAUSE_DEPS or (
            c.dep_ in {"xcomp", "advcl"}
            and c.pos_ in {"VERB", "AUX"}
            and any(g.dep_ in {"mark", "nsubj", "nsubj:pass"} for g in c.children)
        )
        if clause:
            out.update(range(c.left_edge.i, c.right_edge.i + 1))
    return out


def _quoted_name_end(
    doc: Doc, i: int, limit: int, after: frozenset[str] = _NAME_HOSTS
) -> int | None:
    """End (exclusive) of a quoted name opening at token i („Computerwoche“, der „Spiegel“):
    at most four capitalised words right after an article or preposition (or, for a
    speaker phrase, a noun: "die Zeitung „Yemen Observer“")."""
    if i == 0 or doc[i].text not in _MARKS or doc[i - 1].pos_ not in after:
        return None
    j = i + 1
    while j < limit and j - i <= 5 and doc[j].text not in _MARKS:
        if not doc[j].text[:1].isupper() and doc[j].pos_ not in {"ADP", "DET", "PUNCT"}:
            return None
        j += 1
    if j >= limit or doc[j].text not in _MARKS or j == i + 1:
        return None
    return j + 1


def frame_run(
    sent: Span, cue: Token, quote_spans: Sequence[tuple[int, int]]
) -> tuple[int, int] | None:
    """The stretch of the cue's sentence outside any quote that holds the cue.

    It stops at the quote, at a quotation mark and at the clauses the cue introduces
    ("sagte, die Lage sei „ernst“" → "sagte,"); a quoted name inside it stays
    ("schreibt die „Computerwoche“"). The comma or colon between frame and quote is part
    of it ("Er sagte:", ", sagte er"), a sentence-final mark is not.
    """
    doc = sent.doc
    if cue.pos_ == "ADP" and cue.dep_ == "case" and cue.head.i != cue.i:
        # an attribution preposition ("laut X", "nach Angaben von X", "X zufolge"): the
        # frame is its phrase, not the clause around it
        lo = min(cue.i, cue.head.left_edge.i)
        hi = max(cue.i, cue.head.right_edge.i) + 1
        inner = [k for k in range(lo, hi) if inside(doc[k].idx, quote_spans)]
        if not inner:
            return _trim(doc, lo, hi)
    blocked = _complement_tokens(cue) if doc.has_annotation("DEP") else set()

    def free(i: int) -> bool:
        return not inside(doc[i].idx, quote_spans) and i not in blocked

    def crossable(opening: int, end: int) -> bool:
        """A quoted name („Zeit“) inside the frame, not a quoted fragment it frames."""
        if any(k in blocked for k in range(opening, end)):
            return False
        inner = range(opening + 1, end - 1)
        return all(free(k) for k in inner) or _names_something(doc, inner)

    def boundary(comma: int) -> bool:
        """A comma before "dass"/"ob" ends the frame even when the parse does not make the
        clause the cue's complement ("gab an, dass …")."""
        nxt = doc[comma + 1] if comma + 1 < len(doc) else None
        return doc[comma].text == "," and nxt is not None and nxt.lower_ in _CLAUSE_OPENERS

    lo = cue.i
    while lo > sent.start and free(lo - 1):
        if doc[lo - 1].text in _MARKS:
            start = lo - 1
            while start > sent.start and doc[start - 1].text not in _MARKS:
                start -= 1
            opening = start - 1
            end = _quoted_name_end(doc, opening, lo) if opening >= sent.start else None
            if end != lo or not crossable(opening, lo):
                break
            lo = opening
            continue
        lo -= 1
    hi = cue.i + 1
    while hi < sent.end and free(hi) and not boundary(hi):
        if doc[hi].text in _MARKS:
            end = _quoted_name_end(doc, hi, sent.end)
            if end is None or not crossable(hi, end):
                break
            hi = end
            continue
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space) and doc[lo].text not in _MARKS:
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        if doc[hi - 1].text in _MARKS and _quoted_name_end(doc, _open_mark(doc, hi - 1, lo), hi):
            break
        hi -= 1
    if lo >= hi:
        return None
    # the separating mark may belong to the complement's subtree in the parse
    if hi < sent.end and doc[hi].text in _FRAME_PUNCT and not inside(doc[hi].idx, quote_spans):
        hi += 1
    if lo > sent.start and doc[lo - 1].text == "," and not inside(doc[lo - 1].idx, quote_spans):
        lo -= 1
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])


_NAMING_DEPS = frozenset({"nsubj", "nsubj:pass", "nmod", "obl", "appos", "flat", "compound"})


def _names_something(doc: Doc, inner: range) -> bool:
    """Quoted words that name the source or its medium (subject, attribute, adverbial),
    not an object or predicate the quote supplies ("nannte ihn einen „Lügner“")."""
    roots = [doc[k] for k in inner if not inner.start <= doc[k].head.i < inner.stop]
    return bool(roots) and all(
        r.dep_ in _NAMING_DEPS or r.dep_ == "flat:name" or r.head.pos_ in {"NOUN", "PROPN"}
        for r in roots
    )


def _open_mark(doc: Doc, close: int, lo: int) -> int:
    """The opening quotation mark matching the closing one at token ``close``."""
    j = close - 1
    while j > lo and doc[j].text not in _MARKS:
        j -= 1
    return j


_DATIVE_PRONOUNS = frozenset({"ihm", "ihnen", "ihr", "dir", "euch"})
_NOT_ADDRESSEE = frozenset({"sich", "mir", "uns", "dir", "mich"})


def _dative(c: Token) -> bool:
    """A dative noun phrase: the tagger's case, unless its article shows another case;
    "dem"/"einem" are dative whatever the tag says."""
    if {g.lower_ for g in c.children if g.dep_ == "det"} & {"dem", "einem"}:
        return True
    if "Dat" not in c.morph.get("Case"):
        return False
    if c.pos_ == "PRON":
        return c.lower_ in _DATIVE_PRONOUNS
    dets = [g.lower_ for g in c.children if g.dep_ in {"det", "det:poss"}]
    if any(d in {"die", "das", "ein", "eine", "des", "eines"} for d in dets):
        return False  # never dative
    if "den" in dets and "Plur" not in c.morph.get("Number"):
        return False  # "den" is dative only in the plural ("den Behörden")
    # "der Sprecher" is nominative; "der Zeitung" dative
    return "der" not in dets or "Fem" in c.morph.get("Gender")


def _quoted_in_range(quoted: frozenset[int], lo: int, hi: int) -> bool:
    """Whether a quoted token id lies in lo..hi: a cheap test before walking a subtree, whose
    tokens all lie between its left and right edge."""
    if hi - lo < len(quoted):
        return any(i in quoted for i in range(lo, hi + 1))
    return any(lo <= i <= hi for i in quoted)


def quoted_tokens(doc: Doc) -> frozenset[int]:
    """Ids of the tokens inside quotation marks (computed once per doc)."""
    key = "graphbuild.quoted_tokens"
    cached = doc.user_data.get(key)
    if cached is None:
        out: set[int] = set()
        for q in marked_quotes(doc_text(doc)):
            for s, e in q.spans:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is not None:
                    out.update(range(span.start, span.end))
        cached = doc.user_data[key] = frozenset(out)
    return cached


def _dative_article(c: Token) -> bool:
    """The article alone shows a dative: dem/einem/einer, der + feminine, den + plural."""
    dets = {g.lower_ for g in c.children if g.dep_ in {"det", "det:poss"}}
    if dets & {"dem", "einem", "einer"}:
        return True
    if "der" in dets and "Fem" in c.morph.get("Gender") and "Plur" not in c.morph.get("Number"):
        return True
    return "den" in dets and "Plur" in c.morph.get("Number")


@cache
def _endings(name: str, lang: str) -> tuple[str, ...]:
    return tuple(sorted(words(name, lang), key=len, reverse=True))


@cache
def _channel_nouns(lang: str) -> Mapping[str, str]:
    return MappingProxyType(
        {r["noun"].strip(): r["prep"].strip() for r in rows("quote_channel_nouns", lang)}
    )


def _belongs_to(cue: Token, tok: Token) -> bool:
    """The token depends on the cue, at most three heads up (a misattached PP counts)."""
    h = tok
    for _ in range(4):
        if h.i == cue.i:
            return True
        if h.head.i == h.i:
            return False
        h = h.head
    return False


def _object_of(prep: Token, region: Span) -> Token | None:
    """The noun a preposition governs: the first noun/name after it, within a few words."""
    for t in prep.doc[prep.i + 1 : min(region.end, prep.i + 8)]:
        if t.pos_ in {"NOUN", "PROPN"} or (t.pos_ == "X" and t.text[:1].isupper()):
            return t
        if t.pos_ not in {"DET", "ADJ", "NUM", "PUNCT", "ADV"} and not (
            t.pos_ == "PRON" and "Poss=Yes" in str(t.morph)
        ):
            return None
    return None


def preposition_before(tok: Token) -> Token | None:
    """The preposition introducing a noun phrase ("mit einem Sender" → "mit"), if any."""
    j = tok.i - 1
    while j >= 0 and (
        tok.doc[j].pos_ in {"DET", "ADJ", "NUM"} or "Poss=Yes" in str(tok.doc[j].morph)
    ):
        j -= 1
    return tok.doc[j] if j >= 0 and tok.doc[j].pos_ == "ADP" else None


def _dependent_addressee(
    cue: Token, accusative: bool, speaker: Token | None, passive: bool
) -> Token | None:
    """The addressee among the cue's own nominal dependents: a dative object (the parser's
    label varies, so any dependent in the dative that is not the speaker), the object of
    "tell", the accusative object of an ``addressee=acc`` verb ("forderte die Regierung
    auf") or its passive subject ("wurde aufgefordert"), or a fronted object the parser took
    for a second subject ("Der Politik schlug er vor")."""
    quoted = quoted_tokens(cue.doc)
    for c in cue.children:
        if c.pos_ not in {"PROPN", "NOUN", "PRON"} or any(g.dep_ == "case" for g in c.children):
            continue
        if (speaker is not None and c.i == speaker.i) or c.i in quoted:
            continue
        if _quoted_in_range(quoted, c.left_edge.i, c.right_edge.i) and any(
            t.i in quoted and t.text[:1].islower() for t in c.subtree
        ):
            continue  # "forderte einen „offensiven Umgang …“": the object is the quote
        case = set(c.morph.get("Case"))
        dative = c.dep_ in {"iobj", "dative", "da"} or (
            c.dep_ in {"obj", "obl", "obl:arg", "nsubj", "nsubj:pass"} and _dative(c)
        )
        if dative and c.lower_ not in _NOT_ADDRESSEE:
            return c
        if (
            c.dep_ in {"obj", "dobj"}
            and c.lower_ not in _NOT_ADDRESSEE
            and (cue.lemma_.lower() == "tell" or (accusative and not case & {"Dat", "Gen"}))
        ):
            return c  # "forderte die Regierung auf": nominative and accusative often agree
        if accusative and passive and c.dep_ in {"nsubj:pass", "nsubj"} and c.pos_ != "PRON":
            return c  # "Die Regierung wurde aufgefordert, …"
        # a second "subject" besides the speaker is a fronted object: "Der Politik schlug er
        # vor", "Die Bürger forderte er auf"
        second = c.dep_ == "nsubj" and speaker is not None and c.pos_ != "PRON" and not passive
        if second and (accusative or _dative_article(c)):
            return c
    return None


def _audience_or_message_addressee(cue: Token, region: Span, ids: list[int]) -> Token | None:
    """An audience after "vor"/"before" ("vor Journalisten") or a message noun's attribute ("in
    einem Schreiben an die Mitarbeiter"), both belonging to the cue; ``ids`` are the region's
    tokens outside the quotation and the reported clause."""
    doc = cue.doc
    lang = doc.lang_
    table = token_table(doc)
    audience = _endings("quote_audiences", lang)
    channels = _channel_nouns(lang)
    for i in ids:
        low = table.lower[i]
        before = low in {"vor", "before"}
        if not before and table.pos[i] != "NOUN":
            continue
        t = doc[i]
        if before and _belongs_to(cue, t):
            obj = _object_of(t, region)
            if obj is not None and obj.lower_.endswith(audience):
                return obj
        elif t.pos_ == "NOUN" and _belongs_to(cue, t):
            prep = next((p for e, p in channels.items() if low.endswith(e)), None)
            j = t.i + 1
            if prep and j < region.end and t.doc[j].lower_ == prep:
                obj = _object_of(t.doc[j], region)
                if obj is not None:
                    return obj
    return None


def _phrase_noun(nxt: Token, first: Token, region: Span) -> Token:
    """The noun a channel phrase governs: the head of the phrase of the word after it, climbed
    through determiners, modifiers and case markers within the region."""
    head = nxt
    while (
        head.pos_ not in {"NOUN", "PROPN", "X"}
        and head.head.i != head.i
        and head.head.i > first.i
        and head.head.i < region.end
        and head.dep_ in {"det", "amod", "compound", "flat", "nmod", "case", "det:poss"}
    ):
        head = head.head
    return head


def _channel_phrase_addressee(cue: Token, region: Span, ids: list[int]) -> Token | None:
    """The noun after a channel phrase of the lexicon ("gegenüber CNN", "told to", "in an
    interview with") that belongs to the cue ("come to New York" doesn't); English "to" only
    after verbs of saying."""
    doc = cue.doc
    table = token_table(doc)
    phrases = channel_phrases(doc.lang_)
    firsts = {ph[0] for ph in phrases}
    lowered = [table.lower[i] for i in ids]
    for k in range(len(ids)):
        if lowered[k] not in firsts:
            continue
        first = doc[ids[k]]
        for ph in phrases:
            if tuple(lowered[k : k + len(ph)]) == ph and k + len(ph) < len(ids):
                head = _phrase_noun(doc[ids[k + len(ph)]], first, region)
                if ph == ("to",) and cue.lemma_.lower() not in {
                    "say",
                    "speak",
                    "talk",
                    "explain",
                    "write",
                }:
                    continue
                if doc.has_annotation("DEP") and cue.i not in {
                    head.head.i,
                    first.head.i,
                    head.head.head.i,
                }:
                    continue
                if head.pos_ in {"PROPN", "NOUN", "X"} or head.ent_type_:
                    return head
    return None


def addressee_token(
    cue: Token, region: Span, accusative: bool = False, speaker: Token | None = None
) -> Token | None:
    """Whom a statement was made to: "told CNN", "sagte der Zeitung", "gegenüber CNN".

    A dative object of the cue (German; the parser's label varies, so any dependent in the
    dative that is not the speaker), the object of "tell" (English), the accusative object
    of verbs that take the addressee in the accusative ("forderte die Regierung auf",
    lexicon column ``addressee=acc``) or their passive subject ("wurde aufgefordert"), an
    audience after "vor" ("vor Journalisten"), a message noun's attribute ("in einem
    Schreiben an die Mitarbeiter"), or a channel phrase attached to the cue.
    """
    found = _dependent_addressee(cue, accusative, speaker, _passive(cue))
    if found is not None:
        return found
    # phrases inside the quotation or the reported clause are not the addressee
    doc = cue.doc
    inner = quoted_tokens(doc) | (_complement_tokens(cue) if doc.has_annotation("DEP") else set())
    ids = [i for i in range(region.start, region.end) if i not in inner]
    found = _audience_or_message_addressee(cue, region, ids)
    if found is not None:
        return found
    return _channel_phrase_addressee(cue, region, ids)


# Pronominal adverbs that stand for a complement clause ("geht davon aus, dass …",
# "wies darauf hin, dass …", "fordert dazu auf, … zu …"): part of the cue then.
_CORRELATES = frozenset(
    {"davon", "darauf", "damit", "dazu", "darüber", "dafür", "darum", "daran", "dagegen"}
)


def cue_extras(tok: Token) -> list[Token]:
    """Parts of a German cue verb besides the verb, its particle and preceding auxiliaries.

    The auxiliaries after a verb-final cue ("bekanntgegeben hat", "zitiert wird"); a
    reflexive pronoun of a reflexive speech verb ("äußerte sich"); the "es" of "heißt es";
    and the correlate of a complement clause ("geht davon aus, dass …"). Needs a parse.
    """
    if tok.doc.lang_ != "de":
        return []
    out: list[Token] = []
    has_clause = any(
        c.dep_ in _CLAUSE_DEPS | {"xcomp", "advcl"}
        and any(g.dep_ == "mark" and g.lower_ in {"dass", "daß", "ob", "zu"} for g in c.children)
        for c in tok.children
    )
    for c in tok.children:
        if c.dep_ in {"aux", "aux:pass"} and c.i > tok.i:
            out.append(c)
            out.extend(g for g in c.children if g.dep_ in {"aux", "aux:pass"} and g.i > tok.i)
        elif (
            (c.lower_ == "sich" and "Reflex=Yes" in str(c.morph) and c.dep_ in {"obj", "expl"})
            or (c.lower_ == "es" and tok.lemma_.lower() == "heißen")
            or (c.lower_ in _CORRELATES and has_clause)
        ):
            out.append(c)
    return out
