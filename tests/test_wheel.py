"""graphbuild works from an installed wheel, not only from the source tree.

Builds the wheel, installs it into a temp folder and, in a fresh interpreter whose working
directory is elsewhere, loads the German pipeline and reads the ontology from the package.
A second install goes into a new virtual environment with the pip that ships with the
interpreter (``python -m venv``, pip not upgraded), dependencies and all, as a new user's
``pip install .`` would: older pips resolve extras differently (pip 23.2 skips
``lxml[html_clean]``), so HTML ingest is tested there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = wheels.glob("graphbuild-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def _run(target: Path, code: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_wheel_ships_ontology_queries_and_lexicons(installed: Path, tmp_path: Path) -> None:
    out = _run(
        installed,
        (
            "import graphbuild, pathlib\n"
            "p = pathlib.Path(graphbuild.__file__).parent\n"
            "print(p)\n"
            "print((p / 'ontologies' / 'graphbuild.ttl').is_file())\n"
            "print(len(list((p / 'queries').glob('*.rq'))) > 0)\n"
            "print(len(list((p / 'extract' / 'lexicons').glob('*.tsv'))) > 0)\n"
        ),
        tmp_path,
    )
    where, onto, queries, lexicons = out.split()
    assert where.startswith(str(installed))
    assert (onto, queries, lexicons) == ("True", "True", "True")


@pytest.mark.skipif(
    not (ROOT / "graphbuild" / "models" / "de" / "config.cfg").is_file(),
    reason="the German pipeline is not trained yet",
)
def test_wheel_loads_german_pipeline(installed: Path, tmp_path: Path) -> None:
    out = _run(
        installed,
        (
            "from graphbuild.nlp import load_pipeline\n"
            "import graphbuild\n"
            "nlp = load_pipeline('de')\n"
            "doc = nlp('Die Ministerin sagte am Montag in Berlin, sie sei zufrieden.')\n"
            "print(graphbuild.__file__)\n"
            "print('ner' in nlp.pipe_names, [t.lemma_ for t in doc if t.text == 'sagte'][0])\n"
        ),
        tmp_path,
    )
    lines = out.splitlines()
    assert lines[0].startswith(str(installed))
    assert lines[1] == "True sagen"


@pytest.fixture(scope="module")
def bundled_pip_venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv whose pip is the interpreter's bundled one, with the wheel installed."""
    import ensurepip

    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    version = subprocess.run(
        [str(python), "-m", "pip", "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert version.startswith(f"pip {ensurepip.version()} "), version
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, env=env, timeout=1800
    )
    return venv


def test_wheel_bundled_pip_install_reads_html(bundled_pip_venv: Path, tmp_path: Path) -> None:
    page = tmp_path / "gipfel.html"
    page.write_text(
        "<html><head><title>Gipfel in Genf</title></head><body><article>"
        "<h1>Gipfel in Genf</h1><p>Die Ministerin sagte am Montag in Genf, die Gespräche "
        "seien gut verlaufen.</p><p>Der Minister kündigte an, nach Berlin zu reisen.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [str(bundled_pip_venv / "bin" / "graphbuild"), "extract", str(page), "--lang", "de"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "gipfel"
