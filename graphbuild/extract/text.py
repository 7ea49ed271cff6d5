"""The text of a Doc and its token attributes, computed once per Doc.

spaCy's ``Doc.text`` joins every token on each access (O(n)); extraction reads slices of it
for every mention, quote and relation, which made extraction quadratic in the article length
(profiled: 45 % of extraction time on 300-word articles). The joined text is kept in
``doc.user_data`` the first time it is asked for; a Doc's text never changes.

The same holds for token attributes: ``doc[i]`` and ``for tok in doc`` create a Python
``Token`` object per access, and the extractors' scans over every token made that the
largest single cost of extraction. ``token_table(doc)`` reads the attributes the scans need
into plain lists once (one ``Doc.to_array`` call) and keeps them in ``doc.user_data`` too;
hot loops index those lists and create a ``Token`` only where they need the parse tree.

Example:
    >>> import spacy
    >>> doc = spacy.blank("de")("Sie sagte das.")
    >>> doc_text(doc)
    'Sie sagte das.'
    >>> odd = spacy.blank("de")("  Zwei  Leerzeichen,\\n\\n eine Zeile. ")
    >>> doc_text(odd) == odd.text
    True
    >>> t = token_table(doc)
    >>> t.text, t.lower[0], t.idx[-1], t.is_alpha[-1]
    (['Sie', 'sagte', 'das', '.'], 'sie', 13, False)
    >>> all(
    ...     (t.text[i], t.lower[i], t.pos[i], t.ent_type[i], t.ent_iob[i], t.idx[i],
    ...      t.is_alpha[i], t.is_punct[i], bool(t.is_sent_start[i]), t.lemma[i], t.dep[i],
    ...      t.head[i], t.tag[i])
    ...     == (w.text, w.lower_, w.pos_, w.ent_type_, w.ent_iob_, w.idx, w.is_alpha,
    ...         w.is_punct, bool(w.is_sent_start), w.lemma_, w.dep_, w.head.i, w.tag_)
    ...     for i, w in enumerate(doc)
    ... )
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.parts_of_speech import NAMES as _POS_NAMES
from spacy.tokens import Doc

_KEY = "graphbuild.text"
_TABLE_KEY = "graphbuild.tokens"
_IOB = ("", "I", "O", "B")
_ATTRS = [ORTH, LOWER, POS, ENT_TYPE, ENT_IOB, IDX, IS_ALPHA, IS_PUNCT, SENT_START]
_PARSE_ATTRS = [LEMMA, DEP, HEAD, TAG]
# string hash → string; a spaCy hash is the same for a string in every vocab (MurmurHash)
_NAMES: dict[int, str] = {}


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc from the token table's words and each token's
    trailing space (``Token.text_with_ws``) without making a ``Token`` per word."""
    text = doc.user_data.get(_KEY)
    if text is None:
        spaces = doc.to_array(SPACY).tolist() if len(doc) else []
        words = token_table(doc).text
        text = "".join([w + " " if s else w for w, s in zip(words, spaces, strict=True)])
        doc.user_data[_KEY] = text
    return str(text)


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Per-token attributes of one Doc as lists indexed by token position (``Token.i``).

    Each list holds what the ``Token`` attribute of the same name returns (``text``,
    ``lower_``, ``pos_``, ``ent_type_``, ``ent_iob_``, ``idx``, ``is_alpha``, ``is_punct``,
    ``is_sent_start`` as a bool, ``lemma_``, ``dep_``, ``tag_``; ``head`` = ``head.i``).
    """

    text: list[str]
    lower: list[str]
    pos: list[str]
    ent_type: list[str]
    ent_iob: list[str]
    idx: list[int]
    is_alpha: list[bool]
    is_punct: list[bool]
    is_sent_start: list[bool]
    lemma: list[str]
    dep: list[str]
    head: list[int]
    tag: list[str]

    def __len__(self) -> int:
        return len(self.text)


def token_table(doc: Doc) -> TokenTable:
    """The doc's ``TokenTable``, read once per Doc (see the module docstring)."""
    table = doc.user_data.get(_TABLE_KEY)
    if isinstance(table, TokenTable):
        return table
    strings = doc.vocab.strings
    if len(_NAMES) > 500_000:  # a bound for long-running processes
        _NAMES.clear()

    def names(col: list[int]) -> list[str]:
        for h in set(col).difference(_NAMES):
            _NAMES[h] = strings[h]
        return list(map(_NAMES.__getitem__, col))  # a C loop: this runs for every token

    n = len(doc)
    if n:
        cols = doc.to_array(_ATTRS + _PARSE_ATTRS).T.tolist()
    else:
        cols = [[] for _ in range(len(_ATTRS) + len(_PARSE_ATTRS))]
    orth, lower, pos, ent_type, ent_iob, idx, alpha, punct, sent_start = cols[:9]
    lemma, dep, head, tag = cols[9:]
    table = TokenTable(
        text=names(orth),
        lower=names(lower),
        pos=list(map(_POS_NAMES.__getitem__, pos)),
        ent_type=names(ent_type),
        ent_iob=list(map(_IOB.__getitem__, ent_iob)),
        idx=idx,
        is_alpha=list(map(bool, alpha)),
        is_punct=list(map(bool, punct)),
        is_sent_start=[x == 1 for x in sent_start],
        lemma=names(lemma),
        # HEAD is stored relative to the token, as an unsigned 64-bit integer
        head=[i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)],
        dep=names(dep),
        tag=names(tag),
    )
    doc.user_data[_TABLE_KEY] = table
    return table
