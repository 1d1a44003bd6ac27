"""The screens of the suite are French end to end: walking every view, menu,
field label and action of the suite's addons in French finds no label left in
English (the views of the four daily journeys included)."""

import os

import polib
from lxml import etree

from odoo.tests import TransactionCase, tagged

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODULES = (
    "cae_member",
    "cae_payroll",
    "cae_bank",
    "cae_migration",
    "cae_migration_contribution",
    "cae_contribution",
    "cae_parcours",
    "cae_training",
    "cae_einvoicing",
    "cae_governance",
    "cae_health",
    "cae_tender",
    "cae_support_time",
    "cae_leave",
    "cae_associate",
    "cae_meal_voucher",
    "cae_dashboard",
    "cae_demo",
)
# the actions of the four journeys (entrepreneur, support, admin, trainer)
JOURNEY_ACTIONS = (
    "cae_member.sale_order_action_cae",
    "cae_member.account_move_action_cae_out_invoice",
    "cae_member.cae_account_statement_action",
    "cae_parcours.cae_appointment_action",
    "cae_parcours.event_event_action_cae_workshops",
    "cae_contribution.cae_contribution_run_action",
    "cae_payroll.cae_payroll_export_wizard_action",
    "cae_training.cae_training_action_action",
    "cae_training.cae_training_trainee_action",
)
LABEL_ATTRIBUTES = ("string", "help", "placeholder", "title", "confirm", "sum")


def english_terms(module):
    """Source strings of ``module`` whose French differs from the English."""
    path = os.path.join(ROOT, "addons", module, "i18n", "fr.po")
    return {
        entry.msgid.strip()
        for entry in polib.pofile(path)
        if entry.msgstr and entry.msgstr.strip() != entry.msgid.strip()
    }


def labels_of(arch):
    labels = set()
    for node in etree.fromstring(arch).iter():
        for attribute in LABEL_ATTRIBUTES:
            if node.get(attribute):
                labels.add(node.get(attribute).strip())
        for text in (node.text, node.tail):
            if text and text.strip():
                labels.add(text.strip())
    return labels


@tagged("post_install", "-at_install", "cae_suite")
class TestFrenchScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        installed = cls.env["ir.module.module"].search([("state", "=", "installed")])
        installed._load_module_terms(
            installed.mapped("name"), ["fr_FR"], overwrite=True
        )
        cls.fr = cls.env(context=dict(cls.env.context, lang="fr_FR"))

    def _records_of(self, module, model):
        data = self.env["ir.model.data"].search(
            [("module", "=", module), ("model", "=", model)]
        )
        return self.fr[model].browse(data.mapped("res_id")).exists()

    def test_every_screen_is_french(self):
        untranslated = []
        for module in MODULES:
            english = english_terms(module)
            for view in self._records_of(module, "ir.ui.view"):
                for label in labels_of(view.arch_db) & english:
                    untranslated.append(f"{module} view {view.name}: {label!r}")
            for menu in self._records_of(module, "ir.ui.menu"):
                if menu.name in english:
                    untranslated.append(f"{module} menu: {menu.name!r}")
            for action in self._records_of(module, "ir.actions.act_window"):
                if action.name in english:
                    untranslated.append(f"{module} action: {action.name!r}")
            for field in self._records_of(module, "ir.model.fields"):
                label = field.field_description
                if label in english:
                    where = f"{field.model}.{field.name}"
                    untranslated.append(f"{module} field {where}: {label!r}")
        self.assertFalse(untranslated, "\n".join(sorted(untranslated)))

    def test_journey_screens_open_in_french(self):
        for xmlid in JOURNEY_ACTIONS:
            action = self.fr.ref(xmlid)
            self.assertNotIn(action.name, english_terms(xmlid.split(".")[0]), xmlid)
            views = self.fr[action.res_model].get_views(
                [(False, view_type) for view_type in action.view_mode.split(",")]
            )
            self.assertTrue(views["views"], xmlid)
        menus = self.fr["ir.ui.menu"].search(
            [("id", "child_of", self.env.ref("cae_member.cae_member_menu_root").id)]
        )
        for name in (
            "Ventes et achats",
            "Parcours",
            "Paie",
            "Formation",
            "Contribution",
        ):
            self.assertIn(name, menus.mapped("name"))
