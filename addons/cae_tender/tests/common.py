from datetime import timedelta

from odoo import Command, fields

from odoo.addons.cae_member.tests.common import CaeTestCommon


class CaeTenderCommon(CaeTestCommon):
    """Two poles: web (activity A, Anne) and makers (activity B, Bruno); a
    third activity C of a third member, in no pole."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pole = cls.env["cae.pole"]
        cls.pole_web = Pole.create({"name": "Studio web", "company_id": cls.company.id})
        cls.pole_makers = Pole.create({"name": "Makers", "company_id": cls.company.id})
        cls.activity_a.pole_ids = cls.pole_web
        cls.activity_b.pole_ids = cls.pole_makers
        cls.partner_c = cls.env["res.partner"].create(
            {
                "name": "Chloé Couture",
                "email": "chloe@example.com",
                "is_cae_member": True,
            }
        )
        cls.activity_c = cls.env["cae.activity"].create(
            {
                "name": "Couture C",
                "code": "ACTC",
                "company_id": cls.company.id,
                "member_ids": [Command.link(cls.partner_c.id)],
            }
        )
        cls.now = fields.Datetime.now()
        cls.today = fields.Date.context_today(cls.env["cae.tender"])

    @classmethod
    def _tender(cls, name, poles, days=20, **vals):
        return cls.env["cae.tender"].create(
            {
                "name": name,
                "buyer": "Ville de Tours",
                "company_id": cls.company.id,
                "date_published": cls.today - timedelta(days=30),
                "date_deadline": cls.now + timedelta(days=days),
                "pole_ids": [Command.set(poles.ids)],
                **vals,
            }
        )
