"""Output files are written atomically: a crash mid-write leaves the old file and no debris."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuild.files import atomic_write


def test_files_atomic_write_replaces_on_success(tmp_path: Path) -> None:
    target = tmp_path / "graph.ttl"
    target.write_text("old", encoding="utf-8")
    with atomic_write(target) as fh:
        fh.write("new")
        assert target.read_text(encoding="utf-8") == "old"  # not visible before the rename
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_files_atomic_write_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "facts.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as fh:
        fh.write("half a li")
        raise RuntimeError("crash while writing")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["facts.jsonl"]


def test_files_atomic_write_binary_and_permissions(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "graph.nq"
    with atomic_write(target, "wb") as fh:
        fh.write(b"<a> <b> <c> .\n")
    assert target.read_bytes() == b"<a> <b> <c> .\n"
    assert target.stat().st_mode & 0o044  # readable by others, like any normal output file
