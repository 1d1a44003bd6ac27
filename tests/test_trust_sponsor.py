"""Issue 20 (cooperative life): the sponsor and internal support time,
through real JSON-RPC and XML-RPC as each role. A hostile call is refused and
the database is unchanged (read back as the admin); the allowed paths work.

Anne sponsors Bruno; Chloé is an entrepreneur sponsored by no one."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .trust_common import TrustRpcCase


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustSponsor(TrustRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_c = new_test_user(
            cls.env,
            login="ent_c",
            password="ent_c",
            name="Chloé Céramiste",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.partner_c = cls.user_c.partner_id
        cls.partner_c.is_cae_member = True
        cls.partner_b.with_user(cls.user_support).cae_sponsor_id = cls.partner_a
        cls.support_interview = (
            cls.env["cae.appointment"]
            .with_user(cls.user_support)
            .create(
                {
                    "name": "Entretien annuel - Bruno",
                    "date_start": "2026-02-10 10:00:00",
                    "partner_ids": [Command.set(cls.partner_b.ids)],
                    "report_points": "<p>Dettes fournisseurs à régulariser</p>",
                }
            )
        )

    def _allow(self):
        self.partner_a.with_user(self.user_support).cae_sponsor_interviews = True
        self.company.cae_sponsor_interviews = True

    def _interview(self, partner):
        return {
            "name": "Entretien de parrainage",
            "kind": "individual",
            "date_start": "2026-03-02 14:00:00",
            "partner_ids": [[6, 0, partner.ids]],
        }

    def _appointments_of(self, partner):
        self.env.invalidate_all()
        return self.env["cae.appointment"].search([("partner_ids", "=", partner.id)])

    # the sponsor field

    def test_sponsee_and_sponsor_read_the_sponsor(self):
        for login in ("ent_a", "ent_b"):
            for call in (self.jsonrpc, self.xmlrpc):
                with self.subTest(login=login, call=call.__name__):
                    [record] = call(
                        login,
                        "res.partner",
                        "read",
                        [self.partner_b.id],
                        ["cae_sponsorship_sponsor_id"],
                    )
                    self.assertEqual(
                        record["cae_sponsorship_sponsor_id"][0], self.partner_a.id
                    )
        # "My sponsees" (the list's domain): Bruno only
        found = self.jsonrpc(
            "ent_a",
            "res.partner",
            "search",
            [("cae_sponsorship_sponsor_id", "=", self.partner_a.id)],
        )
        self.assertEqual(found, self.partner_b.ids)
        # anyone else: nothing, and the journey field stays closed
        [record] = self.jsonrpc(
            "ent_c",
            "res.partner",
            "read",
            [self.partner_b.id],
            ["cae_sponsorship_sponsor_id"],
        )
        self.assertFalse(record["cae_sponsorship_sponsor_id"])
        self.assertFalse(
            self.jsonrpc(
                "ent_c",
                "res.partner",
                "search",
                [("cae_sponsorship_sponsor_id", "=", self.partner_a.id)],
            )
        )
        for call in self.both(
            "ent_c", "res.partner", "read", [self.partner_b.id], ["cae_sponsor_id"]
        ):
            self.assertRefused(call, kinds=("AccessError",))

    def test_entrepreneur_cannot_set_her_own_sponsor(self):
        for login, partner in (("ent_c", self.partner_c), ("ent_b", self.partner_b)):
            for vals in (
                {"cae_sponsor_id": self.partner_a.id},
                {"cae_sponsor_interviews": True},
            ):
                for call in self.both(login, "res.partner", "write", partner.ids, vals):
                    self.assertRefused(call, kinds=("AccessError",))
        self.env.invalidate_all()
        self.assertFalse(self.partner_c.cae_sponsor_id)
        self.assertEqual(self.partner_b.cae_sponsor_id, self.partner_a)
        self.assertFalse(self.partner_b.cae_sponsor_interviews)
        # the support team sets it
        self.jsonrpc(
            "support",
            "res.partner",
            "write",
            self.partner_c.ids,
            {"cae_sponsor_id": self.partner_a.id},
        )
        self.env.invalidate_all()
        self.assertEqual(self.partner_c.cae_sponsor_id, self.partner_a)

    # interviews held by the sponsor

    def test_sponsor_without_permission_cannot_create_an_interview(self):
        for call in self.both(
            "ent_a", "cae.appointment", "create", self._interview(self.partner_b)
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(self._appointments_of(self.partner_b), self.support_interview)

    def test_allowed_sponsor_for_her_sponsee_only(self):
        self._allow()
        for call in self.both(
            "ent_a", "cae.appointment", "create", self._interview(self.partner_c)
        ):
            message = self.assertRefused(call, kinds=("ValidationError", "UserError"))
            self.assertIn("Chloé Céramiste", message)
        self.assertFalse(self._appointments_of(self.partner_c))
        created = self.jsonrpc(
            "ent_a",
            "cae.appointment",
            "create",
            dict(
                self._interview(self.partner_b), report_points="<p>Premiers devis</p>"
            ),
        )
        # the status is not hers to set
        for call in self.both(
            "ent_a", "cae.appointment", "write", [created], {"state": "done"}
        ):
            self.assertRefused(call, kinds=("AccessError",))
        # she reads hers, not the support team's interview of her sponsee
        self.assertEqual(
            self.xmlrpc("ent_a", "cae.appointment", "search", []), [created]
        )
        for call in self.both(
            "ent_a",
            "cae.appointment",
            "read",
            self.support_interview.ids,
            ["name", "report_points"],
        ):
            self.assertRefused(call, kinds=("AccessError",))
        self.assertEqual(
            self._appointments_of(self.partner_b).ids,
            sorted([created, self.support_interview.id], reverse=True),
        )
        self.assertEqual(self.env["cae.appointment"].browse(created).state, "planned")

    # internal support time

    def test_entrepreneur_cannot_approve_her_support_time_nor_set_its_rate(self):
        self.company.cae_support_time_rate = 20.0
        kind = self.env["cae.support.time.kind"].create(
            {"name": "Parrainage", "is_sponsoring": True, "company_id": self.company.id}
        )
        vals = {
            "activity_id": self.activity_a.id,
            "date": "2026-03-02",
            "hours": 2.0,
            "kind_id": kind.id,
            "description": "Point avec Bruno",
            "sponsee_id": self.partner_b.id,
        }
        for extra in (
            {"hourly_rate": 500.0},
            {"amount": 5000.0},
            {"state": "approved"},
        ):
            for call in self.both(
                "ent_a", "cae.support.time", "create", dict(vals, **extra)
            ):
                self.assertRefused(call, kinds=("AccessError",))
        entry_id = self.jsonrpc("ent_a", "cae.support.time", "create", vals)
        self.jsonrpc("ent_a", "cae.support.time", "action_submit", [entry_id])
        for method, args in (
            ("action_approve", []),
            ("write", [{"hourly_rate": 500.0}]),
            ("write", [{"amount": 5000.0}]),
            ("write", [{"state": "approved"}]),
        ):
            for call in self.both(
                "ent_a", "cae.support.time", method, [entry_id], *args
            ):
                self.assertRefused(call)
        entry = self.env["cae.support.time"].browse(entry_id)
        self.assertEqual(
            (entry.state, entry.hourly_rate, entry.amount), ("submitted", 20.0, 40.0)
        )
        # Bruno does not see it; the admin team approves it
        self.assertFalse(self.xmlrpc("ent_b", "cae.support.time", "search", []))
        self.jsonrpc("gestion", "cae.support.time", "action_approve", [entry_id])
        self.env.invalidate_all()
        self.assertEqual(entry.state, "approved")
