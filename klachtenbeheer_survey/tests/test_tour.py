# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSurveyTour(HttpCase):
    def test_answer_on_public_survey_page(self):
        """The complainant answers from the invitation link, not logged in."""
        env = self.env(context=dict(self.env.context, tracking_disable=True))
        coordinator = self.env.ref("base.user_admin")
        env.company.klachtenbeheer_survey_user_id = coordinator
        env.company.klachtenbeheer_survey_threshold = 6
        partner = env["res.partner"].create(
            {"name": "Kees Bakker", "email": "kees@example.com"}
        )
        complaint = env["klachtenbeheer.complaint"].create(
            {"subject": "Lift al weken kapot", "partner_id": partner.id}
        )
        complaint.write(
            {
                "validity": "partly_founded",
                "answer": "<p>De lift is gerepareerd.</p>",
                "stage_id": self.env.ref("klachtenbeheer.stage_closed").id,
            }
        )
        invitation = env["survey.user_input"].search(
            [("complaint_id", "=", complaint.id)]
        )
        self.assertEqual(invitation.state, "new")

        self.start_tour(invitation.get_start_url(), "klachtenbeheer_survey_answer")

        invitation.invalidate_recordset()
        complaint.invalidate_recordset()
        self.assertEqual(invitation.state, "done")
        self.assertEqual(invitation.complaint_handling_grade, 8)
        self.assertEqual(invitation.complaint_outcome_grade, 3)
        self.assertEqual(
            invitation.complaint_aspect_id,
            self.env.ref("klachtenbeheer_survey.survey_satisfaction_a_heard"),
        )
        self.assertFalse(invitation.complaint_callback)
        self.assertEqual(complaint.survey_state, "done")
        self.assertEqual(complaint.survey_handling_grade, 8)
        self.assertEqual(complaint.survey_outcome_grade, 3)
        self.assertIn("Goed geluisterd", complaint.message_ids[0].body)
        # The outcome grade 3 is below 6: the coordinator is asked to call.
        activity = complaint.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, coordinator)
