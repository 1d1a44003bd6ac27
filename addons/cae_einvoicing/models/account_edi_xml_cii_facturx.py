from lxml import etree

from odoo import models

from odoo.addons.account_edi_ubl_cii.models.account_edi_xml_cii_facturx import (
    CII_NAMESPACES,
)

RAM = f"{{{CII_NAMESPACES['ram']}}}"
RSM = f"{{{CII_NAMESPACES['rsm']}}}"
QDT = "{urn:un:unece:uncefact:data:standard:QualifiedDataType:100}"

# profile EN 16931 (Factur-X "EN 16931", formerly "Comfort")
EN16931_CONTEXT = "urn:cen.eu:en16931:2017"

# legal mentions of article L441-10 of the Code de commerce, with the subject
# codes the French specification expects (BR-FR-05)
LEGAL_NOTES = {
    "PMD": "En cas de retard de paiement, une pénalité égale à trois fois le taux "
    "d'intérêt légal est exigible.",
    "PMT": "Indemnité forfaitaire pour frais de recouvrement en cas de retard "
    "de paiement : 40 €.",
    "AAB": "Pas d'escompte pour paiement anticipé.",
}
VAT_ON_DEBITS_NOTE = "Option pour le paiement de la taxe d'après les débits."


def _siren(partner):
    """SIREN of a French company partner (from its SIRET or registry)."""
    number = (partner.siret or partner.company_registry or "").replace(" ", "")
    if partner.country_code in (False, "FR") and number[:9].isdigit():
        return number[:9] if len(number) >= 9 else False
    return False


class AccountEdiXmlCII(models.AbstractModel):
    _inherit = "account.edi.xml.cii"

    def _export_invoice_vals(self, invoice):
        # EXTENDS account_edi_ubl_cii: profile EN 16931, legal identifiers as
        # SIREN (scheme 0002 is the SIREN, 9 digits; core puts the SIRET)
        vals = super()._export_invoice_vals(invoice)
        if not self._cae_french_reform_applies(invoice):
            return vals
        vals["document_context_id"] = EN16931_CONTEXT
        vals["seller_specified_legal_organization"] = invoice.company_id._cae_siren()
        vals["buyer_specified_legal_organization"] = _siren(
            invoice.commercial_partner_id
        )
        return vals

    def _export_invoice(self, invoice):
        # EXTENDS account_edi_ubl_cii: the mentions of the French reform
        xml, errors = super()._export_invoice(invoice)
        if not self._cae_french_reform_applies(invoice):
            return xml, errors
        tree = etree.fromstring(xml)
        self._cae_add_reform_mentions(tree, invoice)
        return etree.tostring(tree, xml_declaration=True, encoding="UTF-8"), errors

    def _cae_french_reform_applies(self, invoice):
        return invoice.company_id.country_code == "FR" and bool(
            invoice.company_id._cae_siren()
        )

    def _cae_add_reform_mentions(self, tree, invoice):
        company = invoice.company_id
        customer = invoice.commercial_partner_id
        buyer_siren = _siren(customer)

        # BT-23: the operation category (goods, services or both)
        context = tree.find(f"{RSM}ExchangedDocumentContext")
        process = etree.Element(
            f"{RAM}BusinessProcessSpecifiedDocumentContextParameter"
        )
        etree.SubElement(process, f"{RAM}ID").text = invoice._cae_business_process()
        context.insert(0, process)

        # notes: legal mentions, the kind of operation (BAR), VAT on debits
        document = tree.find(f"{RSM}ExchangedDocument")
        notes = dict(LEGAL_NOTES)
        if customer.is_company and buyer_siren:
            notes["BAR"] = "B2B"
        elif customer.is_company or customer.vat:
            notes["BAR"] = "B2BINT"
        else:
            notes["BAR"] = "B2C"
        if company.cae_vat_on_debits and invoice.cae_operation_category != "goods":
            notes["TXD"] = VAT_ON_DEBITS_NOTE
        for subject, content in notes.items():
            note = etree.SubElement(document, f"{RAM}IncludedNote")
            etree.SubElement(note, f"{RAM}Content").text = content
            etree.SubElement(note, f"{RAM}SubjectCode").text = subject

        agreement = tree.find(
            f"{RSM}SupplyChainTradeTransaction/{RAM}ApplicableHeaderTradeAgreement"
        )
        seller = agreement.find(f"{RAM}SellerTradeParty")
        # BT-28: the trade name of the activity that sells
        legal = seller.find(f"{RAM}SpecifiedLegalOrganization")
        trade_name = invoice.cae_trade_name
        if legal is not None and trade_name:
            etree.SubElement(legal, f"{RAM}TradingBusinessName").text = trade_name
        # BT-34: the seller's electronic address (the activity's, scheme 0225);
        # sudo: the XML of an invoice the user may print names its activity's
        # public address, whoever generates it
        address = (
            invoice.cae_activity_id.sudo().cae_einvoicing_address
            or company._cae_siren()
        )
        self._cae_set_uri(seller, address)
        # BT-49: the buyer's electronic address, its SIREN in the directory
        if buyer_siren:
            self._cae_set_uri(agreement.find(f"{RAM}BuyerTradeParty"), buyer_siren)

        # delivery address (BG-15) only when it differs from the buyer's; the
        # EN 16931 profile has no contact in it (core writes one for EXTENDED)
        delivery = tree.find(
            f"{RSM}SupplyChainTradeTransaction/{RAM}ApplicableHeaderTradeDelivery"
        )
        ship_to = (
            delivery.find(f"{RAM}ShipToTradeParty") if delivery is not None else None
        )
        if ship_to is not None:
            shipping = invoice.partner_shipping_id
            if not shipping or shipping in (invoice.partner_id, customer):
                delivery.remove(ship_to)
            else:
                for contact in ship_to.findall(f"{RAM}DefinedTradeContact"):
                    ship_to.remove(contact)

        # BT-8: VAT of services is due when cashed, unless the company opted
        # for debits (code 72 "paid to date", 5 "invoice date")
        if (
            invoice.cae_operation_category == "services"
            and not company.cae_vat_on_debits
        ):
            for code in tree.iterfind(
                f".//{RAM}ApplicableHeaderTradeSettlement/{RAM}ApplicableTradeTax/"
                f"{RAM}DueDateTypeCode"
            ):
                code.text = "72"

        # BG-3: a credit note refers to the invoice it credits (BR-FR-CO-05)
        origin = invoice.reversed_entry_id
        settlement = tree.find(
            f"{RSM}SupplyChainTradeTransaction/{RAM}ApplicableHeaderTradeSettlement"
        )
        if origin and origin.name and settlement is not None:
            summation = settlement.find(
                f"{RAM}SpecifiedTradeSettlementHeaderMonetarySummation"
            )
            referenced = etree.Element(f"{RAM}InvoiceReferencedDocument")
            etree.SubElement(referenced, f"{RAM}IssuerAssignedID").text = origin.name
            if origin.invoice_date:
                issued = etree.SubElement(referenced, f"{RAM}FormattedIssueDateTime")
                etree.SubElement(
                    issued, f"{QDT}DateTimeString", format="102"
                ).text = origin.invoice_date.strftime("%Y%m%d")
            summation.addnext(referenced)

    def _cae_set_uri(self, party, uri):
        node = etree.Element(f"{RAM}URIUniversalCommunication")
        etree.SubElement(node, f"{RAM}URIID", schemeID="0225").text = uri
        tax = party.find(f"{RAM}SpecifiedTaxRegistration")
        if tax is not None:
            tax.addprevious(node)
        else:
            party.append(node)
