from dateutil.relativedelta import relativedelta

from odoo import Command, fields

from odoo.addons.cae_contribution.tests.common import ContributionCommon


class DashboardCommon(ContributionCommon):
    """The CAE of the contribution tests, with helpers for the dashboard's
    documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.year_start = cls.company.compute_fiscalyear_dates(cls.today)["date_from"]

    @classmethod
    def _posted(cls, activity, amount, date, due=None, move_type="out_invoice"):
        move = cls._invoice(
            activity, cls.customer_a, amount, move_type=move_type, date=date
        )
        if due:
            move.invoice_date_due = due
        move.action_post()
        return move

    @classmethod
    def _quote(cls, activity, amount):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer_a.id,
                "cae_activity_id": activity.id,
                "order_line": [
                    Command.create(
                        {"product_id": cls.product_service.id, "price_unit": amount}
                    )
                ],
            }
        )

    @classmethod
    def _member_activity(cls, partner, code, trade_name=None):
        return cls.env["cae.activity"].create(
            {
                "name": f"Activity {code}",
                "code": code,
                "trade_name": trade_name or f"Trade {code}",
                "company_id": cls.company.id,
                "member_ids": [Command.link(partner.id)],
            }
        )

    @classmethod
    def _last_year(cls, date):
        return date - relativedelta(years=1)
