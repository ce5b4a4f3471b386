# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestProcedureTour(HttpCase):
    """The procedure rules in the browser, as a handler."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.handler = new_test_user(
            cls.env,
            login="kb_tour_handler",
            password="kb_tour_handler",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        cls.team = cls.env["klachtenbeheer.team"].create(
            {"name": "Team Tour", "member_ids": [(6, 0, cls.handler.ids)]}
        )
        cls.partner = cls.env["res.partner"].create(
            {"name": "Kees Bakker", "email": "kees@example.com"}
        )

    def _create(self, **vals):
        return self.env["klachtenbeheer.complaint"].create(
            dict(
                {"partner_id": self.partner.id, "team_id": self.team.id},
                **vals,
            )
        )

    def test_outside_procedure_from_suggestion(self):
        complaint = self._create(
            subject="Servicekosten te hoog",
            description="<p>De afrekening servicekosten klopt niet.</p>",
        )
        self.start_tour(
            f"/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action/{complaint.id}",
            "klachtenbeheer_outside_procedure",
            login="kb_tour_handler",
        )
        complaint.invalidate_recordset()
        self.assertEqual(
            complaint.stage_id, self.env.ref("klachtenbeheer.stage_outside_procedure")
        )
        self.assertEqual(
            complaint.outside_procedure_ground_id,
            self.env.ref("klachtenbeheer.procedure_ground_rent"),
        )
        referral = complaint.message_ids.filtered(
            lambda m: "bezwaarprocedure" in (m.body or "")
        )
        self.assertEqual(referral.partner_ids, self.partner)

    def test_link_repeat_from_suggestion(self):
        earlier = self._create(subject="Schimmel in de badkamer")
        repeat = self._create(subject="Weer schimmel")
        self.start_tour(
            f"/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action/{repeat.id}",
            "klachtenbeheer_link_repeat",
            login="kb_tour_handler",
        )
        repeat.invalidate_recordset()
        self.assertEqual(repeat.repeat_of_ids, earlier)
        self.assertTrue(repeat.is_repeat)

    def test_submit_to_board(self):
        board = new_test_user(
            self.env,
            login="kb_tour_director",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_board",
        )
        complaint = self._create(subject="Om geld gevraagd")
        self.start_tour(
            f"/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action/{complaint.id}",
            "klachtenbeheer_submit_to_board",
            login="kb_tour_handler",
        )
        complaint.invalidate_recordset()
        self.assertTrue(complaint.criminal_suspicion)
        self.assertEqual(
            complaint.criminal_suspicion_reason,
            "Contant geld gevraagd door een medewerker.",
        )
        self.assertIn(board, complaint.activity_ids.user_id)
        self.assertFalse(
            self.env["klachtenbeheer.complaint"]
            .with_user(self.handler)
            .search([("id", "=", complaint.id)])
        )
