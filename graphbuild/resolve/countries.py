"""Countries in all their forms → one canonical country.

"den USA", "Vereinigte Staaten", "US-", "amerikanischen"; "Russland", "russischen";
"United States", "U.S.", "American" all resolve to one :class:`Country` whose ``name`` is the
canonical name in the article's language (the shared annotation guidelines use "USA" in
German and "United States" in English; otherwise the CLDR name).

Where the forms come from:

* **names**: CLDR territory names in German and English (``babel``), ISO 3166 names
  (``pycountry``: name, common and official name), the official German state names of the
  Auswärtiges Amt ("Bundesrepublik Deutschland", "Russische Föderation";
  ``countries.auswaertiges_amt.txt``, an official work free of copyright under § 5 UrhG), and
  ``countries.tsv`` for short names and abbreviations ("USA", "U.S.", "Großbritannien").
* **adjectives/demonyms**: derived from the names by the general word-formation rules —
  German ``-isch``/``-sch``/``-esisch`` after dropping a final ``-land``/``-en``/``-e``/``-a``
  (Russland → russisch, Libyen → libysch, Ukraine → ukrainisch, Sudan → sudanesisch; Fleischer & Barz,
  *Wortbildung der deutschen Gegenwartssprache*, adjective derivation with -isch), English
  ``-(i)an``/``-i``/``-ese`` (Iran → Iranian, Iraq → Iraqi, China → Chinese); a derived form
  that two countries would share is dropped. ``countries.tsv`` lists the irregular ones
  (deutsch, französisch, British, Dutch).
* **inflection**: German adjective endings (-e/-en/-em/-er/-es) and the genitive -s
  ("Frankreichs") are stripped before lookup.

Example:
    >>> country_of("russischen", "de").name
    'Russland'
    >>> country_of("U.S.", "en").name, country_of("den USA", "de").id
    ('United States', 'usa')
    >>> country_of("Iranian", "en").name
    'Iran'
    >>> country_of("politischen", "de") is None
    True
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

__all__ = ["Country", "country_name", "country_of", "read_forms"]

HERE = Path(__file__).parent
_ARTICLE = re.compile(
    r"^(der|die|das|den|dem|des|the)\s+", re.IGNORECASE
)  # "den USA", "the United States"
_DE_ENDING = re.compile(r"(e|en|em|er|es)$")
_TRANSLIT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO 3166 alpha-2 code, canonical name in one language and its id."""

    code: str
    name: str

    @property
    def id(self) -> str:
        s = self.name.lower().translate(_TRANSLIT)
        return re.sub(r"[^\w]+", "_", s).strip("_")


def read_forms(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    """Rows ``(code, lang, kind, form)`` of a forms table (``countries.tsv``,
    ``organizations.tsv``): tab-separated with a header, ``#`` starts a comment line."""
    with path.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(
        (r["code"].strip(), r["lang"].strip(), r["kind"].strip(), r["form"].strip())
        for r in csv.DictReader(lines, delimiter="\t")
    )


@cache
def _table() -> tuple[tuple[str, str, str, str], ...]:
    return read_forms(HERE / "countries.tsv")


@cache
def _cldr_names(lang: str) -> Mapping[str, str]:
    """ISO alpha-2 code → CLDR territory name in ``lang`` (countries only, no regions)."""
    from babel import Locale

    return MappingProxyType(
        {
            code: name
            for code, name in Locale(lang).territories.items()
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "ZZ"}
        }
    )


@cache  # a scan of the table; asked for every country mention
def country_name(code: str, lang: str) -> str:
    """Canonical name of a country in ``lang``: the table's override, else CLDR's name.

    Example:
        >>> country_name("US", "de"), country_name("RU", "de"), country_name("IR", "en")
        ('USA', 'Russland', 'Iran')
    """
    for c, lg, kind, form in _table():
        if c == code and lg == lang and kind == "canonical":
            return form
    return _cldr_names(lang if lang in {"de", "en"} else "en").get(code, code)


def _de_adjectives(name: str) -> set[str]:
    low = name.lower()
    stems = {low}
    for suffix in ("enland", "land", "ien", "en", "e", "a", "n", "ei"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stems.add(low[: -len(suffix)])
    out = set()
    for s in stems:
        out.update({s + "isch", s + "sch"} if not s.endswith("i") else {s + "sch"})
        out.add(s + "esisch")  # Sudan → sudanesisch, China → chinesisch, Libanon → libanesisch
    return out


def _en_demonyms(name: str) -> set[str]:
    stems = {name}
    for suffix in ("a", "e", "y", "o", "ia", "um", "on"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 3:
            stems.add(name[: -len(suffix)])
    return {s + end for s in stems for end in ("n", "an", "ian", "i", "ese")}


@cache
def _official_names() -> tuple[tuple[str, str], ...]:
    """(short name, official name) pairs of the German foreign office's list of state
    names ("Deutschland", "Bundesrepublik Deutschland"); the file alternates the two."""
    path = HERE / "countries.auswaertiges_amt.txt"
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return tuple(zip(lines[::2], lines[1::2], strict=False))


@cache
def _index() -> tuple[dict[str, str], dict[str, str]]:
    """(name key → code, adjective key → code), both lowercased."""
    names: dict[str, str] = {}
    for lang in ("de", "en"):
        for code, name in _cldr_names(lang).items():
            names.setdefault(name.lower(), code)
    try:
        import pycountry

        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(c, attr, None)
                if value:
                    names.setdefault(value.lower(), c.alpha_2)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass
    derived: dict[str, set[str]] = {}
    for code, name in _cldr_names("de").items():
        if " " in name:
            continue
        for form in _de_adjectives(name):
            derived.setdefault(form, set()).add(code)
    for code, name in _cldr_names("en").items():
        if " " in name:
            continue
        for form in _en_demonyms(name):
            derived.setdefault(form.lower(), set()).add(code)
    adjectives = {form: next(iter(codes)) for form, codes in derived.items() if len(codes) == 1}
    for short, official in _official_names():
        short_code = names.get(short.lower())
        if short_code is not None:
            names.setdefault(official.lower(), short_code)  # "Bundesrepublik Deutschland"
    for code, _lang, kind, form in _table():
        if kind in {"name", "canonical"}:
            names[form.lower()] = code
        elif kind == "adjective":
            adjectives[form.lower()] = code
    return names, adjectives


def country_of(surface: str, lang: str) -> Country | None:
    """The country a name, genitive, adjective, demonym or compound prefix refers to.

    ``None`` when the form is not a country form (most adjectives are not).
    """
    s = _ARTICLE.sub("", surface.strip()).strip(" -–,.")
    if not s:
        return None
    if surface.strip().endswith(".") and "." in s:
        s = s + "."  # keep "U.S." intact
    names, adjectives = _index()
    low = s.lower()
    code = names.get(low) or names.get(surface.strip().lower())
    if code is None and low.endswith("s") and len(low) > 4:
        code = names.get(low[:-1])  # German genitive: Frankreichs, Russlands
    if code is None and " " in low:
        # inflected multi-word names: "Vereinigten Staaten" → "vereinigte staaten"
        alt = " ".join(_DE_ENDING.sub("e", w) if i == 0 else w for i, w in enumerate(low.split()))
        code = names.get(alt)
    if code is None and (s.islower() or lang == "en" or s[:1].isupper()):
        code = adjectives.get(low)
        if code is None and lang == "de":
            stem = _DE_ENDING.sub("", low)
            code = adjectives.get(stem) if stem.endswith("sch") else None
    if code is None:
        return None
    return Country(code, country_name(code, lang))
