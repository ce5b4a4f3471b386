# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

import pytz
from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common import QUIET_CONTEXT, KlachtenbeheerCase, load_dutch

COORDINATOR_VIEW = "klachtenbeheer.res_config_settings_view_form_coordinator"


@tagged("post_install", "-at_install")
class TestCoordinatorSettings(KlachtenbeheerCase):
    """A coordinator opens and saves the complaint settings, for their own
    companies and their own fields only."""

    def _settings_form(self, user, company=None):
        env = self.env(user=user)
        if company:
            env = env(context=dict(env.context, allowed_company_ids=company.ids))
        return Form(env["res.config.settings"], view=COORDINATOR_VIEW)

    def test_coordinator_saves_our_fields(self):
        self.company.klachtenbeheer_retention_months = 24
        form = self._settings_form(self.coordinator)
        form.klachtenbeheer_retention_months = 36
        form.klachtenbeheer_complaint_prefix = "KLA/%(year)s/"
        form.save().execute()
        self.assertEqual(self.company.klachtenbeheer_retention_months, 36)
        self.assertEqual(
            self.company.klachtenbeheer_sequence_id.prefix, "KLA/%(year)s/"
        )

    def test_coordinator_cannot_write_other_fields(self):
        before = self.company.report_footer
        self.env(user=self.coordinator)["res.config.settings"].create(
            {"report_footer": "Not theirs", "klachtenbeheer_retention_months": 12}
        ).execute()
        self.assertEqual(self.company.report_footer, before)
        self.assertEqual(self.company.klachtenbeheer_retention_months, 12)

    def test_handler_refused(self):
        with self.assertRaises(AccessError):
            form = self._settings_form(self.handler_a)
            form.klachtenbeheer_retention_months = 1
            form.save()
        with self.assertRaises(AccessError):
            self.env(user=self.handler_a)["res.config.settings"].create(
                {"klachtenbeheer_retention_months": 1}
            ).execute()

    def test_other_company_refused(self):
        with self.assertRaises(AccessError):
            self.env(user=self.coordinator)["res.config.settings"].create(
                {"company_id": self.company_2.id}
            )

    def test_two_companies_edits_the_chosen_one(self):
        self.coordinator.company_ids = self.company | self.company_2
        self.company.klachtenbeheer_retention_months = 24
        self.company_2.klachtenbeheer_retention_months = 24
        form = self._settings_form(self.coordinator, self.company_2)
        self.assertEqual(form.company_id, self.company_2)
        form.klachtenbeheer_retention_months = 6
        form.save().execute()
        self.assertEqual(self.company_2.klachtenbeheer_retention_months, 6)
        self.assertEqual(self.company.klachtenbeheer_retention_months, 24)

    def test_company_shown_to_multi_company_user(self):
        self.coordinator.groups_id |= self.env.ref("base.group_multi_company")
        arch = self.env(user=self.coordinator)["res.config.settings"].get_views(
            [(self.env.ref(COORDINATOR_VIEW).id, "form")]
        )["views"]["form"]["arch"]
        self.assertIn("o_kb_settings_company", arch)
        self.assertNotIn('name="general_settings"', arch)

    def test_alias_domain_created_by_coordinator(self):
        self.company.alias_domain_id = False
        form = self._settings_form(self.coordinator)
        form.klachtenbeheer_alias_domain_name = "Corporatie-Test.nl"
        form.save().execute()
        self.assertEqual(self.company.alias_domain_id.name, "corporatie-test.nl")


@tagged("post_install", "-at_install")
class TestSetupChecklist(KlachtenbeheerCase):
    def _checks(self):
        settings = self.env(user=self.coordinator)["res.config.settings"].create({})
        return {c["key"]: c["done"] for c in settings._klachtenbeheer_setup_checks()}

    def test_missing_items_then_done(self):
        company = self.company
        company.alias_domain_id = False
        company.klachtenbeheer_term_profile_id = False
        (
            self.env["klachtenbeheer.team"].search([("company_id", "=", company.id)])
        ).write({"user_id": False})
        checks = self._checks()
        self.assertFalse(checks["address"])
        self.assertFalse(checks["team_manager"])
        self.assertFalse(checks["terms"])
        self.assertTrue(checks["coordinators"])
        settings = self.env(user=self.coordinator)["res.config.settings"].create({})
        self.assertIn(
            'data-check="address"', str(settings.klachtenbeheer_setup_checklist)
        )
        self.assertIn("o_kb_setup_todo", str(settings.klachtenbeheer_setup_checklist))

        company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "checklist.example.nl"}
        )
        self.team_a.alias_name = "klachten-checklist"
        self.team_a.user_id = self.manager_a
        company.klachtenbeheer_term_profile_id = self.env.ref(
            "klachtenbeheer.term_profile_corporation"
        )
        checks = self._checks()
        self.assertTrue(checks["address"])
        self.assertTrue(checks["team_manager"])
        self.assertTrue(checks["terms"])


@tagged("post_install", "-at_install")
class TestHolidayTerms(KlachtenbeheerCase):
    """A holiday added by a coordinator moves the terms of open complaints."""

    def _leave_on(self, calendar, day, user):
        tz = pytz.timezone(calendar.tz or "Europe/Amsterdam")
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        end = tz.localize(datetime.combine(day, time(23, 59, 59))).astimezone(pytz.utc)
        return (
            self.env(user=user)["resource.calendar.leaves"]
            .with_context(**QUIET_CONTEXT)
            .create(
                {
                    "name": "Extra vrije dag",
                    "calendar_id": calendar.id,
                    "date_from": start.replace(tzinfo=None),
                    "date_to": end.replace(tzinfo=None),
                }
            )
        )

    def test_leave_moves_open_complaint_only(self):
        load_dutch(self.env)
        self.handler_a.lang = "nl_NL"
        calendar = self.company.resource_calendar_id
        with freeze_time("2026-09-01 10:00:00"):
            open_complaint = self._create_complaint(
                team_id=self.team_a.id, user_id=self.handler_a.id
            )
            closed = self._create_complaint(
                team_id=self.team_a.id, user_id=self.handler_a.id
            )
        closed.write(
            {
                "validity": "unfounded",
                "answer": "<p>Wij hebben uw klacht onderzocht.</p>",
                "stage_id": self.stage_closed.id,
            }
        )
        due = open_complaint.date_answer_due
        self.assertTrue(due)
        self.assertEqual(open_complaint.user_id, self.handler_a)
        self.assertEqual(open_complaint._reader_lang(self.handler_a), "nl_NL")
        self.assertEqual(closed.date_answer_due, due)
        self.assertLess(due.weekday(), 4, "the test needs a working day after it")
        notes_before = len(open_complaint.message_ids)

        self._leave_on(calendar, due, self.coordinator)

        new_due = due + timedelta(days=1)
        self.assertEqual(open_complaint.date_answer_due, new_due)
        self.assertEqual(closed.date_answer_due, due, "closed complaints keep theirs")
        messages = open_complaint.message_ids[
            : len(open_complaint.message_ids) - notes_before
        ]
        self.assertIn(
            f"De antwoordtermijn is verschoven van {due.strftime('%d-%m-%Y')} naar "
            f"{new_due.strftime('%d-%m-%Y')} door een wijziging van de feestdagen.",
            " ".join(messages.mapped("body")),
        )
        self.assertFalse(
            closed.message_ids.filtered(lambda m: "verschoven" in (m.body or ""))
        )

    def test_coordinator_edits_own_calendar_only(self):
        calendar = self.company.resource_calendar_id
        calendar.with_user(self.coordinator).attendance_ids[:1].hour_to = 16.5
        other = self.company_2.resource_calendar_id
        with self.assertRaises(AccessError):
            other.with_user(self.coordinator).attendance_ids[:1].hour_to = 16.5
        with self.assertRaises(AccessError):
            calendar.with_user(self.handler_a).attendance_ids[:1].hour_to = 16.0


@tagged("post_install", "-at_install")
class TestNewCompany(KlachtenbeheerCase):
    @freeze_time("2026-03-02 09:00:00")
    def test_new_company_holidays_and_tz(self):
        company = self.env["res.company"].create({"name": "Gemeente Nieuw"})
        calendar = company.resource_calendar_id
        self.assertEqual(calendar.tz, "Europe/Amsterdam")
        leaves = calendar.global_leave_ids
        kings_day = [
            leave
            for leave in leaves
            if pytz.utc.localize(leave.date_from)
            .astimezone(pytz.timezone(calendar.tz))
            .date()
            == date(2026, 4, 27)
        ]
        self.assertTrue(kings_day, "Koningsdag 2026 is a holiday")
        self.assertIn("Koningsdag", kings_day[0].name)

    def test_numbering_per_company(self):
        existing = self.env["klachtenbeheer.complaint"].search(
            [("name", "=like", "KL/%")], limit=1
        )
        old_name = existing.name
        company = self.env["res.company"].create({"name": "Gemeente Nummer"})
        team = self.env["klachtenbeheer.team"].create(
            {"name": "Team Nummer", "company_id": company.id}
        )
        sequence = company.klachtenbeheer_sequence_id
        self.assertTrue(sequence)
        self.assertNotEqual(sequence, self.company.klachtenbeheer_sequence_id)
        first = self._create_complaint(team_id=team.id, company_id=company.id)
        main = self._create_complaint(team_id=self.team_a.id)
        self.assertTrue(first.name.startswith(f"KL{company.id}/"), first.name)
        self.assertTrue(first.name.endswith("/00001"), first.name)
        self.assertTrue(main.name.startswith("KL/"), main.name)
        if existing:
            self.assertEqual(existing.name, old_name)


@tagged("post_install", "-at_install")
class TestSettingsTour(HttpCase, KlachtenbeheerCase):
    def test_coordinator_sets_alias_domain(self):
        self.company.alias_domain_id = False
        self.team_a.alias_name = "klachten-tour"
        coordinator = self.env.ref(
            "klachtenbeheer.user_coordinator_demo", raise_if_not_found=False
        ) or new_test_user(
            self.env,
            login="coordinator",
            password="demo",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
        )
        self.start_tour(
            "/odoo/action-klachtenbeheer.res_config_settings_action_klachtenbeheer",
            "klachtenbeheer_settings_alias_domain",
            login=coordinator.login,
        )
        self.assertEqual(self.company.alias_domain_id.name, "tour-corporatie.nl")


@tagged("post_install", "-at_install")
class TestLoadHolidaysButton(KlachtenbeheerCase):
    @freeze_time("2026-03-02 09:00:00")
    def test_coordinator_loads_this_and_next_year(self):
        calendar = self.company.resource_calendar_id
        calendar.global_leave_ids.unlink()
        with self.assertRaises(AccessError):
            calendar.with_user(
                self.handler_a
            ).action_klachtenbeheer_load_dutch_holidays()
        calendar.with_user(self.coordinator).action_klachtenbeheer_load_dutch_holidays()
        years = {leave.date_to.year for leave in calendar.global_leave_ids}
        self.assertEqual(years, {2026, 2027})
        self.assertIn("Koningsdag", calendar.global_leave_ids.mapped("name"))
