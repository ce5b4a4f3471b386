# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import csv
import io
import subprocess
import tempfile
import zipfile
from datetime import date
from unittest import skipIf

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import DutchCase, KlachtenbeheerCase, PdfCase, load_dutch
from .report_data import build_report_data

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl ships with Odoo's requirements
    openpyxl = None

# What the register may never show (AVG): the complainant's name, e-mail,
# phone and street, and the name of the employee complained about.
PERSONAL = ("Fatima", "Yilmaz", "f.yilmaz@example.com", "0612345678", "Dorpsstraat")


class ReportDataCase(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_employee.name = "Pieter Jansen"
        cls.data = build_report_data(
            cls.env, cls.team_a, cls.team_b, cls.partner, cls.other_employee
        )

    @classmethod
    def _load_dutch(cls):
        load_dutch(cls.env)


@tagged("post_install", "-at_install")
class TestRegisterExport(ReportDataCase):
    """The register for publication (Awb 9:12a): the right rows, no names."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._load_dutch()

    def _export(self, file_format, user=None, date_from="2019-01-01", to="2019-12-31"):
        env = self.env(user=user or self.coordinator, context={"lang": "nl_NL"})
        wizard_form = Form(env["klachtenbeheer.register.export"])
        wizard_form.date_from = date_from
        wizard_form.date_to = to
        wizard_form.file_format = file_format
        wizard = wizard_form.save()
        action = wizard.action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(wizard.file_name, action["url"])
        return wizard.file_name, base64.b64decode(wizard.file_data)

    def _expected_numbers(self, *keys):
        return [self.data[key].name for key in keys]

    def _assert_no_personal_data(self, text):
        for word in PERSONAL + ("Pieter Jansen", "belde boos", "excuses"):
            self.assertNotIn(word, text)

    def test_defaults_to_last_year(self):
        wizard = self.env(user=self.coordinator)["klachtenbeheer.register.export"]
        # (Frozen: today decides the year.)
        with freeze_time("2026-06-15 10:00:00"):
            wizard = wizard.create({})
        year = 2025
        self.assertEqual(wizard.date_from, date(year, 1, 1))
        self.assertEqual(wizard.date_to, date(year, 12, 31))

    def test_csv_rows_and_no_personal_data(self):
        name, content = self._export("csv")
        self.assertTrue(name.endswith(".csv"))
        text = content.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        self.assertEqual(
            rows[0],
            [
                "Nummer",
                "Ontvangen op",
                "Categorie",
                "Kanaal",
                "Team",
                "Fase",
                "Gegrondheid",
                "Tijdig beantwoord",
                "Beantwoord op",
                "Afgesloten op",
                "Oplossingen",
            ],
        )
        # Ordered by receipt; q3 (1 July local time) is in 2019 as well.
        self.assertEqual(
            [row[0] for row in rows[1:]],
            self._expected_numbers("p1", "a1", "b1", "a2", "a3", "q3"),
        )
        a1 = dict(zip(rows[0], rows[2], strict=True))
        self.assertEqual(a1["Ontvangen op"], "2019-04-07")
        self.assertEqual(a1["Kanaal"], "Telefoon")
        self.assertEqual(a1["Gegrondheid"], "Gegrond")
        self.assertEqual(a1["Tijdig beantwoord"], "Ja")
        self.assertEqual(a1["Afgesloten op"], "2019-04-20")
        self.assertEqual(a1["Team"], "Team A")
        self.assertIn(
            self.env.ref("klachtenbeheer.remedy_apology")
            .with_context(lang="nl_NL")
            .name,
            a1["Oplossingen"],
        )
        a2 = dict(zip(rows[0], rows[4], strict=True))
        self.assertEqual(a2["Tijdig beantwoord"], "Nee")
        self._assert_no_personal_data(text)

    def test_period_boundaries_in_local_time(self):
        # q3 came in on 1 July 00:30 in Amsterdam (30 June in UTC).
        _name, content = self._export("csv", date_from="2019-04-01", to="2019-06-30")
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual(
            [row[0] for row in rows[1:]],
            self._expected_numbers("a1", "b1", "a2", "a3"),
        )
        _name, content = self._export("csv", date_from="2019-07-01", to="2019-07-01")
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
        self.assertEqual([row[0] for row in rows[1:]], self._expected_numbers("q3"))

    @skipIf(not openpyxl, "openpyxl is not installed")
    def test_xlsx_rows_and_no_personal_data(self):
        name, content = self._export("xlsx")
        self.assertTrue(name.endswith(".xlsx"))
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        self.assertEqual(rows[0][:3], ["Nummer", "Ontvangen op", "Categorie"])
        self.assertEqual(
            [row[0] for row in rows[1:]],
            self._expected_numbers("p1", "a1", "b1", "a2", "a3", "q3"),
        )
        text = "\n".join(str(cell) for row in rows for cell in row if cell)
        self._assert_no_personal_data(text)
        # Nor anywhere else in the file (shared strings, document properties).
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for member in archive.namelist():
                self._assert_no_personal_data(archive.read(member).decode("utf-8"))

    def test_other_company_not_exported(self):
        self._create_complaint(
            company_id=self.company_2.id,
            team_id=self.team_2.id,
            date_received="2019-03-03 10:00:00",
        )
        _name, content = self._export("csv")
        self.assertEqual(len(content.decode("utf-8-sig").splitlines()), 7)

    def test_period_must_make_sense(self):
        with self.assertRaises(UserError):
            self._export("csv", date_from="2019-12-31", to="2019-01-01")

    def test_only_coordinators(self):
        for user in (self.handler_a, self.manager_a, self.employee):
            with self.assertRaises(AccessError):
                self.env(user=user)["klachtenbeheer.register.export"].create({})
        wizard = self.env(user=self.coordinator)["klachtenbeheer.register.export"]
        wizard = wizard.create({"date_from": "2019-01-01", "date_to": "2019-12-31"})
        with self.assertRaises(AccessError):
            wizard.with_user(self.handler_a)._get_rows()


@tagged("post_install", "-at_install")
class TestQuarterlyReport(ReportDataCase):
    """The report's figures equal what the ORM counts on the data set."""

    def _values(self, report="quarterly", user=None, **data):
        data = dict({"year": 2019, "quarter": 2, "company_id": self.company.id}, **data)
        Report = self.env(user=user or self.coordinator)[
            f"report.klachtenbeheer.report_{report}"
        ]
        return Report._get_report_values([], data=data)

    def _q2_domain(self, *extra):
        return [
            ("date_received", ">=", "2019-03-31 22:00:00"),
            ("date_received", "<", "2019-06-30 22:00:00"),
            ("company_id", "=", self.company.id),
        ] + list(extra)

    def test_organisation_figures_equal_orm_counts(self):
        values = self._values()
        [section] = values["sections"]
        cur, prev = section["current"], section["previous"]
        count = self.Complaint.search_count
        self.assertEqual(cur["count"], count(self._q2_domain()))
        self.assertEqual(cur["count"], 4)
        self.assertEqual(prev["count"], 1)
        # Acknowledged: a1, a3, b1 on time, a2 late.
        self.assertEqual(
            (cur["acknowledged"], cur["ack_on_time"], cur["ack_rate"]), (4, 3, 75)
        )
        self.assertEqual(
            cur["answered"], count(self._q2_domain(("date_answered", "!=", False)))
        )
        self.assertEqual(
            cur["answered_on_time"],
            count(self._q2_domain(("answer_timeliness", "=", "on_time"))),
        )
        self.assertEqual((cur["answered"], cur["answer_rate"]), (3, 67))
        self.assertEqual(
            cur["founded"], count(self._q2_domain(("validity", "=", "founded")))
        )
        self.assertEqual(
            (cur["founded"], cur["partly_founded"], cur["unfounded"]), (2, 1, 1)
        )
        self.assertEqual(
            (cur["founded_rate"], cur["partly_founded_rate"], cur["unfounded_rate"]),
            (50, 25, 25),
        )
        self.assertEqual(cur["compensation"], 75.0)
        repair = self.category_repair.name
        other = self.env.ref("klachtenbeheer.category_other").name
        self.assertEqual(cur["by_category"], [(repair, 3), (other, 1)])
        self.assertEqual(dict(cur["by_channel"])["Phone"], 2)
        self.assertEqual(
            dict(cur["by_remedy"]),
            {
                self.env.ref("klachtenbeheer.remedy_apology").name: 2,
                self.env.ref("klachtenbeheer.remedy_compensation").name: 1,
            },
        )
        # Repair rose from 0 to 3; "other" stayed at 1.
        self.assertEqual(section["rising"], [(repair, 0, 3)])
        # The same complainant filed a1, a2 and p1 within twelve months.
        self.assertEqual(
            (section["repeat_complainants"], section["repeat_complaints"]), (1, 3)
        )

    def test_no_category_does_not_rise(self):
        Report = self.env["report.klachtenbeheer.report_quarterly"]
        rising = Report._rising_categories(
            {"by_category": [("No category", 5), ("Lekkage", 3)]},
            {"by_category": [("No category", 1), ("Lekkage", 1)]},
        )
        self.assertEqual(rising, [("Lekkage", 1, 3)])

    def test_sections_per_team(self):
        values = self._values(team_ids=(self.team_a | self.team_b).ids)
        sections = {s["title"]: s for s in values["sections"]}
        self.assertEqual(list(sections), ["Team A", "Team B"])
        team_a, team_b = sections["Team A"], sections["Team B"]
        self.assertEqual(team_a["current"]["count"], 3)
        self.assertEqual(team_a["previous"]["count"], 1)
        self.assertEqual(team_b["current"]["count"], 1)
        self.assertEqual(team_b["previous"]["count"], 0)
        self.assertEqual(team_b["current"]["answer_rate"], 100)
        self.assertEqual(team_a["current"]["answer_rate"], 50)
        self.assertEqual(team_a["repeat_complainants"], 1)
        self.assertEqual(team_b["repeat_complainants"], 0)
        self.assertEqual(team_b["rising"], [(self.category_repair.name, 0, 1)])

    def _count_queries(self, **data):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self._values(**data)
        return self.cr.sql_log_count - before

    def test_cost_does_not_grow_with_teams_or_complaints(self):
        teams = (self.team_a | self.team_b).ids
        self._values(team_ids=teams)  # warm the caches
        before = self._count_queries(team_ids=teams)
        for _i in range(5):
            self._create_complaint(
                team_id=self.team_b.id, date_received="2019-05-05 10:00:00"
            )
        after = self._count_queries(team_ids=teams)
        # Caches make the count vary by a few queries between runs; a query
        # per complaint would add at least five.
        self.assertLess(after - before, 5)
        self.assertLessEqual(after, 30)
        # count/terms, answer timeliness, validity, category, channel and
        # remedy for the quarter and the previous one, the repeat
        # complainants, and a few reads of names, company and currency.
        self.assertLessEqual(before, 30)

    def test_annual_overview_per_team(self):
        values = self._values("annual", quarter=None)
        rows = {row["title"]: row for row in values["rows"]}
        self.assertEqual(rows["Team A"]["figures"]["count"], 5)
        self.assertEqual(rows["Team B"]["figures"]["count"], 1)
        self.assertEqual(rows["Team A"]["closed"], 1)
        self.assertEqual(values["total"]["count"], 6)
        self.assertEqual(
            values["total"]["count"],
            self.Complaint.search_count(
                [
                    ("date_received", ">=", "2018-12-31 23:00:00"),
                    ("date_received", "<", "2019-12-31 23:00:00"),
                    ("company_id", "=", self.company.id),
                ]
            ),
        )
        self.assertEqual(values["total_closed"], 1)
        self.assertEqual(rows["Team A"]["figures"]["founded"], 1)
        self.assertEqual(
            dict(rows["Team A"]["figures"]["by_category"])[self.category_repair.name],
            3,
        )

    def test_improvement_actions_when_installed(self):
        """With the improvement actions model (WMD-klachtenbeleid §3.1): the
        actions of the quarter's complaints, the ones created in it and the
        open ones are listed with their status, per team; without it the
        report says so."""
        if "klachtenbeheer.improvement.action" not in self.env:
            values = self._values()
            self.assertFalse(values["has_actions"])
            self.assertIsNone(values["sections"][0]["actions"])
            return
        Action = self.env["klachtenbeheer.improvement.action"]
        linked = Action.create(
            {
                "name": "Werkinstructie lekkages",
                "team_id": self.team_a.id,
                "complaint_ids": [(6, 0, self.data["a1"].ids)],
                "state": "in_progress",
            }
        )
        team_b_action = Action.create(
            {
                "name": "Terugbelafspraken bewaken",
                "team_id": self.team_b.id,
                "complaint_ids": [(6, 0, self.data["b1"].ids)],
            }
        )
        # Created long after the quarter and about none of its complaints.
        later = Action.create({"name": "Website teksten", "team_id": self.team_a.id})
        values = self._values(team_ids=(self.team_a | self.team_b).ids)
        self.assertTrue(values["has_actions"])
        sections = {s["title"]: s for s in values["sections"]}
        self.assertIn(linked, sections["Team A"]["actions"])
        self.assertNotIn(team_b_action, sections["Team A"]["actions"])
        self.assertIn(team_b_action, sections["Team B"]["actions"])
        [section] = self._values()["sections"]
        self.assertIn(linked, section["actions"])
        self.assertIn(team_b_action, section["actions"])
        self.assertNotIn(later, section["actions"])
        annual = {r["title"]: r for r in self._values("annual")["rows"]}
        self.assertIn(linked, annual["Team A"]["actions"])

    def test_only_coordinators(self):
        for user in (self.handler_a, self.manager_a, self.employee):
            with self.assertRaises(AccessError):
                self._values(user=user)
            with self.assertRaises(AccessError):
                self._values("annual", user=user)
            with self.assertRaises(AccessError):
                self.env(user=user)["klachtenbeheer.report.wizard"].create({})

    def test_wizard_prints_both_reports(self):
        wizards = self.env(user=self.coordinator)["klachtenbeheer.report.wizard"]
        wizard_form = Form(wizards)
        wizard_form.year = 2019
        wizard_form.quarter = "2"
        wizard_form.scope = "teams"
        wizard = wizard_form.save()
        action = wizard.action_print_quarterly()
        self.assertEqual(action["report_name"], "klachtenbeheer.report_quarterly")
        self.assertEqual(action["data"]["quarter"], 2)
        # No team chosen: every team of the company.
        self.assertIn(self.team_a.id, action["data"]["team_ids"])
        self.assertNotIn(self.team_2.id, action["data"]["team_ids"])
        action = wizard.action_print_annual()
        self.assertEqual(action["report_name"], "klachtenbeheer.report_annual")

    def test_html_shows_the_numbers(self):
        html, _type = self.env(user=self.coordinator)[
            "ir.actions.report"
        ]._render_qweb_html(
            "klachtenbeheer.action_report_quarterly",
            [],
            data={"year": 2019, "quarter": 2, "company_id": self.company.id},
        )
        html = html.decode()
        self.assertIn("75%", html)
        self.assertIn("67%", html)
        for word in PERSONAL:
            self.assertNotIn(word, html)


def _pdf_text(pdf):
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout


@tagged("post_install", "-at_install")
class TestReportPdf(PdfCase, DutchCase, HttpCase):
    """The reports render to real PDFs with wkhtmltopdf, in Dutch, and the
    numbers can be read back from the PDF's text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["klachtenbeheer.team"]
        cls.team_a = Team.create({"name": "Wonen"})
        cls.team_b = Team.create({"name": "Vastgoed"})
        partner = cls.env["res.partner"].create(
            {"name": "Fatima Yilmaz", "email": "f.yilmaz@example.com"}
        )
        cls.data = build_report_data(cls.env, cls.team_a, cls.team_b, partner)
        cls.coordinator = new_test_user(
            cls.env,
            login="kb_pdf_coordinator",
            groups="base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
        )

    def _render(self, report, data):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        data = dict(data, company_id=self.env.company.id)
        # Debian's wkhtmltopdf warns that its Qt is unpatched: not ours.
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, _type = (
                self.env(user=self.coordinator)["ir.actions.report"]
                .with_context(force_report_rendering=True, lang="nl_NL")
                ._render_qweb_pdf(report, [], data=data)
            )
        self.assertTrue(pdf.startswith(b"%PDF"))
        return _pdf_text(pdf)

    def test_quarterly_pdf(self):
        text = self._render(
            "klachtenbeheer.action_report_quarterly",
            {"year": 2019, "quarter": 2, "team_ids": []},
        )
        self.assertIn("Kwartaalrapportage klachten K2 2019", text)
        # The letterhead is in the page (klachtenbeheer.letter_layout).
        self.assertIn(self.env.company.name, text)
        self.assertRegex(text, r"K2 2019\s+K1 2019")
        self.assertIn("Hele organisatie", text)
        self.assertRegex(text, r"Klachten ontvangen\s+4\s+1")
        self.assertRegex(text, r"Tijdig ontvangst bevestigd\s+75% \(3 / 4\)")
        self.assertRegex(text, r"Tijdig beantwoord\s+67% \(2 / 3\)")
        self.assertRegex(text, r"Gegrond\s+2 \(50%\)")
        self.assertNotIn("Fatima", text)

    def test_quarterly_pdf_per_team(self):
        text = self._render(
            "klachtenbeheer.action_report_quarterly",
            {"year": 2019, "quarter": 2, "team_ids": (self.team_a | self.team_b).ids},
        )
        self.assertIn("Wonen", text)
        self.assertIn("Vastgoed", text)
        self.assertRegex(text, r"Klachten ontvangen\s+3\s+1")
        self.assertRegex(text, r"Klachten ontvangen\s+1\s+0")

    def test_annual_pdf(self):
        text = self._render(
            "klachtenbeheer.action_report_annual", {"year": 2019, "quarter": 1}
        )
        self.assertIn("Jaaroverzicht klachten 2019", text)
        self.assertIn(self.env.company.name, text)
        self.assertRegex(text, r"Wonen\s+5\s+1\s+1\s+1\s+1")
        self.assertRegex(text, r"Totaal\s+6\s+1")
