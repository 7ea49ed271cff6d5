"""Every docstring example in the package runs, as pyoxigraph runs its own (``test_doc.py``).

One test per module, so a failing example names its module; examples marked
``# doctest: +SKIP`` need a trained pipeline or a network and are not run.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "graphbuild"
# modules with examples; __main__ runs the CLI when imported, models/ is the trained pipeline
MODULES = sorted(
    ".".join(p.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
    for p in PKG.rglob("*.py")
    if p.name != "__main__.py"
    and "models" not in p.relative_to(PKG).parts
    and ">>>" in p.read_text(encoding="utf-8")
)
FLAGS = doctest.ELLIPSIS


def _examples(module: str) -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    return [t for t in finder.find(importlib.import_module(module)) if t.examples]


@pytest.mark.parametrize("module", MODULES)
def test_doctests_of_module_pass(module: str) -> None:
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    report: list[str] = []
    tests = _examples(module)
    assert tests, f"{module} shows >>> but no example was found"
    for test in tests:
        runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def test_doctests_are_found() -> None:
    """The finder sees the package's examples (a broken finder would pass every module)."""
    examples = sum(len(t.examples) for m in MODULES for t in _examples(m))
    assert examples >= 150, examples
