from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    cae_subscription_ids = fields.One2many(
        "cae.associate.subscription",
        "partner_id",
        string="Share subscriptions",
        readonly=True,
    )

    def action_cae_redeem_at_exit(self):
        """Redeem, on her exit date, every share the person still holds: each
        subscription refunds what the register says (the shares at their
        nominal value, at most what was paid and not refunded yet)."""
        Redemption = self.env["cae.associate.redemption"]
        # a button over RPC too: the register is the admin team's to write
        Redemption.check_access("create")
        vals_list = []
        for partner in self:
            if not partner.cae_exit_date:
                raise UserError(
                    self.env._(
                        "%(partner)s has no exit date: record her exit first.",
                        partner=partner.name,
                    )
                )
            held = partner.cae_subscription_ids.filtered(
                lambda s: s.is_validated and s.shares_held > 0
            )
            if not held:
                raise UserError(
                    self.env._(
                        "%(partner)s holds no share to redeem.", partner=partner.name
                    )
                )
            vals_list += [
                {
                    "subscription_id": subscription.id,
                    "share_count": subscription.shares_held,
                    "date": partner.cae_exit_date,
                    "reason": self.env._("Exit of the cooperative"),
                }
                for subscription in held
            ]
        Redemption.create(vals_list)
        return True

    def _cae_set_associate_date(self, date):
        """Record the associate date the register gives, with the checks of
        the field: this user writes this person and the field (its groups),
        then the constraints and the tracking of the write."""
        self.check_access("write")
        self.check_field_access_rights("write", ["cae_associate_date"])
        # sudo: core asks for write access on res.users to change the partner
        # of an internal user (every entrepreneur is one); the rights on the
        # person and the field were checked above, as cae_parcours does for
        # the journey fields
        self.sudo().write({"cae_associate_date": date})

    @api.constrains("cae_associate_date")
    def _check_cae_associate_date_register(self):
        """The register is the source of the associate date: once a person has
        a validated subscription, her associate date is the date of one of
        them (the first one, or the first one after a full redemption)."""
        # sudo: the register is checked whoever writes the partner (the
        # support team reads it, an import writes the date)
        subscriptions = (
            self.env["cae.associate.subscription"]
            .sudo()
            .search([("partner_id", "in", self.ids), ("state", "!=", "draft")])
        )
        for partner in self:
            dates = set(
                subscriptions.filtered(lambda s, p=partner: s.partner_id == p).mapped(
                    "date"
                )
            )
            if dates and partner.cae_associate_date not in dates:
                raise ValidationError(
                    self.env._(
                        "The associate date of %(partner)s comes from the register "
                        "of associates: it is the date of a validated share "
                        "subscription (%(dates)s).",
                        partner=partner.name,
                        dates=", ".join(sorted(str(d) for d in dates)),
                    )
                )
