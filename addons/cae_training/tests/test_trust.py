"""Issue 14, training lines: what each role may change, through the ORM as
the role (the RPC replay is in the repository's ``tests/test_trust_training.py``)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import CaeTrainingCommon


@tagged("post_install", "-at_install")
class TestTrainingTrust(CaeTrainingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_bt = cls.env["cae.activity"].create(
            {
                "name": "Formations de Bruno",
                "code": "FORMB",
                "activity_type": "training",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_b.id)],
            }
        )
        cls.partner_b.cae_is_trainer = True
        cls.program_b = cls._program(
            name="Pain au levain",
            activity_id=cls.activity_bt.id,
            trainer_ids=[Command.set(cls.partner_b.ids)],
        )

    def _slot_commands(self, day=date(2025, 3, 10)):
        return [
            Command.create({"date": day, "time_start": 9.0, "time_end": 12.5}),
            Command.create({"date": day, "time_start": 13.5, "time_end": 17.0}),
        ]

    # ------------------------------------------------------------ allowed paths
    def test_entrepreneur_runs_her_own_action_through_the_buttons(self):
        Action = self.env["cae.training.action"].with_user(self.user_a)
        action = Action.create(
            {
                "program_id": self.program.id,
                "customer_id": self.customer_t.id,
                "location": "Tours",
                "slot_ids": self._slot_commands(),
                "trainee_ids": [
                    Command.create(
                        {
                            "partner_id": self.trainee_1.id,
                            "funder_type": "opco",
                            "funder_id": self.opco.id,
                        }
                    )
                ],
                # what the form sends besides: defaults and computed values
                "state": "draft",
                "active": True,
                "bpf_subcontracting": "none",
            }
        )
        self.assertEqual(action.activity_id, self.activity_t)
        self.assertEqual(action.trainer_ids, self.partner_a)
        action.action_confirm()
        self.assertEqual(action.state, "confirmed")
        self.assertEqual(len(action.attendance_ids), 2)
        action.action_mark_convocation_sent()
        self.assertTrue(action.convocation_date)
        for attendance in action.attendance_ids:
            attendance.action_training_present()
        action.action_countersign()
        action.trainee_ids.action_drop_out()
        self.assertEqual(action.trainee_ids.state, "dropped")
        action.action_done()
        self.assertEqual(action.state, "done")
        action.with_user(self.user_a).action_create_quotation()
        self.assertEqual(action.sale_order_id.cae_activity_id, self.activity_t)

    def test_entrepreneur_form_creates_programme_and_action(self):
        """The screens send defaults and computed values the entrepreneur
        cannot set: they are accepted when they are the server's own."""
        with Form(self.env["cae.training.program"].with_user(self.user_a)) as form:
            form.name = "Couture"
            form.activity_id = self.activity_t
            with form.interest_ids.new() as interest:
                interest.partner_id = self.trainee_1
        program = form.record
        self.assertEqual(program.state, "draft")
        self.assertEqual(program.interest_ids.state, "interested")
        with Form(self.env["cae.training.action"].with_user(self.user_a)) as form:
            form.program_id = self.program
            with form.slot_ids.new() as slot:
                slot.date = date(2025, 3, 10)
            with form.trainee_ids.new() as trainee:
                trainee.partner_id = self.trainee_1
                trainee.funder_type = "cpf"
        action = form.record
        self.assertEqual(action.trainee_ids.bpf_origin, "c2e")
        self.assertEqual(action.state, "draft")

    # ----------------------------------------------------------------- refusals
    def test_nobody_writes_a_state(self):
        for user in (self.user_a, self.user_support, self.user_training):
            with self.assertRaises(AccessError, msg=user.login):
                self.program.with_user(user).write({"state": "closed"})
        action = self._action(confirm=False)
        for user in (self.user_a, self.user_support, self.user_training):
            with self.assertRaises(AccessError, msg=user.login):
                action.with_user(user).write({"state": "done"})
            with self.assertRaises(AccessError, msg=user.login):
                self.env["cae.training.action"].with_user(user).create(
                    {"program_id": self.program.id, "state": "confirmed"}
                )
        self.assertEqual(self.program.state, "published")
        self.assertEqual(action.state, "draft")

    def test_entrepreneur_cannot_publish_nor_prove_by_hand(self):
        program = self.program.with_user(self.user_a)
        with self.assertRaises(AccessError):
            program.write({"state": "published"})
        action = self._action()
        evidence = action.evidence_ids[0].with_user(self.user_a)
        with self.assertRaises(AccessError):
            evidence.manual_done = True
        evidence.note = "Feuille signée en annexe"
        for vals in (
            {"convocation_date": "2025-03-01"},
            {"sale_order_id": False},
            {"bpf_subcontracting": "in"},
        ):
            with self.assertRaises(AccessError, msg=vals):
                action.with_user(self.user_a).write(vals)

    def test_entrepreneur_acts_on_her_own_activities_only(self):
        Action = self.env["cae.training.action"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "program_id": self.program_b.id,
                    "trainer_ids": [Command.set(self.partner_a.ids)],
                }
            )
        with self.assertRaises(AccessError):
            Action.create(
                {
                    "program_id": self.program.id,
                    "activity_id": self.activity_bt.id,
                    "trainer_ids": [Command.set(self.partner_a.ids)],
                }
            )
        self.assertFalse(
            self.env["cae.training.action"].search(
                [("activity_id", "=", self.activity_bt.id)]
            )
        )
        # named trainer of B's action by B, A fills its attendance but does not
        # run it
        action_b = self._action(
            program=self.program_b,
            trainer_ids=[Command.set((self.partner_a | self.partner_b).ids)],
        )
        action_b = action_b.with_user(self.user_a)
        action_b.location = "Blois"
        for vals in (
            {"customer_id": self.customer_a.id},
            {"trainer_ids": [Command.set(self.partner_a.ids)]},
            {"activity_id": self.activity_t.id},
        ):
            with self.assertRaises(AccessError, msg=vals):
                action_b.write(vals)
        with self.assertRaises(AccessError):
            action_b.action_create_final_invoice()
        attendance = action_b.attendance_ids[0]
        attendance.with_user(self.user_a).action_training_present()
        self.assertEqual(attendance.state, "present")
        # a programme of another activity
        with self.assertRaises(AccessError):
            self.env["cae.training.program"].with_user(self.user_a).create(
                {"name": "Chez Bruno", "activity_id": self.activity_bt.id}
            )

    def test_funding_amounts_are_the_training_managers(self):
        action = self._action(confirm=False)
        trainee = action.trainee_ids[0]
        for user in (self.user_a, self.user_support):
            with self.assertRaises(AccessError, msg=user.login):
                trainee.with_user(user).amount = 50000.0
            with self.assertRaises(AccessError, msg=user.login):
                action.with_user(user).write(
                    {
                        "trainee_ids": [
                            Command.create(
                                {
                                    "partner_id": self.customer_a.id,
                                    "funder_type": "company",
                                    "amount": 50000.0,
                                }
                            )
                        ]
                    }
                )
        self.assertEqual(trainee.amount, 0.0)
        self.assertEqual(len(action.trainee_ids), 2)
        trainee.with_user(self.user_training).amount = 700.0
        self.assertEqual(trainee.amount, 700.0)

    def test_evidence_of_a_confirmed_action_is_archived_never_deleted(self):
        action = self._action()
        trainee = action.trainee_ids[0]
        slot = action.slot_ids[0]
        for user in (self.user_support, self.user_training, self.user_manager):
            with self.assertRaises(UserError, msg=user.login):
                trainee.with_user(user).unlink()
            with self.assertRaises(UserError, msg=user.login):
                slot.with_user(user).unlink()
            with self.assertRaises(UserError, msg=user.login):
                action.with_user(user).write(
                    {"trainee_ids": [Command.delete(trainee.id)]}
                )
        with self.assertRaises(UserError):
            trainee.unlink()  # not even the superuser
        with self.assertRaises(UserError):
            action.attendance_ids[0].unlink()
        # the entrepreneur neither deletes nor archives
        with self.assertRaises(UserError):
            slot.with_user(self.user_a).unlink()
        with self.assertRaises(AccessError):
            trainee.with_user(self.user_a).action_archive()
        # support archives: the trainee and their half-days leave the action
        trainee.with_user(self.user_support).action_archive()
        self.assertFalse(trainee.active)
        self.assertEqual(len(action.trainee_ids), 1)
        self.assertEqual(len(action.attendance_ids), 4)
        archived = (
            self.env["cae.attendance"]
            .with_context(active_test=False)
            .search([("training_trainee_id", "=", trainee.id)])
        )
        self.assertEqual(len(archived), 4)
        self.assertFalse(any(archived.mapped("active")))
        slot.with_user(self.user_support).action_archive()
        self.assertEqual(len(action.slot_ids), 3)
        self.assertEqual(action.hours, 10.5)
        # a draft action's lines can still be deleted
        draft = self._action(confirm=False)
        draft.trainee_ids[0].unlink()
        draft.slot_ids[0].unlink()
        self.assertEqual(len(draft.trainee_ids), 1)
