from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .cae_health_rule import SALARIED_TYPES, VISIT_TYPES

ADMIN = "cae_member.cae_member_group_admin"


class CaeHealthVisit(models.Model):
    """An occupational health visit of an employee of the cooperative.

    What the occupational health service concludes (the result and the
    notes) is read by the admin team only (``groups=``): the entrepreneur
    gets her own certificate from the service itself, and reads here only the
    visit's type, dates and state. The visit's messages are the admin team's
    too (``_get_mail_message_access``)."""

    _name = "cae.health.visit"
    _description = "Occupational health visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_due, id"
    _check_company_auto = True
    # the messages of a visit are read by those who may write it (mail_message.py)
    _cae_messages_need_write = True

    name = fields.Char(compute="_compute_name", store=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        check_company=True,
        tracking=True,
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        related="employee_id.work_contact_id",
        store=True,
        index=True,
    )
    activity_id = fields.Many2one(
        "cae.activity",
        compute="_compute_activity_id",
        store=True,
        readonly=False,
        index=True,
        check_company=True,
        tracking=True,
        help="The activity the visit is charged to (occupational health is not "
        "covered by the contribution).",
    )
    visit_type = fields.Selection(
        VISIT_TYPES, string="Type", required=True, default="periodic", tracking=True
    )
    reinforced = fields.Boolean(
        string="Reinforced follow-up",
        compute="_compute_reinforced",
        store=True,
        readonly=False,
    )
    reference_date = fields.Date(
        compute="_compute_reference_date",
        store=True,
        readonly=False,
        help="What the due date counts from: the start of the CESA (hiring), "
        "the previous visit (periodic), the return to work, the request.",
    )
    date_due = fields.Date(
        string="Due date",
        compute="_compute_date_due",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
    )
    date_done = fields.Date(string="Visit date", tracking=True, copy=False)
    result = fields.Selection(
        [
            ("follow_up", "Follow-up certificate"),
            ("fit", "Fit"),
            ("fit_adjusted", "Fit with adjustments"),
            ("unfit", "Unfit"),
        ],
        groups=ADMIN,
        copy=False,
    )
    notes = fields.Text(groups=ADMIN, copy=False)
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        tracking=True,
        copy=False,
        index=True,
    )
    is_overdue = fields.Boolean(string="Overdue", readonly=True, copy=False, index=True)
    alert_sent = fields.Boolean(readonly=True, copy=False)
    previous_visit_id = fields.Many2one(
        "cae.health.visit", readonly=True, copy=False, check_company=True
    )
    bill_ids = fields.Many2many(
        "account.move",
        "cae_health_visit_account_move_rel",
        "visit_id",
        "move_id",
        string="Vendor bills",
        domain=[("move_type", "=", "in_invoice")],
        copy=False,
        groups=ADMIN,
        check_company=True,
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.depends("visit_type", "partner_id.name")
    def _compute_name(self):
        names = {
            "hiring": self.env._("Hiring visit - %(name)s"),
            "periodic": self.env._("Periodic visit - %(name)s"),
            "return": self.env._("Return-to-work visit - %(name)s"),
            "request": self.env._("Visit on request - %(name)s"),
        }
        for visit in self:
            visit.name = names.get(visit.visit_type, "%(name)s") % {
                "name": visit.partner_id.name or ""
            }

    @api.depends("employee_id")
    def _compute_activity_id(self):
        for visit in self:
            partner = visit.partner_id
            contract = visit._cae_cesa()
            activities = partner.sudo().cae_activity_ids.filtered("active")
            visit.activity_id = contract.activity_id or (
                activities if len(activities) == 1 else False
            )

    @api.depends("employee_id")
    def _compute_reinforced(self):
        for visit in self:
            # sudo: the flag is the admin team's (groups=); the visit copies it
            visit.reinforced = visit.employee_id.sudo().cae_health_reinforced

    @api.depends("visit_type", "employee_id", "previous_visit_id.date_done")
    def _compute_reference_date(self):
        today = fields.Date.context_today(self)
        for visit in self:
            if visit.visit_type == "hiring":
                visit.reference_date = visit._cae_cesa().date_start or False
            elif visit.visit_type == "periodic":
                visit.reference_date = (
                    visit.previous_visit_id.date_done
                    or visit._cae_last_visit_date()
                    or visit._cae_cesa().date_start
                    or False
                )
            elif visit.visit_type == "request":
                visit.reference_date = visit.reference_date or today
            else:
                visit.reference_date = visit.reference_date or False

    @api.depends("reference_date", "visit_type", "reinforced", "employee_id")
    def _compute_date_due(self):
        for visit in self:
            rule = visit._cae_rule()
            if rule and visit.reference_date:
                visit.date_due = rule._due_date(visit.reference_date)
            else:
                visit.date_due = visit.date_due or False

    @api.constrains("employee_id", "company_id")
    def _check_employee(self):
        for visit in self:
            # sudo: the employee type is HR data; only its kind is compared
            employee = visit.employee_id.sudo()
            if (
                employee.company_id != visit.company_id
                or employee.employee_type not in SALARIED_TYPES
            ):
                raise ValidationError(
                    self.env._(
                        "%(name)s is not an employee of %(company)s: occupational "
                        "health visits are for the cooperative's employees (a "
                        "salaried entrepreneur under a CESA, not a CAPE holder).",
                        name=employee.name,
                        company=visit.company_id.name,
                    )
                )

    @api.constrains("state", "date_done")
    def _check_date_done(self):
        for visit in self:
            if visit.state == "done" and not visit.date_done:
                raise ValidationError(
                    self.env._(
                        "%(visit)s: a visit that took place needs its date.",
                        visit=visit.name,
                    )
                )

    def write(self, vals):
        if "date_due" in vals and "is_overdue" not in vals:
            # a new due date: the cron judges it again
            vals = dict(vals, is_overdue=False)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_evidence(self):
        raise UserError(
            self.env._(
                "A health visit is kept: cancel or archive it, it cannot be deleted."
            )
        )

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        # the messages of a visit may speak of health: reading them takes the
        # right to write the visit (the admin team's), not only to read it
        operation = super()._get_mail_message_access(res_ids, operation, model_name)
        return "write" if operation == "read" else operation

    def action_done(self):
        """The visit took place: record it, and plan the next periodic one."""
        self.check_access("write")
        missing = self.filtered(lambda visit: not visit.date_done)
        if missing:
            raise UserError(
                self.env._(
                    "Enter the date of the visit before marking it done: %(visits)s.",
                    visits=", ".join(missing.mapped("name")),
                )
            )
        if self.filtered(lambda visit: visit.state != "planned"):
            raise UserError(self.env._("Only a planned visit can be marked done."))
        self.write({"state": "done", "is_overdue": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._cae_plan_next()
        return True

    def action_cancel(self):
        self.check_access("write")
        if self.filtered(lambda visit: visit.state == "done"):
            raise UserError(self.env._("A visit that took place cannot be cancelled."))
        self.write({"state": "cancelled", "is_overdue": False})
        self.activity_unlink(["mail.mail_activity_data_todo"])

    def action_plan(self):
        self.check_access("write")
        if self.filtered(lambda visit: visit.state != "cancelled"):
            raise UserError(self.env._("Only a cancelled visit can be planned again."))
        self.write({"state": "planned"})

    def action_create_bill(self):
        """The draft vendor bill of the occupational health service for these
        visits: one per activity, each line on its activity."""
        self.check_access("write")
        company = self.company_id
        if len(company) != 1:
            raise UserError(self.env._("Bill the visits of one company at a time."))
        vendor, product = company.cae_health_vendor_id, company.cae_health_product_id
        if not vendor or not product:
            raise UserError(
                self.env._(
                    "Set the occupational health service and its product in the "
                    "settings (CAE ▸ Configuration ▸ Settings) first."
                )
            )
        billed = self.filtered("bill_ids")
        if billed:
            raise UserError(
                self.env._(
                    "These visits already have a vendor bill: %(visits)s.",
                    visits=", ".join(billed.mapped("name")),
                )
            )
        no_activity = self.filtered(lambda visit: not visit.activity_id)
        if no_activity:
            raise UserError(
                self.env._(
                    "Choose the activity the visit is charged to: %(visits)s.",
                    visits=", ".join(no_activity.mapped("name")),
                )
            )
        bills = self.env["account.move"]
        for activity in self.activity_id:
            visits = self.filtered(lambda visit, a=activity: visit.activity_id == a)
            bills |= self.env["account.move"].create(
                {
                    "move_type": "in_invoice",
                    "company_id": company.id,
                    "partner_id": vendor.id,
                    "cae_activity_id": activity.id,
                    "invoice_date": fields.Date.context_today(self),
                    "cae_health_visit_ids": [Command.set(visits.ids)],
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "name": visit.name,
                                "quantity": 1,
                            }
                        )
                        for visit in visits
                    ],
                }
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Vendor bills"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", bills.ids)],
            "context": {"default_move_type": "in_invoice"},
        }

    def _cae_cesa(self):
        """The CESA of the visit's person in its company (the latest one)."""
        self.ensure_one()
        if not self.partner_id:
            return self.env["cae.contract"]
        # sudo: the contract's start date and activity only, for the due date
        # and the charged activity of a visit the admin team records
        return (
            self.env["cae.contract"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("contract_type", "=", "cesa"),
                    ("state", "!=", "cancelled"),
                ],
                order="date_start desc",
                limit=1,
            )
        )

    def _cae_last_visit_date(self):
        """The date of the employee's last visit that took place."""
        self.ensure_one()
        if not self.employee_id:
            return False
        last = self.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("state", "=", "done"),
                ("id", "not in", self.ids),
            ],
            order="date_done desc",
            limit=1,
        )
        return last.date_done

    def _cae_rule(self):
        """The company's follow-up rule of this visit."""
        self.ensure_one()
        employee_type = self.employee_id.sudo().employee_type
        return self.company_id.sudo().cae_health_rule_ids.filtered(
            lambda rule: (
                rule.employee_type == employee_type
                and rule.visit_type == self.visit_type
                and rule.reinforced == self.reinforced
            )
        )[:1]

    def _cae_plan_next(self):
        """The next periodic visit of each visit done (while the person is
        still an employee, and has no other planned periodic visit)."""
        planned = self.search(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("visit_type", "=", "periodic"),
                ("state", "=", "planned"),
            ]
        )
        vals_list = []
        for visit in self:
            employee = visit.employee_id.sudo()
            if (
                employee.employee_type not in SALARIED_TYPES
                or not employee.active
                or visit.employee_id in planned.employee_id
            ):
                continue
            vals_list.append(
                {
                    "employee_id": visit.employee_id.id,
                    "company_id": visit.company_id.id,
                    "activity_id": visit.activity_id.id,
                    "visit_type": "periodic",
                    "reinforced": visit.reinforced,
                    "previous_visit_id": visit.id,
                    "reference_date": visit.date_done,
                }
            )
        return self.create(vals_list)

    @api.model
    def _cron_health_alerts(self):
        """Daily: a to-do for the responsible person N days before a visit is
        due (once per visit), and the overdue visits flagged."""
        today = fields.Date.context_today(self)
        for company in self.env["res.company"].search([]):
            visits = self.search(
                [
                    ("company_id", "=", company.id),
                    ("state", "=", "planned"),
                    ("alert_sent", "=", False),
                    ("date_due", "!=", False),
                    (
                        "date_due",
                        "<=",
                        today + timedelta(days=company.cae_health_alert_days),
                    ),
                ]
            )
            user = company._cae_health_responsible()
            if visits and user:
                lang_env = self.with_context(lang=user.lang).env
                for visit in visits:
                    visit.activity_schedule(
                        act_type_xmlid="mail.mail_activity_data_todo",
                        date_deadline=visit.date_due,
                        summary=lang_env._(
                            "Occupational health visit to book: %(name)s",
                            name=visit.partner_id.name,
                        ),
                        note=Markup("<p>%s</p>")
                        % lang_env._(
                            "Book the visit with the occupational health service "
                            "before %(date)s.",
                            date=visit.date_due.strftime("%d/%m/%Y"),
                        ),
                        user_id=user.id,
                    )
                visits.alert_sent = True
        overdue = self.search(
            [
                ("state", "=", "planned"),
                ("is_overdue", "=", False),
                ("date_due", "<", today),
            ]
        )
        overdue.is_overdue = True
        for visit in overdue:
            visit.message_post(
                body=self.env._(
                    "This visit is overdue (due on %(date)s).",
                    date=visit.date_due.strftime("%d/%m/%Y"),
                ),
                subtype_xmlid="mail.mt_note",
            )
