# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KlachtenbeheerSurveyCase


@tagged("post_install", "-at_install")
class TestComplaintReportGrades(KlachtenbeheerSurveyCase):
    """The complaint analysis of the core shows the named grades."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaints = cls.env["klachtenbeheer.complaint"]
        for team, user, grades in (
            (cls.team_a, cls.handler_a, (8, 7)),
            (cls.team_a, cls.handler_a, (6, 2)),
            (cls.team_a, cls.handler_a, None),
            (cls.team_b, cls.handler_b, (4, 5)),
        ):
            complaint = cls._create_complaint(
                team_id=team.id, category_id=cls.category_repair.id
            )
            cls._close(complaint, user=user, validity="founded")
            if grades:
                cls._answer(cls._invitations(complaint), *grades)
            cls.complaints |= complaint
        cls.env.flush_all()

    def test_grades_per_team(self):
        figures = {
            team: (handling, outcome, answered, count)
            for team, handling, outcome, answered, count in self.env[
                "klachtenbeheer.complaint.report"
            ]._read_group(
                [("complaint_id", "in", self.complaints.ids)],
                ["team_id"],
                [
                    "survey_handling_grade:avg",
                    "survey_outcome_grade:avg",
                    "survey_answered_count:sum",
                    "complaint_count:sum",
                ],
            )
        }
        self.assertEqual(figures[self.team_a], (7.0, 4.5, 2, 3))
        self.assertEqual(figures[self.team_b], (4.0, 5.0, 1, 1))

    def test_anonymous_grades_stay_out(self):
        """Anonymous answers are not on the complaint, so not in this view
        (the satisfaction analysis counts them)."""
        survey = self.team_b._get_satisfaction_survey()
        survey.complaint_anonymous = True
        complaint = self._create_complaint(team_id=self.team_b.id)
        self._close(complaint, user=self.handler_b, validity="founded")
        self._answer(self._invitations(complaint), 2, 2)
        self.env.flush_all()
        [(handling, count)] = self.env["klachtenbeheer.complaint.report"]._read_group(
            [("complaint_id", "=", complaint.id)],
            [],
            ["survey_handling_grade:avg", "complaint_count:sum"],
        )
        self.assertFalse(handling)
        self.assertEqual(count, 1)
