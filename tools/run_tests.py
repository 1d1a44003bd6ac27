"""Test runner behind ``make test``.

1. a template database with the dependencies of the suite (no demo data, no
   tests of theirs);
2. a throwaway copy of it where the four modules are installed with Odoo's
   test runner, running only our tests (at_install, post_install, tours);
   then Odoo's own test classes of ``CORE_TESTS`` on that database (the
   suite must not break the structure's standard documents);
3. pytest-odoo on ``tests/`` (cross-module scenarios) against that database;
4. checks: the demo data loads (one install with demo, no tests) and each
   module installs alone with its dependencies (on a template database
   holding exactly the modules outside the suite it pulls in).

Ends with one line ``N passed, N failed`` (``, N skipped`` when tests were
skipped) and a non-zero exit status when anything failed, errored, did not
install, logged an ERROR or was skipped for a missing dependency.
"""

import argparse
import ast
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import odoo_env

PY = sys.executable
RESULT_RE = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
SKIP_RE = re.compile(r" INFO \S+ \S+: skipped (.*?) : (.*)$")
# a skip for one of these reasons means the test could not run here: a failure
MISSING_DEP_RE = re.compile(
    r"websocket|chrome|chromium|browser|not installed|no module named|wkhtmltopdf",
    re.IGNORECASE,
)
ERROR_RE = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")
# a WARNING for Odoo, a failure for us: the demo data did not load
DEMO_FAILED_RE = re.compile(r"demo data failed to install")


def log(msg):
    print(f"[make test] {msg}", flush=True)


def our_modules():
    addons = os.path.join(ROOT, "addons")
    mods = {}
    for name in sorted(os.listdir(addons)):
        manifest = os.path.join(addons, name, "__manifest__.py")
        if os.path.isfile(manifest):
            with open(manifest, encoding="utf-8") as fh:
                mods[name] = ast.literal_eval(fh.read())
    return mods


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def dropdb(name):
    subprocess.run(
        ["dropdb", "--if-exists", "--force", name],
        capture_output=True,
        check=False,
    )


def createdb(name, template=None):
    dropdb(name)
    cmd = ["createdb", name] + (["-T", template] if template else [])
    subprocess.run(cmd, check=True)


class Odoo:
    def __init__(self, workdir, addons_path):
        self.workdir = workdir
        self.addons_path = addons_path
        self.data_dir = os.path.join(workdir, "data")

    def run(self, db, label, args, timeout=3600):
        """Run Odoo once (``--stop-after-init``); return (rc, logfile)."""
        logfile = os.path.join(self.workdir, f"{label}.log")
        cmd = [
            PY,
            "-m",
            "odoo",
            f"--database={db}",
            f"--addons-path={self.addons_path}",
            *([f"--data-dir={self.data_dir}"] if self.data_dir else []),
            f"--http-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--stop-after-init",
            f"--logfile={logfile}",
            "--log-level=info",
            *args,
        ]
        start = time.time()
        try:
            proc = subprocess.run(
                cmd,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                timeout=timeout,
                check=False,
            )
            rc = proc.returncode
            stderr = proc.stderr
        except subprocess.TimeoutExpired:
            rc, stderr = -1, f"timed out after {timeout} s"
        with open(logfile, "a", encoding="utf-8") as fh:
            fh.write(stderr)
        log(f"{label}: exit {rc} in {time.time() - start:.0f} s")
        return rc, logfile


def error_lines(logfile):
    with open(logfile, encoding="utf-8", errors="replace") as fh:
        return [
            line.rstrip()
            for line in fh
            if ERROR_RE.match(line) or DEMO_FAILED_RE.search(line)
        ]


def show_errors(label, logfile, limit=60):
    lines = []
    with open(logfile, encoding="utf-8", errors="replace") as fh:
        capture = 0
        for line in fh:
            if ERROR_RE.match(line) or DEMO_FAILED_RE.search(line):
                capture = 40  # the traceback that follows
            if capture:
                lines.append(line.rstrip())
                capture -= 1
                if ERROR_RE.match(line) is None and re.match(r"^\S+ \S+ \d+ ", line):
                    capture = 0
    if lines:
        log(f"{label}: errors in {os.path.basename(logfile)}:")
        for line in lines[: limit * 10]:
            print("    " + line)


def odoo_counts(logfile):
    """(passed, failed, skipped, problems) from Odoo's test log."""
    failed = errors = run = 0
    found = False
    skipped = 0
    problems = []
    with open(logfile, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            match = RESULT_RE.search(line)
            if match:
                found = True
                failed += int(match.group(1))
                errors += int(match.group(2))
                run += int(match.group(3))
            skip = SKIP_RE.search(line)
            if skip:
                skipped += 1
                if MISSING_DEP_RE.search(skip.group(2)):
                    name, reason = skip.groups()
                    problems.append(
                        f"skipped for a missing dependency: {name}: {reason}"
                    )
    if not found:
        problems.append("Odoo's test run printed no result line (install crashed?)")
    passed = run - failed - errors - skipped
    return passed, failed + errors, skipped, problems


def pytest_counts(xml_path):
    if not os.path.exists(xml_path):
        return 0, 0, 0, ["pytest wrote no report"]
    root = ET.parse(xml_path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = failures = errors = skipped = 0
    problems = []
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0))
        errors += int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
        for case in suite.iter("testcase"):
            skip = case.find("skipped")
            if skip is not None and MISSING_DEP_RE.search(skip.get("message", "")):
                problems.append(
                    f"pytest skipped {case.get('name')} for a missing dependency: "
                    f"{skip.get('message')}"
                )
    return tests - failures - errors - skipped, failures + errors, skipped, problems


# Odoo's own test suites that must keep passing with the suite installed: a
# CAE is also an ordinary company (its own invoices, bills, staff expenses).
CORE_TEST_CLASSES = (
    "/account:TestAccountMoveOutInvoiceOnchanges",
    "/account:TestAccountMoveInInvoiceOnchanges",
    "/account:TestAccountPaymentRegister",
    "/account:TestAccountMoveReconcile",
    "/sale:TestSaleToInvoice",
    "/hr_expense:TestExpenses",
    "/account_reconcile_oca",
)
CORE_TESTS = ",".join(CORE_TEST_CLASSES)


def run_core_tests(odoo, db):
    """Odoo's and OCA's test classes of CORE_TESTS, on the database where the
    suite is installed (post_install tests of installed modules run at start
    with --test-enable)."""
    rc, test_log = odoo.run(
        db, "core-tests", ["--test-enable", f"--test-tags={CORE_TESTS}"]
    )
    passed, failed, skipped, problems = odoo_counts(test_log)
    show_errors("core-tests", test_log)
    if rc and not failed:
        problems.append(f"Odoo exited with status {rc} (core tests)")
    log(f"core tests: {passed} passed, {failed} failed, {skipped} skipped")
    return passed, failed, skipped, problems


def run_odoo_tests(odoo, db, names, tags):
    rc, test_log = odoo.run(
        db,
        "odoo-tests",
        [
            "-i",
            ",".join(names),
            "--without-demo=all",
            "--test-enable",
            f"--test-tags={tags}",
        ],
    )
    passed, failed, skipped, problems = odoo_counts(test_log)
    show_errors("odoo-tests", test_log)
    if rc and not failed:
        problems.append(f"Odoo exited with status {rc}")
    if error_lines(test_log) and not failed:
        problems.append("the test log shows an ERROR")
    log(f"odoo tests: {passed} passed, {failed} failed, {skipped} skipped")
    return passed, failed, skipped, problems


def run_pytest(odoo, db, tags):
    xml = os.path.join(odoo.workdir, "pytest.xml")
    env = dict(os.environ, CAE_TEST_TAGS=tags)
    cmd = [
        PY,
        "-m",
        "pytest",
        os.path.join(ROOT, "tests"),
        "-q",
        "-p",
        "no:cacheprovider",
        f"--junitxml={xml}",
        f"--odoo-database={db}",
        f"--odoo-addons-path={odoo.addons_path}",
        "--odoo-log-level=warn",
        # an HTTP server, for the HttpCase scenarios (real JSON-RPC / XML-RPC)
        "--odoo-http",
        f"--odoo-extra=data-dir={odoo.data_dir}",
        # no --test-enable here: with it, loading the registry would run the
        # tests of the installed modules again (pytest-odoo turns test mode on
        # per test module itself; Odoo logs a harmless "Importing test
        # framework" error line about it)
        f"--rootdir={ROOT}",
    ]
    proc = subprocess.run(cmd, env=env, check=False)
    passed, failed, skipped, problems = pytest_counts(xml)
    if proc.returncode not in (0, 1, 5):  # 5: no test collected
        problems.append(f"pytest exited with status {proc.returncode}")
    log(f"pytest: {passed} passed, {failed} failed, {skipped} skipped")
    return passed, failed, skipped, problems


def installed_count(db, modules):
    names = ",".join(f"'{m}'" for m in modules)
    query = (
        "select count(*) from ir_module_module"
        f" where state = 'installed' and name in ({names})"
    )
    out = subprocess.run(
        ["psql", "-d", db, "-Atqc", query], capture_output=True, text=True, check=False
    )
    return int(out.stdout.strip() or 0)


def external_deps(modules):
    """For each of our modules, the modules outside the suite that installing
    it alone pulls in: the direct dependencies outside the suite of every one
    of our modules in its closure (Odoo installs theirs)."""
    ours = set(modules)
    result = {}

    def closure(name, seen):
        if name in seen:
            return
        seen.add(name)
        for dep in modules[name].get("depends", []):
            if dep in ours:
                closure(dep, seen)

    for name in modules:
        seen = set()
        closure(name, seen)
        result[name] = frozenset(
            dep
            for mod in seen
            for dep in modules[mod].get("depends", [])
            if dep not in ours
        )
    return result


def build_alone_templates(odoo, tag, ext):
    """One template database per distinct set of outside dependencies, each
    holding exactly that set (installed into an empty database, no demo
    data): installing one of our modules on a copy of it installs what
    installing the module alone into an empty database would, minus the time
    of installing Odoo's modules again for each of ours.

    The templates are layered: the set every module needs first, into an
    empty database, then each wider set on a copy of it. Returns
    ({set: template name}, problems)."""
    sets = sorted(set(ext.values()), key=lambda s: (len(s), sorted(s)))
    common = frozenset.intersection(*sets)
    templates, problems = {}, []
    base = f"{tag}_alone_base"
    createdb(base)
    rc, logfile = odoo.run(
        base,
        "alone-base",
        ["-i", ",".join(sorted(common)) or "base", "--without-demo=all"],
    )
    if rc or error_lines(logfile):
        show_errors("alone-base", logfile)
        dropdb(base)
        return {}, [f"the common dependencies {sorted(common)} did not install"]
    templates[common] = base

    def build(item):
        index, deps = item
        name = f"{tag}_alone_{index}"
        createdb(name, base)
        extra = sorted(deps - common)
        rc, logfile = odoo.run(
            name, f"alone-deps-{index}", ["-i", ",".join(extra), "--without-demo=all"]
        )
        ok = not rc and not error_lines(logfile)
        if not ok:
            show_errors(f"alone-deps-{index}", logfile)
        return deps, name, ok

    wider = [(i, s) for i, s in enumerate(sets) if s != common]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for deps, name, ok in pool.map(build, wider):
            if ok:
                templates[deps] = name
            else:
                problems.append(f"the dependencies {sorted(deps)} did not install")
    return templates, problems


def run_checks(odoo, tag, modules, keep):
    """The demo data loads (and the demo logins work: the tests tagged
    ``cae_demo``); a database of the code before the module split upgrades
    with its data intact; each module installs alone with its dependencies
    (on a template holding exactly the modules outside the suite it depends
    on, see ``build_alone_templates``).

    Returns (problems, (passed, failed, skipped) of the demo tests).
    """
    names = list(modules)
    ext = external_deps(modules)
    templates, problems = build_alone_templates(odoo, tag, ext)
    checks = [
        ("demo", f"{tag}_demo", names, ["--test-enable", "--test-tags=cae_demo"]),
        ("upgrade", f"{tag}_upgrade", [], []),
    ] + [
        (f"alone-{n}", f"{tag}_{n}", [n], ["--without-demo=all"])
        for n in names
        if ext[n] in templates
    ]

    def check(item):
        label, db, mods, extra = item
        if label == "upgrade":
            # a database of the code before the module split upgrades with
            # its data intact (tools/upgrade_check.py)
            import upgrade_check

            rc = upgrade_check.main(["--database", db, *(["--keep"] if keep else [])])
            return label, rc == 0, None
        template = templates[ext[mods[0]]] if label.startswith("alone-") else None
        createdb(db, template)
        rc, logfile, counts = 0, None, None
        if label == "demo":
            # Odoo loads the chart of accounts at the end of the run that
            # installs the accounting: the demo invoices need it beforehand
            rc, logfile = odoo.run(db, "demo-accounting", ["-i", "account"])
        if not rc:
            rc, logfile = odoo.run(db, label, ["-i", ",".join(mods), *extra])
        if label == "demo":
            counts = odoo_counts(logfile)
        # failing demo tests are counted as tests, not as a failed check
        other_errors = [
            line
            for line in error_lines(logfile)
            if not (counts and (".tests." in line or "test failed" in line))
        ]
        ok = (
            (rc == 0 or bool(counts and counts[1]))
            and not other_errors
            and not (counts and counts[3])
            and installed_count(db, mods) == len(mods)
        )
        if not ok or (counts and counts[1]):
            show_errors(label, logfile)
        if not keep:
            dropdb(db)
        return label, ok, counts

    demo_counts = (0, 0, 0)
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:
            for label, ok, counts in pool.map(check, checks):
                log(f"check {label}: {'ok' if ok else 'FAILED'}")
                if counts:
                    demo_counts = counts[:3]
                    log(f"demo tests: {counts[0]} passed, {counts[1]} failed")
                if not ok:
                    problems.append(f"check {label} failed (see the log above)")
    finally:
        if not keep:
            for template in templates.values():
                dropdb(template)
    return problems, demo_counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tags", default=os.environ.get("TEST_TAGS", ""))
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument(
        "--no-checks",
        action="store_true",
        help="skip the demo and install-alone checks (quick local runs)",
    )
    parser.add_argument(
        "--checks-only",
        action="store_true",
        help="only the demo, upgrade and install-alone checks",
    )
    opts = parser.parse_args()

    odoo_env.load_odoo()
    addons_path = odoo_env.addons_path()
    pg = subprocess.run(
        ["bash", os.path.join(ROOT, "tools", "pg_ensure.sh")], check=False
    )
    if pg.returncode:
        sys.exit(2)

    modules = our_modules()
    names = list(modules)
    deps = sorted(
        {d for m in modules.values() for d in m.get("depends", [])} - set(names)
    )
    tags = opts.tags or ",".join(f"/{n}" for n in names)
    tag = f"cae_t{os.getpid()}"
    odoo = Odoo(tempfile.mkdtemp(prefix="cae-test-"), addons_path)
    tpl, db = f"{tag}_tpl", f"{tag}_db"
    started = time.time()
    totals = [0, 0, 0]  # passed, failed, skipped
    problems = []

    def add(result):
        for i in range(3):
            totals[i] += result[i]
        problems.extend(result[3])

    try:
        # 1. template with the dependencies, no demo data, no tests of theirs
        deps_ok = True
        if not opts.checks_only:
            createdb(tpl)
            rc, tpl_log = odoo.run(
                tpl, "dependencies", ["-i", ",".join(deps), "--without-demo=all"]
            )
            if rc or error_lines(tpl_log):
                show_errors("dependencies", tpl_log)
                totals[1] += 1
                problems.append("the dependencies of the suite did not install")
                deps_ok = False
            else:
                # 2. our modules, our tests only; 3. cross-module scenarios
                createdb(db, tpl)
                result = run_odoo_tests(odoo, db, names, tags)
                add(result)
                if not any("printed no result" in p for p in result[3]):
                    if not opts.tags:
                        add(run_core_tests(odoo, db))
                    add(run_pytest(odoo, db, opts.tags))
                dropdb(db)
        # 4. the demo data loads, each module installs alone
        if deps_ok and not opts.no_checks and not opts.tags:
            failed, demo_counts = run_checks(odoo, tag, modules, opts.keep)
            for i in range(3):
                totals[i] += demo_counts[i]
            # a failing demo test counts once, not again as a failed check
            totals[1] += len(
                [p for p in failed if "check demo" not in p or not demo_counts[1]]
            )
            problems.extend(failed)
    finally:
        if opts.keep:
            log(f"kept databases {db}, {tpl} and logs in {odoo.workdir}")
        else:
            for name in (db, tpl):
                dropdb(name)
            shutil.rmtree(odoo.workdir, ignore_errors=True)
    for problem in problems:
        log(f"PROBLEM: {problem}")
    log(f"total time {time.time() - started:.0f} s")
    summary = f"{totals[0]} passed, {totals[1]} failed"
    if totals[2]:
        summary += f", {totals[2]} skipped"
    print(summary, flush=True)
    sys.exit(1 if totals[1] or problems else 0)


if __name__ == "__main__":
    main()
