"""Issue 14, acceptance 1 (training organisation): each hostile call of the
issue on the training records, replayed through real JSON-RPC and XML-RPC as
the role named, is refused and the database is unchanged (read back as the
admin); the entrepreneur's own action still runs through its buttons."""

from odoo import Command
from odoo.tests import tagged

from odoo.addons.cae_training.tests.common import CaeTrainingCommon

from .trust_common import TrustRpcCase


# x2many commands as plain lists: XML-RPC marshals no enum
def create(vals):
    return [0, 0, vals]


def set_(ids):
    return [6, 0, list(ids)]


def delete(record_id):
    return [2, record_id, 0]


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustTraining(CaeTrainingCommon, TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # B's training activity and published programme
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
        # A's draft programme, and A's confirmed action
        cls.draft_a = cls.env["cae.training.program"].create(
            {
                "name": "Initiation à la couture",
                "activity_id": cls.activity_t.id,
                "trainer_ids": [Command.set(cls.partner_a.ids)],
                "company_id": cls.company.id,
            }
        )
        cls.action = cls._action()

    def _action_state(self):
        self.env.invalidate_all()
        return self.action.read(["state", "trainee_ids", "slot_ids"])[0]

    # ------------------------------------------------------------ entrepreneur
    def test_entrepreneur_does_not_publish_by_writing_the_state(self):
        for state in ("published", "proposed"):
            for call in self.both(
                "ent_a",
                "cae.training.program",
                "write",
                [self.draft_a.id],
                {"state": state},
            ):
                self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(self.draft_a.state, "draft")
        # nor creates a programme already published
        for call in self.both(
            "ent_a",
            "cae.training.program",
            "create",
            {
                "name": "Publié d'office",
                "activity_id": self.activity_t.id,
                "state": "published",
            },
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertFalse(
            self.env["cae.training.program"].search([("name", "=", "Publié d'office")])
        )

    def test_entrepreneur_does_not_create_an_action_of_another_activity(self):
        before = self.env["cae.training.action"].search_count([])
        for vals in (
            {
                "program_id": self.program_b.id,
                "trainer_ids": [set_(self.partner_a.ids)],
            },
            {
                "program_id": self.program.id,
                "activity_id": self.activity_bt.id,
                "trainer_ids": [set_(self.partner_a.ids)],
            },
        ):
            for call in self.both("ent_a", "cae.training.action", "create", vals):
                self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(self.env["cae.training.action"].search_count([]), before)
        self.assertFalse(
            self.env["cae.training.action"].search(
                [("activity_id", "=", self.activity_bt.id)]
            )
        )
        # named trainer of B's action by B, she cannot take it over
        action_b = self._action(
            program=self.program_b,
            trainer_ids=[Command.set((self.partner_a | self.partner_b).ids)],
        )
        for vals in (
            {"trainer_ids": [set_(self.partner_a.ids)]},
            {"activity_id": self.activity_t.id},
            {"price_total": 1.0},
        ):
            for call in self.both(
                "ent_a", "cae.training.action", "write", [action_b.id], vals
            ):
                self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(action_b.trainer_ids, self.partner_a | self.partner_b)
        self.assertEqual(action_b.activity_id, self.activity_bt)
        self.assertEqual(action_b.price_total, 1400.0)

    def test_entrepreneur_does_not_fund_a_trainee(self):
        newcomer = self.env["res.partner"].create({"name": "Stagiaire riche"})
        trainee = {
            "partner_id": newcomer.id,
            "funder_type": "company",
            "amount": 50000.0,
        }
        calls = self.both(
            "ent_a",
            "cae.training.action",
            "write",
            [self.action.id],
            {"trainee_ids": [create(trainee)]},
        ) + self.both(
            "ent_a",
            "cae.training.trainee",
            "create",
            dict(trainee, action_id=self.action.id),
        )
        calls += self.both(
            "ent_a",
            "cae.training.trainee",
            "write",
            self.action.trainee_ids.ids,
            {"amount": 50000.0},
        )
        for call in calls:
            self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertEqual(len(self.action.trainee_ids), 2)
        self.assertNotIn(newcomer, self.action.trainee_ids.partner_id)
        self.assertEqual(self.action.trainee_ids.mapped("amount"), [0.0, 0.0])

    def test_entrepreneur_does_not_write_done(self):
        for call in self.both(
            "ent_a",
            "cae.training.action",
            "write",
            [self.action.id],
            {"state": "done"},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(self._action_state()["state"], "confirmed")
        self.assertEqual(set(self.action.trainee_ids.mapped("state")), {"registered"})

    def test_entrepreneur_runs_her_own_action_through_the_buttons(self):
        """The allowed path: her action, created as her form does, confirmed
        and marked done through the buttons."""
        action_id = self.jsonrpc(
            "ent_a",
            "cae.training.action",
            "create",
            {
                "program_id": self.program.id,
                "customer_id": self.customer_t.id,
                "location": "Tours",
                "state": "draft",
                "active": True,
                "bpf_subcontracting": "none",
                "slot_ids": [
                    create({"date": "2025-04-07", "time_start": 9.0, "time_end": 12.5})
                ],
                "trainee_ids": [
                    create(
                        {
                            "partner_id": self.trainee_1.id,
                            "funder_type": "opco",
                            "funder_id": self.opco.id,
                            "state": "registered",
                            "bpf_origin": "c2h",
                            "trainee_type": "employee",
                            "amount": 0.0,
                        }
                    )
                ],
            },
        )
        action = self.env["cae.training.action"].browse(action_id)
        self.assertEqual(action.activity_id, self.activity_t)
        self.xmlrpc("ent_a", "cae.training.action", "action_confirm", [action_id])
        self.env.invalidate_all()
        self.assertEqual(action.state, "confirmed")
        self.jsonrpc("ent_a", "cae.training.action", "action_done", [action_id])
        self.env.invalidate_all()
        self.assertEqual(action.state, "done")
        self.assertEqual(action.trainee_ids.state, "completed")

    # ---------------------------------------------------------------- support
    def test_support_does_not_delete_trainees_nor_half_days(self):
        before = self._action_state()
        trainee = self.action.trainee_ids[0]
        slot = self.action.slot_ids[0]
        calls = (
            self.both("support", "cae.training.trainee", "unlink", [trainee.id])
            + self.both("support", "cae.training.slot", "unlink", [slot.id])
            + self.both(
                "support",
                "cae.training.action",
                "write",
                [self.action.id],
                {
                    "trainee_ids": [delete(trainee.id)],
                    "slot_ids": [delete(slot.id)],
                },
            )
            + self.both(
                "support",
                "cae.attendance",
                "unlink",
                self.action.attendance_ids[:1].ids,
            )
        )
        for call in calls:
            self.assertRefused(call, kinds=("UserError", "AccessError"))
        self.assertEqual(self._action_state(), before)
        self.assertEqual(len(self.action.attendance_ids), 8)
        # nor writes a status
        for call in self.both(
            "support",
            "cae.training.action",
            "write",
            [self.action.id],
            {"state": "draft"},
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(self._action_state()["state"], "confirmed")
        # the way out is the archive, which keeps the evidence
        self.jsonrpc("support", "cae.training.trainee", "action_archive", [trainee.id])
        self.env.invalidate_all()
        self.assertFalse(trainee.active)
        self.assertTrue(trainee.exists())
