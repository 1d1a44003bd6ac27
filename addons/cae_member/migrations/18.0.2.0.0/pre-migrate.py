"""cae_member 18.0.2.0.0: payroll, bank lines and the migration import leave
cae_member for addons of their own (cae_payroll, cae_bank, cae_migration;
the contribution file of the migration import goes from cae_contribution to
cae_migration_contribution). A database that had them keeps them: the new
addons are installed by this upgrade, and the external ids of the records
they now hold (views, actions, menus, rules, access rights, the CSV bank
mapping, models) are handed over to them before the upgrade could delete
them. Demo records keep their ids (they are never updated nor deleted)."""

import csv
import logging
import os

from lxml import etree

from odoo.modules.module import get_manifest, get_module_path

_logger = logging.getLogger(__name__)

# new addon: (the addon its records come from, models it now defines)
MOVES = {
    "cae_payroll": (
        "cae_member",
        [
            "cae.salary.request",
            "cae.payroll.export",
            "cae.payroll.export.line",
            "cae.payroll.export.wizard",
            "cae.payroll.import",
            "cae.payslip",
            "cae.payslip.import",
            "cae.mileage.rate",
        ],
    ),
    "cae_bank": ("cae_member", []),
    "cae_migration": ("cae_member", ["cae.migration.import"]),
    "cae_migration_contribution": ("cae_contribution", []),
}
RECORD_TAGS = {"record", "menuitem", "template", "report", "act_window"}


def _data_ids(module):
    """The external ids (without module) the addon's data files define."""
    path = get_module_path(module)
    names = set()
    for filename in get_manifest(module).get("data", []):
        full = os.path.join(path, filename)
        if filename.endswith(".csv"):
            with open(full, encoding="utf-8") as fh:
                names.update(row["id"] for row in csv.DictReader(fh) if row.get("id"))
        elif filename.endswith(".xml"):
            for node in etree.parse(full).iter(*RECORD_TAGS):
                xmlid = node.get("id")
                if xmlid:
                    names.add(xmlid.split(".", 1)[1] if "." in xmlid else xmlid)
    return {
        name.split(".", 1)[1] if name.startswith(f"{module}.") else name
        for name in names
    }


def _state(cr, module):
    cr.execute("SELECT state FROM ir_module_module WHERE name = %s", [module])
    row = cr.fetchone()
    return row and row[0]


def migrate(cr, version):
    if not version:
        return
    for module, (source, models) in MOVES.items():
        if _state(cr, source) not in ("installed", "to upgrade"):
            continue
        if _state(cr, module) is None:
            # the module list is updated before any migration runs
            _logger.warning("cae_member: %s is not in the addons path", module)
            continue
        names = _data_ids(module)
        cr.execute(
            """UPDATE ir_model_data d SET module = %s
                WHERE d.module = %s AND d.name IN %s
                  AND NOT EXISTS (SELECT 1 FROM ir_model_data o
                                   WHERE o.module = %s AND o.name = d.name)""",
            [module, source, tuple(names) or ("",), module],
        )
        _logger.info("cae_member: %s external ids move to %s", cr.rowcount, module)
        if models:
            # the models' constraints and many2many tables are dropped with
            # the addon that defines them
            for table in ("ir_model_constraint", "ir_model_relation"):
                cr.execute(
                    f"""UPDATE {table} t
                           SET module = (SELECT id FROM ir_module_module
                                          WHERE name = %s)
                          FROM ir_model m
                         WHERE t.model = m.id AND m.model IN %s
                           AND t.module = (SELECT id FROM ir_module_module
                                            WHERE name = %s)""",
                    [module, tuple(models), source],
                )
        cr.execute(
            """UPDATE ir_module_module SET state = 'to install'
                WHERE name = %s AND state = 'uninstalled'""",
            [module],
        )
    cr.execute(
        """UPDATE ir_config_parameter SET key = 'cae_migration.max_lines'
            WHERE key = 'cae_member.migration_max_lines'
              AND NOT EXISTS (SELECT 1 FROM ir_config_parameter
                               WHERE key = 'cae_migration.max_lines')"""
    )
