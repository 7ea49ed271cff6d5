#!/usr/bin/env bash
# Quick start 1: set up, then build the graph of the bundled sample articles in data/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/graphbuild build data/ --out output/
