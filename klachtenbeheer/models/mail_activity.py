# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

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
