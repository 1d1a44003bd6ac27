import csv
import logging
import os

from lxml import etree

from odoo import api, models
from odoo.modules.module import get_manifest, get_module_path

_logger = logging.getLogger(__name__)

# the generic records a demo of Odoo or OCA puts in a CAE's screens, archived in
# the order that keeps every archive legal (users before their partners)
GENERIC_MODELS = (
    "res.users",
    "hr.employee",
    "event.event",
    "product.template",
    "product.product",
    "res.partner",
)


class CaeDemoGeneric(models.AbstractModel):
    """Odoo installs a module with demo data only when all its dependencies
    have theirs: the CAE demo comes with Odoo's generic one (furniture, Azure
    Interior, a hockey tournament, Marc Demo). It is archived once the CAE
    demo is loaded, so that people see the cooperative only."""

    _name = "cae.demo.generic"
    _description = "Odoo's generic demo records"

    @api.model
    def _cae_generic_demo_xmlids(self):
        """{model: {xml ids}} of the records of GENERIC_MODELS that the demo
        files of the installed modules outside the suite declare."""
        modules = self.env["ir.module.module"].search(
            [("state", "=", "installed"), ("demo", "=", True)]
        )
        found = {model: set() for model in GENERIC_MODELS}
        for module in modules.filtered(lambda m: not m.name.startswith("cae_")):
            path = get_module_path(module.name)
            manifest = get_manifest(module.name) or {}
            for filename in manifest.get("demo", []) + manifest.get("demo_xml", []):
                full = os.path.join(path, filename)
                if not os.path.isfile(full):
                    continue
                for model, xmlid in self._cae_records_of_file(full):
                    if model in found:
                        name = xmlid if "." in xmlid else f"{module.name}.{xmlid}"
                        found[model].add(name)
        return found

    @api.model
    def _cae_records_of_file(self, full):
        """(model, xml id) of the records a demo file creates."""
        if full.endswith(".xml"):
            tree = etree.parse(full)
            for record in tree.iter("record"):
                if record.get("id") and record.get("model"):
                    yield record.get("model"), record.get("id")
        elif full.endswith(".csv"):
            model = os.path.splitext(os.path.basename(full))[0]
            with open(full, encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    if row.get("id"):
                        yield model, row["id"]

    @api.model
    def _cae_generic_demo_records(self):
        """{model: recordset} of the generic demo records, archived or not."""
        records = {}
        IrModelData = self.env["ir.model.data"]
        for model, xmlids in self._cae_generic_demo_xmlids().items():
            if model not in self.env:
                continue
            pairs = {tuple(xmlid.split(".", 1)) for xmlid in xmlids}
            data = IrModelData.search(
                [
                    ("model", "=", model),
                    ("module", "in", list({module for module, _name in pairs})),
                    ("name", "in", list({name for _module, name in pairs})),
                ]
            ).filtered(lambda d, pairs=pairs: (d.module, d.name) in pairs)
            ids = data.mapped("res_id")
            records[model] = (
                self.env[model].with_context(active_test=False).browse(ids).exists()
            )
        return records

    @api.model
    def _cae_archive_generic_demo(self):
        records = self._cae_generic_demo_records()
        # the variants' templates and the partners' own users go with them
        if "product.product" in records:
            records["product.template"] = (
                records.get("product.template", self.env["product.template"])
                | records["product.product"].product_tmpl_id
            )
        users = records.get("res.users", self.env["res.users"])
        users |= records.get("res.partner", self.env["res.partner"]).user_ids
        records["res.users"] = users.filtered(lambda u: u.id not in (1, 2))
        for model in GENERIC_MODELS:
            recs = records.get(model)
            if not recs:
                continue
            if model == "res.partner":
                # the companies' and the kept users' partners stay
                keep = (
                    self.env["res.company"].search([]).partner_id
                    | self.env["res.users"].search([]).partner_id
                )
                recs -= keep
            # found with active_test off; archived with it on, or the partners'
            # check would count their archived users as active
            recs.filtered("active").with_context(active_test=True).write(
                {"active": False}
            )
            _logger.info("archived %s generic demo records of %s", len(recs), model)
