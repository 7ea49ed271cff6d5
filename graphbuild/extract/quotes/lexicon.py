"""Speech verbs and attribution phrases, read from ``lexicons/*.tsv`` and expanded to word forms.

A token is a speech verb when its lemma is in ``speech_verbs.<lang>.tsv`` or, because
lemmatizers err, when its surface form is one the lexicon's lemma takes. Regular German
weak-verb forms are derived by rule (Duden-Grammatik: ``sag-en`` → ``sag-t``, ``sag-te``,
``sag-ten``, ``ge-sag-t``, Konjunktiv ``sag-e``); inseparable prefixes and ``-ieren`` take no
``ge-``; strong forms are listed in the file. Separable verbs are written ``an|kündigen``: the
particle may stand apart ("kündigte … an") or be attached ("angekündigt").

Example:
    >>> v = speech_verbs("de")
    >>> v.lookup("kündigte", particle="an").lemma, v.lookup("angekündigt").lemma
    ('ankündigen', 'ankündigen')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from graphbuild.extract.lexicons import rows

_INSEPARABLE = ("be", "ge", "er", "ver", "zer", "ent", "emp", "miss", "hinter", "wider", "über")


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """One lexicon entry: lemma (with particle), base verb, particle, medium, reported use.

    ``reported`` is "yes" (the verb with an object reports an utterance), "no", or the
    preposition it needs for that ("von": "sprach von einem Erfolg").
    """

    lemma: str
    base: str
    particle: str
    medium: str
    reported: str = "no"
    addressee: str = "dat"


def _german_forms(base: str, particle: str, irregular: list[str]) -> set[str]:
    stem = base[:-2] if base.endswith("en") else base[:-1]
    e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn", "dm", "tm")) else ""
    forms = {base, stem + "e", stem + e + "t", stem + e + "te", stem + e + "ten", stem + e + "st"}
    ge = "" if base.startswith(_INSEPARABLE) or base.endswith("ieren") else "ge"
    forms.add(ge + stem + e + "t")
    forms.update(irregular)
    if particle:
        # attached forms: "angekündigt", "anzukündigen", "ankündigte" (subordinate clause)
        attached = {particle + f for f in forms if not f.startswith(particle)}
        attached.add(particle + "zu" + base)
        forms |= attached
    return {f.lower() for f in forms}


def _english_forms(base: str, irregular: list[str]) -> set[str]:
    forms = {base, base + "s", base + "ing", base[:-1] + "ing" if base.endswith("e") else base}
    if base.endswith("e"):
        forms.add(base + "d")
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms.update({base[:-1] + "ied", base[:-1] + "ies"})
    else:
        forms.update({base + "ed", base + "es"})
    forms.update(irregular)
    return {f.lower() for f in forms}


@dataclass(frozen=True)
class SpeechVerbs:
    """Lookup of speech verbs by lemma or surface form."""

    by_lemma: dict[str, SpeechVerb]
    by_form: dict[str, tuple[SpeechVerb, ...]]
    lang: str = "de"

    def lookup(self, word: str, lemma: str = "", particle: str = "") -> SpeechVerb | None:
        """The entry a token stands for, given its text, lemma and a detached particle."""
        word, lemma, particle = word.lower(), lemma.lower(), particle.lower()
        for key in (_join(lemma, particle, self.lang), lemma) if particle else (lemma,):
            v = self.by_lemma.get(key)
            if v is not None and (v.particle == particle or (not particle and not v.particle)):
                return v
        cands = self.by_form.get(word, ())
        for v in cands:
            if v.particle == particle or (v.particle and word.startswith(v.particle)):
                return v
        for v in cands:
            if not v.particle and not particle:
                return v
        if lemma and not particle:
            v = self.by_lemma.get(lemma)
            if v is not None and not v.particle:
                return v
        return None


@cache
def speech_verbs(lang: str) -> SpeechVerbs:
    """The speech-verb lexicon of a language (empty for unknown languages)."""
    by_lemma: dict[str, SpeechVerb] = {}
    by_form: dict[str, list[SpeechVerb]] = {}
    for r in rows("speech_verbs", lang):
        raw = (r.get("lemma") or "").strip()
        if not raw:
            continue
        particle, _, base = raw.rpartition("|")
        verb = SpeechVerb(
            lemma=_join(base, particle, lang),
            base=base,
            particle=particle,
            medium=(r.get("medium") or "speech").strip(),
            reported=(r.get("reported") or "no").strip().lower(),
            addressee=(r.get("addressee") or "dat").strip().lower(),
        )
        by_lemma[verb.lemma] = verb
        irregular = [f.strip() for f in (r.get("forms") or "").split(",") if f.strip()]
        forms = (
            _german_forms(base, particle, irregular)
            if lang == "de"
            else _english_forms(base, irregular)
        )
        for f in forms:
            by_form.setdefault(f, []).append(verb)
    return SpeechVerbs(by_lemma, {k: tuple(v) for k, v in by_form.items()}, lang)


def _join(base: str, particle: str, lang: str) -> str:
    """German writes the particle first (ankündigen), English after the verb (point out)."""
    if not particle:
        return base
    return f"{base} {particle}" if lang == "en" else particle + base


@cache
def cue_phrases(lang: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """Attribution phrases (as word tuples, longest first) with their position rule."""
    out = [
        (tuple(r["phrase"].split()), (r.get("position") or "before").strip())
        for r in rows("quote_cues", lang)
        if r.get("phrase")
    ]
    return tuple(sorted(out, key=lambda x: -len(x[0])))


@cache
def cue_phrase_starts(lang: str) -> frozenset[str]:
    """The first words of the attribution phrases: a sentence is scanned only from these."""
    return frozenset(phrase[0] for phrase, _ in cue_phrases(lang))


@cache
def channel_phrases(lang: str) -> tuple[tuple[str, ...], ...]:
    """Addressee/channel phrases as word tuples, longest first."""
    out = [tuple(r["phrase"].split()) for r in rows("quote_channels", lang) if r.get("phrase")]
    return tuple(sorted(out, key=len, reverse=True))


@cache
def konjunktiv_forms(lang: str) -> frozenset[str]:
    """Finite forms that mark reported speech by themselves (German Konjunktiv)."""
    return frozenset(
        r["form"].strip().lower()
        for r in rows("quote_konjunktiv", lang)
        if r.get("form") and (r.get("mood") or "I").strip() in {"I", "II"}
    )


@cache
def indicative_forms(lang: str) -> frozenset[str]:
    """Finite forms that are indicative only (darf, kann, ist: the Konjunktiv is dürfe,
    könne, sei), whatever mood a tagger gives them."""
    return frozenset(
        r["form"].strip().lower()
        for r in rows("quote_konjunktiv", lang)
        if r.get("form") and (r.get("mood") or "").strip() == "ind"
    )


@cache
def konjunktiv_i_forms(lang: str) -> frozenset[str]:
    """The Konjunktiv I forms of the list (sei, habe, werde …): reported speech by themselves,
    unlike Konjunktiv II (wäre, könnte), which is also hypothetical."""
    return frozenset(
        r["form"].strip().lower()
        for r in rows("quote_konjunktiv", lang)
        if r.get("form") and (r.get("mood") or "I").strip() == "I"
    )


@cache
def speech_nouns(lang: str) -> Mapping[str, tuple[str, bool]]:
    """Nouns of saying/thinking that take the reported content as a clause: medium, and
    whether a zu-infinitive can be that content (die Forderung, X zu tun)."""
    return MappingProxyType(
        {
            r["noun"].strip().lower(): (
                (r.get("medium") or "speech").strip(),
                (r.get("zu") or "").strip() == "yes",
            )
            for r in rows("quote_speech_nouns", lang)
            if r.get("noun")
        }
    )


@cache
def speech_noun(word: str, lemma: str, lang: str) -> str | None:
    """The lexicon noun a token stands for (lemma, or the form without a plural or case
    ending: Forderungen, Berichts), or None."""
    nouns = speech_nouns(lang)
    for key in (lemma.lower(), word.lower()):
        if key in nouns:
            return key
    low = word.lower()
    for end in ("en", "n", "es", "s", "e"):
        if low.endswith(end) and low[: -len(end)] in nouns:
            return low[: -len(end)]
    return None


@cache
def naming_predicatives(lang: str) -> Mapping[str, frozenset[str]]:
    """Verbs that name or judge their object with a predicative (bezeichnen, würdigen,
    ein|stufen), as lemmas with the particle attached (einstufen), each with the words that
    introduce its predicative: "als", or the verb's own preposition ("sehen in", "halten für")."""
    return MappingProxyType(
        {
            r["lemma"].strip().lower().replace("|", ""): frozenset(
                p.strip() for p in (r.get("predicative") or "als").split(",") if p.strip()
            )
            for r in rows("quote_naming_verbs", lang)
            if r.get("lemma")
        }
    )


@cache
def naming_verbs(lang: str) -> frozenset[str]:
    """The verbs of ``naming_predicatives`` that take an "als"/"as" predicative."""
    return frozenset(v for v, preps in naming_predicatives(lang).items() if "als" in preps)
