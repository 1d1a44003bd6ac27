from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from .base import cae_trusted_writes, cae_writes_trusted

CONTRACT_TYPES = [
    ("cape", "CAPE (business support contract)"),
    ("cesa", "CESA (salaried entrepreneur contract)"),
]


class CaeContract(models.Model):
    _name = "cae.contract"
    _description = "CAE contract (CAPE or CESA)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    contract_type = fields.Selection(CONTRACT_TYPES, required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Entrepreneur",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_cae_member", "=", True)],
        ondelete="restrict",
    )
    activity_id = fields.Many2one(
        "cae.activity", index=True, tracking=True, check_company=True
    )
    date_start = fields.Date(required=True, tracking=True)
    date_end = fields.Date(tracking=True, help="Empty for an open-ended CESA.")
    date_signature = fields.Date(string="Signature date", tracking=True, copy=False)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    fixed_monthly_amount = fields.Monetary(
        string="Fixed monthly part",
        currency_field="currency_id",
        tracking=True,
        help="Fixed part of the monthly pay (CESA).",
    )
    monthly_hours = fields.Float(
        string="Contractual monthly hours", tracking=True, digits=(16, 2)
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    active = fields.Boolean(default=True)
    notes = fields.Html()

    @api.depends("contract_type", "partner_id.name", "date_start")
    def _compute_name(self):
        labels = dict(self._fields["contract_type"]._description_selection(self.env))
        for contract in self:
            parts = [
                labels.get(contract.contract_type, "").split(" ")[0],
                contract.partner_id.name or "",
                fields.Date.to_string(contract.date_start) or "",
            ]
            contract.name = " - ".join(p for p in parts if p)

    @api.depends("contract_type", "partner_id.name", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # the stored name keeps an ISO date (searchable whatever the language); what
        # people read has the date in their format: "CESA - Anne Artisan - 01/03/2026"
        for contract in self:
            parts = [
                (contract.contract_type or "").upper(),
                contract.partner_id.name or "",
                format_date(self.env, contract.date_start),
            ]
            contract.display_name = " - ".join(p for p in parts if p)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s ends before it starts.",
                        name=contract.name,
                    )
                )

    @api.constrains("contract_type", "date_end")
    def _check_cape_end(self):
        for contract in self:
            if contract.contract_type == "cape" and not contract.date_end:
                raise ValidationError(
                    self.env._("A CAPE is a fixed-term contract: set its end date.")
                )

    @api.constrains("partner_id", "contract_type", "date_start", "date_end", "state")
    def _check_overlap(self):
        for contract in self.filtered(lambda c: c.state in ("draft", "running")):
            domain = [
                ("id", "!=", contract.id),
                ("partner_id", "=", contract.partner_id.id),
                ("contract_type", "=", contract.contract_type),
                ("state", "in", ("draft", "running")),
                ("company_id", "=", contract.company_id.id),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", contract.date_start),
            ]
            if contract.date_end:
                domain.append(("date_start", "<=", contract.date_end))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(partner)s already has a %(type)s over these dates.",
                        partner=contract.partner_id.name,
                        type=contract.contract_type.upper(),
                    )
                )

    # override: the state changes through the buttons only; a signed contract keeps its
    # signature date
    def write(self, vals):
        if "state" in vals and not (self.env.su or cae_writes_trusted()):
            raise UserError(
                self.env._(
                    "The state of a contract changes through its buttons (start, "
                    "end, cancel), never directly."
                )
            )
        if "date_signature" in vals and not vals["date_signature"]:
            signed = self.filtered(lambda c: c.state in ("running", "ended"))
            if signed:
                raise UserError(
                    self.env._(
                        "A contract that has run keeps its signature date "
                        "(%(contracts)s).",
                        contracts=", ".join(signed.mapped("name")),
                    )
                )
        return super().write(vals)

    def _cae_write_state(self, vals):
        """The one way the buttons change a contract's state."""
        with cae_trusted_writes():
            return self.write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        if any(c.state != "draft" or c.date_signature for c in self):
            raise UserError(
                self.env._(
                    "A signed or running contract is evidence: it cannot be deleted. "
                    "Archive or cancel it instead."
                )
            )

    def action_start(self):
        for contract in self:
            if contract.state != "draft":
                continue
            contract._check_can_start()
            contract._cae_write_state(
                {
                    "state": "running",
                    "date_signature": contract.date_signature
                    or fields.Date.context_today(self),
                }
            )
        # sudo: the employee type follows the contract (CESA: employee); the
        # team starting contracts need not be HR officers; only the employee
        # records of these contracts' people are touched
        self.env["hr.employee"].sudo().search(
            [("work_contact_id", "in", self.partner_id.ids)]
        )._cae_sync_employee_type()
        return True

    def _check_can_start(self):
        """Hook for the journey rules (cae_parcours)."""
        self.ensure_one()

    def action_end(self):
        for contract in self.filtered(lambda c: c.state == "running"):
            vals = {"state": "ended"}
            if not contract.date_end or contract.date_end > fields.Date.context_today(
                self
            ):
                vals["date_end"] = fields.Date.context_today(self)
            contract._cae_write_state(vals)
        return True

    def action_cancel(self):
        self.filtered(lambda c: c.state == "draft")._cae_write_state(
            {"state": "cancelled"}
        )
        return True

    def action_draft(self):
        # only a cancelled draft comes back: a contract that has run never
        # returns to draft (cancel is offered on drafts only)
        self.filtered(
            lambda c: c.state == "cancelled" and not c.date_signature
        )._cae_write_state({"state": "draft"})
        return True

    @api.model
    def _cron_end_expired_contracts(self):
        """Running contracts whose end date has passed become ended."""
        expired = self.search(
            [
                ("state", "=", "running"),
                ("date_end", "<", fields.Date.context_today(self)),
            ]
        )
        expired._cae_write_state({"state": "ended"})
