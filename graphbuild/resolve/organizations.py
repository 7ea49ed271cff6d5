"""International organisations in all their forms → one organisation across languages.

"UN", "UNO", "Vereinte Nationen", "der Vereinten Nationen", "United Nations" are one
:class:`KnownOrganization` whose ``key`` is the same in German and English articles, so the
graph holds one node for it (as ``countries`` does with ISO codes). The forms live in
``organizations.tsv`` (data, one line per form): a curated table of international
organisations and seats of government that news names alike in both languages, not of
the organisations of any article.

Example:
    >>> organization_of("der Vereinten Nationen", "de").name
    'Vereinte Nationen'
    >>> organization_of("UN", "en").name, organization_of("UNO", "de").key
    ('United Nations', 'org_un')
    >>> organization_of("des Weißen Hauses", "de").labels
    (('de', 'Weißes Haus'), ('en', 'White House'))
    >>> organization_of("Vereinte", "de") is None
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphbuild.resolve.countries import read_forms

__all__ = ["KnownOrganization", "organization_forms", "organization_of"]

TABLE = Path(__file__).parent / "organizations.tsv"
_ARTICLE = re.compile(r"^(der|die|das|den|dem|des|the)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class KnownOrganization:
    """An organisation of the table: its code, name in the article's language, labels."""

    code: str
    name: str
    labels: tuple[tuple[str, str], ...]  # (lang, canonical name), one per language

    @property
    def key(self) -> str:
        """Language-independent key, the same in every article ("org_un")."""
        return "org_" + self.code.lower()


@cache
def _rows() -> tuple[tuple[str, str, str, str], ...]:
    return read_forms(TABLE)


@cache
def _index() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """(form → code, (code, lang) → canonical name)."""
    forms: dict[str, str] = {}
    canonical: dict[tuple[str, str], str] = {}
    for code, lang, kind, form in _rows():
        forms.setdefault(form, code)
        if kind == "canonical":
            canonical[(code, lang)] = form
    return forms, canonical


def organization_forms() -> frozenset[str]:
    """Every form of the table (what an extractor may look for in a text)."""
    return frozenset(_index()[0])


def organization_of(surface: str, lang: str) -> KnownOrganization | None:
    """The table organisation a name, acronym or prefix names, else ``None``.

    A leading article and a genitive -s/-es are ignored ("des Weißen Hauses").
    """
    s = _ARTICLE.sub("", surface.strip()).strip(" -–,.")
    forms, canonical = _index()
    code = next((forms[c] for c in (s, s[:-1], s[:-2]) if c in forms and c), None)
    if code is None or (s not in forms and not s.endswith("s")):
        return None
    labels = tuple(sorted((lg, name) for (c, lg), name in canonical.items() if c == code))
    name = canonical.get((code, lang)) or canonical.get((code, "en")) or s
    return KnownOrganization(code, name, labels)
