"""Shared fixtures: hand-made Docs, paths to golden articles, loaded pipelines (once per run)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def golden_dir() -> Path:
    return GOLDEN


@pytest.fixture(scope="session")
def pipelines():  # type: ignore[no-untyped-def]
    """One Pipelines cache for the whole test session (loading spaCy is slow)."""
    from graphbuild.nlp import Pipelines

    return Pipelines()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (GOLDEN / "seed.txt").read_text(encoding="utf-8")
