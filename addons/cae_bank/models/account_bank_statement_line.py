from odoo import models


class AccountBankStatementLine(models.Model):
    """Bank lines belong to an activity: the one of the invoices or bills
    they pay once reconciled (OCA ``account_reconcile_oca``), or the one the
    admin team gives an unmatched line. The activity is the statement line's
    entry's (``cae_activity_id`` comes from ``account.move`` through
    ``_inherits``), so its bank line feeds the activity's cash."""

    _inherit = "account.bank.statement.line"

    # override: a line reconciled by hand takes the activity of what it settles
    def reconcile_bank_line(self):
        result = super().reconcile_bank_line()
        self._cae_activity_from_reconciliation()
        return result

    # override: a line reconciled by the rules takes the activity of what it settles
    def _auto_reconcile(self):
        result = super()._auto_reconcile()
        self._cae_activity_from_reconciliation()
        return result

    # override: a bank line given an activity carries its analytic account
    def write(self, vals):
        result = super().write(vals)
        if "cae_activity_id" in vals:
            self._cae_sync_analytic()
        return result

    def _cae_activity_from_reconciliation(self):
        """Give each reconciled line the activity of the documents it
        settles, when they all belong to one activity."""
        for st_line in self.filtered(lambda line: line.is_reconciled or line.line_ids):
            own_move = st_line.move_id
            lines = st_line.line_ids._all_reconciled_lines()
            settled = lines.filtered(
                lambda line, own_move=own_move: (
                    line.move_id.is_invoice(include_receipts=True)
                    or (line.move_id.cae_activity_id and line.move_id != own_move)
                )
            )
            activities = settled.cae_activity_id
            if len(activities) != 1:
                continue
            moves = (lines.move_id | own_move).filtered(
                lambda move: (
                    not move.is_invoice(include_receipts=True)
                    and not move.cae_activity_id
                )
            )
            moves.cae_activity_id = activities
        self._cae_sync_analytic()

    def _cae_sync_analytic(self):
        """Lines written by the reconciliation on an already posted entry:
        revenue and charges of an activity go to its analytic account."""
        lines = self.move_id.line_ids.filtered(
            lambda line: (
                line.cae_activity_id
                and line.account_id.internal_group in ("income", "expense")
            )
        )
        for line in lines:
            expected = {str(line.cae_activity_id.sudo().analytic_account_id.id): 100}
            if line.analytic_distribution != expected:
                line.analytic_distribution = expected
