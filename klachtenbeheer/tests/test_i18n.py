# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import DutchCase, KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestDutch(DutchCase, KlachtenbeheerCase):
    """The screens speak Dutch once nl_NL is active."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_nl = cls.env(context=dict(cls.env.context, lang="nl_NL"))

    def test_labels_and_selections(self):
        fields_nl = self.env_nl["klachtenbeheer.complaint"].fields_get(
            ["partner_id", "channel", "validity", "date_received", "user_id"],
            ["string", "selection"],
        )
        self.assertEqual(fields_nl["partner_id"]["string"], "Klager")
        self.assertEqual(fields_nl["user_id"]["string"], "Behandelaar")
        self.assertEqual(fields_nl["date_received"]["string"], "Ontvangen op")
        channels = dict(fields_nl["channel"]["selection"])
        self.assertEqual(channels["front_desk"], "Balie")
        self.assertEqual(channels["web_form"], "Webformulier")
        validities = dict(fields_nl["validity"]["selection"])
        self.assertEqual(validities["founded"], "Gegrond")
        self.assertEqual(validities["unfounded"], "Ongegrond")

    def test_default_data_in_dutch(self):
        self.assertEqual(self.stage_closed.with_env(self.env_nl).name, "Afgesloten")
        self.assertEqual(
            self.env.ref("klachtenbeheer.klachtenbeheer_menu_root")
            .with_env(self.env_nl)
            .name,
            "Klachten",
        )
        self.assertEqual(
            self.env.ref("klachtenbeheer.group_klachtenbeheer_handler")
            .with_env(self.env_nl)
            .name,
            "Behandelaar",
        )

    def test_errors_in_dutch(self):
        Complaint = self.env_nl["klachtenbeheer.complaint"]
        with self.assertRaisesRegex(ValidationError, "toekomst"):
            Complaint.create(
                {
                    "subject": "Datum",
                    "partner_id": self.partner.id,
                    "date_received": fields.Datetime.now() + timedelta(days=2),
                }
            )
        complaint = Complaint.create(
            {"subject": "Sluiten", "partner_id": self.partner.id}
        )
        with self.assertRaises(ValidationError) as error:
            complaint.stage_id = self.stage_closed
        message = str(error.exception)
        self.assertIn("Gegrondheid", message)
        self.assertIn("Antwoord / besluit", message)
        self.assertIn("Vul eerst in", message)


@tagged("post_install", "-at_install")
class TestCronTextsInTheReadersLanguage(DutchCase, KlachtenbeheerCase):
    """What a cron writes for an employee is in the employee's language (for
    an employee without one: the company's), whatever the cron's user speaks:
    here the crons run in English in a Dutch company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.lang = "nl_NL"
        (cls.handler_a | cls.manager_a).lang = "nl_NL"
        cls.english = cls.env(context=dict(cls.env.context, lang="en_US"))

    def test_term_activities_warning_and_escalation(self):
        Complaint = self.english["klachtenbeheer.complaint"]
        complaint = Complaint.create(
            {
                "subject": "Lekkage",
                "partner_id": self.partner.id,
                "channel": "phone",
                "team_id": self.team_a.id,
                "user_id": self.handler_a.id,
            }
        )
        answer = self.env.ref("klachtenbeheer.mail_activity_type_answer")
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == answer
        )
        self.assertEqual(activity.summary, "De klacht beantwoorden")
        with freeze_time(complaint.date_answer_warn):
            Complaint._cron_check_terms()
        with freeze_time(complaint.date_answer_due + timedelta(days=1)):
            Complaint._cron_check_terms()
        bodies = " ".join(filter(None, complaint.message_ids.mapped("body")))
        self.assertIn("verstrijkt op", bodies)
        self.assertIn("de klacht is te laat", bodies)
        self.assertNotIn("answer term", bodies)
        escalation = complaint.activity_ids.filtered(
            lambda a: (
                a.activity_type_id
                == self.env.ref("klachtenbeheer.mail_activity_type_escalation")
            )
        )
        self.assertIn("de klacht is te laat", escalation.summary)

    def test_reassigned_activity_speaks_the_new_assignee(self):
        """A term activity handed to another handler (the cron follows a new
        handler, or someone reassigns it by hand) is written again in the
        new assignee's language; a summary someone typed is kept."""
        self.handler_b.lang = "en_US"
        Complaint = self.english["klachtenbeheer.complaint"]
        complaint = Complaint.create(
            {
                "subject": "Lekkage",
                "partner_id": self.partner.id,
                "channel": "phone",
                "team_id": self.team_a.id,
                "user_id": self.handler_a.id,
            }
        )
        answer = self.env.ref("klachtenbeheer.mail_activity_type_answer")
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == answer
        )
        self.assertEqual(activity.summary, "De klacht beantwoorden")
        complaint.user_id = self.handler_b
        self.assertEqual(activity.user_id, self.handler_b)
        self.assertEqual(activity.summary, "Answer the complaint")
        activity.write({"user_id": self.handler_a.id})
        self.assertEqual(activity.summary, "De klacht beantwoorden")
        activity.summary = "Eerst de aannemer bellen"
        activity.write({"user_id": self.handler_b.id})
        self.assertEqual(activity.summary, "Eerst de aannemer bellen")

    def test_procedure_activities(self):
        """The approval of an "employee late again" repeat and the legal
        review, made outside a request (the intake cron, in English)."""
        Complaint = self.english["klachtenbeheer.complaint"]
        original = Complaint.create(
            {"subject": "Schimmel", "partner_id": self.partner.id, "channel": "phone"}
        )
        repeat = Complaint.create(
            {
                "subject": "Weer schimmel",
                "partner_id": self.partner.id,
                "channel": "phone",
                "team_id": self.team_a.id,
                "repeat_of_ids": [(6, 0, original.ids)],
                "repeat_reason": "employee_again",
                "is_lawyer_letter": True,
            }
        )
        summaries = " ".join(repeat.activity_ids.mapped("summary"))
        self.assertIn("keur het antwoord goed", summaries)
        self.assertIn("beoordelen door een jurist", summaries)
        self.assertNotIn("approve", summaries)
