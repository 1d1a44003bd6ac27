import io

import openpyxl
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingBpf(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2025-06-30"):
            # OPCO-funded action, 2 trainees, one absent for a half-day
            cls.action_opco = cls._action(agreement_date_signed="2025-03-01")
            absent = cls._attendance(
                cls.action_opco, cls.trainee_2, cls.action_opco.slot_ids[3]
            )
            cls._fill(cls.action_opco.attendance_ids - absent)
            cls._fill(absent, "absent")
            cls._post_final(cls.action_opco)
            # CPF-funded action, one trainee
            cls.cpf_trainee = cls.env["res.partner"].create({"name": "Chloé CPF"})
            cls.action_cpf = cls._action(
                trainees=cls.cpf_trainee,
                funder="cpf",
                start=cls.action_opco.slot_ids[0].date.replace(month=5),
                agreement_date_signed="2025-04-01",
            )
            cls._fill(cls.action_cpf.attendance_ids)
            cls._post_final(cls.action_cpf)
            # a charge of the training activity
            bill = cls._invoice(
                cls.activity_t,
                cls.opco,
                200.0,
                move_type="in_invoice",
                date="2025-05-15",
            )
            bill.action_post()
        cls.bpf = cls.env["cae.training.bpf"].create(
            {"year": 2025, "company_id": cls.company.id}
        )
        cls.bpf.action_compute()

    @classmethod
    def _post_final(cls, action):
        result = action.action_create_final_invoice()
        cls.env["account.move"].browse(result["res_id"]).action_post()

    def _line(self, code):
        line = self.bpf.line_ids.filtered(lambda line: line.code == code)
        self.assertEqual(len(line), 1, code)
        return line

    def test_income_by_funding_origin(self):
        """Acceptance 4: OPCO and CPF income on their two lines of cadre C."""
        self.assertEqual(self._line("C-2h").amount, 1400.0)
        self.assertEqual(self._line("C-2e").amount, 700.0)
        self.assertEqual(self._line("C-total").amount, 2100.0)
        self.assertEqual(self.bpf.income_total, 2100.0)
        others = self.bpf.line_ids.filtered(
            lambda line: (
                line.frame == "c" and line.code not in ("C-2h", "C-2e", "C-total")
            )
        )
        self.assertEqual(sum(others.mapped("amount")), 0.0)

    def test_trainee_hours_are_attended_hours(self):
        """Acceptance 4: trainee-hours equal attended hours."""
        attended = sum(
            (self.action_opco.trainee_ids | self.action_cpf.trainee_ids).mapped(
                "hours_attended"
            )
        )
        self.assertEqual(attended, 14.0 + 10.5 + 14.0)
        total = self._line("F-1-total")
        self.assertEqual(total.hours, attended)
        self.assertEqual(total.count, 3)
        # OPCO-funded trainees are employees, the CPF trainee "other"
        self.assertEqual(self._line("F-1a").count, 2)
        self.assertEqual(self._line("F-1a").hours, 24.5)
        self.assertEqual(self._line("F-1e").hours, 14.0)

    def test_trainers_and_charges(self):
        internal = self._line("E-1")
        self.assertEqual(internal.count, 1)
        self.assertEqual(internal.hours, 28.0)
        self.assertEqual(self._line("E-2").count, 0)
        self.assertEqual(self._line("D-1").amount, 200.0)

    def test_prefixes_exclude_with_a_minus(self):
        """The BPF reads account prefixes as the état des comptes: a prefix
        starting with - is excluded."""
        line = self.env["account.move.line"].search(
            [
                ("company_id", "=", self.company.id),
                ("cae_activity_id", "=", self.activity_t.id),
                ("move_id.move_type", "=", "in_invoice"),
                ("account_id.internal_group", "=", "expense"),
            ],
            limit=1,
        )
        code = line.account_id.with_company(self.company).code
        self.company.cae_bpf_purchase_prefixes = code[:2]
        self.bpf.action_compute()
        self.assertEqual(self._line("D-3").amount, 200.0)
        self.company.cae_bpf_purchase_prefixes = f"{code[:2]},-{code}"
        self.bpf.action_compute()
        self.assertEqual(self._line("D-3").amount, 0.0)
        self.assertEqual(self._line("D-1").amount, 200.0)

    def test_year_is_the_fiscal_year_closed_in_it(self):
        self.assertEqual(str(self.bpf.date_from), "2025-01-01")
        self.assertEqual(str(self.bpf.date_to), "2025-12-31")
        self.company.write({"fiscalyear_last_month": "6", "fiscalyear_last_day": 30})
        bpf = self.env["cae.training.bpf"].create(
            {"year": 2024, "company_id": self.company.id}
        )
        self.assertEqual(str(bpf.date_from), "2023-07-01")
        self.assertEqual(str(bpf.date_to), "2024-06-30")

    def test_other_year_is_empty(self):
        bpf = self.env["cae.training.bpf"].create(
            {"year": 2024, "company_id": self.company.id}
        )
        bpf.action_compute()
        self.assertEqual(bpf.income_total, 0.0)
        self.assertEqual(
            bpf.line_ids.filtered(lambda line: line.code == "F-1-total").hours, 0.0
        )

    def test_sent_bpf_is_frozen(self):
        self.bpf.action_done()
        with self.assertRaises(UserError):
            self.bpf.action_compute()
        with self.assertRaises(UserError):
            self.bpf.unlink()

    def test_xlsx_export(self):
        content, report_type = self.env["ir.actions.report"]._render(
            "cae_training.cae_training_bpf_xlsx", self.bpf.ids
        )
        self.assertEqual(report_type, "xlsx")
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = {
            row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]
        }
        self.assertEqual(rows["C-2h"][2], 1400.0)
        self.assertEqual(rows["C-2e"][2], 700.0)
        self.assertEqual(rows["F-1-total"][4], 38.5)
        self.assertIn("24 37 99999 37", rows["NDA: 24 37 99999 37"][0])

    def test_compute_query_count(self):
        """The BPF aggregates: its query count does not grow with the data."""
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(__system__=23):
            self.bpf.action_compute()
        with freeze_time("2025-06-30"):
            more = self.env["res.partner"].create(
                [{"name": f"Stagiaire {index}"} for index in range(3)]
            )
            action = self._action(
                trainees=more, funder="company", agreement_date_signed="2025-03-01"
            )
            self._fill(action.attendance_ids)
            self._post_final(action)
        self.env.flush_all()
        self.env.invalidate_all()
        # the same queries, plus the update of the changed total
        with self.assertQueryCount(__system__=24):
            self.bpf.action_compute()
        self.assertEqual(self._line("C-1").amount, 2100.0)
