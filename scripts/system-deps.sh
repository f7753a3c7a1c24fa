#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, the
# PostgreSQL client for the PostgreSQL run, nginx for the test of `clinch serve`
# behind a reverse proxy. Installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "The tests need: ${missing[*]}. Install them with your package manager (apt-get install ${missing[*]})." >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
echo "Installing ${missing[*]} (Debian packages)..."
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
