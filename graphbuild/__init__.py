"""graphbuild: knowledge graphs from news — who said what, who does what with whom.

The heavy parts (spaCy, RDF stores) are imported on first use, so ``graphbuild --help``
and ``import graphbuild`` stay fast.

``extract_article`` loads a language's pipeline on its first call and reuses it;
``extract_articles`` streams many articles through ``nlp.pipe``.

Example:
    >>> from graphbuild import extract_article, extract_articles  # doctest: +SKIP
    >>> extract_article("Anna Schmidt sagte: „Wir schaffen das.“", lang="de").to_json()  # doctest: +SKIP
    >>> for res in extract_articles(["Er kam.", "Sie ging."], lang="de"):  # doctest: +SKIP
    ...     print(res.to_json()["id"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphbuild.types import (
    Article,
    Entity,
    Extraction,
    Failure,
    Mention,
    Quote,
    Relation,
    Resolution,
)

if TYPE_CHECKING:
    from graphbuild.builder import build, extract_article, extract_articles

__all__ = [
    "Article",
    "Entity",
    "Extraction",
    "Failure",
    "Mention",
    "Quote",
    "Relation",
    "Resolution",
    "build",
    "extract_article",
    "extract_articles",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in {"build", "extract_article", "extract_articles"}:
        import importlib

        return getattr(importlib.import_module("graphbuild.builder"), name)
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
