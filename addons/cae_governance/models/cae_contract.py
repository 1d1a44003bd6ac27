from odoo import models
from odoo.exceptions import UserError


class CaeContract(models.Model):
    _inherit = "cae.contract"

    # override: one orientation committee attended before a CAPE or a CESA,
    # when the company requires it (the integration of the journey)
    def _check_can_start(self):
        super()._check_can_start()
        if self.env.context.get("cae_history"):
            return
        if not self.company_id.cae_co_required:
            return
        self._cae_check_orientation_committee()

    def _cae_check_orientation_committee(self):
        self.ensure_one()
        # sudo: the person's attendance is read to check a prerequisite,
        # whoever starts the contract
        attended = (
            self.env["cae.meeting.attendance"]
            .sudo()
            .search_count(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("state", "=", "present"),
                    ("meeting_type", "=", "co"),
                    ("meeting_id.state", "in", ("held", "closed")),
                ],
                limit=1,
            )
        )
        if not attended:
            raise UserError(
                self.env._(
                    "%(partner)s must attend an orientation committee before "
                    "starting a contract.",
                    partner=self.partner_id.name,
                )
            )
