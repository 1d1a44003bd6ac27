from odoo import api, fields, models

MEMBER_STATUS = [
    ("candidate", "Candidate"),
    ("cape", "Under CAPE"),
    ("cesa", "Under CESA"),
    ("associate", "Associate"),
    ("exited", "Exited"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_cae_member = fields.Boolean(
        string="CAE entrepreneur", index=True, tracking=True, copy=False
    )
    cae_activity_ids = fields.Many2many(
        "cae.activity",
        "cae_activity_member_rel",
        "partner_id",
        "activity_id",
        string="CAE activities",
        copy=False,
    )
    cae_contract_ids = fields.One2many("cae.contract", "partner_id", string="Contracts")
    cae_status = fields.Selection(
        MEMBER_STATUS,
        string="CAE status",
        compute="_compute_cae_status",
        store=True,
        index=True,
        tracking=True,
        help="Derived from the contracts, the associate date and the exit date.",
    )
    cae_associate_date = fields.Date(
        string="Associate since", tracking=True, copy=False
    )
    cae_exit_date = fields.Date(string="Exit date", tracking=True, copy=False)
    cae_cape_since = fields.Date(
        string="Under CAPE since",
        compute="_compute_cae_cape_since",
        help="Start of the current run of CAPE contracts (printed on quotes).",
    )
    cae_pole_id = fields.Many2one("cae.pole", string="Pole")
    cae_territory_id = fields.Many2one("cae.territory", string="Territory")
    cae_skills = fields.Char(
        string="Public skills", help="Public skills shown in the member directory."
    )
    cae_validation_threshold = fields.Monetary(
        string="Self-validation threshold (excl. VAT)",
        currency_field="currency_id",
        groups="cae_member.cae_member_group_support,cae_member.cae_member_group_admin",
        tracking=True,
        help="The entrepreneur confirms quotes and posts invoices alone up to this "
        "amount excl. VAT; above it the document must be validated by the support "
        "team. Zero: the company's default threshold applies.",
    )
    cae_customer_activity_ids = fields.Many2many(
        "cae.activity",
        "cae_activity_customer_rel",
        "partner_id",
        "activity_id",
        string="Customer of activities",
        copy=False,
        default=lambda self: self._cae_default_customer_activities(),
        help="Activities this contact is a customer or supplier of. A contact linked "
        "to activities is visible to their entrepreneurs only.",
    )

    @api.model
    def _cae_default_customer_activities(self):
        user = self.env.user
        if user._cae_is_entrepreneur_only():
            return user.partner_id.sudo().cae_activity_ids
        return self.env["cae.activity"]

    @api.depends(
        "is_cae_member",
        "cae_associate_date",
        "cae_exit_date",
        "cae_contract_ids.state",
        "cae_contract_ids.date_start",
        "cae_contract_ids.date_end",
        "cae_contract_ids.contract_type",
    )
    def _compute_cae_status(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.cae_status = (
                partner._cae_status_at(today) if partner.is_cae_member else False
            )

    def _cae_counted_contracts(self):
        return self.cae_contract_ids.filtered(lambda c: c.state in ("running", "ended"))

    def _cae_status_at(self, date):
        """Status of the member on ``date`` (a date), from their history."""
        self.ensure_one()
        if self.cae_exit_date and self.cae_exit_date <= date:
            return "exited"
        if self.cae_associate_date and self.cae_associate_date <= date:
            return "associate"
        current = self._cae_counted_contracts().filtered(
            lambda c: c.date_start <= date and (not c.date_end or c.date_end >= date)
        )
        if "cesa" in current.mapped("contract_type"):
            return "cesa"
        if "cape" in current.mapped("contract_type"):
            return "cape"
        return "candidate"

    def _compute_cae_cape_since(self):
        today = fields.Date.context_today(self)
        for partner in self:
            since = False
            capes = (
                partner._cae_counted_contracts()
                .filtered(lambda c: c.contract_type == "cape" and c.date_start <= today)
                .sorted("date_start", reverse=True)
            )
            for cape in capes:
                # renewals follow each other: walk back while periods touch
                if since and cape.date_end and (since - cape.date_end).days > 1:
                    break
                since = cape.date_start
            partner.cae_cape_since = since if partner.cae_status == "cape" else False

    @api.model
    def _cron_recompute_cae_status(self):
        members = self.search([("is_cae_member", "=", True)])
        self.env.add_to_compute(self._fields["cae_status"], members)
        members.flush_recordset(["cae_status"])

    def _cae_validation_threshold(self):
        """Threshold applying to this entrepreneur (own, else company default)."""
        self.ensure_one()
        partner = self.sudo()
        return partner.cae_validation_threshold or (
            self.env.company.cae_default_validation_threshold
        )
