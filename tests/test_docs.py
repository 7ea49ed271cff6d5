"""The docs are tested: every CLI command is in the README and ends its help with an example;
every option of every command is documented in the README row or the docs/cli.md section of
its command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from graphbuild.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def _options(name: str) -> list[tuple[str, ...]]:
    """The long spellings of each option of a command, read from the typer app."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    return [
        tuple(o for o in (*p.opts, *p.secondary_opts) if o.startswith("--"))
        for p in command.params
        if p.param_type_name == "option"
    ]


def _documentation_of(name: str) -> str:
    """What the docs say about one command: its README lines and its docs/cli.md section."""
    lines = [ln for ln in README.splitlines() if f"`graphbuild {name}" in ln]
    heading = f"## graphbuild {name}\n"
    section = CLI_DOC.split(heading, 1)[1].split("\n## ", 1)[0] if heading in CLI_DOC else ""
    return "\n".join([*lines, section])


OPTIONS = [(name, spellings) for name in COMMANDS for spellings in _options(name)]


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_in_readme(name: str) -> None:
    assert f"graphbuild {name}" in README, f"README does not document `graphbuild {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_every_command_has_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert "Example:" in (command.help or ""), f"`graphbuild {name}` help has no Example:"


@pytest.mark.parametrize("name, spellings", OPTIONS, ids=[f"{n} {s[0]}" for n, s in OPTIONS])
def test_docs_every_option_documented(name: str, spellings: tuple[str, ...]) -> None:
    text = _documentation_of(name)
    documented = any(re.search(rf"{re.escape(s)}(?![\w-])", text) for s in spellings)
    assert documented, (
        f"`graphbuild {name} {spellings[0]}` is not in the README row or the docs/cli.md "
        f"section of `graphbuild {name}`"
    )


def test_docs_readme_points_to_the_cli_reference() -> None:
    assert "docs/cli.md" in README


def test_docs_readme_quick_start_has_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash", 1)[1].split("```", 1)[0]
    commands = [ln for ln in block.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert len(commands) == 2, commands


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci and "bash scripts/test.sh" in README


WORK_LOG = re.compile(
    r"issue #\d+|this round|earlier rounds?|\bround \d\b|(another|other) engineers?|"
    r"this session|not re-measured",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_docs_describe_the_system_not_its_history(path: Path) -> None:
    notes = [m.group(0) for m in WORK_LOG.finditer(path.read_text(encoding="utf-8"))]
    assert notes == [], f"{path.name}: work-log notes (history is in git): {notes}"
