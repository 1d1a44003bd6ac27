"""Issue 14, acceptance 1 (payroll): each hostile call of the issue on the
payroll side, replayed through real JSON-RPC and XML-RPC as the role named,
is refused or returns nothing, and the database is unchanged (read back as
the admin).

The users' passwords are set to their logins, as ``trust_common`` expects for
XML-RPC. French messages are asserted on the XML-RPC answer (the users work
in French); ``make_jsonrpc_request`` of Odoo's test framework keeps only the
exception's class."""

import base64
import csv
import io

import openpyxl

from odoo import Command
from odoo.tests import tagged

from .trust_common import TrustRpcCase

FR = {"lang": "fr_FR"}


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustPayroll(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        for user in (cls.user_a, cls.user_b, cls.user_admin):
            user.write({"password": user.login, "lang": "fr_FR"})
        cls.company.cae_employer_cost_rate = 1.45
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls._contract(
            cls.partner_a,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_a.id,
            fixed_monthly_amount=1200.0,
        )
        cls._contract(
            cls.partner_b,
            "cesa",
            "2025-01-01",
            activity_id=cls.activity_b.id,
            fixed_monthly_amount=2345.0,
        )
        journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "general")], limit=1
        )
        cash = cls.env["account.account"].search(
            [("company_ids", "in", cls.company.ids), ("code", "=", "512100")]
        ) or cls.env["account.account"].create(
            {
                "code": "512100",
                "name": "Banque",
                "account_type": "asset_cash",
                "company_ids": [Command.set(cls.company.ids)],
            }
        )
        for activity, amount in ((cls.activity_a, 3000.0), (cls.activity_b, 8765.0)):
            move = cls.env["account.move"].create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "date": "2025-02-10",
                    "cae_activity_id": activity.id,
                    "line_ids": [
                        Command.create(
                            {"account_id": cash.id, "name": "CA", "debit": amount}
                        ),
                        Command.create(
                            {
                                "account_id": cls.account_revenue.id,
                                "name": "CA",
                                "credit": amount,
                            }
                        ),
                    ],
                }
            )
            move.action_post()
        cls.request_a = cls.env["cae.salary.request"].create(
            {
                "partner_id": cls.partner_a.id,
                "activity_id": cls.activity_a.id,
                "month": "2025-06-01",
                "requested_variable": 300.0,
            }
        )
        cls.product_expense = cls.env["product.product"].create(
            {
                "name": "Frais divers",
                "can_be_expensed": True,
                "standard_price": 0.0,
                "property_account_expense_id": cls.account_expense.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.expense_a = cls.env["hr.expense"].create(
            {
                "name": "Train",
                "employee_id": cls.employee_a.id,
                "product_id": cls.product_expense.id,
                "total_amount_currency": 42.0,
                "date": "2025-06-03",
                "cae_activity_id": cls.activity_a.id,
            }
        )

    def _refused_both(self, login, model, method, *args, says=None, **kwargs):
        """The call through JSON-RPC then XML-RPC, in French: refused both
        times; the XML-RPC message contains ``says``."""
        json_call, xml_call = self.both(
            login, model, method, *args, context=dict(FR), **kwargs
        )
        self.assertRefused(json_call)
        message = self.assertRefused(xml_call)
        if says is not None:
            self.assertIn(says, message)
        return message

    # salary requests

    SPEC = {
        "partner_id": {},
        "activity_id": {},
        "month": {},
        "requested_variable": {},
        "fixed_part": {},
        "employer_cost": {},
        "activity_employer_cost": {},
        "available_treasury": {},
        "exceeds_treasury": {},
        "payable_margin": {},
        "payable_variable": {},
    }

    def _onchange(self, call, login, activity, partner):
        values = {
            "partner_id": partner.id,
            "activity_id": activity.id,
            "month": "2025-06-01",
            "requested_variable": 0.0,
        }
        return call(
            login,
            "cae.salary.request",
            "onchange",
            [],
            values,
            ["activity_id", "partner_id"],
            self.SPEC,
            context=dict(FR),
        )["value"]

    def test_salary_request_onchange_reveals_nothing(self):
        """The entrepreneur's onchange with another activity (and another
        person) returns neither its treasury nor the other's fixed salary."""
        for call in (self.jsonrpc, self.xmlrpc):
            for partner in (self.partner_a, self.partner_b):
                value = self._onchange(call, "ent_a", self.activity_b, partner)
                for figure in (
                    "available_treasury",
                    "fixed_part",
                    "payable_margin",
                    "payable_variable",
                    "employer_cost",
                ):
                    self.assertFalse(value.get(figure), (call, partner, figure))
                self.assertNotIn(8765.0, value.values())
                self.assertNotIn(2345.0, value.values())
            # her own activity: her figures (the same call would show a leak)
            own = self._onchange(call, "ent_a", self.activity_a, self.partner_a)
            self.assertEqual(own["available_treasury"], 3000.0)
            self.assertEqual(own["fixed_part"], 1200.0)
            # the admin team sees the other activity's figures
            admin = self._onchange(call, "gestion", self.activity_b, self.partner_b)
            self.assertEqual(admin["available_treasury"], 8765.0)
            self.assertEqual(admin["fixed_part"], 2345.0)

    def test_salary_request_protected_fields(self):
        before = self.request_a.read(
            ["partner_id", "activity_id", "requested_variable", "exported"]
        )
        self._refused_both(
            "ent_a",
            "cae.salary.request",
            "write",
            self.request_a.ids,
            {"exported": True},
            says="(exported)",
        )
        self._refused_both(
            "ent_a",
            "cae.salary.request",
            "write",
            self.request_a.ids,
            {"activity_id": self.activity_b.id},
            says="n'est pas à vous",
        )
        self._refused_both(
            "ent_a",
            "cae.salary.request",
            "write",
            self.request_a.ids,
            {"partner_id": self.partner_b.id},
            says="votre propre salaire",
        )
        count = self.env["cae.salary.request"].search_count([])
        self._refused_both(
            "ent_a",
            "cae.salary.request",
            "create",
            {"activity_id": self.activity_b.id, "month": "2025-07-01"},
            says="n'est pas à vous",
        )
        self.env.invalidate_all()
        self.assertEqual(
            self.request_a.read(
                ["partner_id", "activity_id", "requested_variable", "exported"]
            ),
            before,
        )
        self.assertEqual(self.env["cae.salary.request"].search_count([]), count)
        # what she may set, she sets
        self.jsonrpc(
            "ent_a",
            "cae.salary.request",
            "write",
            self.request_a.ids,
            {"requested_variable": 350.0, "note": "Juin"},
        )
        self.env.invalidate_all()
        self.assertEqual(self.request_a.requested_variable, 350.0)
        # sent to payroll, it is the admin team's
        self.request_a.exported = True
        self._refused_both(
            "ent_a",
            "cae.salary.request",
            "write",
            self.request_a.ids,
            {"requested_variable": 3500.0},
            says="envoyée en paie",
        )
        self.env.invalidate_all()
        self.assertEqual(self.request_a.requested_variable, 350.0)

    # expenses

    def test_expense_moved_to_other_activity(self):
        self._refused_both(
            "ent_a",
            "hr.expense",
            "write",
            self.expense_a.ids,
            {"cae_activity_id": self.activity_b.id},
            says="n'est pas à vous",
        )
        count = self.env["hr.expense"].search_count([])
        self._refused_both(
            "ent_a",
            "hr.expense",
            "create",
            {
                "name": "Repas",
                "product_id": self.product_expense.id,
                "total_amount_currency": 30.0,
                "cae_activity_id": self.activity_b.id,
            },
            says="n'est pas à vous",
        )
        self._refused_both(
            "ent_a",
            "hr.expense",
            "write",
            self.expense_a.ids,
            {"employee_id": self.employee_b.id},
            says="vos propres notes de frais",
        )
        self.env.invalidate_all()
        self.assertEqual(self.expense_a.cae_activity_id, self.activity_a)
        self.assertEqual(self.expense_a.employee_id, self.employee_a)
        self.assertEqual(
            self.expense_a.analytic_distribution,
            {str(self.activity_a.analytic_account_id.id): 100},
        )
        self.assertEqual(self.env["hr.expense"].search_count([]), count)

    # exports

    def test_export_writes_text_as_text(self):
        name = '=HYPERLINK("http://x","y")'
        self.partner_a.name = name
        wizard_id = self.jsonrpc(
            "gestion", "cae.payroll.export.wizard", "create", {"month": "2025-06-01"}
        )
        action = self.jsonrpc(
            "gestion", "cae.payroll.export.wizard", "action_export", [wizard_id]
        )
        export_id = action["res_id"]
        [record] = self.xmlrpc(
            "gestion", "cae.payroll.export", "read", [export_id], ["csv_file"]
        )
        rows = list(
            csv.reader(
                io.StringIO(base64.b64decode(record["csv_file"]).decode("utf-8-sig")),
                delimiter=";",
            )
        )
        row = next(r for r in rows if r[0] == "PAY-A")
        self.assertEqual(row[1], "'" + name)
        self.assertEqual(row[4], "1200,00")
        self.authenticate("gestion", "gestion")
        self._rpc_session = "gestion"
        response = self.url_open(
            f"/report/xlsx/cae_payroll.payroll_variables_xlsx/{export_id}"
        )
        self.assertEqual(response.status_code, 200)
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        [cell] = [c for r in sheet.iter_rows() for c in r if c.value == name]
        self.assertEqual(cell.data_type, "s", "a string, not a formula")
        amounts = [c.value for r in sheet.iter_rows(min_row=2) for c in r[4:5]]
        self.assertIn(1200.0, amounts)

    # payroll journal import

    def test_payroll_import_refuses_bad_files(self):
        def payroll(*lines):
            text = "reference;account;label;debit;credit;activity\r\n" + "\r\n".join(
                ";".join(line) for line in lines
            )
            return base64.b64encode(text.encode()).decode()

        salary = ("PAY-A", "641100", "Salaire", "1000,00", "", "")
        net = ("PAY-A", "421000", "Net", "", "1000,00", "")
        files = [
            (
                payroll(("PAY-A", "641100", "Salaire", "1000,00", "1000,00", ""), net),
                "ligne 2 : la ligne porte à la fois un débit et un crédit",
            ),
            (
                payroll(
                    ("PAY-A", "641100", "Salaire", "0", "", ""),
                    ("PAY-A", "421000", "Net", "", "0,00", ""),
                ),
                "aucun montant",
            ),
            (payroll(salary, ("PAY-A", "421000", "Net", "", "nan", "")), "ligne 3"),
            (payroll(salary, ("PAY-A", "421000", "Net", "", "inf", "")), "ligne 3"),
            (payroll(salary, ("PAY-A", "421000", "Net", "", "1e300", "")), "ligne 3"),
            (
                base64.b64encode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").decode(),
                "données binaires",
            ),
            (
                base64.b64encode(b"reference;account\r\n\x81\x8d;\x90").decode(),
                "ni en UTF-8",
            ),
        ]
        moves = self.env["account.move"].search_count([])
        for data, says in files:
            with self.subTest(says=says):
                wizard = self.xmlrpc(
                    "gestion",
                    "cae.payroll.import",
                    "create",
                    {"file": data, "date": "2025-06-30"},
                )
                self._refused_both(
                    "gestion",
                    "cae.payroll.import",
                    "action_import",
                    [wizard],
                    says=says,
                )
        self.env.invalidate_all()
        self.assertEqual(self.env["account.move"].search_count([]), moves)
