from odoo import api, fields, models
from odoo.exceptions import UserError

# the files a sheet mapping reads (OCA account_statement_import_sheet_file)
SHEET_EXTENSIONS = (".csv", ".txt", ".xls", ".xlsx")


class AccountStatementImport(models.TransientModel):
    """The statement import of the CAE menu: the admin team chooses the bank
    journal the lines land in. OCA's wizard takes the journal from the
    context only (its dashboard button), and the sheet parser reads the
    currency and the bank account from that journal: opened from a menu,
    a CSV statement had no currency."""

    _inherit = "account.statement.import"

    journal_id = fields.Many2one(
        "account.journal",
        string="Bank journal",
        domain=lambda self: [
            ("type", "=", "bank"),
            ("company_id", "=", self.env.company.id),
        ],
        default=lambda self: self._cae_default_journal(),
        help="Journal of the imported lines; its currency is the statement's. "
        "CAMT.053 and OFX files also find it by its bank account.",
    )

    @api.model
    def _cae_default_journal(self):
        """The journal the wizard was opened from, else the company's bank
        journal when it has only one."""
        Journal = self.env["account.journal"]
        if self.env.context.get("journal_id"):
            return Journal.browse(self.env.context["journal_id"])
        journals = Journal.search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=2
        )
        return journals if len(journals) == 1 else Journal

    @api.onchange("journal_id")
    def _onchange_journal_id(self):
        if self.journal_id.default_sheet_mapping_id:
            self.sheet_mapping_id = self.journal_id.default_sheet_mapping_id

    # override: the import runs in the chosen journal (OCA reads it from the context)
    def _import_file(self):
        self.ensure_one()
        wizard = self
        if self.journal_id:
            wizard = self.with_context(journal_id=self.journal_id.id)
        return super(AccountStatementImport, wizard)._import_file()

    # override: opened from the CAE menu, the imported lines are shown next,
    # in the list where the admin team gives them their activity
    def import_file_button(self):
        if not self.env.context.get("cae_bank_show_lines"):
            return super().import_file_button()
        result = self._import_file()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "cae_bank.account_bank_statement_line_action_cae"
        )
        action["domain"] = [("statement_id", "in", result["statement_ids"])]
        if result["notifications"]:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "message": "\n\n".join(result["notifications"]),
                    "next": action,
                },
            }
        return action

    # override: a sheet mapping reads sheets, with the journal it needs; a
    # CAMT.053 or OFX file goes to its own parser even when the journal has
    # a default CSV mapping
    def _parse_file(self, data_file):
        self.ensure_one()
        if self.sheet_mapping_id:
            name = (self.statement_filename or "").lower()
            if name and not name.endswith(SHEET_EXTENSIONS):
                self.sheet_mapping_id = False
            elif not self.env.context.get("journal_id"):
                raise UserError(
                    self.env._(
                        "Choose the bank journal of the statement: a CSV or "
                        "spreadsheet file gives neither its bank account nor "
                        "its currency."
                    )
                )
            elif not name:
                # the parser names the statement after its file
                self.statement_filename = "statement.csv"
        return super()._parse_file(data_file)
