#!/usr/bin/env bash
# Installs what xinzhi needs on a Debian machine: CJK fonts for the PDF, poppler-utils (pdftotext,
# which the tests use to read PDFs back), Chromium when the browser fetch needs it, then the npm packages.
# Safe to run again.
#
#   bash scripts/setup.sh [--browser] [--config FILE]
#
# Chromium (Debian's `chromium`: about 45 s, 110 MB to download, 350 MB installed) reads the list pages of
# sources with `fetch: browser`. It is installed when asked (--browser or XINZHI_BROWSER=1); when a catalog
# has such a source (config/sources/*.yaml, and the catalog of the config given with --config); or when
# this is a checkout with the test suite, whose test/browser.test.ts drives it (`npm test` must find it).
# XINZHI_BROWSER=0 never installs it. Without apt-get, install Chromium yourself and set XINZHI_CHROMIUM.
set -euo pipefail
cd "$(dirname "$0")/.."

browser_flag=0
config=""
while [ $# -gt 0 ]; do
  case "$1" in
    --browser) browser_flag=1 ;;
    --config)
      config="${2:-}"
      [ -f "$config" ] || { echo "setup: --config needs a config file, not '${config}'" >&2; exit 1; }
      shift ;;
    *) echo "setup: unknown option $1 (known: --browser, --config FILE)" >&2; exit 1 ;;
  esac
  shift
done

# The catalog files in use: the bundled ones, and those the --config file's `sources:` names (a folder or a file, relative to it).
catalogs() {
  ls config/sources/*.yaml 2>/dev/null || true
  if [ -n "$config" ]; then
    local sources
    sources=$(sed -n 's/^sources:[[:space:]]*["'\'']\{0,1\}\([^"'\''#[:space:]]*\).*/\1/p' "$config")
    sources="${sources:-sources}"
    case "$sources" in /*) ;; *) sources="$(dirname "$config")/$sources" ;; esac
    if [ -d "$sources" ]; then ls "$sources"/*.yaml 2>/dev/null || true; else echo "$sources"; fi
  fi
}

wants_browser() {
  case "${XINZHI_BROWSER:-}" in
    1 | yes | true) return 0 ;;
    0 | no | false) return 1 ;;
  esac
  [ "$browser_flag" = 1 ] && return 0
  [ -f test/browser.test.ts ] && return 0
  local files
  mapfile -t files < <(catalogs)
  [ ${#files[@]} -gt 0 ] && grep -v '^[[:space:]]*#' "${files[@]}" 2>/dev/null | grep -qE '(^|[{,[:space:]])fetch:[[:space:]]*["'\'']?browser'
}

has_chromium() {
  [ -n "${XINZHI_CHROMIUM:-}" ] && [ -x "$XINZHI_CHROMIUM" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}

missing=()
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if wants_browser && ! has_chromium; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} with your system's package manager (a CJK font, pdftotext, Chromium: set XINZHI_CHROMIUM to its path)" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  if ! log=$({ $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; } 2>&1); then
    echo "setup: apt-get could not install ${missing[*]}: $(printf '%s\n' "$log" | grep -v '^[[:space:]]*$' | tail -n 1)" >&2
    exit 1
  fi
fi

npm ci --no-audit --no-fund
