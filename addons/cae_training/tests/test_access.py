from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingAccess(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.action = cls._action(agreement_date_signed="2025-03-01")
        cls.trainee = cls.action.trainee_ids[0]
        cls.dossier = cls.env["cae.training.cpf.dossier"].create(
            {
                "name": "EDOF-42",
                "trainee_id": cls.trainee.id,
                "date_entry": "2025-03-10",
            }
        )
        cls.complaint = cls.env["cae.training.complaint"].create(
            {
                "name": "Retard",
                "description": "Le formateur est arrivé en retard.",
                "action_id": cls.action.id,
                "company_id": cls.company.id,
            }
        )
        cls.improvement = cls.env["cae.training.improvement"].create(
            {
                "name": "Arriver 15 minutes avant",
                "action_id": cls.action.id,
                "company_id": cls.company.id,
            }
        )
        cls.bpf = cls.env["cae.training.bpf"].create(
            {"year": 2025, "company_id": cls.company.id}
        )
        cls.bpf.action_compute()
        activity_bt = cls.env["cae.activity"].create(
            {
                "name": "Formations de Bruno",
                "code": "FORMB",
                "activity_type": "training",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_b.id)],
            }
        )
        cls.draft_program_b = cls.env["cae.training.program"].create(
            {
                "name": "Pain au levain",
                "activity_id": activity_bt.id,
                "company_id": cls.company.id,
            }
        )
        cls.own = {
            "cae.training.action": cls.action,
            "cae.training.slot": cls.action.slot_ids,
            "cae.training.trainee": cls.action.trainee_ids,
            "cae.training.evidence": cls.action.evidence_ids,
            "cae.training.interest": cls.program.interest_ids,
            "cae.training.cpf.dossier": cls.dossier,
            "cae.training.complaint": cls.complaint,
            "cae.training.improvement": cls.improvement,
            "cae.attendance": cls.action.attendance_ids,
        }

    def _can(self, user, records, operation):
        try:
            records.with_user(user).check_access(operation)
        except AccessError:
            return False
        return True

    def _can_create(self, user, model):
        return self.env[model].with_user(user).has_access("create")

    def test_entrepreneur_own_actions(self):
        user = self.user_a
        for model, records in self.own.items():
            self.assertTrue(self._can(user, records, "read"), model)
        for model in (
            "cae.training.action",
            "cae.training.slot",
            "cae.training.trainee",
            "cae.training.evidence",
        ):
            self.assertTrue(self._can(user, self.own[model], "write"), model)
        self.assertTrue(self._can(user, self.program, "write"))
        # evidence registers and the CPF are kept by the staff
        for model in (
            "cae.training.cpf.dossier",
            "cae.training.complaint",
            "cae.training.improvement",
            "cae.attendance",
        ):
            self.assertFalse(self._can(user, self.own[model], "write"), model)
        for record in (self.bpf, self.bpf.line_ids):
            self.assertFalse(self._can(user, record, "read"))
        self.assertFalse(self._can_create(user, "cae.training.dashboard"))
        # A edits the action through the ORM
        self.action.with_user(user).location = "Tours"
        self.assertEqual(self.action.location, "Tours")

    def test_entrepreneur_other_actions(self):
        user = self.user_b
        for model, records in self.own.items():
            if model in ("cae.attendance", "cae.training.interest"):
                continue  # attendance and interests: see below
            self.assertFalse(self._can(user, records, "read"), model)
            self.assertFalse(
                self.env[model].with_user(user).search([("id", "in", records.ids)]),
                model,
            )
        with self.assertRaises(AccessError):
            self.action.with_user(user).write({"location": "Ailleurs"})
        # the catalogue: A's published programme is visible, not editable
        self.assertTrue(self._can(user, self.program, "read"))
        self.assertFalse(self._can(user, self.program, "write"))
        # B's draft is B's only
        self.assertTrue(self._can(user, self.draft_program_b, "write"))
        self.assertFalse(self._can(self.user_a, self.draft_program_b, "read"))
        # interests of A's programme are not B's business
        self.assertFalse(self._can(user, self.program.interest_ids, "read"))

    def test_support(self):
        user = self.user_support
        for model, records in self.own.items():
            self.assertTrue(self._can(user, records, "read"), model)
        for model in (
            "cae.training.action",
            "cae.training.trainee",
            "cae.training.complaint",
            "cae.training.improvement",
            "cae.attendance",
        ):
            self.assertTrue(self._can(user, self.own[model], "write"), model)
        self.assertFalse(self._can(user, self.dossier, "write"))
        self.assertFalse(self._can(user, self.bpf, "read"))
        self.assertTrue(self._can_create(user, "cae.training.dashboard"))
        self.assertFalse(self._can(user, self.complaint, "unlink"))

    def test_admin(self):
        user = self.user_admin
        for model, records in self.own.items():
            self.assertTrue(self._can(user, records, "read"), model)
        self.assertTrue(self._can(user, self.action, "write"))  # invoicing
        self.assertFalse(self._can(user, self.program, "write"))
        self.assertFalse(self._can(user, self.trainee, "write"))
        self.assertFalse(self._can(user, self.dossier, "write"))
        self.assertFalse(self._can_create(user, "cae.training.program"))
        self.assertTrue(self._can(user, self.bpf, "write"))
        self.bpf.with_user(user).action_compute()
        self.assertFalse(self._can(user, self.bpf, "unlink"))

    def test_co_management_and_training_manager(self):
        for user in (self.user_manager, self.user_training):
            self.assertTrue(user.has_group("cae_training.cae_training_group_manager"))
            for model, records in self.own.items():
                self.assertTrue(self._can(user, records, "read"), model)
                self.assertTrue(self._can(user, records, "write"), model)
            for record in (self.bpf, self.dossier, self.program):
                self.assertTrue(self._can(user, record, "unlink"))
            self.assertTrue(self._can_create(user, "cae.training.cpf.dossier"))
            self.assertTrue(self._can_create(user, "cae.training.dashboard"))
            self.assertTrue(self._can(user, self.draft_program_b, "write"))
        # the training manager publishes and sees the Qualiopi dashboard
        dashboard = (
            self.env["cae.training.dashboard"]
            .with_user(self.user_training)
            .create({"date_from": "2025-01-01", "date_to": "2025-12-31"})
        )
        self.assertEqual(dashboard.company_id, self.company)

    def test_other_company_invisible(self):
        other = self.env["res.company"].create({"name": "Autre CAE"})
        self.user_training.write({"company_ids": [Command.link(other.id)]})
        records = (
            self.env["cae.training.action"]
            .with_user(self.user_training)
            .with_context(allowed_company_ids=other.ids)
            .search([])
        )
        self.assertFalse(records)
