"""Issue 14, acceptance 1 (migration import): the migration wizard, called
through real JSON-RPC as the admin team, answers bad files with a French
message naming the line and writes nothing (read back as the admin)."""

import base64

from odoo.tests import tagged

from .trust_common import TrustRpcCase


def b64(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.b64encode(data).decode()


@tagged("post_install", "-at_install", "cae_trust")
class TestTrustMigration(TrustRpcCase):
    def _migration(self, login, **files):
        vals = {"company_id": self.company.id, "opening_date": "2026-01-01"}
        for kind, data in files.items():
            vals[f"{kind}_file"] = b64(data)
            vals[f"{kind}_filename"] = f"{kind}.csv"
        wizard_id = self.jsonrpc(login, "cae.migration.import", "create", [vals])
        if isinstance(wizard_id, list):
            wizard_id = wizard_id[0]
        self.jsonrpc(login, "cae.migration.import", "action_dry_run", [wizard_id])
        return self.jsonrpc(
            login,
            "cae.migration.import",
            "read",
            [wizard_id],
            ["report", "error_count", "state"],
        )[0]

    def _counts(self):
        return {
            model: self.env[model].with_context(active_test=False).search_count([])
            for model in (
                "cae.activity",
                "res.partner",
                "account.move",
                "ir.model.data",
            )
        }

    def _french_admin(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.user_admin.lang = "fr_FR"

    def test_migration_bad_files_get_a_message(self):
        """Binary, non-UTF-8, non-finite or absurd amounts, references that
        cannot be told apart: a French message naming the line, nothing
        written (today: HTTP 500, English Python errors, a raw PostgreSQL
        duplicate-key message)."""
        self._french_admin()
        before = self._counts()
        binary = bytes(range(256)) * 4
        latin = "ref;code;name\nA-1;X1;Caf\x81\n".encode("latin-1")
        cases = [
            (
                {"activities": binary},
                "ni un fichier texte CSV",
            ),
            (
                {"activities": latin},
                "ni un fichier texte CSV",
            ),
            (
                {
                    "balances": "ref;activity_code;cash;customers\n"
                    "B-1;ACTA;nan;0\nB-2;ACTA;inf;0\nB-3;ACTA;1e300;0\n"
                    "B-4;ACTA;0;1000000000000000\n"
                },
                "n'est pas un montant",
            ),
            (
                {"activities": "ref;code;name\nA.1;X1;Un\nA_1;X2;Deux\n"},
                "ne se distinguent pas",
            ),
        ]
        for files, expected in cases:
            result = self._migration("gestion", **files)
            self.assertIn(expected, result["report"])
            self.assertTrue(result["error_count"])
            self.assertNotEqual(result["state"], "done")
        amounts = self._migration(
            "gestion",
            balances="ref;activity_code;cash\nB-1;ACTA;nan\nB-2;ACTA;inf\nB-3;ACTA;1e300\n",
        )["report"]
        for number in (2, 3, 4):
            self.assertIn(f"ligne {number} :", amounts)
        self.env.invalidate_all()
        self.assertEqual(self._counts(), before)

    def test_migration_size_limit(self):
        self._french_admin()
        self.env["ir.config_parameter"].set_param("cae_migration.max_lines", "10")
        lines = "".join(f"A-{n};Y{n};Activité {n}\n" for n in range(11))
        result = self._migration("gestion", activities="ref;code;name\n" + lines)
        self.assertIn("11 lignes", result["report"])
        self.assertIn("au plus 10 lignes", result["report"])
        self.assertFalse(self.env["cae.activity"].search([("code", "=like", "Y%")]))
