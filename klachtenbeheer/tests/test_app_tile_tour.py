# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .common import DutchCase


@tagged("post_install", "-at_install")
class TestAppTileTour(DutchCase, HttpCase):
    """The Klachten app tile opens the complaints (in Dutch, as users see it)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.handler = new_test_user(
            cls.env,
            login="kb_tile_handler",
            password="kb_tile_handler",
            lang="nl_NL",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
        )
        team = cls.env["klachtenbeheer.team"].create(
            {"name": "Team Tegel", "member_ids": [(6, 0, cls.handler.ids)]}
        )
        cls.env["klachtenbeheer.complaint"].create(
            {
                "subject": "Lekkage in de keuken",
                "team_id": team.id,
                "partner_id": cls.env["res.partner"].create({"name": "Els Visser"}).id,
            }
        )

    def test_app_tile_opens_the_complaints(self):
        self.start_tour(
            "/odoo/discuss", "klachtenbeheer_app_tile", login="kb_tile_handler"
        )

    def test_app_action_is_the_complaints(self):
        # What the tile runs, for every user: the menu's own action.
        menus = (
            self.env["ir.ui.menu"].with_user(self.handler).load_web_menus(debug=False)
        )
        root = self.env.ref("klachtenbeheer.klachtenbeheer_menu_root")
        self.assertEqual(
            menus[root.id]["actionID"],
            self.env.ref("klachtenbeheer.klachtenbeheer_complaint_action").id,
        )
