"""SPARQL endpoint under load: a cheap query's latency while expensive ones run.

Starts ``graphbuild serve --timeout T`` (of the source tree given with ``--tree``, so two
versions can be compared on the same machine) on the example store and measures

- ``idle``: ``ASK {}`` latency, one request at a time (30 requests);
- ``4 clients``: four clients each sending 25 small SELECTs at once (p50 / p95);
- ``during 4 expensive``: four cartesian products (152^4 rows to count, minutes of one core
  each) are sent at once, and ``ASK {}`` is sent every 0.2 s for 12 s beside them: how many
  of those were answered 200, their median and worst latency;
- ``CPU after 503``: CPU seconds the server's processes spend in the 5 s after the four
  expensive queries were answered (0 when the queries were really stopped).

Run: ``.venv/bin/python benchmarks/bench_serve.py [--tree PATH] [--label NAME] [--write]``;
``--write`` replaces the "## SPARQL endpoint under load" section of docs/benchmarks.md with
the rows of this run and of the runs listed in ``--previous`` (a JSON file this script wrote).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import example_resolutions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from report import write_section  # noqa: E402  (benchmarks/report.py: one section per benchmark)

HEADING = "## SPARQL endpoint under load"
# the cartesian product, one pattern longer: 152^4 rows on the example store
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
SMALL = "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?o } LIMIT 10"
TICK = os.sysconf("SC_CLK_TCK")


def _get(port: int, sparql: str, timeout: float = 120) -> tuple[int, float]:
    """(status, seconds) of one GET /sparql; status 0 if the connection failed."""
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", f"/sparql?query={quote(sparql)}", headers={"Accept": "*/*"})
        resp = conn.getresponse()
        resp.read()
        status = resp.status
    except OSError:
        status = 0
    finally:
        conn.close()
    return status, time.monotonic() - started


def _cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its live children so far."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == root or int(fields[1]) == root:
            total += (int(fields[11]) + int(fields[12])) / TICK
    return total


def _start(tree: Path, store: Path, timeout: float) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    env = {**os.environ, "PYTHONPATH": str(tree)}
    cmd = [sys.executable, "-m", "graphbuild", "serve", "--store", str(store)]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--timeout", f"{timeout:g}"],
        env=env,
        cwd=tree,  # `python -m` looks in the working directory first
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while _get(port, "ASK {}", timeout=5)[0] != 200:
        if time.monotonic() > deadline or proc.poll() is not None:
            raise SystemExit("server did not start")
        time.sleep(0.2)
    return proc, port


def _parallel(port: int, queries: list[str], rounds: int = 1) -> list[tuple[int, float]]:
    """Each query from its own client thread, ``rounds`` times in a row; every reply."""
    out: list[tuple[int, float]] = []

    def client(sparql: str) -> None:
        for _ in range(rounds):
            out.append(_get(port, sparql))

    threads = [threading.Thread(target=client, args=(q,)) for q in queries]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def measure(tree: Path, timeout: float) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        with Store.open(store) as st:
            for res in example_resolutions():
                st.merge(mint_article_iri(res.extraction.article), to_quads(res))
        proc, port = _start(tree, store, timeout)
        try:
            idle = [_get(port, "ASK {}")[1] for _ in range(30)]
            clients = [seconds for _, seconds in _parallel(port, [SMALL] * 4, rounds=25)]
            expensive: list[tuple[int, float]] = []
            runner = threading.Thread(
                target=lambda: expensive.extend(_parallel(port, [EXPENSIVE] * 4))
            )
            runner.start()
            time.sleep(0.3)
            probes = []
            started = time.monotonic()
            while time.monotonic() - started < 12:
                probes.append(_get(port, "ASK {}", timeout=30))
                time.sleep(0.2)
            runner.join()
            before = _cpu_seconds(proc.pid)
            time.sleep(5)
            cpu_after = _cpu_seconds(proc.pid) - before
        finally:
            proc.terminate()
            proc.wait(30)
    answered = [s for code, s in probes if code == 200]
    return {
        "idle_p50_ms": statistics.median(idle) * 1000,
        "clients_p50_ms": statistics.median(clients) * 1000,
        "clients_p95_ms": statistics.quantiles(clients, n=20)[18] * 1000,
        "probes": len(probes),
        "probes_ok": len(answered),
        "probe_p50_ms": statistics.median(answered) * 1000 if answered else None,
        "probe_max_s": max(s for _, s in probes),
        "expensive": sorted(code for code, _ in expensive),
        "cpu_after_s": cpu_after,
    }


def _row(label: str, r: dict[str, object]) -> str:
    p50 = r["probe_p50_ms"]
    during = (
        f"{r['probes_ok']} of {r['probes']} answered, p50 {p50:.0f} ms, worst {r['probe_max_s']:.1f} s"
        if p50 is not None
        else f"0 of {r['probes']} answered, worst {r['probe_max_s']:.1f} s"
    )
    return (
        f"| {label} | {r['idle_p50_ms']:.1f} ms | {r['clients_p50_ms']:.1f} / "
        f"{r['clients_p95_ms']:.1f} ms | {during} | {r['expensive']} | {r['cpu_after_s']:.1f} s |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tree", type=Path, default=ROOT, help="source tree whose serve is run")
    ap.add_argument("--label", default="this tree")
    ap.add_argument("--timeout", type=float, default=2.0)
    ap.add_argument("--json", type=Path, help="also write this run's figures here")
    ap.add_argument("--previous", type=Path, nargs="*", default=[], help="earlier --json files")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    result = measure(args.tree.resolve(), args.timeout)
    print(json.dumps(result, indent=1))
    if args.json:
        args.json.write_text(json.dumps({"label": args.label, **result}), encoding="utf-8")
    if args.write:
        rows = [json.loads(p.read_text(encoding="utf-8")) for p in args.previous]
        rows.append({"label": args.label, **result})
        body = "\n".join(
            [
                HEADING,
                "",
                f"`benchmarks/bench_serve.py` on {platform.machine()}, Python "
                f"{platform.python_version()}, {os.cpu_count()} cores, example store, "
                f"`--timeout {args.timeout:g}`, default workers. The expensive query counts "
                "the rows of a four-pattern cartesian product (152^4). Status codes of the four expensive queries; "
                "CPU the server's processes used in the 5 s after they were answered.",
                "",
                "| server | ASK {} idle (p50) | 4 clients × 25 SELECTs (p50 / p95) "
                "| ASK {} every 0.2 s for 12 s beside 4 expensive queries "
                "| expensive answers | CPU after |",
                "|---|---|---|---|---|---|",
                *(_row(r.pop("label"), r) for r in rows),
            ]
        )
        write_section(ROOT / "docs" / "benchmarks.md", HEADING, body)


if __name__ == "__main__":
    main()
