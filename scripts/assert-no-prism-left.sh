#!/usr/bin/env bash
# Fails when a Prism mock outlived the run that started it (the launcher must stop every one it starts).
set -euo pipefail
if pgrep -f "prism-cli/dist/index.js mock" >/dev/null 2>&1; then
  echo "a Prism process outlived the test run:" >&2
  pgrep -af "prism-cli/dist/index.js mock" >&2
  exit 1
fi
