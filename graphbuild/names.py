"""How names are compared when a user looks one up: one folding for the view and the queries.

``graphbuild view --focus``, the view's search and ``graphbuild query --param name=…`` must
agree on which names match, so both use :func:`fold`.

Example:
    >>> fold("  Ana  MÜLLER ") == fold("ana muller")
    True
"""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name: ``Schütz`` ~ ``schutz``.

    Casefolding maps ``ß`` to ``ss``; NFKD splits accents off their letters, which are then
    dropped; runs of whitespace become one space.

    Example:
        >>> fold("Straße  Müller")
        'strasse muller'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
