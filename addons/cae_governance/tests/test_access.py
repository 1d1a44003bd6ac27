from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.cae_member.tests.test_access_matrix import AccessMatrixMixin

from .common import CaeGovernanceCommon

MATRIX = {
    model: {"a": a, "support": "rwcu", "admin": "rwcu", "manager": "rwcu"}
    for model, a in (
        ("cae.meeting", "r"),
        ("cae.meeting.topic", "rwcu"),
        ("cae.meeting.attendance", "r"),
        ("cae.meeting.resolution", "r"),
    )
}
MATRIX["cae.meeting.vote"] = {
    "a": "r",
    "support": "rc",
    "admin": "rc",
    "manager": "rc",
}


@tagged("post_install", "-at_install")
class TestGovernanceAccess(AccessMatrixMixin, CaeGovernanceCommon):
    MATRIX = MATRIX

    def test_matrix(self):
        self._cae_check_matrix()

    def test_support_organises_committees_admin_everything(self):
        """Support convenes orientation committees, reads the board and the
        AG; the admin team organises them."""
        Meeting = self.env["cae.meeting"]
        co = Meeting.with_user(self.user_support).create(
            {"name": "CO", "meeting_type": "co", "date_start": "2030-01-10 17:00:00"}
        )
        co.action_convene()
        with self.assertRaises(AccessError):
            Meeting.with_user(self.user_support).create(
                {
                    "name": "AG",
                    "meeting_type": "ag",
                    "date_start": "2030-06-10 17:00:00",
                }
            )
        ag = Meeting.with_user(self.user_admin).create(
            {"name": "AG", "meeting_type": "ag", "date_start": "2030-06-10 17:00:00"}
        )
        self.assertEqual(ag.with_user(self.user_support).name, "AG")
        with self.assertRaises(AccessError):
            ag.with_user(self.user_support).location = "Ailleurs"
        self.env["cae.meeting.resolution"].with_user(self.user_admin).create(
            {"meeting_id": ag.id, "name": "Comptes"}
        )

    def test_entrepreneur_reads_her_meetings_only(self):
        self.partner_a.cae_territory_id = self.territory
        other = self.env["cae.territory"].create(
            {"name": "Berry", "company_id": self.company.id}
        )
        self.partner_b.cae_territory_id = other
        hers = self._meeting("co", territory_id=self.territory.id)
        bruno = self._meeting("co", territory_id=other.id)
        visible = self.env["cae.meeting"].with_user(self.user_a).search([])
        self.assertIn(hers, visible)
        self.assertNotIn(bruno, visible)
        topic = (
            self.env["cae.meeting.topic"]
            .with_user(self.user_a)
            .create({"meeting_id": hers.id, "name": "Le mien"})
        )
        other_topic = self.env["cae.meeting.topic"].create(
            {"meeting_id": hers.id, "name": "Celui du support"}
        )
        # she reads the whole agenda, edits only her own topic
        self.assertEqual(len(hers.with_user(self.user_a).topic_ids), 2)
        topic.with_user(self.user_a).name = "Le mien, précisé"
        with self.assertRaises(AccessError):
            other_topic.with_user(self.user_a).name = "Changé"
        with self.assertRaises(AccessError):
            topic.with_user(self.user_a).partner_id = self.partner_b
        with self.assertRaises(AccessError):
            hers.with_user(self.user_a).action_convene()
