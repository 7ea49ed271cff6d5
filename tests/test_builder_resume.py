"""A build killed mid-run (SIGKILL, or Ctrl-C) leaves a store that opens, holds every finished
article completely, and a rerun builds the rest without duplicates.

The build runs in a subprocess that kills itself from the progress callback right after its
5th article was reported written (its batch of 4 is one store transaction).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_builder import settings, store_state, write_articles

from graphbuild.builder import build
from graphbuild.graph.store import Store
from graphbuild.graph.validate import validate

N = 12
KILL_AFTER = 5
BATCH = 4  # settings() in test_builder

SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from graphbuild.builder import ArticleResult, build
    from graphbuild.config import Settings

    src, out, sig = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    written = 0
    # Ctrl-C as in a terminal: a job started in the background by a non-interactive shell
    # (nohup … &) inherits SIGINT ignored, and Python then installs no handler for it.
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def progress(event):
        global written
        if isinstance(event, ArticleResult):
            written += 1
            if written == {kill_after}:
                os.kill(os.getpid(), sig)

    try:
        build([src], out, Settings().with_overrides(out=out, batch_size=4), progress=progress,
              views=False)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(3)  # not reached when the signal arrives
    """
).replace("{kill_after}", str(KILL_AFTER))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("resume") / "in"
    write_articles(src, N)
    return src


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("reference")
    assert build([corpus], out, settings(out), views=False).articles == N
    return store_state(out / "store")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_builder_resume_after_interruption(
    sig: signal.Signals, corpus: Path, reference: dict[str, list[str]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in [*sys.path, env.get("PYTHONPATH", "")] if p)
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(corpus), str(out), str(int(sig))],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    expected_rc = -signal.SIGKILL if sig == signal.SIGKILL else 130
    assert proc.returncode == expected_rc, proc.stderr[-2000:]

    partial = store_state(out / "store")  # the store opens
    interrupted = Store.open(out / "store", read_only=True)
    try:  # and what it holds is a valid graph
        report = validate(interrupted)
    finally:
        interrupted.close()
    assert report.conforms, report.problems[:5]
    partial.pop("DEFAULT", None)  # the merged entity descriptions of the articles so far
    # one transaction per batch of 4: the 5th article's batch (articles 5–8) is stored whole
    assert len(partial) == BATCH * -(-KILL_AFTER // BATCH) < N
    for graph, quads in partial.items():  # every stored article is complete, none half-written
        assert quads == reference[graph]
    assert not (out / "facts.jsonl").exists()  # never a partial facts file

    rerun = build([corpus], out, settings(out), views=False)
    done = len(partial)
    assert (rerun.articles, rerun.unchanged, rerun.failures) == (N - done, done, [])
    assert store_state(out / "store") == reference  # the rest is built, nothing twice
