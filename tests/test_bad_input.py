"""Bad input gets one clear line naming the file and the reason; the batch goes on; nothing
already in the store is lost or changed. Each case runs through the real CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from graphbuild.cli import app

runner = CliRunner()
GOOD = "en_voa_kerry_zarif_2013.txt"


def _pdf(p: Path) -> None:
    p.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
        + bytes(range(256)) * 8
    )


def _binary(p: Path) -> None:
    p.write_bytes(bytes(range(256)) * 64)


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _blank(p: Path) -> None:
    p.write_text("   \n\t\n  \u00a0 \n", encoding="utf-8")


def _huge(p: Path) -> None:
    line = ("Die Regierung in Berlin hat am Montag neue Pläne vorgestellt. " * 20 + "\n").encode()
    with p.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)


def _unsupported_language(p: Path) -> None:
    p.write_text(
        "Le gouvernement français a annoncé lundi une nouvelle réforme des retraites. "
        "Le premier ministre a déclaré que la réforme était nécessaire pour l'avenir du pays. "
        "Les syndicats ont appelé à une grève générale la semaine prochaine.\n",
        encoding="utf-8",
    )


def _rtl(p: Path) -> None:
    p.write_text(
        "أعلنت الحكومة يوم الاثنين عن خطة جديدة للإصلاح الاقتصادي. وقال الوزير إن الخطة ضرورية.\n",
        encoding="utf-8",
    )


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    # name: (writer, a word the one-line reason must contain)
    "empty.txt": (_empty, "empty"),
    "blank.txt": (_blank, "empty"),
    "binary.txt": (_binary, "binary"),
    "report.pdf.txt": (_pdf, "binary"),
    "huge.txt": (_huge, "limit"),
    "french.txt": (_unsupported_language, "language"),
    "arabic.txt": (_rtl, "language"),
}


@pytest.fixture()
def good_store(tmp_path: Path, golden_dir: Path) -> tuple[Path, int]:
    """A store built from one good article; returns (out dir, number of quads)."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(golden_dir / GOOD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, _count(out)


def _count(out: Path) -> int:
    store = pyoxigraph.Store.read_only(str(out / "store"))
    n = len(store)
    del store
    return n


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_reported_batch_continues_store_kept(
    name: str, tmp_path: Path, good_store: tuple[Path, int], golden_dir: Path
) -> None:
    out, before = good_store
    writer, reason = CASES[name]
    bad = tmp_path / name
    writer(bad)
    other = tmp_path / "other.txt"
    shutil.copy(golden_dir / GOOD, other)
    result = runner.invoke(app, ["build", str(bad), str(other), "--out", str(out)])
    assert result.exit_code == 1, result.output
    error_lines = [ln for ln in result.stderr.splitlines() if name in ln and "error" in ln.lower()]
    assert error_lines, result.stderr
    assert reason in error_lines[0].lower(), error_lines[0]
    assert len(error_lines[0]) < 300
    # the good article of the same batch went in, and nothing of the first build was lost
    assert _count(out) >= before


def test_bad_input_missing_path_is_named(tmp_path: Path, golden_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            str(tmp_path / "missing.txt"),
            str(golden_dir / GOOD),
            "--out",
            str(tmp_path / "o"),
        ],
    )
    assert result.exit_code == 2  # a path that does not exist is a usage error
    assert any("missing.txt" in ln for ln in result.stderr.splitlines())


@pytest.mark.parametrize(
    "name, content",
    [
        (
            "latin1.txt",
            "Der Minister äußerte sich über die Lage in Österreich und Südtirol.\n".encode(
                "latin-1"
            ),
        ),
        ("cp1252.txt", "Sie sagte: „Das ist gut.“ – und ging.\n".encode("cp1252")),
        ("bom.txt", "\ufeffDie Kanzlerin sagte, sie sei zufrieden.\n".encode()),
        (
            "zero_width.txt",
            "Die\u200b Kanzlerin\u200d sagte\u00ad, sie sei \u0007zufrieden.\n".encode(),
        ),
        (
            "unclosed.txt",
            "Der Minister sagte: „Wir werden das schaffen, und zwar bald.\nDanach ging er.\n".encode(),
        ),
        ("long_sentence.txt", ("Der Minister sagte " + "und dann " * 2500 + "ende.\n").encode()),
        (
            "mixed.txt",
            "Erste Zeile in UTF-8: Grüße.\n".encode()
            + "Zweite in cp1252: Grüße.\n".encode("cp1252"),
        ),
    ],
)
def test_bad_input_odd_but_readable_text_is_processed(
    name: str, content: bytes, tmp_path: Path
) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    result = runner.invoke(app, ["build", str(f), "--lang", "de", "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "graph.ttl").is_file()


def test_bad_input_second_build_on_a_store_in_use_is_refused(
    tmp_path: Path, golden_dir: Path
) -> None:
    """While one build holds the store, another gets a clear message, and the store is unharmed."""
    from graphbuild.graph.store import Store

    out = tmp_path / "out"
    first = runner.invoke(app, ["build", str(golden_dir / GOOD), "--out", str(out)])
    assert first.exit_code == 0, first.output
    before = _count(out)
    holder = Store.open(out / "store")  # stands for a build that is still running
    try:
        second = runner.invoke(app, ["build", str(golden_dir / GOOD), "--out", str(out), "--force"])
        assert second.exit_code != 0
        assert "in use" in second.stderr
        # reading during the "build" still works
        query = runner.invoke(
            app, ["query", "--store", str(out / "store"), "ASK { ?s ?p ?o }", "--format", "json"]
        )
        assert query.exit_code == 0, query.output
    finally:
        holder.close()
    assert _count(out) == before


MALFORMED_HTML = (
    "<html><head><title>Gespräche in Genf</title><body><div class=article><p>Die Außenministerin sagte am "
    "Montag in Genf, die Gespräche mit der Regierung seien konstruktiv gewesen.<p>Der Sprecher des "
    "Ministeriums erklärte, man werde die Verhandlungen in der kommenden Woche fortsetzen. "
    "<b>Beide Seiten wollen sich erneut treffen.<div><p>Die Opposition kritisierte den Plan "
    "scharf und forderte eine Debatte im Parlament.</i></span></html></html>"
)


def test_bad_input_malformed_html_is_still_read(tmp_path: Path) -> None:
    f = tmp_path / "page.html"
    f.write_text(MALFORMED_HTML, encoding="utf-8")
    result = runner.invoke(app, ["build", str(f), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output


def test_bad_input_html_without_text_is_reported(tmp_path: Path, golden_dir: Path) -> None:
    f = tmp_path / "empty.html"
    f.write_text(
        "<html><head><script>var x = 1;</script></head><body><div></div></body>", encoding="utf-8"
    )
    result = runner.invoke(
        app, ["build", str(f), str(golden_dir / GOOD), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert any("empty.html" in ln for ln in result.stderr.splitlines())
