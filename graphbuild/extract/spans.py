"""NER name spans repaired by what the words are: two names glued, a name cut short.

* **a person glued to the name before it**: NER often runs a place or an organisation and the
  person after it into one span ("San Francisco Dianne Feinstein", "Russischen Föderation
  Sergei Lawrow"), above all after a title ("Senatorin von …", "Außenminister der …"). A
  first name of the name lists (GermaNER, shipped with the German pipeline's gazetteer
  table) inside a place/organisation span, followed only by capitalised words, starts a
  person: the span is split there.
* **names joined by a slash**: "CDU/CSU", "CDU/CSU-Fraktion" are one name (an alliance or
  its group), though the tokenizer may split "/" off and NER label one side only: a span
  next to "/" written without spaces and a capitalised word on its other side takes both.
* **a place qualified by an abbreviation, a number or a region**: "Washington, D.C.",
  "Dresden I" (an electoral district) and "Menden (Sauerland)" are one name.
* **a country cut before its noun**: "die Vereinigten | Staaten", NER ending after the
  adjective. When the next word completes a country name (CLDR, adjective ending
  normalised: "Vereinigten Staaten" → "Vereinigte Staaten"), the span takes it.

Example:
    >>> import spacy
    >>> doc = spacy.blank("de")("Frankreich und die Vereinigten Staaten")
    >>> country_completed(doc[3:4]).text
    'Vereinigten Staaten'
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy
from spacy.tokens import Doc, Span

from graphbuild.extract.constructions import country_names
from graphbuild.nlp_layers import (
    GAZ_BEGIN,
    GAZ_INSIDE,
    GAZ_LAST,
    GAZ_OUT,
    GAZ_UNIT,
    gazetteer_features,
)

__all__ = [
    "country_completed",
    "first_names",
    "glued_person",
    "listed_places",
    "person_name_words",
    "place_qualified",
    "slash_joined",
]

_ADJECTIVE_ENDING = re.compile(r"(?<=e)(n|m|r|s)$")  # "Vereinigten" → "Vereinigte"


_PLACE_LISTS = ("city", "wiki", "country", "company")
_IN_ENTRY = frozenset({GAZ_BEGIN, GAZ_INSIDE, GAZ_LAST})
_FIRST_NAMES_KEY = "graphbuild.first_names"


_ALL_LISTS = ("first", "sur", *_PLACE_LISTS)
_STATES_KEY = "graphbuild.gazetteer_states"


def _list_states(doc: Doc, lists: list[str]) -> numpy.ndarray:
    """(n_tokens, len(lists)) GAZ_* states of the asked lists. Every list is matched on its
    own, so all lists are looked up once per Doc (kept in ``doc.user_data``) and the asked
    columns taken from there."""
    states = doc.user_data.get(_STATES_KEY)
    if not isinstance(states, numpy.ndarray) or states.shape[0] != len(doc):
        states = doc.user_data[_STATES_KEY] = gazetteer_features(doc, _ALL_LISTS) & 0xFF
    return states[:, [_ALL_LISTS.index(name) for name in lists]]


def first_names(doc: Doc) -> tuple[bool, ...]:
    """Per token: a first name of the name list that is no word of a multi-word place or
    company name of the lists around it; all False without the tables. Read once per Doc
    (kept in ``doc.user_data``): title and name-span repairs both ask."""
    found = doc.user_data.get(_FIRST_NAMES_KEY)
    if isinstance(found, tuple):
        return found
    states = _list_states(doc, ["first", *_PLACE_LISTS])
    found = doc.user_data[_FIRST_NAMES_KEY] = tuple(
        int(row[0]) == GAZ_UNIT and not any(int(x) in _IN_ENTRY for x in row[1:]) for row in states
    )
    return found


def person_name_words(doc: Doc) -> tuple[list[bool], list[bool], list[bool]]:
    """Per token: a first name (as :func:`first_names`), a listed surname that is no word of
    a multi-word place or company name, and a word of any listed place or company; all False
    without the tables."""
    states = _list_states(doc, ["sur", *_PLACE_LISTS])
    sur = [
        int(row[0]) == GAZ_UNIT and not any(int(x) in _IN_ENTRY for x in row[1:]) for row in states
    ]
    placed = [any(int(x) != GAZ_OUT for x in row[1:]) for row in states]
    return first_names(doc), sur, placed


def listed_places(doc: Doc) -> list[bool]:
    """Per token: a one-word city or place of the lists (OSM cities, Wikipedia locations)
    that is no first name or surname of the name lists; all False without the tables."""
    states = _list_states(doc, ["city", "wiki", "first", "sur"])
    return [
        (int(row[0]) == GAZ_UNIT or int(row[1]) == GAZ_UNIT)
        and int(row[2]) == GAZ_OUT
        and int(row[3]) == GAZ_OUT
        for row in states
    ]


def _name_word(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").replace(".", "").isalpha()


def glued_person(span: Span, first: Sequence[bool]) -> int | None:
    """The token where a person glued to the end of a place/organisation span starts, or
    None: a first name after at least two words of the span ("San Francisco" and "New York"
    alone keep their second word), followed by one or two capitalised words up to the end."""
    for k in range(span.start + 2, span.end - 1):
        rest = span.doc[k : span.end]
        if first[k] and len(rest) <= 3 and all(_name_word(t.text) for t in rest):
            return k
    return None


def _slash_pair(doc: Doc, left: int) -> bool:
    """Tokens ``left``, ``left + 1``, ``left + 2`` are "Word", "/", "Word" without spaces."""
    return (
        left >= 0
        and left + 2 < len(doc)
        and doc[left + 1].text == "/"
        and not doc[left].whitespace_
        and not doc[left + 1].whitespace_
        and doc[left].text[:1].isupper()
        and doc[left + 2].text[:1].isupper()
    )


def slash_joined(span: Span) -> Span:
    """``span`` with the words a slash joins to it on either side ("CDU / CSU-Fraktion").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("de")("der CDU/CSU-Fraktion")
        >>> [t.text for t in doc], slash_joined(doc[3:4]).text
        (['der', 'CDU', '/', 'CSU-Fraktion'], 'CDU/CSU-Fraktion')
    """
    doc = span.doc
    start, end = span.start, span.end
    while _slash_pair(doc, start - 2):
        start -= 2
    while _slash_pair(doc, end - 1):
        end += 2
    return doc[start:end]


_INITIALS = re.compile(r"^(?:[A-Z]\.){2,3}$")  # "D.C.": a district or state abbreviated
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X)$")  # "Wahlkreis Dresden I"


def place_qualified(span: Span) -> Span:
    """``span`` with the abbreviation a comma adds to a place ("Washington, D.C."), the
    Roman numeral that numbers it ("Wahlkreis Dresden I") or the closing bracket of the
    region that tells it apart ("Menden (Sauerland)").

    Example:
        >>> import spacy
        >>> doc = spacy.blank("de")("in Washington, D.C. und")
        >>> place_qualified(doc[1:2]).text
        'Washington, D.C.'
    """
    doc = span.doc
    end = span.end
    if end < len(doc) and doc[end].text == ")" and "(" in span.text and ")" not in span.text:
        return doc[span.start : end + 1]  # "Menden (Sauerland)": NER left the bracket open
    if end + 1 < len(doc) and doc[end].text == "," and _INITIALS.match(doc[end + 1].text):
        return doc[span.start : end + 2]
    if doc.lang_ == "de" and end < len(doc) and _ROMAN.match(doc[end].text):  # English "I"
        return doc[span.start : end + 1]
    return span


def _nominative_words(text: str) -> str:
    """The adjectives before the noun in their weak nominative form."""
    words = text.split()
    return " ".join([_ADJECTIVE_ENDING.sub("", w) for w in words[:-1]] + words[-1:])


def country_completed(span: Span) -> Span:
    """``span`` with the next word when together they name a country ("Vereinigten
    Staaten"); else ``span`` unchanged."""
    doc = span.doc
    if span.end >= len(doc) or not doc[span.end].text[:1].isupper():
        return span
    longer = doc[span.start : span.end + 1]
    names = country_names()
    if longer.text in names or _nominative_words(longer.text) in names:
        return longer
    return span
