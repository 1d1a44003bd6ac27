from odoo import api, models
from odoo.exceptions import UserError

# Why an override and not Odoo's hash lock on the contribution journal: the
# hash chain locks the whole journal in date order, so re-running an earlier
# month or levying a regularisation dated before the last hashed entry would
# be refused, and the lock says nothing of the contribution line; it can also
# be left unticked on the journal. The evidence is the pair line + entry: the
# entry is locked exactly while a contribution line points at it, for every
# user (the admin team and the superuser included), whatever the way in
# (button, reversal wizard, direct write of the state, deletion).

# fields of a posted contribution entry that no one may change
LOCKED_MOVE_FIELDS = frozenset(
    {
        "state",
        "journal_id",
        "company_id",
        "date",
        "name",
        "move_type",
        "line_ids",
        "invoice_line_ids",
        "currency_id",
        "cae_activity_id",
    }
)
LOCKED_LINE_FIELDS = frozenset(
    {
        "move_id",
        "account_id",
        "debit",
        "credit",
        "balance",
        "amount_currency",
        "currency_id",
        "analytic_distribution",
        "cae_activity_id",
        "date",
        "company_id",
        "display_type",
    }
)


class AccountMove(models.Model):
    _inherit = "account.move"

    def _cae_check_not_contribution_entry(self):
        """Refuse when one of these entries records a contribution levied."""
        if not self.ids:
            return
        # sudo: the lock holds for every user, whoever may read the line;
        # only the entry's name and activity are told
        line = (
            self.env["cae.contribution.line"]
            .sudo()
            .search([("move_id", "in", self.ids)], limit=1)
        )
        if line:
            raise UserError(
                self.env._(
                    "The entry %(entry)s records the contribution levied on "
                    "%(activity)s: it is accounting evidence and cannot be reset "
                    "to draft, cancelled, reversed, changed or deleted. A "
                    "correction is levied by the next contribution run.",
                    entry=line.move_id.name,
                    activity=line.activity_id.display_name,
                )
            )

    def write(self, vals):
        locked = set(vals) & LOCKED_MOVE_FIELDS
        if vals.get("state") == "posted":
            locked.discard("state")
        if locked:
            self.filtered(
                lambda m: m.state == "posted"
            )._cae_check_not_contribution_entry()
        return super().write(vals)

    def button_draft(self):
        self._cae_check_not_contribution_entry()
        return super().button_draft()

    def button_cancel(self):
        self._cae_check_not_contribution_entry()
        return super().button_cancel()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        self._cae_check_not_contribution_entry()
        return super()._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contribution_entry(self):
        self._cae_check_not_contribution_entry()


# fields of the analytic lines of a posted contribution entry that no one may
# change (the plans' columns are added at run time)
LOCKED_ANALYTIC_FIELDS = frozenset(
    {
        "amount",
        "account_id",
        "move_line_id",
        "general_account_id",
        "date",
        "company_id",
        "cae_activity_id",
    }
)


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def write(self, vals):
        if LOCKED_LINE_FIELDS & set(vals):
            self.filtered(
                lambda line: line.parent_state == "posted"
            ).move_id._cae_check_not_contribution_entry()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contribution_entry(self):
        self.move_id._cae_check_not_contribution_entry()


class AccountAnalyticLine(models.Model):
    _inherit = "account.analytic.line"

    def _cae_contribution_moves(self):
        return self.move_line_id.filtered(
            lambda line: line.parent_state == "posted"
        ).move_id

    def write(self, vals):
        if set(vals) & (LOCKED_ANALYTIC_FIELDS | set(self._get_plan_fnames())):
            self._cae_contribution_moves()._cae_check_not_contribution_entry()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_contribution_entry(self):
        self._cae_contribution_moves()._cae_check_not_contribution_entry()
