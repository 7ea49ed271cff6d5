"""The docs are tested: every CLI command is in the README and ends its help with an example."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from graphbuild.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_in_readme(name: str) -> None:
    assert f"graphbuild {name}" in README, f"README does not document `graphbuild {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert "Example:" in (command.help or ""), f"`graphbuild {name}` help has no Example:"


def test_docs_readme_quick_start_has_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(commands) == 2, commands


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci and "bash scripts/test.sh" in README
