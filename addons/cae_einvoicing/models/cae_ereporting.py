from collections import defaultdict

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils


class CaeEreporting(models.Model):
    """E-reporting of a period (flux 10 of the French specification): the
    sales that are not e-invoiced (to consumers, or international) and the
    payments of services invoices, for the tax administration through the
    platform."""

    _name = "cae.ereporting"
    _description = "E-reporting of a period"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: date_utils.start_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        ),
    )
    date_to = fields.Date(
        string="To",
        required=True,
        default=lambda self: date_utils.end_of(
            fields.Date.context_today(self) - relativedelta(months=1), "month"
        ),
    )
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Generated")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many("cae.ereporting.line", "ereporting_id", readonly=True)
    file_id = fields.Many2one("ir.attachment", readonly=True)
    file_sent = fields.Boolean(string="Sent to the platform", readonly=True)

    _sql_constraints = [
        (
            "dates_check",
            "CHECK(date_from <= date_to)",
            "The period must end after it starts.",
        )
    ]

    @api.depends("date_from", "date_to", "company_id")
    def _compute_name(self):
        for report in self:
            report.name = self.env._(
                "E-reporting %(date_from)s - %(date_to)s",
                date_from=report.date_from,
                date_to=report.date_to,
            )

    @api.model
    def _cae_kind(self, move):
        """b2c, international, or False for a domestic sale to a company
        (which is e-invoiced, not e-reported)."""
        partner = move.commercial_partner_id
        if partner.country_id and partner.country_id.code != "FR":
            return "international"
        if not partner.is_company and not partner.vat and not partner.siret:
            return "b2c"
        return False

    def action_generate(self):
        for report in self:
            if report.state != "draft":
                raise UserError(
                    self.env._("%(name)s was already generated.", name=report.name)
                )
            report.line_ids = [Command.clear()] + [
                Command.create(vals) for vals in report._cae_line_values()
            ]
            name, content = report._cae_file()
            report.file_id = self.env["ir.attachment"].create(
                {
                    "name": name,
                    "raw": content,
                    "mimetype": "application/xml",
                    "res_model": self._name,
                    "res_id": report.id,
                }
            )
            report.state = "done"
            connector = report.company_id.cae_einvoicing_connector_id
            if connector:
                connector._cae_send(name, content)
                report.file_sent = True
        return True

    def action_reset(self):
        self.write({"state": "draft", "file_sent": False})

    def _cae_line_values(self):
        self.ensure_one()
        moves = self.env["account.move"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", self.date_from),
                ("invoice_date", "<=", self.date_to),
            ],
            order="invoice_date, id",
        )
        values = []
        for move in moves:
            kind = self._cae_kind(move)
            if not kind:
                continue
            values.append(
                {
                    "kind": kind,
                    "move_id": move.id,
                    "date": move.invoice_date,
                    "country_code": move.commercial_partner_id.country_id.code or "FR",
                    "amount_untaxed": move.amount_untaxed_signed,
                    "amount_tax": move.amount_tax_signed,
                    "amount_total": move.amount_total_signed,
                }
            )
        statuses = self.env["cae.einvoice.status"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("code", "=", "212"),
                ("payment_date", ">=", self.date_from),
                ("payment_date", "<=", self.date_to),
            ],
            order="payment_date, id",
        )
        for status in statuses:
            if not self._cae_kind(status.move_id):
                continue
            values.append(
                {
                    "kind": "payment",
                    "move_id": status.move_id.id,
                    "date": status.payment_date,
                    "country_code": status.move_id.commercial_partner_id.country_id.code
                    or "FR",
                    "amount_total": status.amount,
                }
            )
        return values

    def _cae_file(self):
        """Flux 10: 10.1 transactions of consumers aggregated per day,
        category and currency; 10.2 international sales one by one; 10.3
        payments of services aggregated per day."""
        self.ensure_one()
        siren = self.company_id._cae_siren() or ""
        root = etree.Element("EReporting", flux="10")
        header = etree.SubElement(root, "Header")
        etree.SubElement(header, "DeclarantSIREN").text = siren
        etree.SubElement(header, "DeclarantName").text = self.company_id.name
        etree.SubElement(header, "PeriodStart").text = self.date_from.strftime("%Y%m%d")
        etree.SubElement(header, "PeriodEnd").text = self.date_to.strftime("%Y%m%d")
        etree.SubElement(header, "Currency").text = self.currency_id.name

        transactions = etree.SubElement(root, "TransactionsReport")
        aggregates = defaultdict(lambda: [0, 0.0, 0.0])
        for line in self.line_ids.filtered(lambda li: li.kind == "b2c"):
            key = (line.date, line.operation_category or "services")
            aggregates[key][0] += 1
            aggregates[key][1] += line.amount_untaxed
            aggregates[key][2] += line.amount_tax
        for (date, category), (count, untaxed, tax) in sorted(aggregates.items()):
            node = etree.SubElement(transactions, "AggregatedTransactions")
            etree.SubElement(node, "Date").text = date.strftime("%Y%m%d")
            etree.SubElement(node, "Category").text = {
                "goods": "TLB1",
                "services": "TPS1",
                "mixed": "TMA1",
            }[category]
            etree.SubElement(node, "TransactionCount").text = str(count)
            etree.SubElement(node, "TaxableAmount").text = f"{untaxed:.2f}"
            etree.SubElement(node, "TaxAmount").text = f"{tax:.2f}"
        for line in self.line_ids.filtered(lambda li: li.kind == "international"):
            node = etree.SubElement(transactions, "Invoice")
            etree.SubElement(node, "ID").text = line.move_id.name
            etree.SubElement(node, "IssueDate").text = line.date.strftime("%Y%m%d")
            etree.SubElement(node, "TypeCode").text = (
                "381" if line.move_id.move_type == "out_refund" else "380"
            )
            etree.SubElement(
                node, "BusinessProcess"
            ).text = line.move_id._cae_business_process()
            buyer = etree.SubElement(node, "Buyer")
            partner = line.move_id.commercial_partner_id
            etree.SubElement(buyer, "Name").text = partner.name
            etree.SubElement(buyer, "CountryID").text = line.country_code
            if partner.vat:
                etree.SubElement(buyer, "VATID").text = partner.vat
            etree.SubElement(node, "TaxableAmount").text = f"{line.amount_untaxed:.2f}"
            etree.SubElement(node, "TaxAmount").text = f"{line.amount_tax:.2f}"
        payments = etree.SubElement(root, "PaymentsReport")
        paid = defaultdict(float)
        for line in self.line_ids.filtered(lambda li: li.kind == "payment"):
            paid[line.date] += line.amount_total
        for date, amount in sorted(paid.items()):
            node = etree.SubElement(payments, "AggregatedPayments")
            etree.SubElement(node, "Date").text = date.strftime("%Y%m%d")
            etree.SubElement(node, "Amount").text = f"{amount:.2f}"
        name = (
            f"EREPORTING_{siren}_{self.date_from.strftime('%Y%m%d')}_"
            f"{self.date_to.strftime('%Y%m%d')}.xml"
        )
        return name, etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", pretty_print=True
        )
