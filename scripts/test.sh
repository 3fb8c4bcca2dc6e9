#!/usr/bin/env bash
# The README's test command. On a bare machine (Node 20.19+ and npm) it installs what the tests need and is
# missing: the pinned pnpm, the workspace, redis-server and Chromium (Debian's), the runtime matrix's runtimes.
# Then it runs `pnpm test`, which installs nothing, and the spec flow (`pnpm test:spec-flow`, see the README). Where it cannot install something (not root and no
# `sudo -n`, no apt-get, offline), it stops at once with one line naming what is missing and how to install it.
set -euo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false

# One line, then stop: what is missing, why it could not be installed here, the command that installs it.
cannot_install() {
  echo "scripts/test.sh: missing $1, which cannot be installed here ($2); install with: $3" >&2
  exit 1
}

node -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit(major > 20 || (major === 20 && minor >= 19) ? 0 : 1)' ||
  cannot_install "Node.js 20.19+" "found $(node --version)" "your Node.js installer (https://nodejs.org)"

# corepack's signature check fails on some machines, so pnpm comes from npm, pinned by packageManager.
pnpm_version=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$pnpm_version" ]; then
  npm install -g "pnpm@${pnpm_version}" --no-audit --no-fund --loglevel=error ||
    cannot_install "pnpm ${pnpm_version}" "npm install -g failed" "npm install -g pnpm@${pnpm_version}"
fi

# Debian's Chromium, or an installed Chrome: Ubuntu's chromium is a snap wrapper, and snaps fail in containers.
# packages/runtime-matrix/test/runtimes.ts looks for the browser the same way.
find_chromium() {
  if [ -n "${RUNTIME_MATRIX_CHROMIUM:-}" ]; then
    echo "$RUNTIME_MATRIX_CHROMIUM"
    return
  fi
  local name file
  for name in chromium google-chrome google-chrome-stable; do
    file=$(command -v "$name" 2>/dev/null) || continue
    case "$(readlink -f "$file")" in */snap | /snap/*) continue ;; esac
    echo "$file"
    return
  done
}

# A browser named by hand is used as named (the runtime matrix reads the same variable): it must be there.
if [ -n "${RUNTIME_MATRIX_CHROMIUM:-}" ] && [ ! -x "$RUNTIME_MATRIX_CHROMIUM" ]; then
  cannot_install "the browser RUNTIME_MATRIX_CHROMIUM names ($RUNTIME_MATRIX_CHROMIUM)" "no executable file there" \
    "unset RUNTIME_MATRIX_CHROMIUM (Debian's chromium is then installed), or point it at a Chromium or Chrome binary"
fi
apt_packages=()
command -v redis-server >/dev/null 2>&1 || apt_packages+=(redis-server)
if [ -z "$(find_chromium)" ]; then
  if grep -qs '^ID=ubuntu' /etc/os-release; then
    cannot_install "Chromium" "Ubuntu's chromium package is a snap, which fails in containers" \
      "Google Chrome's .deb (then google-chrome is used), or set RUNTIME_MATRIX_CHROMIUM to a browser binary"
  fi
  apt_packages+=(chromium)
fi
if [ "${#apt_packages[@]}" -gt 0 ]; then
  wanted="${apt_packages[*]}"
  wanted="${wanted// / and }"
  command -v apt-get >/dev/null 2>&1 ||
    cannot_install "$wanted" "no apt-get" "your system's package manager (Debian: apt-get install -y ${apt_packages[*]})"
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    cannot_install "$wanted" "not root, and sudo needs a password" "sudo apt-get install -y ${apt_packages[*]}"
  fi
  { "${as_root[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${apt_packages[@]}"; } >/dev/null 2>&1 ||
    cannot_install "$wanted" "apt-get failed: offline, or no such package" "apt-get update && apt-get install -y ${apt_packages[*]}"
fi

pnpm install --frozen-lockfile ||
  cannot_install "the workspace's dependencies" "pnpm install --frozen-lockfile failed (output above)" "pnpm install"

# The runtime matrix's other runtimes, outside the workspace install: Bun, Deno, miniflare (workerd) and
# playwright-core, pinned in packages/runtime-matrix/runtimes/package-lock.json, binaries from npm packages.
runtimes=packages/runtime-matrix/runtimes
if [ ! -f "$runtimes/node_modules/.package-lock.json" ] || [ "$runtimes/package-lock.json" -nt "$runtimes/node_modules/.package-lock.json" ]; then
  npm ci --prefix "$runtimes" --no-audit --no-fund --loglevel=error ||
    cannot_install "the runtime matrix's runtimes (Bun, Deno, miniflare, playwright-core)" "npm ci failed (output above)" \
      "pnpm --filter @org/statsig-console-runtime-matrix runtimes:install"
fi

pnpm test
# The weekly spec update rehearsed on a scratch copy: the spec-dependent suites again, on a changed spec. It is
# not in `pnpm test` (the inner loop) because it runs those suites a second time (about 200 CPU-seconds).
pnpm test:spec-flow
