"""What every relation rule shares: token → mention lookups, subjects and objects read
from the parse, modality and negation cues, and building a ``Relation`` with provenance."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from functools import cache
from types import MappingProxyType

from spacy.tokens import Doc, Token

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.relations.frames import cues
from graphbuild.extract.text import doc_text, token_table
from graphbuild.types import Mention, Modality, Relation, Sentence

PARTICLE_DEPS = {"compound:prt", "svp", "prt"}
SUBJ_DEPS = {"nsubj", "sb"}
PASSIVE_SUBJ_DEPS = {"nsubj:pass", "nsubjpass"}  # the patient a passive makes its subject
OBJ_DEPS = {"obj", "dobj", "iobj", "dative", "oa", "da"}
PREP_DEPS = {"obl", "nmod", "prep", "obl:arg", "mo", "op", "pobj"}
INHERIT_SUBJ = {"xcomp", "conj", "advcl", "ccomp"}
ACTOR_KINDS = {"name", "pronoun", "title", "adjective", "role"}
LOCATIVE = {"auf", "an", "bei", "at", "during"}
AGENT_CASES = {"von", "vom", "durch", "by"}  # the agent of a passive: "von X", "durch X"
COORD = {"und", "and", "sowie", ",", "or", "oder"}
DETS = {"der", "die", "das", "den", "dem", "des", "the", "a", "an", "ein", "eine", "einem"}
REL_PRONOUNS = {"der", "die", "das", "dem", "den", "deren", "dessen", "which", "who", "whom"}


class Context:
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
        # a truncated compound ("Außen- und Sicherheitspolitik") names no one
        self.mentions = [m for m in mentions if m.kind in ACTOR_KINDS and not m.text.endswith("-")]
        self.by_sentence: dict[int, list[Mention]] = {}
        for m in self.mentions:
            self.by_sentence.setdefault(m.sent, []).append(m)
        self.by_token: dict[int, list[Mention]] = {}
        for m in self.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for i in range(span.start, span.end):
                self.by_token.setdefault(i, []).append(m)

    def tokens_with_pos(self, pos: Collection[str]) -> Iterator[Token]:
        """The doc's tokens whose part of speech is in ``pos``, in order.

        Same as ``(t for t in doc if t.pos_ in pos)``, but the test reads the token table,
        so a spaCy ``Token`` is made only for the tokens that pass it.
        """
        doc = self.doc
        for i, p in enumerate(self.tokens.pos):
            if p in pos:
                yield doc[i]

    def tokens_where(self, test: Callable[[int], bool]) -> Iterator[Token]:
        """The doc's tokens ``i`` for which ``test(i)`` holds, in order; ``test`` reads the
        token table (``self.tokens``), so a ``Token`` is made only for those that pass."""
        doc = self.doc
        for i in range(len(self.tokens)):
            if test(i):
                yield doc[i]

    def mention_at(self, tok: Token) -> Mention | None:
        cands = self.by_token.get(tok.i, [])
        if not cands:
            return None
        rank = {"name": 0, "pronoun": 1, "role": 2, "title": 3, "adjective": 4}

        def key(m: Mention) -> tuple[int, int]:
            # a person name beats the title/adjective around it; else the widest name
            return (rank.get(m.kind, 9) - (m.label == "PER"), -(m.end - m.start))

        return min(cands, key=key)

    def actor(self, tok: Token, owners: bool = True) -> Mention | None:
        """The mention a noun phrase headed by ``tok`` refers to.

        The head itself, else (in order) a person name, another name, a title, a pronoun,
        a country adjective among its flat/appos/compound/amod dependents, and (``owners``)
        its genitive attribute: "die Entscheidung der Fraktion" stands for the Fraktion.
        """
        m = self.mention_at(tok)
        if m is not None and not (m.kind in {"title", "adjective"} and self.parsed):
            return m
        if m is not None and m.kind == "title":
            # an office acts through its holder ("der Hohe Repräsentant der EU, X"), never
            # through the organisation it names
            return title_holder(self, m, m.end)
        best: Mention | None = m
        rank = {"name": 0, "pronoun": 1, "role": 2, "title": 3, "adjective": 4}
        stack = list(tok.children)
        seen = 0
        while stack and seen < 30:
            c = stack.pop()
            seen += 1
            if c.dep_ in {"case", "punct", "cc", "acl", "acl:relcl", "relcl", "advcl", "conj"}:
                continue
            if c.dep_ == "prep" or (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)):
                continue  # a prepositional modifier is another phrase ("Treffen mit X")
            if not owners and c.dep_ in {"nmod", "nmod:poss", "poss"} and c.head.i == tok.i:
                continue
            cm = self.mention_at(c)
            if cm is not None:
                better = best is None or (rank.get(cm.kind, 9) - (cm.label == "PER")) < (
                    rank.get(best.kind, 9) - (best.label == "PER")
                )
                if better:
                    best = cm
            stack.extend(c.children)
        if (
            best is not None
            and best.kind == "adjective"
            and m is None
            and self.lang == "de"
            and "Plur" in tok.morph.get("Number", [])
            and tok.pos_ == "NOUN"
        ):
            return None  # "britische Moslems", "die deutschen Urlauber": people, not the state
        if best is not None and best.kind == "adjective" and m is None:
            return named_antecedent(self, tok) or best  # "die kurdische Arbeiterpartei"
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


def modality_of(ctx: Context, trigger: Token) -> tuple[Modality, bool]:
    """Modality and negation of a fact from cue words near its trigger."""
    cue_words = cues(ctx.lang)
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
            near.extend(c for c in head.children if c.dep_ in PARTICLE_DEPS | {"compound:prt"})
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
        w = cue_words.get(t.lower_) or cue_words.get(t.lemma_.lower())
        if t.dep_ in PARTICLE_DEPS and t.head.lemma_:
            w = cue_words.get(t.text.lower() + t.head.lemma_.lower()) or w
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


def new_relation(
    ctx: Context,
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
    if predicate == "attends" and is_non_event(obj, ctx.lang):
        return None  # "auf einer Pressekonferenz": an occasion to speak, not an event
    # a title is a standing fact; the clause around it does not make it planned or denied
    modality: Modality = "happened"
    negated = False
    if predicate != "represents":
        modality, negated = modality_of(ctx, trigger)
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


def is_non_event(m: Mention, lang: str) -> bool:
    """Whether a mention is an occasion to speak, not an event (``non_events.<lang>.tsv``):
    its first word or a compound in it ends in a listed noun ("Pressekonferenz in X")."""
    low = m.text.lower()
    first = low.split()[0] if low.split() else ""
    return any(first.endswith(n) or low.startswith(n) for n in words("non_events", lang))


def passive_voice(verb: Token) -> bool:
    """werden + past participle, also when the parser gave the auxiliary a plain aux: its
    subject is the patient ("wurde mit Hilfe von Y festgenommen")."""
    return any(c.dep_ in {"aux:pass", "auxpass"} for c in verb.children) or (
        "Part" in verb.morph.get("VerbForm", [])
        and any(c.dep_ == "aux" and c.lemma_ == "werden" for c in verb.children)
    )


def particle_of(tok: Token) -> str:
    for c in tok.children:
        if c.dep_ in PARTICLE_DEPS:
            return c.lower_
    return ""


def relative_clause(ctx: Context, verb: Token) -> tuple[str, list[Mention], Mention] | None:
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
            and doc[k + 2].lower_ in REL_PRONOUNS
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


MISATTACHED = INHERIT_SUBJ | {"nsubj", "obj"}


def coordinated_adjectives(ctx: Context, noun: Token) -> list[Mention]:
    out: list[Mention] = []
    for c in noun.children:
        if c.dep_ == "amod":
            for a in ctx.conjuncts(c):
                m = ctx.mention_at(a)
                if m is not None and m.kind == "adjective" and m not in out:
                    out.append(m)
    return out


# what may stand between a holder's name and the title in apposition
_BEFORE_GAP = re.compile(r"\s*,\s*(?:(?:der|die|ein|eine|the|a|an)\s+)?$", re.IGNORECASE)
# "… (IWF), X"; "UN-Botschafter, der Tunesier X": a noun in apposition before the name
_APPOSED = r"(?:(?:der|die|the)\s+[A-ZÄÖÜ]\w+\s+)?"
_AFTER_GAP = re.compile(r"^\s*(?:\([^()]{1,12}\)\s*)?,?\s*" + _APPOSED + "$")
# or a short attribute before the comma ("die Fraktionsvorsitzende der Grünen im Bundestag, X"),
# as long as it holds no verb
_AFTER_ATTRIBUTE = re.compile(r"^\s[^,.;:()„“\"]{1,60},\s*" + _APPOSED + "$")


def _verbless(ctx: Context, start: int, end: int) -> bool:
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    return span is None or all(t.pos_ not in {"VERB", "AUX"} for t in span)


def title_holder(ctx: Context, title: Mention, phrase_end: int) -> Mention:
    """The named person holding an office when the text names them next to the title
    ("US-Präsident X", "X, Gouverneur von Virginia", "der Präsident des IWF (IWF), X"),
    else the title mention itself (resolution links it to an earlier holder)."""
    text = doc_text(ctx.doc)
    people = [
        m
        for m in ctx.by_sentence.get(title.sent, ())
        if m.kind == "name" and m.label == "PER" and not m.text.endswith("-")
    ]
    for m in sorted((m for m in people if m.start >= phrase_end), key=lambda m: m.start):
        gap = text[phrase_end : m.start]
        if _AFTER_GAP.match(gap) or (
            _AFTER_ATTRIBUTE.match(gap) and _verbless(ctx, phrase_end, m.start)
        ):
            return m
        break
    for m in sorted((m for m in people if m.end <= title.start), key=lambda m: -m.end):
        if _BEFORE_GAP.search(text[m.end : title.start]):
            return m
        break
    return title


@cache
def _contractions(lang: str) -> Mapping[str, str]:
    return MappingProxyType(
        {r["form"].strip(): r["preposition"].strip() for r in rows("contractions", lang)}
    )


def preposition(tok: Token) -> str:
    """The preposition a token is, with contractions undone ("am" → "an", "beim" → "bei")."""
    return undo_contraction(tok.lower_, tok.lang_)


def undo_contraction(word: str, lang: str) -> str:
    """ "beim" → "bei"; any other word lowercased."""
    low = word.lower()
    return _contractions(lang).get(low, low)


def coordinated_genitives(ctx: Context, noun: Token) -> list[Mention]:
    """The coordinated genitive or apposed names of a noun that is not a name itself: "die
    Außenminister der USA, Frankreichs und Russlands" → USA, Frankreich, Russland (each sends
    its own); "die Organisationen A, B und C" → A, B, C."""
    here = ctx.mention_at(noun)
    if here is not None and here.kind == "name":
        return []
    for c in noun.children:
        apposed = c.dep_ == "appos"
        genitive = c.dep_ in {"nmod", "nmod:poss"} and not any(g.dep_ == "case" for g in c.children)
        if apposed or genitive:
            parties = [m for x in ctx.conjuncts(c) if (m := ctx.mention_at(x)) is not None]
            if len(parties) >= 2:
                return list(dict.fromkeys(parties))
    return []


def parties(ctx: Context, tok: Token, owners: bool = True) -> list[Mention]:
    """The actors a noun phrase names: its coordinated genitives or apposed names when there
    are several ("die Organisationen A, B und C"), else its actor."""
    several = coordinated_genitives(ctx, tok)
    if len(several) >= 2:
        return several
    m = resolve_relative(ctx, tok) or ctx.actor(tok, owners)
    return [m] if m is not None else []


def _als_auch(ctx: Context, tok: Token) -> list[Token]:
    """The second part of "sowohl X als auch Y", which parsers rarely attach as a conjunct."""
    doc, j = ctx.doc, tok.right_edge.i + 1
    if j + 2 >= len(doc) or (doc[j].lower_, doc[j + 1].lower_) != ("als", "auch"):
        return []
    k = j + 2
    while k < len(doc) - 1 and doc[k].pos_ in {"DET", "ADJ"}:
        k += 1
    return [doc[k]] if ctx.mention_at(doc[k]) is not None else []


def subjects_of(ctx: Context, verb: Token) -> list[Mention]:
    """The actors of a verb's subject (coordinated ones too), inherited from the governing
    verb for infinitives and coordinated verbs; a relative pronoun stands for its noun."""
    v = verb
    for _ in range(4):
        if v.pos_ not in {"VERB", "AUX"} and v.head.i != v.i and v.dep_ in MISATTACHED:
            v = v.head  # a verb mis-attached to a noun ("Berg und kritisierte"): its verb
            continue
        # a passive subject is the patient; without a passive auxiliary the label is a
        # parser slip and the word is the agent
        passive = any(c.dep_ in {"aux:pass", "auxpass"} for c in v.children)
        deps = SUBJ_DEPS if passive else SUBJ_DEPS | PASSIVE_SUBJ_DEPS
        subj = [c for c in v.children if c.dep_ in deps]
        if subj:
            out = []
            for s in subj:
                for c in ctx.conjuncts(s) + _als_auch(ctx, s):
                    m = resolve_relative(ctx, c) or ctx.actor(c) or antecedent(ctx, c)
                    parties = coordinated_genitives(ctx, c)
                    if len(parties) >= 2:
                        out.extend(parties)  # "die Außenminister der USA, Frankreichs und …"
                    elif m is not None and m.kind == "adjective" and ctx.mention_at(c) is None:
                        # "Chinese and Russian leaders": every coordinated country adjective
                        out.extend(coordinated_adjectives(ctx, c) or [m])
                    elif m is not None:
                        out.append(m)
            return out
        if v.dep_ in INHERIT_SUBJ and v.head.i != v.i:
            v = v.head
        else:
            break
    return []


def prep_objects(ctx: Context, head: Token, preps: Iterable[str]) -> list[tuple[Token, Mention]]:
    """(preposition, actor) pairs of prepositional dependents of ``head`` ("mit X")."""
    preps = set(preps)
    out: list[tuple[Token, Mention]] = []
    for c in head.children:
        if c.dep_ == "prep" and preposition(c) in preps:  # English: head → prep → pobj
            for p in c.children:
                if p.dep_ == "pobj":
                    for x in ctx.conjuncts(p):
                        m = resolve_relative(ctx, x) or ctx.actor(x)
                        if m is not None:
                            out.append((c, m))
        elif c.dep_ in PREP_DEPS:  # UD: head → obl/nmod → case
            case = [g for g in c.children if g.dep_ == "case" and preposition(g) in preps]
            if case:
                for x in ctx.conjuncts(c):
                    m = resolve_relative(ctx, x) or ctx.actor(x)
                    if m is not None:
                        out.append((case[0], m))
    return out


def resolve_relative(ctx: Context, tok: Token) -> Mention | None:
    """A relative pronoun stands for the noun its clause modifies."""
    relative = tok.lower_ in REL_PRONOUNS and "PronType=Rel" in str(tok.morph)
    if not relative and tok.tag_ not in {"PRELS", "WDT", "WP"}:
        return None
    v = tok.head
    while v.dep_ not in {"acl:relcl", "relcl", "acl"} and v.head.i != v.i:
        v = v.head
    if v.dep_ in {"acl:relcl", "relcl", "acl"}:
        return ctx.actor(v.head)
    return None


_DEFINITE = {"der", "die", "das", "den", "dem", "des", "the"}


def antecedent(ctx: Context, tok: Token) -> Mention | None:
    """A definite noun taking up an earlier phrase in this or the previous sentence stands
    for that phrase's actor: "ein Erkundungsteam des THW … Das Team soll …" → THW (a
    definite description refers back to an indefinite introduction; the earlier noun may be
    a compound ending in it)."""
    if tok.pos_ != "NOUN" or ctx.mention_at(tok) is not None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    k = ctx.sentence_of(tok)
    start = ctx.sents[max(k - 1, 0)].start
    head = tok.lemma_.lower() or tok.lower_
    for t in reversed(ctx.doc[: tok.i]):
        if t.idx < start:
            break
        if t.pos_ == "NOUN" and (t.lemma_.lower() or t.lower_).endswith(head):
            m = ctx.actor(t)
            return m if m is not None and m.kind == "name" else None
    return None


def named_antecedent(ctx: Context, tok: Token) -> Mention | None:
    """A definite common noun repeating the first word of one earlier organisation's name
    stands for it, whatever adjective it takes: "die Arbeiterpartei Kurdistans PKK … die
    kurdische Arbeiterpartei" (a definite description takes up its referent by the head
    noun the name began with)."""
    if tok.pos_ != "NOUN" or ctx.mention_at(tok) is not None:
        return None
    if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
        return None
    heads = {tok.lower_, tok.lemma_.lower()}
    named = {
        m.text: m
        for m in ctx.mentions
        if m.kind == "name"
        and m.label == "ORG"
        and m.end <= tok.idx
        and " " in m.text
        and m.text.split()[0].lower() in heads
    }
    return next(iter(named.values())) if len(named) == 1 else None
