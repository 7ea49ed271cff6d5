"""Organisation and event names built by German grammar, where NER finds nothing or a part.

News names institutions and events by construction more often than by a proper name; each
rule below reads one construction off the parse and the lexicons (data in ``lexicons/``):

* **state bodies** (``state_bodies.de.tsv``): a country adjective or prefix before a head
  noun of government, armed forces, police, missions ("die sudanesische Regierung",
  "afghanische Truppen", "US-Militär") → an organisation affiliated with that country;
  a head noun before a country in the genitive ("Regierung Myanmars") too.
* **unique institutions** (``institution_prefixes.de.tsv``): a compound of "Bundes-",
  "Reichs-", "Welt-", "Europa-" and an organisation or event head noun names one body or
  event ("Bundespolizei", "Bundesverfassungsgericht", "Weltklimakonferenz"), with the
  plural genitive of whom it unites ("Weltkongress der Uiguren").
* **institution chains**: an organisation head noun (``organizations.de.tsv``) followed by
  a genitive name ("Sicherheitsrat der Vereinten Nationen"), a "für" phrase ("Zentrum für
  Chiffrierwesen", "Bundesamt für Bevölkerungsschutz und Katastrophenhilfe") or a place
  ("Landgericht Kassel", "Staatsanwaltschaft von Manhattan") is one organisation name.
* **international organisations** of ``resolve/organizations.tsv`` NER missed ("Ärzte
  ohne Grenzen", "des Weißen Hauses"); **media by their web domain** ("laut faz.net") and
  as what a statement is made to ("sagte gegenüber dem Tagesspiegel"); **operations** by
  the noun introducing their name (``event_introducers.de.tsv``: "Operation Muschtarak");
  **places** NER missed after a place noun (``places.de.tsv``: "Großgemeinde Lukeqin").
* **military units** by an ordinal (``military_units.de.tsv``: "des 3. Bataillons").
* **events with a date or place** (``events.de.tsv``, ``event_attachments.de.tsv``): an
  event noun with a year ("Bundestagswahl 2005", "NBA Finals 2007"), a place ("Parlamentswahl
  in Georgien", "G8-Gipfel von L'Aquila") or a date ("Anschläge vom 11. September").
  A bare event noun ("Referendum") needs a date; a compound ("Präsidentschaftswahl") a date,
  a place or a country adjective ("das katalanische Unabhängigkeitsreferendum"):
  "Konflikte im Sudan" stays generic.

Whether an adjective really names a country is decided in ``resolve`` (no country table
here); the construction carries the adjective's span as its affiliation.

Example:
    >>> import spacy
    >>> nlp = spacy.blank("de")
    >>> doc = nlp("Die sudanesische Regierung und die Bundespolizei vor der Bundestagswahl 2005")
    >>> [(doc[c.start : c.end].text, c.label, c.rule) for c in constructions(doc)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('sudanesische Regierung', 'ORG', 'org.state_body'),
     ('Bundespolizei', 'ORG', 'org.unique'),
     ('Bundestagswahl 2005', 'EVENT', 'event.dated')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path
from types import MappingProxyType

from spacy.tokens import Doc

from graphbuild.extract.lexicons import rows, words
from graphbuild.extract.names import QUOTE_MARKS
from graphbuild.extract.text import TokenTable, token_table

__all__ = [
    "Construction",
    "constructions",
    "country_names",
    "head_noun",
    "introduced_label",
    "state_body_kind",
]

# German adjective derivation: -isch/-sch plus the inflection endings (russisch-en, deutsch-e).
COUNTRY_ADJECTIVE = re.compile(r"^[a-zäöüß-]+sch(e|en|em|er|es)?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d\.?$")
_ORDINAL = re.compile(r"^\d{1,2}\.$")
_ENDINGS = ("", "n", "en", "s", "es", "e")  # noun inflection on a compound head


@dataclass(frozen=True, slots=True)
class Construction:
    """A name found by construction: token range, label (ORG/EVENT), the rule that found it
    and the character span of the country adjective/prefix it is affiliated with."""

    start: int
    end: int
    label: str
    rule: str
    head_end: int = -1  # end of the head part (before a genitive/place attached to it)
    affiliation: tuple[int, int] | None = None


@cache
def country_names() -> frozenset[str]:
    """CLDR territory names in German and English (babel), for names NER missed."""
    from babel import Locale

    names: set[str] = set()
    for loc in ("de", "en"):
        for code, name in Locale(loc).territories.items():
            if len(code) == 2 and code.isalpha():
                names.add(name)
    return frozenset(names)


@cache
def _lexicon(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words(name, "de"))


@lru_cache(maxsize=65536)  # a pure function of strings, asked for every capitalised word
def head_noun(word: str, lexicon: str) -> str | None:
    """The head noun of ``lexicon`` a German word ends in, allowing noun inflection.

    Example:
        >>> head_noun("Regierungstruppen", "state_bodies"), head_noun("Gipfels", "events")
        ('truppen', 'gipfel')
    """
    low = word.lower()
    heads = _lexicon(lexicon)
    for ending in _ENDINGS:
        stem = low[: len(low) - len(ending)] if ending else low
        if ending and not low.endswith(ending):
            continue
        for k in range(len(stem)):
            if stem[k:] in heads:
                return stem[k:]
    return None


# resolve/countries.auswaertiges_amt.txt: official country names ("Bundesrepublik
# Deutschland"); read as data, as the organisation table below
OFFICIAL_COUNTRIES = (
    Path(__file__).resolve().parents[1] / "resolve" / "countries.auswaertiges_amt.txt"
)


@cache
def _official_countries() -> frozenset[str]:
    lines = OFFICIAL_COUNTRIES.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


def _official_country(name: str) -> bool:
    """A country's short or official name, also with a genitive -s."""
    names = country_names() | _official_countries()
    return name in names or (name.endswith("s") and name[:-1] in names)


@cache
def _body_kinds() -> Mapping[str, str]:
    return MappingProxyType(
        {r["noun"].lower(): (r.get("body") or "").strip() for r in rows("state_bodies", "de")}
    )


def state_body_kind(word: str) -> str | None:
    """The kind of state body a German word names ("Regierungstruppen" → "forces", "" for
    a kind a country has many of), None for no state body ("Oppositionstruppen": a force
    against the state; ``state_bodies.de.tsv``).

    Example:
        >>> state_body_kind("Regierungstruppen"), state_body_kind("Oppositionstruppen")
        ('forces', None)
    """
    head = head_noun(word, "state_bodies")
    kind = _body_kinds().get(head or "")
    return None if kind is None or kind == "not" else kind


def _capitalised(tt: TokenTable, i: int) -> bool:
    return tt.text[i][:1].isupper()


def _country_genitive(text: str) -> bool:
    return text.endswith("s") and text[:-1] in country_names()


def _state_bodies(doc: Doc) -> Iterator[Construction]:
    """ "die sudanesische Regierung", "US-Militär", "Regierung Myanmars"."""
    tt = token_table(doc)
    for i, text in enumerate(tt.text):
        if not _capitalised(tt, i):
            continue
        if "-" in text[1:-1]:
            prefix, rest = text.split("-", 1)
            if state_body_kind(rest) is not None and (
                prefix in country_names() or (prefix.isupper() and 2 <= len(prefix) <= 4)
            ):
                aff = (tt.idx[i], tt.idx[i] + len(prefix))
                yield Construction(i, i + 1, "ORG", "org.state_body", affiliation=aff)
            continue
        if state_body_kind(text) is None:
            continue
        j = i - 1
        if j >= 0 and COUNTRY_ADJECTIVE.match(tt.text[j]) and tt.pos[j] in {"ADJ", ""}:
            aff = (tt.idx[j], tt.idx[j] + len(tt.text[j]))
            yield Construction(j, i + 1, "ORG", "org.state_body", affiliation=aff)
        elif (
            i + 1 < len(tt)
            and _country_genitive(tt.text[i + 1])
            and "Plur" not in doc[i].morph.get("Number", [])  # "die Regierungen Frankreichs und …"
            and text.lower().endswith(head_noun(text, "state_bodies") or "")
        ):
            aff = (tt.idx[i + 1], tt.idx[i + 1] + len(tt.text[i + 1]))
            yield Construction(i, i + 2, "ORG", "org.state_body", i + 1, aff)


@cache
def _unique_prefixes() -> Mapping[str, frozenset[str]]:
    """Prefix → what a compound with it names uniquely ("org", "event")."""
    return MappingProxyType(
        {
            r["prefix"].strip(): frozenset(r["names"].split())
            for r in rows("institution_prefixes", "de")
        }
    )


def _unique_institutions(doc: Doc) -> Iterator[Construction]:
    """ "Bundespolizei", "Bundesverfassungsgericht", "Europarat", "Weltklimakonferenz"."""
    tt = token_table(doc)
    names = _unique_prefixes()
    prefixes = tuple(names)
    for i, text in enumerate(tt.text):
        low = text.lower()
        if not _capitalised(tt, i) or not text.isalpha() or not low.startswith(prefixes):
            continue
        if "Plur" in doc[i].morph.get("Number", []):
            continue  # "Bundesbehörden": many bodies, none named
        prefix = next(p for p in prefixes if low.startswith(p))
        for label, lexicon, kind in (("EVENT", "events", "event"), ("ORG", "organizations", "org")):
            head = head_noun(text, lexicon)
            if (
                head is not None
                and kind in names[prefix]
                and (head.startswith(prefix) or len(low) - len(head) >= len(prefix))
            ):
                end = _members_genitive(doc, i + 1) if label == "ORG" else None
                yield Construction(i, end or i + 1, label, f"{kind}.unique", i + 1)
                break


def _members_genitive(doc: Doc, k: int) -> int | None:
    """ "der Uiguren", "der Verbraucherzentralen" after a unique institution: the plural
    noun naming whom it unites belongs to its name ("Weltkongress der Uiguren"); a place
    in the genitive ("Bundesregierung der Niederlande") does not."""
    tt = token_table(doc)
    if k + 1 >= len(tt) or tt.lower[k] != "der" or "Plur" not in doc[k].morph.get("Number", []):
        return None
    noun = k + 1
    if (
        _capitalised(tt, noun)
        and tt.is_alpha[noun]
        and tt.pos[noun] in {"NOUN", "PROPN"}
        and "Plur" in doc[noun].morph.get("Number", [])
        and tt.ent_type[noun] not in {"LOC", "GPE"}
        and not (noun + 1 < len(tt) and _capitalised(tt, noun + 1) and tt.pos[noun + 1] == "NOUN")
    ):
        return noun + 1
    return None


def _name_end(doc: Doc, k: int) -> int | None:
    """End of the capitalised name starting at token ``k`` (an NER entity or a country)."""
    tt = token_table(doc)
    if k >= len(tt) or not _capitalised(tt, k):
        return None
    if tt.ent_iob[k] == "B" or (tt.ent_type[k] and tt.ent_iob[k] == "I"):
        end = k + 1
        while end < len(tt) and tt.ent_iob[end] == "I":
            end += 1
        return end
    if tt.text[k] in country_names() or _country_genitive(tt.text[k]):
        return k + 1
    return None


def _genitive_chain(doc: Doc, k: int) -> int | None:
    """ "der Vereinten Nationen": article, capitalised adjectives, a name → its end."""
    tt = token_table(doc)
    if k >= len(tt) or tt.lower[k] not in {"der", "des"}:
        return None
    m = k + 1
    while m < len(tt) and _capitalised(tt, m) and tt.pos[m] == "ADJ" and not tt.ent_type[m]:
        m += 1
    if m < len(tt) and tt.ent_type[m] in {"ORG", "MISC"}:
        end = _name_end(doc, m)
        if end is not None and _official_country(doc[m:end].text):
            return None  # "Amt der Bundesrepublik Deutschland": the country is an affiliation
        return end
    # an organisation name NER missed: capitalised words ending in an organisation head
    # ("der Vereinten Nationen"); a country in the genitive is an affiliation instead
    # ("Amt der Bundesrepublik")
    end = m
    while end < len(tt) and end - k <= 4 and _capitalised(tt, end) and not tt.ent_type[end]:
        end += 1
    if end - (k + 1) >= 2 and head_noun(tt.text[end - 1], "organizations"):
        return end
    return None


def _place_before_acronym(doc: Doc, k: int) -> int | None:
    """ "im Sudan (UNMIS)" after a name: the place belongs to the name the acronym in
    parentheses abbreviates ("Mission der Vereinten Nationen im Sudan") → its end."""
    tt = token_table(doc)
    if k >= len(tt) or tt.lower[k] not in {"in", "im"}:
        return None
    m = k + 1
    if tt.lower[k] == "in" and m < len(tt) and tt.lower[m] in {"der", "dem"}:
        m += 1  # "in der Zentralafrikanischen Republik"
    end = _name_end(doc, m)
    if end is None or (tt.ent_type[m] not in {"LOC", "GPE"} and tt.text[m] not in country_names()):
        return None
    if (
        end + 2 < len(tt)
        and tt.text[end] == "("
        and tt.text[end + 1].isupper()
        and tt.text[end + 2] == ")"
    ):
        return end
    return None


def _in_phrase(tt: TokenTable, k: int) -> bool:
    """After "in": "der Informationstechnik", or a place ("in Europa")."""
    return tt.lower[k] == "der" or tt.ent_type[k] in {"LOC", "GPE"}


def _fuer_chain(doc: Doc, k: int) -> int | None:
    """ "für Demokratische Institutionen und Menschenrechte", "für Sicherheit in der
    Informationstechnik": a noun phrase without determiner, ending in a capitalised noun."""
    tt = token_table(doc)
    if k >= len(tt) or tt.lower[k] != "für":
        return None
    m, end = k + 1, None
    while m < len(tt):
        low, cap = tt.lower[m], _capitalised(tt, m)
        if cap and tt.pos[m] in {"NOUN", "PROPN"}:
            end = m + 1
        elif not (
            tt.pos[m] == "ADJ"
            or (low == "und" and end is not None)
            or (low == "in" and end is not None and m + 1 < len(tt) and _in_phrase(tt, m + 1))
            or (low == "der" and tt.lower[m - 1] == "in")
        ):
            break
        m += 1
    return end


def _institution_chains(doc: Doc) -> Iterator[Construction]:
    """An organisation head noun with a genitive name, a "für" phrase or a place after it."""
    tt = token_table(doc)
    for i, text in enumerate(tt.text):
        if not _capitalised(tt, i) or tt.pos[i] not in {"NOUN", "PROPN"}:
            continue
        if head_noun(text, "organizations") is None:
            continue
        start = i
        while start > 0 and _capitalised(tt, start - 1) and tt.pos[start - 1] == "ADJ":
            start -= 1  # "Internationaler Fonds …", "Multilateraler …"
        end = _genitive_chain(doc, i + 1)
        if end is not None:  # the genitive name stays a name of its own
            end = _place_before_acronym(doc, end) or end
            yield Construction(start, end, "ORG", "org.chain", i + 1)
            continue
        end = _fuer_chain(doc, i + 1)
        if end is not None:  # a place in it is part of the name ("… in Europa")
            yield Construction(start, end, "ORG", "org.chain")
            continue
        # the seat is part of the name: "Landgericht Kassel", "Staatsanwaltschaft von Manhattan"
        k = i + 2 if tt.lower[i + 1 : i + 2] == ["von"] else i + 1
        plural = "Plur" in doc[i].morph.get("Number", [])
        if (
            k < len(tt)
            and tt.ent_type[k] in {"LOC", "GPE"}
            and not plural
            and "Gen" not in doc[k].morph.get("Case", [])  # a seat is in apposition, not genitive
        ):
            seat_end = _name_end(doc, k)
            seat = doc[k:seat_end].text if seat_end is not None else ""
            if seat_end and seat not in country_names() and not _country_genitive(seat):
                yield Construction(start, seat_end, "ORG", "org.seat")


@cache
def _attachments() -> Mapping[str, str]:
    return MappingProxyType(
        {r["word"].strip(): r["attaches"].strip() for r in rows("event_attachments", "de")}
    )


def _date_end(tt: TokenTable, k: int) -> int | None:
    """End of a date at token ``k``: a year, "Jahr 2011", "11. September (2001)"."""
    if k < len(tt) and _YEAR.match(tt.text[k]):
        return k + 1
    if k + 1 < len(tt) and tt.lower[k] == "jahr" and _YEAR.match(tt.text[k + 1]):
        return k + 2
    months = _lexicon("months")
    if k + 1 < len(tt) and _ORDINAL.match(tt.text[k]) and tt.lower[k + 1] in months:
        end = k + 2
        return end + 1 if end < len(tt) and _YEAR.match(tt.text[end]) else end
    return None


def _place_end(doc: Doc, k: int) -> int | None:
    """End of a place name at token ``k`` (NER place, a country, or an unparsed name)."""
    tt = token_table(doc)
    end = _name_end(doc, k)
    if end is not None and tt.ent_type[k] not in {"PER", "PERSON", "ORG"}:
        return end
    if k < len(tt) and _capitalised(tt, k) and not tt.ent_type[k] and tt.pos[k] in {"PROPN", "NUM"}:
        return k + 1  # "L′Aquila" left untagged by the parser
    return None


def _event_extent(doc: Doc, i: int, bare: bool) -> tuple[int, bool] | None:
    """Where the date/place after the event noun at ``i`` ends, and whether a date is in it.

    ``bare``: the noun is a plural head noun alone ("Konflikte im Sudan"), which a place
    does not identify; a date does."""
    tt = token_table(doc)
    end, dated = i + 1, False
    year = _date_end(tt, end) if end < len(tt) and _YEAR.match(tt.text[end]) else None
    if year is not None:
        end, dated = year, True
    how = _attachments().get(tt.lower[end]) if end < len(tt) else None
    if how is not None:
        after = (
            _date_end(tt, end + 1)
            if (how == "date" or tt.lower[end + 1 : end + 2] == ["jahr"])
            else None
        )
        if after is not None:
            end, dated = after, True
        elif how == "place" and not bare:
            place = _place_end(doc, end + 1)
            if place is not None:
                end = place
                year = _date_end(tt, end) if end < len(tt) and _YEAR.match(tt.text[end]) else None
                if year is not None:
                    end, dated = year, True
    if end == i + 1 and not bare:
        genitive = _genitive_chain(doc, end)  # "Präsidiumstreffen der IADB"
        end = genitive or end
    if end == i + 1 or (bare and not dated):
        return None
    return end, dated


def _place_adjective(word: str) -> bool:
    """A lowercase adjective in -isch that is not a common one ("katalanische", not
    "politische"; ``common_adjectives.de.tsv``)."""
    if not COUNTRY_ADJECTIVE.match(word):
        return False
    stem = re.sub(r"(e|en|em|er|es)$", "", word) if not word.endswith("sch") else word
    return stem not in _lexicon("common_adjectives")


def _events(doc: Doc) -> Iterator[Construction]:
    """Event nouns identified by a date or a place ("Bundestagswahl 2005")."""
    tt = token_table(doc)
    for i, text in enumerate(tt.text):
        if not _capitalised(tt, i) or tt.pos[i] not in {"NOUN", "PROPN", "ADJ", "NUM", ""}:
            continue
        head = head_noun(text.split("-")[-1], "events")
        if head is None or head_noun(text, "event_formats"):
            continue  # "Pressekonferenz in Berlin": a format, no named event
        low = text.lower()
        # a head noun alone in the plural: "Konflikte", "Anschläge" (a date identifies them,
        # a place does not); singular "Brandstiftung in Zwickau" is one event
        plural = "Plur" in doc[i].morph.get("Number", []) or low != head
        bare = "-" not in text and low.find(head[: max(3, len(head) - 1)]) == 0 and plural
        extent = _event_extent(doc, i, bare)
        if extent is None:
            if not bare and i > 0 and _place_adjective(tt.text[i - 1]):
                # "das katalanische Unabhängigkeitsreferendum", "die georgische Parlamentswahl"
                aff = (tt.idx[i - 1], tt.idx[i - 1] + len(tt.text[i - 1]))
                yield Construction(i - 1, i + 1, "EVENT", "event.adjective", i + 1, aff)
            continue
        start = i
        if tt.ent_iob[i] == "I":  # "NBA Finals 2007": the NER name before the noun
            while start > 0 and tt.ent_iob[start] == "I":
                start -= 1
        rule = "event.dated" if extent[1] else "event.placed"
        yield Construction(start, extent[0], "EVENT", rule, i + 1)


def _numbered_units(doc: Doc) -> Iterator[Construction]:
    """An ordinal before a military unit noun names one unit ("des 3. Bataillons", "der
    1. Marinedivision"; ``military_units.de.tsv``)."""
    tt = token_table(doc)
    for i in range(len(tt) - 1):
        k = i + 1
        if (
            _ORDINAL.match(tt.text[i])
            and _capitalised(tt, k)
            and tt.is_alpha[k]
            and head_noun(tt.text[k], "military_units")
        ):
            yield Construction(i, k + 1, "ORG", "org.unit")


_DOMAIN = re.compile(r"^[A-Za-z][\w-]*\.(de|com|net|org|at|ch|eu|info|fr|it|es)$")


def _web_domains(doc: Doc) -> Iterator[Construction]:
    """A web domain named as a source ("laut faz.net", "CNN.com") is a media organisation."""
    tt = token_table(doc)
    for i, text in enumerate(tt.text):
        if _DOMAIN.match(text):
            yield Construction(i, i + 1, "ORG", "org.domain")


_NAME_LINKS = frozenset({"of", "for", "and", "the"})  # inside English names: "Voice of America"


@cache
def _speech_lemmas() -> frozenset[str]:
    return frozenset(r["lemma"].replace("|", "") for r in rows("speech_verbs", "de"))


def _not_outlets() -> frozenset[str]:
    """Nouns an utterance is addressed to that name no outlet ("gegenüber der Presse")."""
    return _lexicon("quote_audiences") | _lexicon("class_nouns")


def _addressed_outlets(doc: Doc) -> Iterator[Construction]:
    """The name a statement is made to ("sagte gegenüber dem Tagesspiegel", "gegenüber der
    Voice of America"): with a verb of saying, "gegenüber" and its definite article before a
    capitalised name that is no person, title, audience or institution noun, it is the
    outlet the speaker talked to (guideline: a named outlet addressed is an entity)."""
    tt = token_table(doc)
    for i in range(len(tt) - 2):
        k = i + 2
        if tt.lower[i] != "gegenüber" or tt.lower[i + 1] not in {"dem", "der"}:
            continue
        tok = doc[k]
        if (
            not _capitalised(tt, k)
            or not tt.is_alpha[k]
            or tt.ent_type[k] in {"PER", "LOC", "GPE"}
            or tok.head.lemma_ not in _speech_lemmas()
            or tt.lower[k] in _not_outlets()
            or head_noun(tt.text[k], "organizations")
            or head_noun(tt.text[k], "titles")
        ):
            continue
        end = k + 1
        while end + 1 < len(tt) and tt.lower[end] in _NAME_LINKS and _capitalised(tt, end + 1):
            end += 2
        yield Construction(k, end, "ORG", "org.addressed")


@cache
def _introducers() -> Mapping[str, bool]:
    """Event-introducing noun → whether it is part of the name ("Operation X": yes)."""
    return MappingProxyType(
        {
            r["noun"].strip().lower(): r.get("in_name", "yes").strip() == "yes"
            for r in rows("event_introducers", "de")
        }
    )


def _named_operations(doc: Doc) -> Iterator[Construction]:
    """A name after an event-introducing noun: "Operation Muschtarak", "Operation „X“"."""
    tt = token_table(doc)
    introducers = _introducers()
    for i in range(len(tt) - 1):
        if tt.lower[i] not in introducers:
            continue
        k = i + 1
        quoted = tt.text[k] in QUOTE_MARKS
        k += quoted
        if k < len(tt) and _capitalised(tt, k) and tt.pos[k] in {"PROPN", "NOUN", "X", ""}:
            end = k + 1
            if quoted and end < len(tt) and tt.text[end] in QUOTE_MARKS:
                end += 1
            if introducers[tt.lower[i]]:
                yield Construction(i, end, "EVENT", "event.operation")
            else:  # "Zyklon Nargis", "Wirbelsturm „Nargis“": the name alone
                yield Construction(k, k + 1, "EVENT", "event.named")


def _introduced_places(doc: Doc) -> Iterator[Construction]:
    """A proper noun NER missed after a place noun ("die Großgemeinde Lukeqin", "im Bezirk
    Admiralty"; ``places.de.tsv``) is a place; NER's own names there are relabelled in
    ``mentions``."""
    tt = token_table(doc)
    places = _lexicon("places")
    for i in range(len(tt) - 1):
        k = i + 1
        if (
            tt.lower[i] in places
            and tt.pos[k] == "PROPN"
            and not tt.ent_type[k]
            and _capitalised(tt, k)
            and tt.is_alpha[k]
        ):
            yield Construction(k, k + 1, "LOC", "place.introduced")


_LIST_LINKS = frozenset({",", "und", "sowie", "oder"})


@cache
def _class_labels() -> Mapping[str, str]:
    return MappingProxyType({r["noun"].lower(): r["label"] for r in rows("class_nouns", "de")})


def introduced_label(doc: Doc, start: int) -> str | None:
    """The label a class noun gives the name starting at token ``start``: right before it
    ("die Organisation X") or before the list it belongs to ("die Organisationen A, B und
    C"; ``class_nouns.de.tsv``); None without one.

    Example:
        >>> import spacy
        >>> doc = spacy.blank("de")("Die Organisationen Transparency International und Campact")
        >>> introduced_label(doc, 2), introduced_label(doc, 5), introduced_label(doc, 1)
        ('ORG', 'ORG', None)
    """
    i = start - 1
    while i >= 0:
        noun = head_noun(doc[i].text, "class_nouns") if doc[i].text[:1].isupper() else None
        if noun is not None:
            return _class_labels()[noun]
        if doc[i].lower_ not in _LIST_LINKS:
            return None
        i -= 1  # skip the conjunct before the link: a name of up to four words
        for _ in range(4):
            if i < 0 or not doc[i].text[:1].isupper() or head_noun(doc[i].text, "class_nouns"):
                break
            i -= 1
    return None


# resolve/organizations.tsv: the international organisations resolution identifies across
# languages; extraction reads only its forms (data, not code: no import of resolve)
ORGANIZATION_TABLE = Path(__file__).resolve().parents[1] / "resolve" / "organizations.tsv"


@cache
def _table_forms() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """First word → the word sequences of every form of the organisation table."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for line in ORGANIZATION_TABLE.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if line.startswith("#") or len(cols) != 4:
            continue
        form = tuple(cols[3].split())
        out.setdefault(form[0], []).append(form)
    return MappingProxyType({k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()})


def _one_word_name(doc: Doc, i: int) -> bool:
    """A one-word form of the table at token ``i`` names the organisation, not an adjective
    of the noun after it ("die Grünen", "der LINKEN"; not "Grüne Woche", "die politische
    Linke") nor a sentence's first word."""
    tt = token_table(doc)
    nxt = i + 1
    noun_after = nxt < len(tt) and _capitalised(tt, nxt) and tt.is_alpha[nxt]
    adjective_before = i > 0 and tt.pos[i - 1] == "ADJ" and tt.text[i - 1].islower()
    return not (noun_after or adjective_before or tt.is_sent_start[i])


def _table_names(doc: Doc) -> Iterator[Construction]:
    """Names of the organisation table NER missed ("Ärzte ohne Grenzen", "des Weißen
    Hauses", "der LINKEN"); the last word of a longer name may carry a genitive -s/-es."""
    tt = token_table(doc)
    forms = _table_forms()
    for i, text in enumerate(tt.text):
        for form in forms.get(text, ()):
            n = len(form)
            words = tt.text[i : i + n]
            if n == 1:
                if _one_word_name(doc, i):
                    yield Construction(i, i + 1, "ORG", "org.table")
                    break
                continue
            if len(words) == n and list(form[:-1]) == words[:-1]:
                last = words[-1]
                if last in {form[-1], form[-1] + "s", form[-1] + "es"}:
                    yield Construction(i, i + n, "ORG", "org.table")
                    break


def constructions(doc: Doc) -> Iterator[Construction]:
    """Every organisation/event name found by construction in a German doc (see above)."""
    if doc.lang_ != "de":
        return
    seen: set[tuple[int, int]] = set()
    for c in chain(
        _state_bodies(doc),
        _unique_institutions(doc),
        _institution_chains(doc),
        _events(doc),
        _named_operations(doc),
        _web_domains(doc),
        _numbered_units(doc),
        _addressed_outlets(doc),
        _introduced_places(doc),
        _table_names(doc),
    ):
        if (c.start, c.end) not in seen:  # one rule per span: the first, most specific one
            seen.add((c.start, c.end))
            yield c
