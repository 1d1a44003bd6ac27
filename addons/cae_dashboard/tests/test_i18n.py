from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestWebClientFrench(TransactionCase):
    """The strings of the OWL templates and of the JavaScript reach the web
    client in French (from the module's fr.po)."""

    def test_dashboard_strings_are_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        translations, _params = self.env["ir.http"].get_translations_for_webclient(
            ["cae_dashboard"], "fr_FR"
        )
        messages = {
            message["id"]: message["string"]
            for message in translations["cae_dashboard"]["messages"]
        }
        # a template's text, a _t() of the figures, a column header
        self.assertEqual(messages["My activities"], "Mes activités")
        self.assertEqual(messages["Available treasury"], "Trésorerie disponible")
        self.assertEqual(messages["Quotations to validate"], "Devis à valider")
