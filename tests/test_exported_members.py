"""The public surface is explicit: ``graphbuild.__all__`` lists exactly what users may import."""

from __future__ import annotations

import graphbuild


def test_exported_members_all_resolve() -> None:
    for name in graphbuild.__all__:
        assert getattr(graphbuild, name) is not None, name


def test_exported_members_build_is_the_function() -> None:
    assert callable(graphbuild.build) and graphbuild.build.__name__ == "build"
    assert callable(graphbuild.extract_article)


def test_exported_members_no_private_leaks() -> None:
    public = {n for n in vars(graphbuild) if not n.startswith("_")}
    modules = {
        "types",
        "builder",
        "nlp",
        "cli",
        "config",
        "errors",
        "extract",
        "resolve",
        "graph",
        "ingest",
        "query",
        "export",
        "files",
        "evaluation",
        "analytics",
        "serve",
        "push",
        "nlp_layers",
        "names",
    }
    assert public - modules - {"annotations", "TYPE_CHECKING", "Any"} <= set(graphbuild.__all__)
