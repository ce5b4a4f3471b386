# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Quick registration and triage (Gids klachtenmanagement, WMD-klachtenbeleid §1.2)."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import DutchCase, KlachtenbeheerCase
from .mail_common import KlachtenbeheerMailCase, build_mail


@tagged("post_install", "-at_install")
class TestQuickRegister(KlachtenbeheerCase):
    def test_from_contact_prefilled(self):
        # Actions menu of the contact -> the wizard, complainant filled in.
        wizard_env = self.env(
            user=self.employee,
            context=dict(
                self.env.context, active_model="res.partner", active_id=self.partner.id
            ),
        )
        with Form(wizard_env["klachtenbeheer.quick.register"]) as form:
            self.assertEqual(form.partner_id, self.partner)
            self.assertEqual(form.channel, "phone")
            form.subject = "Niet teruggebeld"
        action = form.record.action_register()
        complaint = self.Complaint.browse(action["res_id"])
        self.assertEqual(complaint.partner_id, self.partner)
        self.assertEqual(complaint.subject, "Niet teruggebeld")
        self.assertEqual(complaint.registered_by_id, self.employee)
        self.assertEqual(complaint.source_model, "res.partner")
        self.assertEqual(complaint.source_res_id, self.partner.id)
        self.assertEqual(complaint.kind, "complaint")

    def test_from_any_record_with_partner(self):
        # A record of another application naming a contact in partner_id.
        record = self.env["res.partner.bank"].create(
            {"acc_number": "NL91ABNA0417164300", "partner_id": self.partner.id}
        )
        wizard = (
            self.env(user=self.employee)["klachtenbeheer.quick.register"]
            .with_context(active_model=record._name, active_id=record.id)
            .create({"subject": "Verkeerd rekeningnummer gebruikt"})
        )
        self.assertEqual(wizard.partner_id, self.partner)
        complaint = self.Complaint.browse(wizard.action_register()["res_id"])
        self.assertEqual(complaint.source_model, "res.partner.bank")
        self.assertEqual(complaint.action_open_source()["res_id"], record.id)

    def test_phone_front_desk_and_hidden(self):
        Wizard = self.env(user=self.employee)["klachtenbeheer.quick.register"]
        with Form(Wizard.with_context(default_channel="front_desk")) as form:
            form.contact_name = "Mevrouw Bakker"
            form.phone = "0612121212"
            form.subject = "Is hij er weer niet?"
            form.is_hidden_complaint = True
        result = form.record.action_register_next()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(
            result["params"]["next"]["context"], {"default_channel": "front_desk"}
        )
        complaint = self.Complaint.search(
            [
                ("subject", "=", "Is hij er weer niet?"),
                ("registered_by_id", "=", self.employee.id),
            ]
        )
        self.assertEqual(complaint.channel, "front_desk")
        self.assertTrue(complaint.is_hidden_complaint)
        self.assertEqual(complaint.partner_id.name, "Mevrouw Bakker")
        self.assertEqual(complaint.partner_id.phone, "0612121212")

    def test_contact_action_is_bound(self):
        action = self.env.ref(
            "klachtenbeheer.klachtenbeheer_quick_register_action_partner"
        )
        self.assertEqual(action.binding_model_id.model, "res.partner")


@tagged("post_install", "-at_install")
class TestTriage(KlachtenbeheerCase):
    def test_not_a_complaint(self):
        complaint = self._create_complaint(user=self.employee, subject="Kraan lekt")
        action = complaint.with_user(self.employee).action_open_triage_wizard()
        with Form(
            self.env(user=self.employee)[action["res_model"]].with_context(
                **action["context"]
            )
        ) as form:
            form.kind = "repair_request"
            form.redirect_note = "Doorgezet als reparatieverzoek 4711."
        form.record.action_confirm()
        self.assertEqual(complaint.kind, "repair_request")
        self.assertTrue(complaint.is_closed)
        self.assertEqual(
            complaint.stage_id, self.env.ref("klachtenbeheer.stage_redirected")
        )
        self.assertIn(
            "4711",
            complaint.message_ids.filtered(
                lambda m: m.subtype_id == self.env.ref("mail.mt_note")
            )[0].body,
        )
        # A closed report cannot be redirected again.
        wizard = self.env["klachtenbeheer.triage.wizard"].create(
            {"complaint_id": complaint.id, "kind": "nuisance", "redirect_note": "x"}
        )
        with self.assertRaises(UserError):
            wizard.action_confirm()

    def test_redirect_note_required(self):
        complaint = self._create_complaint()
        with self.assertRaises(ValidationError):
            complaint.kind = "nuisance"
            complaint.flush_recordset()

    def test_counts(self):
        complaint = self._create_complaint(subject="Echte klacht")
        report = self._create_complaint(
            subject="Overlast buren", kind="nuisance", redirect_note="Naar wijkbeheer."
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action"
        )
        found = self.Complaint.search(safe_eval(action["domain"]))
        self.assertIn(complaint, found)
        self.assertNotIn(report, found)
        analysis = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action_analysis"
        )
        self.assertNotIn(report, self.Complaint.search(safe_eval(analysis["domain"])))
        redirected = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action_redirected"
        )
        found = self.Complaint.search(safe_eval(redirected["domain"]))
        self.assertIn(report, found)
        self.assertNotIn(complaint, found)
        # Countable by kind.
        groups = dict(
            self.Complaint._read_group(
                [("id", "in", (complaint | report).ids)], ["kind"], ["__count"]
            )
        )
        self.assertEqual(groups, {"complaint": 1, "nuisance": 1})


@tagged("post_install", "-at_install")
class TestTriageDutch(DutchCase, KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env_nl = cls.env(context=dict(cls.env.context, lang="nl_NL"))

    def test_dutch(self):
        complaint = self._create_complaint().with_env(self.env_nl)
        with self.assertRaisesRegex(ValidationError, "is geen klacht: noteer naar wie"):
            complaint.kind = "nuisance"
            complaint.flush_recordset()
        kinds = dict(
            self.env_nl["klachtenbeheer.complaint"].fields_get(["kind"])["kind"][
                "selection"
            ]
        )
        self.assertEqual(kinds["repair_request"], "Reparatieverzoek")
        self.assertEqual(kinds["housing_fraud"], "Woonfraudemelding")
        self.company.partner_id.lang = "nl_NL"
        subject = self.Complaint._klachtenbeheer_mail_subject({}, self.company)
        self.assertEqual(subject, "(geen onderwerp)")


@tagged("post_install", "-at_install")
class TestRedirectNotice(DutchCase, KlachtenbeheerMailCase):
    """A mail that turns out not to be a complaint (WMD-klachtenbeleid
    §1.2): its sender, who was told "we received your complaint", hears in
    formal Dutch where it went; an employee who forwarded it hears nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.partner_id.lang = "nl_NL"
        cls.coordinator.lang = "en_US"

    def _redirect(self, complaint, kind, message=""):
        action = complaint.with_user(self.coordinator).action_open_triage_wizard()
        with Form(
            self.env(user=self.coordinator)[action["res_model"]].with_context(
                **action["context"]
            )
        ) as form:
            form.kind = kind
            form.redirect_note = "Doorgezet naar de reparatiedienst."
            if message:
                form.redirect_message = message
        form.record.action_confirm()

    def _notices(self, complaint):
        """The notices that went to the sender (internal followers get
        their usual copy of the chatter message)."""
        return self.env["mail.mail"].search(
            [
                ("model", "=", complaint._name),
                ("res_id", "=", complaint.id),
                ("subject", "like", "is doorgestuurd"),
                ("recipient_ids.partner_share", "=", True),
            ]
        )

    def test_repair_request_by_mail(self):
        self._process(
            build_mail(
                subject="Kraan lekt",
                body="Goedendag, de kraan in de keuken lekt al een week.",
                sender="Anna de Wit <anna.dewit@example.nl>",
            )
        )
        complaint = self._complaints_from("anna.dewit@example.nl")
        self.Complaint._cron_send_acknowledgements()
        self.assertTrue(complaint.date_acknowledged)
        self._redirect(complaint, "repair_request", "Uw verzoek heeft nummer 4711.")
        notice = self._notices(complaint)
        self.assertEqual(len(notice), 1)
        self.assertEqual(notice.recipient_ids, complaint.partner_id)
        self.assertEqual(notice.subject, f"Uw bericht {complaint.name} is doorgestuurd")
        body = notice.body_html
        self.assertIn("Geachte", body)
        self.assertIn("reparatieverzoek", body)
        self.assertIn("Uw verzoek heeft nummer 4711.", body)
        self.assertNotIn("Doorgezet naar de reparatiedienst", body)
        self.assertNotRegex(body, r"\b([Jj]e|[Jj]ij|[Jj]ouw)\b")
        self.assertNotIn("repair", body)

    def test_dispute_and_no_notice_for_employees(self):
        self._process(
            build_mail(
                subject="Huurverhoging",
                body="Ik ben het niet eens met de huurverhoging van dit jaar.",
                sender="K. Bos <k.bos@example.nl>",
            )
        )
        dispute = self._complaints_from("k.bos@example.nl")
        self._redirect(dispute, "dispute")
        self.assertEqual(dispute.kind, "dispute")
        self.assertTrue(dispute.is_closed)
        self.assertIn("Huurcommissie", self._notices(dispute).body_html)
        # Forwarded by an employee: the employee gets no notice meant for
        # the complainant.
        self.assertTrue(self.employee.email)
        forwarded = self._create_complaint(
            channel="email", email_from=self.employee.email, partner_id=False
        )
        self._redirect(forwarded, "nuisance")
        self.assertFalse(self._notices(forwarded))
        # Unticked: nothing is sent.
        quiet = self._create_complaint(channel="email")
        action = quiet.action_open_triage_wizard()
        with Form(
            self.env[action["res_model"]].with_context(**action["context"])
        ) as form:
            form.kind = "nuisance"
            form.redirect_note = "Naar de wijkbeheerder."
            form.notify_sender = False
        form.record.action_confirm()
        self.assertFalse(self._notices(quiet))
