# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

HEARING_KINDS = [
    ("hearing", "Hearing"),
    ("three_way", "Three-way Conversation"),
]


class KlachtenbeheerHearing(models.Model):
    """Hearing the complainant (Awb 9:10, Utrecht interview).

    A hearing with minutes, or, for a complaint about an employee, a
    three-way conversation of complainant, employee and handler (Utrecht interview
    "driegesprek").
    """

    _name = "klachtenbeheer.hearing"
    _description = "Complaint Hearing"
    _order = "date desc, id desc"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        string="Complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        related="complaint_id.company_id", store=True, index=True
    )
    kind = fields.Selection(
        HEARING_KINDS,
        required=True,
        compute="_compute_kind",
        store=True,
        readonly=False,
        precompute=True,
    )
    date = fields.Datetime(required=True)
    location = fields.Char()
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Chaired By",
        domain=[("share", "=", False)],
        compute="_compute_participants",
        store=True,
        readonly=False,
        precompute=True,
    )
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Complainant",
        compute="_compute_participants",
        store=True,
        readonly=False,
        precompute=True,
    )
    user_concerned_id = fields.Many2one(
        comodel_name="res.users",
        string="Employee Concerned",
        domain=[("share", "=", False)],
        compute="_compute_participants",
        store=True,
        readonly=False,
        precompute=True,
    )
    attendee_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="klachtenbeheer_hearing_attendee_rel",
        column1="hearing_id",
        column2="partner_id",
        string="Other Attendees",
    )
    minutes = fields.Html(sanitize_style=True)
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        copy=False,
    )
    activity_id = fields.Many2one(
        comodel_name="mail.activity",
        readonly=True,
        copy=False,
        ondelete="set null",
    )

    @api.depends("complaint_id")
    def _compute_kind(self):
        for hearing in self:
            complaint = hearing.complaint_id
            if hearing.kind and hearing._origin.complaint_id == complaint:
                continue
            preference = complaint.handling_preference
            if preference in ("hearing", "three_way"):
                hearing.kind = preference
            else:
                # Utrecht interview: about an employee, a three-way
                # conversation is the rule.
                hearing.kind = "three_way" if complaint.user_concerned_id else "hearing"

    @api.depends("complaint_id")
    def _compute_participants(self):
        for hearing in self:
            complaint = hearing.complaint_id
            hearing.partner_id = complaint.partner_id
            hearing.user_concerned_id = complaint.user_concerned_id
            hearing.user_id = complaint.user_id or self.env.user

    @api.depends("kind", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for hearing in self:
            date = (
                fields.Datetime.context_timestamp(hearing, hearing.date).strftime(
                    "%d-%m-%Y %H:%M"
                )
                if hearing.date
                else ""
            )
            hearing.display_name = " ".join(
                filter(None, [kinds.get(hearing.kind), date])
            )

    @api.constrains("kind", "user_concerned_id")
    def _check_three_way(self):
        for hearing in self:
            if hearing.kind == "three_way" and not hearing.user_concerned_id:
                raise ValidationError(
                    self.env._(
                        "A three-way conversation is held with the complainant "
                        "and the employee the complaint is about (Utrecht "
                        "interview): please fill in the employee concerned."
                    )
                )

    @api.constrains("state", "minutes")
    def _check_minutes(self):
        for hearing in self:
            if hearing.state == "held" and is_html_empty(hearing.minutes):
                raise ValidationError(
                    self.env._(
                        "A hearing that was held needs its minutes (Awb 9:10): "
                        "please write them before marking it as held."
                    )
                )
        # Cancelling or emptying the only hearing may undo what a decision
        # of the complaint relies on.
        self.complaint_id._check_decision()

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        hearings = super().create(vals_list)
        hearings._sync_activity()
        return hearings

    def write(self, vals):
        res = super().write(vals)
        if {"date", "user_id", "state", "kind"}.intersection(vals):
            self._sync_activity()
        return res

    def unlink(self):
        complaints = self.complaint_id
        self.activity_id.sudo().unlink()
        res = super().unlink()
        complaints.exists()._check_decision()
        return res

    def _sync_activity(self):
        """A planned hearing is an activity for its chair on its date."""
        activity_type = self.env.ref(
            "klachtenbeheer.mail_activity_type_hearing", raise_if_not_found=False
        )
        if not activity_type:
            return
        model_id = self.env["ir.model"]._get_id("klachtenbeheer.complaint")
        Activity = self.env["mail.activity"].sudo()
        for hearing in self:
            if hearing.state == "held" and hearing.activity_id:
                hearing.activity_id.sudo()._action_done()
                continue
            if hearing.state != "planned":
                hearing.activity_id.sudo().unlink()
                continue
            deadline = fields.Datetime.context_timestamp(hearing, hearing.date).date()
            user = hearing.user_id or hearing.complaint_id._term_activity_user()
            summary = hearing.display_name
            if hearing.activity_id:
                hearing.activity_id.sudo().write(
                    {
                        "date_deadline": deadline,
                        "user_id": user.id,
                        "summary": summary,
                    }
                )
                continue
            activity = Activity.create(
                {
                    "activity_type_id": activity_type.id,
                    "res_model_id": model_id,
                    "res_id": hearing.complaint_id.id,
                    "date_deadline": deadline,
                    "user_id": user.id,
                    "summary": summary,
                }
            )
            hearing.sudo().activity_id = activity

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_mark_held(self):
        self.write({"state": "held"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_plan_again(self):
        self.write({"state": "planned"})
        return True


class KlachtenbeheerComplaint(models.Model):
    """The complaint's hearings (Awb 9:10); what a decision needs of them is
    in klachtenbeheer_complaint_decision.py."""

    # pylint: disable=consider-merging-classes-inherited
    _inherit = "klachtenbeheer.complaint"

    hearing_ids = fields.One2many(
        comodel_name="klachtenbeheer.hearing",
        inverse_name="complaint_id",
        string="Hearings",
    )
