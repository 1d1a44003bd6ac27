#!/usr/bin/env bash
# Make sure a local PostgreSQL answers for the current user.
# - starts the installed Debian cluster(s) when they are down;
# - creates a superuser role named after the current user when it is missing
#   (Odoo creates and drops databases, the test runner uses templates).
set -u
say() { printf 'pg_ensure: %s\n' "$*" >&2; }
me=$(id -un)

answers() { psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else sudo -n -u postgres "$@"; fi
}

if ! command -v psql >/dev/null 2>&1 || ! command -v pg_ctlcluster >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then
  say "PostgreSQL (>= 13) is not installed: install it first (Debian/Ubuntu: apt-get install postgresql)."
  exit 1
fi

# 1. start the cluster(s) that are down
if command -v pg_lsclusters >/dev/null 2>&1; then
  clusters=$(pg_lsclusters -h 2>/dev/null)
  if [ -z "$clusters" ]; then
    say "no PostgreSQL cluster exists on this machine: create one (pg_createcluster <version> main --start)."
    exit 1
  fi
  while read -r ver name port status _; do
    case "$status" in
      online*) ;;
      *) say "starting PostgreSQL cluster $ver/$name (port $port)"
         if ! pg_ctlcluster "$ver" "$name" start; then
           say "PostgreSQL cluster $ver/$name could not be started: see /var/log/postgresql/postgresql-$ver-$name.log"
           exit 1
         fi ;;
    esac
  done <<<"$clusters"
fi

# 2. the role of the current user
if ! answers; then
  if ! as_postgres psql -Atqc 'select 1' >/dev/null 2>&1; then
    say "PostgreSQL does not answer (neither as $me nor as postgres): is the server running?"
    exit 1
  fi
  if [ -z "$(as_postgres psql -Atqc "select 1 from pg_roles where rolname = '$me'")" ]; then
    say "creating PostgreSQL role $me"
    as_postgres createuser --superuser "$me" || { say "could not create role $me"; exit 1; }
  fi
  # a database named after the user lets psql connect without -d
  answers || { say "role $me exists but cannot connect to database postgres"; exit 1; }
fi
exit 0
