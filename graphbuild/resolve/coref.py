"""Coreference within one article: a pronoun, role noun or title → an earlier mention.

Rules, in the spirit of the salience-based resolvers (Lappin & Leass 1994; the "recency +
grammatical role + agreement" filters of Mitkov 2002):

* **agreement**: a pronoun's gender/number (its morphology: the parser's, completed by
  extraction from ``pronouns.<lang>.tsv``) must not contradict what is known of the
  candidate (a title's gender, "Bundeskanzlerin" → Fem; earlier pronouns already linked to
  it). Plural and formal "Sie" are not resolved.
* **recency** with **subject preference**: candidates are person mentions in the same
  sentence (before the pronoun) and the two sentences before; a subject (``nsubj``) beats a
  non-subject; then in the pronoun's own sentence the nearer one wins, in an earlier
  sentence the first one (the main clause's subject comes before embedded ones).
* **quotes**: a pronoun inside quotation marks speaks from the quoted person's point of
  view, so it is left unresolved here.
* **role nouns** ("der Präsident", "the minister"): the most recent person whose positions
  share the role's head noun; **event role nouns** ("der Konferenz") → the most recent event
  whose name ends in that noun.

Example:
    >>> from graphbuild.types import Mention
    >>> a = Mention(0, 10, "Anna Berg", "PER", sent=0, dep="nsubj")
    >>> he = Mention(30, 32, "er", "PRON", kind="pronoun", sent=1, morph="Gender=Masc")
    >>> she = Mention(40, 43, "sie", "PRON", kind="pronoun", sent=1, morph="Gender=Fem")
    >>> pronoun_antecedent(she, [a], {a: "Fem"}) is a, pronoun_antecedent(he, [a], {a: "Fem"})
    (True, None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from graphbuild.types import Mention

__all__ = ["gender_of", "pronoun_antecedent", "role_antecedent"]

_WINDOW = 2  # sentences back


def _feature(morph: str, name: str) -> str:
    m = re.search(rf"(?:^|\|){name}=([A-Za-z,]+)", morph)
    return m.group(1) if m else ""


def gender_of(pronoun: Mention) -> str:
    """The gender a pronoun requires ("Masc", "Fem" or "" when unknown), from its
    morphology: extraction fills in what ``pronouns.<lang>.tsv`` knows when the parser
    gives none, so the word lists live in one place."""
    g = _feature(pronoun.morph, "Gender")
    return g if g in {"Masc", "Fem"} else ""


def _plural_or_formal(pronoun: Mention) -> bool:
    """German "sie"/"Sie" with plural verb agreement is "they"/formal "you", not "she"."""
    return _feature(pronoun.morph, "Number") == "Plur"


def pronoun_antecedent(
    pronoun: Mention,
    candidates: Sequence[Mention],
    genders: Mapping[Mention, str],
) -> Mention | None:
    """The person mention a pronoun refers to, or None.

    ``candidates`` are person mentions (names or resolved titles) of the article;
    ``genders`` holds what is known about each candidate's gender ("Masc"/"Fem"/"").
    """
    if pronoun.in_quote or _plural_or_formal(pronoun):
        return None
    want = gender_of(pronoun)
    best: tuple[int, int, int, int] | None = None
    chosen: Mention | None = None
    for c in candidates:
        if c.start >= pronoun.start or c.in_quote:
            continue
        distance = pronoun.sent - c.sent
        if distance > _WINDOW or distance < 0:
            continue
        have = genders.get(c, "")
        if want and have and want != have:
            continue
        subject = int(c.dep.startswith("nsubj"))
        # rank: same/near sentence first, then subject, then agreement known, then position:
        # in the pronoun's own sentence the nearest; in an earlier sentence the first
        # subject, the main clause's ("Kerry said Zarif put … . He later told CBS" → Kerry)
        position = c.start if distance == 0 else -c.start
        key = (-distance, subject, int(bool(have)), position)
        if best is None or key > best:
            best, chosen = key, c
    return chosen


def _head_word(title: str) -> str:
    word = title.split()[-1] if title.split() else title
    return word.rsplit("-", 1)[-1].lower()


def role_antecedent(
    role: Mention,
    candidates: Sequence[Mention],
    positions: Mapping[Mention, Sequence[str]],
) -> Mention | None:
    """The most recent earlier candidate whose positions end in the role's head noun.

    "der Präsident" → a person titled "US-Präsident"; "the minister" → "Foreign Minister".
    """
    head = _head_word(role.lemma or role.text)
    chosen = None
    for c in candidates:
        if c.start >= role.start:
            continue
        if any(_head_word(p).endswith(head) for p in positions.get(c, ())):
            chosen = c
    return chosen
