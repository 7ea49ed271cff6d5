"""No function in graphbuild/ is longer than 100 lines (signature, docstring and body).

A long function is split into named steps, each with a docstring and tests.
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "graphbuild"
LIMIT = 100


def _over_limit(source: str, label: str) -> dict[str, int]:
    """``label:name`` → length in lines of every function in ``source`` over the limit."""
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > LIMIT:
                found[f"{label}:{node.name}"] = length
    return found


def _long_functions() -> dict[str, int]:
    """``path:name`` → length in lines of every function in graphbuild/ over the limit."""
    found: dict[str, int] = {}
    for path in sorted(PKG.rglob("*.py")):
        label = path.relative_to(PKG).as_posix()
        found.update(_over_limit(path.read_text(encoding="utf-8"), label))
    return found


def test_function_length_at_most_100_lines() -> None:
    too_long = _long_functions()
    assert too_long == {}, f"split these into named steps: {too_long}"


def _function(name: str, lines: int, indent: str = "") -> str:
    """Source of a function ``lines`` lines long (signature included)."""
    body = "".join(f"{indent}    x = {i}\n" for i in range(lines - 1))
    return f"{indent}def {name}():\n{body}"


def test_function_length_reports_methods_over_the_limit_only() -> None:
    source = _function("exactly", LIMIT) + "class C:\n" + _function("method", LIMIT + 1, "    ")
    assert _over_limit(source, "m") == {"m:method": LIMIT + 1}
