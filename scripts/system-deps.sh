#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, the
# PostgreSQL client for the PostgreSQL run, nginx for the test of `clinch serve`
# behind a reverse proxy, poppler-utils to render the card PDFs, npm for axe-core
# (the accessibility checker the browser tests inject into each page), fonts for the
# generated card photos and Tesseract for the card benchmark. Installs only what is missing.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v pg_isready >/dev/null 2>&1 || missing+=(postgresql-client)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v npm >/dev/null 2>&1 || missing+=(npm)

# The card PDF and the generated card photos use these fonts; the card benchmark compares with Tesseract.
fonts=/usr/share/fonts
[ -f $fonts/truetype/dejavu/DejaVuSans.ttf ] && [ -f $fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing+=(fonts-dejavu-core)
[ -f $fonts/truetype/liberation2/LiberationSans-Regular.ttf ] || missing+=(fonts-liberation2)
[ -f $fonts/truetype/noto/NotoSans-Regular.ttf ] || missing+=(fonts-noto-core)
[ -f $fonts/truetype/open-sans/OpenSans-Regular.ttf ] || missing+=(fonts-open-sans)
[ -f $fonts/truetype/lato/Lato-Regular.ttf ] || missing+=(fonts-lato)
[ -f $fonts/truetype/crosextra/Carlito-Regular.ttf ] || missing+=(fonts-crosextra-carlito)
[ -f $fonts/opentype/urw-base35/NimbusSans-Regular.otf ] || missing+=(fonts-urw-base35)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr tesseract-ocr-eng)

install_axe() {
  # Into a local folder, never from a CDN; tests/conftest.py reads it from there.
  local root; root="$(cd "$(dirname "$0")/.." && pwd)"
  [ -f "$root/.test-npm/node_modules/axe-core/axe.min.js" ] && return 0
  mkdir -p "$root/.test-npm"
  npm install --no-save --no-audit --no-fund --silent --prefix "$root/.test-npm" axe-core@4.14.1 >/dev/null
}

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "The tests need: ${missing[*]}. Install them with your package manager (apt-get install ${missing[*]})." >&2
    exit 1
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "Installing ${missing[*]} (Debian packages)..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $(printf '%s\n' "${missing[@]}" | sort -u) >/dev/null
fi
install_axe
