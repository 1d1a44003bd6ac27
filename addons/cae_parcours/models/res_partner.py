from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import date_utils

from .cae_member_exit import EXIT_TYPES

# journey, status and statistics: the support and admin teams only (co-management
# has both); an entrepreneur reads none of them, hers included, and the field
# guard of res.partner keeps them out of her writes
JOURNEY_GROUPS = "cae_member.cae_member_group_support,cae_member.cae_member_group_admin"


class ResPartner(models.Model):
    _inherit = "res.partner"

    # journey
    cae_info_meeting_date = fields.Date(
        string="Information meeting", groups=JOURNEY_GROUPS
    )
    cae_application_date = fields.Date(
        string="Application received on", groups=JOURNEY_GROUPS
    )
    cae_application_complete = fields.Boolean(
        string="Application file complete", groups=JOURNEY_GROUPS
    )
    cae_diagnostic_date = fields.Date(
        string="Diagnostic interview", groups=JOURNEY_GROUPS
    )
    cae_decision = fields.Selection(
        [
            ("admitted", "Admitted"),
            ("refused", "Refused"),
            ("redirected", "Redirected"),
        ],
        string="Decision",
        tracking=True,
        groups=JOURNEY_GROUPS,
    )
    cae_decision_reason = fields.Text(
        string="Reason of the decision", groups=JOURNEY_GROUPS
    )
    # the newcomer's sponsor (parrain / marraine): kept by the journey staff;
    # the sponsee and the sponsor read it through cae_sponsorship_sponsor_id
    cae_sponsor_id = fields.Many2one(
        "res.partner",
        string="Sponsor",
        domain="[('is_cae_member', '=', True), ('id', '!=', id)]",
        index="btree_not_null",
        tracking=True,
        help="An experienced entrepreneur, member of the cooperative, who is the "
        "newcomer's referent.",
        groups=JOURNEY_GROUPS,
    )
    cae_sponsee_ids = fields.One2many(
        "res.partner", "cae_sponsor_id", string="Sponsees", groups=JOURNEY_GROUPS
    )
    cae_sponsor_interviews = fields.Boolean(
        string="May record the interviews of her sponsees",
        help="When the company allows it too, this sponsor creates and reads the "
        "individual interviews she holds with her sponsees.",
        groups=JOURNEY_GROUPS,
    )
    cae_sponsorship_sponsor_id = fields.Many2one(
        "res.partner",
        string="Sponsorship",
        compute="_compute_cae_sponsorship_sponsor_id",
        search="_search_cae_sponsorship_sponsor_id",
        help="The sponsor, as the sponsee, the sponsor and the journey staff see it.",
    )
    cae_support_user_id = fields.Many2one(
        "res.users",
        string="Support advisor",
        tracking=True,
        domain=lambda self: [
            (
                "groups_id",
                "in",
                self.env.ref("cae_member.cae_member_group_support").ids,
            )
        ],
        help="Receives the journey alerts (CAPE end, associate deadline, "
        "interviews) of this person.",
        groups=JOURNEY_GROUPS,
    )
    cae_exit_ids = fields.One2many(
        "cae.member.exit", "partner_id", string="Exits", groups=JOURNEY_GROUPS
    )
    cae_exit_type = fields.Selection(
        EXIT_TYPES,
        string="Exit type",
        compute="_compute_cae_exit",
        store=True,
        groups=JOURNEY_GROUPS,
    )
    # funder statistics
    cae_gender = fields.Selection(
        [("female", "Female"), ("male", "Male"), ("other", "Other")],
        string="Gender (statistics)",
        groups=JOURNEY_GROUPS,
    )
    cae_birthdate = fields.Date(string="Birth date", groups=JOURNEY_GROUPS)
    cae_prescriber = fields.Char(string="Prescriber", groups=JOURNEY_GROUPS)
    cae_entry_status = fields.Selection(
        [
            ("job_seeker", "Job seeker"),
            ("minimum_income", "Minimum income (RSA)"),
            ("employee", "Employee"),
            ("student", "Student"),
            ("other", "Other"),
        ],
        string="Status at entry",
        groups=JOURNEY_GROUPS,
    )
    cae_associate_deadline = fields.Date(
        string="Associate deadline",
        compute="_compute_cae_associate_deadline",
        store=True,
        help="CESA start + 36 months - the time already spent under CAPE (L7331-3).",
        groups=JOURNEY_GROUPS,
    )
    cae_interview_count = fields.Integer(
        string="Individual interviews this year",
        compute="_compute_cae_interview_count",
        search="_search_cae_interview_count",
        groups=JOURNEY_GROUPS,
    )
    cae_missing_interviews = fields.Boolean(
        string="Annual interviews missing",
        compute="_compute_cae_interview_count",
        search="_search_cae_missing_interviews",
        help="Salaried entrepreneur with fewer than two individual interviews done "
        "this year, each with a written report.",
        groups=JOURNEY_GROUPS,
    )

    # override: the journey staff write the journey fields their groups allow, checked
    # here
    def write(self, vals):
        if "cae_sponsor_interviews" in vals:
            # the sponsors' appointment rule reads the permission (rules are
            # cached), whatever the path of the write below
            self.env.registry.clear_cache()
        journey = set(vals) & self._cae_journey_fnames()
        if not journey or self.env.su or not self.env.user._cae_is_journey_staff():
            return super().write(vals)
        # the partner may be read and written by this user (rules), and each
        # journey field is theirs (groups=)
        self.check_access("write")
        self.check_field_access_rights("write", list(journey))
        if "cae_exit_ids" in journey:
            Exit = self.env["cae.member.exit"]
            Exit.check_access("create")
            Exit.check_access("write")
            if any(
                isinstance(command, (list, tuple)) and command[0] in (2, 3)
                for command in vals["cae_exit_ids"]
            ):
                Exit.check_access("unlink")
        rest = {fname: value for fname, value in vals.items() if fname not in journey}
        # sudo: core asks for write access on res.users to change any field of
        # an internal user's partner; the journey is the support and admin
        # teams' to keep (checked above), not the user's account
        super(ResPartner, self.sudo()).write({fname: vals[fname] for fname in journey})
        return super().write(rest) if rest else True

    @api.model
    @tools.ormcache()
    def _cae_journey_fnames(self):
        """The journey, status and statistics fields: the support and admin
        teams write them, on any member (users included)."""
        return frozenset(
            {
                fname
                for fname, field in self._fields.items()
                if field.groups == JOURNEY_GROUPS
            }
            | {"cae_associate_date", "cae_exit_date"}
        )

    @api.depends_context("uid")
    def _compute_cae_sponsorship_sponsor_id(self):
        me = self.env.user.partner_id
        staff = self.env.su or self.env.user._cae_is_journey_staff()
        # sudo: the sponsor is journey data; it is shown to the sponsee and to
        # the sponsor only (checked here), the journey staff read it anyway
        for partner in self:
            sponsor = partner.sudo().cae_sponsor_id
            shown = staff or me in (partner, sponsor)
            partner.cae_sponsorship_sponsor_id = sponsor if shown else False

    def _search_cae_sponsorship_sponsor_id(self, operator, value):
        # sudo: the search runs on the journey field, then keeps only what the
        # user may see: her own partner and her sponsees (journey staff: all)
        found = self.sudo()._search([("cae_sponsor_id", operator, value)])
        if self.env.su or self.env.user._cae_is_journey_staff():
            return [("id", "in", found)]
        me = self.env.user.partner_id
        mine = self.sudo()._search(
            ["|", ("id", "=", me.id), ("cae_sponsor_id", "=", me.id)]
        )
        return [("id", "in", found), ("id", "in", mine)]

    @api.model
    def _cae_action_my_sponsees(self):
        """The "My sponsees" list: the members the current user sponsors."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("My sponsees"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("cae_parcours.res_partner_view_list_sponsee").id, "list"),
                (False, "form"),
            ],
            "domain": [
                ("cae_sponsorship_sponsor_id", "=", self.env.user.partner_id.id)
            ],
            "context": {"create": False},
        }

    @api.constrains("cae_sponsor_id")
    def _check_cae_sponsor(self):
        # sudo: the journey field is read to check it, whoever wrote it
        for partner in self.sudo():
            sponsor = partner.cae_sponsor_id
            if not sponsor:
                continue
            if sponsor == partner:
                raise ValidationError(
                    self.env._(
                        "%(partner)s cannot be her own sponsor.", partner=partner.name
                    )
                )
            if not sponsor.is_cae_member:
                raise ValidationError(
                    self.env._(
                        "The sponsor of %(partner)s must be a member of the "
                        "cooperative: %(sponsor)s is not.",
                        partner=partner.name,
                        sponsor=sponsor.name,
                    )
                )

    @api.depends("cae_exit_ids.date", "cae_exit_ids.exit_type")
    def _compute_cae_exit(self):
        for partner in self:
            last = partner.cae_exit_ids.sorted("date")[-1:]
            partner.cae_exit_type = last.exit_type

    @api.depends(
        "is_cae_member",
        "cae_associate_date",
        "cae_exit_date",
        "cae_exit_ids.date",
        "cae_contract_ids.state",
        "cae_contract_ids.date_start",
        "cae_contract_ids.date_end",
        "cae_contract_ids.contract_type",
    )
    def _compute_cae_status(self):
        return super()._compute_cae_status()

    @api.constrains("cae_decision", "cae_decision_reason")
    def _check_cae_decision_reason(self):
        for partner in self.sudo():
            if (
                partner.cae_decision in ("refused", "redirected")
                and not (partner.cae_decision_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "A refusal or a redirection of %(partner)s gives its reason.",
                        partner=partner.name,
                    )
                )

    def _cae_check_admitted(self):
        """A contract starts only for a person admitted by the cooperative."""
        self.ensure_one()
        # sudo: the decision is journey data; it is read to check the step
        partner = self.sudo()
        if partner.cae_decision == "admitted":
            return
        if partner.cae_decision == "refused":
            raise UserError(
                self.env._(
                    "%(partner)s cannot start a contract: the application was "
                    "refused (%(reason)s).",
                    partner=partner.name,
                    reason=partner.cae_decision_reason,
                )
            )
        if partner.cae_decision == "redirected":
            raise UserError(
                self.env._(
                    "%(partner)s cannot start a contract: the application was "
                    "redirected (%(reason)s).",
                    partner=partner.name,
                    reason=partner.cae_decision_reason,
                )
            )
        raise UserError(
            self.env._(
                "%(partner)s cannot start a contract: no admission decision has "
                "been recorded yet.",
                partner=partner.name,
            )
        )

    def _cae_status_at(self, date):
        """With re-entries: only the history after the last exit counts."""
        self.ensure_one()
        # sudo: the exits are journey data an entrepreneur may not read; the
        # status they give is public
        exits = (
            self.sudo().cae_exit_ids.filtered(lambda e: e.date <= date).sorted("date")
        )
        if not exits:
            return super()._cae_status_at(date)
        last_exit = exits[-1].date
        contracts = self._cae_counted_contracts().filtered(
            lambda c: (
                c.date_start > last_exit
                and c.date_start <= date
                and (not c.date_end or c.date_end >= date)
            )
        )
        if not contracts:
            reentered = self._cae_counted_contracts().filtered(
                lambda c: last_exit < c.date_start <= date
            )
            return "candidate" if reentered else "exited"
        if self.cae_associate_date and last_exit < self.cae_associate_date <= date:
            return "associate"
        return "cesa" if "cesa" in contracts.mapped("contract_type") else "cape"

    @api.depends("cae_contract_ids.associate_deadline", "cae_contract_ids.state")
    def _compute_cae_associate_deadline(self):
        for partner in self:
            cesa = partner.cae_contract_ids.filtered(
                lambda c: c.contract_type == "cesa" and c.state == "running"
            ).sorted("date_start")[-1:]
            partner.cae_associate_deadline = cesa.associate_deadline

    def _cae_interview_counts(self, partners=None):
        """{partner id: done individual interviews this year} in one query."""
        today = fields.Date.context_today(self)
        start = date_utils.start_of(today, "year")
        groups = (
            self.env["cae.appointment"]
            .sudo()
            ._read_group(
                [
                    ("kind", "=", "individual"),
                    ("state", "=", "done"),
                    ("has_report", "=", True),
                    ("date_start", ">=", start),
                    ("date_start", "<=", date_utils.end_of(today, "year")),
                    *(
                        [("partner_ids", "in", partners.ids)]
                        if partners is not None
                        else []
                    ),
                ],
                ["partner_ids"],
                ["__count"],
            )
        )
        return {partner.id: count for partner, count in groups}

    def _compute_cae_interview_count(self):
        counts = self._cae_interview_counts(self)
        for partner in self:
            partner.cae_interview_count = counts.get(partner.id, 0)
            partner.cae_missing_interviews = (
                partner.cae_status in ("cesa", "associate")
                and counts.get(partner.id, 0) < 2
            )

    def _search_cae_interview_count(self, operator, value):
        # a computed field's search is not checked by the ORM: its groups are
        self.check_field_access_rights("read", ["cae_interview_count"])
        counts = self._cae_interview_counts()
        ids = [
            pid
            for pid, count in counts.items()
            if self._compare(count, operator, value)
        ]
        return [("id", "in", ids)]

    @staticmethod
    def _compare(count, operator, value):
        return {
            "=": count == value,
            "!=": count != value,
            ">": count > value,
            ">=": count >= value,
            "<": count < value,
            "<=": count <= value,
        }[operator]

    def _search_cae_missing_interviews(self, operator, value):
        # a computed field's search is not checked by the ORM: its groups are
        self.check_field_access_rights("read", ["cae_missing_interviews"])
        counts = self._cae_interview_counts()
        salaried = self.search(
            [("is_cae_member", "=", True), ("cae_status", "in", ("cesa", "associate"))]
        )
        missing = [p.id for p in salaried if counts.get(p.id, 0) < 2]
        positive = (operator == "=") == bool(value)
        return [("id", "in" if positive else "not in", missing)]
