#!/usr/bin/env bash
# Quick start 2: set up (with test tools and the system Chromium for browser tests), lint, test.
# pytest's exit code 5 ("no tests ran") is turned into a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "warning: could not install chromium; browser tests will fail" >&2
  else
    echo "warning: chromium not found and not root; browser tests will fail" >&2
  fi
fi
.venv/bin/ruff check $(ls -d graphbuild tests benchmarks training fuzz 2>/dev/null)
set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$rc"
