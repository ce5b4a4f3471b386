# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import DutchCase, KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestProcedureDutch(DutchCase, KlachtenbeheerCase):
    """Every gate of the procedure rules speaks Dutch to a Dutch user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.handler_a | cls.manager_a | cls.coordinator).write({"lang": "nl_NL"})
        # What the web client sends for a Dutch user.
        cls.env = cls.env(context=dict(cls.env.context, lang="nl_NL"))
        cls.original = cls._create_complaint(team_id=cls.team_a.id)

    def _repeat(self, reason):
        return self._create_complaint(
            team_id=self.team_a.id,
            user_id=self.handler_a.id,
            repeat_of_ids=[Command.set(self.original.ids)],
            repeat_reason=reason,
            validity="unfounded",
            answer="<p>Antwoord</p>",
        )

    def test_labels(self):
        env_nl = self.env
        self.assertEqual(
            env_nl.ref("klachtenbeheer.stage_outside_procedure").name,
            "Buiten behandeling",
        )
        self.assertEqual(
            env_nl.ref("klachtenbeheer.group_klachtenbeheer_board").name, "Directie"
        )
        labels = env_nl["klachtenbeheer.complaint"].fields_get(
            ["repeat_reason", "policy_judgement", "mt_agenda"], ["string", "selection"]
        )
        self.assertEqual(labels["mt_agenda"]["string"], "Op de agenda van het MT")
        self.assertEqual(
            dict(labels["repeat_reason"]["selection"])["no_new_facts"],
            "Geen nieuwe feiten",
        )
        self.assertEqual(
            dict(labels["policy_judgement"]["selection"])["missing"],
            "Er is geen beleid voor",
        )

    def test_outside_procedure_errors(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        wizard = (
            self.env["klachtenbeheer.outside.procedure.wizard"]
            .with_user(self.handler_a)
            .create({"complaint_id": complaint.id})
        )
        with self.assertRaisesRegex(UserError, "Kies de grond waarop klacht"):
            wizard.action_confirm()
        with self.assertRaisesRegex(
            ValidationError, "gebruik de knop Buiten behandeling"
        ):
            complaint.with_user(self.handler_a).stage_id = self.env.ref(
                "klachtenbeheer.stage_outside_procedure"
            )

    def test_criminal_suspicion_error(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        with self.assertRaisesRegex(UserError, "ernstig vermoeden van een strafbaar"):
            complaint.with_user(self.handler_a)._flag_criminal_suspicion("")

    def test_legal_advice_error(self):
        repeat = self._repeat("lawyer").with_user(self.handler_a)
        with self.assertRaisesRegex(
            ValidationError,
            "kan nog niet worden verstuurd. Leg eerst vast: Juridisch advies",
        ):
            repeat.stage_id = self.env.ref("klachtenbeheer.stage_answered")
        with self.assertRaisesRegex(ValidationError, "Vul eerst in: Juridisch advies"):
            repeat.stage_id = self.stage_closed

    def test_approval_errors(self):
        repeat = self._repeat("employee_again").with_user(self.handler_a)
        with self.assertRaisesRegex(ValidationError, "Antwoord goedgekeurd door"):
            repeat.stage_id = self.env.ref("klachtenbeheer.stage_answered")
        with self.assertRaisesRegex(
            AccessError, "Alleen de leidinggevende van het team"
        ):
            repeat.action_approve_answer()
        with self.assertRaisesRegex(
            UserError, "alleen de teamleider wijst de behandelaar"
        ):
            repeat.user_id = self.handler_b
