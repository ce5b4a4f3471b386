# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The access matrix of every model of the addons, generated from the
registry: a new model fails this test until its row is written here, so its
access is decided on purpose, not inherited by accident."""

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import KlachtenbeheerCase

ROLES = {
    "employee": "base.group_user",
    "handler": "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
    "coordinator": "base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
    "board": "base.group_user,klachtenbeheer.group_klachtenbeheer_board",
    "jurist": "base.group_user,klachtenbeheer.group_klachtenbeheer_jurist",
    "privacy": "base.group_user,klachtenbeheer.group_klachtenbeheer_privacy_officer",
    "portal": "base.group_portal",
    "public": "base.group_public",
}
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))

# Model-level rights per role: r(ead), w(rite), c(reate), u(nlink). What each
# role sees of the rows is the record rules' (see test_access, test_rules).
ACCESS_MATRIX = {
    "klachtenbeheer.assign.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.category": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.complaint": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "rwc",
        "jurist": "rwc",
        "privacy": "rwc",
        "portal": "r",
        "public": "",
    },
    # The parts of a complaint: as the complaint itself (its record rules
    # decide which complaints' parts).
    "klachtenbeheer.complaint.element": {
        "employee": "rwcu",
        "handler": "rwcu",
        "coordinator": "rwcu",
        "board": "rwcu",
        "jurist": "rwcu",
        "privacy": "rwcu",
        "portal": "",
        "public": "",
    },
    # Suggestions learned from the register: read with their complaint
    # (its record rules decide), made and removed by the system.
    "klachtenbeheer.complaint.suggestion": {
        "employee": "r",
        "handler": "r",
        "coordinator": "r",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.complaint.extension": {
        "employee": "r",
        "handler": "rc",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.complaint.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.criminal.suspicion.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.employee.repeat.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.escalation": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.extension.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.hearing": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "rwc",
        "jurist": "rwc",
        "privacy": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.improvement.action": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.mail.failure": {
        "employee": "",
        "handler": "",
        "coordinator": "rw",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.outside.procedure.wizard": {
        "employee": "",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.address": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.category": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.pattern.complainant": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.privacy.request": {
        "employee": "",
        "handler": "",
        "coordinator": "",
        "board": "",
        "jurist": "",
        "privacy": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.procedure.ground": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.quick.register": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "jurist": "rwc",
        "privacy": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.register.export": {
        "employee": "",
        "handler": "",
        "coordinator": "rwc",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.remedy": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.report.wizard": {
        "employee": "",
        "handler": "",
        "coordinator": "rwc",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.stage": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.survey.report": {
        "employee": "",
        "handler": "r",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.tag": {
        "employee": "r",
        "handler": "rwc",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    # The word counts of the suggestions: the company's coordinators read
    # them; learning and forgetting write them as the system.
    "klachtenbeheer.suggestion.count": {
        "employee": "",
        "handler": "",
        "coordinator": "r",
        "board": "",
        "jurist": "",
        "privacy": "",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.team": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.term.profile": {
        "employee": "r",
        "handler": "r",
        "coordinator": "rwcu",
        "board": "r",
        "jurist": "r",
        "privacy": "r",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.triage.wizard": {
        "employee": "rwc",
        "handler": "rwc",
        "coordinator": "rwc",
        "board": "rwc",
        "jurist": "rwc",
        "privacy": "rwc",
        "portal": "",
        "public": "",
    },
    "klachtenbeheer.web.submission": {
        "employee": "",
        "handler": "",
        "coordinator": "ru",
        "board": "",
        "jurist": "",
        "privacy": "",
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


# Models that are shared by all companies on purpose: the procedure's
# vocabulary (stages, categories, tags, remedies) and the public form's
# throttle log. Every other model carries a company.
SHARED_MODELS = {
    "klachtenbeheer.category",
    "klachtenbeheer.remedy",
    "klachtenbeheer.stage",
    "klachtenbeheer.tag",
    "klachtenbeheer.web.submission",
}
# Reports whose rows the functional half cannot make without another addon's
# data or a pattern threshold; their company rule is checked structurally.
STRUCTURAL_ONLY = {
    "klachtenbeheer.pattern.address",
    "klachtenbeheer.pattern.category",
    "klachtenbeheer.pattern.complainant",
    "klachtenbeheer.survey.report",
}


@tagged("post_install", "-at_install")
class TestAccessMatrixTwoCompanies(KlachtenbeheerCase):
    """The other half of the matrix: what belongs to another company is out
    of reach for every role of this one, by a global rule on every model."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        concerned = new_test_user(
            env,
            login="kb_matrix2_concerned",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )
        complaint = cls._create_complaint(
            company_id=cls.company_2.id, team_id=cls.team_2.id
        )
        repeat = cls._create_complaint(
            company_id=cls.company_2.id,
            team_id=cls.team_2.id,
            repeat_of_ids=[(6, 0, complaint.ids)],
            repeat_reason="employee_again",
            user_concerned_id=concerned.id,
        )
        cls.records_2 = {
            "klachtenbeheer.complaint": complaint | repeat,
            "klachtenbeheer.team": cls.team_2,
            "klachtenbeheer.complaint.extension": env[
                "klachtenbeheer.complaint.extension"
            ].create({"complaint_id": complaint.id, "weeks": 2, "reason": "Onderzoek"}),
            "klachtenbeheer.complaint.element": env[
                "klachtenbeheer.complaint.element"
            ].create({"complaint_id": complaint.id, "name": "Onderdeel"}),
            "klachtenbeheer.escalation": env["klachtenbeheer.escalation"].create(
                {"complaint_id": complaint.id}
            ),
            "klachtenbeheer.complaint.suggestion": env[
                "klachtenbeheer.complaint.suggestion"
            ].create(
                {
                    "complaint_id": complaint.id,
                    "target": "preference",
                    "value": "hearing",
                    "confidence": 0.9,
                    "words": "hoorzitting",
                }
            ),
            "klachtenbeheer.suggestion.count": env[
                "klachtenbeheer.suggestion.count"
            ].create(
                {
                    "company_id": cls.company_2.id,
                    "feature": "hoorzit",
                    "counts": {"preference:hearing": 1},
                }
            ),
            "klachtenbeheer.hearing": env["klachtenbeheer.hearing"].create(
                {"complaint_id": complaint.id, "date": "2026-11-20 10:00:00"}
            ),
            "klachtenbeheer.improvement.action": env[
                "klachtenbeheer.improvement.action"
            ].create({"name": "Verbeteren", "company_id": cls.company_2.id}),
            "klachtenbeheer.mail.failure": env["klachtenbeheer.mail.failure"].create(
                {"reason": "error", "subject": "Kapot", "company_id": cls.company_2.id}
            ),
            "klachtenbeheer.procedure.ground": env[
                "klachtenbeheer.procedure.ground"
            ].create({"name": "Bezwaar", "company_id": cls.company_2.id}),
            "klachtenbeheer.privacy.request": env[
                "klachtenbeheer.privacy.request"
            ].create(
                {
                    "kind": "access",
                    "partner_id": cls.partner.id,
                    "company_id": cls.company_2.id,
                }
            ),
            "klachtenbeheer.term.profile": env["klachtenbeheer.term.profile"].create(
                {"name": "Tweede", "company_id": cls.company_2.id}
            ),
        }
        env.flush_all()
        for report in (
            "klachtenbeheer.complaint.report",
            "klachtenbeheer.employee.repeat.report",
        ):
            cls.records_2[report] = env[report].search(
                [("company_id", "=", cls.company_2.id)]
            )
        cls.readers_2 = {
            "klachtenbeheer.privacy.request": new_test_user(
                env,
                login="kb_matrix2_privacy_2",
                groups="base.group_user,"
                "klachtenbeheer.group_klachtenbeheer_privacy_officer",
                company_id=cls.company_2.id,
                company_ids=[(6, 0, cls.company_2.ids)],
            )
        }
        cls.role_users = {
            role: new_test_user(
                cls.env,
                login=f"kb_matrix2_{role}",
                groups=groups,
                company_id=cls.company.id,
                company_ids=[(6, 0, cls.company.ids)],
            )
            for role, groups in ROLES.items()
            if role not in ("portal", "public")
        }

    def _company_models(self):
        return sorted(
            name
            for name, model in self.env.registry.items()
            if name.startswith("klachtenbeheer.")
            and not model._abstract
            and not model._transient
        )

    def test_every_model_has_a_company_or_is_shared_on_purpose(self):
        for name in self._company_models():
            field = self.env[name]._fields.get("company_id")
            with self.subTest(model=name):
                if name in SHARED_MODELS:
                    self.assertFalse(field and field.store)
                else:
                    self.assertTrue(field and field.store)

    def test_the_rule_keeps_each_role_in_its_companies(self):
        """Structural: the domain every role gets restricts company_id to the
        user's companies."""
        for name in self._company_models():
            if name in SHARED_MODELS:
                continue
            for role, user in self.role_users.items():
                with self.subTest(model=name, role=role):
                    domain = (
                        self.env["ir.rule"]
                        .with_user(user)
                        ._compute_domain(name, "read")
                    )
                    allowed = [
                        leaf[2]
                        for leaf in domain
                        if isinstance(leaf, (list, tuple))
                        and leaf[0] == "company_id"
                        and leaf[1] == "in"
                    ]
                    self.assertTrue(allowed, f"{name}: no company rule")
                    for companies in allowed:
                        self.assertNotIn(self.company_2.id, companies)

    def test_records_of_the_other_company_are_out_of_reach(self):
        """Functional: real records of company 2, for every role of company
        1, by search, read, write and unlink; company 2's coordinator sees
        them."""
        for name in self._company_models():
            if name in SHARED_MODELS or name in STRUCTURAL_ONLY:
                continue
            self.assertIn(name, self.records_2, f"{name}: no record of company 2")
            records = self.records_2[name]
            self.assertTrue(records, name)
            for role, user in self.role_users.items():
                Model = self.env[name].with_user(user)
                with self.subTest(model=name, role=role):
                    if Model.has_access("read"):
                        self.assertFalse(Model.search([("id", "in", records.ids)]))
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["company_id"])
                    if Model._auto:
                        with self.assertRaises(AccessError):
                            records.with_user(user).unlink()
            # Company 2's own people see them (the requests: its privacy
            # officer).
            reader = self.readers_2.get(name, self.coordinator_2)
            self.assertEqual(
                self.env[name].with_user(reader).search([("id", "in", records.ids)]),
                records.with_user(reader),
                name,
            )
