"""make loadtest: Locust against a local Odoo of 4 workers on the bench database.

    python3 tools/loadtest.py [--db cae_bench] [--duration 2m] [--port 8079]
                              [--entrepreneurs 40 --support 5 --admin 5]

1. a virtualenv of the repository (``.loadtest-venv/``, made once) holds
   Locust, at the version of ``tests/loadtest/requirements.txt``: Locust
   upgrades gevent and greenlet, which Odoo pins, so it never goes into the
   interpreter of Odoo;
2. the database built by ``make bench`` is prepared through the ORM, again
   and again without harm: a login for the entrepreneurs of the first
   activities (B0000, B0001...), five of the support team, five of the admin
   team, a product of each activity and a customer of it, quotes waiting for
   the support team's validation;
3. Odoo is started on 127.0.0.1 with ``--workers=4 --max-cron-threads=0``,
   Locust runs headless (``tests/loadtest/locustfile.py``), Odoo is stopped;
4. one table is printed: each page, its requests, failures and p50/p95/p99.

Exits non-zero when a request failed or a page's p95 is above 1 s (the
logins, which hash the password on purpose, are shown but not held to it).
"""

import argparse
import csv
import json
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import odoo_env
from demo_db import db_exists

HERE = os.path.join(ROOT, "tests", "loadtest")
VENV = os.path.join(ROOT, ".loadtest-venv")
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
PASSWORD = "loadtest"
P95_LIMIT_MS = 1000
# people logging in a second (a login hashes its password: 50 at once would
# measure the hashing, not the pages)
SPAWN_RATE = 2
# quotes waiting for validation before the run (the support team validates
# about one every 13 s each; the entrepreneurs submit more as it runs)
PENDING_QUOTES = 100


def log(message):
    print(f"[make loadtest] {message}", flush=True)


# -- 1. Locust's virtualenv ---------------------------------------------------


def locust_bin():
    """The locust of the repository's virtualenv, installed when missing or
    at another version than the pinned one."""
    with open(REQUIREMENTS, encoding="utf-8") as handle:
        pinned = next(
            line.split("==")[1].strip()
            for line in handle
            if line.strip().startswith("locust==")
        )
    python = os.path.join(VENV, "bin", "python")
    locust = os.path.join(VENV, "bin", "locust")
    if os.path.exists(locust):
        version = subprocess.run(
            [python, "-c", "import locust; print(locust.__version__)"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if version == pinned:
            return locust
    if not os.path.exists(python):
        log(f"creating the virtualenv {os.path.relpath(VENV, ROOT)}/")
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    log(f"installing locust {pinned} into it")
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        + ["-r", REQUIREMENTS],
        check=True,
    )
    return locust


# -- 2. the database ------------------------------------------------------------


def _user(env, company, login, name, groups, partner=None):
    """The user ``login`` with ``groups`` and the known password (created or
    brought back to that state)."""
    from odoo import Command

    Users = env["res.users"].with_context(no_reset_password=True, active_test=False)
    group_ids = [env.ref(xmlid).id for xmlid in groups]
    user = Users.search([("login", "=", login)], limit=1)
    vals = {
        "active": True,
        "company_id": company.id,
        "company_ids": [Command.set(company.ids)],
        "groups_id": [Command.set(group_ids)],
        "password": PASSWORD,
    }
    if user:
        user.write(vals)
    else:
        vals.update(name=name, login=login, email=f"{login}@example.com")
        if partner:
            vals["partner_id"] = partner.id
        user = Users.create(vals)
    return user


def prepare(db, n_entrepreneurs, n_support, n_admin):
    """Accounts and records of the scenarios; returns the accounts file's
    content (see the locustfile)."""
    from odoo import Command

    with odoo_env.superuser_env(db) as (env, company):
        env = env(context=dict(env.context, tracking_disable=True))
        activities = env["cae.activity"].search(
            [("code", "=like", "B%"), ("company_id", "=", company.id)],
            order="code",
            limit=n_entrepreneurs,
        )
        if not activities:
            sys.exit(f"{db} has no generated activity (B0000...): run make bench")
        customers = env["res.partner"].search(
            [("name", "=like", "Client %")], order="name"
        )
        entrepreneurs = []
        partners = env["res.partner"]
        for i, activity in enumerate(activities):
            partner = activity.member_ids[:1]
            partners |= partner
            user = partner.user_ids[:1]
            login = user.login if user else f"lt.{activity.code.lower()}"
            user = _user(
                env,
                company,
                login,
                partner.name,
                ["cae_member.cae_member_group_entrepreneur"],
                partner=partner,
            )
            env["hr.employee"].search(
                [("work_contact_id", "=", partner.id), ("user_id", "=", False)]
            ).write({"user_id": user.id})
            customer = customers[i % len(customers)] if customers else customers
            if not customer:
                customer = env["res.partner"].create(
                    {"name": f"Client de {activity.name}", "is_company": True}
                )
            if activity not in customer.cae_customer_activity_ids:
                customer.cae_customer_activity_ids = [Command.link(activity.id)]
            product_name = f"Prestation {activity.code} (test de charge)"
            product = env["product.product"].search(
                [("name", "=", product_name)], limit=1
            )
            if not product:
                product = env["product.product"].create(
                    {
                        "name": product_name,
                        "type": "service",
                        "list_price": 500.0,
                        "invoice_policy": "order",
                        "sale_ok": True,
                        "cae_activity_id": activity.id,
                    }
                )
            entrepreneurs.append(
                {
                    "login": login,
                    "password": PASSWORD,
                    "user_id": user.id,
                    "activity_id": activity.id,
                    "customer_id": customer.id,
                    "product_id": product.id,
                }
            )
        support = [
            _user(
                env,
                company,
                f"lt.support{i}",
                f"Accompagnement {i} (test de charge)",
                ["base.group_user", "cae_member.cae_member_group_support"],
            )
            for i in range(1, n_support + 1)
        ]
        admin = [
            _user(
                env,
                company,
                f"lt.admin{i}",
                f"Gestion {i} (test de charge)",
                ["base.group_user", "cae_member.cae_member_group_admin"],
            )
            for i in range(1, n_admin + 1)
        ]
        # above the self-validation threshold: the quote needs the support team
        threshold = company.cae_default_validation_threshold or 0.0
        price = max(1000.0, round(threshold * 1.5, -2))
        Order = env["sale.order"]
        waiting = Order.search_count(
            [
                ("cae_validation_state", "=", "to_validate"),
                ("cae_activity_id", "in", activities.ids),
            ]
        )
        if waiting < PENDING_QUOTES:
            log(f"submitting {PENDING_QUOTES - waiting} quotes for validation")
        for i in range(PENDING_QUOTES - waiting):
            account = entrepreneurs[i % len(entrepreneurs)]
            user = env["res.users"].browse(account["user_id"])
            order = (
                Order.with_user(user)
                .with_company(company)
                .create(
                    {
                        "partner_id": account["customer_id"],
                        "cae_activity_id": account["activity_id"],
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": account["product_id"],
                                    "product_uom_qty": 1,
                                    "price_unit": price,
                                }
                            )
                        ],
                    }
                )
            )
            order.action_cae_submit()
        # the last month the activities invoiced (payments come later)
        env.cr.execute(
            "SELECT MAX(date) FROM account_move WHERE state = 'posted'"
            " AND move_type = 'out_invoice' AND cae_activity_id = ANY(%s)",
            [activities.ids],
        )
        last = env.cr.fetchone()[0] or date.today()
        month = last.replace(day=1)
        month_end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        # the admin team reads the month's contribution statements: the
        # month is levied once (the bench rolls its own run back)
        Run = env["cae.contribution.run"].with_company(company)
        if not Run.search_count(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("date_to", ">=", month_end),
            ]
        ):
            log(f"levying the contribution up to {month_end}")
            Run._cae_run(company, month_end)
        config = {
            "db": db,
            "company_id": company.id,
            "statement_action_id": env.ref(
                "cae_member.cae_account_statement_action_open"
            ).id,
            "statement_date": str(month_end),
            "month": str(month),
            "appointment_date": f"{date.today() + timedelta(days=7)} 09:00:00",
            "quote_price": price,
            "member_partner_ids": partners.ids,
            "accounts": {
                "entrepreneur": entrepreneurs,
                "support": [
                    {"login": user.login, "password": PASSWORD} for user in support
                ],
                "admin": [
                    {"login": user.login, "password": PASSWORD} for user in admin
                ],
            },
        }
        env.cr.commit()
        return config


def counts(db, activity_ids):
    """What the scenarios wrote (read back after the run)."""
    with odoo_env.superuser_env(db) as (env, _company):
        Order = env["sale.order"]
        domain = [("cae_activity_id", "in", activity_ids)]
        return {
            "quotes": Order.search_count(domain),
            "quotes submitted": Order.search_count(
                domain + [("cae_submitted_by_id", "!=", False)]
            ),
            "quotes validated": Order.search_count(
                domain + [("cae_validation_state", "=", "validated")]
            ),
            "appointments": env["cae.appointment"].search_count(
                [("name", "=", "Suivi (test de charge)")]
            ),
            "payroll exports": env["cae.payroll.export"].search_count([]),
        }


# -- 3. Odoo and Locust ----------------------------------------------------------


def odoo_command():
    """Odoo's server through ``tests/loadtest/odoo_server.py``: the server of
    4 workers starts its websocket process as ``sys.executable sys.argv[0]
    gevent``, which ``python -m odoo`` cannot be."""
    return [sys.executable, os.path.join(HERE, "odoo_server.py")]


def start_odoo(db, port, logfile, addons_path):
    cmd = odoo_command() + [
        f"--addons-path={addons_path}",
        "-d",
        db,
        f"--db-filter=^{db}$",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={port + 1}",
        "--workers=4",
        "--max-cron-threads=0",
        # a worker's default limits are made for a large server: the
        # contribution preview of 500 activities is one request
        "--limit-time-cpu=600",
        "--limit-time-real=1200",
        "--limit-memory-soft=4294967296",
        "--limit-memory-hard=5368709120",
        "--log-level=warn",
        f"--logfile={logfile}",
    ]
    with open(logfile, "ab") as output:
        proc = subprocess.Popen(
            cmd, start_new_session=True, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}/web/login"
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"Odoo stopped at start (see {logfile})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return proc
        except OSError:
            pass
        time.sleep(1)
    stop_odoo(proc)
    sys.exit(f"Odoo did not answer {url} in 180 s (see {logfile})")


def warm_up(base, db, accounts, workers=4):
    """Each worker loads the registry at its first request and fills its
    caches of a role at its first login (the hashes of the menus and
    translations of the session): a few logins of each role at once before
    the test, so that no person of the test waits for that."""

    def login(account):
        request = urllib.request.Request(
            f"{base}/web/session/authenticate",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "db": db,
                        "login": account["login"],
                        "password": account["password"],
                    },
                }
            ).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()

    batch = [accounts[role][0] for role in accounts] * workers
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(login, batch * 2))


def _children_cpu():
    """CPU seconds of the child processes ended and waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _group_cpu(pgid):
    """CPU seconds used so far by the live processes of the group ``pgid``
    (Odoo's server and its workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # after the command: state, ppid, pgrp, ... utime (12th), stime (13th)
        if int(fields[2]) == pgid:
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def stop_odoo(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def seconds(duration):
    """Seconds of a Locust duration: 90, 90s, 2m, 1h30m."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", duration.strip())
    if not parts or not any(parts.groups()):
        sys.exit(f"--duration {duration!r}: say 30s, 2m or 1h30m")
    hours, minutes, secs = (int(part or 0) for part in parts.groups())
    return hours * 3600 + minutes * 60 + secs


def ramp_up(users):
    """Seconds for everyone to log in, and a margin."""
    return math.ceil(users / SPAWN_RATE) + 5


def run_locust(locust, host, config_path, pages, users, duration, csv_prefix, logfile):
    # the user classes' fixed counts follow the options
    env = dict(
        os.environ,
        CAE_LOADTEST_CONFIG=config_path,
        CAE_LOADTEST_PAGES=pages,
        CAE_LOADTEST_COUNTS=",".join(str(n) for n in users),
    )
    users = sum(users)
    cmd = [
        locust,
        "-f",
        os.path.join(HERE, "locustfile.py"),
        "--headless",
        "--host",
        host,
        "-u",
        str(users),
        "-r",
        str(SPAWN_RATE),
        # the ramp-up (two logins a second) comes before the measured time
        "-t",
        f"{seconds(duration) + ramp_up(users)}s",
        "--reset-stats",
        "--csv",
        csv_prefix,
        "--only-summary",
        "--stop-timeout",
        "30",
        "--logfile",
        logfile,
        "--loglevel",
        "WARNING",
    ]
    return subprocess.run(
        cmd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


# -- 4. the table ------------------------------------------------------------------


def percentile(values, share):
    """The nearest-rank percentile of ``values`` (sorted)."""
    if not values:
        return 0
    rank = max(1, math.ceil(share * len(values)))
    return values[rank - 1]


def stats_rows(samples):
    """name -> (count, failures, p50, p95, p99) of [[ms, failure], ...]."""
    rows = {}
    for name, entries in sorted(samples.items()):
        times = sorted(ms for ms, _failure in entries)
        rows[name] = (
            len(entries),
            sum(1 for _ms, failure in entries if failure),
            *(round(percentile(times, share)) for share in (0.5, 0.95, 0.99)),
        )
    return rows


def table(rows, kind):
    lines = [
        f"| {kind} | requests | failures | p50 ms | p95 ms | p99 ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, (count, failures, p50, p95, p99) in rows.items():
        lines.append(f"| {name} | {count} | {failures} | {p50} | {p95} | {p99} |")
    return lines


def report(pages_path, csv_prefix, settings):
    with open(pages_path, encoding="utf-8") as handle:
        samples = json.load(handle)
    pages = stats_rows(samples)
    every = [entry for entries in samples.values() for entry in entries]
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as handle:
        calls = {
            row["Name"]: (
                int(row["Request Count"]),
                int(row["Failure Count"]),
                row["50%"],
                row["95%"],
                row["99%"],
            )
            for row in csv.DictReader(handle)
        }
    aggregated = calls.pop("Aggregated", None)
    print()
    print(settings)
    print()
    lines = table(pages, "page")
    total = stats_rows({"**all pages**": every})["**all pages**"]
    lines += table({"**all pages**": total}, "")[2:]
    print("\n".join(lines))
    print()
    print("Each call of the pages (JSON-RPC requests, Locust's figures):")
    print()
    if aggregated:
        calls["**all requests**"] = aggregated
    print("\n".join(table(calls, "request")))
    problems = []
    for name, (_count, failures, _p50, p95, _p99) in pages.items():
        if failures:
            messages = {f for _ms, f in samples[name] if f}
            problems.append(
                f"{name}: {failures} failures ({'; '.join(sorted(messages))[:500]})"
            )
        # a login hashes the password on purpose (PBKDF2, about 0.5 s of
        # CPU): it is shown, not held to the pages' limit
        if p95 > P95_LIMIT_MS and not name.endswith(": login"):
            problems.append(f"{name}: p95 {p95} ms > {P95_LIMIT_MS} ms")
    return problems


def copy_database(source, target):
    """``target``: a copy of the bench database ``source`` and of its
    filestore, made once (the test's own records stay in the copy)."""
    if source == target or db_exists(target):
        return
    if not db_exists(source):
        sys.exit(f"{source} does not exist: run make bench first")
    log(f"copying {source} into {target}")
    subprocess.run(["createdb", "-T", source, target], check=True)
    from odoo.tools import config

    if os.path.isdir(config.filestore(source)):
        shutil.copytree(config.filestore(source), config.filestore(target))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--db",
        default="cae_loadtest",
        help="the database of the test (made from --from when it does not exist)",
    )
    parser.add_argument(
        "--from",
        dest="source",
        default="cae_bench",
        help="the bench database copied (with its filestore) into --db: the test "
        "writes quotes, users, exports and a contribution run the bench must not see",
    )
    parser.add_argument("--duration", default="2m", help="Locust's -t: 30s, 2m...")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument("--entrepreneurs", type=int, default=40)
    parser.add_argument("--support", type=int, default=5)
    parser.add_argument("--admin", type=int, default=5)
    parser.add_argument(
        "--keep", action="store_true", help="keep the CSV files and logs"
    )
    return parser.parse_args()


def main():
    opts = parse_args()
    # before the ORM is loaded, which adds its data directory to the path
    addons_path = odoo_env.addons_path()
    locust = locust_bin()
    copy_database(opts.source, opts.db)
    log(f"preparing {opts.db}")
    config = prepare(opts.db, opts.entrepreneurs, opts.support, opts.admin)
    activity_ids = sorted(
        {a["activity_id"] for a in config["accounts"]["entrepreneur"]}
    )
    before = counts(opts.db, activity_ids)
    workdir = tempfile.mkdtemp(prefix="cae-loadtest-")
    config_path = os.path.join(workdir, "accounts.json")
    with open(config_path, "w", encoding="utf-8") as handle:
        json.dump(config, handle, indent=1)
    odoo_log = os.path.join(workdir, "odoo.log")
    locust_log = os.path.join(workdir, "locust.log")
    csv_prefix = os.path.join(workdir, "lt")
    pages = os.path.join(workdir, "pages.json")
    log(f"starting Odoo (4 workers) on 127.0.0.1:{opts.port}")
    proc = start_odoo(opts.db, opts.port, odoo_log, addons_path)
    try:
        log("warming the workers up (a login of each role in each)")
        warm_up(f"http://127.0.0.1:{opts.port}", opts.db, config["accounts"])
        log(
            f"running Locust {opts.duration}: {opts.entrepreneurs} entrepreneurs, "
            f"{opts.support} support, {opts.admin} admin users"
        )
        load_before = os.getloadavg()[0]
        cpu_start = _children_cpu()
        odoo_start = _group_cpu(proc.pid)
        result = run_locust(
            locust,
            f"http://127.0.0.1:{opts.port}",
            config_path,
            pages,
            (opts.entrepreneurs, opts.support, opts.admin),
            opts.duration,
            csv_prefix,
            locust_log,
        )
        load_after = os.getloadavg()[0]
        cpu_locust = _children_cpu() - cpu_start
        cpu_odoo = _group_cpu(proc.pid) - odoo_start
    finally:
        stop_odoo(proc)
    if not (os.path.exists(f"{csv_prefix}_stats.csv") and os.path.exists(pages)):
        sys.stderr.write(result.stderr.decode(errors="replace")[-3000:])
        sys.exit(f"Locust wrote no statistics (see {locust_log})")
    settings = (
        f"{opts.db}: {len(activity_ids)} activities of the entrepreneurs logged in; "
        f"{opts.entrepreneurs} entrepreneurs, {opts.support} support, "
        f"{opts.admin} admin users for {opts.duration} once all are logged "
        f"in ({SPAWN_RATE} logins a second before), think time "
        "3 to 10 s between two pages; Odoo with 4 workers; "
        f"{os.cpu_count()} cores, load average {load_before:.1f} before the "
        f"run, {load_after:.1f} at its end; CPU used during the run: "
        f"Odoo {cpu_odoo:.0f} s, Locust {cpu_locust:.0f} s"
    )
    problems = report(pages, csv_prefix, settings)
    print()
    after = counts(opts.db, activity_ids)
    written = ", ".join(f"{after[k] - before[k]} {k}" for k in after)
    print(f"Written by the scenarios (read back from {opts.db}): {written}")
    if opts.keep:
        print(f"CSV files and logs: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    if problems:
        print()
        print("FAILED:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print()
    print("0 failures, p95 <= 1 s on every page (logins apart)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
