# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from lxml import etree

from odoo import Command, models
from odoo.exceptions import AccessError, MissingError, ValidationError
from odoo.modules.module import get_manifest
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import file_open

from ..models.klachtenbeheer_complaint import RULES_IN_SQL_FROM
from .common import QUIET_CONTEXT, KlachtenbeheerCase

USER = "klachtenbeheer.group_klachtenbeheer_user"


@tagged("post_install", "-at_install")
class TestAccess(KlachtenbeheerCase):
    """The access matrix: who reads, writes, creates and deletes what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Registered by the employee, handled in team A.
        cls.complaint_a = cls._create_complaint(
            user=cls.employee, subject="Klacht team A", team_id=cls.team_a.id
        )
        # Registered by the coordinator, team B.
        cls.complaint_b = cls._create_complaint(
            user=cls.coordinator, subject="Klacht team B", team_id=cls.team_b.id
        )
        # Registered by the coordinator, no team, handled by the employee.
        cls.complaint_assigned = cls._create_complaint(
            user=cls.coordinator, subject="Toegewezen", user_id=cls.other_employee.id
        )
        cls.complaint_company_2 = cls._create_complaint(
            user=cls.coordinator_2,
            subject="Andere organisatie",
            team_id=cls.team_2.id,
            company_id=cls.company_2.id,
        )
        cls.all_complaints = (
            cls.complaint_a
            | cls.complaint_b
            | cls.complaint_assigned
            | cls.complaint_company_2
        )

    def _visible(self, user):
        return self.Complaint.with_user(user).search(
            [("id", "in", self.all_complaints.ids)]
        )

    def test_every_internal_user_can_register(self):
        self.assertTrue(
            self.employee.has_group("klachtenbeheer.group_klachtenbeheer_user")
        )
        self.assertFalse(
            self.employee.has_group("klachtenbeheer.group_klachtenbeheer_handler")
        )

    def test_employee_sees_what_they_registered_or_handle(self):
        self.assertEqual(self._visible(self.employee), self.complaint_a)
        self.assertEqual(self._visible(self.other_employee), self.complaint_assigned)
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.employee).read(["subject"])
        # They may complete what they registered...
        self.complaint_a.with_user(self.employee).desired_outcome = "Excuses"
        # ...but not someone else's complaint, nor delete their own.
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.employee).write({"subject": "Gewijzigd"})
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.employee).unlink()

    def test_handler_sees_their_teams(self):
        self.assertEqual(self._visible(self.handler_a), self.complaint_a)
        self.assertEqual(self._visible(self.handler_b), self.complaint_b)
        # The team manager sees the team's complaints without being a member.
        self.assertEqual(self._visible(self.manager_a), self.complaint_a)
        self.complaint_a.with_user(self.handler_a).write(
            {"user_id": self.handler_a.id, "validity": "founded"}
        )
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.handler_a).write({"validity": "founded"})
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.handler_a).unlink()

    def test_team_changes_count_at_once(self):
        """The handler rule names the user's team ids (cached per user by
        Odoo); joining, leaving, managing or archiving a team counts at the
        next read, as the members' list says."""
        self.assertEqual(self._visible(self.handler_a), self.complaint_a)
        self.team_b.member_ids = [Command.link(self.handler_a.id)]
        self.assertEqual(
            self._visible(self.handler_a), self.complaint_a | self.complaint_b
        )
        self.team_a.member_ids = [Command.unlink(self.handler_a.id)]
        self.assertEqual(self._visible(self.handler_a), self.complaint_b)
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.handler_a).read(["subject"])
        # An archived team still counts, as its complaints are still there.
        self.team_b.active = False
        self.assertEqual(self._visible(self.handler_a), self.complaint_b)
        # The manager sees the team's complaints without being a member.
        self.team_a.user_id = self.handler_a
        self.assertEqual(
            self._visible(self.handler_a), self.complaint_a | self.complaint_b
        )
        new_team = self.env["klachtenbeheer.team"].create(
            {"name": "Team Nieuw", "member_ids": [Command.set(self.handler_b.ids)]}
        )
        self.complaint_a.sudo().team_id = new_team
        self.assertEqual(
            self._visible(self.handler_b), self.complaint_a | self.complaint_b
        )
        new_team.unlink()
        self.assertEqual(self._visible(self.handler_b), self.complaint_b)

    def test_handler_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env["klachtenbeheer.stage"].with_user(self.handler_a).create(
                {"name": "Eigen fase"}
            )
        with self.assertRaises(AccessError):
            self.team_a.with_user(self.manager_a).write({"name": "Hernoemd"})
        # Handlers may add tags while they work.
        tag = (
            self.env["klachtenbeheer.tag"]
            .with_user(self.handler_a)
            .create({"name": "Schimmel"})
        )
        self.assertTrue(tag)

    def test_coordinator_sees_and_manages_all_of_their_company(self):
        visible = self._visible(self.coordinator)
        self.assertEqual(
            visible, self.complaint_a | self.complaint_b | self.complaint_assigned
        )
        stage = (
            self.env["klachtenbeheer.stage"]
            .with_user(self.coordinator)
            .create({"name": "Hoorzitting"})
        )
        self.assertTrue(stage)
        self.complaint_b.with_user(self.coordinator).unlink()
        self.assertFalse(self.complaint_b.exists())

    def test_multi_company_isolation(self):
        self.assertEqual(self._visible(self.coordinator_2), self.complaint_company_2)
        with self.assertRaises(AccessError):
            self.complaint_company_2.with_user(self.coordinator).read(["subject"])
        teams = self.env["klachtenbeheer.team"].with_user(self.coordinator).search([])
        self.assertNotIn(self.team_2, teams)

    def test_portal_and_public_have_no_access(self):
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(self.portal_user).read(["subject"])
        with self.assertRaises(AccessError):
            self._create_complaint(user=self.portal_user)
        public = self.env.ref("base.public_user")
        with self.assertRaises(AccessError):
            self.complaint_a.with_user(public).read(["subject"])

    def test_partner_counter_respects_record_rules(self):
        partner = self.partner.with_user(self.employee)
        # Four complaints name this contact; the employee registered one.
        self.assertEqual(partner.klachtenbeheer_complaint_count, 1)

    def test_registered_by_is_guarded(self):
        """Only coordinators change who registered (it decides visibility)."""
        with self.assertRaisesRegex(AccessError, "coordinator"):
            self.complaint_a.with_user(self.handler_a).write(
                {"registered_by_id": self.other_employee.id}
            )
        with self.assertRaisesRegex(AccessError, "coordinator"):
            self._create_complaint(
                user=self.employee, registered_by_id=self.other_employee.id
            )
        # Writing the value it already has is no change.
        self.complaint_a.with_user(self.employee).write(
            {"registered_by_id": self.employee.id, "subject": "Aangevuld"}
        )
        self.complaint_a.with_user(
            self.coordinator
        ).registered_by_id = self.other_employee
        self.assertEqual(
            self._visible(self.other_employee),
            self.complaint_a | self.complaint_assigned,
        )


@tagged("post_install", "-at_install")
class TestRulesOnAPage(KlachtenbeheerCase):
    """A page of complaints (a list, a kanban column) has its record rules
    checked by one query; the answer is Odoo's, also for a forbidden or a
    deleted complaint among them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = cls.env["klachtenbeheer.complaint"]
        for index in range(RULES_IN_SQL_FROM):
            cls.page |= cls._create_complaint(
                subject=f"Klacht {index}", team_id=cls.team_a.id
            )
        cls.other = cls._create_complaint(subject="Team B", team_id=cls.team_b.id)

    def _as(self, user, records):
        records = records.with_user(user)
        records.invalidate_recordset()
        return records

    def test_all_allowed_without_evaluating_rules_in_python(self):
        page = self._as(self.handler_a, self.page)
        complaint_class = type(self.page)
        with patch.object(
            complaint_class,
            "filtered_domain",
            side_effect=AssertionError("rules evaluated record by record"),
        ):
            page.check_access("read")
            self.assertEqual(
                [row["subject"] for row in page.read(["subject"])],
                page.sudo().mapped("subject"),
            )
        # The same page for a handler of another team: refused, as Odoo
        # refuses it.
        with self.assertRaises(AccessError):
            self._as(self.handler_b, self.page).check_access("read")
        self.assertFalse(self._as(self.handler_b, self.page)._filtered_access("read"))

    def test_one_forbidden_among_them(self):
        page = self._as(self.handler_a, self.page | self.other)
        with self.assertRaises(AccessError):
            page.check_access("read")
        # The forbidden one, as Odoo's own check (BaseModel._check_access)
        # names it in the error.
        self.assertEqual(page._check_access("read")[0], self.other)
        self.assertEqual(models.BaseModel._check_access(page, "read")[0], self.other)
        self.assertEqual(page._filtered_access("read"), page - self.other)
        self.assertFalse(page.has_access("read"))
        self.assertTrue(
            self._as(self.coordinator, self.page | self.other).has_access("write")
        )

    def test_deleted_one_among_them(self):
        gone = self._create_complaint(team_id=self.team_a.id)
        page = self._as(self.handler_a, self.page | gone)
        gone.sudo().unlink()
        # Odoo's own check (BaseModel._check_access) on the same page.
        with self.assertRaises(MissingError):
            models.BaseModel._check_access(page, "read")
        with self.assertRaises(MissingError):
            page.check_access("read")

    def test_small_sets_as_odoo_does(self):
        few = self._as(self.handler_a, self.page[: RULES_IN_SQL_FROM - 1])
        complaint_class = type(self.page)
        with patch.object(
            complaint_class,
            "filtered_domain",
            autospec=True,
            side_effect=complaint_class.filtered_domain,
        ) as evaluated:
            few.check_access("read")
        self.assertEqual(evaluated.call_count, 1)


@tagged("post_install", "-at_install")
class TestConflictOfInterest(KlachtenbeheerCase):
    """Awb 9:7: a complaint about an employee is never visible to, assigned
    to or mailed to that employee, from registration on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.handler_a.partner_id.email = "handler.a@example.com"
        cls.manager_a.partner_id.email = "manager.a@example.com"
        cls.about_handler = cls._create_complaint(
            subject="Behandelaar was onbeschoft",
            team_id=cls.team_a.id,
            user_concerned_id=cls.handler_a.id,
        )

    def test_not_visible_to_the_employee(self):
        Complaint = self.Complaint.with_user(self.handler_a)
        self.assertNotIn(self.about_handler, Complaint.search([]))
        with self.assertRaises(AccessError):
            self.about_handler.with_user(self.handler_a).read(["subject"])
        # The colleague of the team and the manager see it.
        self.assertIn(
            self.about_handler, self.Complaint.with_user(self.manager_a).search([])
        )
        # Also not for a coordinator the complaint is about.
        about_coordinator = self._create_complaint(
            subject="Coördinator", user_concerned_id=self.coordinator.id
        )
        self.assertNotIn(
            about_coordinator, self.Complaint.with_user(self.coordinator).search([])
        )

    def test_never_assigned_to_the_employee(self):
        with self.assertRaises(ValidationError):
            self.about_handler.with_user(self.manager_a).user_id = self.handler_a
        # Activities go to someone else, also when the manager is concerned.
        about_manager = self._create_complaint(
            subject="Teamleider",
            team_id=self.team_a.id,
            user_concerned_id=self.manager_a.id,
        )
        about_manager._sync_term_activities()
        self.assertTrue(about_manager.activity_ids)
        self.assertNotIn(self.manager_a, about_manager.activity_ids.user_id)

    def test_never_mailed_to_the_employee(self):
        complaint = self._create_complaint(
            subject="Later bleek het over hem te gaan", team_id=self.team_a.id
        )
        complaint.message_subscribe(
            partner_ids=(self.handler_a | self.manager_a).partner_id.ids
        )
        complaint.user_concerned_id = self.handler_a
        self.assertNotIn(self.handler_a.partner_id, complaint.message_partner_ids)
        message = complaint.with_user(self.coordinator).message_post(
            body="Stand van zaken",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.handler_a.partner_id.ids,
        )
        notified = message.notification_ids.res_partner_id
        self.assertIn(self.manager_a.partner_id, notified)
        self.assertNotIn(self.handler_a.partner_id, notified)


@tagged("post_install", "-at_install")
class TestEveryEmployeeSetting(KlachtenbeheerCase):
    """Every employee registers complaints (Gids klachtenmanagement,
    "registreer op elke werkplek"): a setting, on from install, makes the
    internal users complaint users; the addon's data does not change Odoo's
    Internal User group itself."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.internal = cls.env.ref("base.group_user")
        cls.complaint_user = cls.env.ref(USER)

    def _new_employee(self, login):
        return new_test_user(
            self.env, login=login, groups="base.group_user", context=QUIET_CONTEXT
        )

    def _save_setting(self, value):
        form = Form(self.env(user=self.admin)["res.config.settings"])
        form.group_klachtenbeheer_user = value
        form.save().execute()

    def test_on_after_install(self):
        settings = self.env(user=self.admin)["res.config.settings"].create({})
        self.assertTrue(settings.group_klachtenbeheer_user)
        self.assertIn(self.complaint_user, self.internal.implied_ids)
        self.assertTrue(self._new_employee("kb_new_1").has_group(USER))
        self.assertTrue(self.employee.has_group(USER))

    def test_switched_off_and_on_in_the_settings(self):
        self._save_setting(False)
        self.assertNotIn(self.complaint_user, self.internal.implied_ids)
        self.assertFalse(
            self.env(user=self.admin)["res.config.settings"]
            .create({})
            .group_klachtenbeheer_user
        )
        newcomer = self._new_employee("kb_new_off")
        self.assertFalse(newcomer.has_group(USER))
        with self.assertRaises(AccessError):
            self.Complaint.with_user(newcomer).search([])
        # Odoo's _remove_group: who was a complaint user only through the
        # setting loses it; a complaint role keeps it.
        self.assertFalse(self.employee.has_group(USER))
        self.assertTrue(self.handler_a.has_group(USER))
        self.assertTrue(self.jurist.has_group(USER))
        self.assertTrue(self.coordinator.has_group(USER))

        self._save_setting(True)
        self.assertIn(self.complaint_user, self.internal.implied_ids)
        self.assertTrue(self._new_employee("kb_new_on").has_group(USER))
        # Switched on again, every internal user has it again.
        self.assertTrue(newcomer.has_group(USER))
        self.assertTrue(self.employee.has_group(USER))
        self.assertFalse(self.portal_user.has_group(USER))

    def test_coordinator_cannot_switch_it(self):
        self.env(user=self.coordinator)["res.config.settings"].create(
            {"group_klachtenbeheer_user": False}
        ).execute()
        self.assertIn(self.complaint_user, self.internal.implied_ids)
        self.assertTrue(self.employee.has_group(USER))

    def test_data_leaves_internal_user_group_alone(self):
        manifest = get_manifest("klachtenbeheer")
        for path in manifest["data"] + manifest["demo"]:
            if not path.endswith(".xml"):
                continue
            with file_open(f"klachtenbeheer/{path}", "rb") as xml:
                tree = etree.parse(xml)
            self.assertFalse(tree.xpath("//record[@id='base.group_user']"), path)
