"""graphbuild: knowledge graphs from news — who said what, who does what with whom.

The heavy parts (spaCy, RDF stores) are imported on first use, so ``graphbuild --help``
and ``import graphbuild`` stay fast.

Example:
    >>> from graphbuild import extract_article          # doctest: +SKIP
    >>> extract_article("Anna Schmidt sagte: „Wir schaffen das.“", lang="de").to_json()  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphbuild.types import Article, Entity, Extraction, Mention, Quote, Relation, Resolution

if TYPE_CHECKING:
    from graphbuild.builder import build, extract_article

__all__ = [
    "Article",
    "Entity",
    "Extraction",
    "Mention",
    "Quote",
    "Relation",
    "Resolution",
    "build",
    "extract_article",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in {"build", "extract_article"}:
        import importlib

        return getattr(importlib.import_module("graphbuild.builder"), name)
    raise AttributeError(f"module 'graphbuild' has no attribute {name!r}")
