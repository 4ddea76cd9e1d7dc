#!/usr/bin/env bash
# Installs what the tests need on a fresh machine of this kind and runs every test:
# domain, SQLite and PostgreSQL, HTTP, CLI and the browser journeys in Debian Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# System packages: Chromium for the browser tests, a CJK font so Chinese renders (not tofu),
# nginx as the load balancer in front of several app nodes (test/multi-node.test.ts; the test starts
# it itself), and LibreOffice Writer with poppler's pdftotext for the test that opens every document
# kind as a clerk would (without recommends: no Java, no desktop).
missing=()
for pkg in chromium fonts-wqy-zenhei nginx; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
bare=()
for pkg in libreoffice-writer-nogui poppler-utils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || bare+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ] || [ ${#bare[@]} -gt 0 ]; then
  echo "installing ${missing[*]} ${bare[*]}"
  as_root apt-get update -qq
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if [ ${#bare[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${bare[@]}" >/dev/null
  fi
fi

# PostgreSQL at 127.0.0.1:5432 (this machine kind runs it; start it if it stopped).
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

# npm packages exactly as locked (better-sqlite3 compiles from source here: about a minute).
if [ "${ZHIFA_SKIP_INSTALL:-}" != 1 ]; then
  npm ci --no-audit --no-fund
fi

npm run build:web
mkdir -p test-output
NO_COLOR=1 npx vitest run --reporter=default --reporter=json --outputFile=test-output/vitest.json
