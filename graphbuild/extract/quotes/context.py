"""The shared state of one quote-extraction run and the speech-verb cue it looks for.

``Context`` carries the parsed doc, its mentions and sentences; ``cue_at(token, ctx)`` says
whether a token is a speech-verb cue (with its auxiliaries and separated particle);
``is_konjunktiv`` recognises Konjunktiv I/II, the mark of German reported speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from graphbuild.extract.mentions import sentence_index
from graphbuild.extract.quotes.attribution import cue_extras
from graphbuild.extract.quotes.lexicon import (
    SpeechVerb,
    indicative_forms,
    konjunktiv_forms,
    konjunktiv_i_forms,
    speech_verbs,
)
from graphbuild.types import Mention, Sentence

_PARTICLE_DEPS = frozenset({"compound:prt", "svp", "prt"})
# Separable verb particles (Duden-Grammatik § 1000 ff.): with one of these the verb is another
# verb ("hält … fest" is not "halten"), even when the tagger calls the particle an adverb.
_PARTICLES = frozenset(
    {"ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "fort", "her", "hin"}
    | {"los", "mit", "nach", "vor", "weg", "weiter", "zu", "zurück", "zusammen", "bekannt"}
    | {"hervor", "heraus", "hinzu", "klar", "frei", "statt", "teil", "vorbei", "entgegen"}
)


@dataclass(frozen=True, slots=True)
class Cue:
    token: Token
    verb: SpeechVerb | None
    spans: tuple[tuple[int, int], ...]


@dataclass
class Context:
    doc: Doc
    mentions: Sequence[Mention]
    sents: Sequence[Sentence]
    parsed: bool
    lang: str
    # cue_at's answer per token index: the four kinds of speech ask about the same tokens
    cues: dict[int, Cue | None] = field(default_factory=dict)

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


def particle(tok: Token) -> Token | None:
    """The separated verb particle of a verb ("kündigte … an", "gab … bekannt").

    Parsers label it ``compound:prt``; a particle that is also an adjective or adverb
    ("bekannt", "fest") is often mislabelled, so a later child that is one of the particles
    the lexicon knows for this verb form counts too.
    """
    children = list(tok.children)
    for c in children:
        if c.dep_ in _PARTICLE_DEPS:
            return c
    known = {v.particle for v in speech_verbs(tok.doc.lang_).by_form.get(tok.lower_, ())}
    known.discard("")
    if not known:
        return None
    # "gab … bekannt" (a later child), or "bekannt gegeben" written apart before a participle
    before_ok = bool(set(tok.morph.get("VerbForm")) & {"Part", "Inf"})
    for c in children:
        after = c.i > tok.i or (before_ok and c.i == tok.i - 1)
        if after and c.lower_ in known and c.dep_ in {"xcomp", "advmod", "obl", "compound", "conj"}:
            return c
    return None


def cue_at(tok: Token, ctx: Context) -> Cue | None:
    """The speech-verb cue a token is, with all its parts (aux, particle) as spans."""
    if tok.i not in ctx.cues:
        ctx.cues[tok.i] = _cue_at(tok, ctx)
    return ctx.cues[tok.i]


def _cue_at(tok: Token, ctx: Context) -> Cue | None:
    if tok.is_punct or not tok.text[:1].isalpha():
        return None
    if ctx.parsed and tok.pos_ not in {"VERB", "AUX", ""} and tok.pos_ != "X":
        return None
    lex = speech_verbs(ctx.lang)
    prt = particle(tok) if ctx.parsed else None
    if prt is None and not ctx.parsed:
        prt = _surface_particle(tok)
    # With a separated particle the verb is another one ("nimmt … an" is not "nehmen"): no
    # retry without it.
    verb = lex.lookup(tok.text, tok.lemma_, prt.lower_ if prt is not None else "")
    if verb is None and prt is not None and prt.pos_ != "ADP" and prt.lower_ not in _PARTICLES:
        verb = lex.lookup(tok.text, tok.lemma_)
        prt = None
    if verb is None:
        return None
    parts = [tok]
    if prt is not None:
        parts.append(prt)
    if ctx.parsed:
        parts += [c for c in tok.children if c.dep_ in {"aux", "aux:pass"} and c.i < tok.i]
        parts += cue_extras(tok)
    spans = tuple(sorted((t.idx, t.idx + len(t)) for t in parts))
    return Cue(tok, verb, spans)


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


def is_konjunktiv(tok: Token) -> bool:
    """Konjunktiv: the tagger's Mood=Sub, a listed form, or a 3rd-person form in -e.

    German Konjunktiv I of the 3rd person singular is stem + e ("ändere", "gelte",
    "nehme"), the indicative stem + t; so a finite verb in -e (not the past -te) whose
    subject is not "ich" is Konjunktiv I (Duden-Grammatik § 749).
    """
    if tok.doc.lang_ == "de" and _first_person_e(tok):
        return False  # "ich habe", "ich gebe": the 1st person indicative ends in -e too
    if tok.lower_ in indicative_forms(tok.doc.lang_):
        return False  # "darf", "kann", "ist": taggers sometimes call them Mood=Sub
    if "Sub" in tok.morph.get("Mood"):
        return True
    if tok.lower_ in konjunktiv_forms(tok.doc.lang_):
        return True
    if tok.doc.lang_ != "de" or tok.pos_ not in {"VERB", "AUX"}:
        return False
    if not tok.lower_.endswith("e") or len(tok) < 4:
        return False
    tense = tok.morph.get("Tense")
    if "Past" in tense or tok.lower_.endswith("te"):
        return False  # the preterite "sagte", "wurde" (Konjunktiv "halte" needs Mood=Sub)
    # a tagger's indicative for a 3rd-person "ändere" is wrong: the indicative is "ändert";
    # the subject decides below
    if "Fin" not in tok.morph.get("VerbForm") and tok.morph.get("VerbForm"):
        return False
    subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubj:pass", "expl"}), None)
    if subj is None and tok.dep_ in {"aux", "aux:pass", "cop"}:
        subj = next((c for c in tok.head.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
    return subj is not None and subj.lower_ not in {"ich", "sie", "wir"}


def _first_person_e(tok: Token) -> bool:
    """A form in -e (not "sei") whose subject is "ich": indicative, not Konjunktiv I."""
    low = tok.lower_
    if not low.endswith("e") or low == "sei":
        return False
    verb = tok.head if tok.dep_ in {"aux", "aux:pass", "cop"} else tok
    return any(c.dep_ in {"nsubj", "nsubj:pass"} and c.lower_ == "ich" for c in verb.children)


def is_konjunktiv_i(tok: Token) -> bool:
    """Konjunktiv I (sei, habe, gelte): present-tense subjunctive, which in a main clause
    marks reported speech by itself (Duden-Grammatik § 757); Konjunktiv II (wäre, könnte)
    may be hypothetical and does not."""
    low = tok.lower_
    if low in konjunktiv_i_forms(tok.doc.lang_):
        return True
    if low in konjunktiv_forms(tok.doc.lang_):
        return False
    if "Sub" in tok.morph.get("Mood"):
        return "Pres" in tok.morph.get("Tense")
    return is_konjunktiv(tok) and not low.endswith(("te", "ten"))


def finite_verbs(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ in {"VERB", "AUX"} and "Fin" in t.morph.get("VerbForm")]
