from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import HealthCommon


@tagged("post_install", "-at_install")
class TestRiskAssessment(HealthCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Assessment = cls.env["cae.risk.assessment"].with_user(cls.user_admin)
        cls.v1 = cls.Assessment.create({"date_revision": "2025-01-15"})

    def test_new_version_archives_the_previous_one(self):
        self.assertEqual(self.v1.version, 1)
        v2 = self.Assessment.create({"notes": "<p>Risques routiers ajoutés</p>"})
        self.assertEqual(v2.version, 2)
        self.assertTrue(v2.active)
        self.assertFalse(self.v1.active)
        self.assertEqual(self.Assessment.search([]), v2)
        self.assertEqual(
            self.Assessment.with_context(active_test=False).search([]), v2 | self.v1
        )
        with self.assertRaises(UserError):
            self.v1.unlink()

    def test_acknowledgement_by_the_entrepreneur_herself(self):
        self.assertEqual(self.v1.pending_partner_ids, self.partner_a | self.partner_b)
        current = self.v1.with_user(self.user_a)
        self.assertFalse(current.acknowledged)
        current.action_acknowledge()
        ack = self.env["cae.risk.assessment.ack"].search(
            [("assessment_id", "=", self.v1.id)]
        )
        self.assertEqual(ack.partner_id, self.partner_a)
        self.assertEqual(ack.version, 1)
        self.assertTrue(ack.date)
        self.assertTrue(current.acknowledged)
        self.v1.invalidate_recordset()
        self.assertEqual(self.v1.pending_partner_ids, self.partner_b)
        self.assertEqual(self.v1.ack_count, 1)
        # a new version: everyone acknowledges again
        v2 = self.Assessment.create({})
        self.assertEqual(v2.pending_partner_ids, self.partner_a | self.partner_b)
        with self.assertRaises(UserError):
            ack.unlink()

    def test_acknowledging_twice_is_refused(self):
        current = self.v1.with_user(self.user_a).with_context(lang="fr_FR")
        current.action_acknowledge()
        with self.assertRaisesRegex(ValidationError, "a déjà pris connaissance"):
            current.action_acknowledge()
        self.assertEqual(
            self.env["cae.risk.assessment.ack"].search_count(
                [("assessment_id", "=", self.v1.id)]
            ),
            1,
        )

    def test_a_replaced_version_cannot_be_acknowledged(self):
        self.Assessment.create({})
        with self.assertRaisesRegex(UserError, "version actuelle"):
            self.v1.with_user(self.user_a).with_context(
                lang="fr_FR"
            ).action_acknowledge()
