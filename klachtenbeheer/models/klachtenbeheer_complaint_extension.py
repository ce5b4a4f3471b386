# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from ..tools import working_days


class KlachtenbeheerComplaintExtension(models.Model):
    """One extension of the answer term (Awb 9:11), kept as history.

    The rules of an extension are the model's own, whoever records it (the
    wizard, an import, RPC): decided within the term, at most the profile's
    weeks the first time, a further one only with the complainant's consent,
    and the notice to the complainant and the employee concerned sent with
    it. The history cannot be changed afterwards.
    """

    _name = "klachtenbeheer.complaint.extension"
    _description = "Complaint Term Extension"
    _order = "create_date, id"

    complaint_id = fields.Many2one(
        comodel_name="klachtenbeheer.complaint",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="complaint_id.company_id", store=True)
    weeks = fields.Integer(required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    complainant_consent = fields.Boolean(readonly=True)
    consent_note = fields.Text(readonly=True)
    date_due_before = fields.Date(string="Due Before", readonly=True)
    date_due_after = fields.Date(string="Due After", readonly=True)
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Extended By",
        default=lambda self: self.env.user,
        readonly=True,
    )

    @api.model
    def _check_extension_vals(self, vals):
        """Awb 9:11: the rules an extension must meet, in Dutch errors."""
        complaint = self.env["klachtenbeheer.complaint"].browse(vals["complaint_id"])
        complaint.check_access("write")
        if complaint.is_closed or complaint.date_answered:
            raise ValidationError(
                self.env._(
                    "Complaint %s has been answered: its term cannot be extended.",
                    complaint.name,
                )
            )
        if (vals.get("weeks") or 0) <= 0:
            raise ValidationError(self.env._("Extend by at least one week."))
        if not (vals.get("reason") or "").strip():
            raise ValidationError(self.env._("Give the reason for the extension."))
        due = complaint.date_answer_due
        today = working_days.local_date(
            fields.Datetime.now(), complaint._get_term_calendar().tz
        )
        if due and due < today:
            # Awb 9:11(2): the extension is decided and notified within the
            # term; afterwards the complaint is late, and stays late.
            raise ValidationError(
                self.env._(
                    "The answer term of complaint %(number)s ended on %(date)s: "
                    "an extension is decided within the term. The complaint is "
                    "late; answer it as soon as possible.",
                    number=complaint.name,
                    date=due.strftime("%d-%m-%Y"),
                )
            )
        if complaint.extension_ids:
            if (
                not vals.get("complainant_consent")
                or not (vals.get("consent_note") or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "The term of complaint %s was extended before. A further "
                        "delay needs the complainant's consent: record it and how "
                        "it was given.",
                        complaint.name,
                    )
                )
        elif vals["weeks"] > complaint.term_profile_id.extension_max_weeks:
            raise ValidationError(
                self.env._(
                    "The answer term can be extended by at most %(weeks)s weeks.",
                    weeks=complaint.term_profile_id.extension_max_weeks,
                )
            )
        return complaint

    @api.model_create_multi
    def create(self, vals_list):
        extensions = self.browse()
        for vals in vals_list:
            complaint = self._check_extension_vals(vals)
            vals = dict(
                vals, date_due_before=complaint.date_answer_due, user_id=self.env.uid
            )
            # The history is read-only for handlers: the model completes it.
            extension = super(KlachtenbeheerComplaintExtension, self.sudo()).create(
                vals
            )
            complaint.flush_recordset(["date_answer_due"])
            extension.date_due_after = complaint.date_answer_due
            extension._notify_extension()
            extensions |= extension
        return extensions.with_env(self.env)

    def _notify_extension(self):
        """Awb 9:11(2): the complainant and the employee the complaint is
        about are told, in writing. A notice of the procedure, not the
        answer: it goes whatever gates the answer still waits for."""
        self.ensure_one()
        complaint = self.complaint_id.sudo()
        complaint.write({"term_warned_on": False, "term_escalated_on": False})
        complaint._sync_term_activities()
        template = self.env.ref(
            "klachtenbeheer.mail_template_extension", raise_if_not_found=False
        )
        if not template:
            return
        partners = (
            complaint.correspondence_partner_ids
            | complaint._employee_concerned_partners()
        )
        complaint.message_post_with_source(
            template,
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="klachtenbeheer.mail_layout_complainant",
            partner_ids=partners.ids,
        )

    def write(self, vals):
        if not self.env.su:
            raise AccessError(
                self.env._("An extension of the answer term cannot be changed.")
            )
        return super().write(vals)
