# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def write(self, vals):
        # A complaint's activity handed to someone else is written again in
        # the new assignee's language, when its summary is still the
        # activity type's own text (a summary someone typed is kept).
        retitle = self.browse()
        if vals.get("user_id") and "summary" not in vals:
            retitle = self._klachtenbeheer_standard_summary_activities()
        res = super().write(vals)
        if retitle:
            retitle._klachtenbeheer_retitle()
        return res

    def _klachtenbeheer_standard_summary_activities(self):
        """The complaint activities whose summary is their type's text in
        one of the installed languages."""
        activities = self.filtered(
            lambda a: a.res_model == "klachtenbeheer.complaint" and a.activity_type_id
        )
        if not activities:
            return activities
        langs = [code for code, _name in self.env["res.lang"].get_installed()]
        standard = {}
        for activity_type in activities.activity_type_id:
            standard[activity_type.id] = {
                activity_type.with_context(lang=lang).summary
                or activity_type.with_context(lang=lang).name
                for lang in langs
            }
        return activities.filtered(
            lambda a: a.summary in standard[a.activity_type_id.id]
        )

    def _klachtenbeheer_retitle(self):
        complaints = self.env["klachtenbeheer.complaint"].browse(self.mapped("res_id"))
        by_id = {complaint.id: complaint for complaint in complaints.exists()}
        for activity in self:
            complaint = by_id.get(activity.res_id)
            if not complaint:
                continue
            activity_type = activity.activity_type_id.with_context(
                lang=complaint._reader_lang(activity.user_id)
            )
            summary = activity_type.summary or activity_type.name
            if summary != activity.summary:
                activity.write({"summary": summary})

    def _action_done(self, feedback=False, attachment_ids=None):
        # Marking a term's activity done meets that term of the complaint.
        complaint_activities = self.filtered(
            lambda a: a.res_model == "klachtenbeheer.complaint"
        )
        if complaint_activities:
            Complaint = self.env["klachtenbeheer.complaint"]
            done_by_type = {}
            for xmlid, _due, done_field in Complaint._term_activity_specs():
                activity_type = self.env.ref(xmlid, raise_if_not_found=False)
                if activity_type:
                    done_by_type[activity_type.id] = done_field
            for activity in complaint_activities:
                done_field = done_by_type.get(activity.activity_type_id.id)
                if done_field:
                    Complaint.browse(activity.res_id)._mark_terms_done(done_field)
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
