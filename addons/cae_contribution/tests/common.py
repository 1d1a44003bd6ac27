from odoo import Command

from odoo.addons.cae_member.tests.common import CaeTestCommon


class ContributionCommon(CaeTestCommon):
    """A CAE with the contribution accounts, journal and default scales."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company._cae_contribution_setup()
        scales = cls.env["cae.contribution.scale"].search(
            [("company_id", "=", cls.company.id)]
        )
        cls.standard = scales.filtered("for_standard")
        cls.training_scale = scales.filtered("for_training")

    @classmethod
    def _activity(cls, code, activity_type="standard", **vals):
        return cls.env["cae.activity"].create(
            {
                "name": code,
                "code": code,
                "activity_type": activity_type,
                "member_ids": [Command.link(cls.partner_a.id)],
                **vals,
            }
        )

    def _margin(self, activity, amount, date, move_type="out_invoice"):
        move = self._invoice(
            activity, self.customer_a, amount, move_type=move_type, date=date
        )
        move.action_post()
        return move

    def _run(self, date_to, activity=None):
        wizard = self.env["cae.contribution.run.wizard"].create({"date_to": date_to})
        wizard.action_run()
        lines = wizard.run_id.line_ids
        return (
            lines.filtered(lambda l: l.activity_id == activity) if activity else lines
        )
