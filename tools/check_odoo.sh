#!/usr/bin/env bash
# Stops at once, with a clear message, when $1 (PYTHON) cannot import Odoo 18.0.
py="${1:-python3}"
if ! command -v "$py" >/dev/null 2>&1; then
  echo "PYTHON=$py: no such interpreter. This suite needs Odoo 18.0 pip-installed into a Python" >&2
  echo "interpreter (see README, 'Prerequisites'); run make with PYTHON=/path/to/that/python3." >&2
  exit 2
fi
exec timeout 10 "$py" "$(dirname "$0")/odoo_env.py" check >/dev/null
