"""Notices of the BOAMP open data (the French official bulletin of public
contracts, dataset ``boamp`` of boamp-datadila.opendatasoft.com), exported as
CSV (``;`` separated, the portal's default) or JSON (a list of records, or
the Explore API's ``{"results": [...]}``).

Fields read: ``idweb`` (the notice's reference), ``objet`` (subject),
``nomacheteur`` (buyer), ``dateparution`` (publication date),
``datelimitereponse`` (answer deadline, date and time), ``url_avis`` (the
notice), ``descripteur_libelle`` (descriptors, a list in JSON, ``,``
separated in CSV). Optional: ``montant`` (an estimated amount, when a
re-export carries one), ``famille_libelle``, ``nature_libelle``."""

import csv
import io
import json
from datetime import UTC, datetime, time

from odoo import api, fields, models
from odoo.exceptions import UserError

REQUIRED_COLUMNS = (
    "idweb",
    "objet",
    "nomacheteur",
    "dateparution",
    "datelimitereponse",
    "url_avis",
    "descripteur_libelle",
)


class CaeTenderBoampParser(models.AbstractModel):
    _name = "cae.tender.boamp.parser"
    _description = "BOAMP open data notices parser"

    @api.model
    def _parse(self, data, filename=""):
        """The records of an export (bytes), as a list of dicts."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise UserError(self.env._("The file is not encoded in UTF-8.")) from error
        stripped = text.lstrip()
        if filename.lower().endswith(".json") or stripped[:1] in ("[", "{"):
            return self._parse_json(stripped)
        return self._parse_csv(text)

    @api.model
    def _parse_json(self, text):
        try:
            content = json.loads(text)
        except ValueError as error:
            raise UserError(
                self.env._("The JSON file cannot be read: %(error)s", error=error)
            ) from error
        if isinstance(content, dict):
            content = content.get("results") or content.get("records") or []
        records = []
        for item in content:
            if isinstance(item, dict) and isinstance(item.get("fields"), dict):
                item = item["fields"]  # Opendatasoft API v1 records
            if not isinstance(item, dict):
                raise UserError(
                    self.env._("The JSON file must hold a list of notices.")
                )
            records.append(item)
        self._check_columns(set().union(*records) if records else set())
        return records

    @api.model
    def _parse_csv(self, text):
        sample = text[:2048]
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        self._check_columns(set(reader.fieldnames or ()))
        records = []
        for row in reader:
            row = {key: (value or "").strip() for key, value in row.items() if key}
            descriptors = row.get("descripteur_libelle") or ""
            row["descripteur_libelle"] = [
                d.strip() for d in descriptors.replace("|", ",").split(",") if d.strip()
            ]
            records.append(row)
        return records

    @api.model
    def _check_columns(self, columns):
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if missing:
            raise UserError(
                self.env._(
                    "The file lacks the columns: %(columns)s. Nothing was imported.",
                    columns=", ".join(missing),
                )
            )

    @api.model
    def _date(self, value, line):
        if not value:
            return False
        try:
            return fields.Date.to_date(str(value)[:10])
        except ValueError as error:
            raise UserError(
                self.env._(
                    "Notice %(ref)s: %(value)s is not a date.", ref=line, value=value
                )
            ) from error

    @api.model
    def _datetime(self, value, line):
        if not value:
            return False
        value = str(value)
        try:
            if len(value) <= 10:
                return datetime.combine(fields.Date.to_date(value), time(12, 0))
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as error:
            raise UserError(
                self.env._(
                    "Notice %(ref)s: %(value)s is not a date and time.",
                    ref=line,
                    value=value,
                )
            ) from error
        if moment.tzinfo:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        return moment

    @api.model
    def _tender_vals(self, record, company):
        """The values of a tender from a notice."""
        reference = str(record.get("idweb") or "").strip()
        name = (record.get("objet") or "").strip()
        if not reference or not name:
            raise UserError(
                self.env._(
                    "A notice has no idweb or no objet (%(value)s): nothing was "
                    "imported.",
                    value=reference or name or "?",
                )
            )
        descriptors = record.get("descripteur_libelle") or []
        if isinstance(descriptors, str):
            descriptors = [d.strip() for d in descriptors.split(",") if d.strip()]
        vals = {
            "reference": reference,
            "source": "boamp",
            "name": name,
            "buyer": (record.get("nomacheteur") or "").strip(),
            "date_published": self._date(record.get("dateparution"), reference),
            "date_deadline": self._datetime(record.get("datelimitereponse"), reference),
            "url": (record.get("url_avis") or "").strip(),
            "keywords": ", ".join(descriptors),
            "company_id": company.id,
        }
        if record.get("montant"):
            try:
                vals["amount_estimated"] = float(
                    str(record["montant"]).replace(",", ".")
                )
            except ValueError as error:
                raise UserError(
                    self.env._(
                        "Notice %(ref)s: %(value)s is not an amount.",
                        ref=reference,
                        value=record["montant"],
                    )
                ) from error
        poles = self.env["cae.tender.keyword"]._cae_poles_for(
            [*descriptors, record.get("famille_libelle") or ""], company
        )
        return vals, poles

    @api.model
    def _import(self, records, company):
        """Create or update the tenders of ``records`` (idempotent by
        reference): returns (created, updated) tenders."""
        prepared = [self._tender_vals(record, company) for record in records]
        Tender = self.env["cae.tender"].with_company(company)
        existing = {
            tender.reference: tender
            for tender in Tender.search(
                [
                    ("source", "=", "boamp"),
                    ("company_id", "=", company.id),
                    (
                        "reference",
                        "in",
                        [vals["reference"] for vals, _poles in prepared],
                    ),
                ]
            )
        }
        created = updated = Tender.browse()
        to_create = []
        for vals, poles in prepared:
            tender = existing.get(vals["reference"])
            if tender:
                if poles - tender.pole_ids:
                    vals["pole_ids"] = [(4, pole.id) for pole in poles]
                tender.write(vals)
                updated |= tender
            elif vals["reference"] not in {v["reference"] for v in to_create}:
                vals["pole_ids"] = [(6, 0, poles.ids)]
                to_create.append(vals)
        if to_create:
            created = Tender.create(to_create)
        return created, updated
