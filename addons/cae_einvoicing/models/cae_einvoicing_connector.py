"""Exchange of files with the approved platform (plateforme agréée, PA).

A connector gives three things, whatever the way the platform is reached:

- ``_cae_fetch()``: the files waiting for the cooperative (supplier invoices,
  statuses), as a list of ``(name, content)``;
- ``_cae_acknowledge(name)``: a fetched file has been kept in Odoo (as an
  attachment), the platform may forget it;
- ``_cae_send(name, content)``: a file for the platform (a status).

Each method dispatches to ``_cae_<connector_type>_<verb>``: an addon that talks
to a platform's API adds a value to ``connector_type`` and its three methods,
nothing else changes. This module ships the drop-folder connector that many
platforms offer to ERPs (a folder synchronised by the platform's agent, SFTP
or a network share).
"""

import logging
import os
import shutil

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)

# a supplier's file is a PDF or an XML of a few hundred kilobytes; anything
# far larger is refused rather than read into memory
MAX_FILE_SIZE = 20 * 1024 * 1024


class CaeEinvoicingConnector(models.Model):
    _name = "cae.einvoicing.connector"
    _description = "E-invoicing platform connector"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    connector_type = fields.Selection(
        [("folder", "Drop folders")],
        string="Type",
        required=True,
        default="folder",
    )
    folder_in = fields.Char(
        string="Incoming folder",
        help="Folder where the platform drops the files for the cooperative.",
    )
    folder_out = fields.Char(
        string="Outgoing folder",
        help="Folder where Odoo writes the files for the platform (statuses).",
    )
    folder_done = fields.Char(
        string="Processed folder",
        help="Folder where fetched files are moved once kept in Odoo; when "
        "empty they are deleted from the incoming folder.",
    )

    @api.constrains("connector_type", "folder_in", "folder_out", "folder_done")
    def _check_folders(self):
        for connector in self.filtered(lambda c: c.connector_type == "folder"):
            for folder in (
                connector.folder_in,
                connector.folder_out,
                connector.folder_done,
            ):
                if folder and not os.path.isabs(folder):
                    raise ValidationError(
                        self.env._(
                            "The folders of connector %(name)s must be absolute "
                            "paths, not %(folder)s.",
                            name=connector.name,
                            folder=folder,
                        )
                    )

    # ------------------------------------------------------------------
    # the interface
    # ------------------------------------------------------------------
    def _cae_fetch(self):
        self.ensure_one()
        return getattr(self, f"_cae_{self.connector_type}_fetch")()

    def _cae_acknowledge(self, name):
        self.ensure_one()
        return getattr(self, f"_cae_{self.connector_type}_acknowledge")(name)

    def _cae_send(self, name, content):
        self.ensure_one()
        return getattr(self, f"_cae_{self.connector_type}_send")(name, content)

    # ------------------------------------------------------------------
    # drop folders
    # ------------------------------------------------------------------
    def _cae_folder_fetch(self):
        if not self.folder_in or not os.path.isdir(self.folder_in):
            return []
        files = []
        for name in sorted(os.listdir(self.folder_in)):
            path = os.path.join(self.folder_in, name)
            if not os.path.isfile(path) or name.startswith("."):
                continue
            if os.path.getsize(path) > MAX_FILE_SIZE:
                _logger.warning("E-invoicing: %s is too large, left in place", path)
                continue
            with open(path, "rb") as handle:
                files.append((name, handle.read()))
        return files

    def _cae_folder_acknowledge(self, name):
        path = os.path.join(self.folder_in, os.path.basename(name))
        if not os.path.isfile(path):
            return
        if self.folder_done:
            os.makedirs(self.folder_done, exist_ok=True)
            shutil.move(path, os.path.join(self.folder_done, os.path.basename(name)))
        else:
            os.remove(path)

    def _cae_folder_send(self, name, content):
        if not self.folder_out:
            raise UserError(
                self.env._("Connector %(name)s has no outgoing folder.", name=self.name)
            )
        os.makedirs(self.folder_out, exist_ok=True)
        path = os.path.join(self.folder_out, os.path.basename(name))
        # written aside then renamed: the platform's agent never reads half a file
        tmp_path = os.path.join(self.folder_out, f".{os.path.basename(name)}.part")
        with open(tmp_path, "wb") as handle:
            handle.write(content)
        os.replace(tmp_path, path)
        return path

    # ------------------------------------------------------------------
    # cron
    # ------------------------------------------------------------------
    def action_fetch(self):
        """Read what the platform left: invoices become documents of the
        queue; status messages are recorded on the invoices they name (one
        that cannot be recorded stays in the queue as a refused file, with
        the reason)."""
        documents = self.env["cae.einvoice.document"]
        Status = self.env["cae.einvoice.status"]
        refused = []
        for connector in self:
            for name, content in connector._cae_fetch():
                if Status._cae_is_status_file(content):
                    try:
                        with self.env.cr.savepoint():
                            Status._cae_receive_file(
                                name, content, connector.company_id
                            )
                    except UserError as error:
                        refused.append(
                            (
                                documents._cae_create_from_file(
                                    name,
                                    content,
                                    source="platform",
                                    company=connector.company_id,
                                ),
                                error.args[0],
                            )
                        )
                else:
                    documents |= documents._cae_create_from_file(
                        name, content, source="platform", company=connector.company_id
                    )
                connector._cae_acknowledge(name)
        documents._cae_process()
        for document, message in refused:
            document._cae_refuse(message)
        return documents

    @api.model
    def _cron_fetch(self):
        self.search([]).action_fetch()
