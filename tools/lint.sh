#!/usr/bin/env bash
# make lint: ruff (format + lint), pylint-odoo (mandatory checks), Odoo 18 view
# syntax, README.rst generated from readme/, translations (.pot matches the
# code, fr.po complete).
set -u
py="${1:-python3}"
cd "$(dirname "$0")/.." || exit 2
status=0
step() { printf '== %s\n' "$*"; }

step "ruff format"
"$py" -m ruff format --check addons tools tests || status=1
step "ruff check"
"$py" -m ruff check --no-fix addons tools tests || status=1
step "pylint-odoo"
"$py" -m pylint --rcfile=.pylintrc-mandatory addons/* || status=1
step "Odoo 18 view syntax"
if git grep -nE '<tree|attrs=|states=|oe_chatter|t-esc|t-raw|kanban-box' -- 'addons/*.xml'; then
  echo "pre-18 view syntax found (see above)"; status=1
fi
step "README.rst up to date with readme/"
tmp=$(mktemp -d)
if "$py" tools/gen_readme.py --out "$tmp"; then
  for f in "$tmp"/*/README.rst; do
    rst="addons/${f#"$tmp"/}"
    diff -u "$rst" "$f" >/dev/null || { echo "$rst is not up to date (make readme)"; status=1; }
  done
else
  status=1
fi
rm -rf "$tmp"
step "translations"
"$py" tools/i18n.py check || status=1
[ $status = 0 ] && echo "lint: all checks passed" || echo "lint: FAILED"
exit $status
