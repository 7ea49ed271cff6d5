"""The package follows the data flow: no module imports against the arrows drawn in
docs/architecture.md."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "graphbuild"

# module prefix → graphbuild modules it must NOT import
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "graphbuild.types": ("graphbuild.",),
    "graphbuild.errors": ("graphbuild.",),
    "graphbuild.ingest": (
        "graphbuild.nlp",
        "graphbuild.extract",
        "graphbuild.resolve",
        "graphbuild.graph",
        "graphbuild.query",
        "graphbuild.export",
        "graphbuild.cli",
        "graphbuild.builder",
    ),
    "graphbuild.extract": (
        "graphbuild.resolve",
        "graphbuild.graph",
        "graphbuild.query",
        "graphbuild.export",
        "graphbuild.cli",
        "graphbuild.builder",
        "graphbuild.ingest",
    ),
    "graphbuild.resolve": (
        "graphbuild.nlp",
        "graphbuild.extract",
        "graphbuild.graph",
        "graphbuild.query",
        "graphbuild.export",
        "graphbuild.cli",
        "graphbuild.builder",
        "spacy",
        "pyoxigraph",
        "rdflib",
    ),
    "graphbuild.graph": (
        "graphbuild.nlp",
        "graphbuild.extract",
        "graphbuild.resolve",
        "graphbuild.query",
        "graphbuild.export",
        "graphbuild.cli",
        "graphbuild.builder",
        "spacy",
    ),
    "graphbuild.query": ("graphbuild.export", "graphbuild.cli", "graphbuild.builder", "spacy"),
    "graphbuild.export": ("graphbuild.cli", "graphbuild.builder", "graphbuild.extract", "spacy"),
}


def _module_name(path: Path) -> str:
    rel = path.relative_to(PKG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = sorted(p for p in PKG.rglob("*.py") if "models" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_layers_no_backward_import(path: Path) -> None:
    name = _module_name(path)
    rules = [
        bad for prefix, bad in FORBIDDEN.items() if name == prefix or name.startswith(prefix + ".")
    ]
    for imported in _imports(path):
        for bad in (b for rule in rules for b in rule):
            if imported == name or imported.startswith(name + "."):
                continue
            assert not (
                imported == bad.rstrip(".")
                or imported.startswith(bad if bad.endswith(".") else bad + ".")
                or imported == bad
            ), f"{name} imports {imported} against the data flow"
