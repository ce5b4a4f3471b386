# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestComplaint(KlachtenbeheerCase):
    # ------------------------------------------------------------------
    # Registration
    # ------------------------------------------------------------------

    def test_register_through_form_as_employee(self):
        """An employee registers a phone complaint in the form they see."""
        form = Form(self.Complaint.with_user(self.employee))
        form.subject = "Niet teruggebeld"
        form.partner_id = self.partner
        form.channel = "phone"
        form.category_id = self.category_repair
        complaint = form.save()
        self.assertTrue(complaint.name.startswith("KL/"))
        self.assertEqual(complaint.display_name, complaint.name)
        self.assertEqual(complaint.stage_id, self.stage_registered)
        self.assertEqual(complaint.registered_by_id, self.employee)
        # Contact details are copied from the contact as registered.
        self.assertEqual(complaint.email_from, "f.yilmaz@example.com")
        self.assertEqual(complaint.phone, "0612345678")
        self.assertEqual(complaint.city, "Schipluiden")
        self.assertEqual(complaint.email_normalized, "f.yilmaz@example.com")

    def test_complainant_found_by_email(self):
        complaint = self._create_complaint(
            partner_id=False,
            contact_name="F. Yilmaz",
            email_from='"Fatima" <F.Yilmaz@Example.com>',
        )
        self.assertEqual(complaint.partner_id, self.partner)
        # The details as registered are kept, not overwritten by the contact.
        self.assertEqual(complaint.contact_name, "F. Yilmaz")

    def test_complainant_created_from_details(self):
        complaint = self._create_complaint(
            partner_id=False,
            contact_name="Kees Visser",
            phone="010 4567890",
            street="Molenweg 33",
            zip="2635 GH",
            city="Den Hoorn",
        )
        partner = complaint.partner_id
        self.assertTrue(partner)
        self.assertNotEqual(partner, self.partner)
        self.assertEqual(partner.name, "Kees Visser")
        self.assertEqual(partner.phone, "010 4567890")
        self.assertEqual(partner.city, "Den Hoorn")

    def test_complainant_required_unless_anonymous(self):
        with self.assertRaisesRegex(ValidationError, "complainant"):
            self._create_complaint(partner_id=False)

    def test_anonymous_allowed_by_setting(self):
        complaint = self._create_complaint(
            partner_id=False, is_anonymous=True, email_from="anoniem@example.com"
        )
        self.assertFalse(complaint.partner_id)
        self.assertTrue(complaint.is_anonymous)
        # An anonymous complaint keeps its reply address without a contact.
        self.assertEqual(complaint.email_from, "anoniem@example.com")

    def test_anonymous_refused_by_setting(self):
        self.company.klachtenbeheer_allow_anonymous = False
        with self.assertRaisesRegex(ValidationError, "Anonymous complaints are not"):
            self._create_complaint(partner_id=False, is_anonymous=True)
        complaint = self._create_complaint()
        with self.assertRaisesRegex(ValidationError, "Anonymous complaints are not"):
            complaint.write({"partner_id": False, "is_anonymous": True})

    def test_anonymous_with_complainant_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot name a complainant"):
            self._create_complaint(is_anonymous=True)

    def test_settings_toggle_anonymous(self):
        settings = Form(self.env["res.config.settings"])
        settings.klachtenbeheer_allow_anonymous = False
        settings.save().execute()
        self.assertFalse(self.company.klachtenbeheer_allow_anonymous)

    # ------------------------------------------------------------------
    # Bad input
    # ------------------------------------------------------------------

    def test_invalid_email_refused(self):
        with self.assertRaisesRegex(ValidationError, "not a valid e-mail address"):
            self._create_complaint(email_from="fatima.example.com")

    def test_date_received_not_in_future(self):
        tomorrow = fields.Datetime.now() + timedelta(days=1)
        with self.assertRaisesRegex(ValidationError, "future"):
            self._create_complaint(date_received=tomorrow)
        # A clock a minute ahead is not a typing error.
        complaint = self._create_complaint(
            date_received=fields.Datetime.now() + timedelta(minutes=1)
        )
        self.assertTrue(complaint)

    def test_negative_amounts_refused(self):
        with self.assertRaisesRegex(ValidationError, "negative"):
            self._create_complaint(damage_amount=-10.0)
        complaint = self._create_complaint()
        with self.assertRaisesRegex(ValidationError, "negative"):
            complaint.compensation_amount = -1.0

    def test_form_keeps_input_on_error(self):
        """A save refused by a constraint leaves what the user typed."""
        form = Form(self.Complaint.with_user(self.employee))
        form.subject = "Verkeerde datum"
        form.partner_id = self.partner
        form.date_received = fields.Datetime.now() + timedelta(days=3)
        with self.assertRaises(ValidationError):
            form.save()
        self.assertEqual(form.subject, "Verkeerde datum")
        form.date_received = fields.Datetime.now() - timedelta(days=1)
        self.assertTrue(form.save())

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------

    def test_close_requires_validity_and_answer(self):
        complaint = self._create_complaint(user=self.handler_a, team_id=self.team_a.id)
        complaint = complaint.with_user(self.handler_a)
        with self.assertRaises(ValidationError) as error:
            complaint.stage_id = self.stage_closed
        message = str(error.exception)
        # One error that lists everything that is missing.
        self.assertIn("Validity", message)
        self.assertIn("Answer / Decision", message)
        self.assertIn(complaint.name, message)

        complaint.validity = "founded"
        with self.assertRaises(ValidationError) as error:
            complaint.stage_id = self.stage_closed
        self.assertNotIn("Validity", str(error.exception))
        self.assertIn("Answer / Decision", str(error.exception))

        # An answer with only empty markup is no answer.
        complaint.answer = "<p><br></p>"
        with self.assertRaises(ValidationError):
            complaint.stage_id = self.stage_closed

    def test_close_stamps_date_and_reopen_clears_it(self):
        complaint = self._create_complaint()
        self.assertFalse(complaint.date_closed)
        self.assertFalse(complaint.is_closed)
        complaint.write(
            {
                "validity": "unfounded",
                "answer": "<p>Volgens afspraak gehandeld.</p>",
                "stage_id": self.stage_closed.id,
            }
        )
        self.assertTrue(complaint.is_closed)
        self.assertTrue(complaint.date_closed)
        closed_on = complaint.date_closed
        # Moving between closed stages keeps the first close date.
        complaint.stage_id = self.stage_withdrawn
        self.assertEqual(complaint.date_closed, closed_on)
        complaint.stage_id = self.stage_investigating
        self.assertFalse(complaint.date_closed)
        self.assertFalse(complaint.is_closed)

    def test_clearing_answer_of_closed_complaint_refused(self):
        complaint = self._create_complaint(
            validity="founded", answer="<p>Excuses.</p>", stage_id=self.stage_closed.id
        )
        with self.assertRaisesRegex(ValidationError, "Answer"):
            complaint.answer = False

    def test_withdrawn_needs_no_decision(self):
        complaint = self._create_complaint()
        complaint.stage_id = self.stage_withdrawn
        self.assertTrue(complaint.is_closed)

    def test_stage_template_sent_on_stage_change(self):
        template = self.env["mail.template"].create(
            {
                "name": "In onderzoek",
                "model_id": self.env.ref(
                    "klachtenbeheer.model_klachtenbeheer_complaint"
                ).id,
                "subject": "Uw klacht {{ object.name }} is in onderzoek",
                "body_html": "<p>Wij onderzoeken uw klacht.</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self.stage_investigating.mail_template_id = template
        complaint = self._create_complaint()
        # Odoo tracks no change made in the transaction that created the record.
        self._flush_tracking()
        complaint.with_context(
            tracking_disable=False, mail_notrack=False
        ).stage_id = self.stage_investigating
        self._flush_tracking()
        message = complaint.message_ids.filtered(
            lambda m: m.subject == f"Uw klacht {complaint.name} is in onderzoek"
        )
        self.assertEqual(len(message), 1)
        self.assertIn(self.partner, message.partner_ids)

    def test_group_expand_shows_every_stage(self):
        self._create_complaint()
        groups = self.Complaint.read_group([], ["stage_id"], ["stage_id"])
        stage_ids = {group["stage_id"][0] for group in groups}
        all_stages = self.env["klachtenbeheer.stage"].search([])
        self.assertEqual(stage_ids, set(all_stages.ids))

    def test_stage_change_is_tracked(self):
        complaint = self._create_complaint().with_context(
            tracking_disable=False, mail_notrack=False
        )
        self._flush_tracking()
        complaint.stage_id = self.stage_investigating
        self._flush_tracking()
        tracking = complaint.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage_id"
        )
        self.assertEqual(tracking.new_value_char, self.stage_investigating.name)

    # ------------------------------------------------------------------
    # Smart buttons and counters
    # ------------------------------------------------------------------

    def test_earlier_complaints_of_same_complainant(self):
        first = self._create_complaint()
        second = self._create_complaint(subject="Weer lekkage")
        other = self._create_complaint(
            partner_id=False, contact_name="Iemand Anders", phone="0101234567"
        )
        self.assertEqual(first.partner_complaint_count, 1)
        self.assertEqual(second.partner_complaint_count, 1)
        self.assertEqual(other.partner_complaint_count, 0)
        action = second.action_view_partner_complaints()
        self.assertEqual(self.Complaint.search(action["domain"]), first)

    def test_partner_smart_button_and_register_action(self):
        self._create_complaint()
        self._create_complaint(subject="Tweede klacht")
        partner = self.partner.with_user(self.coordinator)
        self.assertEqual(partner.klachtenbeheer_complaint_count, 2)
        action = partner.action_register_klachtenbeheer_complaint()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.employee)
            .with_context(**action["context"])
        )
        form.subject = "Via het contact"
        complaint = form.save()
        self.assertEqual(complaint.partner_id, self.partner)
        self.assertEqual(partner.klachtenbeheer_complaint_count, 3)

    def test_team_counters(self):
        self._create_complaint(team_id=self.team_a.id, user_id=self.handler_a.id)
        self._create_complaint(team_id=self.team_a.id)
        self._create_complaint(
            team_id=self.team_a.id,
            validity="founded",
            answer="<p>Opgelost.</p>",
            stage_id=self.stage_closed.id,
        )
        self.assertEqual(self.team_a.open_complaint_count, 2)
        self.assertEqual(self.team_a.unassigned_complaint_count, 1)
        self.assertEqual(self.team_b.open_complaint_count, 0)
        action = self.team_a.action_view_open_complaints()
        self.assertEqual(self.Complaint.search_count(action["domain"]), 2)

    def test_anonymous_becomes_named(self):
        complaint = self._create_complaint(partner_id=False, is_anonymous=True)
        complaint.write(
            {
                "is_anonymous": False,
                "contact_name": "Els Hendriks",
                "email_from": "els.hendriks@example.com",
            }
        )
        self.assertEqual(complaint.partner_id.name, "Els Hendriks")
        self.assertEqual(complaint.partner_id.email, "els.hendriks@example.com")
        other = self._create_complaint(partner_id=False, is_anonymous=True)
        with self.assertRaisesRegex(ValidationError, "complainant"):
            other.is_anonymous = False

    def test_employee_without_contact_rights_registers_new_complainant(self):
        self.assertFalse(self.employee.has_group("base.group_partner_manager"))
        form = Form(self.Complaint.with_user(self.employee))
        form.subject = "Balie: wachttijd"
        form.channel = "front_desk"
        form.contact_name = "Gerrit Dekker"
        form.phone = "06 67890123"
        complaint = form.save()
        self.assertEqual(complaint.partner_id.name, "Gerrit Dekker")
        self.assertEqual(complaint.partner_id.phone, "06 67890123")
