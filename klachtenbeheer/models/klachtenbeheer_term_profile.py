# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KlachtenbeheerTermProfile(models.Model):
    """The terms a complaint must meet, counted in working days or weeks.

    The company has a default profile; a category or a team may override it
    (category first: it says what kind of complaint it is).
    """

    _name = "klachtenbeheer.term.profile"
    _description = "Complaint Term Profile"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(comodel_name="res.company", index=True)
    ack_days = fields.Integer(
        string="Acknowledgement (working days)",
        default=1,
        help="1 means: the same working day, or the next one when the "
        "complaint came in after office hours.",
    )
    contact_days = fields.Integer(
        string="First Contact (working days)",
        default=5,
        help="Working days after receipt within which the handler talks "
        "with the complainant.",
    )
    answer_term = fields.Integer(default=5)
    answer_unit = fields.Selection(
        [("working_days", "Working Days"), ("weeks", "Weeks")],
        string="Answer Term Unit",
        default="working_days",
        required=True,
    )
    committee_answer_weeks = fields.Integer(
        string="Answer Term with Advisory Committee (weeks)",
        help="Awb 9:14: when an advisory committee hears the complaint. 0: not used.",
    )
    non_handling_weeks = fields.Integer(
        string="Notice of Non-handling (weeks)",
        help="Awb 9:8: term within which the complainant hears that the "
        "complaint is not handled. 0: the answer term applies.",
    )
    extension_max_weeks = fields.Integer(
        string="Maximum Extension (weeks)",
        default=4,
        help="Awb 9:11: the answer term may be extended once by at most this "
        "many weeks, with written notice. A further delay needs the "
        "complainant's consent.",
    )
    warn_days = fields.Integer(
        string="Warn Before Due (working days)",
        default=1,
        help="The handler is warned this many working days before the answer is due.",
    )
    allow_pause = fields.Boolean(
        string="Allow Pausing",
        help="While the handler waits for the complainant (e.g. for missing "
        "information) the clock may stop.",
    )
    is_public_body = fields.Boolean(
        string="Public Body (Awb)",
        help="Complaints with this profile fall under the General "
        "Administrative Law Act: the grounds of Awb 9:8 apply.",
    )
    next_step_text = fields.Html(
        string="Where to Go Next",
        sanitize_style=True,
        help="Closes the decision letter: where a complainant who is not "
        "satisfied can go next (a corporation: the regional complaints "
        "committee and the Huurcommissie, WMD-klachtenbeleid §1.3; a public body: the "
        "Nationale or the municipal ombudsman, Awb 9:18).",
    )

    @api.constrains(
        "ack_days",
        "contact_days",
        "answer_term",
        "committee_answer_weeks",
        "non_handling_weeks",
        "extension_max_weeks",
        "warn_days",
    )
    def _check_terms(self):
        for profile in self:
            if (
                min(
                    profile.ack_days,
                    profile.contact_days,
                    profile.committee_answer_weeks,
                    profile.non_handling_weeks,
                    profile.extension_max_weeks,
                    profile.warn_days,
                )
                < 0
                or profile.answer_term <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Terms cannot be negative and the answer term must be "
                        "at least 1."
                    )
                )
