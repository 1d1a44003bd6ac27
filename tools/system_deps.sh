#!/usr/bin/env bash
# wkhtmltopdf (PDF reports) and chromium (Odoo's browser tests), from the
# distribution's packages, when they are missing.
set -u
missing=()
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "system_deps: install ${missing[*]} with your package manager (Debian/Ubuntu expected)." >&2
  exit 1
fi
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo -n"
echo "system_deps: installing ${missing[*]}"
$sudo apt-get update -qq || { echo "system_deps: apt-get update failed" >&2; exit 1; }
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
  || { echo "system_deps: could not install ${missing[*]}" >&2; exit 1; }
