"""Reported speech ('X forderte Neuwahlen', 'X wertet A als B', 'Die Partei will die Steuern
senken') and free indirect speech (Konjunktiv sentences that continue a report, the speaker carrying over, and
Konjunktiv I sentences on their own).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from graphbuild.extract.quotes import context
from graphbuild.extract.quotes.attribution import (
    Speaker,
    inside,
    oblique,
    source_obl,
    speaker_from_head,
    subject_token,
)
from graphbuild.extract.quotes.context import (
    Context,
    Cue,
    cue_at,
    finite_verbs,
    is_konjunktiv,
    is_konjunktiv_i,
)
from graphbuild.extract.quotes.lexicon import SpeechVerb, konjunktiv_forms, naming_predicatives
from graphbuild.extract.quotes.sources import (
    addressee_fields,
    addressee_of,
    sentence_subject,
)
from graphbuild.extract.quotes.spans import trim_chars
from graphbuild.extract.text import doc_text
from graphbuild.types import Quote


def reported_quotes(
    ctx: Context, quoted: Sequence[tuple[int, int]], clauses: Sequence[tuple[int, int]]
) -> list[Quote]:
    """'X forderte Neuwahlen': a reported-speech verb with a subject and an object.

    ``quoted`` are the spans of direct quotes, ``clauses`` those of indirect ones. Per
    sentence, in four named steps: the sentence is still open (``_open_sentence``), its
    main verb is a speech act (``_speech_act``) with an object that carries the content
    (``_reported_objects``) and a subject that can speak (``_reporter``).
    """
    if not ctx.parsed:
        return []
    out = []
    for sent in ctx.doc.sents:
        if not _open_sentence(ctx, sent, quoted, clauses):
            continue
        act = _speech_act(ctx, sent.root)
        if act is None:
            continue
        if not _reported_objects(sent.root, act[0]):
            continue
        subj = _reporter(sent.root)
        if subj is None:
            continue
        quote = _reported_quote(ctx, sent, act, subj)
        if quote is not None:
            out.append(quote)
    return out


def _open_sentence(
    ctx: Context,
    sent: Span,
    quoted: Sequence[tuple[int, int]],
    clauses: Sequence[tuple[int, int]],
) -> bool:
    """A content sentence that is no question, holds no indirect quote and is not mostly a
    direct quote: a quoted phrase inside ("warnte vor einem „Abfluss von Kompetenz“") is
    part of the reported speech, as the corpus annotates it."""
    if not ctx.content(sent.start_char) or _overlaps(sent, clauses):
        return False
    if _mostly_taken(sent, quoted) or inside(sent.root.idx, quoted):
        return False
    if _quotation_carries_it(sent, quoted):
        return False
    return not doc_text(ctx.doc)[sent.start_char : sent.end_char].rstrip().endswith("?")


def _quotation_carries_it(sent: Span, quoted: Sequence[tuple[int, int]]) -> bool:
    """A direct quote in the sentence is what was said: it runs past the sentence, follows a
    colon after the verb ("X warnte: „…“") or closes the clause ("nannte den Plan „Unsinn“", "sprach von
    einer „Katastrophe“"). A quoted phrase with more said after it ("gab die Zustimmung „trotz
    Vorbehalten“ bekannt", "warnte vor einem „Abfluss“ ins Ausland") is part of reported
    speech."""
    text = doc_text(sent.doc)
    for s, e in quoted:
        if not (s < sent.end_char and sent.start_char < e):
            continue
        if s < sent.start_char or e > sent.end_char:
            return True
        if s > sent.root.idx and text[max(0, s - 4) : s].rstrip(' „“"»«').endswith(":"):
            return True  # a colon before the verb ("IG Bau (kurz: „IG Bau“) warnt") does not
        if not any(t.idx >= e and t.pos_ in _CONTENT_POS for t in sent):
            return True
    return False


# Parts of speech that carry content of their own (not article, pronoun, particle).
_CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "VERB"})


def _speech_act(ctx: Context, root: Token) -> tuple[Cue, str] | None:
    """The cue and rule when a clause's verb reports a speech act of its subject: a verb
    marked ``reported`` in the lexicon, or an announced intention (*wollen*)."""
    cue = cue_at(root, ctx)
    passive = any(c.dep_ in {"aux:pass", "nsubj:pass", "expl"} for c in root.children)
    if passive and _agent(root) is None:
        return None  # "wurde abgelehnt": a passive without "von X" names no speaker
    if any(c.dep_ == "mark" and c.lower_ in _SUBORDINATORS for c in root.children):
        return None  # "Dass X den Plan ablehnt, ist …": a subordinate clause misparsed as root
    rule = "quote.reported.passive" if passive else "quote.reported.verb"
    judged = (
        _judgement(ctx, root)
        if cue is None or cue.verb is None or cue.verb.reported == "no"
        else None
    )
    if judged is not None:
        cue, rule = judged, "quote.reported.judgement"
    elif cue is None and ctx.lang == "de" and not passive:
        cue = _intention(root)
        rule = "quote.reported.intention"
    if cue is None or cue.verb is None:
        return None
    if passive and cue.verb.reported != "yes":
        return None  # "war von X ausgegangen": only a verb with an object has a passive
    if cue.verb.reported == "no" or (
        cue.verb.reported == "yes"
        and any(c.dep_ == "obj" and c.lower_ in {"sich", "mich", "uns"} for c in root.children)
    ):
        return None  # "meldete sich": reflexive use is no speech act ("sprach sich für … aus" is)
    if any(c.dep_ == "aux" and c.lemma_.lower() in _DEONTIC for c in root.children):
        return None  # "X muss mit einer Strafe rechnen": an obligation, not X's speech act
    if any(c.dep_ == "advmod" and c.lower_ in _NEGATION for c in root.children):
        return None  # "X hat den Rücktritt nicht gefordert": no speech act is reported
    if cue.verb.lemma == "fordern" and any(_toll(c) for c in root.children):
        return None  # "Der Taifun forderte zwölf Todesopfer": claimed lives, no demand
    return cue, rule


def _agent(verb: Token) -> Token | None:
    """The agent of a werden-passive, "von X" ("wurde von der Opposition gefordert"): the
    speaker; the passive's nominative is what was said, whatever the parser labels it."""
    if not any(c.dep_ == "aux:pass" for c in verb.children) or any(
        c.dep_ == "expl" for c in verb.children
    ):
        return None
    agent = source_obl(verb, {"von", "vom"}, deps={"obl:agent", "obl", "agent"})
    if agent is None or agent.i == 0:
        return agent
    before = agent.doc[min(t.i for t in agent.subtree) - 1]
    # "Windgeschwindigkeiten von 140 Kilometern": a von-phrase right after a noun is its
    # attribute, whatever the parser hangs it on
    return None if before.pos_ in {"NOUN", "PROPN"} else agent


def _reported_objects(root: Token, cue: Cue) -> list[Token]:
    """The verb's objects that carry the reported content ("forderte Neuwahlen", "sprach von
    einem Erfolg"); empty when it has none."""
    assert cue.verb is not None
    # in the passive the subject is what was said ("Neuwahlen wurden von X gefordert"),
    # whatever the parser labels it
    said = {"nsubj:pass", "nsubj"} if _agent(root) is not None else {"nsubj:pass"}
    objects = [c for c in root.children if c.dep_ in _OBJECT_DEPS or c.dep_ in said]
    if cue.verb.reported == "yes":
        # an adverbial ("am Freitag") is no object: "X hat dementiert" reports nothing
        return [o for o in objects if o.dep_ != "obl" or _prep_object(o)]
    # the verb reports speech only with its preposition ("sprach von …"); after a
    # subject that follows the verb, the prepositional phrase is the verb's even when
    # the parser hangs it on that noun ("spricht die Polizei von …")
    preps = set(cue.verb.reported.split(","))
    objects += [
        n
        for c in root.children
        if c.dep_ == "nsubj" and c.i > root.i
        for n in c.children
        if n.dep_ == "nmod" and n.i > c.i
    ]
    # likewise a prepositional phrase after the accusative object is the verb's ("begründete
    # die Verschiebung der Wahl mit Beschwerden"), though parsed as the object's attribute
    objects += [n for c in root.children if c.dep_ == "obj" for n in _attributes(c)]
    return [
        o
        for o in objects
        if any(
            _CONTRACTED.get(c.lower_, c.lower_) in preps
            for c in o.children
            if c.dep_ in {"case", "prep"}
        )
    ]


def _attributes(noun: Token) -> list[Token]:
    """The nouns hung on a noun as attributes, and on those in turn (nmod chains)."""
    out = []
    for c in noun.children:
        if c.dep_ == "nmod" and c.i > noun.i:
            out += [c, *_attributes(c)]
    return out


def _reporter(root: Token) -> Token | None:
    """The subject that made the speech act: a noun, name or personal pronoun in the
    nominative, not a demonstrative or "man"."""
    agent = _agent(root)
    # a pronoun tagged otherwise ("Beide riefen … auf": ADV) is still the subject
    pronoun = next(
        (c for c in root.children if c.dep_ == "nsubj" and c.morph.get("PronType")), None
    )
    subj = agent or subject_token(root) or pronoun
    if subj is None:
        return None
    if subj.pos_ not in {"NOUN", "PROPN", "PRON"} and subj is not pronoun:
        return None
    if agent is None and oblique(subj):
        return None  # a misparsed object ("verurteilte ihn"), not the speaker
    if subj.lower_ in {"dies", "das", "es", "dieses", "man", "this", "it", "one"}:
        return None
    return subj


def _reported_quote(ctx: Context, sent: Span, act: tuple[Cue, str], subj: Token) -> Quote | None:
    """The whole sentence as a reported quote (the corpus counts the verb and the speaker
    as part of it), attributed to the subject."""
    cue, rule = act
    assert cue.verb is not None
    text = doc_text(ctx.doc)
    body = trim_chars(text, sent.start_char, sent.end_char, keep_final=True)
    if body is None:
        return None
    speaker = speaker_from_head(subj, [sent.root], [], ctx.mentions, ctx.sents)
    return Quote(
        start=body[0],
        end=body[1],
        text=text[body[0] : body[1]],
        kind="indirect",
        type="reported",
        speaker=speaker.mention,
        cue=cue.token.text,
        cue_span=(cue.token.idx, cue.token.idx + len(cue.token)),
        cue_spans=cue.spans,
        **addressee_fields(addressee_of(ctx, cue, sent)),
        spans=(body,),
        sent=ctx.sent_no(body[0]),
        rule=rule,
        confidence=0.5,
        speaker_phrase=speaker.phrase,
        frame=(),
        medium=cue.verb.medium,
    )


# Conjunctions that open a subordinate clause (not "als" of "sowohl … als auch").
_SUBORDINATORS = frozenset(
    {"dass", "daß", "ob", "weil", "obwohl", "wenn", "falls", "nachdem", "sofern", "bevor"}
)

# Modal verbs of necessity and possibility: with them the subject is not reported as saying
# anything ("muss mit … rechnen", "kann … bestätigen" says what is possible).
_DEONTIC = frozenset({"müssen", "können", "dürfen", "sollen"})
# Negation of the verb itself (German grammar: Satznegation).
_NEGATION = frozenset({"nicht", "nie", "niemals", "keineswegs", "not", "never"})
# Nouns of casualties: "fordern" with them means "claim lives" (Duden, fordern 3), not demand.
_TOLL = ("opfer", "tote", "toten", "menschenleben", "leben", "verletzte", "verletzten")


def _toll(tok: Token) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and tok.lower_.endswith(_TOLL)


_INTENTION = SpeechVerb("wollen", "wollen", "", "thought", "yes")


def _intention(root: Token) -> Cue | None:
    """ "Die Partei will die Steuern senken": an announced intention (present-tense modal
    *wollen* with a full verb and a named or nominal subject) is reported speech: *wollen*
    states the subject's own plan (Duden-Grammatik § 822). Past "wollte" narrates."""
    if root.pos_ != "VERB":
        return None
    for c in root.children:
        if c.dep_ == "aux" and c.lower_ in {"will", "wollen"}:
            subj = next((s for s in root.children if s.dep_ == "nsubj"), None)
            if subj is None or subj.pos_ == "PRON":
                return None  # "Sie wollen …" narrates; a named party announces
            return Cue(c, _INTENTION, ((c.idx, c.idx + len(c)),))
    return None


def _judgement(ctx: Context, verb: Token) -> Cue | None:
    """ "Die Gewerkschaft wertet die Einigung als Erfolg", "X sieht darin einen Rückschritt":
    a verb of naming or judging (``quote_naming_verbs``) with an accusative object and its
    predicative ("als …", or the verb's own preposition) states the subject's judgement, a
    predicative to the accusative object (Duden-Grammatik, Prädikativ zum Akkusativobjekt)."""
    if verb.pos_ != "VERB" or any(c.dep_ == "mark" and c.lower_ == "zu" for c in verb.children):
        return None  # "ist im Park zu sehen": a zu-infinitive of possibility, no one judges
    prt = context.particle(verb)
    lemma = ((prt.lower_ if prt is not None else "") + verb.lemma_).lower()
    preps = naming_predicatives(ctx.lang).get(lemma)
    if preps is None or not any(c.dep_ in {"obj", "nsubj:pass"} for c in verb.children):
        return None
    if not ("als" in preps and _als_predicative(verb)) and not _pp_predicative(verb, preps):
        return None
    known = cue_at(verb, ctx)
    medium = known.verb.medium if known is not None and known.verb is not None else "speech"
    parts = [verb, *([prt] if prt is not None else [])]
    spans = tuple(sorted((t.idx, t.idx + len(t)) for t in parts))
    return Cue(verb, SpeechVerb(lemma, verb.lemma_, "", medium, "yes"), spans)


# Words before "als" that make it a comparison ("mehr als", "anders als"), not a predicative.
_COMPARING = frozenset({"mehr", "weniger", "anders", "eher", "lieber", "sowohl", "so", "nichts"})
# Pronominal adverbs standing for a prepositional phrase (darin = in dem).
_PRONOMINAL = {"darin": "in", "hierin": "in", "dafür": "für", "hierfür": "für"}


def _als_predicative(verb: Token) -> bool:
    """An "als" phrase in the verb's own clause ("wertet X als Erfolg"), not a comparison
    ("mehr als") nor a subordinate clause ("als er kam")."""
    for t in verb.subtree:
        if t.lower_ != "als" or t.i == verb.i:
            continue
        if t.dep_ == "mark" and t.head.pos_ in {"VERB", "AUX"}:
            continue
        prev = t.doc[t.i - 1] if t.i > 0 else None
        if prev is not None and (prev.lower_ in _COMPARING or "Cmp" in prev.morph.get("Degree")):
            continue
        head = t.head
        while head.i != verb.i and head.pos_ not in {"VERB", "AUX"} and head.head.i != head.i:
            head = head.head
        if head.i == verb.i:
            return True
    return False


def _pp_predicative(verb: Token, preps: frozenset[str]) -> bool:
    """A prepositional predicative of the verb's own before its object ("sieht in dem Plan
    einen Fehler", "sieht darin einen Fehler"); after the object a place is meant ("sahen
    das Spiel im Stadion")."""
    obj = next((c for c in verb.children if c.dep_ in {"obj", "nsubj:pass"}), None)
    if obj is None:
        return False
    for c in verb.children:
        if c.i > obj.i:
            continue
        if _PRONOMINAL.get(c.lower_) in preps:
            return True
        if c.dep_ in {"obl", "xcomp", "advmod"} and any(
            g.dep_ == "case" and _CONTRACTED.get(g.lower_, g.lower_) in preps for g in c.children
        ):
            return True
    return False


# Preposition + article contractions (vom = von dem, zum = zu dem …).
_CONTRACTED = {"vom": "von", "zum": "zu", "zur": "zu", "am": "an", "ans": "an", "beim": "bei"}
_CONTRACTED |= {"im": "in", "ins": "in", "übers": "über", "fürs": "für", "aufs": "auf"}

_OBJECT_DEPS = frozenset({"obj", "dobj", "obl", "iobj", "xcomp"})
# Prepositions of an object of speech verbs ("warnte vor", "bat um", "rief zu … auf").
_OBJECT_PREPS = frozenset({"vor", "um", "zu", "zur", "zum", "für", "gegen", "über", "auf", "an"})


def _prep_object(o: Token) -> bool:
    """A prepositional object (warnte vor X) or a noun without preposition (a misparsed
    object), not a time or place adverbial ("am Freitag")."""
    preps = [c.lower_ for c in o.children if c.dep_ in {"case", "prep"}]
    return not preps or any(p in _OBJECT_PREPS for p in preps)


def _overlaps(sent: Span, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < sent.end_char and sent.start_char < e for s, e in spans)


def _mostly_taken(sent: Span, taken: Sequence[tuple[int, int]]) -> bool:
    """True when half of the sentence is quoted already; a quoted phrase inside does not count."""
    covered = sum(max(0, min(e, sent.end_char) - max(s, sent.start_char)) for s, e in taken)
    return covered > 0.5 * (sent.end_char - sent.start_char)


# ---------------------------------------------------------------- free indirect speech


# How many sentences back a Konjunktiv I sentence may take its speaker from when the report
# chain in between was not recognised.
_REACH = 2


def _preterite_like(tok: Token) -> bool:
    """A past form in -te(n) that is not a listed Konjunktiv: the Konjunktiv II of weak verbs
    equals the preterite ("rannte", "wollte"; Konjunktiv I "halte" is present), and "möchte"
    is used as an indicative; neither marks reported speech by itself (Duden-Grammatik § 756)."""
    low = tok.lower_
    if low in konjunktiv_forms(tok.doc.lang_):
        return False
    past = "Past" in tok.morph.get("Tense") or not tok.morph.get("Tense")
    return (past and low.endswith(("te", "ten"))) or low.startswith("möcht")


def _main_finite(sent: Span) -> list[Token]:
    root = sent.root
    cands = [root, *(c for c in root.children if c.dep_ in {"aux", "aux:pass", "cop"})]
    return [t for t in cands if t.pos_ in {"VERB", "AUX"}]


def _reportive_sollen(sent: Span, main: Sequence[Token]) -> bool:
    """Reportive "sollen": sollen + perfect infinitive ("soll … angegriffen haben").

    Only with a perfect infinitive does "sollen" report a claim (Duden-Grammatik § 823);
    "sie sollen helfen" is an obligation or plan, not reported speech.
    """
    if not any(
        (t.lemma_.lower() == "sollen" or t.lower_ in {"soll", "sollen"}) and t.i > sent.start
        for t in main
    ):
        return False  # verb-first "Sollte …" opens a condition, not a claim
    for t in sent:
        if t.lower_ in {"haben", "sein"} and t.i > sent.start:
            prev = t.doc[t.i - 1]
            if "Part" in prev.morph.get("VerbForm") or prev.lower_ == "worden":
                return True
    return False


# Conditions that make a Konjunktiv II the irrealis or potentialis of a conditional sentence
# (German "wenn/falls/sofern …, könnte …", verb-first "Sollte …, wäre …", "im Falle …").
_CONDITIONS = frozenset({"wenn", "falls", "sofern", "soweit"})


def _conditional(sent: Span, main: Sequence[Token]) -> bool:
    """A Konjunktiv II main verb of a conditional sentence ("Sollte der Antrag angenommen
    werden, könnte die Seite wieder online gehen"; "Falls …, wäre es die erste Art";
    "Im Falle eines Stopps müsste X zahlen") states a hypothesis, not someone's words
    (Duden-Grammatik § 762). "würde" is left out: reported speech uses it for the Konjunktiv
    of any verb ("Die Frauen würden angegriffen, wenn sie das Lager verließen"), and so is a
    sentence with a Konjunktiv I anywhere ("…, wenn er das Land verlassen habe"): reported
    speech keeps its subordinate clauses in the Konjunktiv too."""
    if any(t.lemma_.lower() == "werden" or t.lower_.startswith("würde") for t in main):
        return False
    if any(is_konjunktiv_i(t) for t in finite_verbs(sent)):
        return False
    first = sent[0]
    if first.lower_.startswith("sollte") and first.pos_ in {"VERB", "AUX"}:
        return True
    if any(t.lower_ in _CONDITIONS for t in sent):
        return True
    return any(
        t.lower_ == "im" and t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "falle" for t in sent
    )


def _said_just_before(
    ctx: Context, sent: Span, covered: Sequence[tuple[int, int]]
) -> Speaker | None:
    """The sentence right before, in the same paragraph, when its main verb is a verb of
    saying with a named or noun subject ("Die Behörde äußerte Zweifel. Der Plan sei zu
    teuer."): the Konjunktiv sentence is that subject's, even when a report further back
    has a speaker."""
    if not ctx.parsed or sent.start == 0:
        return None
    before = ctx.doc[sent.start - 1].sent
    text = doc_text(ctx.doc)
    if "\n" in text[before.end_char : sent.start_char] or cue_at(before.root, ctx) is None:
        return None
    found = sentence_subject(ctx, before, covered)
    return None if found is None or found.mention.kind == "pronoun" else found


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
    recent: Quote | None = None  # the last report with a speaker, however far back
    for sent in doc.sents:
        while k < len(by_end) and by_end[k].end <= sent.end_char:
            last, gap = by_end[k], 0
            recent = last
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
            konj = any(is_konjunktiv(t) and not _preterite_like(t) for t in main)
            konj_i = konj and any(is_konjunktiv_i(t) for t in main)
            # a conditional Konjunktiv II is a hypothesis, unless a run of Konjunktiv sentences
            # goes on ("last" is the previous sentence's quote only when that was Konjunktiv)
            in_run = bool(out) and last is out[-1] and gap == 0
            konj = konj and (konj_i or in_run or not _conditional(sent, main))
            # reportive "sollen" alone needs a perfect infinitive; continuing a report, any
            # "sollen" reports the plan or claim of that speaker
            sollen = _reportive_sollen(sent, main) or (
                last is not None
                and last.speaker is not None
                and any(t.lemma_.lower() == "sollen" and t.i > sent.start for t in main)
            )  # "Sollte das nicht gelingen, …": verb-first "sollte" is a condition
        else:
            konj = any(is_konjunktiv(t) for t in sent[:8])
            konj_i = False
            sollen = False
        # Konjunktiv I in a main clause reports speech even when the report it continues was
        # not found (its speaker then stays unknown); Konjunktiv II alone may be hypothetical
        if not (konj or sollen) or (last is None and not sollen and not konj_i):
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
        source = last
        if source is None and recent is not None and ctx.sent_no(body[0]) - recent.sent <= _REACH:
            source = recent  # Konjunktiv I further on in the same report
        said = _said_just_before(ctx, sent, covered)
        q = Quote(
            start=body[0],
            end=body[1],
            text=text[body[0] : body[1]],
            kind="indirect",
            type="free_indirect",
            speaker=said.mention if said else source.speaker if source else None,
            cue=None,
            spans=(body,),
            sent=ctx.sent_no(body[0]),
            rule=rule,
            confidence=0.55 if last else 0.4 if source else 0.3,
            speaker_phrase=said.phrase if said else source.speaker_phrase if source else None,
            medium=source.medium if source else "speech",
        )
        out.append(q)
        if konj:
            last, gap = q, 0  # the next Konjunktiv sentence continues this one
    return out
