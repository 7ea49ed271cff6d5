"""Export benchmark: time, peak memory and file size of every export format.

For synthetic stores of 100, 500 and 2,000 articles (``graphbuild.graph.synthetic``, mapped
with ``to_quads`` and loaded with ``merge_many``, as ``build`` does) each format is exported
in a fresh process from the store on disk, which reports

- ``s``: wall time of the export call;
- ``peak MB``: the process's peak RSS (``VmHWM``) after the export minus that after opening
  the store (what the export itself added, Rust allocations of pyoxigraph included);
- ``MB``: the size of the file.

``jsonld-rdflib`` is the JSON-LD path graphbuild used before its own writer (N-Quads parsed
into an ``rdflib.Dataset``, serialised as JSON-LD), measured side by side up to 500 articles.

Run: ``.venv/bin/python benchmarks/bench_export.py [--sizes 100,500,2000] [--write]``;
``--write`` replaces the "## Export" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

from graphbuild.graph.mapping import mint_article_iri, to_quads
from graphbuild.graph.store import Store
from graphbuild.graph.synthetic import synthetic_resolutions

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from report import write_section  # noqa: E402  (benchmarks/report.py: one section per benchmark)

FORMATS = ["ttl", "trig", "nq", "jsonld", "xml", "graphml", "gexf"]
OLD_JSONLD_MAX_ARTICLES = 500  # the rdflib path takes minutes beyond this

_CHILD = """
import json, re, sys, time
from pathlib import Path
from graphbuild.graph.store import Store

def peak_mb():  # VmHWM: this process's own peak RSS (ru_maxrss would carry the parent's)
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+)", status).group(1)) / 1024

store, fmt, out = Store.open(sys.argv[1], read_only=True), sys.argv[2], Path(sys.argv[3])
import rdflib  # imports before the clock starts
from graphbuild.export import exporter
from graphbuild.export.rdf import serialize_store
write = None if fmt == "jsonld-rdflib" else exporter(fmt)
before = peak_mb()
t = time.perf_counter()
if write is None:
    ds = rdflib.Dataset()
    ds.parse(data=serialize_store(store, "nq"), format="nquads")
    out.write_text(ds.serialize(format="json-ld", indent=2, auto_compact=True), encoding="utf-8")
else:
    write(store, out)
seconds = time.perf_counter() - t
print(json.dumps({"s": seconds, "peak_mb": peak_mb() - before, "mb": out.stat().st_size / 1e6}))
"""


def build_store(path: Path, articles: int) -> int:
    """A store of ``articles`` synthetic articles at ``path``; returns its number of quads."""
    with Store.open(path) as store:
        items = [
            (mint_article_iri(res.extraction.article), list(to_quads(res)))
            for res in synthetic_resolutions(articles, seed=42, n_entities=max(articles // 4, 10))
        ]
        store.merge_many(items)
        store.compact()
        return len(store)


def measure(store: Path, fmt: str, out: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(store), fmt, str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="100,500,2000", help="article counts, comma-separated")
    ap.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for articles in (int(s) for s in args.sizes.split(",")):
            store = Path(tmp) / f"store{articles}"
            quads = build_store(store, articles)
            formats = FORMATS + (["jsonld-rdflib"] if articles <= OLD_JSONLD_MAX_ARTICLES else [])
            for fmt in formats:
                r = measure(store, fmt, Path(tmp) / f"g{articles}.{fmt}")
                r["load"] = os.getloadavg()[0]
                rows.append((articles, quads, fmt, r))
                print(articles, quads, fmt, {k: round(v, 2) for k, v in r.items()}, flush=True)
    table = "| articles | quads | format | s | peak MB | MB | load avg |\n"
    table += "|---:|---:|---|---:|---:|---:|---:|\n"
    table += "".join(
        f"| {a:,} | {q:,} | {f} | {r['s']:.2f} | {r['peak_mb']:.0f} | {r['mb']:.1f} "
        f"| {r['load']:.1f} |\n"
        for a, q, f, r in rows
    )
    body = (
        "## Export\n\n"
        "`benchmarks/bench_export.py`: every format exported in a fresh process from a "
        "synthetic store on disk (compacted, as `build` leaves it); *peak MB* is the maximum "
        "RSS the export added. `jsonld-rdflib` is the earlier JSON-LD path through "
        "`rdflib.Dataset`, measured side by side up to 500 articles.\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; shared with other jobs (1-minute load average in the "
        "last column; the machine has 2 cores), so times are upper bounds.\n\n" + table
    )
    if args.write:
        write_section(ROOT / "docs" / "benchmarks.md", "## Export", body)
    else:
        print(body)


if __name__ == "__main__":
    main()
