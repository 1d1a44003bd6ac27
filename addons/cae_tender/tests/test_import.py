import base64
import csv
import io

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common import CaeTenderCommon


@tagged("post_install", "-at_install")
class TestImport(CaeTenderCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Keyword = cls.env["cae.tender.keyword"]
        Keyword.create(
            [
                {"name": "site internet", "pole_id": cls.pole_web.id},
                {"name": "logiciel", "pole_id": cls.pole_web.id},
                {"name": "Menuiserie", "pole_id": cls.pole_makers.id},
                {"name": "mobilier", "pole_id": cls.pole_makers.id},
            ]
        )

    def _file(self, name):
        with file_open(f"cae_tender/tests/data/{name}", "rb") as fh:
            return fh.read()

    def _import(self, data, filename):
        wizard = self.env["cae.tender.import"].create(
            {
                "data_file": base64.b64encode(data),
                "filename": filename,
                "company_id": self.company.id,
            }
        )
        return wizard.action_import()

    def _tenders(self):
        return self.env["cae.tender"].search(
            [("source", "=", "boamp"), ("company_id", "=", self.company.id)]
        )

    def test_csv_import_maps_fields_and_poles(self):
        self._import(self._file("boamp_notices.csv"), "boamp_notices.csv")
        tenders = self._tenders()
        self.assertEqual(len(tenders), 6)
        site = tenders.filtered(lambda t: t.reference == "25-101234")
        self.assertEqual(
            site.name, "Refonte du site internet de la commune et hébergement"
        )
        self.assertEqual(site.buyer, "Commune de Joué-lès-Tours")
        self.assertEqual(str(site.date_published), "2025-03-03")
        self.assertEqual(str(site.date_deadline), "2025-04-04 12:00:00")
        self.assertIn("25-101234", site.url)
        self.assertEqual(site.keywords, "Site internet, Hébergement informatique")
        self.assertEqual(site.pole_ids, self.pole_web)
        wood = tenders.filtered(lambda t: t.reference == "25-102010")
        self.assertEqual(wood.pole_ids, self.pole_makers)
        app = tenders.filtered(lambda t: t.reference == "25-103455")
        self.assertEqual(app.pole_ids, self.pole_web)
        green = tenders.filtered(lambda t: t.reference == "25-102388")
        self.assertFalse(green.pole_ids)
        # the members of the poles concerned follow
        self.assertIn(self.partner_a, site.message_partner_ids)
        self.assertIn(self.partner_b, wood.message_partner_ids)

    def test_import_is_idempotent(self):
        self._import(self._file("boamp_notices.csv"), "boamp_notices.csv")
        self._import(self._file("boamp_notices.csv"), "boamp_notices.csv")
        self.assertEqual(len(self._tenders()), 6)
        # the JSON export: one deadline moved, one new notice
        action = self._import(self._file("boamp_notices.json"), "boamp_notices.json")
        tenders = self._tenders()
        self.assertEqual(len(tenders), 7)
        self.assertIn("1 new, 6 updated", action["name"])
        site = tenders.filtered(lambda t: t.reference == "25-101234")
        self.assertEqual(str(site.date_deadline), "2025-04-11 12:00:00")
        signs = tenders.filtered(lambda t: t.reference == "25-104002")
        self.assertEqual(signs.pole_ids, self.pole_makers)

    def test_json_import_alone(self):
        self._import(self._file("boamp_notices.json"), "export.json")
        self.assertEqual(len(self._tenders()), 7)

    def test_missing_column_refused_in_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env = self.env(context=dict(self.env.context, lang="fr_FR"))
        with self.assertRaises(UserError) as caught:
            self._import(self._file("boamp_missing_column.json"), "missing.json")
        self.assertIn(
            "Il manque au fichier les colonnes : datelimitereponse",
            str(caught.exception),
        )
        rows = list(
            csv.DictReader(
                io.StringIO(self._file("boamp_notices.csv").decode()), delimiter=";"
            )
        )
        out = io.StringIO()
        columns = [c for c in rows[0] if c != "url_avis"]
        writer = csv.DictWriter(out, columns, delimiter=";", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        with self.assertRaises(UserError) as caught:
            self._import(out.getvalue().encode(), "sans_url.csv")
        self.assertIn("url_avis", str(caught.exception))
        self.assertIn("Rien n'a été importé", str(caught.exception))
        self.assertFalse(self._tenders())

    def test_bad_date_writes_nothing(self):
        data = (
            self._file("boamp_notices.csv").decode().replace("2025-03-10", "10/03/25")
        )
        with self.assertRaises(UserError):
            self._import(data.encode(), "dates.csv")
        self.assertFalse(self._tenders())
