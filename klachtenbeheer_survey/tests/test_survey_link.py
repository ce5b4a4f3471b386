# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSurveyLink(TransactionCase):
    def test_answer_links_to_complaint(self):
        partner = self.env["res.partner"].create({"name": "Jan de Boer"})
        complaint = self.env["klachtenbeheer.complaint"].create(
            {"subject": "Niet teruggebeld", "partner_id": partner.id}
        )
        survey = self.env["survey.survey"].create({"title": "Tevredenheid"})
        answer = survey._create_answer(partner=partner)
        answer.complaint_id = complaint
        self.assertEqual(
            self.env["survey.user_input"].search([("complaint_id", "=", complaint.id)]),
            answer,
        )
        # Deleting the complaint keeps the answer for the statistics.
        complaint.unlink()
        self.assertTrue(answer.exists())
        self.assertFalse(answer.complaint_id)
