"""Which language an article is in (py3langid), so the right pipeline runs on it.

The classifier is restricted to the languages news in Europe commonly comes in: over all 97
languages py3langid confuses short German texts with Luxembourgish or Low German, which would
then be refused. Only ``SUPPORTED_LANGS`` are processed; the rest are reported and skipped.

Example:
    >>> detect_language("Die Regierung hat am Montag neue Gespräche angekündigt.")
    'de'
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

SUPPORTED_LANGS: tuple[str, ...] = ("de", "en")
#: Languages the classifier chooses among (ISO 639-1).
CANDIDATE_LANGS: tuple[str, ...] = (
    "de", "en", "fr", "es", "it", "nl", "pt", "pl", "cs", "da", "sv", "no", "fi", "hu", "ro",
    "el", "tr", "ru", "uk", "bg", "sr", "hr", "ar", "he", "fa", "zh", "ja", "ko",
)  # fmt: skip


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(list(CANDIDATE_LANGS))
    return ident


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, judged on its first 5,000 characters."""
    lang, _prob = _identifier().classify(text[:5000])
    return str(lang)
