from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, new_test_user

from odoo.addons.cae_member.tests.common import CaeTestCommon


class CaeLeaveCommon(CaeTestCommon):
    """Entrepreneurs A and B under a CESA (employees with a payroll
    reference), C under a CAPE; the paid leave of the company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.employee_a = cls._employee(cls.user_a, "PAY-A")
        cls.employee_b = cls._employee(cls.user_b, "PAY-B")
        cls.user_c = new_test_user(
            cls.env,
            login="ent_c",
            name="Chloé Céramiste",
            groups="base.group_user,cae_member.cae_member_group_entrepreneur",
            company_id=cls.company.id,
            company_ids=[fields.Command.set(cls.company.ids)],
        )
        cls.partner_c = cls.user_c.partner_id
        cls.partner_c.is_cae_member = True
        cls.employee_c = cls._employee(cls.user_c, "PAY-C")
        cls.company.cae_employer_cost_rate = 1.5
        cls.leave_type = cls.company._cae_leave_type()
        cls.Allocation = cls.env["hr.leave.allocation"]
        cls.Leave = cls.env["hr.leave"]

    @classmethod
    def _cesa(cls, partner, start, end=False, activity=None, fixed=1300.0):
        with freeze_time(start):
            return cls._contract(
                partner,
                "cesa",
                start,
                end,
                activity_id=(activity or partner.cae_activity_ids[:1]).id,
                fixed_monthly_amount=fixed,
            )

    @classmethod
    def _allocation(cls, contract):
        return cls.Allocation.search([("cae_contract_id", "=", contract.id)])

    @classmethod
    def _accrue_until(cls, date):
        with freeze_time(date):
            cls.Allocation._update_accrual()

    def _request(self, user, date_from, date_to, lang=None):
        """A paid leave request made by ``user`` through the form."""
        context = {"default_employee_id": user.employee_id.id}
        if lang:
            context["lang"] = lang
        form = Form(self.env["hr.leave"].with_user(user).with_context(**context))
        form.holiday_status_id = self.leave_type
        form.request_date_from = date_from
        form.request_date_to = date_to
        return form.save()
