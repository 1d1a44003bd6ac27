from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_round


class CaeEinvoiceSplit(models.TransientModel):
    """Assign a received bill to one activity, or split it across several.

    cae_member keeps every line of a bill on the bill's activity, so a split
    bill becomes one draft bill per activity, each with its share of every
    line (the last share takes the rounding remainder, the total is the
    supplier's). The bills keep the supplier's number and the received
    document, which lists them."""

    _name = "cae.einvoice.split"
    _description = "Assign or split a received bill"

    document_id = fields.Many2one("cae.einvoice.document", required=True)
    currency_id = fields.Many2one(related="document_id.currency_id")
    amount_total = fields.Monetary(related="document_id.amount_total")
    line_ids = fields.One2many("cae.einvoice.split.line", "split_id", string="Shares")

    @api.model
    def default_get(self, fields_list):
        # EXTENDS base: the wizard opens on one share of 100 % to fill in
        values = super().default_get(fields_list)
        if "line_ids" in fields_list and not values.get("line_ids"):
            values["line_ids"] = [Command.create({"percent": 100.0})]
        return values

    def action_confirm(self):
        self.ensure_one()
        document = self.document_id
        document._cae_check_to_assign()
        shares = self.line_ids
        if not shares:
            raise UserError(self.env._("Give at least one activity."))
        if len(shares.activity_id) != len(shares):
            raise UserError(self.env._("Each activity may appear only once."))
        if any(float_compare(share.percent, 0.0, 2) <= 0 for share in shares):
            raise UserError(self.env._("Each share must be more than 0 %."))
        if float_compare(sum(shares.mapped("percent")), 100.0, 2) != 0:
            raise UserError(
                self.env._(
                    "The shares add up to %(total)s %%, not 100 %%.",
                    total=sum(shares.mapped("percent")),
                )
            )
        foreign = shares.activity_id.filtered(
            lambda a: a.company_id != document.company_id
        )
        if foreign:
            raise UserError(
                self.env._(
                    "Activity %(activity)s belongs to another company.",
                    activity=foreign[0].display_name,
                )
            )
        bill = document.move_ids
        if len(bill) != 1:
            raise UserError(
                self.env._(
                    "%(name)s must have exactly one draft bill to be split.",
                    name=document.display_name,
                )
            )
        if len(shares) == 1:
            document._cae_assign(shares.activity_id)
            return {"type": "ir.actions.act_window_close"}
        self._cae_split(bill, shares)
        document.write({"state": "split", "routing": "manual"})
        return {"type": "ir.actions.act_window_close"}

    def _cae_split(self, bill, shares):
        lines = bill.invoice_line_ids.filtered(lambda li: li.display_type == "product")
        digits = bill.currency_id.decimal_places
        # prices of each line per share, the last share takes the remainder
        prices = {}
        for line in lines:
            given = 0.0
            for index, share in enumerate(shares):
                if index == len(shares) - 1:
                    price = line.price_unit - given
                else:
                    price = float_round(
                        line.price_unit * share.percent / 100.0, precision_digits=digits
                    )
                    given += price
                prices[(line.id, share.id)] = price
        header = {
            "ref": bill.ref,
            "invoice_date": bill.invoice_date,
            "invoice_date_due": bill.invoice_date_due,
            "payment_reference": bill.payment_reference,
            "cae_einvoice_document_id": bill.cae_einvoice_document_id.id,
        }
        for index, share in enumerate(shares):
            if index == 0:
                target = bill
            else:
                target = bill.copy(dict(header))
            target.cae_activity_id = share.activity_id
            target_lines = target.invoice_line_ids.filtered(
                lambda li: li.display_type == "product"
            )
            target.write(
                {
                    "invoice_line_ids": [
                        Command.update(
                            target_line.id,
                            {"price_unit": prices[(line.id, share.id)]},
                        )
                        for target_line, line in zip(target_lines, lines, strict=True)
                    ]
                }
            )
            target.message_post(
                body=self.env._(
                    "Share of %(percent)s %% of the received invoice %(number)s.",
                    percent=share.percent,
                    number=bill.ref or "",
                )
            )
