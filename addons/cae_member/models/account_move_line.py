from contextlib import contextmanager

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL, index_exists

from .base import cae_trusted_exit

# accounts an entrepreneur may put on the lines of her invoices and bills:
# revenue, charges and equipment, never cash, receivables, payables or taxes
ENTREPRENEUR_ACCOUNT_TYPES = (
    "income",
    "income_other",
    "expense",
    "expense_direct_cost",
    "expense_depreciation",
    "asset_fixed",
)

# the index of the états des comptes' aggregate (see AccountMoveLine.init)
STATEMENT_INDEX = "account_move_line_cae_statement_idx"


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # what an entrepreneur sets on the lines of her invoices and bills; the
    # activity of a line is the document's (checked below), amounts come
    # from quantities and prices
    _cae_entrepreneur_fields = frozenset(
        {
            "account_id",
            "analytic_distribution",
            "cae_activity_id",
            "currency_id",
            "date_maturity",
            "deferred_end_date",
            "deferred_start_date",
            "discount",
            "display_type",
            "move_id",
            "name",
            "partner_id",
            "price_unit",
            "product_id",
            "product_uom_id",
            "quantity",
            "sequence",
            "tax_ids",
        }
    )

    cae_activity_id = fields.Many2one(
        "cae.activity",
        string="Activity",
        compute="_compute_cae_activity_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        check_company=True,
    )

    def init(self):
        super().init()
        # the états des comptes sum the posted items of the activities by
        # activity and account (cae.account.statement): this index hands them
        # over in that order with their date and balance, read from the index
        # alone, without sorting or hashing a million items. The structure's
        # own items (no activity) are not in it.
        if not index_exists(self.env.cr, STATEMENT_INDEX):
            self.env.cr.execute(
                SQL(
                    """CREATE INDEX %s ON account_move_line
                       (cae_activity_id, account_id) INCLUDE (date, balance)
                       WHERE parent_state = 'posted' AND cae_activity_id IS NOT NULL""",
                    SQL.identifier(STATEMENT_INDEX),
                )
            )

    @api.depends("move_id.cae_activity_id")
    def _compute_cae_activity_id(self):
        for line in self:
            move = line.move_id
            if move.is_invoice(include_receipts=True):
                # every line of an invoice belongs to the invoice's activity
                line.cae_activity_id = move.cae_activity_id
            else:
                # entries (payroll...) may spread lines over several activities
                line.cae_activity_id = move.cae_activity_id or line.cae_activity_id

    # override: income and expense lines go to the activity's analytic account
    @api.depends("cae_activity_id")
    def _compute_analytic_distribution(self):
        super()._compute_analytic_distribution()
        pnl = self.filtered(
            lambda line: (
                line.display_type == "product"
                and line.account_id.internal_group in ("income", "expense")
            )
        )
        for line in pnl.filtered("cae_activity_id"):
            line.analytic_distribution = {
                str(line.cae_activity_id.sudo().analytic_account_id.id): 100
            }
        # a line that leaves its activity leaves the activity's account too
        orphans = pnl.filtered(
            lambda line: not line.cae_activity_id and line.analytic_distribution
        )
        if orphans:
            activity_keys = {
                str(account_id)
                for account_id in self.env["cae.activity"]
                .sudo()
                .with_context(active_test=False)
                .search([])
                .analytic_account_id.ids
            }
            for line in orphans:
                line.analytic_distribution = {
                    key: value
                    for key, value in line.analytic_distribution.items()
                    if not set(key.split(",")) & activity_keys
                } or False

    @api.constrains("cae_activity_id", "move_id")
    def _check_cae_activity_of_document(self):
        # every line of an invoice or a bill belongs to the document's
        # activity (a line moved to another activity would move revenue or
        # purchases out of it)
        for line in self:
            move = line.move_id
            if (
                move.is_invoice(include_receipts=True)
                and line.cae_activity_id != move.cae_activity_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(move)s: every line of an invoice or a bill belongs to "
                        "the document's activity.",
                        move=move.display_name,
                    )
                )

    @contextmanager
    def _sync_invoice(self, container):
        # core recomputes the balance of the lines whose amount changed when
        # the caller's values are in: its arithmetic, trusted (see
        # account.move._sync_dynamic_lines)
        if not self._cae_guard_applies():
            with super()._sync_invoice(container):
                yield
            return
        with cae_trusted_exit(super()._sync_invoice(container)):
            yield

    # override: an entrepreneur's lines use only her account types
    @api.model_create_multi
    def create(self, vals_list):
        if self._cae_guard_applies():
            for vals in vals_list:
                self._cae_check_entrepreneur_account(vals.get("account_id"))
        return super().create(vals_list)

    def _cae_check_entrepreneur_account(self, account_id):
        if not account_id:
            return
        # sudo: reading the type of an account she may not read herself
        account = self.env["account.account"].sudo().browse(account_id)
        if account.account_type not in ENTREPRENEUR_ACCOUNT_TYPES:
            raise AccessError(
                self.env._(
                    "As an entrepreneur you can put only revenue, charge or "
                    "equipment accounts on your lines, not %(account)s.",
                    account=account.display_name,
                )
            )

    # override: an entrepreneur's account types; a posted entry keeps its lines'
    # activity
    def write(self, vals):
        if "account_id" in vals and self._cae_guard_applies():
            self._cae_check_entrepreneur_account(vals["account_id"])
        if "cae_activity_id" in vals:
            # a posted entry keeps the activity of its lines (bank lines
            # excepted, see account.move._cae_check_activity_locked)
            self.filtered(
                lambda line: (
                    line.cae_activity_id.id != (vals["cae_activity_id"] or False)
                )
            ).move_id._cae_raise_if_activity_locked()
        return super().write(vals)

    def _cae_analytic_error(self, activity_accounts):
        """Why this revenue or expense line may not be posted, or None.

        ``activity_accounts`` maps str(analytic account id) to its activity.
        """
        self.ensure_one()
        distribution = self.analytic_distribution or {}
        label = self.name or self.account_id.display_name
        activity = self.cae_activity_id
        if activity:
            expected = {str(activity.sudo().analytic_account_id.id): 100.0}
            if {k: float(v) for k, v in distribution.items()} != expected:
                return self.env._(
                    '%(move)s, line "%(line)s": the analytic distribution must be '
                    "exactly the account of activity %(activity)s at 100%%.",
                    move=self.move_id.display_name,
                    line=label,
                    activity=activity.display_name,
                )
            return None
        foreign = [
            activity_accounts[key]
            for compound in distribution
            for key in compound.split(",")
            if key in activity_accounts
        ]
        if foreign:
            return self.env._(
                '%(move)s, line "%(line)s" carries the analytic account of activity '
                "%(activity)s but does not belong to it.",
                move=self.move_id.display_name,
                line=label,
                activity=foreign[0].display_name,
            )
        return None
