"""Relations between actors: who meets, negotiates, speaks with, criticises, … whom.

Facts come from four general sources, never from sentence templates:

* **titles** → ``represents``: a title that names a country or organisation ("US-Präsident",
  "dem russischen Präsidenten", "NATO-Generalsekretär", "Iranian Foreign Minister",
  "Vorsitzender der Carnegie Foundation") makes its holder represent it.
* **verbs** from ``interaction_verbs.<lang>.tsv`` with their dependency frame: subject
  (``nsubj``, inherited from the governing verb for infinitive clauses) and counterpart
  (object, a prepositional object such as "mit X"/"with X"/"an X", or the subject of a
  dass-clause). German particle verbs are matched with their separated particle (the
  parse's ``compound:prt``/``svp`` dependent: "wies … an" → anweisen). A relative pronoun
  as counterpart stands for the noun the relative clause modifies ("Konferenz, an der …
  teilnehmen").
* **nouns** from ``interaction_nouns.<lang>.tsv`` (compounds included: "Rohstoff-Deal"):
  "zwischen X, Y und Z"/"between X and Y" relates every pair; "N mit X"/"N with X",
  "Hilfe für X", "Angriffe gegen X" relate X to the agent — a compound prefix ("US-Hilfe"),
  the subject of the verb governing the noun, or else the nearest actor before it in the
  sentence. "X and Y held talks" relates the coordinated subjects.
* **events**: a person doing something "auf/an/bei/at" an event attends it.

Every relation records its modality and negation from cue words in ``modality.<lang>.tsv``
found on the trigger, its governing verb and their dependents (or in a small window when
there is no parse): "mögliches Treffen" → possible, "kündigte … an" → planned, "keine
Gespräche" → negated. A question heading makes its facts possible. Headings do produce
relations (the shared gold annotates relations stated in sub-headings), with lower
confidence; they never produce quotes.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("de"); nlp.add_pipe("sentencizer")  # doctest: +ELLIPSIS
    <...>
    >>> from graphbuild.extract.mentions import mentions, sentences
    >>> doc = nlp("Es gab Verhandlungen zwischen Polen und Litauen.")
    >>> sents = list(sentences(doc)); ms = list(mentions(doc, sents))
    >>> [(r.subject.text, r.predicate, r.object.text) for r in relations(doc, ms, sents)]
    [('Polen', 'negotiatesWith', 'Litauen')]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import combinations

from spacy.tokens import Doc, Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.mentions import office_represents
from graphbuild.extract.text import doc_text, token_table
from graphbuild.types import Mention, Modality, Relation, Sentence

_PARTICLE_DEPS = {"compound:prt", "svp", "prt"}
_SUBJ_DEPS = {"nsubj", "sb"}
_OBJ_DEPS = {"obj", "dobj", "iobj", "dative", "oa", "da"}
_PREP_DEPS = {"obl", "nmod", "prep", "obl:arg", "mo", "op", "pobj"}
_INHERIT_SUBJ = {"xcomp", "conj", "advcl", "ccomp"}
_ACTOR_KINDS = {"name", "pronoun", "title", "adjective", "role"}
_LOCATIVE = {"auf", "an", "bei", "at", "during"}
_COORD = {"und", "and", "sowie", ",", "or", "oder"}
_DETS = {"der", "die", "das", "den", "dem", "des", "the", "a", "an", "ein", "eine", "einem"}
_REL_PRONOUNS = {"der", "die", "das", "dem", "den", "deren", "dessen", "which", "who", "whom"}


@dataclass(frozen=True, slots=True)
class VerbFrame:
    """One row of ``interaction_verbs.<lang>.tsv``."""

    lemma: str
    particle: str
    predicate: str
    counterpart: str


@dataclass(frozen=True, slots=True)
class NounFrame:
    """One row of ``interaction_nouns.<lang>.tsv``."""

    noun: str
    predicate: str
    counterparts: frozenset[str]


@cache
def verb_frames(lang: str) -> dict[tuple[str, str], tuple[VerbFrame, ...]]:
    """(lemma, particle) → the frames of that verb."""
    out: dict[tuple[str, str], list[VerbFrame]] = {}
    for r in rows("interaction_verbs", lang):
        f = VerbFrame(
            (r.get("lemma") or "").strip().lower(),
            (r.get("particle") or "").strip().lower(),
            (r.get("predicate") or "").strip(),
            (r.get("counterpart") or "").strip().lower(),
        )
        # inflected forms for when the lemmatizer misses ("wies" → weisen)
        for form in {f.lemma, *(x.strip().lower() for x in (r.get("forms") or "").split(","))}:
            if form:
                out.setdefault((form, f.particle), []).append(f)
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


@cache
def _frame_forms(lang: str) -> frozenset[str]:
    """Every verb form that has a frame (with or without a particle)."""
    return frozenset(form for form, _particle in verb_frames(lang))


@cache
def noun_frames(lang: str) -> tuple[NounFrame, ...]:
    """Noun frames, longest noun first (for compound suffix matching)."""
    frames = [
        NounFrame(
            (r.get("noun") or "").strip().lower(),
            (r.get("predicate") or "").strip(),
            frozenset((r.get("counterpart") or "").split()),
        )
        for r in rows("interaction_nouns", lang)
    ]
    return tuple(sorted(frames, key=lambda f: -len(f.noun)))


@cache
def _cues(lang: str) -> dict[str, str]:
    return {r["word"].strip().lower(): r["modality"].strip() for r in rows("modality", lang)}


class _Context:
    """Token → mention lookups for one doc."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]):
        self.doc = doc
        self.sents = sents
        self.lang = doc.lang_
        self.parsed = doc.has_annotation("DEP")
        self.tokens = tt = token_table(doc)
        # token → sentence index (``sentence_index`` of its first character), in one pass
        self.token_sent: list[int] = []
        k, n_sents = 0, len(sents)
        for idx in tt.idx:
            while k + 1 < n_sents and sents[k + 1].start <= idx:
                k += 1
            self.token_sent.append(k)
        self.mentions = [m for m in mentions if m.kind in _ACTOR_KINDS]
        self.by_token: dict[int, list[Mention]] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for t in span:
                self.by_token.setdefault(t.i, []).append(m)

    def mention_at(self, tok: Token) -> Mention | None:
        cands = self.by_token.get(tok.i, [])
        if not cands:
            return None
        rank = {"name": 0, "pronoun": 1, "role": 2, "title": 3, "adjective": 4}

        def key(m: Mention) -> tuple[int, int]:
            # a person name beats the title/adjective around it; else the widest name
            return (rank.get(m.kind, 9) - (m.label == "PER"), -(m.end - m.start))

        return min(cands, key=key)

    def actor(self, tok: Token) -> Mention | None:
        """The mention a noun phrase headed by ``tok`` refers to.

        The head itself, else (in order) a person name, another name, a title, a pronoun,
        a country adjective among its flat/appos/compound/amod/genitive dependents.
        """
        m = self.mention_at(tok)
        if m is not None and not (m.kind in {"title", "adjective"} and self.parsed):
            return m
        best: Mention | None = m
        rank = {"name": 0, "pronoun": 1, "role": 2, "title": 3, "adjective": 4}
        stack = list(tok.children)
        seen = 0
        while stack and seen < 30:
            c = stack.pop()
            seen += 1
            if c.dep_ in {"case", "punct", "cc", "acl", "acl:relcl", "relcl", "advcl", "conj"}:
                continue
            if c.dep_ in {"nmod", "prep"} and any(g.dep_ == "case" for g in c.children):
                continue  # a prepositional modifier is another phrase ("Treffen mit X")
            cm = self.mention_at(c)
            if cm is not None:
                better = best is None or (rank.get(cm.kind, 9) - (cm.label == "PER")) < (
                    rank.get(best.kind, 9) - (best.label == "PER")
                )
                if better:
                    best = cm
            stack.extend(c.children)
        return best

    def conjuncts(self, tok: Token) -> list[Token]:
        """The token and the heads coordinated with it (also when the parser hung the
        conjunct on a name's last part: "Olaf Scholz und Emmanuel Macron")."""
        out = [tok]
        stack = [c for c in tok.children]
        while stack:
            c = stack.pop()
            if c.dep_ == "conj":
                out.extend(self.conjuncts(c))
            elif c.dep_ in {"flat", "flat:name", "compound"}:
                stack.extend(c.children)
        return out

    def sentence_of(self, tok: Token) -> int:
        return self.token_sent[tok.i]

    def is_heading(self, tok: Token) -> bool:
        s = self.sents[self.token_sent[tok.i]] if self.sents else None
        return bool(s and s.is_heading)

    def is_boilerplate(self, i: int) -> bool:
        """Whether token ``i`` is in a boilerplate line."""
        s = self.sents[self.token_sent[i]] if self.sents else None
        return bool(s and s.is_boilerplate)


def _modality(ctx: _Context, trigger: Token) -> tuple[Modality, bool]:
    """Modality and negation of a fact from cue words near its trigger."""
    cues = _cues(ctx.lang)
    doc = ctx.doc
    # without a parse there are no children to look at (and spaCy must not walk unset heads)
    near: list[Token] = [trigger, *(trigger.children if ctx.parsed else ())]
    if ctx.parsed:
        head = trigger
        for _ in range(3):
            if head.head.i == head.i:
                break
            head = head.head
            near.append(head)
            near.extend(c for c in head.children if c.dep_ in {"aux", "advmod", "neg", "cop"})
            near.extend(c for c in head.children if c.dep_ in _PARTICLE_DEPS | {"compound:prt"})
            if head.pos_ in {"VERB", "ADJ"} and head.dep_ not in {"xcomp", "aux"}:
                break
    # left window: determiners/adjectives of a noun ("keine konkreten Gespräche")
    j = trigger.i - 1
    while j >= 0 and trigger.i - j <= 3 and doc[j].pos_ in {"DET", "ADJ", "PRON", "ADV", ""}:
        near.append(doc[j])
        j -= 1
    negated = False
    modality: Modality = "happened"
    for t in near:
        w = cues.get(t.lower_) or cues.get(t.lemma_.lower())
        if t.dep_ in _PARTICLE_DEPS and t.head.lemma_:
            w = cues.get(t.text.lower() + t.head.lemma_.lower()) or w
        if w == "negation":
            # a negation on the governing verb of a *noun* counts only when it is the
            # noun's own determiner or the noun's own verb ("keine Gespräche", "nicht treffen")
            negated = True
        elif w == "possible":
            modality = "possible"
        elif w == "planned" and modality != "possible":
            modality = "planned"
    sent_text = ctx.sents[ctx.sentence_of(trigger)] if ctx.sents else None
    if (
        sent_text is not None
        and sent_text.is_heading
        and doc_text(doc)[sent_text.start : sent_text.end].rstrip().endswith("?")
    ):
        modality = "possible"
    if negated:
        return ("denied" if modality == "happened" else modality), True
    return modality, False


def _relation(
    ctx: _Context,
    subject: Mention,
    predicate: str,
    obj: Mention,
    trigger: Token,
    rule: str,
    confidence: float,
) -> Relation | None:
    if subject == obj or (subject.start == obj.start and subject.end == obj.end):
        return None
    if subject.kind == "adjective" and predicate in {"represents", "attends"}:
        return None
    # a title is a standing fact; the clause around it does not make it planned or denied
    modality: Modality = "happened"
    negated = False
    if predicate != "represents":
        modality, negated = _modality(ctx, trigger)
    heading = ctx.is_heading(trigger)
    start = min(subject.start, obj.start, trigger.idx)
    end = max(subject.end, obj.end, trigger.idx + len(trigger))
    s = ctx.sents[ctx.sentence_of(trigger)]
    start, end = max(start, s.start), min(end, s.end)
    return Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        start=start,
        end=end,
        evidence=doc_text(ctx.doc)[start:end],
        negated=negated,
        modality=modality,
        sent=ctx.sentence_of(trigger),
        rule=rule + (".heading" if heading else ""),
        confidence=round(confidence * (0.8 if heading else 1.0), 3),
    )


# --------------------------------------------------------------------------- represents


def _represents(ctx: _Context) -> Iterator[Relation]:
    """A title that names a country/organisation: its holder represents it."""
    for t in ctx.mentions:
        if t.kind != "title" or not t.affiliation:
            continue
        aff = [
            m
            for m in ctx.mentions
            if m.text == t.affiliation
            and m.kind in {"adjective", "name"}
            and t.start <= m.start
            and m.end <= t.end + 60
            and m.sent == t.sent
        ]
        if not aff:
            continue
        obj = min(aff, key=lambda m: m.start - t.start)
        span = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        cues = _cues(ctx.lang)
        if any(cues.get(w.lower_.split("-")[0]) == "former" for w in span):
            continue  # "der ehemalige Außenminister" acts for no one now
        if not office_represents(t.lemma or t.text, ctx.lang):
            continue  # "FDP-Politiker": a member, recorded as affiliation only
        rel = _relation(ctx, t, "represents", obj, span.root, "represents.title", 0.9)
        if rel is not None:
            # the evidence names the holder too when the name follows ("US-Präsident X")
            after = [
                m
                for m in ctx.mentions
                if m.kind == "name" and m.label == "PER" and 0 <= m.start - t.end <= 2
            ]
            if after:
                end = after[0].end
                rel = replace(rel, end=end, evidence=doc_text(ctx.doc)[rel.start : end])
            yield rel


# --------------------------------------------------------------------------- verbs


def _particle(tok: Token) -> str:
    for c in tok.children:
        if c.dep_ in _PARTICLE_DEPS:
            return c.lower_
    return ""


def _relative_clause(ctx: _Context, verb: Token) -> tuple[str, list[Mention], Mention] | None:
    """A German relative clause opened by preposition + relative pronoun, read from the words.

    ", an der auch X und Y teilnehmen" → ("an", [X, Y], the noun before the comma). Parsers
    often attach such clauses wrongly; the word order (comma, preposition, pronoun, …,
    verb at the end) is reliable. Returns None when the verb is not in such a clause.
    """
    if ctx.lang != "de":
        return None
    doc = ctx.doc
    k = verb.i - 1
    found = False
    while k > 0 and doc[k].text not in {";", ".", ":", "?", "!"} and verb.i - k < 30:
        if (
            doc[k].text == ","
            and k + 2 < verb.i
            and doc[k + 1].pos_ == "ADP"
            and doc[k + 2].lower_ in _REL_PRONOUNS
            and (
                doc[k + 2].pos_ == "PRON"
                or "Rel" in str(doc[k + 2].morph)
                # an article is followed by its noun phrase, a relative pronoun is not
                or doc[k + 3].pos_ not in {"ADJ", "NOUN", "PROPN"}
            )
        ):
            found = True
            break
        k -= 1
    if not found:
        return None
    prep = doc[k + 1]
    antecedent = None
    for j in range(k - 1, max(k - 8, -1), -1):
        antecedent = ctx.mention_at(doc[j])
        if antecedent is not None:
            break
    if antecedent is None:
        return None
    people = [
        m
        for m in ctx.mentions
        if doc[k + 3].idx <= m.start < verb.idx and m.kind == "name" and m.label == "PER"
    ]
    return prep.lower_, people, antecedent


_MISATTACHED = _INHERIT_SUBJ | {"nsubj", "obj"}


def _coordinated_adjectives(ctx: _Context, noun: Token) -> list[Mention]:
    out: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "amod":
            for a in ctx.conjuncts(c):
                m = ctx.mention_at(a)
                if m is not None and m.kind == "adjective" and m not in out:
                    out.append(m)
    return out


def _subjects(ctx: _Context, verb: Token) -> list[Mention]:
    v = verb
    for _ in range(4):
        if v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i and v.dep_ in _MISATTACHED:
            v = v.head  # a verb mis-attached to a noun ("Berg und kritisierte"): its verb
            continue
        # a passive subject is the patient; without a passive auxiliary the label is a
        # parser slip and the word is the agent
        passive = any(c.dep_ in {"aux:pass", "auxpass"} for c in v.children)
        deps = _SUBJ_DEPS if passive else _SUBJ_DEPS | {"nsubj:pass", "nsubjpass"}
        subj = [c for c in v.children if c.dep_ in deps]
        if subj:
            out = []
            for s in subj:
                for c in ctx.conjuncts(s):
                    m = ctx.actor(c)
                    if m is not None and m.kind == "adjective" and ctx.mention_at(c) is None:
                        # "Chinese and Russian leaders": every coordinated country adjective
                        out.extend(_coordinated_adjectives(ctx, c) or [m])
                    elif m is not None:
                        out.append(m)
            return out
        if v.dep_ in _INHERIT_SUBJ and v.head.i != v.i:
            v = v.head
        else:
            break
    return []


def _prep_objects(ctx: _Context, head: Token, preps: Iterable[str]) -> list[tuple[Token, Mention]]:
    """(preposition, actor) pairs of prepositional dependents of ``head`` ("mit X")."""
    preps = set(preps)
    out: list[tuple[Token, Mention]] = []
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ in preps:  # English: head → prep → pobj
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in ctx.conjuncts(p):
                        m = _resolve_relative(ctx, x) or ctx.actor(x)
                        if m is not None:
                            out.append((c, m))
        elif c.dep_ in _PREP_DEPS:  # UD: head → obl/nmod → case
            case = [g for g in c.children if g.dep_ == "case" and g.lower_ in preps]
            if case:
                for x in ctx.conjuncts(c):
                    m = _resolve_relative(ctx, x) or ctx.actor(x)
                    if m is not None:
                        out.append((case[0], m))
    return out


def _resolve_relative(ctx: _Context, tok: Token) -> Mention | None:
    """A relative pronoun stands for the noun its clause modifies."""
    relative = tok.lower_ in _REL_PRONOUNS and "PronType=Rel" in str(tok.morph)
    if not relative and tok.tag_ not in {"PRELS", "WDT", "WP"}:
        return None
    v = tok.head
    while v.dep_ not in {"acl:relcl", "relcl", "acl"} and v.head.i != v.i:
        v = v.head
    if v.dep_ in {"acl:relcl", "relcl", "acl"}:
        return ctx.actor(v.head)
    return None


def _verb_relations(ctx: _Context) -> Iterator[Relation]:
    if not ctx.parsed:
        return
    frames_by_key = verb_frames(ctx.lang)
    forms = _frame_forms(ctx.lang)
    tt = ctx.tokens
    for i, pos in enumerate(tt.pos):
        if pos not in {"VERB", "AUX"} or ctx.is_boilerplate(i):
            continue
        if tt.lemma[i].lower() not in forms and tt.lower[i] not in forms:
            continue  # no frame for either form, whatever the particle
        tok = ctx.doc[i]
        particle = _particle(tok)
        frames: tuple[VerbFrame, ...] = ()
        for form in (tok.lemma_.lower(), tok.lower_):
            frames = frames_by_key.get((form, particle), ()) or frames_by_key.get((form, ""), ())
            if frames:
                break
        if not frames:
            continue
        subjects = _subjects(ctx, tok)
        relative = _relative_clause(ctx, tok)
        if relative is not None and relative[1]:
            subjects = relative[1]  # the clause's own people, not a subject inherited from outside
        if not subjects:
            continue
        for f in frames:
            objects: list[Mention] = []
            if f.counterpart == "obj":
                for c in tok.children:
                    if c.dep_ in _OBJ_DEPS:
                        for x in ctx.conjuncts(c):
                            m = _resolve_relative(ctx, x) or ctx.actor(x)
                            if m is not None:
                                objects.append(m)
            elif f.counterpart == "clause":
                for c in tok.children:
                    if c.dep_ in {"ccomp", "advcl"}:
                        objects.extend(_subjects(ctx, c)[:1])
            else:
                objects.extend(m for _p, m in _prep_objects(ctx, tok, {f.counterpart}))
                if not objects and relative is not None and relative[0] == f.counterpart:
                    objects.append(relative[2])
            if f.predicate != "attends":
                # people and states interact; an event, award or work is no counterpart
                objects = [o for o in objects if o.label not in {"MISC", "EVENT"}]
            if not objects and f.predicate in _JOINT and len(subjects) >= 2:
                # "Scholz und Macron trafen sich", "Chinese and Russian leaders met"
                for a, b in combinations(subjects, 2):
                    rel = _relation(ctx, a, f.predicate, b, tok, f"verb.{f.lemma}.joint", 0.7)
                    if rel is not None:
                        yield rel
                continue
            for s in subjects:
                for o in objects:
                    rel = _relation(ctx, s, f.predicate, o, tok, f"verb.{f.lemma}", 0.8)
                    if rel is not None:
                        yield rel


def _attends(ctx: _Context) -> Iterator[Relation]:
    """A person doing something at an event ("auf der Genfer Klimakonferenz")."""
    if not ctx.parsed or not any(m.label == "EVENT" for m in ctx.mentions):
        return  # every fact below has an EVENT mention as its object
    for i, pos in enumerate(ctx.tokens.pos):
        if pos not in {"VERB", "AUX"}:
            continue
        tok = ctx.doc[i]
        events = [
            m
            for _p, m in _prep_objects(ctx, tok, _LOCATIVE)
            + [
                pm
                for c in tok.children
                if c.dep_ in _OBJ_DEPS
                for pm in _prep_objects(ctx, c, _LOCATIVE)
            ]
            if m.label == "EVENT"
        ]
        if not events:
            continue
        for s in _subjects(ctx, tok):
            if s.label not in {"PER", "PRON"} and s.kind not in {"title", "pronoun"}:
                continue
            for e in events:
                rel = _relation(ctx, s, "attends", e, tok, "verb.at-event", 0.7)
                if rel is not None:
                    yield rel


@cache
def _award_verbs(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for r in rows("award_verbs", lang):
        role = (r.get("role") or "").strip()
        for form in [r.get("lemma") or "", *(r.get("forms") or "").split(",")]:
            if form.strip():
                out[form.strip().lower()] = role
    return out


def _awards(ctx: _Context) -> Iterator[Relation]:
    """An award, prize or aid received from or given by someone: the giver supports the
    receiver. "X erhielt den Friedenspreis der Y" → Y supports X; "Y verlieh X den
    Preis" → Y supports X. The award is a name typed MISC (``awards.<lang>.tsv`` head
    nouns) or such a noun itself; the giver is a name in its genitive/"von"/"of" attribute.
    """
    if not ctx.parsed:
        return
    verbs = _award_verbs(ctx.lang)
    award_nouns = words("awards", ctx.lang)
    tt = ctx.tokens
    for i, lemma in enumerate(tt.lemma):
        role = verbs.get(lemma.lower()) or verbs.get(tt.lower[i])
        if role is None or tt.pos[i] not in {"VERB", "AUX"}:
            continue
        tok = ctx.doc[i]
        for obj in (c for c in tok.children if c.dep_ in _OBJ_DEPS):
            award = ctx.mention_at(obj)
            is_award = (award is not None and award.label == "MISC") or any(
                obj.lower_.endswith(n) for n in award_nouns
            )
            if not is_award:
                continue
            givers: list[Mention] = []
            # the giver: a name after a genitive article or "von"/"from" in the award's
            # phrase ("der Carnegie Foundation", "der Stadt Köln"), or "from X" on the verb
            marked = False
            for c in sorted(obj.subtree, key=lambda t: t.i):
                if c.i <= obj.i:
                    continue
                if c.lower_ in {"der", "des", "von", "vom", "from"}:
                    marked = True
                m = ctx.mention_at(c)
                if marked and m is not None and m != award and m.kind in {"name", "title"}:
                    givers.append(m)
                    break
            if not givers:
                givers = [m for _p, m in _prep_objects(ctx, tok, {"from", "von", "vom"})][:1]
            if role == "receive":
                for giver in givers:
                    for receiver in _subjects(ctx, tok):
                        rel = _relation(ctx, giver, "supports", receiver, tok, "verb.award", 0.65)
                        if rel is not None:
                            yield rel
            else:
                receivers = [
                    m
                    for c in tok.children
                    if c.dep_ in {"iobj", "dative", "obj"} and c.i != obj.i
                    for m in [ctx.actor(c)]
                    if m is not None
                ]
                for giver in _subjects(ctx, tok):
                    for receiver in receivers:
                        rel = _relation(ctx, giver, "supports", receiver, tok, "verb.award", 0.65)
                        if rel is not None:
                            yield rel


# --------------------------------------------------------------------------- nouns


def _noun_frame(ctx: _Context, i: int) -> NounFrame | None:
    tt, lang = ctx.tokens, ctx.lang
    text, pos = tt.text[i], tt.pos[i]
    if not tt.is_alpha[i] and "-" not in text:
        return None
    if lang == "de" and not text[:1].isupper():
        return None
    if pos and pos not in {"NOUN", "PROPN", "X"}:
        return None
    return _noun_frame_of(tt.lower[i], tt.lemma[i].lower() if lang != "de" else "", lang)


_DE_ENDINGS = ("", "e", "en", "n", "s", "es", "er")


@cache
def _noun_rank(lang: str) -> dict[str, int]:
    """Each frame noun → its position in ``noun_frames`` (the first, i.e. longest, wins)."""
    rank: dict[str, int] = {}
    for k, f in enumerate(noun_frames(lang)):
        rank.setdefault(f.noun, k)
    return rank


@lru_cache(maxsize=32768)
def _noun_frame_of(low: str, lemma: str, lang: str) -> NounFrame | None:
    """The interaction-noun frame a word form names (German: also as a compound's last part,
    inflected). Looks up every suffix of the form (minus an inflection ending) in an index
    instead of testing every frame noun against the form.
    """
    frames, rank = noun_frames(lang), _noun_rank(lang)
    if lang != "de":
        found = [rank[w] for w in (low, lemma) if w in rank]
        return frames[min(found)] if found else None
    best = len(frames)
    for ending in _DE_ENDINGS:
        if not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)]
        for k in range(len(stem)):
            r = rank.get(stem[k:])
            if r is not None and r < best:
                best = r
    return frames[best] if best < len(frames) else None


def _window_actors(ctx: _Context, start: int, coordinated: bool) -> list[Mention]:
    """Actors right after a preposition: the first one, or all coordinated ones."""
    doc = ctx.doc
    out: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    i = start
    while i < len(doc) and i - start < 25:
        t = doc[i]
        m = ctx.mention_at(t)
        if m is not None:
            if (m.start, m.end) not in seen:
                seen.add((m.start, m.end))
                out.append(m)
            i += 1
            continue
        if t.lower_ in _COORD and coordinated:
            i += 1
            continue
        if t.lower_ in _DETS or t.pos_ in {"ADJ", "DET"}:
            i += 1
            continue
        if (
            not out
            and t.pos_ in {"NOUN", ""}
            and i + 1 < len(doc)
            and (ctx.mention_at(doc[i + 1]) is not None or doc[i + 1].lower_ == "of")
        ):
            i += 1  # "die Stadt Bani Walid", "the city of Kharkiv": the name is the party
            continue
        if not coordinated and t.text == "," and out:
            # an apposition ("dem Sondergesandten, Lea Wolf")
            i += 1
            continue
        break
    if not coordinated and out:
        # title + name phrase: prefer the person name
        names = [m for m in out if m.kind == "name" and m.label == "PER"]
        return [names[0] if names else out[0]]
    return out


_CORE = {"obj", "dobj", "iobj", "nsubj", "nsubj:pass", "nsubjpass", "obl:arg", "attr", "oa", "sb"}
_JOINT = {"spokeWith", "meetsWith", "negotiatesWith", "agreementWith"}


def _agent(
    ctx: _Context, noun: Token, exclude: Sequence[Mention], predicate: str = ""
) -> tuple[Mention | None, float]:
    """Who acts in a relation noun: compound prefix, possessor, verb subject, or nearest.

    The subject of the governing verb is the agent when the noun is a core argument ("X
    kündigte ein Treffen mit Y an", "X leistet Hilfe für Y"); inside an oblique phrase only
    for joint predicates ("X arbeitet an einem Deal mit Y") — "sie sprach über die Hilfe
    für Y" does not make her a supporter.
    """
    if "-" in noun.text:
        prefix = ctx.by_token.get(noun.i, [])
        pm = [m for m in prefix if m.kind == "adjective" and m.start == noun.idx]
        if pm:
            return pm[0], 0.75
    # a country adjective on the noun ("die libysche Luftwaffe" is handled via subject)
    if ctx.parsed:
        for c in noun.children:
            if c.dep_ in {"poss", "nmod:poss"}:
                m = ctx.actor(c)
                if m is not None and m.kind != "pronoun":
                    return m, 0.7
        v = noun
        core = noun.dep_ in _CORE
        for _ in range(4):
            if v.head.i == v.i:
                break
            v = v.head
            if v.pos_ in {"VERB", "AUX"}:
                if not core and predicate not in _JOINT:
                    return None, 0.0
                subj = _subjects(ctx, v)
                subj = [s for s in subj if s not in exclude]
                if subj:
                    return subj[0], 0.7 if core else 0.55
                break
            core = core and v.dep_ in _CORE | {"conj", "appos"}
    # no parse, or no subject: the nearest actor before the noun in its sentence
    sent = ctx.sents[ctx.sentence_of(noun)]
    cands = [
        m
        for m in ctx.mentions
        if sent.start <= m.start < noun.idx
        and m not in exclude
        and not m.in_quote
        and m.kind in {"name", "pronoun", "adjective"}
        and m.label in {"PER", "PRON", "GPE", "LOC", "ORG", "NORP", "MISC"}
    ]
    if cands:
        return max(cands, key=lambda m: m.start), 0.5
    return None, 0.0


def _noun_relations(ctx: _Context) -> Iterator[Relation]:
    doc = ctx.doc
    for i in range(len(ctx.tokens)):
        if ctx.is_boilerplate(i):
            continue
        f = _noun_frame(ctx, i)
        if f is None:
            continue
        tok = doc[i]
        # the preposition introducing the counterpart: right after the noun, or its dependent
        k = tok.i + 1
        while k < len(doc) and k - tok.i <= 3 and doc[k].pos_ in {"ADJ", "ADV"}:
            k += 1
        prep = doc[k] if k < len(doc) and doc[k].lower_ in f.counterparts else None
        if prep is None and ctx.parsed:
            pairs = _prep_objects(ctx, tok, f.counterparts)
            prep = pairs[0][0] if pairs else None
        if prep is not None and prep.lower_ in {"zwischen", "between"}:
            parties = _window_actors(ctx, prep.i + 1, coordinated=True)
            for a, b in combinations(parties, 2):
                rel = _relation(ctx, a, f.predicate, b, tok, "noun.between", 0.75)
                if rel is not None:
                    yield rel
            continue
        if prep is not None:
            objs = _window_actors(ctx, prep.i + 1, coordinated=False)
            if not objs:
                continue
            subject, conf = _agent(ctx, tok, objs, f.predicate)
            if subject is None:
                continue
            rel = _relation(ctx, subject, f.predicate, objs[0], tok, f"noun.{prep.lower_}", conf)
            if rel is not None:
                yield rel
            continue
        # "X and Y held talks", "X pulled aside Y for talks"
        if ctx.parsed and f.predicate in {
            "spokeWith",
            "meetsWith",
            "negotiatesWith",
            "agreementWith",
        }:
            v = tok.head
            hops = 0
            direct = tok.dep_ in _OBJ_DEPS
            while v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i and hops < 4:
                if v.dep_ not in {"pobj", "prep", "obl", "nmod"}:
                    break
                v, hops = v.head, hops + 1
            if v.pos_ not in {"VERB", "AUX"}:
                continue
            subj_tokens = [c for c in v.children if c.dep_ in _SUBJ_DEPS]
            for s in subj_tokens:
                parties = [m for c in ctx.conjuncts(s) if (m := ctx.actor(c)) is not None]
                if len(parties) >= 2 and direct and tok.head.i == v.i:
                    for a, b in combinations(parties, 2):
                        rel = _relation(ctx, a, f.predicate, b, tok, "noun.joint-subject", 0.7)
                        if rel is not None:
                            yield rel
                elif parties:
                    objs = [
                        m
                        for c in v.children
                        if c.dep_ in _OBJ_DEPS and c.i != tok.i
                        for m in [ctx.actor(c)]
                        if m is not None and m.label in {"PER", "GPE", "ORG", "LOC"}
                    ]
                    for o in objs:
                        rel = _relation(
                            ctx, parties[0], f.predicate, o, tok, "noun.verb-object", 0.6
                        )
                        if rel is not None:
                            yield rel


def relations(
    doc: Doc, mentions: Sequence[Mention], sents: Sequence[Sentence]
) -> Iterator[Relation]:
    """Every relation of an article (see the module docstring for the sources)."""
    if not sents:
        return
    ctx = _Context(doc, mentions, sents)
    yield from _represents(ctx)
    yield from _verb_relations(ctx)
    yield from _attends(ctx)
    yield from _awards(ctx)
    yield from _noun_relations(ctx)


__all__ = ["NounFrame", "VerbFrame", "noun_frames", "relations", "verb_frames", "words"]
