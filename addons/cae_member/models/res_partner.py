from odoo import api, fields, models
from odoo.exceptions import AccessError

MEMBER_STATUS = [
    ("candidate", "Candidate"),
    ("cape", "Under CAPE"),
    ("cesa", "Under CESA"),
    ("associate", "Associate"),
    ("exited", "Exited"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # what an entrepreneur sets on her customers and suppliers, and on her own
    # contact: plain contact data. Membership (is_cae_member,
    # cae_activity_ids), status, journey, statistics and thresholds are the
    # team's; cae_customer_activity_ids only to link her own activities
    _cae_entrepreneur_fields = frozenset(
        {
            "active",
            "additional_info",
            "bank_ids",
            "cae_customer_activity_ids",
            "cae_skills",
            "category_id",
            "child_ids",
            "city",
            "color",
            "comment",
            "company_id",
            "company_name",
            "company_registry",
            "company_type",
            "country_id",
            "email",
            "function",
            "image_1920",
            "industry_id",
            "invoice_edi_format",
            "invoice_sending_method",
            "is_company",
            "lang",
            "mobile",
            "name",
            "parent_id",
            "peppol_eas",
            "peppol_endpoint",
            "phone",
            "property_payment_term_id",
            "property_supplier_payment_term_id",
            "ref",
            "siret",
            "state_id",
            "street",
            "street2",
            "title",
            "type",
            "tz",
            "user_id",
            "vat",
            "website",
            "zip",
        }
    )

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
    cae_pole_ids = fields.Many2many(
        "cae.pole",
        "cae_pole_member_rel",
        "partner_id",
        "pole_id",
        string="Poles",
        readonly=True,
        copy=False,
        help="The poles of the member's activities, and those she was invited to.",
    )
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

    # override: an entrepreneur links a customer to her own activities only
    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if self._cae_guard_applies():
            partners._cae_check_customer_activities_changed({})
        return partners

    # override: membership changes reach the activities; an entrepreneur changes only
    # her own customer links
    def write(self, vals):
        poles = None
        if "cae_activity_ids" in vals:
            self.env["cae.activity"]._cae_membership_changed()
            # sudo: the poles of every activity, for their channels' members
            poles = self.sudo().cae_activity_ids.pole_ids
        if "cae_customer_activity_ids" not in vals or not self._cae_guard_applies():
            result = super().write(vals)
        else:
            # sudo: the links to other activities are not readable by her
            before = {p.id: set(p.sudo().cae_customer_activity_ids.ids) for p in self}
            result = super().write(vals)
            self._cae_check_customer_activities_changed(before)
        if poles is not None:
            (poles | self.sudo().cae_activity_ids.pole_ids)._cae_sync_channel()
        return result

    def _cae_check_customer_activities_changed(self, before):
        """An entrepreneur links or unlinks only her own activities to a
        contact (the others' links are theirs)."""
        own = set(self.env.user._cae_activities().ids)
        for partner in self:
            after = set(partner.sudo().cae_customer_activity_ids.ids)
            if (after ^ before.get(partner.id, set())) - own:
                raise AccessError(
                    self.env._("You can only link your own activities to a contact.")
                )

    @api.model
    def _cae_default_customer_activities(self):
        user = self.env.user
        if user._cae_is_entrepreneur_only():
            return user._cae_activities().filtered("active")
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
