from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.cae_member.models.account_move import AccountMove as CaeAccountMove

from .cae_einvoice_status import REASON_REQUIRED, STATUS_CODES

# answers an entrepreneur gives to a bill of her activity
ANSWERS = {"approve": "205", "dispute": "207", "refuse": "210"}


class AccountMove(models.Model):
    _inherit = "account.move"

    # the reason of her answer to a supplier is hers to write (the answer
    # itself goes through the buttons)
    _cae_entrepreneur_fields = CaeAccountMove._cae_entrepreneur_fields | {
        "cae_einvoice_reason"
    }

    cae_operation_category = fields.Selection(
        [("goods", "Delivery of goods"), ("services", "Services"), ("mixed", "Both")],
        string="Operation category",
        compute="_compute_cae_operation_category",
        store=True,
        precompute=True,
        help="Category of the operation, a mention of the reform, derived "
        "from the products of the lines: services when every product is a "
        "service (lines without product count as services).",
    )
    cae_einvoice_status_ids = fields.One2many(
        "cae.einvoice.status", "move_id", string="Lifecycle statuses", readonly=True
    )
    cae_einvoice_status = fields.Selection(
        STATUS_CODES,
        string="E-invoice status",
        compute="_compute_cae_einvoice_status",
        help="Last lifecycle status of the invoice.",
    )
    cae_einvoice_reason = fields.Text(
        string="Reason of the answer",
        copy=False,
        help="Why the bill is disputed or refused: sent to the supplier with "
        "the status.",
    )
    cae_einvoice_document_id = fields.Many2one(
        "cae.einvoice.document",
        string="Received e-invoice",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="cae_member.cae_member_group_admin",
    )
    cae_is_einvoice = fields.Boolean(
        string="Electronic invoice",
        compute="_compute_cae_is_einvoice",
        help="A bill received through the platform, or an invoice to a French "
        "company: its statuses are exchanged with the platform.",
    )

    @api.depends("invoice_line_ids.product_id.type", "invoice_line_ids.display_type")
    def _compute_cae_operation_category(self):
        for move in self:
            lines = move.invoice_line_ids.filtered(
                lambda line: line.display_type == "product"
            )
            kinds = {
                "services"
                if not line.product_id or line.product_id.type == "service"
                else "goods"
                for line in lines
            }
            if not move.is_invoice(include_receipts=True) or not kinds:
                move.cae_operation_category = (
                    "services" if move.is_invoice(include_receipts=True) else False
                )
            elif len(kinds) == 2:
                move.cae_operation_category = "mixed"
            else:
                move.cae_operation_category = kinds.pop()

    @api.depends("cae_einvoice_status_ids.code")
    def _compute_cae_einvoice_status(self):
        for move in self:
            move.cae_einvoice_status = move.cae_einvoice_status_ids[:1].code

    @api.depends("move_type", "commercial_partner_id")
    def _compute_cae_is_einvoice(self):
        for move in self:
            move.cae_is_einvoice = move._cae_is_einvoice()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_einvoice_statuses(self):
        # the lifecycle statuses exchanged with the platform are evidence;
        # sudo: the guard holds whoever deletes, even a user who may not read
        # the statuses (only the documents' names are told)
        with_statuses = self.sudo().filtered("cae_einvoice_status_ids")
        if with_statuses:
            raise UserError(
                self.env._(
                    "%(moves)s carry e-invoicing statuses exchanged with the "
                    "platform: they cannot be deleted (cancel them instead).",
                    moves=", ".join(with_statuses.mapped("display_name")),
                )
            )

    def _cae_is_einvoice(self):
        """Whether the document is exchanged through the platform: a bill
        received as an e-invoice, or an invoice to a French company (B2B);
        sales to consumers and abroad are e-reported instead."""
        self.ensure_one()
        if self.is_purchase_document():
            # sudo: whether a received document exists, not what it says
            return bool(self.sudo().cae_einvoice_document_id)
        if self.is_sale_document():
            partner = self.commercial_partner_id
            return bool(
                partner.is_company
                and partner.country_code in (False, "FR")
                and (partner.siret or partner.company_registry)
            )
        return False

    def _cae_business_process(self):
        """BT-23 of the French specification: B1 goods, S1 services, M1 both
        (a plain invoice, deposited by the seller)."""
        self.ensure_one()
        return {"goods": "B1", "services": "S1", "mixed": "M1"}.get(
            self.cae_operation_category, "S1"
        )

    def _cae_record_status(self, code, reason=None, amount=0.0, payment_date=None):
        """Record a lifecycle status; the caller checked who may."""
        # sudo: statuses are evidence written by the methods that checked the
        # user's right on the document, never by the user directly
        return (
            self.env["cae.einvoice.status"]
            .sudo()
            .create(
                [
                    {
                        "move_id": move.id,
                        "code": code,
                        "reason": reason or False,
                        "amount": amount,
                        "payment_date": payment_date,
                        "user_id": self.env.user.id,
                    }
                    for move in self
                ]
            )
        )

    def _cae_answer(self, answer):
        """Approve, dispute or refuse supplier bills of one's activity."""
        code = ANSWERS[answer]
        self.check_access("read")
        user = self.env.user
        for move in self:
            if not move.is_purchase_document():
                raise UserError(
                    self.env._(
                        "%(move)s is not a supplier bill: only bills are "
                        "approved, disputed or refused.",
                        move=move.display_name,
                    )
                )
            if user._cae_is_entrepreneur_only() and not user._cae_is_own_activity(
                move.cae_activity_id
            ):
                raise AccessError(
                    self.env._("You can only answer the bills of your own activities.")
                )
            if not move._cae_is_einvoice():
                raise UserError(
                    self.env._(
                        "%(move)s was not received as an electronic invoice: "
                        "there is no platform to answer it through.",
                        move=move.display_name,
                    )
                )
            if move.state == "cancel":
                raise UserError(
                    self.env._(
                        "%(move)s is cancelled: it cannot be answered.",
                        move=move.display_name,
                    )
                )
            reason = (move.cae_einvoice_reason or "").strip()
            if code in REASON_REQUIRED and not reason:
                raise UserError(
                    self.env._(
                        "Give the reason of your answer to %(move)s: the supplier "
                        "needs it to correct the invoice.",
                        move=move.display_name,
                    )
                )
            move._cae_record_status(code, reason=reason)
            # sudo: the reason was read above; clearing it after its status is
            # recorded, on a bill the user was checked to own
            move.sudo().cae_einvoice_reason = False
        return True

    def action_cae_einvoice_approve(self):
        return self._cae_answer("approve")

    def action_cae_einvoice_dispute(self):
        return self._cae_answer("dispute")

    def action_cae_einvoice_refuse(self):
        return self._cae_answer("refuse")
