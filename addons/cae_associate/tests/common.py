"""A CAE whose shares are worth 25 EUR, paid by 10 EUR a month (the payroll
fixtures of cae_payroll: A and B under CESA since 2025-01-01)."""

from odoo.addons.cae_payroll.tests.common import PayrollCommon


class AssociateCommon(PayrollCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "cae_share_value": 25.0,
                "cae_share_monthly_deduction": 10.0,
                "cae_legal_form": "SCOP SA à capital variable",
                "cae_share_capital": 12500.0,
            }
        )
        cls.Subscription = cls.env["cae.associate.subscription"].with_user(
            cls.user_admin
        )

    @classmethod
    def _subscribe(cls, partner, shares=4, date="2025-02-15", validate=True, **vals):
        subscription = cls.Subscription.create(
            {
                "partner_id": partner.id,
                "share_count": shares,
                "date": date,
                "company_id": cls.company.id,
                **vals,
            }
        )
        if validate:
            subscription.action_subscribe()
        return subscription

    def _pay(self, subscription, amount, date="2025-02-20"):
        return (
            self.env["cae.associate.payment"]
            .with_user(self.user_admin)
            .create(
                {"subscription_id": subscription.id, "amount": amount, "date": date}
            )
        )

    def _redeem(self, subscription, shares, date="2026-01-31"):
        wizard = (
            self.env["cae.associate.redeem"]
            .with_user(self.user_admin)
            .create(
                {
                    "subscription_id": subscription.id,
                    "share_count": shares,
                    "date": date,
                    "reason": "Sortie",
                }
            )
        )
        wizard.action_redeem()
        return subscription.redemption_ids[-1:]
