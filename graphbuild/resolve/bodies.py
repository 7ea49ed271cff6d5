"""Generic bodies that speak: "die Polizei", "beide Seiten" are sources, not named entities.

Speaker resolution (:mod:`.speakers`) makes an organisation of an institution noun that
speaks ("die Staatsanwaltschaft teilte mit") so that the quote lands on a node. The
annotation guidelines name no entity for unnamed generic bodies ("die Polizei", "die
Staatsanwaltschaft"), groups ("beide Seiten", "mehrere Regierungen") or a coordination of
several parties ("Frankreich und die Vereinigten Staaten"). Such an organisation is an
**unnamed source** here (type ``UnnamedSource``, one node per article, as for "ein
Sprecher"), when no name mention of the article stands for it, no country is its
affiliation and its name has no name-like part besides its head noun: every other word is
lower-case or a quantifier ("Bochumer Polizei" and "Polizei Bochum" stay organisations).
A name of one word is generic only when ``speaker_nouns.<lang>.tsv`` knows it as a noun
("Staatsanwaltschaft", "Organisationen") or when it is the genitive of a person of the
article ("Die Verteidiger Strauss-Kahns argumentierten": the person's lawyers, no
organisation); another word ("Tagesthemen") may be a name NER missed.

Example:
    >>> from graphbuild.types import Entity, Mention
    >>> m = Mention(4, 11, "Polizei", "ORG", kind="role")
    >>> ents, of = unnamed_bodies("a1", [Entity("polizei", "Polizei", "Organization")], {m: "polizei"})
    >>> [(e.id, e.type) for e in ents], of[m]
    ([('a1_polizei', 'UnnamedSource')], 'a1_polizei')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from graphbuild.resolve.entities import entity_id
from graphbuild.resolve.speakers import noun_kind
from graphbuild.types import Entity, Mention

__all__ = ["generic_body", "unnamed_bodies"]

# words that count a group of bodies rather than name one (capitalised at a sentence start)
_QUANTIFIERS = frozenset(
    {"beide", "mehrere", "einige", "viele", "andere", "alle", "zahlreiche", "manche", "weitere"}
)
_COORDINATION = re.compile(r"(?:^|\s|-)(?:und|sowie|oder|and|or)\s")


def generic_body(name: str, lang: str = "de") -> bool:
    """True for a name with no name-like part besides its head noun (the last word) or
    for a coordination of several parties.

    Example:
        >>> [generic_body(n) for n in ("Polizei", "Beide Seiten", "Bochumer Polizei")]
        [True, True, False]
    """
    if _COORDINATION.search(name):
        return True
    words = name.split()
    if len(words) == 1:
        return bool(noun_kind(name, lang))
    return all(
        w[:1].islower() or w.casefold() in _QUANTIFIERS or not w[:1].isalpha() for w in words[:-1]
    )


def unnamed_bodies(
    article_id: str,
    entities: Sequence[Entity],
    entity_of: Mapping[Mention, str],
    lang: str = "de",
) -> tuple[list[Entity], dict[Mention, str]]:
    """The entities with generic speaking organisations turned into unnamed sources of
    ``article_id`` (see the module docstring), and the mention map following them."""
    named = {eid for m, eid in entity_of.items() if m.kind in {"name", "adjective", "title"}}
    genitives = {e.name.split()[-1] + "s" for e in entities if e.type == "Person" and e.name}
    renamed: dict[str, str] = {}
    out: list[Entity] = []
    for e in entities:
        if (
            e.type == "Organization"
            and e.id not in named
            and (
                _COORDINATION.search(e.name)
                or e.name in genitives
                or (not e.affiliation and generic_body(e.name, lang))
            )
        ):
            new_id = entity_id(f"{article_id} {e.name}")
            renamed[e.id] = new_id
            e = replace(e, id=new_id, type="UnnamedSource")
        out.append(e)
    out = [replace(e, affiliation=renamed.get(e.affiliation, e.affiliation)) for e in out]
    return out, {m: renamed.get(eid, eid) for m, eid in entity_of.items()}
