import base64
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from odoo.addons.cae_member.tests.common import CaeTestCommon

IBAN = "FR7630006000011234567890189"

CAMT053 = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>CAE-{ref}</MsgId><CreDtTm>{day}T18:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>{ref}</Id>
      <CreDtTm>{day}T18:00:00</CreDtTm>
      <Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">0.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">{closing}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>{day}</Dt></Dt>
      </Bal>
      {entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""
ENTRY = """<Ntry>
        <Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{way}</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>{day}</Dt></BookgDt><ValDt><Dt>{day}</Dt></ValDt>
        <AcctSvcrRef>{ref}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <Refs><AcctSvcrRef>{ref}</AcctSvcrRef></Refs>
          <RltdPties><Dbtr><Nm>{party}</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>{label}</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>"""


@tagged("post_install", "-at_install")
class TestBankStatements(CaeTestCommon):
    """Bank statements (OCA imports) reconciled activity by activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.company.id), ("type", "=", "bank")], limit=1
        )
        cls.bank_journal.bank_account_id = cls.env["res.partner.bank"].create(
            {"acc_number": IBAN, "partner_id": cls.company.partner_id.id}
        )
        # the automatic "perfect match" models are tested on their own below
        cls.auto_models = cls.env["account.reconcile.model"].search(
            [
                ("rule_type", "=", "invoice_matching"),
                ("auto_reconcile", "=", True),
                ("company_id", "=", cls.company.id),
            ]
        )
        cls.auto_models.active = False
        cls.day = date.today()
        cls.invoice_a = cls._invoice(cls.activity_a, cls.customer_a, 1000.0)
        cls.invoice_b = cls._invoice(cls.activity_b, cls.customer_b, 500.0)
        (cls.invoice_a | cls.invoice_b).action_post()

    def _camt(self, ref, entries):
        day = self.day.isoformat()
        body = "\n".join(
            ENTRY.format(day=day, ref=f"{ref}-{i}", **entry)
            for i, entry in enumerate(entries)
        )
        closing = sum(e["amount"] * (1 if e["way"] == "CRDT" else -1) for e in entries)
        return CAMT053.format(
            ref=ref, day=day, iban=IBAN, closing=f"{closing:.2f}", entries=body
        ).encode()

    def _import(self, data, filename, **ctx):
        wizard = (
            self.env["account.statement.import"]
            .with_user(self.user_admin)
            .with_context(journal_id=self.bank_journal.id, **ctx)
            .create(
                {
                    "statement_file": base64.b64encode(data),
                    "statement_filename": filename,
                }
            )
        )
        result = wizard._import_file()
        return self.env["account.bank.statement"].browse(result["statement_ids"])

    def _figures(self):
        return self.env["cae.account.statement"]._cae_compute_statements(
            self.activity_a | self.activity_b, self.day, self.day
        )

    def test_camt053_payment_reconciled_carries_the_activity(self):
        """Acceptance 3: a CAMT.053 statement with the payment of A's invoice,
        reconciled on the OCA reconciliation screen: the bank line then
        carries A's activity, A's cash and customers move, B's do not."""
        before = self._figures()
        data = self._camt(
            "STMT-1",
            [
                {
                    "amount": 1200.0,
                    "way": "CRDT",
                    "party": "SARL INCONNUE",
                    "label": "VIR SEPA REGLEMENT",
                }
            ],
        )
        statement = self._import(data, "releve.xml")
        self.assertEqual(len(statement.line_ids), 1)
        st_line = statement.line_ids.with_user(self.user_admin)
        self.assertAlmostEqual(st_line.amount, 1200.0)
        self.assertFalse(st_line.is_reconciled)
        self.assertFalse(st_line.cae_activity_id)
        receivable = self.invoice_a.line_ids.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        with Form(
            st_line,
            view="account_reconcile_oca.bank_statement_line_form_reconcile_view",
        ) as form:
            self.assertFalse(form.can_reconcile)
            form.add_account_move_line_id = receivable
            self.assertTrue(form.can_reconcile)
        st_line.reconcile_bank_line()

        self.assertTrue(st_line.is_reconciled)
        self.assertEqual(self.invoice_a.payment_state, "paid")
        self.assertEqual(st_line.cae_activity_id, self.activity_a)
        self.assertEqual(st_line.move_id.line_ids.cae_activity_id, self.activity_a)
        after = self._figures()
        a, b = self.activity_a.id, self.activity_b.id
        self.assertAlmostEqual(after[a]["cash"] - before[a]["cash"], 1200.0)
        self.assertAlmostEqual(after[a]["customers"] - before[a]["customers"], -1200.0)
        self.assertEqual(after[b], before[b])

    def test_automatic_match_carries_the_activity(self):
        """The invoice matching model reconciles a line naming the invoice as
        the statement is imported: the line takes the invoice's activity."""
        self.assertTrue(self.auto_models)
        self.auto_models.active = True
        data = self._camt(
            "STMT-4",
            [
                {
                    "amount": 600.0,
                    "way": "CRDT",
                    "party": self.customer_b.name,
                    "label": self.invoice_b.name,
                }
            ],
        )
        st_line = self._import(
            data, "auto.xml", _test_account_reconcile_oca=True
        ).line_ids
        self.assertTrue(st_line.is_reconciled)
        self.assertEqual(self.invoice_b.payment_state, "paid")
        self.assertEqual(st_line.cae_activity_id, self.activity_b)
        self.assertFalse(self.invoice_a.line_ids.full_reconcile_id)

    def test_bill_payment_carries_the_activity(self):
        """A debit paying B's bill, reconciled on the reconciliation screen."""
        bill = self._invoice(
            self.activity_b, self.customer_b, 100.0, move_type="in_invoice"
        )
        bill.ref = "FOURN-77"
        bill.action_post()
        data = self._camt(
            "STMT-5",
            [
                {
                    "amount": 120.0,
                    "way": "DBIT",
                    "party": "SARL INCONNUE",
                    "label": "PRLV SEPA",
                }
            ],
        )
        st_line = self._import(data, "bill.xml").line_ids.with_user(self.user_admin)
        self.assertFalse(st_line.cae_activity_id)
        before = self._figures()
        payable = bill.line_ids.filtered(
            lambda line: line.account_id.account_type == "liability_payable"
        )
        with Form(
            st_line,
            view="account_reconcile_oca.bank_statement_line_form_reconcile_view",
        ) as form:
            form.add_account_move_line_id = payable
            self.assertTrue(form.can_reconcile)
        st_line.reconcile_bank_line()
        self.assertTrue(st_line.is_reconciled)
        self.assertEqual(bill.payment_state, "paid")
        self.assertEqual(st_line.cae_activity_id, self.activity_b)
        after = self._figures()
        b = self.activity_b.id
        self.assertAlmostEqual(after[b]["cash"] - before[b]["cash"], -120.0)
        self.assertAlmostEqual(after[b]["suppliers"] - before[b]["suppliers"], -120.0)

    def test_payment_of_two_activities_keeps_no_activity(self):
        """One transfer paying A's and B's invoices belongs to neither: it
        stays in the list of lines without activity for the admin team."""
        data = self._camt(
            "STMT-6",
            [{"amount": 1800.0, "way": "CRDT", "party": "GROUPE", "label": "VIR"}],
        )
        st_line = self._import(data, "two.xml").line_ids.with_user(self.user_admin)
        with Form(
            st_line,
            view="account_reconcile_oca.bank_statement_line_form_reconcile_view",
        ) as form:
            for invoice in (self.invoice_a, self.invoice_b):
                form.add_account_move_line_id = invoice.line_ids.filtered(
                    lambda line: line.account_id.account_type == "asset_receivable"
                )
            self.assertTrue(form.can_reconcile)
        st_line.reconcile_bank_line()
        self.assertTrue(st_line.is_reconciled)
        self.assertFalse(st_line.cae_activity_id)
        action = self.env.ref("cae_bank.account_bank_statement_line_action_cae")
        self.assertIn(
            st_line,
            self.env["account.bank.statement.line"].search(
                [("cae_activity_id", "=", False)]
            ),
        )
        self.assertIn("search_default_cae_without_activity", action.context)

    def test_unmatched_line_assigned_by_the_admin(self):
        data = self._camt(
            "STMT-2",
            [{"amount": 35.0, "way": "DBIT", "party": "Banque", "label": "Frais"}],
        )
        st_line = self._import(data, "frais.xml").line_ids
        before = self._figures()
        st_line.with_user(self.user_admin).cae_activity_id = self.activity_b
        after = self._figures()
        b = self.activity_b.id
        self.assertAlmostEqual(after[b]["cash"] - before[b]["cash"], -35.0)
        self.assertEqual(after[self.activity_a.id], before[self.activity_a.id])
        # bank fees booked on a charge account afterwards go to B's analytic account
        fees = self.env["account.account"].search(
            [("company_ids", "in", self.company.ids), ("code", "=like", "627%")],
            limit=1,
        )
        suspense = st_line.move_id.line_ids.filtered(
            lambda line: line.account_id == self.bank_journal.suspense_account_id
        )
        suspense.account_id = fees
        st_line._cae_sync_analytic()
        self.assertEqual(
            suspense.analytic_distribution,
            {str(self.activity_b.analytic_account_id.id): 100},
        )
        self.assertEqual(suspense.cae_activity_id, self.activity_b)

    def test_who_sees_and_assigns_bank_lines(self):
        data = self._camt(
            "STMT-3",
            [{"amount": 10.0, "way": "CRDT", "party": "X", "label": "Virement"}],
        )
        st_line = self._import(data, "x.xml").line_ids
        with self.assertRaises(AccessError):
            st_line.with_user(self.user_a).read(["amount"])
        with self.assertRaises(AccessError):
            st_line.with_user(self.user_support).write(
                {"cae_activity_id": self.activity_a.id}
            )
        with self.assertRaises(AccessError):
            self.env["account.statement.import"].with_user(self.user_a).create(
                {"statement_file": base64.b64encode(b"x")}
            )

    def test_ofx_and_csv_statements(self):
        ofx = f"""OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:UTF-8
CHARSET:NONE
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS>
<DTSERVER>{self.day:%Y%m%d}<LANGUAGE>FRA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>EUR<BANKACCTFROM><BANKID>30006<BRANCHID>00001
<ACCTID>{IBAN}<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>{self.day:%Y%m%d}<DTEND>{self.day:%Y%m%d}
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>{self.day:%Y%m%d}<TRNAMT>500.00
<FITID>OFX-1<NAME>Client de Bruno<MEMO>{self.invoice_b.name}</STMTTRN>
</BANKTRANLIST><LEDGERBAL><BALAMT>500.00<DTASOF>{self.day:%Y%m%d}</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
"""
        statement = self._import(ofx.encode(), "releve.ofx")
        self.assertAlmostEqual(statement.line_ids.amount, 500.0)

        mapping = self.env.ref("cae_bank.statement_import_sheet_mapping_fr")
        csv_data = (
            "Date;Libellé;Montant\n"
            f"{self.day:%d/%m/%Y};Virement {self.invoice_a.name};1234,56\n"
            f"{self.day:%d/%m/%Y};Prélèvement assurance;-42,10\n"
        ).encode()
        wizard = (
            self.env["account.statement.import"]
            .with_user(self.user_admin)
            .with_context(journal_id=self.bank_journal.id)
            .create(
                {
                    "statement_file": base64.b64encode(csv_data),
                    "statement_filename": "releve.csv",
                    "sheet_mapping_id": mapping.id,
                }
            )
        )
        result = wizard._import_file()
        lines = (
            self.env["account.bank.statement"].browse(result["statement_ids"]).line_ids
        )
        self.assertEqual(sorted(lines.mapped("amount")), [-42.10, 1234.56])
