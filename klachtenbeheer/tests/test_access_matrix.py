# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix of every model of the addons, generated from the
registry: a new model fails this test until its row is written here, so its
access is decided on purpose, not inherited by accident."""

from odoo.tests import new_test_user, tagged

from .common import KlachtenbeheerCase

ROLES = {
    "employee": "base.group_user",
    "handler": "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
    "coordinator": "base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
    "board": "base.group_user,klachtenbeheer.group_klachtenbeheer_board",
    "portal": "base.group_portal",
    "public": "base.group_public",
}
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))

# Model-level rights per role: r(ead), w(rite), c(reate), u(nlink). What each
# role sees of the rows is the record rules' (see test_access, test_rules).
ACCESS_MATRIX = {
    "klachtenbeheer.category": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.complaint": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "rwc",
        "portal": "r",
        "public": "",
    },
    "klachtenbeheer.complaint.extension": {
        "employee": "r",
        "handler": "rc",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.complaint.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.criminal.suspicion.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.employee.repeat.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.escalation": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.extension.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.hearing": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.improvement.action": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.mail.failure": {
        "employee": "",
        "handler": "",
        "coordinator": "rw",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.outside.procedure.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.address": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.category": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.complainant": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.procedure.ground": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.quick.register": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.register.export": {
        "employee": "",
        "handler": "",
        "coordinator": "rwc",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.remedy": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.report.wizard": {
        "employee": "",
        "handler": "",
        "coordinator": "rwc",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.stage": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.survey.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.tag": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.team": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.term.profile": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.triage.wizard": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.web.submission": {
        "employee": "",
        "handler": "",
        "coordinator": "ru",
        "board": "",
        "portal": "",
        "public": "",
    },
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            role: new_test_user(cls.env, login=f"kb_matrix_{role}", groups=groups)
            for role, groups in ROLES.items()
        }

    def _models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("klachtenbeheer.") and not model._abstract
        )

    def test_every_model_has_its_row(self):
        missing = [name for name in self._models() if name not in ACCESS_MATRIX]
        self.assertFalse(
            missing, f"new models without a row in ACCESS_MATRIX: {missing}"
        )
        gone = [name for name in ACCESS_MATRIX if name not in self.env.registry]
        self.assertFalse(gone, f"rows of models that no longer exist: {gone}")

    def test_rights_per_role(self):
        Access = self.env["ir.model.access"]
        for name in self._models():
            for role, user in self.role_users.items():
                with self.subTest(model=name, role=role):
                    actual = "".join(
                        letter
                        for letter, operation in OPERATIONS
                        if Access.with_user(user).check(
                            name, operation, raise_exception=False
                        )
                    )
                    self.assertEqual(actual, ACCESS_MATRIX[name][role])
