#!/usr/bin/env bash
# The whole benchmark suite, one command; each benchmark rewrites its own section of
# docs/benchmarks.md. Takes about an hour on a 2-core machine (the 1M-triple store run and
# the 1,000-article builds dominate). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
PY=.venv/bin/python
$PY benchmarks/bench_extract.py --articles 100 --write docs/benchmarks.md
$PY benchmarks/bench_api.py --write docs/benchmarks.md
$PY benchmarks/bench_dequotes.py --write docs/benchmarks.md
$PY benchmarks/bench_build.py --write-docs
$PY benchmarks/bench_store.py --write docs/benchmarks.md
$PY benchmarks/bench_html.py --write
$PY benchmarks/bench_export.py --write
