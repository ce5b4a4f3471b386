# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each part of a complaint judged on its own (Checklist klachtenprocedure), with the
complaint's own access: whoever may read the complaint reads its parts."""

import re

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestComplaintElements(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint = cls._create_complaint(
            team_id=cls.team_a.id, user_id=cls.handler_a.id
        )

    def _add_parts(self, user):
        with Form(self.complaint.with_user(user)) as form:
            with form.element_ids.new() as part:
                part.name = "De reparatie duurde drie weken"
                part.findings = "De aannemer kwam twee keer niet."
                part.validity = "founded"
            with form.element_ids.new() as part:
                part.name = "De monteur was onbeleefd"
                part.findings = "Niet vast te stellen; de monteur ontkent."
                part.validity = "unfounded"
        return self.complaint.element_ids

    def test_handler_records_parts_and_the_letter_judges_each(self):
        parts = self._add_parts(self.handler_a)
        self.assertEqual(len(parts), 2)
        self.complaint.validity = "partly_founded"
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            "klachtenbeheer.action_report_decision", self.complaint.ids
        )
        text = " ".join(re.sub(r"<[^>]+>", " ", html.decode()).split())
        self.assertIn("De reparatie duurde drie weken", text)
        self.assertIn("We find this part of your complaint founded", text)
        self.assertIn("We find this part of your complaint unfounded", text)
        self.assertIn("de monteur ontkent", text)

    def test_only_who_may_read_the_complaint(self):
        parts = self._add_parts(self.handler_a)
        for user in (self.handler_b, self.employee):
            self.assertFalse(
                self.env["klachtenbeheer.complaint.element"]
                .with_user(user)
                .search([("id", "in", parts.ids)])
            )
            with self.assertRaises(AccessError):
                parts.with_user(user).read(["name"])
            with self.assertRaises(AccessError):
                parts.with_user(user).write({"validity": "founded"})
            with self.assertRaises(AccessError):
                self.env["klachtenbeheer.complaint.element"].with_user(user).create(
                    {"complaint_id": self.complaint.id, "name": "Ingeschoven"}
                )
        with self.assertRaises(AccessError):
            parts.with_user(self.portal_user).read(["name"])
        self.assertEqual(
            parts.with_user(self.coordinator).mapped("validity"),
            ["founded", "unfounded"],
        )

    def test_anonymising_blanks_what_the_parts_say(self):
        parts = self._add_parts(self.handler_a)
        self.complaint.sudo()._anonymise("test")
        self.assertEqual(parts.mapped("name"), ["-", "-"])
        self.assertFalse(any(parts.mapped("findings")))
        self.assertEqual(parts.mapped("validity"), ["founded", "unfounded"])
