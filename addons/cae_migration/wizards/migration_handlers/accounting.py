"""The accounting files: the opening balances (one opening entry) and the
open quotes, unpaid invoices and bills."""

from collections import defaultdict

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from ..migration_parser import LineError, parse_amount
from .base import MigrationHandler

DOCUMENT_KINDS = {
    "quote": "quote",
    "devis": "quote",
    "invoice": "out_invoice",
    "facture": "out_invoice",
    "bill": "in_invoice",
    "facture fournisseur": "in_invoice",
    "achat": "in_invoice",
}


class BalancesHandler(MigrationHandler):
    """One opening entry: for each activity its cash share, receivables,
    debts and (for a migration during the year) its revenue and charges so
    far, balanced on the opening counterpart account."""

    kind = "balances"
    columns = (
        ("ref", "activity_code"),
        ("cash", "customers", "suppliers", "taxes_due", "revenue_ytd", "charges_ytd"),
    )

    def accounts(self):
        """{column: (account, sign of its balance)}"""
        wizard = self.wizard
        return {
            "cash": (wizard.cash_account_id, 1),
            "customers": (wizard.customer_account_id, 1),
            "suppliers": (wizard.supplier_account_id, -1),
            "taxes_due": (wizard.tax_account_id, -1),
            "revenue_ytd": (wizard.revenue_account_id, -1),
            "charges_ytd": (wizard.charge_account_id, 1),
        }

    def handle(self, rows):
        self.accounts_by_column = self.accounts()
        self.lines, self.done = [], []
        # the lines only check and collect: no savepoint needed
        created, errors = 0, []
        for number, row in rows:
            try:
                self.check_one(number, row)
                created += 1
            except (LineError, UserError, ValidationError, ValueError) as error:
                errors.append(self.line_error(number, error))
        if errors or not self.lines:
            return created, errors
        wizard = self.wizard
        if not wizard.opening_journal_id:
            return 0, [self.env._("choose the journal of the opening entry")]
        try:
            with self.env.cr.savepoint():
                move = self.env["account.move"].create(
                    {
                        "move_type": "entry",
                        "journal_id": wizard.opening_journal_id.id,
                        "date": wizard.opening_date,
                        "ref": self.env._("Opening balances (migration)"),
                        "company_id": self.company.id,
                        "cae_activity_id": False,
                        "line_ids": [Command.create(vals) for vals in self.lines],
                    }
                )
                move.action_post()
                self.remember_many([(ref, move) for ref in self.done])
                self.env.flush_all()
        except (UserError, ValidationError) as error:
            self.env.invalidate_all()
            return 0, [
                self.env._(
                    "the opening entry cannot be posted: %(message)s",
                    message=error.args[0],
                )
            ]
        return created, errors

    def check_one(self, number, row):
        """The lines of one activity, kept for the entry."""
        currency = self.company.currency_id
        activity = self.run.activities([row["activity_code"]])
        activity_lines = []
        total = 0.0
        for column, (account, sign) in self.accounts_by_column.items():
            amount = self.amount(row, column)
            if currency.is_zero(amount):
                continue
            if not account:
                raise LineError(
                    self.env._(
                        "%(column)s: choose its account in the wizard", column=column
                    )
                )
            balance = currency.round(sign * amount)
            total += balance
            activity_lines.append(self.line(activity, account, balance, column))
        if not currency.is_zero(total):
            counterpart = self.wizard.counterpart_account_id
            if not counterpart:
                raise LineError(self.env._("choose the opening counterpart account"))
            activity_lines.append(
                self.line(activity, counterpart, -currency.round(total), "counterpart")
            )
        self.lines.extend(activity_lines)
        self.done.append(row["ref"])

    def line(self, activity, account, balance, column):
        labels = {
            "cash": self.env._("Cash share"),
            "customers": self.env._("Customers to collect"),
            "suppliers": self.env._("Suppliers to pay"),
            "taxes_due": self.env._("Taxes due"),
            "revenue_ytd": self.env._("Revenue of the year so far"),
            "charges_ytd": self.env._("Charges of the year so far"),
            "counterpart": self.env._("Opening balance"),
        }
        return {
            "account_id": account.id,
            "name": f"{activity.code} - {labels[column]}",
            "debit": balance if balance > 0 else 0.0,
            "credit": -balance if balance < 0 else 0.0,
            "cae_activity_id": activity.id,
        }


class DocumentsHandler(MigrationHandler):
    """Open quotes (sale orders), unpaid invoices and bills: the lines
    sharing a ref make one document, kept with its former number."""

    kind = "documents"
    columns = (
        ("ref", "kind", "activity_code", "partner_ref", "date", "unit_price"),
        ("number", "due_date", "label", "quantity", "tax_rate"),
    )
    shared_refs = True

    def handle(self, rows):
        self.partners = self.run.lookup(
            "partners", [row["partner_ref"] for _n, row in rows]
        )
        self.taxes = self.company_taxes()
        grouped = defaultdict(list)
        for number, row in rows:
            grouped[row["ref"]].append((number, row))
        errors, documents = [], []
        for ref, doc_rows in grouped.items():
            try:
                documents.append((ref, doc_rows, self.prepare_document(ref, doc_rows)))
            except (LineError, UserError, ValidationError, ValueError) as error:
                errors.append(self.document_error(doc_rows, error))
        # by batches of documents: one create per kind and batch, the
        # background job's progress after each
        start = self.run.lines_done
        done = len(rows) - sum(len(doc_rows) for _ref, doc_rows, _p in documents)
        created = 0
        for index in range(0, len(documents), self.batch_size):
            batch = documents[index : index + self.batch_size]
            try:
                with self.env.cr.savepoint():
                    self.create_documents(batch)
                    self.env.flush_all()
                created += len(batch)
            except (LineError, UserError, ValidationError, ValueError):
                self.env.invalidate_all()
                self.run.forget_activities()
                # one by one, to name the document refused
                for document in batch:
                    try:
                        with self.env.cr.savepoint():
                            self.create_documents([document])
                            self.env.flush_all()
                        created += 1
                    except (LineError, UserError, ValidationError, ValueError) as error:
                        self.env.invalidate_all()
                        self.run.forget_activities()
                        errors.append(self.document_error(document[1], error))
            done += sum(len(doc_rows) for _ref, doc_rows, _p in batch)
            self.run.progress_to(start + done)
        return created, [message for _number, message in sorted(errors)]

    def document_error(self, doc_rows, error):
        """(number, message) of a document refused, named by its first line;
        its other lines are refused with it."""
        number = doc_rows[0][0]
        message = self.line_error(number, error)
        for other, _row in doc_rows[1:]:
            self._failed.setdefault(other, message)
        return number, message

    def company_taxes(self):
        """{(rate, use): tax} of the company's percent taxes, price excluded
        (the first by sequence, as a search with limit=1 would give)."""
        taxes = {}
        for tax in self.env["account.tax"].search(
            [
                ("company_id", "=", self.company.id),
                ("type_tax_use", "in", ("sale", "purchase")),
                ("amount_type", "=", "percent"),
                ("price_include", "=", False),
            ]
        ):
            taxes.setdefault((round(tax.amount, 4), tax.type_tax_use), tax)
        return taxes

    def tax(self, rate, use):
        tax = self.taxes.get((round(rate, 4), use))
        if not tax:
            raise LineError(
                self.env._("no %(use)s tax at %(rate)s %%", use=use, rate=rate)
            )
        return tax

    def document_line(self, ref, first, number, row, use):
        try:
            quantity = parse_amount(row.get("quantity") or "1")
            price = self.amount(row, "unit_price")
            rate = parse_amount(row.get("tax_rate") or "0")
            if row["activity_code"] != first["activity_code"] or (
                row["kind"] != first["kind"]
            ):
                raise LineError(
                    self.env._(
                        "the lines of document %(ref)s must share its kind "
                        "and activity",
                        ref=ref,
                    )
                )
            tax = self.tax(rate, use) if rate else None
        except (LineError, ValueError) as error:
            raise LineError(self.line_error(number, error)) from error
        return {
            "name": row.get("label") or first.get("number") or ref,
            "quantity": quantity,
            "price_unit": price,
            "tax_ids": [Command.set(tax.ids if tax else [])],
        }

    def prepare_document(self, ref, doc_rows):
        """(kind, values) of one document, checked; writes nothing."""
        first = doc_rows[0][1]
        kind = DOCUMENT_KINDS.get((first["kind"] or "").lower())
        if not kind:
            raise LineError(
                self.env._(
                    "the kind is quote, invoice or bill, not %(kind)s",
                    kind=first["kind"],
                )
            )
        activity = self.run.activities([first["activity_code"]])
        partner = self.partners.get(first["partner_ref"])
        if not partner:
            raise LineError(
                self.env._(
                    "unknown customer or supplier reference %(ref)s",
                    ref=first["partner_ref"],
                )
            )
        doc_date = self.date(first, "date", required=True)
        use = "purchase" if kind == "in_invoice" else "sale"
        line_vals = [
            self.document_line(ref, first, number, row, use) for number, row in doc_rows
        ]
        old_number = first.get("number") or ref
        if kind == "quote":
            return kind, {
                "partner_id": partner.id,
                "cae_activity_id": activity.id,
                "date_order": doc_date,
                "client_order_ref": old_number,
                "company_id": self.company.id,
                "order_line": [
                    Command.create(
                        {
                            "name": vals["name"],
                            "product_uom_qty": vals["quantity"],
                            "price_unit": vals["price_unit"],
                            "tax_id": vals["tax_ids"],
                        }
                    )
                    for vals in line_vals
                ],
            }
        return kind, {
            "move_type": kind,
            "partner_id": partner.id,
            "cae_activity_id": activity.id,
            "invoice_date": doc_date,
            "date": doc_date,
            "invoice_date_due": self.date(first, "due_date") or doc_date,
            "ref": old_number,
            "payment_reference": old_number,
            "invoice_origin": old_number,
            "company_id": self.company.id,
            "invoice_line_ids": [Command.create(vals) for vals in line_vals],
        }

    def create_documents(self, documents):
        """Creates ``[(ref, rows, (kind, values))]``: the quotes with one
        create, the invoices and bills with another, posted together."""
        quotes = [
            (ref, vals) for ref, _rows, (kind, vals) in documents if kind == "quote"
        ]
        moves = [
            (ref, vals) for ref, _rows, (kind, vals) in documents if kind != "quote"
        ]
        pairs = []
        if quotes:
            product = self.migration_product()
            for _ref, vals in quotes:
                for command in vals["order_line"]:
                    command[2]["product_id"] = product.id
            orders = self.env["sale.order"].create([vals for _ref, vals in quotes])
            pairs += [
                (ref, order) for (ref, _v), order in zip(quotes, orders, strict=True)
            ]
        if moves:
            records = self.env["account.move"].create([vals for _ref, vals in moves])
            self.subscribe_partners(records)
            records.action_post()
            pairs += [
                (ref, move) for (ref, _v), move in zip(moves, records, strict=True)
            ]
        self.remember_many(pairs)

    def subscribe_partners(self, moves):
        """The partner of each new invoice or bill follows it, with the
        subtypes posting gives (``message_subscribe``'s defaults: the
        external ones for a partner without internal user); one create for
        all, where posting subscribes each partner in queries of its own.
        The moves are new and created without tracking: none has a
        follower yet."""
        default, _internal, external = self.env[
            "mail.message.subtype"
        ].default_subtypes(moves._name)
        me = self.env.user.partner_id

        def subtypes(partner):
            # a customer (no internal user) gets the external subtypes
            customer = partner.partner_share and partner != me
            return (external if customer else default).ids

        # sudo: followers are written as core's message_subscribe writes
        # them (the moves were just created by this import)
        self.env["mail.followers"].sudo().create(
            [
                {
                    "res_model": moves._name,
                    "res_id": move.id,
                    "partner_id": move.partner_id.id,
                    "subtype_ids": [Command.set(subtypes(move.partner_id))],
                }
                for move in moves
                # core subscribes active partners only
                if move.partner_id.active
            ]
        )

    def migration_product(self):
        if self.wizard.product_id:
            return self.wizard.product_id
        product = self.run.lookup("product", ["migration"]).get("migration")
        if not product:
            product = self.env["product.product"].create(
                {
                    "name": self.env._("Migrated quote line"),
                    "type": "service",
                    "sale_ok": True,
                    "purchase_ok": False,
                    "company_id": False,
                }
            )
            self.run.remember("product", "migration", product)
        return product
