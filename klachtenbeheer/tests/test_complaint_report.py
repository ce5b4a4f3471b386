# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestComplaintReport(KlachtenbeheerCase):
    """The analysis view counts what the complaints say, per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The complaints below came in from April to September 2026: the
        # clock stands after them (a date received may not lie ahead).
        cls.startClassPatcher(freeze_time("2026-10-15 10:00:00"))
        cls.Report = cls.env["klachtenbeheer.complaint.report"]
        Category = cls.env["klachtenbeheer.category"]
        cls.cat_noise = Category.create({"name": "Rapport: geluid"})
        cls.cat_bill = Category.create({"name": "Rapport: rekening"})
        # (received, team, category, channel, answered, validity)
        data = [
            (
                "2026-04-14 09:00:00",
                cls.team_a,
                cls.cat_noise,
                "phone",
                "2026-04-15 10:00:00",
                "founded",
            ),
            (
                "2026-05-04 09:00:00",
                cls.team_a,
                cls.cat_noise,
                "email",
                "2026-06-30 10:00:00",
                "unfounded",
            ),
            ("2026-05-20 09:00:00", cls.team_b, cls.cat_bill, "letter", False, False),
            (
                "2026-07-06 09:00:00",
                cls.team_a,
                cls.cat_bill,
                "phone",
                "2026-07-08 12:00:00",
                "partly_founded",
            ),
            (
                "2026-08-10 09:00:00",
                cls.team_b,
                cls.cat_noise,
                "email",
                "2026-08-11 12:00:00",
                "undetermined",
            ),
            ("2026-09-01 09:00:00", cls.team_b, cls.cat_noise, "phone", False, False),
        ]
        cls.complaints = cls.Complaint.browse()
        for received, team, category, channel, answered, validity in data:
            complaint = cls._create_complaint(
                team_id=team.id,
                category_id=category.id,
                channel=channel,
                date_received=received,
            )
            if answered:
                complaint.write({"date_answered": answered, "validity": validity})
            cls.complaints |= complaint
        cls.env.flush_all()
        cls.domain = [("complaint_id", "in", cls.complaints.ids)]

    def test_analyses_open_on_the_number_of_complaints(self):
        """The pivots open on a measure that has values from the first
        complaint on: the number (the on-time rate is empty until complaints
        are answered)."""
        arch = etree.fromstring(
            self.Complaint.with_user(self.coordinator).get_view(view_type="pivot")[
                "arch"
            ]
        )
        self.assertEqual(arch.get("display_quantity"), "1")
        arch = etree.fromstring(
            self.Report.with_user(self.coordinator).get_view(view_type="pivot")["arch"]
        )
        measures = arch.xpath("//field[@type='measure']/@name")
        self.assertEqual(measures[0], "complaint_count")

    def test_reads_what_was_just_written(self):
        """A change made in the same transaction shows in the analysis (its
        _depends flush the complaint first)."""
        complaint = self.complaints[2]
        complaint.write({"team_id": self.team_a.id})
        row = self.Report.search([("complaint_id", "=", complaint.id)])
        self.assertEqual(row.team_id, self.team_a)

    def test_handling_days_in_working_days(self):
        # Tuesday 14 April: answered on Wednesday, 1 working day.
        self.assertEqual(self.complaints[0].handling_days, 1)
        # Monday 4 May to Tuesday 30 June 2026: 8 weeks + 1 day = 41
        # working days, minus Bevrijdingsdag (5 May, 2025 was the lustrum:
        # not a holiday in 2026), Hemelvaart (14 May) and Pinkstermaandag
        # (25 May): 39.
        self.assertEqual(self.complaints[1].handling_days, 39)
        self.assertEqual(self.complaints[2].handling_days, 0, "open: no time yet")
        self.assertEqual(
            self.complaints[3].date_received_quarter.isoformat(), "2026-07-01"
        )
        self.assertEqual(
            self.complaints[3].date_received_month.isoformat(), "2026-07-01"
        )

    def test_figures_equal_the_complaints(self):
        by_report = {
            (quarter, team): count
            for quarter, team, count in self.Report._read_group(
                self.domain,
                ["date_quarter:quarter", "team_id"],
                ["complaint_count:sum"],
            )
        }
        by_orm = {
            (quarter, team): count
            for quarter, team, count in self.Complaint._read_group(
                [("id", "in", self.complaints.ids)],
                ["date_received_quarter:quarter", "team_id"],
                ["__count"],
            )
        }
        self.assertEqual(by_report, by_orm)
        self.assertEqual(sum(by_report.values()), 6)
        by_category = dict(
            self.Report._read_group(
                self.domain, ["category_id"], ["complaint_count:sum"]
            )
        )
        self.assertEqual(by_category, {self.cat_noise: 4, self.cat_bill: 2})
        by_channel = dict(
            self.Report._read_group(self.domain, ["channel"], ["complaint_count:sum"])
        )
        self.assertEqual(by_channel, {"phone": 3, "email": 2, "letter": 1})

        [(answered, on_time, on_time_rate, founded_rate, days)] = (
            self.Report._read_group(
                self.domain,
                [],
                [
                    "answered_count:sum",
                    "on_time_count:sum",
                    "on_time_rate:avg",
                    "founded_rate:avg",
                    "handling_days:avg",
                ],
            )
        )
        answered_complaints = self.complaints.filtered("date_answered")
        self.assertEqual(answered, len(answered_complaints))
        on_time_orm = answered_complaints.filtered(
            lambda c: c.answer_timeliness == "on_time"
        )
        self.assertEqual(on_time, len(on_time_orm))
        [(orm_rate,)] = self.Complaint._read_group(
            [("id", "in", self.complaints.ids)], [], ["answer_on_time_rate:avg"]
        )
        self.assertAlmostEqual(on_time_rate, orm_rate)
        # Judged: founded, unfounded, partly founded (undetermined does not
        # count): 2 of 3.
        self.assertAlmostEqual(founded_rate, 200 / 3)
        self.assertAlmostEqual(
            days,
            sum(answered_complaints.mapped("handling_days")) / len(answered_complaints),
        )

    def test_handler_sees_own_teams(self):
        rows = self.Report.with_user(self.handler_a).search(self.domain)
        self.assertEqual(rows.team_id, self.team_a)
        self.assertEqual(len(rows), 3)
        groups = self.Report.with_user(self.handler_a)._read_group(
            self.domain, ["team_id"], ["complaint_count:sum"]
        )
        self.assertEqual(groups, [(self.team_a, 3)])
        rows_b = self.Report.with_user(self.handler_b).search(self.domain)
        self.assertEqual(rows_b.team_id, self.team_b)

    def test_coordinator_sees_all(self):
        rows = self.Report.with_user(self.coordinator).search(self.domain)
        self.assertEqual(len(rows), 6)
        self.assertFalse(self.Report.with_user(self.coordinator_2).search(self.domain))

    def test_employee_has_no_analysis(self):
        with self.assertRaises(AccessError):
            self.Report.with_user(self.employee).search(self.domain)

    def test_archived_complaints_do_not_count(self):
        self.complaints[0].active = False
        self.env.flush_all()
        self.assertEqual(self.Report.search_count(self.domain), 5)

    def test_triaged_reports_do_not_count(self):
        # WMD-klachtenbeleid §1.2: a repair request is no complaint; it leaves
        # the figures but stays countable on the complaint model itself.
        self.complaints[1].write(
            {"kind": "repair_request", "redirect_note": "Doorgezet naar reparaties."}
        )
        self.env.flush_all()
        self.assertEqual(self.Report.search_count(self.domain), 5)
        self.assertEqual(
            self.Complaint.search_count(
                [("id", "in", self.complaints.ids), ("kind", "=", "repair_request")]
            ),
            1,
        )


@tagged("post_install", "-at_install")
class TestComplaintPatterns(KlachtenbeheerCase):
    """Rising categories, repeat complainants and hot addresses are found."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["klachtenbeheer.category"]
        cls.cat_rising = Category.create({"name": "Patroon: stijgend"})
        cls.cat_falling = Category.create({"name": "Patroon: dalend"})
        cls.repeat = cls.env["res.partner"].create({"name": "Herhaal Klager"})
        # The window of the patterns ends today (PostgreSQL's NOW()), so the
        # dates follow today's quarter; the clock is frozen in the middle of
        # it, so that "the 2nd of this quarter" is never in the future (on
        # the first day of a quarter it was).
        today = datetime.now()
        first_month = 3 * ((today.month - 1) // 3) + 1
        now = datetime(today.year, first_month + 1, 15, 12)
        cls.startClassPatcher(freeze_time(now))
        this_quarter = datetime(now.year, first_month, 2, 9)
        previous = (
            datetime(now.year, first_month - 3, 2, 9)
            if first_month > 1
            else datetime(now.year - 1, 10, 2, 9)
        )
        for when, category in [
            (previous, cls.cat_rising),
            (this_quarter, cls.cat_rising),
            (this_quarter, cls.cat_rising),
            (this_quarter, cls.cat_rising),
            (previous, cls.cat_falling),
            (previous, cls.cat_falling),
            (this_quarter, cls.cat_falling),
        ]:
            cls._create_complaint(
                category_id=category.id,
                date_received=when,
                partner_id=cls.repeat.id,
            )
        cls.this_quarter = this_quarter.date()
        # Three neighbours, one address typed three ways.
        for name, street, zip_code in [
            ("Buur Een", "Kerkstraat 7", "1234 AB"),
            ("Buur Twee", "kerkstraat  7", "1234ab"),
            ("Buur Drie", " Kerkstraat 7", "1234 ab"),
        ]:
            cls._create_complaint(
                partner_id=cls.env["res.partner"]
                .create({"name": name, "street": street, "zip": zip_code})
                .id,
            )
        cls.env.flush_all()

    def test_rising_category(self):
        Pattern = self.env["klachtenbeheer.pattern.category"].with_user(
            self.coordinator
        )
        rows = Pattern.search(
            [
                ("category_id", "in", (self.cat_rising | self.cat_falling).ids),
                ("date_quarter", "=", self.this_quarter.replace(day=1)),
            ]
        )
        rising = rows.filtered(lambda r: r.category_id == self.cat_rising)
        self.assertEqual(
            (rising.previous_count, rising.complaint_count, rising.increase),
            (1, 3, 2),
        )
        self.assertTrue(rising.is_rising)
        self.assertEqual(rising.growth, 200.0)
        falling = rows - rising
        self.assertFalse(falling.is_rising)
        self.assertEqual(falling.increase, -1)
        found = Pattern.search([("is_rising", "=", True)])
        self.assertIn(rising, found)
        self.assertNotIn(falling, found)
        action = rising.action_view_complaints()
        self.assertEqual(self.Complaint.search_count(action["domain"]), 3)

    def test_repeat_complainant(self):
        Pattern = self.env["klachtenbeheer.pattern.complainant"].with_user(
            self.coordinator
        )
        row = Pattern.search(
            [("partner_id", "=", self.repeat.id), ("complaint_count", ">=", 3)]
        )
        self.assertEqual(row.complaint_count, 7)
        self.assertEqual(row.category_count, 2)
        action = row.action_view_complaints()
        self.assertEqual(self.Complaint.search_count(action["domain"]), 7)

    def test_hot_address(self):
        Pattern = self.env["klachtenbeheer.pattern.address"].with_user(self.coordinator)
        row = Pattern.search([("address_key", "=", "kerkstraat 7|1234AB")])
        self.assertEqual(row.complaint_count, 3)
        self.assertEqual(row.complainant_count, 3)
        action = row.action_view_complaints()
        complaints = self.Complaint.search(action["domain"])
        self.assertEqual(len(complaints), 3)
        self.assertEqual(
            set(complaints.mapped("zip")), {"1234 AB", "1234ab", "1234 ab"}
        )

    def test_patterns_for_coordinators_only(self):
        for model in (
            "klachtenbeheer.pattern.category",
            "klachtenbeheer.pattern.complainant",
            "klachtenbeheer.pattern.address",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.handler_a).search([])
            self.assertFalse(
                self.env[model]
                .with_user(self.coordinator_2)
                .search([("company_id", "=", self.company.id)])
            )


@tagged("post_install", "-at_install")
class TestAnalysisColumnsOnUpgrade(KlachtenbeheerCase):
    """Installing on an existing register fills the new columns in SQL."""

    @freeze_time("2026-10-15 10:00:00")
    def test_fill_existing_register(self):
        # Periods are those of the company's working-time calendar's zone.
        self.company.resource_calendar_id.tz = "Europe/Amsterdam"
        answered = self._create_complaint(
            team_id=self.team_a.id, date_received="2026-04-14 09:00:00"
        )
        answered.date_answered = "2026-04-20 10:00:00"
        open_one = self._create_complaint(date_received="2026-03-31 22:30:00")
        self.env.flush_all()
        expected = [
            (c.date_received_month, c.date_received_quarter, c.handling_days)
            for c in answered | open_one
        ]
        self.assertEqual(expected[0][2], 4)
        # 31 March 22:30 UTC is 1 April in Amsterdam: the second quarter.
        self.assertEqual(expected[1][1].isoformat(), "2026-04-01")
        # As before the upgrade: the columns do not exist yet (the views on
        # them go with them; rolled back with the test).
        self.env.cr.execute(
            "ALTER TABLE klachtenbeheer_complaint DROP COLUMN handling_days CASCADE, "
            "DROP COLUMN date_received_month CASCADE, "
            "DROP COLUMN date_received_quarter CASCADE"
        )
        self.env.invalidate_all()
        Model = type(self.Complaint)
        computed = []
        original = Model._compute_handling_days

        def compute_handling_days(records):
            computed.append(records)
            return original(records)

        with (
            patch.object(Model, "_compute_date_received_periods") as periods,
            patch.object(Model, "_compute_handling_days", compute_handling_days),
        ):
            # What module loading does on an upgrade.
            self.registry.init_models(
                self.env.cr,
                ["klachtenbeheer.complaint", "klachtenbeheer.complaint.report"],
                {"module": "klachtenbeheer"},
            )
            self.env.flush_all()
        # The periods came from SQL; only the answered complaint needed the
        # calendar (demo complaints of the database may be there too).
        periods.assert_not_called()
        handled = self.Complaint.union(*computed)
        self.assertIn(answered, handled)
        self.assertNotIn(open_one, handled)
        self.env.invalidate_all()
        self.assertEqual(
            [
                (c.date_received_month, c.date_received_quarter, c.handling_days)
                for c in answered | open_one
            ],
            expected,
        )


@tagged("post_install", "-at_install")
class TestReportProcedureColumns(KlachtenbeheerCase):
    """Repeat rate, outside the procedure by ground and the MT agenda."""

    def test_repeat_rate_and_grounds(self):
        first = self._create_complaint(team_id=self.team_a.id)
        repeat = self._create_complaint(
            team_id=self.team_a.id, repeat_of_ids=[(6, 0, first.ids)]
        )
        ground = self.env.ref("klachtenbeheer.procedure_ground_rent")
        outside = self._create_complaint(team_id=self.team_a.id)
        outside.outside_procedure_ground_id = ground
        outside.mt_agenda = True
        self.env.flush_all()
        self.assertTrue(repeat.is_repeat)
        domain = [("complaint_id", "in", (first | repeat | outside).ids)]
        Report = self.env["klachtenbeheer.complaint.report"]
        [(rate, count)] = Report._read_group(
            domain, [], ["repeat_rate:avg", "complaint_count:sum"]
        )
        self.assertEqual(count, 3)
        self.assertAlmostEqual(rate, 100 / 3)
        by_ground = dict(
            Report._read_group(
                domain, ["outside_procedure_ground_id"], ["complaint_count:sum"]
            )
        )
        self.assertEqual(by_ground[ground], 1)
        self.assertEqual(
            Report.search(domain + [("mt_agenda", "=", True)]).complaint_id, outside
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "klachtenbeheer.klachtenbeheer_complaint_action_mt_agenda"
        )
        on_agenda = self.Complaint.with_user(self.coordinator).search(
            safe_eval(action["domain"])
        )
        self.assertIn(outside, on_agenda)
        self.assertNotIn(first, on_agenda)
