import importlib.util
import os
from contextlib import contextmanager
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon


@tagged("post_install", "-at_install")
class TestSponsor(CaeTestCommon):
    """The newcomer's sponsor (parrain / marraine): one field, kept by the
    journey staff, seen by the sponsee and the sponsor; an allowed sponsor
    records the interviews of her sponsees, no other appointment."""

    @contextmanager
    def _raises(self, exception, pattern):
        """assertRaises (its savepoint: nothing written) and the message."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_c = new_test_user(
            cls.env,
            login="ent_c",
            name="Chloé Céramiste",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.partner_c = cls.user_c.partner_id
        cls.partner_c.is_cae_member = True
        # Anne sponsors Bruno
        cls.partner_b.with_user(cls.user_support).cae_sponsor_id = cls.partner_a

    def _allow(self, partner=None, company=True):
        (partner or self.partner_a).with_user(self.user_support).write(
            {"cae_sponsor_interviews": True}
        )
        self.company.cae_sponsor_interviews = company

    def _interview_vals(self, partner, **vals):
        return {
            "name": "Entretien de suivi",
            "kind": "individual",
            "appointment_type": "follow_up",
            "date_start": datetime(2026, 3, 2, 14, 0),
            "partner_ids": [Command.set(partner.ids)],
            **vals,
        }

    def _sponsor_in_db(self, partner):
        self.env.cr.execute(
            "SELECT cae_sponsor_id FROM res_partner WHERE id = %s", (partner.id,)
        )
        return self.env.cr.fetchone()[0]

    # the sponsor field

    def test_sponsor_is_not_herself(self):
        with self._raises(ValidationError, "propre parrain|own sponsor"):
            self.partner_b.with_user(self.user_support).cae_sponsor_id = self.partner_b
        self.assertEqual(self._sponsor_in_db(self.partner_b), self.partner_a.id)

    def test_sponsor_is_a_member(self):
        outsider = self.env["res.partner"].create({"name": "Client extérieur"})
        with self._raises(ValidationError, "member|membre"):
            self.partner_c.with_user(self.user_support).cae_sponsor_id = outsider
        self.assertIsNone(self._sponsor_in_db(self.partner_c))

    def test_sponsee_and_sponsor_see_it_others_do_not(self):
        for user in (self.user_a, self.user_b, self.user_support, self.user_admin):
            with self.subTest(user=user.login):
                self.assertEqual(
                    self.partner_b.with_user(user).cae_sponsorship_sponsor_id,
                    self.partner_a,
                )
        self.assertFalse(
            self.partner_b.with_user(self.user_c).cae_sponsorship_sponsor_id
        )
        Partner = self.env["res.partner"].with_user(self.user_c)
        self.assertFalse(
            Partner.search([("cae_sponsorship_sponsor_id", "=", self.partner_a.id)])
        )
        with self.assertRaises(AccessError):
            self.partner_b.with_user(self.user_c).read(["cae_sponsor_id"])

    def test_my_sponsees(self):
        action = (
            self.env["res.partner"].with_user(self.user_a)._cae_action_my_sponsees()
        )
        sponsees = (
            self.env["res.partner"].with_user(self.user_a).search(action["domain"])
        )
        self.assertEqual(sponsees, self.partner_b)
        action = (
            self.env["res.partner"].with_user(self.user_c)._cae_action_my_sponsees()
        )
        self.assertFalse(
            self.env["res.partner"].with_user(self.user_c).search(action["domain"])
        )
        self.assertEqual(self.partner_a.cae_sponsee_ids, self.partner_b)

    def test_entrepreneur_cannot_set_her_sponsor(self):
        with self.assertRaises(AccessError):
            self.partner_c.with_user(self.user_c).write(
                {"cae_sponsor_id": self.partner_a.id}
            )
        with self.assertRaises(AccessError):
            self.partner_a.with_user(self.user_a).write(
                {"cae_sponsor_interviews": True}
            )
        self.assertFalse(self.partner_c.cae_sponsor_id)
        self.assertFalse(self.partner_a.cae_sponsor_interviews)

    # interviews held by the sponsor

    def test_sponsor_without_permission_cannot_record(self):
        Appointment = self.env["cae.appointment"].with_user(self.user_a)
        with self.assertRaises(AccessError):
            Appointment.create(self._interview_vals(self.partner_b))
        # allowed personally, but not by the company
        self._allow(company=False)
        with self.assertRaises(AccessError):
            Appointment.create(self._interview_vals(self.partner_b))
        self.assertFalse(
            self.env["cae.appointment"].search(
                [("partner_ids", "=", self.partner_b.id)]
            )
        )

    def test_allowed_sponsor_records_her_sponsee_interview(self):
        self._allow()
        interview = (
            self.env["cae.appointment"]
            .with_user(self.user_a)
            .create(
                self._interview_vals(
                    self.partner_b, report_points="<p>Premiers clients trouvés</p>"
                )
            )
        )
        self.assertEqual(interview.advisor_ids, self.user_a)
        interview.with_user(self.user_a).write(
            {"report_action_plan": "<p>Relancer les devis</p>"}
        )
        self.assertIn("Relancer", interview.report_action_plan)
        # the status is the support team's
        with self.assertRaises(AccessError):
            interview.with_user(self.user_a).write({"state": "done"})
        # Bruno reads his interview too
        self.assertEqual(
            self.env["cae.appointment"].with_user(self.user_b).search([]), interview
        )

    def test_allowed_sponsor_only_for_her_sponsee(self):
        self._allow()
        Appointment = self.env["cae.appointment"].with_user(self.user_a)
        with self._raises(ValidationError, "sponsee|filleul"):
            Appointment.create(self._interview_vals(self.partner_c))
        with self.assertRaises(ValidationError):
            Appointment.create(
                self._interview_vals(self.partner_b | self.partner_c, kind="collective")
            )
        interview = Appointment.create(self._interview_vals(self.partner_b))
        with self.assertRaises(ValidationError):
            interview.write({"partner_ids": [Command.link(self.partner_c.id)]})
        self.assertEqual(interview.partner_ids, self.partner_b)

    def test_allowed_sponsor_reads_no_other_appointment(self):
        self._allow()
        support_interview = (
            self.env["cae.appointment"]
            .with_user(self.user_support)
            .create(
                self._interview_vals(
                    self.partner_b, report_points="<p>Dettes à régulariser</p>"
                )
            )
        )
        other = (
            self.env["cae.appointment"]
            .with_user(self.user_support)
            .create(self._interview_vals(self.partner_c))
        )
        mine = (
            self.env["cae.appointment"]
            .with_user(self.user_a)
            .create(self._interview_vals(self.partner_b))
        )
        self.assertEqual(
            self.env["cae.appointment"].with_user(self.user_a).search([]), mine
        )
        for appointment in support_interview | other:
            with self.assertRaises(AccessError):
                appointment.with_user(self.user_a).read(["name"])
        # the permission withdrawn: her interviews are the support team's again
        self.partner_a.with_user(self.user_support).cae_sponsor_interviews = False
        self.assertFalse(self.env["cae.appointment"].with_user(self.user_a).search([]))

    # migration

    def test_migration_copies_the_activity_sponsor(self):
        """18.0.1.1.0: the activity's sponsor (its column stays) becomes the
        sponsor of its members who have none."""
        cr = self.env.cr
        cr.execute("ALTER TABLE cae_activity ADD COLUMN IF NOT EXISTS sponsor_id int4")
        self.activity_b.member_ids |= self.partner_c
        cr.execute(
            "UPDATE cae_activity SET sponsor_id = %s WHERE id = %s",
            (self.partner_a.id, self.activity_b.id),
        )
        cr.execute(
            "UPDATE cae_activity SET sponsor_id = %s WHERE id = %s",
            (self.partner_a.id, self.activity_a.id),
        )
        self.partner_b.cae_sponsor_id = self.partner_c
        path = os.path.join(
            os.path.dirname(os.path.dirname(__file__)),
            "migrations",
            "18.0.1.1.0",
            "post-migrate.py",
        )
        spec = importlib.util.spec_from_file_location("cae_parcours_mig_1_1", path)
        script = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(script)
        script.migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        # Chloé had none: she gets it; Bruno keeps his; Anne is not her own
        self.assertEqual(self.partner_c.cae_sponsor_id, self.partner_a)
        self.assertEqual(self.partner_b.cae_sponsor_id, self.partner_c)
        self.assertFalse(self.partner_a.cae_sponsor_id)
        rule = self.env.ref("cae_parcours.cae_appointment_rule_entrepreneur")
        self.assertFalse(rule.perm_create or rule.perm_write or rule.perm_unlink)
