"""``graphbuild build`` options: stdin, JSON field names, globs, usage errors, incremental runs."""

from __future__ import annotations

import json
from pathlib import Path

from test_builder import EN_LINES, write_articles
from typer.testing import CliRunner

from graphbuild.cli import app

runner = CliRunner()


def test_builder_cli_stdin_jsonl_with_fields(tmp_path: Path) -> None:
    records = [
        {"body": "\n".join(EN_LINES[1:4]), "headline": "First report", "key": "r1"},
        {"body": "\n".join(EN_LINES[4:7]), "headline": "Second report", "key": "r2"},
    ]
    stdin = "\n".join(json.dumps(r) for r in records) + "\n"
    out = tmp_path / "out"
    args = ["build", "-", "--out", str(out), "--field", "text=body", "--field", "title=headline"]
    result = runner.invoke(app, [*args, "--field", "id=key", "--no-views"], input=stdin)
    assert result.exit_code == 0, result.output
    articles = {json.loads(x)["article"] for x in (out / "facts.jsonl").read_text().splitlines()}
    assert articles <= {"r1", "r2"} and articles
    assert not (out / "graph.html").exists()


def test_builder_cli_include_exclude_and_rerun(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 3, start=1)
    (src / "skip.md").write_text("# Ignored\n\nThis file is excluded by the glob.\n")
    out = tmp_path / "out"
    base = ["build", str(src), "--out", str(out), "--include", "a*", "--no-views"]
    first = runner.invoke(app, base)
    assert first.exit_code == 0, first.output
    assert "graphbuild summary" in first.stderr
    again = runner.invoke(app, [*base, "--exclude", "a001*"])
    assert again.exit_code == 0, again.output
    figures = {}
    for line in again.stderr.splitlines():
        cells = [c.strip() for c in line.split("│") if c.strip()]
        if len(cells) == 2:
            figures[cells[0]] = cells[1]
    assert (
        figures["articles built"],
        figures["unchanged (skipped)"],
        figures["duplicates (skipped)"],
    ) == ("0", "2", "0")


def test_builder_cli_failure_exits_1_and_names_input(tmp_path: Path) -> None:
    src = tmp_path / "in"
    write_articles(src, 1, start=1)
    (src / "fr.txt").write_text(
        "La ministre a annoncé lundi de nouvelles discussions sur un cessez-le-feu à Genève."
    )
    result = runner.invoke(app, ["build", str(src), "--out", str(tmp_path / "o"), "--no-views"])
    assert result.exit_code == 1
    assert "fr.txt" in result.stderr and "not supported" in result.stderr


def test_builder_cli_usage_errors_exit_2(tmp_path: Path) -> None:
    out = ["--out", str(tmp_path / "o")]
    for extra in (
        ["--field", "text"],
        ["--model", "de"],
        ["--scheduler", "tcp://127.0.0.1:1", "--engine", "local"],
        ["--workers", "0"],
    ):
        result = runner.invoke(app, ["build", str(tmp_path), *out, *extra])
        assert result.exit_code == 2, (extra, result.output)
