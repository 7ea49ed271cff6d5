"""Extraction: a parsed article → its mentions, quotes and relations (no resolution yet).

``extract(article, doc)`` only calls the three modules below, in data-flow order.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graphbuild.extract.mentions import mentions, sentences
from graphbuild.extract.quotes import quotes
from graphbuild.extract.relations import relations
from graphbuild.types import Article, Extraction

__all__ = ["extract"]


def extract(article: Article, doc: Doc) -> Extraction:
    """Find mentions, quotes and relations in one parsed article."""
    sents = tuple(sentences(doc))
    found = tuple(mentions(doc, sents))
    return Extraction(
        article=article,
        sentences=sents,
        mentions=found,
        quotes=tuple(quotes(doc, found, sents)),
        relations=tuple(relations(doc, found, sents)),
    )
