"""The text of a Doc, computed once.

spaCy's ``Doc.text`` joins every token on each access (O(n)); extraction reads slices of it
for every mention, quote and relation, which made extraction quadratic in the article length
(profiled: 45 % of extraction time on 300-word articles). The joined text is kept in
``doc.user_data`` the first time it is asked for; a Doc's text never changes.

Example:
    >>> import spacy
    >>> doc = spacy.blank("de")("Sie sagte das.")
    >>> doc_text(doc)
    'Sie sagte das.'
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "graphbuild.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return str(text)
