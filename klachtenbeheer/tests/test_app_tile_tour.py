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


@tagged("post_install", "-at_install")
class TestStatusbarTour(HttpCase):
    """The pipeline's open stages all show in the form's status bar at the
    browser size of the tests (1366 px), with every header button a
    coordinator sees on a complaint under investigation."""

    def test_statusbar_shows_every_open_stage(self):
        self.env["res.lang"]._activate_lang("nl_NL")
        self.env["ir.module.module"]._load_module_terms(
            ["klachtenbeheer"], ["nl_NL"], overwrite=True
        )
        new_test_user(
            self.env,
            login="kb_bar_coordinator",
            password="kb_bar_coordinator",
            lang="nl_NL",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
        )
        complaint = self.env["klachtenbeheer.complaint"].create(
            {
                "subject": "Lekkage in de keuken",
                "partner_id": self.env["res.partner"].create({"name": "Els Visser"}).id,
                "stage_id": self.env.ref("klachtenbeheer.stage_investigating").id,
            }
        )
        self.start_tour(
            f"/odoo/action-klachtenbeheer.klachtenbeheer_complaint_action/{complaint.id}",
            "klachtenbeheer_statusbar",
            login="kb_bar_coordinator",
        )
