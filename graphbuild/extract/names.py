"""Canonical (citation) forms of German names: nominative singular, uninflected.

A name is cited in the nominative (Duden, *Grammatik*): "des Technischen Hilfswerks" →
"Technisches Hilfswerk", "der Vereinten Nationen" → "Vereinte Nationen", "Barack Obamas" →
"Barack Obama", "Khartums" → "Khartum". Two rules:

* **adjectives** before the head noun take the strong nominative ending of the head's
  gender (-er masculine, -e feminine, -es neuter, -e plural); with no gender known, the
  weak -e ("Europäischen Union" → "Europäische Union"). Adjectives in -er stay: place
  adjectives are indeclinable ("Münchner Sicherheitskonferenz"). The gender is read off
  the head's ending (``noun_genders.de.tsv``: "-dienst" masculine, "-kreuz" neuter), else
  from what the article, the adjectives and the head agree on: a tagger's gender on a proper
  noun alone is often wrong.
* **the head** is the last word before a post-modifier ("Bundesamtes | für
  Verfassungsschutz", "Aufsichtsrat | der Deutschen Bank"), or an institution noun before a
  place ("Landgerichts Düsseldorf", "Partei Hongkongs"); the words after it are kept as
  written.
* **genitive -s/-es** on the last word is dropped when the word is in the genitive (the
  parser's ``Case=Gen``, "des"/"eines" before the name, or a Saxon genitive right before
  a noun: "Obamas Regierung") and the -s is not part of the name. Only masculine and
  neuter nouns take a genitive -s: after "der"/"die"/"den"/"dem" or on a feminine or
  plural head the -s is the name's own ("der Turkish Airlines"). Whether it is, is
  decided by evidence, strongest first: the form without -s elsewhere in the article,
  the name lists (first names, surnames and cities that end in -s: "Klaus", "Paris";
  ``gazetteers/``), then the sound of the word (nouns in -s/-ß/-x/-z take -es and keep
  their own s: "Kongresses" → "Kongress", "Fonds" stays). A plural head drops the dative
  -n when its plural is known ("den Olympischen Spielen" → "Olympische Spiele").

Example:
    >>> import spacy
    >>> nlp = spacy.blank("de")
    >>> doc = nlp("Die Helfer des Technischen Hilfswerks trafen Barack Obamas Berater.")
    >>> doc[3].set_morph("Case=Gen|Gender=Neut"); doc[4].set_morph("Case=Gen|Gender=Neut")
    >>> doc[7].pos_, doc[8].pos_ = "PROPN", "NOUN"  # a Saxon genitive: "Obamas Berater"
    >>> nominative(doc[3:5]), nominative(doc[6:8])
    ('Technisches Hilfswerk', 'Barack Obama')
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from graphbuild.extract.lexicons import rows, words

__all__ = ["QUOTE_MARKS", "genitive_stem", "nominative", "noun_gender", "place_of_adjective"]

GAZETTEERS = Path(__file__).parent / "gazetteers"
_ADJ_ENDING = re.compile(r"(en|em|er|es|e)$")
_STRONG = {"Masc": "er", "Fem": "e", "Neut": "es", "Plur": "e"}
_SIBILANT = ("s", "ß", "x", "z", "sch")
_GENITIVE_ARTICLES = frozenset({"des", "eines"})
# articles after which a noun never carries a genitive -s (feminine, plural, dative)
_NO_S_ARTICLES = frozenset({"der", "die", "den", "dem", "einer", "einem"})
_ADJECTIVE_SUFFIXES = ("ischen", "ische", "schen", "sche", "ten", "igen", "lichen")
# words that end the head of a name and start a post-modifier: "Bundesamt | für …"
_POST_MODIFIER = frozenset({"für", "der", "des", "von", "vom", "zur", "zum", "in", "im", "am"})
QUOTE_MARKS = frozenset("„“”\"»«‚‘'")  # never part of a name


@cache
def _names_ending_s() -> frozenset[str]:
    """First names, surnames and city names whose own last letter is -s ("Klaus")."""
    out: set[str] = set()
    for path in sorted(GAZETTEERS.glob("*.txt")):
        out.update(ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in out if w)


@cache
def _heads() -> frozenset[str]:
    """Head nouns of our lexicons (uninflected): "Fonds" ends in its own -s."""
    return frozenset(
        w.lower() for name in ("organizations", "events", "state_bodies") for w in words(name, "de")
    )


def genitive_stem(word: str, seen: frozenset[str] = frozenset()) -> str:
    """``word`` without its genitive -s/-es, unless the -s is part of the name.

    ``seen`` holds the other words of the article (a form without -s there is evidence).

    Example:
        >>> genitive_stem("Khartums", frozenset({"Khartum"})), genitive_stem("Klaus")
        ('Khartum', 'Klaus')
        >>> genitive_stem("Kongresses"), genitive_stem("Bundestages"), genitive_stem("Fonds")
        ('Kongress', 'Bundestag', 'Fonds')
    """
    if len(word) < 4 or not word.endswith("s"):
        return word
    candidates = [word[:-2]] if word.endswith("es") else []
    candidates.append(word[:-1])
    for c in candidates:
        if c in seen:
            return c
    if word in _names_ending_s() or _ends_in_head(word.lower(), s_only=True):
        return word
    for c in candidates:
        if _ends_in_head(c.lower()):
            return c
    if word.endswith("es") and (word[:-2].endswith(_SIBILANT) or _known_noun(word[:-2])):
        return word[:-2]  # "Kongresses", "Hauses", "Abschirmdienstes"
    if word[:-1].endswith(_SIBILANT):
        return word  # "Fonds", "Paris": the -s belongs to the word
    return word[:-1]


@lru_cache(maxsize=65536)  # asked for most capitalised words of an article
def _ends_in_head(low: str, s_only: bool = False) -> bool:
    """A lexicon head noun (of those ending in -s only, if asked) ends ``low``."""
    return any(low.endswith(h) for h in _heads() if not s_only or h.endswith("s"))


@cache
def _gender_endings() -> tuple[tuple[str, str], ...]:
    """(ending, gender) of ``noun_genders.de.tsv``, longest ending first."""
    pairs = {(r["ending"].strip().lower(), r["gender"].strip()) for r in rows("noun_genders", "de")}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=65536)  # asked for every head and word before a post-modifier
def noun_gender(word: str) -> str:
    """The gender a German noun's ending gives ("Masc", "Fem", "Neut", "Plur"), "" if none.

    Example:
        >>> noun_gender("Wetterdienstes"), noun_gender("Kreuz"), noun_gender("Ratte")
        ('Masc', 'Neut', '')
    """
    low = word.lower()
    for form in (
        low,
        low[:-2] if low.endswith("es") else "",
        low[:-1] if low.endswith("s") else "",
    ):
        for ending, gender in _gender_endings():
            if form.endswith(ending):
                return gender
    return ""


@lru_cache(maxsize=65536)
def _known_noun(stem: str) -> bool:
    """A noun ending of ``noun_genders.de.tsv`` of three letters or more ends ``stem``."""
    low = stem.lower()
    return any(len(e) >= 3 and low.endswith(e) for e, _ in _gender_endings())


def _gender(span: Span, head: Token) -> str:
    """The head's gender: by its ending, its number, else what the words agree on."""
    if "Plur" in head.morph.get("Number", []):
        return "Plur"
    by_ending = noun_gender(head.text)
    if by_ending:
        return by_ending
    doc = span.doc
    voters = [t for t in span if t.i <= head.i]
    if span.start > 0 and doc[span.start - 1].pos_ == "DET":
        voters.append(doc[span.start - 1])
    votes = Counter(g for t in voters for g in t.morph.get("Gender", []))
    own = head.morph.get("Gender", [])
    if not votes:
        return ""
    best = max(votes.values())
    return own[0] if own and votes[own[0]] == best else votes.most_common(1)[0][0]


def _head(span: Span) -> Token:
    """The head noun of a name: the last word before a post-modifier, or an institution
    noun before a place written after it ("Landgericht Düsseldorf")."""
    doc = span.doc
    end = next(
        (
            t.i
            for t in span[1:]
            if t.lower_ in _POST_MODIFIER
            and t.text.islower()
            # a noun before it, not a first name ("Ursula von der Leyen")
            and (doc[t.i - 1].pos_ == "NOUN" or noun_gender(doc[t.i - 1].text))
        ),
        span.end,
    )
    for t in span[: end - span.start - 1]:
        after = doc[t.i + 1 : end]
        if (
            t.pos_ in {"NOUN", "PROPN"}
            and _ends_in_head(genitive_stem(t.text).lower())
            and all(a.pos_ == "PROPN" or a.ent_type_ in {"LOC", "GPE"} for a in after)
        ):
            return t
    return doc[end - 1]


def _is_genitive(span: Span, head: Token, gender: str) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in _NO_S_ARTICLES or gender in {"Fem", "Plur"}:
        return False  # "der Turkish Airlines": no genitive -s on a feminine or plural noun
    if "Gen" in head.morph.get("Case", []):
        return True
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    saxon = after is not None and after.pos_ == "NOUN" and head.pos_ == "PROPN"
    return before in _GENITIVE_ARTICLES or saxon


def _strong_ending(word: str, gender: str) -> str:
    if word.endswith("er"):
        # already the strong masculine nominative, or an indeclinable place adjective
        # ("Münchner", "Genfer", "Berliner")
        return word
    stem = _ADJ_ENDING.sub("", word)
    if not gender:
        return word[:-1] if word.endswith("en") else word
    return stem + _STRONG[gender]


def nominative(span: Span, seen: frozenset[str] = frozenset(), head: int | None = None) -> str:
    """The nominative citation form of a German name (see the module docstring).

    ``head`` is the token index of the head noun when words follow it ("Sicherheitsrates
    der Vereinten Nationen"): those are kept as written. Default: the last token.
    """
    if not len(span):
        return span.text
    h = span.doc[head] if head is not None and span.start <= head < span.end else _head(span)
    gender = _gender(span, h)
    parts: list[str] = []
    for k, t in enumerate(span):
        w = t.text
        if w in QUOTE_MARKS:
            continue  # 'Operation „Muschtarak“' is cited without the marks
        if t.i == h.i and w[:1].isupper():
            if _is_genitive(span, h, gender):
                w = genitive_stem(w, seen)
            elif w[:-1] in seen and w.endswith("s") and len(w) > 4:
                w = w[:-1]  # "Abyeis" where "Abyei" also occurs: the parse missed the case
            elif gender == "Plur" and w.endswith("en") and noun_gender(w[:-1]) == "Plur":
                w = w[:-1]  # the dative plural -n: "den Olympischen Spielen" → "Spiele"
        elif t.i < h.i and w.isalpha() and _ADJ_ENDING.search(w) and span[k + 1].text[:1].isupper():
            adjective = (
                t.pos_ == "ADJ" or t.tag_ == "ADJA" or w.lower().endswith(_ADJECTIVE_SUFFIXES)
            )
            if adjective:
                w = _strong_ending(w, gender)
        parts.append(w + (t.whitespace_ if k + 1 < len(span) else ""))
    return "".join(parts).strip()


def place_of_adjective(name: str, text: str) -> str | None:
    """The place a place adjective in -er is derived from, when the article names it
    ("Kieler" → "Kiel", "Dresdner" → "Dresden", "Bremer" → "Bremen", "New Yorker" → "New
    York"): the adjective stands for the place (gold lists it as the place's alias).

    Example:
        >>> place_of_adjective("Dresdner", "Die Dresdner Polizei. In Dresden regnet es.")
        'Dresden'
        >>> place_of_adjective("Kieler", "Ein Kieler Taucher.") is None
        True
    """
    if not name.endswith("er") or len(name) < 5:
        return None
    stem = name[:-2]
    for place in (stem, stem[:-1] + "en" if stem.endswith("n") else "", stem + "en"):
        if place and re.search(rf"(?<!\w){re.escape(place)}(?!\w)", text):
            return place
    return None
