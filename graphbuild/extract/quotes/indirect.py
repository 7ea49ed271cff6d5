"""Indirect speech: the clausal complement of a speech verb or speech noun ("sagte, dass …",
"die Forderung, … zu …"), statements attributed by "laut X", "X zufolge", "nach Angaben von
X", "wie X mitteilte", "demnach", "wonach", and a sentence taken up by "Dies gab X bekannt".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span, Token

from graphbuild.extract.quotes.attribution import (
    Speaker,
    frame_run,
    inside,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    cue_at,
    is_konjunktiv,
    is_konjunktiv_i,
    particle,
)
from graphbuild.extract.quotes.lexicon import speech_noun, speech_nouns
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
    sources_in,
    speaker_of,
)
from graphbuild.extract.quotes.spans import clean_parts, span_tokens, subtract, trim_chars
from graphbuild.extract.text import TokenTable, doc_text, token_table
from graphbuild.types import Quote

_COMPLEMENT_DEPS = frozenset({"ccomp", "parataxis", "oc", "xcomp", "csubj"})
# Pronominal adverbs that anticipate a following dass- or zu-clause (Duden-Grammatik,
# "Korrelat"): "wies darauf hin, dass …", "rief dazu auf, … zu …".
_ANTICIPATORS = frozenset(
    {"dazu", "darauf", "daran", "darüber", "dafür", "dagegen", "davon", "damit", "davor"}
    | {"daraus", "darum", "dabei"}
)
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
    prt = particle(tok)
    # a misparse hangs the clause on the separated particle ("gab bekannt, dass …")
    kids = [*tok.children, *(prt.children if prt is not None else ())]
    # "hält es für möglich, dass …", "zeigte sich zuversichtlich, dass …": the clause hangs
    # on the predicative adjective
    kids += [
        g
        for c in tok.children
        if c.pos_ == "ADJ" and c.dep_ in {"xcomp", "advmod", "obl", "acomp", "advcl"}
        for g in c.children
        if g.dep_ in {"ccomp", "advcl", "csubj"}
    ]
    # "wies darauf hin, dass …", "rief dazu auf, … zu …": the clause hangs on the
    # pronominal adverb that anticipates it
    kids += [
        g
        for c in tok.children
        if c.lower_ in _ANTICIPATORS
        for g in c.children
        if g.dep_ in _COMPLEMENT_DEPS or g.dep_ in {"advcl", "acl", "dep"}
    ]
    for c in kids:
        if c.dep_ not in _COMPLEMENT_DEPS and c.dep_ not in {"advcl", "dep", "conj"}:
            continue
        if c.pos_ not in {"VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON"}:
            continue
        marks = {m.lower_ for m in c.children if m.dep_ in {"mark", "cp"}}
        if any(
            m.lower_ == "zu"
            for a in c.children
            if a.dep_ in {"aux", "aux:pass", "cop"}
            for m in a.children
            if m.dep_ == "mark"
        ):
            marks.add("zu")  # "vorwarf, X bevorzugt zu haben": "zu" on the auxiliary
        if c.dep_ == "conj" and (c.i < tok.i or not marks & (_SUBORDINATORS | {"zu"})):
            continue  # a coordinated verb, unless a misparsed dass- or zu-clause
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
    if tok.dep_ in {"parataxis", "ccomp"} and tok.head.i != tok.i:
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


def _continuation(ctx: Context, cue: Token, clause: Token) -> int:
    """End of the reported content when it runs on past the first clause.

    "Er sagte, die Lage sei ernst, man müsse aber handeln" / "…, dass X und dass Y":
    parsers attach the further clauses to the cue verb, not to the first reported clause.
    The cue's later dependents count while they are not the cue's own coordinated verb
    ("und fügte hinzu") or another cue; the content then ends where the sentence does.
    """
    end = clause.right_edge.i
    for c in cue.children:
        if c.i <= end or c.left_edge.i <= end:
            continue
        if c.is_punct:
            continue
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and not _reported_clause(c):
            break  # "…, und fügte hinzu": the cue's own second verb
        if cue_at(c, ctx) is not None and not any(m.lower_ == "zu" for m in c.children):
            break  # another report ("…, und bestätigte, dass"), not an infinitive of this one
        end = c.right_edge.i
    tok = cue.doc[end]
    return tok.idx + len(tok)


def _wie_frame(tok: Token, sent: Span) -> int | None:
    """Start of a clause-initial "Wie X mitteilte," that ends with this cue (and its comma).

    Parsers often attach "wie" elsewhere; the word order itself is unambiguous: "Wie" opens
    the sentence and the cue verb closes the clause right before the comma.
    """
    doc = tok.doc
    if tok.i + 1 >= sent.end or doc[tok.i + 1].text != ",":
        return None
    start = sent.start
    if doc[start].lower_ != "wie" or tok.i - start > 25:
        return None
    # a finite verb before the cue means "wie" opens another construction, unless it is the
    # cue's own auxiliary ("wie X bekannt gegeben hat")
    between = doc[start + 1 : tok.i]
    finite = any(t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in between)
    if finite and not all(t.head.i == tok.i for t in between if t.pos_ == "AUX"):
        return None
    return start


def _clause_start(cue: Token, clause: Token) -> int:
    """Start of a reported clause that follows its cue: from the comma after the cue.

    "warf ihm vor, Urheber der Krise zu sein": parsers attach the predicate noun to the cue
    and leave the infinitive with "zu sein"; all words after the separating comma belong
    to the reported clause.
    """
    doc = cue.doc
    lo = clause.left_edge.i
    k = lo - 1
    while k > cue.i and doc[k].text != ",":
        k -= 1
    if k <= cue.i or k + 1 >= lo:
        return doc[lo].idx
    if any(t.text in {",", ";", ":", "(", "„", "“", '"'} for t in doc[k + 1 : lo]):
        return doc[lo].idx
    return doc[k + 1].idx


def _reported_clause(c: Token) -> bool:
    """A clause in Konjunktiv or introduced by dass/ob."""
    sub = [c, *(a for a in c.children if a.dep_ in {"aux", "aux:pass", "cop"})]
    if any(m.dep_ == "mark" and m.lower_ in _SUBORDINATORS for m in c.children):
        return True
    return any(is_konjunktiv(t) for t in sub)


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
    if j == tok.i + 1 and _zu_infinitive(body):  # the comma right after the cue
        return body.start_char, body.end_char, "zu"
    return None


_NOT_CONTENT_ZU = frozenset({"um", "ohne", "statt", "anstatt", "anstelle"})


def _zu_infinitive(body: Span) -> bool:
    """ "…, X die Lizenz zu entziehen.": the words up to the next comma form a zu-infinitive
    (no finite verb; "zu" + infinitive or an infinitive with infix -zu- at the end); "um …
    zu" and "ohne … zu" are adverbials, not content."""
    if body[0].lower_ in _NOT_CONTENT_ZU:
        return False
    seg = []
    for t in body:
        if t.text in {",", ";", ":", ".", "!", "?", "(", "„", "“", '"'}:
            break
        seg.append(t)
    if len(seg) < 2 or len(seg) > 25:
        return False
    if any(t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm") for t in seg[:-1]):
        return False
    last = seg[-1]
    if seg[-2].lower_ == "zu" and last.text[:1].islower():
        return True
    return re.fullmatch(r"\w+zu\w+en", last.lower_) is not None and last.text[:1].islower()


_DEMONSTRATIVES = frozenset({"dies", "das", "dieses", "diese", "dieser", "this", "that"})


def _anaphoric(
    ctx: Context, cue: Cue, taken: Sequence[tuple[int, int]]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """ "<Satz>. Dies gab die Polizei bekannt." — the demonstrative takes up the sentence before.

    A sentence opening with a demonstrative (dies, das, diese Entscheidung) that is the
    object or subject of the cue reports the previous sentence of the same paragraph; the
    content is that sentence plus the demonstrative phrase (two spans).
    """
    tok = cue.token
    sent = tok.sent
    first = sent[0]
    if first.lower_ not in _DEMONSTRATIVES or sent.start == 0:
        return None
    heads = {tok.i, *(c.i for c in tok.children if c.dep_ in {"aux", "aux:pass", "cop"})}
    dem = first
    if (
        first.lower_.startswith("dies")
        and first.head.pos_ == "NOUN"
        and first.head.i <= first.i + 3
    ):
        dem = first.head  # "Diese Entscheidung gab X bekannt"
    elif first.pos_ != "PRON" and first.head.i != tok.i:
        return None
    # "Das gab X bekannt" is often parsed with two subjects: the demonstrative is the object
    # then; as the only subject of an active verb it is the speaker ("Dies betonte …" aside)
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    passive = any(c.dep_ == "aux:pass" for c in tok.children)
    # "Dies gab Kessler bekannt" parsed with "Kessler" as object: a nominative after the verb
    # is the subject, so the fronted demonstrative is the object (object-verb-subject order)
    subjects += [c for c in tok.children if _nominative_object(c, tok)]
    allowed = {"obj", "dobj", "nsubj:pass"} | ({"nsubj"} if passive or len(subjects) > 1 else set())
    if dem.head.i not in heads or dem.dep_ not in allowed:
        return None  # "Das Land bat um Hilfe": an article, or the demonstrative is the speaker
    prev = tok.doc[sent.start - 1].sent
    text = doc_text(tok.doc)
    body = trim_chars(text, prev.start_char, prev.end_char)
    if body is None or text[body[1] - 1 : body[1]] == "?" or len(prev) < 4:
        return None
    if "\n" in text[body[1] : first.idx] or not ctx.content(prev.start_char):
        return None
    if any(s < body[1] and body[0] < e for s, e in taken):
        return None
    return body, (first.idx, dem.idx + len(dem))


def _anaphor_speaker(ctx: Context, cue: Cue, parts: Sequence[tuple[int, int]]) -> Speaker | None:
    """The subject of "Dies gab X bekannt" that is not the demonstrative itself."""
    dem_end = parts[-1][1]
    for c in cue.token.children:
        subj = c.dep_ in {"nsubj", "obl:agent"} or _nominative_object(c, cue.token)
        if subj and c.idx >= dem_end:
            return speaker_from_head(c, [cue.token], [], ctx.mentions, ctx.sents)
    return speaker_of(ctx, cue, [])


def _nominative_object(c: Token, verb: Token) -> bool:
    """A noun after the verb labelled object but in the nominative: the real subject."""
    return (
        c.dep_ == "obj"
        and c.i > verb.i
        and c.pos_ in {"NOUN", "PROPN"}
        and c.morph.get("Case") == ["Nom"]
    )


_RELATIVES = frozenset(
    {"der", "die", "das", "dem", "den", "denen", "deren", "dessen", "welche", "welcher"}
    | {"welches", "welchem", "welchen"}
)


def _relative_start(tok: Token) -> bool:
    """A clause opening with a relative pronoun, also after a preposition ("mit dem …")."""
    if "Rel" in tok.morph.get("PronType"):
        return True
    if tok.pos_ == "ADP" and tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]
        return nxt.lower_ in _RELATIVES and nxt.dep_ != "det"  # "mit dem", not "mit dem Plan"
    return tok.lower_.startswith("wo") and tok.lower_ in {
        "wo",
        "wobei",
        "womit",
        "worauf",
        "woran",
        "worin",
        "wodurch",
        "wofür",
    }


def _verb_first(tok: Token) -> bool:
    """A clause opening with its finite verb or a conjunction continues the main clause
    ("…, wurden aber festgenommen", "…, und später …"); reported verb-second clauses open
    with their subject or another phrase."""
    if tok.pos_ == "CCONJ" or tok.lower_ in {"und", "oder", "aber", "sondern"}:
        return True
    if tok.dep_ in {"aux", "aux:pass", "cop"} and tok.head.dep_ == "advcl":
        return False  # "Sollten sie es erfahren, so gebe es …": a verb-first condition
    if is_konjunktiv_i(tok):
        return False  # "…, stellte sie fest, seien die Rufe …": the report goes on after the frame
    return tok.pos_ in {"VERB", "AUX"} and "Fin" in tok.morph.get("VerbForm")


def _unbalanced_close(text: str, parts: Sequence[tuple[int, int]]) -> bool:
    """More closing than opening German quotation marks: the clause ends a quotation that
    began before it (a direct quote whose opening mark is missing or far back)."""
    body = "".join(text[a:b] for a, b in parts)
    return body.count("“") > body.count("„") and "”" not in body  # “…” is English style


def _subordinate(first: Span | None, clause: Token) -> bool:
    """A clause introduced by a subordinator or a question word of its own ("falls …",
    "wie …"): an adverbial or an indirect question, not a verb-second report. A preposed
    adverbial clause inside the report ("Als …, töteten sie …") does not count."""
    if first is None:
        return False
    tok = first[0]
    return tok.head.i == clause.i and (tok.pos_ == "SCONJ" or "Int" in tok.morph.get("PronType"))


def _coordinated_cues(ctx: Context, clause: Token) -> list[Token]:
    """Verbs of saying coordinated with a reported clause ("… zu verstärken und
    angekündigt, man werde …"): they open a report of their own, not part of this one."""
    return [
        c
        for c in clause.children
        if c.dep_ == "conj" and c.i > clause.i and cue_at(c, ctx) is not None
    ]


def _became_known(tok: Token) -> Cue | None:
    """ "Es wurde bekannt, dass …": *bekannt werden* reports what became public (its
    source unnamed); the adjective with a form of *werden* is the cue."""
    if tok.lower_ != "bekannt" or tok.pos_ not in {"ADJ", "ADV"}:
        return None
    aux = [
        c
        for c in tok.children
        if c.dep_ in {"aux", "aux:pass", "cop"} and c.lemma_.lower() == "werden"
    ]
    if not aux:
        return None
    spans = tuple(sorted((t.idx, t.idx + len(t)) for t in [tok, *aux]))
    return Cue(tok, None, spans)


def _token_text_at(tok: Token, j: int) -> str:
    return tok.doc[j].text


# Parts of speech a cue (VERB/AUX, or untagged/X), a speech noun (NOUN) can have; "bekannt"
# (ADJ/ADV) is checked by its form. Other tokens of a parsed doc are skipped unread.
_MAYBE_CUE = frozenset({"VERB", "AUX", "X", "", "NOUN"})
_CUE_POS = frozenset({"VERB", "AUX", "X", ""})


@dataclass(frozen=True, slots=True)
class _Content:
    """What a cue reports, before cleaning: a character range with holes cut out (the
    reporting clause of "Er sei krank, sagte X"), how it is marked, and its clause head.

    ``mark`` names the construction and the rule: ``wie`` ("Wie X mitteilte, …"), a
    complement's marking from ``_complement`` (``dass``, ``konj``, ``zu``, ``that``, ``v2``,
    ``inverted`` …), ``anaphor`` ("Dies gab X bekannt"), ``surface-*`` (a complement the
    parse missed) or, without a parse, the surface marking alone.
    """

    start: int
    end: int
    mark: str
    holes: tuple[tuple[int, int], ...] = ()
    clause: Token | None = None


def _cue_of(
    ctx: Context, i: int, table: TokenTable | None, taken: Sequence[tuple[int, int]]
) -> Cue | None:
    """The speech-verb cue at token ``i`` (or "bekannt werden"), skipping tokens in quotes
    and, in a parsed doc, tokens that cannot be a cue or a speech noun."""
    if table is not None:
        if table.pos[i] not in _MAYBE_CUE and table.lower[i] != "bekannt":
            return None
        if inside(table.idx[i], taken):
            return None
    elif inside(ctx.doc[i].idx, taken):
        return None
    tok = ctx.doc[i]
    # in a parsed doc only a verb, or an untagged token, can be a cue (see _cue_at)
    cue = cue_at(tok, ctx) if table is None or table.pos[i] in _CUE_POS else None
    if cue is None and ctx.parsed and ctx.lang == "de":
        cue = _became_known(tok)
    return cue


def _wie_content(ctx: Context, tok: Token, sent: Span) -> _Content | None:
    """ "Wie die Polizei mitteilte, wurden zwei Menschen verletzt": the main clause is what
    was said; the wie-clause is the frame, cut out as a hole."""
    as_clause = ctx.parsed and any(
        c.dep_ == "mark" and c.lower_ in {"wie", "as"} for c in tok.children
    )
    wie_start = _wie_frame(tok, sent) if ctx.lang == "de" else None
    if not (as_clause and tok.head.i != tok.i) and wie_start is None:
        return None
    if wie_start is not None:
        rep = tok.doc[wie_start : tok.i + 1]  # parsed or not: up to the cue
    else:
        rep = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    return _Content(sent.start_char, sent.end_char, "wie", ((rep.start_char, rep.end_char),))


def _missed_content(ctx: Context, cue: Cue, taken: Sequence[tuple[int, int]]) -> _Content | None:
    """When the parse found no complement: the plain pattern "sagte, dass …" / "sagte, er
    sei …" after the cue, else a demonstrative taking up the sentence before."""
    sc = _surface_complement(ctx, cue)
    if sc is not None:
        return _Content(sc[0], sc[1], "surface-" + sc[2], clause=cue.token)
    an = _anaphoric(ctx, cue, taken)
    if an is None:
        return None
    return _Content(an[0][0], an[1][1], "anaphor", ((an[0][1], an[1][0]),), clause=cue.token)


def _complement_content(
    ctx: Context, cue: Cue, taken: Sequence[tuple[int, int]]
) -> _Content | None:
    """The cue's complement clause in the parse, running on over further clauses the parser
    hangs on the cue; "Er sei krank, sagte X" has the reporting clause cut out."""
    tok = cue.token
    comp = _complement(ctx, cue)
    found = _missed_content(ctx, cue, taken) if comp is None else None
    if comp is None and found is None:
        return None
    mark = comp[1] if comp is not None else found.mark  # type: ignore[union-attr]
    if cue.verb is None and mark != "dass":
        return None  # "wurde bekannt" reports only a dass/ob-clause
    if comp is None:
        return found
    clause = comp[0]
    s, e = _clause_range(clause, _coordinated_cues(ctx, clause))
    if mark != "inverted" and clause.i > tok.i:
        e = max(e, _continuation(ctx, tok, clause))
        s = min(s, _clause_start(tok, clause))
    holes: tuple[tuple[int, int], ...] = ()
    if mark == "inverted":
        rep = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
        holes = ((rep.start_char, rep.end_char),)
    return _Content(s, e, mark, holes, clause)


def _content(
    ctx: Context, cue: Cue, sent: Span, taken: Sequence[tuple[int, int]]
) -> _Content | None:
    """What a cue reports: a wie-frame's main clause, else the complement (parsed), else the
    surface pattern after the cue (no parse)."""
    found = _wie_content(ctx, cue.token, sent)
    if found is not None:
        return found
    if ctx.parsed:
        return _complement_content(ctx, cue, taken)
    sc = _surface_complement(ctx, cue)
    return _Content(sc[0], sc[1], sc[2]) if sc is not None else None


def _no_report(
    ctx: Context,
    found: _Content,
    parts: tuple[tuple[int, int], ...],
    taken: Sequence[tuple[int, int]],
) -> bool:
    """Content that is no report after all: a direct quote already, a relative clause, the
    cue's subject going on, the tail of a quotation or a subordinate clause."""
    text = doc_text(ctx.doc)
    if _mostly_quoted(text, parts, taken):
        return True  # the complement is a direct quote already
    first = span_tokens(ctx.doc, parts[0][0], parts[0][0] + 1)
    if first is not None and _consecutive(first[0]):
        return True  # "…, so dass die Produktion ruht": a result, not what was said
    if first is not None and found.mark == "v2" and _relative_start(first[0]):
        return True  # a relative clause ("…, der …", "…, mit dem …"), not what was said
    if first is not None and found.mark in {"v2", "surface-konj"} and _verb_first(first[0]):
        return True  # "…, hat aber keine Aussicht": the cue's subject goes on, no report
    if found.mark == "v2" and found.clause is not None:
        # the tail of a quotation whose opening mark is missing; "falls …"
        return _unbalanced_close(text, parts) or _subordinate(first, found.clause)
    return False


def _consecutive(first: Token) -> bool:
    """A clause opened by "sodass" or "so dass" is a consecutive clause: it states a result,
    not what was said (Duden-Grammatik, Konsekutivsatz)."""
    low = first.lower_
    if low == "sodass":
        return True
    if low == "so" and first.i + 1 < len(first.doc):
        return first.doc[first.i + 1].lower_ in {"dass", "daß"}
    return low in {"dass", "daß"} and first.i > 0 and first.doc[first.i - 1].lower_ == "so"


def _verb_quote(
    ctx: Context, cue: Cue, sent: Span, taken: Sequence[tuple[int, int]]
) -> Quote | None:
    """The indirect quote a speech verb introduces, with its speaker, addressee and frame."""
    found = _content(ctx, cue, sent, taken)
    if found is None:
        return None
    text, tok = doc_text(ctx.doc), cue.token
    end = _extend_over_quotes(text, found.end, taken, sent.end_char)
    parts = clean_parts(text, subtract((found.start, end), list(found.holes)))
    if not parts or _no_report(ctx, found, parts, taken):
        return None
    speaker = speaker_of(ctx, cue, [])
    if found.mark == "anaphor":
        speaker = _anaphor_speaker(ctx, cue, parts)
    return _cued_quote(
        ctx,
        sent,
        parts,
        tok,
        speaker,
        cue_spans=cue.spans,
        **addressee_fields(addressee_of(ctx, cue, sent)),
        rule=f"quote.indirect.{found.mark}",
        confidence=0.75 if speaker else 0.4,
        medium=cue.verb.medium if cue.verb else "speech",
    )


def _source_quotes(ctx: Context, sent: Span, taken: Sequence[tuple[int, int]]) -> list[Quote]:
    """ "laut X", "X zufolge", "nach Angaben von X", "according to X": the sentence without
    the attribution phrase (what precedes ", so X")."""
    text = doc_text(ctx.doc)
    out = []
    for cue, spk, frame in sources_in(ctx, sent, taken):
        body = trim_chars(text, sent.start_char, sent.end_char)
        if body is None:
            continue
        parts = clean_parts(text, subtract(body, [frame]))
        if cue.token.lower_ == "so":
            parts = tuple(p for p in parts if p[1] <= frame[0])  # what precedes ", so X"
        if not parts or sum(b - a for a, b in parts) < 12 or _mostly_quoted(text, parts, taken):
            continue
        quoted = sum(max(0, min(b, qe) - max(a, qs)) for a, b in parts for qs, qe in taken)
        if cue.token.lower_ == "so" and quoted > 0.85 * sum(b - a for a, b in parts):
            continue  # „…“, so X: the direct quote has this source already
        out.append(
            _indirect_quote(
                text,
                parts,
                speaker=spk.mention,
                cue=cue.token.text,
                cue_span=cue.spans[0],
                cue_spans=cue.spans,
                sent=ctx.sent_no(parts[0][0]),
                rule="quote.indirect.source",
                confidence=0.7,
                speaker_phrase=spk.phrase,
                frame=(frame,),
                medium="speech",
            )
        )
    return out


def indirect_quotes(ctx: Context, taken: Sequence[tuple[int, int]]) -> list[Quote]:
    """Indirect speech outside the direct quotes ``taken``, sentence by sentence: complements
    of speech verbs, clauses of speech nouns, attribution phrases, demnach/wonach."""
    doc = ctx.doc
    table = token_table(doc) if ctx.parsed else None
    out: list[Quote] = []
    for sent in doc.sents:
        if not ctx.content(sent.start_char) or (
            inside(sent.start_char, taken) and inside(sent.end_char - 1, taken)
        ):
            continue
        for i in range(sent.start, sent.end):
            cue = _cue_of(ctx, i, table, taken)
            if cue is not None:
                q = _verb_quote(ctx, cue, sent, taken)
            elif table is not None and table.pos[i] == "NOUN" and not inside(table.idx[i], taken):
                q = _noun_quote(ctx, doc[i], sent, taken)
            else:
                q = None
            if q is not None:
                out.append(q)
        out.extend(_source_quotes(ctx, sent, taken))
        out.extend(_pronominal_sources(ctx, sent, taken))
    return _dedupe(out)


_CLAUSE_DEPS = frozenset(
    {"acl", "ccomp", "xcomp", "appos", "parataxis", "advcl", "csubj", "dep", "oc", "conj"}
)


def _noun_complement(ctx: Context, noun: Token, zu: bool) -> tuple[Token, str] | None:
    """The content clause of a speech noun: "die Forderung, X zu tun", "die Hoffnung, dass …",
    "der Vorwurf, er habe …". Parsers attach the clause to the noun or to its verb ("Er
    äußerte die Hoffnung, dass …"); either counts when it follows the noun after a comma."""
    doc = noun.doc
    cands = [c for c in noun.children if c.i > noun.i and c.dep_ in _CLAUSE_DEPS]
    head = noun.head
    if noun.dep_ in {"obj", "obl"} and head.i != noun.i:
        if any(
            is_konjunktiv(t)
            for t in (head, *head.children)
            if t.dep_ in {"aux", "cop"} or t is head
        ):
            return None  # "Es gebe Aussagen, dass …": the whole sentence is reported already
        cands += [c for c in head.children if c.i > noun.i and c.dep_ in _CLAUSE_DEPS]
    # "ist der Meinung, dass …": parsers take the dass-clause for a relative clause
    cands += [c for c in noun.children if c.i > noun.i and c.dep_ == "acl:relcl"]
    for c in sorted(cands, key=lambda c: c.i):
        if c.pos_ not in {"VERB", "AUX", "ADJ"}:
            continue
        lo = c.left_edge.i
        if lo <= noun.i or not (doc[lo - 1].text == "," or doc[lo].text == ","):
            continue
        first = doc[lo + 1] if doc[lo].text == "," else doc[lo]
        if "Rel" in first.morph.get("PronType") or (
            first.lower_ in {"der", "die", "das", "welche"} and first.dep_ != "det"
        ):
            continue  # a relative clause describes the noun ("die Bank" is no pronoun)
        marks = {m.lower_ for m in c.children if m.dep_ == "mark"}
        if marks & _SUBORDINATORS or first.lower_ in _SUBORDINATORS:
            return c, "dass"
        if c.dep_ == "acl:relcl":
            continue
        if marks - {"zu"}:
            continue  # um … zu, weil, wenn: no content clause
        if "zu" in marks or re.fullmatch(r"\w+zu\w+en", c.lower_):
            if zu and c.head.i == noun.i:
                return c, "zu"  # only the noun's own infinitive: "die Forderung, … zu"
            continue
        sub = [c, *(a for a in c.children if a.dep_ in {"aux", "aux:pass", "cop"})]
        if any(is_konjunktiv(t) for t in sub):
            return c, "konj"
    return None


def _noun_speaker(ctx: Context, noun: Token) -> Speaker | None:
    """Whose statement a speech noun names: its genitive or possessive ("die Forderung des
    Ministers", "seine Forderung"), else the subject of the verb it depends on ("Er
    äußerte die Hoffnung") or, for a predicative noun, of its copula ("Er ist der Meinung,
    dass …")."""
    for c in noun.children:
        poss = c.dep_ == "det" and "Poss=Yes" in str(c.morph)
        gen = (
            c.dep_ in {"nmod", "nmod:poss"}
            and c.pos_ in {"NOUN", "PROPN", "PRON"}
            and (
                "Gen" in c.morph.get("Case")
                or any(
                    d.lower_ in {"des", "der", "eines", "einer"}
                    for d in c.children
                    if d.dep_ == "det"
                )
            )
        )
        if poss or gen:
            return speaker_from_head(c, [noun], [], ctx.mentions, ctx.sents)
    if any(c.dep_ == "cop" for c in noun.children):
        subj = subject_token(noun)
        if subj is not None:
            return speaker_from_head(subj, [noun], [], ctx.mentions, ctx.sents)
    head = noun.head
    if noun.dep_ in {"obj", "obl"} and head.i != noun.i and head.pos_ in {"VERB", "AUX"}:
        subj = subject_token(head)
        if subj is not None:
            return speaker_from_head(subj, [head], [], ctx.mentions, ctx.sents)
    return None


def _noun_quote(
    ctx: Context, noun: Token, sent: Span, taken: Sequence[tuple[int, int]]
) -> Quote | None:
    """Indirect speech introduced by a speech noun (quote_speech_nouns.<lang>.tsv)."""
    key = speech_noun(noun.text, noun.lemma_, ctx.lang)
    if key is None:
        return None
    medium, zu = speech_nouns(ctx.lang)[key]
    comp = _noun_complement(ctx, noun, zu)
    if comp is None:
        return None
    clause, how = comp
    text = doc_text(ctx.doc)
    s, e = _clause_range(clause, [])
    e = _extend_over_quotes(text, e, taken, sent.end_char)
    parts = clean_parts(text, [(s, e)])
    if not parts or _mostly_quoted(text, parts, taken) or inside(parts[0][0], taken):
        return None
    det = [c for c in noun.children if c.dep_ == "det" and c.i < noun.i]
    cue_spans = tuple(sorted((t.idx, t.idx + len(t)) for t in [*det, noun]))
    speaker = _noun_speaker(ctx, noun)
    return _cued_quote(
        ctx,
        sent,
        parts,
        noun,
        speaker,
        cue_spans=cue_spans,
        rule=f"quote.indirect.noun-{how}",
        confidence=0.6 if speaker else 0.35,
        medium=medium,
    )


def _pronominal_sources(ctx: Context, sent: Span, taken: Sequence[tuple[int, int]]) -> list[Quote]:
    """Pronominal adverbs of source: "Demnach ist X schuldig" (the source is the one named
    before; the adverb stands for it) and "ein Bericht, wonach X festgenommen wurde" (the
    relative clause is what the noun before it says).
    """
    if not ctx.parsed or ctx.lang != "de":
        return []
    doc, text = ctx.doc, doc_text(ctx.doc)
    lower = token_table(doc).lower
    out = []
    for i in range(sent.start, sent.end):
        low = lower[i]
        if low not in {"demnach", "wonach"}:
            continue
        tok = doc[i]
        if inside(tok.idx, taken):
            continue
        speaker = None
        phrase: tuple[int, int] | None = (tok.idx, tok.idx + len(tok))
        holes: list[tuple[int, int]] = []
        if low == "demnach":
            if tok.i == sent.start:
                if tok.i + 1 >= sent.end or doc[tok.i + 1].pos_ not in {"VERB", "AUX"}:
                    continue  # only the clause-initial adverb: "Demnach hat …"
                span = trim_chars(text, doc[tok.i + 1].idx, sent.end_char, keep_final=True)
            elif tok.head.i == sent.root.i and tok.dep_ == "advmod":
                # "Die Truppen sollen demnach abziehen": the main clause, without the adverb
                span = trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
                holes = [(tok.idx, tok.idx + len(tok))]
            else:
                continue
        else:
            verb = tok.head
            if verb.pos_ not in {"VERB", "AUX", "ADJ"} or verb.i < tok.i:
                continue
            lo, hi = tok.i + 1, verb.right_edge.i + 1
            span = trim_chars(text, doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1]))
            ante = doc[tok.i - 2] if tok.i >= 2 and doc[tok.i - 1].text == "," else None
            if ante is not None and ante.pos_ in {"NOUN", "PROPN"}:
                found = speaker_from_head(ante, [tok], [], ctx.mentions, ctx.sents)
                speaker, phrase = found.mention, found.phrase
        if (
            span is None
            or span[1] - span[0] < 12
            or any(s < span[1] and span[0] < e for s, e in taken)
        ):
            continue
        parts = clean_parts(text, subtract(span, holes), keep_final=True)
        if not parts:
            continue
        out.append(
            _indirect_quote(
                text,
                parts,
                speaker=speaker,
                cue=tok.text,
                cue_span=(tok.idx, tok.idx + len(tok)),
                cue_spans=((tok.idx, tok.idx + len(tok)),),
                sent=ctx.sent_no(span[0]),
                rule=f"quote.indirect.{low}",
                confidence=0.5,
                speaker_phrase=phrase,
                frame=(),
                medium="speech",
            )
        )
    return out


def _indirect_quote(
    text: str, parts: tuple[tuple[int, int], ...], sent: int, **fields: Any
) -> Quote:
    """An indirect Quote over the character ``parts`` of ``text``; ``fields`` are the rest
    (speaker, cue, rule, confidence, frame, medium …)."""
    return Quote(
        start=parts[0][0],
        end=parts[-1][1],
        text=" ".join(text[a:b] for a, b in parts),
        kind="indirect",
        type="indirect",
        spans=parts,
        sent=sent,
        **fields,
    )


def _cued_quote(
    ctx: Context,
    sent: Span,
    parts: tuple[tuple[int, int], ...],
    cue: Token,
    speaker: Speaker | None,
    **fields: Any,
) -> Quote:
    """An indirect quote with its cue word, speaker and frame (the clause outside the parts
    around the cue); ``fields`` are the rest (cue_spans, rule, confidence, medium …)."""
    run = frame_run(sent, cue, list(parts))
    return _indirect_quote(
        doc_text(ctx.doc),
        parts,
        speaker=speaker.mention if speaker else None,
        speaker_phrase=speaker.phrase if speaker else None,
        cue=cue.text,
        cue_span=(cue.idx, cue.idx + len(cue)),
        sent=ctx.sent_no(parts[0][0]),
        frame=(run,) if run else (),
        **fields,
    )


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
    opening mark, or inside it, although the quoted words are part of what was reported.
    """
    for _ in range(4):
        gap_end = end
        while gap_end < limit and text[gap_end] in " \u00a0":
            gap_end += 1
        nxt = next(
            (q for q in taken if q[0] - 1 <= end < q[1] or gap_end <= q[0] <= gap_end + 1),
            None,
        )  # a quotation the clause runs into, or one right after it
        if nxt is None or nxt[1] > limit or nxt[1] <= end:
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
