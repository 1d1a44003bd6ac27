from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    cae_board_member = fields.Boolean(
        string="Board member",
        tracking=True,
        copy=False,
        help="Invited to the board meetings, where only board members who are "
        "associates vote.",
    )

    def _cae_is_associate_at(self, date):
        """True when the partner is an associate of the cooperative on ``date``."""
        self.ensure_one()
        return self.is_cae_member and self._cae_status_at(date) == "associate"

    def _cae_associate_domain(self, date):
        """The associates on ``date`` (joined on or before it, not exited)."""
        return [
            ("is_cae_member", "=", True),
            ("cae_associate_date", "!=", False),
            ("cae_associate_date", "<=", date),
            "|",
            ("cae_exit_date", "=", False),
            ("cae_exit_date", ">", date),
        ]
