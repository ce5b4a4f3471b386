# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestOutsideProcedure(KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.5: not handled on substance, but referred within
    the term."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_outside = cls.env.ref("klachtenbeheer.stage_outside_procedure")
        cls.ground_rent = cls.env.ref("klachtenbeheer.procedure_ground_rent")
        cls.ground_insurer = cls.env.ref("klachtenbeheer.procedure_ground_insurer")
        cls.ground_awb_year = cls.env.ref("klachtenbeheer.procedure_ground_awb_year")
        cls.profile_awb = cls.env.ref("klachtenbeheer.term_profile_awb")

    def _wizard(self, complaint, user=None):
        action = complaint.with_user(
            user or self.handler_a
        ).action_open_outside_procedure_wizard()
        return Form(
            self.env[action["res_model"]]
            .with_user(user or self.handler_a)
            .with_context(**action["context"])
        )

    def test_default_grounds(self):
        grounds = self.env["klachtenbeheer.procedure.ground"].search(
            [("applies_to", "=", "all")]
        )
        self.assertEqual(
            len(grounds), 7, "the seven grounds of WMD-klachtenbeleid §2.5"
        )
        self.assertTrue(all(grounds.mapped("referral_text")))
        self.assertIn("bezwaarprocedure", self.ground_rent.referral_text)
        self.assertIn("Huurcommissie", self.ground_rent.referral_text)
        self.assertIn("verzekeringsmaatschappij", self.ground_insurer.referral_text)
        self.assertIn(
            "discriminerend",
            self.env.ref(
                "klachtenbeheer.procedure_ground_discrimination"
            ).referral_text,
        )
        self.assertTrue(self.profile_awb.is_public_body)

    def test_wizard_sends_referral_and_closes(self):
        complaint = self._create_complaint(
            subject="Huurverhoging te hoog", team_id=self.team_a.id
        )
        wizard = self._wizard(complaint)
        wizard.ground_id = self.ground_rent
        self.assertIn("bezwaarprocedure", wizard.body)
        self.assertIn("Fatima Yilmaz", wizard.body)
        wizard.body = wizard.body.replace(
            "bezwaarprocedure", "bezwaarprocedure (zie brief)"
        )
        wizard.save().action_confirm()
        self.assertEqual(complaint.stage_id, self.stage_outside)
        self.assertTrue(complaint.is_closed)
        self.assertEqual(complaint.outside_procedure_ground_id, self.ground_rent)
        self.assertIn("(zie brief)", complaint.outside_procedure_referral)
        # The referral is the answer within the term.
        self.assertTrue(complaint.date_answered)
        self.assertEqual(complaint.answer_timeliness, "on_time")
        self.assertEqual(complaint.deadline_state, "done")
        self.assertFalse(
            complaint.activity_ids.filtered(
                lambda a: (
                    a.activity_type_id
                    == self.env.ref("klachtenbeheer.mail_activity_type_answer")
                )
            )
        )
        message = complaint.message_ids.filtered(
            lambda m: m.subtype_id == self.env.ref("mail.mt_comment")
        )[:1]
        self.assertIn("(zie brief)", message.body)
        self.assertIn(self.partner, message.partner_ids)
        mail = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertTrue(mail, "the referral goes out by e-mail")

    def test_ground_required(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        wizard = self._wizard(complaint).save()
        with self.assertRaisesRegex(UserError, "Choose the ground"):
            wizard.action_confirm()
        self.assertFalse(complaint.is_closed)
        # Dragging the card there without a ground is refused too.
        with self.assertRaisesRegex(ValidationError, "with a ground"):
            complaint.with_user(self.handler_a).stage_id = self.stage_outside

    def test_referral_required(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        wizard = self._wizard(complaint)
        wizard.ground_id = self.ground_insurer
        wizard.body = "<p><br></p>"
        with self.assertRaisesRegex(UserError, "Write the referral"):
            wizard.save().action_confirm()

    def test_anonymous_without_email(self):
        complaint = self._create_complaint(
            partner_id=False, is_anonymous=True, team_id=self.team_a.id
        )
        wizard = self._wizard(complaint)
        self.assertFalse(wizard.can_mail)
        wizard.ground_id = self.ground_insurer
        wizard.save().action_confirm()
        self.assertEqual(complaint.stage_id, self.stage_outside)
        note = complaint.message_ids[:1]
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))
        self.assertIn("print this referral", note.body)
        self.assertIn("verzekeringsmaatschappij", note.body)

    def test_awb_grounds_only_for_public_bodies(self):
        corporation = self._create_complaint(team_id=self.team_a.id)
        wizard = self._wizard(corporation)
        self.assertNotIn(self.ground_awb_year, wizard.allowed_ground_ids)
        self.assertIn(self.ground_rent, wizard.allowed_ground_ids)
        record = wizard.save()
        record.ground_id = self.ground_awb_year
        with self.assertRaisesRegex(UserError, "does not apply"):
            record.action_confirm()

        municipality = self._create_complaint(
            team_id=self.team_a.id, term_profile_id=self.profile_awb.id
        )
        wizard = self._wizard(municipality)
        self.assertIn(self.ground_awb_year, wizard.allowed_ground_ids)
        # Awb 9:8(3): the notice within four weeks, before the 6-week answer.
        self.assertLess(wizard.date_due, municipality.date_answer_due)
        wizard.ground_id = self.ground_awb_year
        wizard.save().action_confirm()
        self.assertEqual(municipality.outside_procedure_ground_id, self.ground_awb_year)

    def test_suggestions_from_text(self):
        complaint = self._create_complaint(
            subject="Servicekosten",
            description="<p>Mijn advocaat zegt dat de rechter dit moet beoordelen.</p>",
            team_id=self.team_a.id,
        )
        suggested = complaint.with_user(self.handler_a).suggested_ground_ids
        self.assertIn(self.ground_rent, suggested)
        self.assertIn(
            self.env.ref("klachtenbeheer.procedure_ground_dispute_body"), suggested
        )
        self.assertNotIn(self.ground_insurer, suggested)
        # Only a suggestion: nothing is decided.
        self.assertFalse(complaint.outside_procedure_ground_id)
        self.assertFalse(complaint.is_closed)
        action = complaint.action_open_outside_procedure_wizard()
        self.assertIn(action["context"]["default_ground_id"], suggested.ids)
        plain = self._create_complaint(subject="Lekkage in de badkamer")
        self.assertFalse(plain.suggested_ground_ids)

    def test_counted_by_ground(self):
        before = self.ground_rent.complaint_count
        complaints = self.Complaint
        for ground in (self.ground_rent, self.ground_rent, self.ground_insurer):
            complaint = self._create_complaint(team_id=self.team_a.id)
            complaints |= complaint
            wizard = self._wizard(complaint)
            wizard.ground_id = ground
            wizard.save().action_confirm()
        groups = dict(
            self.Complaint.with_user(self.coordinator)._read_group(
                [("id", "in", complaints.ids)],
                groupby=["outside_procedure_ground_id"],
                aggregates=["__count"],
            )
        )
        self.assertEqual(groups[self.ground_rent], 2)
        self.assertEqual(groups[self.ground_insurer], 1)
        self.ground_rent.invalidate_recordset(["complaint_count"])
        self.assertEqual(self.ground_rent.complaint_count, before + 2)
