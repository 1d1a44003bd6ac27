from datetime import date

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import CaeGovernanceCommon


@tagged("post_install", "-at_install")
class TestJourneyCommittee(CaeGovernanceCommon):
    """Integration: one orientation committee attended before a contract,
    when the company requires it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.cae_co_required = True
        cls.newcomer = cls.env["res.partner"].create(
            {
                "name": "Nina Nouvelle",
                "is_cae_member": True,
                "cae_decision": "admitted",
                "cae_territory_id": cls.territory.id,
            }
        )

    def _contract_draft(self, contract_type="cape"):
        return self.env["cae.contract"].create(
            {
                "partner_id": self.newcomer.id,
                "contract_type": contract_type,
                "date_start": date(2026, 1, 5),
                "date_end": date(2026, 6, 30) if contract_type == "cape" else False,
                "company_id": self.company.id,
            }
        )

    def _committee(self, state="present"):
        co = self._meeting("co", territory_id=self.territory.id)
        co.action_convene()
        self._attendance(co, self.newcomer, state)
        return co

    def test_cape_needs_a_committee(self):
        cape = self._contract_draft()
        with self.refused(UserError, "orientation committee"):
            cape.action_start()
        self.assertEqual(cape.state, "draft")
        # convened and marked present, but not held yet: not attended
        co = self._committee()
        with self.refused(UserError, "orientation committee"):
            cape.action_start()
        co.action_hold()
        cape.action_start()
        self.assertEqual(cape.state, "running")

    def test_absent_does_not_count(self):
        cape = self._contract_draft()
        self._committee("absent").action_hold()
        with self.refused(UserError, "orientation committee"):
            cape.action_start()

    def test_setting_off(self):
        self.company.cae_co_required = False
        cape = self._contract_draft()
        cape.action_start()
        self.assertEqual(cape.state, "running")

    def test_french_message(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["cae_governance"], ["fr_FR"], overwrite=True
        )
        with self.refused(UserError, "comité d'orientation"):
            self._contract_draft().with_context(lang="fr_FR").action_start()
