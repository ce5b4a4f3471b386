# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestPolicyRouting(KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.4: policy not followed, or the complainant
    disagrees with it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_mt = cls.env.ref("klachtenbeheer.mail_activity_type_mt_agenda")
        cls.type_decide = cls.env.ref(
            "klachtenbeheer.mail_activity_type_manager_decision"
        )

    def _activities(self, complaint, activity_type):
        return complaint.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_not_followed_suggests_apology_and_compensation(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        form = Form(complaint.with_user(self.handler_a))
        form.policy_kind = "not_followed"
        self.assertIn("apologise", form.policy_guidance)
        form.save()
        self.assertIn(
            self.env.ref("klachtenbeheer.remedy_apology"), complaint.remedy_ids
        )
        self.assertIn(
            self.env.ref("klachtenbeheer.remedy_compensation"), complaint.remedy_ids
        )
        self.assertFalse(complaint.mt_agenda)
        # Only a suggestion: the handler removes what does not apply.
        form = Form(complaint.with_user(self.handler_a))
        form.remedy_ids.remove(id=self.env.ref("klachtenbeheer.remedy_compensation").id)
        form.save()
        self.assertEqual(
            complaint.remedy_ids, self.env.ref("klachtenbeheer.remedy_apology")
        )

    def test_policy_wrong_goes_to_management_team(self):
        for judgement in ("wrong", "missing"):
            complaint = self._create_complaint(team_id=self.team_a.id)
            form = Form(complaint.with_user(self.handler_a))
            form.policy_kind = "disagrees"
            form.policy_judgement = judgement
            self.assertIn("management team", form.policy_guidance)
            form.save()
            self.assertTrue(complaint.mt_agenda)
            activity = self._activities(complaint, self.type_mt)
            self.assertEqual(activity.user_id, self.manager_a)
            # Saving again does not add a second task.
            complaint.with_user(self.handler_a).policy_judgement = "missing"
            self.assertEqual(len(self._activities(complaint, self.type_mt)), 1)
        self.assertIn(
            complaint,
            self.Complaint.with_user(self.coordinator).search(
                [("mt_agenda", "=", True)]
            ),
        )

    def test_policy_wrong_in_this_case_manager_decides(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        form = Form(complaint.with_user(self.handler_a))
        form.policy_kind = "disagrees"
        form.policy_judgement = "wrong_case"
        self.assertIn("manager decides", form.policy_guidance)
        form.save()
        self.assertFalse(complaint.mt_agenda)
        self.assertEqual(
            self._activities(complaint, self.type_decide).user_id, self.manager_a
        )
        self.assertFalse(self._activities(complaint, self.type_mt))

    def test_policy_right_explain(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        form = Form(complaint.with_user(self.handler_a))
        form.policy_kind = "disagrees"
        self.assertIn("Discuss the complaint with colleagues", form.policy_guidance)
        form.policy_judgement = "right"
        self.assertIn("explain", form.policy_guidance)
        form.save()
        self.assertFalse(complaint.mt_agenda)
        self.assertFalse(self._activities(complaint, self.type_mt | self.type_decide))

    def test_judgement_needs_disagreement(self):
        complaint = self._create_complaint(team_id=self.team_a.id)
        with self.assertRaisesRegex(ValidationError, "only applies when"):
            complaint.write(
                {"policy_kind": "not_followed", "policy_judgement": "wrong"}
            )
        # Switching the kind in the form clears the judgement.
        complaint.write({"policy_kind": "disagrees", "policy_judgement": "right"})
        form = Form(complaint.with_user(self.handler_a))
        form.policy_kind = "not_followed"
        self.assertFalse(form.policy_judgement)
        form.save()
