from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

VALIDATION_STATES = [
    ("none", "Not submitted"),
    ("to_validate", "To validate"),
    ("validated", "Validated"),
    ("refused", "Refused"),
]
SUPPORT = "cae_member.cae_member_group_support"
ADMIN = "cae_member.cae_member_group_admin"


class CaeValidationMixin(models.AbstractModel):
    """Support validation of an entrepreneur's quote or invoice.

    An entrepreneur confirms or posts alone up to their self-validation
    threshold (amount excl. VAT); above it they submit the document and the
    support or admin team validates or refuses it with a reason.
    """

    _name = "cae.validation.mixin"
    _description = "CAE support validation"

    cae_validation_state = fields.Selection(
        VALIDATION_STATES,
        string="Support validation",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
        help="Changed only by the buttons Submit, Validate and Refuse.",
    )
    cae_validated_by_id = fields.Many2one(
        "res.users", string="Validated by", copy=False, readonly=True, tracking=True
    )
    cae_validated_date = fields.Datetime(
        string="Validated on", copy=False, readonly=True
    )
    # cae_validated_amount (Monetary) is declared on each model: an abstract
    # model has no currency field to point to
    cae_refusal_reason = fields.Text(string="Refusal reason", copy=False, readonly=True)
    cae_submitted_by_id = fields.Many2one(
        "res.users",
        string="Submitted by",
        copy=False,
        readonly=True,
        help="Told of the validation or the refusal.",
    )
    cae_can_proceed = fields.Boolean(
        string="Can proceed alone",
        compute="_compute_cae_can_proceed",
        help="The current user may send and confirm the document without a "
        "validation (below her threshold, or validated).",
    )

    @api.depends_context("uid")
    @api.depends("amount_untaxed", "cae_validation_state", "cae_validated_amount")
    def _compute_cae_can_proceed(self):
        for record in self:
            record.cae_can_proceed = not record._cae_needs_validation()

    def _cae_amount_untaxed(self):
        """Amount excl. VAT compared to the self-validation threshold, in the
        company's currency (the threshold is a company amount)."""
        self.ensure_one()
        return self.currency_id._convert(
            self.amount_untaxed,
            self.company_id.currency_id,
            self.company_id,
            self._cae_currency_date(),
        )

    def _cae_currency_date(self):
        self.ensure_one()
        return fields.Date.context_today(self)

    def _cae_needs_validation(self, user=None):
        """True when ``user`` (default: current) may not proceed alone."""
        self.ensure_one()
        user = user or self.env.user
        if not user._cae_is_entrepreneur_only():
            return False
        amount = self._cae_amount_untaxed()
        currency = self.company_id.currency_id
        if (
            self.cae_validation_state == "validated"
            and currency.compare_amounts(amount, self.cae_validated_amount) <= 0
        ):
            return False
        threshold = user.partner_id._cae_validation_threshold()
        return currency.compare_amounts(amount, threshold) > 0

    @api.model
    def _cae_check_own_activity_id(self, activity_id):
        """An entrepreneur puts a document only on one of her activities."""
        if not self.env.user._cae_is_own_activity(
            self.env["cae.activity"].browse(activity_id or [])
        ):
            raise AccessError(
                self.env._("You can only put a document on one of your own activities.")
            )

    def _cae_check_own_activity(self):
        """An entrepreneur acts only on documents of their own activities."""
        activities = self.env.user._cae_activities()
        for record in self:
            if not record.cae_activity_id or record.cae_activity_id not in activities:
                raise AccessError(
                    self.env._(
                        "You can only act on documents of your own activities "
                        "(%(document)s).",
                        document=record.display_name,
                    )
                )

    def _cae_check_entrepreneur_can_proceed(self):
        """Checks run before an entrepreneur's confirmation or posting."""
        self._cae_check_own_activity()
        user = self.env.user
        for record in self:
            if record._cae_needs_validation(user):
                raise UserError(
                    self.env._(
                        "%(document)s is above your self-validation threshold "
                        "(%(threshold)s excl. VAT): submit it to the support team "
                        "for validation.",
                        document=record.display_name,
                        threshold=record.company_id.currency_id.format(
                            user.partner_id._cae_validation_threshold()
                        ),
                    )
                )

    def _cae_validator(self):
        """Who validates the document: the support team's responsible
        (cae_parcours prefers the entrepreneur's support advisor)."""
        self.ensure_one()
        return self.company_id._cae_support_responsible()

    def action_cae_submit(self):
        for record in self:
            if record.cae_validation_state == "to_validate":
                continue
            # sudo: the entrepreneur does not write the validation fields nor
            # schedule activities for others; her own document (the guard
            # of cae_member checks the activity before the buttons run)
            record.sudo().write(
                {
                    "cae_validation_state": "to_validate",
                    "cae_submitted_by_id": self.env.user.id,
                }
            )
            record.sudo().message_post(
                body=self.env._(
                    "Submitted for validation by %(user)s.", user=self.env.user.name
                ),
                subtype_xmlid="mail.mt_note",
            )
            validator = record._cae_validator()
            if validator:
                env = record.with_context(lang=validator.lang).env
                record.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=validator.id,
                    summary=env._(
                        "Validate %(document)s", document=record.display_name
                    ),
                    note=env._(
                        "Submitted by %(user)s, %(amount)s excl. VAT.",
                        user=self.env.user.name,
                        amount=record.currency_id.format(record.amount_untaxed),
                    ),
                )
        return True

    def _cae_validation_answered(self, body):
        """Close the validation to-dos, tell the submitter."""
        for record in self:
            # sudo: the to-dos may be assigned to another team member
            record.sudo().activity_feedback(["mail.mail_activity_data_todo"])
            submitter = record.cae_submitted_by_id
            record.message_post(
                body=body,
                subtype_xmlid="mail.mt_note",
                partner_ids=submitter.partner_id.ids,
            )

    def _cae_check_validator(self):
        user = self.env.user
        if not (user.has_group(SUPPORT) or user.has_group(ADMIN)):
            raise AccessError(
                self.env._(
                    "Only the support or admin team can validate or refuse documents."
                )
            )

    def action_cae_validate(self):
        self._cae_check_validator()
        now = fields.Datetime.now()
        for record in self:
            record.write(
                {
                    "cae_validation_state": "validated",
                    "cae_validated_by_id": self.env.user.id,
                    "cae_validated_date": now,
                    "cae_validated_amount": record._cae_amount_untaxed(),
                    "cae_refusal_reason": False,
                }
            )
            record._cae_validation_answered(
                self.env._(
                    "Validated by %(user)s on %(date)s.",
                    user=self.env.user.name,
                    date=fields.Datetime.to_string(
                        fields.Datetime.context_timestamp(record, now)
                    ),
                )
            )
        return True

    def action_cae_refuse(self, reason):
        self._cae_check_validator()
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason of the refusal."))
        for record in self:
            record.write(
                {
                    "cae_validation_state": "refused",
                    "cae_refusal_reason": reason,
                    "cae_validated_by_id": False,
                    "cae_validated_date": False,
                    "cae_validated_amount": 0.0,
                }
            )
            record._cae_validation_answered(
                Markup("%s<br/>%s")
                % (
                    self.env._("Refused by %(user)s.", user=self.env.user.name),
                    reason,
                )
            )
        return True

    def action_cae_open_refuse_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "cae.validation.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    @api.model
    def _cae_default_activity(self):
        return self.env.user._cae_default_activity()
