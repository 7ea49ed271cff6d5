"""Build benchmark: articles/s (1 vs 2 workers, dask), peak memory (100 vs 1,000 articles).

Generates the corpus with ``make_corpus.py`` into a temp folder, then runs each configuration
in a fresh Python process (so peak memory is that run's own) and prints a Markdown table; with
``--write-docs`` it replaces the "## Build and ingest" section of docs/benchmarks.md.

Peak memory is ``ru_maxrss``: of the build process itself (it reads, writes the store and,
on the local engine, runs the pipelines) and of the largest worker process. Views (graph.ttl,
graph.html) are off: they export the whole store and are timed separately (``export``).

Example:
    python benchmarks/bench_build.py                 # 100 and 1,000 articles, all engines
    python benchmarks/bench_build.py --n 200 --only processes-1 processes-1-rerun
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import make_corpus  # noqa: E402

#: name → (corpus, engine, workers, output folder of an earlier run to build on, or "")
CONFIGS: dict[str, tuple[str, str, int, str]] = {
    "local-100": ("small", "local", 1, ""),
    "local-1000": ("large", "local", 1, ""),
    "processes-1-100": ("small", "processes", 1, ""),
    "processes-1": ("large", "processes", 1, ""),
    "processes-1-rerun": ("large", "processes", 1, "processes-1"),
    "processes-2": ("large", "processes", 2, ""),
    "dask-local": ("large", "dask", 1, ""),
}


def run_one(corpus: Path, out: Path, engine: str, workers: int, models: list[str]) -> dict:
    """Build in this process and report time, counts and peak memory (as JSON on stdout)."""
    from graphbuild.builder import build
    from graphbuild.config import Settings

    settings = Settings()
    extra = dict(settings.models) | dict(m.split("=", 1) for m in models)
    settings = settings.with_overrides(
        out=out, workers=workers, batch_size=16, models=tuple(sorted(extra.items()))
    )
    curve: list[float] = []  # build-process RSS (MB) after every 100 inputs: flat or growing?
    seen = [0]

    def sample(_event: object) -> None:
        seen[0] += 1
        if seen[0] % 100 == 0:
            try:
                import psutil

                curve.append(round(psutil.Process().memory_info().rss / 2**20))
            except ImportError:  # peak instead of current RSS
                curve.append(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    t0 = time.perf_counter()
    report = build([corpus], out, settings, progress=sample, engine=engine, views=False)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - t0
    t1 = time.perf_counter()
    from graphbuild.export import exporter
    from graphbuild.graph.store import Store

    store = Store.open(out / "store")
    exporter("ttl")(store, out / "graph.ttl")
    store.close()
    export_s = time.perf_counter() - t1
    return {
        "articles": report.articles,
        "unchanged": report.unchanged,
        "failures": len(report.failures),
        "triples": report.triples,
        "seconds": round(elapsed, 2),
        "export_ttl_s": round(export_s, 2),
        "rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "rss_curve_mb": curve,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the large corpus")
    parser.add_argument("--small", type=int, default=100, help="articles in the small corpus")
    parser.add_argument("--only", nargs="*", choices=sorted(CONFIGS), help="configurations")
    parser.add_argument("--model", action="append", default=[], help="LANG=NAME_OR_PATH")
    parser.add_argument("--write-docs", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("--run", nargs=4, metavar=("CORPUS", "OUT", "ENGINE", "WORKERS"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.run:
        corpus, out, engine, workers = args.run
        print(json.dumps(run_one(Path(corpus), Path(out), engine, int(workers), args.model)))
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="gb-bench-") as tmp:
        base = Path(tmp)
        corpora = {"small": base / "small", "large": base / "large"}
        make_corpus(args.small, corpora["small"])
        make_corpus(args.n, corpora["large"])
        for name in args.only or list(CONFIGS):
            size, engine, workers, reuse = CONFIGS[name]
            out = base / f"out-{reuse or name}"
            if reuse and not (out / "store").is_dir():
                print(f"{name}: needs {reuse} first", file=sys.stderr)
                continue
            cmd = [sys.executable, __file__, "--run", str(corpora[size]), str(out), engine,
                   str(workers), *(f"--model={m}" for m in args.model)]  # fmt: skip
            proc = subprocess.run(cmd, capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"{name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}", file=sys.stderr)
                rows.append({"name": name, "failed": proc.returncode})
                continue
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            n = result["articles"] + result["unchanged"] + result["failures"]
            result.update(name=name, inputs=n, rate=round(n / result["seconds"], 1))
            rows.append(result)
            print(json.dumps(result), file=sys.stderr)
    table = render(rows, args)
    print(table)
    if args.write_docs:
        write_docs(table)


def render(rows: list[dict], args: argparse.Namespace) -> str:
    head = (
        "| run | inputs | built | seconds | articles/s | peak RSS build MB | peak RSS worker MB "
        "| triples | graph.ttl export s |\n|---|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r['name']} | {r['inputs']} | {r['articles']} | {r['seconds']} | {r['rate']} "
        f"| {r['rss_mb']} | {r['worker_rss_mb'] or '–'} | {r['triples']} | {r['export_ttl_s']} |\n"
        if "failed" not in r
        else f"| {r['name']} | crashed (exit {r['failed']}) | | | | | | | |\n"
        for r in rows
    )
    machine = (
        f"{platform.machine()}, {platform.python_version()}, models: {args.model or 'default'}"
    )
    return head + body + f"\nMachine: {machine}; command: `python benchmarks/bench_build.py`.\n"


def write_docs(table: str) -> None:
    """Replace (or add) the '## Build and ingest' section's generated block."""
    path = ROOT / "docs" / "benchmarks.md"
    start, end = "<!-- bench_build:start -->", "<!-- bench_build:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{table}{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    elif "## Build and ingest" in text:
        text = text.replace("## Build and ingest\n", f"## Build and ingest\n\n{block}\n", 1)
    else:
        text = text.rstrip("\n") + f"\n\n## Build and ingest\n\n{block}\n"
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
