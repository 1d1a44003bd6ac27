"""Facts about the Odoo 18.0 installed in the interpreter that runs this script.

Used by the Makefile: ``python3 tools/odoo_env.py check`` exits non-zero with a
clear message when Odoo 18.0 cannot be imported, ``addons-path`` prints the
addons path (the project's addons, then Odoo's core addons wherever the
``odoo`` package lives: a git checkout keeps them beside the package, a
packaged build inside it).
"""

import contextlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(message):
    sys.stderr.write(message + "\n")
    sys.exit(2)


def load_odoo():
    try:
        import odoo
        from odoo import release
    except Exception as exc:  # noqa: BLE001 - any import failure means "no Odoo"
        fail(
            f"Odoo 18.0 cannot be imported by {sys.executable} ({exc}).\n"
            "Install Odoo 18.0 Community into that interpreter (see README, "
            "'Prerequisites') or point PYTHON to the one that has it: "
            "make <target> PYTHON=/path/to/python3"
        )
    if release.version_info[:2] != (18, 0):
        fail(
            f"{sys.executable} imports Odoo {release.version}, this suite needs "
            "Odoo 18.0 (set PYTHON to the interpreter that has Odoo 18.0)."
        )
    return odoo


def addons_path():
    odoo = load_odoo()
    package_dir = os.path.dirname(os.path.abspath(odoo.__file__))
    paths = [os.path.join(ROOT, "addons")]
    # git checkout / editable install: core addons stand beside the package
    checkout_addons = os.path.abspath(os.path.join(package_dir, os.pardir, "addons"))
    if os.path.isfile(os.path.join(checkout_addons, "web", "__manifest__.py")):
        paths.append(checkout_addons)
    # packaged build (and OCA wheels): odoo/addons in every site directory
    for path in odoo.addons.__path__:
        path = os.path.abspath(path)
        if path not in paths:
            paths.append(path)
    return ",".join(paths)


_CONFIGURED = False


@contextlib.contextmanager
def superuser_env(db):
    """An environment of ``db`` as superuser, in the main company; commits
    when the block ends without error. The configuration is parsed at the
    first call of a process only (parsing it again refuses the addons path
    that the data directory added to it)."""
    global _CONFIGURED
    odoo = load_odoo()
    from odoo import api

    if not _CONFIGURED:
        odoo.tools.config.parse_config(
            [f"--addons-path={addons_path()}", f"--database={db}"]
        )
        _CONFIGURED = True
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = env.ref("base.main_company")
        yield env(context={"allowed_company_ids": [company.id]}), company


def odoo_bin():
    """Command that starts Odoo with this interpreter, whatever the install."""
    load_odoo()
    return f"{sys.executable} -m odoo"


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "check":
        odoo = load_odoo()
        print(f"Odoo {odoo.release.version} ({os.path.dirname(odoo.__file__)})")
    elif command == "addons-path":
        print(addons_path())
    else:
        fail(f"unknown command {command!r}: check | addons-path")
