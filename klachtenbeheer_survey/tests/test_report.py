# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import KlachtenbeheerSurveyCase


@tagged("post_install", "-at_install")
class TestSurveyReport(KlachtenbeheerSurveyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Only the answers of this test count.
        cls.env["survey.user_input"].search([("complaint_id", "!=", False)]).write(
            {"test_entry": True}
        )
        cls.Report = cls.env["klachtenbeheer.survey.report"]
        # Team A: founded 8/7, unfounded 6/2, one not answered.
        # Team B: founded 4/5 (anonymous survey of its own).
        cls.given = []
        for team, user, validity, grades in (
            (cls.team_a, cls.handler_a, "founded", (8, 7)),
            (cls.team_a, cls.handler_a, "unfounded", (6, 2)),
            (cls.team_a, cls.handler_a, "founded", None),
            (cls.team_b, cls.handler_b, "founded", (4, 5)),
        ):
            complaint = cls._create_complaint(
                team_id=team.id, category_id=cls.category_repair.id
            )
            cls._close(complaint, user=user, validity=validity)
            invitation = cls._invitations(complaint)
            if grades:
                cls._answer(invitation, *grades)
            cls.given.append((team, validity, grades))

    def _figures(self, groupby, report=None):
        report = self.Report if report is None else report
        return {
            group: (handling, outcome, rate, count)
            for group, handling, outcome, rate, count in report._read_group(
                [],
                groupby=[groupby],
                aggregates=[
                    "handling_grade:avg",
                    "outcome_grade:avg",
                    "response_rate:avg",
                    "invitation_count:sum",
                ],
            )
        }

    def test_figures_by_team_equal_answers(self):
        figures = self._figures("team_id")
        self.assertEqual(figures[self.team_a], (7.0, 4.5, 200 / 3, 3))
        self.assertEqual(figures[self.team_b], (4.0, 5.0, 100.0, 1))

    def test_figures_by_validity_and_category(self):
        figures = self._figures("validity")
        self.assertEqual(figures["founded"][:2], (6.0, 6.0))
        self.assertEqual(figures["unfounded"][:2], (6.0, 2.0))
        figures = self._figures("category_id")
        self.assertEqual(figures[self.category_repair], (6.0, 14 / 3, 75.0, 4))

    def test_figures_by_quarter(self):
        figures = self._figures("date_closed:quarter")
        self.assertEqual(len(figures), 1)
        self.assertEqual(next(iter(figures.values()))[3], 4)

    def test_trend_has_no_point_without_answers(self):
        """The trend is drawn over the answered surveys only: a quarter (or
        a survey) without an answer has no point, where an average of
        nothing would be drawn as a 0."""
        action = self.env.ref(
            "klachtenbeheer_survey.klachtenbeheer_survey_trend_action"
        )
        groupby = safe_eval(action.context)["graph_groupbys"]
        everything = self.Report._read_group([], groupby, ["handling_grade:avg"])
        # (An average of nothing reads False.)
        self.assertIn(False, [grade for _quarter, grade in everything])
        trend = self.Report._read_group(
            safe_eval(action.domain), groupby, ["handling_grade:avg"]
        )
        self.assertEqual([grade for _quarter, grade in trend], [6.0])

    def test_read_right_after_an_answer(self):
        """The report reads answers given in the same transaction (its
        _depends flush them first)."""
        complaint = self._create_complaint(team_id=self.team_b.id)
        self._close(complaint, user=self.handler_b, validity="founded")
        self._answer(self._invitations(complaint), 9, 9)
        row = self.Report.search([("complaint_id", "=", complaint.id)])
        self.assertEqual(row.handling_grade, 9.0)

    def test_handler_sees_own_teams_only(self):
        report = self.Report.with_user(self.handler_b)
        self.assertEqual(report.search([]).team_id, self.team_b)
        figures = self._figures("team_id", report=report)
        self.assertEqual(list(figures), [self.team_b])
        self.assertEqual(len(self.Report.with_user(self.coordinator).search([])), 4)

    def test_anonymising_keeps_the_figures_and_drops_the_person(self):
        """AVG art. 5(1)(e): the survey report gives the same figures after
        the retention; who answered and what they typed are gone."""
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._close(complaint, user=self.handler_a)
        self._answer(
            self._invitations(complaint),
            9,
            8,
            good="Mevrouw De Wit van de balie was vriendelijk",
            callback=True,
            phone="0612345678",
        )
        # (The report is a view over the answers: they must be in the
        # database first.)
        self.env.flush_all()
        before = {
            groupby: self._figures(groupby)
            for groupby in ("team_id", "validity", "category_id")
        }
        answered = self.Complaint.search(
            [("survey_state", "=", "done"), ("is_closed", "=", True)]
        )
        answered._anonymise("retention")
        self.env.invalidate_all()
        self.assertEqual(
            {
                groupby: self._figures(groupby)
                for groupby in ("team_id", "validity", "category_id")
            },
            before,
        )
        self.env.flush_all()
        self.env.cr.execute(
            """
            SELECT i.email, i.partner_id, i.complaint_callback_phone,
                   l.value_char_box, l.value_text_box
              FROM survey_user_input i
              LEFT JOIN survey_user_input_line l ON l.user_input_id = i.id
             WHERE i.complaint_id = %s
            """,
            [complaint.id],
        )
        rows = self.env.cr.fetchall()
        self.assertTrue(rows)
        self.assertEqual({row for row in rows}, {(None,) * 5})
        self.assertEqual(complaint.survey_handling_grade, 9)

    def test_access_export_holds_the_survey_answers(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        self._close(complaint, user=self.handler_a)
        self._answer(self._invitations(complaint), 7, 6, better="Sneller terugbellen")
        extra = complaint._privacy_export_extra()
        [answers] = extra["tevredenheidsonderzoek"]
        self.assertIn(
            "Sneller terugbellen", [line["antwoord"] for line in answers["antwoorden"]]
        )
