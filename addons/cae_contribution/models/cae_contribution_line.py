from odoo import api, fields, models
from odoo.exceptions import UserError


class CaeContributionLine(models.Model):
    """What one monthly run levied on one activity."""

    _name = "cae.contribution.line"
    _description = "Contribution levied"
    _order = "date_to desc, activity_id"
    _check_company_auto = True

    activity_id = fields.Many2one(
        "cae.activity", required=True, index=True, check_company=True
    )
    date_to = fields.Date(required=True, index=True, string="Up to")
    date_from = fields.Date(string="Fiscal year start", required=True)
    scale_id = fields.Many2one("cae.contribution.scale")
    base_ytd = fields.Monetary(string="Base year to date")
    due_ytd = fields.Monetary(string="Due year to date")
    levied_before = fields.Monetary()
    amount = fields.Monetary(string="Levied")
    move_id = fields.Many2one("account.move", string="Entry", readonly=True, index=True)
    # empty on the lines levied before the runs were recorded and on those of
    # the migration import; restrict: a run keeps the lines it created
    run_id = fields.Many2one(
        "cae.contribution.run",
        string="Contribution run",
        readonly=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        groups="cae_member.cae_member_group_admin,cae_member.cae_member_group_support",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")

    def write(self, vals):
        # the figures of a levy are what the next runs deduct and what its
        # entry proves: no one rewrites them, the admin team and the superuser
        # included. The run only creates lines (and the migration import the
        # lines levied before); a correction is the next run's regularisation.
        if vals:
            # who may not write lines at all is told so first
            self.check_access("write")
            raise UserError(
                self.env._(
                    "A contribution line records what a run levied: it cannot be "
                    "changed. A correction is levied by the next run."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_levied(self):
        if self.filtered("move_id"):
            raise UserError(
                self.env._(
                    "A levied contribution is accounting evidence: it cannot be "
                    "deleted."
                )
            )
