"""Cached functions hand out one shared object to every caller, so it must be read-only:
a ``Mapping`` (``MappingProxyType``), a tuple or a frozenset, never a dict, list or set that
one caller could change for all others."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "graphbuild"
_CACHES = {"cache", "lru_cache", "functools.cache", "functools.lru_cache"}
_MUTABLE = frozenset({"dict", "list", "set"})


def _is_cache(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return ast.unparse(target) in _CACHES


def _mutable_cached(source: str) -> list[str]:
    """Names of cached functions in ``source`` annotated to return a mutable container."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and any(map(_is_cache, node.decorator_list)):
            returns = ast.unparse(node.returns) if node.returns is not None else ""
            if returns.split("[", 1)[0] in _MUTABLE:
                out.append(node.name)
    return out


def test_cached_functions_return_read_only_containers() -> None:
    found = {
        f"{path.relative_to(PKG)}:{name}"
        for path in PKG.rglob("*.py")
        for name in _mutable_cached(path.read_text(encoding="utf-8"))
    }
    assert found == set(), f"return a Mapping/tuple/frozenset from these cached functions: {found}"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("@cache\ndef f() -> dict[str, int]: ...", ["f"]),
        ("@functools.lru_cache(maxsize=1)\ndef f() -> list[int]: ...", ["f"]),
        ("@cache\ndef f() -> Mapping[str, int]: ...", []),
        ("@cache\ndef f() -> tuple[int, ...]: ...", []),
        ("def f() -> dict[str, int]: ...", []),
    ],
)
def test_cached_function_check_reads_decorators_and_annotations(
    source: str, expected: list[str]
) -> None:
    assert _mutable_cached(source) == expected


def test_cached_lexicon_cannot_be_changed_by_a_caller() -> None:
    from graphbuild.extract.quotes.lexicon import speech_nouns

    nouns = speech_nouns("de")
    with pytest.raises(TypeError):
        nouns["neu"] = ("text", False)  # type: ignore[index]
