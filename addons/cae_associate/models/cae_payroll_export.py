from odoo import api, fields, models
from odoo.tools import date_utils


class CaePayrollExport(models.Model):
    """The share deduction column: on each person's first line, the monthly
    amount of her subscriptions paid by payroll, at most their balance due.
    Generating the export records the payment of the month, once: an export
    of the same month generated again carries the payment already recorded
    and records nothing. Exports are kept as evidence (never deleted), and a
    payment points to its export (``ondelete="restrict"``)."""

    _inherit = "cae.payroll.export"

    share_payment_ids = fields.One2many(
        "cae.associate.payment",
        "payroll_export_id",
        string="Share payments",
        readonly=True,
    )

    @api.model
    def _cae_generate(self, month, company=None):
        export = super()._cae_generate(month, company=company)
        deductions = export._cae_share_deductions(export.line_ids.partner_id)
        new = [
            {
                "subscription_id": subscription.id,
                "amount": amount,
                "origin": "payroll",
                "date": date_utils.end_of(export.month, "month"),
                "payroll_month": export.month,
                "payroll_export_id": export.id,
            }
            for items in deductions.values()
            for subscription, amount, payment in items
            if not payment
        ]
        if new:
            # sudo: the export (admin team only) pays the shares of every
            # associate it deducts
            self.env["cae.associate.payment"].sudo().create(new)
        return export

    def _cae_share_deductions(self, partners):
        """{partner id: [(subscription, amount, payment of the month or None)]}
        for the subscriptions paid by payroll of ``partners`` this month."""
        self.ensure_one()
        # sudo: the export reads every associate's subscriptions (admin team)
        subscriptions = (
            self.env["cae.associate.subscription"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", partners.ids),
                    ("company_id", "=", self.company_id.id),
                    ("is_validated", "=", True),
                    ("payment_mode", "=", "payroll"),
                    ("date", "<=", date_utils.end_of(self.month, "month")),
                ],
                order="date, id",
            )
        )
        payments = (
            self.env["cae.associate.payment"]
            .sudo()
            .search(
                [
                    ("subscription_id", "in", subscriptions.ids),
                    ("payroll_month", "=", self.month),
                ]
            )
        )
        payment_of = {p.subscription_id.id: p for p in payments}
        result = {}
        for subscription in subscriptions:
            payment = payment_of.get(subscription.id)
            if payment:
                amount = payment.amount
            elif subscription.state == "subscribed":
                amount = min(subscription.monthly_amount, subscription.amount_due)
            else:
                continue
            if amount > 0:
                result.setdefault(subscription.partner_id.id, []).append(
                    (subscription, amount, payment)
                )
        return result

    def _cae_line_values(self):
        values = super()._cae_line_values()
        partners = self.env["res.partner"].browse({v["partner_id"] for v in values})
        deductions = self._cae_share_deductions(partners)
        seen = set()
        for vals in values:
            partner_id = vals["partner_id"]
            # on the first line of the person (her main activity)
            vals["share_deduction"] = (
                0.0
                if partner_id in seen
                else sum(amount for __, amount, __ in deductions.get(partner_id, []))
            )
            seen.add(partner_id)
        return values

    def _cae_extra_columns(self):
        return super()._cae_extra_columns() + [
            (self.env._("Share deduction"), "share_deduction", 2)
        ]
