from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    cae_training_action_id = fields.Many2one(
        "cae.training.action",
        string="Training action",
        index=True,
        copy=False,
        check_company=True,
        tracking=True,
    )
    cae_training_deposit = fields.Boolean(
        string="Training deposit",
        copy=False,
        help="Deposit invoice of a training action: at most 30 % of its price, "
        "it may be posted before the action ends.",
    )
    cae_nda_mention = fields.Char(
        string="NDA mention", compute="_compute_cae_nda_mention"
    )

    def _compute_cae_nda_mention(self):
        for move in self:
            training = (
                move.cae_training_action_id
                or move.cae_activity_id.sudo().activity_type
                in ("training", "skills_assessment")
            )
            move.cae_nda_mention = (
                move.company_id._cae_nda_mention() if training else False
            )

    def _cae_check_training_invoices(self):
        """The final invoice of a training action needs the signed agreement
        and every trainee half-day proven; a deposit stays within 30 %."""
        errors = []
        for move in self.filtered(
            lambda m: m.cae_training_action_id and m.move_type == "out_invoice"
        ):
            action = move.cae_training_action_id.sudo()
            if move.cae_training_deposit:
                errors += action._cae_deposit_errors(move)
            else:
                errors += action._cae_final_invoice_errors()
        if errors:
            raise UserError(
                self.env._(
                    "The training invoice cannot be posted:\n%(errors)s",
                    errors="\n".join(errors),
                )
            )

    def _post(self, soft=True):
        self._cae_check_training_invoices()
        return super()._post(soft=soft)
