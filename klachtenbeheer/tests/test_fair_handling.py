# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
import subprocess
from contextlib import contextmanager

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import KlachtenbeheerCase, PdfCase, load_dutch, pdf_text


class FairHandlingCase(KlachtenbeheerCase):
    @contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (which rolls back to a savepoint, unlike
        ``assertRaisesRegex``) that also checks the message."""
        with self.assertRaises(exception) as error:
            yield error
        self.assertIn(text, str(error.exception))


@tagged("post_install", "-at_install")
class TestImpartialHandler(FairHandlingCase):
    """Nobody handles a complaint about their own conduct (Awb 9:7)."""

    def test_handler_cannot_be_employee_concerned(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        with self.assertRaisesText(ValidationError, "Awb 9:7") as error:
            complaint.with_user(self.handler_a).user_concerned_id = self.handler_a
        self.assertIn("kb_handler_a", str(error.exception))
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_concerned_id=self.handler_b.id,
        )
        with self.assertRaisesText(ValidationError, "own conduct"):
            complaint.with_user(self.handler_a).user_id = self.handler_b
        with self.assertRaisesText(ValidationError, "own conduct"):
            self._create_complaint(
                user=self.employee,
                user_id=self.other_employee.id,
                user_concerned_id=self.other_employee.id,
            )

    def test_automatic_handler_replaced_by_manager(self):
        # A default handler (e.g. "assign to me" from a menu) that is the
        # employee concerned is never kept: the team manager takes over.
        Complaint = self.env["klachtenbeheer.complaint"].with_context(
            default_user_id=self.handler_a.id
        )
        complaint = Complaint.with_user(self.handler_a).create(
            {
                "subject": "Onvriendelijk te woord gestaan",
                "partner_id": self.partner.id,
                "team_id": self.team_a.id,
                "user_concerned_id": self.handler_a.id,
            }
        )
        # (Once registered, a complaint about him is out of his sight.)
        self.assertEqual(complaint.sudo().user_id, self.manager_a)
        # Without a manager nobody is assigned: a coordinator chooses.
        complaint = Complaint.create(
            {
                "subject": "Onvriendelijk",
                "partner_id": self.partner.id,
                "team_id": self.team_b.id,
                "user_concerned_id": self.handler_a.id,
            }
        )
        self.assertFalse(complaint.user_id)
        # Not concerned: the default stays.
        complaint = Complaint.create(
            {"subject": "Te laat", "partner_id": self.partner.id}
        )
        self.assertEqual(complaint.user_id, self.handler_a)

    def test_form_reassigns_to_manager(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        with (
            Form(complaint.with_user(self.handler_a)) as form,
            self.assertLogs("odoo.tests.form.onchange", "WARNING") as logs,
        ):
            form.user_concerned_id = self.handler_a
            self.assertEqual(form.user_id, self.manager_a)
        self.assertIn("It is now assigned to kb_manager_a", logs.output[0])
        # Saved, and from then on out of his sight (Awb 9:7).
        self.assertEqual(complaint.sudo().user_id, self.manager_a)
        self.assertEqual(complaint.sudo().user_concerned_id, self.handler_a)
        with self.assertRaises(AccessError):
            complaint.with_user(self.handler_a).read(["subject"])

    def test_assign_to_manager_button(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            user_concerned_id=self.employee.id,
        )
        self.assertTrue(complaint.can_assign_manager)
        complaint.with_user(self.handler_a).action_assign_manager()
        self.assertEqual(complaint.user_id, self.manager_a)
        self.assertFalse(complaint.can_assign_manager)
        # The manager is the one complained about: refused, with the reason.
        complaint = self._create_complaint(
            team_id=self.team_a.id, user_concerned_id=self.manager_a.id
        )
        self.assertFalse(complaint.can_assign_manager)
        with self.assertRaisesText(UserError, "coordinator assigns another"):
            complaint.with_user(self.handler_a).action_assign_manager()
        complaint = self._create_complaint(
            team_id=self.team_b.id, user_concerned_id=self.employee.id
        )
        with self.assertRaisesText(UserError, "has no manager"):
            complaint.with_user(self.handler_b).action_assign_manager()


@tagged("post_install", "-at_install")
class TestHearing(FairHandlingCase):
    """The complainant decides how the complaint is handled (Utrecht
    interview, Awb 9:10)."""

    def _decide(self, complaint, user):
        complaint.with_user(user).write(
            {"validity": "founded", "answer": "<p>Excuses, wij herstellen het.</p>"}
        )

    def _hearing(self, complaint, user, **vals):
        values = {"complaint_id": complaint.id, "date": "2026-03-02 09:00:00"}
        values.update(vals)
        return self.env["klachtenbeheer.hearing"].with_user(user).create(values)

    def test_hearing_required_before_closing(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        self._decide(complaint, self.handler_a)
        with self.assertRaisesText(ValidationError, "a held hearing with minutes"):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        hearing = self._hearing(complaint, self.handler_a)
        self.assertEqual(hearing.kind, "hearing")
        self.assertEqual(hearing.partner_id, self.partner)
        self.assertEqual(hearing.user_id, self.handler_a)
        # Planned is not held.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        with self.assertRaisesText(ValidationError, "needs its minutes"):
            hearing.action_mark_held()
        hearing.minutes = (
            "<p>Klager licht toe; lekkage wordt binnen een week verholpen.</p>"
        )
        hearing.action_mark_held()
        # The decision letter goes before the complaint closes (Awb 9:12).
        with self.assertRaisesText(ValidationError, "the decision letter sent"):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        complaint.with_user(self.handler_a)._mark_decision_sent()
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        self.assertTrue(complaint.is_closed)
        # What the decision relied on cannot disappear afterwards.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            hearing.action_cancel()
        with self.assertRaisesText(ValidationError, "a held hearing"):
            hearing.with_user(self.coordinator).unlink()

    def test_reason_for_not_hearing(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        self._decide(complaint, self.handler_a)
        complaint.with_user(
            self.handler_a
        ).no_hearing_reason = "Klager ziet af van de hoorzitting."
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        with self.assertRaisesText(ValidationError, "reason for not hearing"):
            complaint.with_user(self.handler_a).no_hearing_reason = False

    def test_informal_needs_no_hearing(self):
        complaint = self._create_complaint(user=self.handler_a, team_id=self.team_a.id)
        self._decide(complaint, self.handler_a)
        complaint.with_user(self.handler_a).stage_id = self.stage_closed
        # Asking for a hearing afterwards is asking for what did not happen.
        with self.assertRaisesText(ValidationError, "a held hearing"):
            complaint.handling_preference = "hearing"

    def test_three_way_conversation(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            handling_preference="three_way",
        )
        self._decide(complaint, self.handler_a)
        # Without the employee there is nobody to talk with.
        with self.assertRaisesText(ValidationError, "employee the complaint is about"):
            self._hearing(complaint, self.handler_a)
        complaint.with_user(self.handler_a).user_concerned_id = self.employee
        # A hearing is not the three-way conversation asked for.
        self._hearing(
            complaint, self.handler_a, kind="hearing", state="held", minutes="<p>x</p>"
        )
        with self.assertRaisesText(
            ValidationError, "three-way conversation with minutes"
        ):
            complaint.with_user(self.handler_a).stage_id = self.stage_closed
        conversation = self._hearing(complaint, self.handler_a)
        self.assertEqual(conversation.kind, "three_way")
        self.assertEqual(conversation.user_concerned_id, self.employee)
        conversation.write({"minutes": "<p>Excuses aangeboden.</p>", "state": "held"})
        complaint.with_user(self.handler_a).stage_id = self.stage_closed

    def test_about_employee_defaults_to_three_way(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_concerned_id=self.employee.id,
        )
        with Form(
            self.env["klachtenbeheer.hearing"]
            .with_user(self.handler_a)
            .with_context(default_complaint_id=complaint.id)
        ) as form:
            self.assertEqual(form.kind, "three_way")
            self.assertEqual(form.user_concerned_id, self.employee)
            form.date = "2026-03-02 09:00:00"
        self.assertEqual(complaint.hearing_ids.kind, "three_way")

    def test_planning_creates_activity_for_handler(self):
        complaint = self._create_complaint(
            user=self.handler_a,
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            handling_preference="hearing",
        )
        hearing_type = self.env.ref("klachtenbeheer.mail_activity_type_hearing")
        hearing = self._hearing(complaint, self.handler_a, date="2026-03-02 09:00:00")
        activity = complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == hearing_type
        )
        self.assertEqual(activity, hearing.activity_id)
        self.assertEqual(activity.user_id, self.handler_a)
        self.assertEqual(str(activity.date_deadline), "2026-03-02")
        hearing.with_user(self.handler_a).date = "2026-03-05 14:00:00"
        self.assertEqual(str(activity.date_deadline), "2026-03-05")
        hearing.with_user(self.handler_a).user_id = self.manager_a
        self.assertEqual(activity.user_id, self.manager_a)
        hearing.action_cancel()
        self.assertFalse(
            complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == hearing_type
            )
        )

    def test_access_follows_the_complaint(self):
        complaint = self._create_complaint(
            user=self.handler_a, team_id=self.team_a.id, user_id=self.handler_a.id
        )
        hearing = self._hearing(complaint, self.handler_a, kind="hearing")
        Hearing = self.env["klachtenbeheer.hearing"]
        self.assertEqual(Hearing.with_user(self.manager_a).search([]), hearing)
        self.assertFalse(Hearing.with_user(self.handler_b).search([]))
        self.assertFalse(Hearing.with_user(self.employee).search([]))
        with self.assertRaises(AccessError):
            hearing.with_user(self.handler_b).minutes = "<p>x</p>"
        with self.assertRaises(AccessError):
            hearing.with_user(self.handler_a).unlink()
        self.assertIn(hearing, Hearing.with_user(self.coordinator).search([]))


@tagged("post_install", "-at_install")
class TestDecisionLetter(FairHandlingCase):
    """The decision letter, sent with a copy to the manager
    (WMD-klachtenbeleid §2.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_a.partner_id.email = "teamleider@example.com"
        cls.complaint = cls._create_complaint(
            user=cls.handler_a,
            team_id=cls.team_a.id,
            user_id=cls.handler_a.id,
            term_profile_id=cls.env.ref("klachtenbeheer.term_profile_corporation").id,
        )
        cls.complaint.write(
            {
                "facts": "De lekkage is op 3 februari gemeld.",
                "circumstances": "De aannemer kwam twee keer niet opdagen.",
                "causes": "De planning gaf de melding geen spoed.",
                "validity": "partly_founded",
                "answer": "<p>De aannemer had eerder moeten komen.</p>",
                "remedy_ids": [
                    (6, 0, cls.env.ref("klachtenbeheer.remedy_apology").ids)
                ],
                "compensation_amount": 75.0,
                "measures_taken": "<p>Lekkages krijgen voortaan spoed.</p>",
            }
        )

    def test_default_next_step_per_profile(self):
        corporation = self.env.ref("klachtenbeheer.term_profile_corporation")
        text = " ".join(corporation.next_step_text.split())
        self.assertIn("regionale klachtencommissie", text)
        self.assertIn("Huurcommissie", text)
        awb = self.env.ref("klachtenbeheer.term_profile_awb")
        self.assertIn("Nationale ombudsman", " ".join(awb.next_step_text.split()))

    def _letter_text(self, complaint):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "klachtenbeheer.action_report_decision", complaint.ids
        )
        # The words as a reader sees them: without tags and line breaks.
        return " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())

    def test_letter_contains_its_parts(self):
        text = self._letter_text(self.complaint)
        for part in (
            self.complaint.name,
            "Fatima Yilmaz",
            "De lekkage is op 3 februari gemeld.",
            "De aannemer kwam twee keer niet opdagen.",
            "De planning gaf de melding geen spoed.",
            "We find your complaint partly founded",
            "De aannemer had eerder moeten komen.",
            self.env.ref("klachtenbeheer.remedy_apology").name,
            "75.00",
            "Lekkages krijgen voortaan spoed.",
            "regionale klachtencommissie",
            "Copy to: kb_manager_a",
        ):
            self.assertIn(part, text)
        # A municipality's letter points to the ombudsman instead.
        self.complaint.term_profile_id = self.env.ref("klachtenbeheer.term_profile_awb")
        text = self._letter_text(self.complaint)
        self.assertIn("Nationale ombudsman", text)
        self.assertNotIn("regionale klachtencommissie", text)

    def test_letter_to_the_representative_with_structural_actions(self):
        """Letters that go to a representative are addressed to them; the
        structural actions that follow are named (Checklist klachtenprocedure)."""
        lawyer = self.env["res.partner"].create(
            {
                "name": "mr. A. de Advocaat",
                "street": "Herengracht 1",
                "zip": "1015 BA",
                "city": "Amsterdam",
            }
        )
        action = self.env["klachtenbeheer.improvement.action"].create(
            {"name": "Spoedregeling voor lekkages invoeren"}
        )
        self.complaint.write(
            {
                "representative_id": lawyer.id,
                "correspondence": "representative",
                "improvement_action_ids": [(6, 0, action.ids)],
            }
        )
        text = self._letter_text(self.complaint)
        for part in (
            "mr. A. de Advocaat Herengracht 1 1015 BA Amsterdam",
            "Spoedregeling voor lekkages invoeren",
        ):
            self.assertIn(part, text)
        self.assertNotIn("Dorpsstraat 12", text)
        self.complaint.correspondence = "complainant"
        self.assertIn("Dorpsstraat 12", self._letter_text(self.complaint))

    def test_letter_in_the_complainants_language(self):
        load_dutch(self.env)
        self.partner.lang = "nl_NL"
        text = self._letter_text(self.complaint)
        for part in (
            "Besluit op uw klacht",
            # A letter from an organisation: formal, never "Beste".
            "Geachte Fatima Yilmaz",
            "Bevindingen",
            # The verdict stands mid-sentence: lower case.
            "Wij vinden uw klacht deels gegrond",
            "Genomen maatregelen",
            "Niet tevreden?",
            "Kopie aan:",
        ):
            self.assertIn(part, text)

    def test_letter_mentions_the_hearing(self):
        self.env["klachtenbeheer.hearing"].create(
            {
                "complaint_id": self.complaint.id,
                "kind": "hearing",
                "date": "2026-03-02 09:00:00",
                "minutes": "<p>Verslag</p>",
                "state": "held",
            }
        )
        self.assertIn("We heard you on 03/02/2026 .", self._letter_text(self.complaint))

    def test_send_to_complainant_with_copy_to_manager(self):
        action = self.complaint.with_user(self.handler_a).action_send_decision()
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.handler_a)
            .with_context(**action["context"])
        )
        self.assertIn(self.partner, composer.partner_ids)
        self.assertIn(self.manager_a.partner_id, composer.partner_ids)
        composer.save().action_send_mail()
        message = self.complaint.message_ids[0]
        self.assertEqual(message.partner_ids, self.partner | self.manager_a.partner_id)
        self.assertIn(self.complaint.name, message.subject)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn("Besluit op klacht", message.attachment_ids.name)
        self.assertTrue(self.complaint.date_decision_sent)
        self.assertTrue(self.complaint.date_answered)
        mails = (
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        )
        self.assertEqual(mails.recipient_ids, self.partner | self.manager_a.partner_id)

    def test_no_decision_no_letter(self):
        complaint = self._create_complaint(user=self.handler_a, team_id=self.team_a.id)
        with self.assertRaisesText(UserError, "not complete yet") as error:
            complaint.with_user(self.handler_a).action_send_decision()
        self.assertIn("Validity", str(error.exception))
        # A composer opened elsewhere does not mark a decision as sent.
        complaint.message_post(body="Gebeld met klager.")
        self.assertFalse(complaint.date_decision_sent)


@tagged("post_install", "-at_install")
class TestDecisionLetterPdf(PdfCase, HttpCase):
    """The decision letter renders to a real PDF whose text can be read."""

    def test_letter_renders_to_pdf(self):
        partner = self.env["res.partner"].create(
            {"name": "Kees Visser", "street": "Molenweg 33", "city": "Den Hoorn"}
        )
        complaint = self.env["klachtenbeheer.complaint"].create(
            {
                "subject": "Brief",
                "partner_id": partner.id,
                "channel": "letter",
                "term_profile_id": self.env.ref(
                    "klachtenbeheer.term_profile_corporation"
                ).id,
                "validity": "unfounded",
                "answer": "<p>Wij hebben de afspraak nagekomen.</p>",
            }
        )
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        # Debian's wkhtmltopdf warns that its Qt is unpatched: not ours.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, _type = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(
                    "klachtenbeheer.action_report_decision", complaint.ids
                )
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"],
            input=pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        text = " ".join(text.split())
        self.assertIn(complaint.name, text)
        self.assertIn("We find your complaint unfounded.", text)
        # The letterhead, in the page (Debian's wkhtmltopdf drops headers).
        self.assertIn(self.env.company.name, text)
        self.assertIn("Wij hebben de afspraak nagekomen.", text)
        self.assertIn("regionale klachtencommissie", text)


@tagged("post_install", "-at_install")
class TestHearingMinutes(PdfCase, HttpCase):
    """The minutes of a held hearing go to the complainant as a PDF letter
    through the composer (Awb 9:10); without minutes there is nothing to
    send."""

    def test_send_minutes(self):
        partner = self.env["res.partner"].create(
            {
                "name": "Kees Visser",
                "email": "k.visser@example.nl",
                "street": "Molenweg 33",
                "city": "Den Hoorn",
            }
        )
        complaint = self.env["klachtenbeheer.complaint"].create(
            {
                "subject": "Lekkage",
                "partner_id": partner.id,
                "channel": "letter",
                "handling_preference": "hearing",
            }
        )
        hearing = self.env["klachtenbeheer.hearing"].create(
            {"complaint_id": complaint.id, "date": "2026-11-20 10:00:00"}
        )
        with self.assertRaises(UserError):
            hearing.action_send_minutes()
        hearing.minutes = "<p>Mevrouw licht de lekkage toe.</p>"
        hearing.action_mark_held()
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            action = hearing.with_context(
                force_report_rendering=True
            ).action_send_minutes()
        composer = Form(self.env[action["res_model"]].with_context(**action["context"]))
        composer.save().action_send_mail()
        self.assertTrue(hearing.date_minutes_sent)
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(len(mail.attachment_ids), 1)
        pdf = base64.b64decode(mail.attachment_ids.datas)
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        self.assertIn("Mevrouw licht de lekkage toe.", text)
        self.assertIn(complaint.name, text)
        self.assertIn(complaint.company_id.name, text)


@tagged("post_install", "-at_install")
class TestEscalation(FairHandlingCase):
    """The regional complaints committee or the ombudsman (WMD-klachtenbeleid §1.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint(
            user=cls.handler_a, team_id=cls.team_a.id, user_id=cls.handler_a.id
        )

    def _escalate(self, user=None, **vals):
        values = {"complaint_id": self.complaint.id, "date_submitted": "2026-02-02"}
        values.update(vals)
        return (
            self.env["klachtenbeheer.escalation"]
            .with_user(user or self.handler_a)
            .create(values)
        )

    def test_advice_decision_and_due_date(self):
        escalation = self._escalate(body="committee", date_hearing="2026-03-10")
        self.assertEqual(escalation.state, "submitted")
        self.assertTrue(self.complaint.is_escalated)
        self.assertEqual(self.complaint.escalation_count, 1)
        self.assertIn(
            self.complaint,
            self.Complaint.with_user(self.handler_a).search(
                [("is_escalated", "=", True)]
            ),
        )
        escalation.write(
            {
                "date_advice": "2026-03-31",
                "advice": "<p>De commissie acht de klacht deels gegrond.</p>",
                "advice_outcome": "partly_founded",
            }
        )
        self.assertEqual(escalation.state, "advised")
        # One month after the advice; end of month clamps.
        self.assertEqual(str(escalation.date_decision_due), "2026-04-30")
        board_type = self.env.ref("klachtenbeheer.mail_activity_type_board_decision")
        activity = self.complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == board_type
        )
        self.assertEqual(activity.user_id, self.manager_a)
        self.assertEqual(str(activity.date_deadline), "2026-04-30")
        escalation.write(
            {
                "date_decided": "2026-04-20",
                "board_decision": "<p>De directie neemt het advies over.</p>",
            }
        )
        self.assertEqual(escalation.state, "decided")
        self.assertFalse(
            self.complaint.activity_ids.filtered(
                lambda a: a.activity_type_id == board_type
            )
        )

    def test_inconsistent_dates_refused(self):
        with self.assertRaisesText(ValidationError, "cannot take place before"):
            self._escalate(date_hearing="2026-01-15")
        with self.assertRaisesText(ValidationError, "record the advice"):
            self._escalate(board_decision="<p>Afgewezen.</p>")
        with self.assertRaisesText(ValidationError, "record the advice"):
            self._escalate(date_decided="2026-03-01")
        with self.assertRaisesText(ValidationError, "needs its text and its outcome"):
            self._escalate(date_advice="2026-03-01")
        with self.assertRaisesText(ValidationError, "cannot predate the advice"):
            self._escalate(
                date_advice="2026-03-01",
                advice="<p>Ongegrond.</p>",
                advice_outcome="unfounded",
                date_decided="2026-02-20",
                board_decision="<p>Conform advies.</p>",
            )

    def test_errors_in_dutch(self):
        load_dutch(self.env)
        Escalation = self.env["klachtenbeheer.escalation"].with_context(lang="nl_NL")
        with self.assertRaisesText(ValidationError, "hoorzitting"):
            Escalation.create(
                {
                    "complaint_id": self.complaint.id,
                    "date_submitted": "2026-02-02",
                    "date_hearing": "2026-01-15",
                }
            )
        complaint = self.complaint.with_context(lang="nl_NL")
        with self.assertRaisesText(ValidationError, "Awb 9:7") as error:
            complaint.user_concerned_id = self.handler_a
        self.assertIn("eigen gedrag", str(error.exception))
        complaint.write(
            {
                "handling_preference": "hearing",
                "validity": "founded",
                "answer": "<p>Excuses.</p>",
            }
        )
        with self.assertRaisesText(
            ValidationError, "een gehouden hoorzitting met verslag"
        ):
            complaint.stage_id = self.stage_closed

    def test_access(self):
        escalation = self._escalate()
        with self.assertRaises(AccessError):
            self._escalate(user=self.employee)
        self.assertFalse(
            self.env["klachtenbeheer.escalation"].with_user(self.handler_b).search([])
        )
        with self.assertRaises(AccessError):
            escalation.with_user(self.handler_b).body_name = "Nationale ombudsman"
        with self.assertRaises(AccessError):
            escalation.with_user(self.handler_a).unlink()
        escalation.with_user(self.coordinator).unlink()

    def test_smart_button(self):
        escalation = self._escalate(body="ombudsman", body_name="Nationale ombudsman")
        action = self.complaint.with_user(self.handler_a).action_view_escalations()
        self.assertEqual(action["res_id"], escalation.id)
        self.assertEqual(escalation.display_name, "Nationale ombudsman 02-02-2026")


@tagged("post_install", "-at_install")
class TestFairHandlingTour(HttpCase):
    """The form in the browser: assign to the manager, plan a conversation."""

    def test_tour(self):
        handler = new_test_user(
            self.env,
            login="kb_tour_handler",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        manager = new_test_user(
            self.env,
            login="kb_tour_manager",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        employee = new_test_user(self.env, login="kb_tour_employee")
        team = self.env["klachtenbeheer.team"].create(
            {"name": "Team Tour", "user_id": manager.id, "member_ids": handler.ids}
        )
        complaint = self.env["klachtenbeheer.complaint"].create(
            {
                "subject": "Onvriendelijk aan de balie",
                "contact_name": "Kees Visser",
                "team_id": team.id,
                "user_id": handler.id,
                "user_concerned_id": employee.id,
                "handling_preference": "three_way",
            }
        )
        self.start_tour(
            f"/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action/{complaint.id}",
            "klachtenbeheer_fair_handling_tour",
            login="kb_tour_handler",
        )
        self.assertEqual(complaint.user_id, manager)
        hearing = complaint.hearing_ids
        self.assertEqual(hearing.kind, "three_way")
        self.assertEqual(hearing.user_concerned_id, employee)
        self.assertEqual(hearing.location, "Spreekkamer 2")
        self.assertEqual(hearing.activity_id.res_id, complaint.id)
