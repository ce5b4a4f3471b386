# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every rule of the complaint, for every role, by every way in.

The rows are generated from the model's own declarations
(``_guarded_fields``, ``_field_owners``) and pinned to the lists below, so a
rule that is dropped fails here and a new one gets its matrix at once. Each
role tries the same thing by the ORM, by an import, by the form and by
JSON-RPC; the answer gates are tried by the chatter, the mail composer, a
stage change and an import of the stage.
"""

import json

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import QUIET_CONTEXT, KlachtenbeheerCase, load_dutch

# Set by the action that logs who and when; nobody writes them.
GUARDED = {
    "acknowledgement_pending",
    "anonymised",
    "anonymised_by_id",
    "date_anonymised",
    "legal_hold_date",
    "legal_hold_user_id",
    "answer_approved_by_id",
    "answer_approved_date",
    "criminal_suspicion",
    "criminal_suspicion_date",
    "criminal_suspicion_paused",
    "criminal_suspicion_reason",
    "criminal_suspicion_user_id",
    "date_acknowledged",
    "date_answered",
    "date_contacted",
    "date_decision_sent",
    "date_reopened",
    "intake_message_id",
    "mail_undeliverable",
    "pause_days",
    "paused_since",
    "registration_pending",
    "suggestion_labels",
    "suggestion_learn_pending",
    "term_escalated_on",
    "term_warned_on",
}
# Recorded by the role that decides it (WMD-klachtenbeleid §2.5, §2.6).
OWNED = {
    "legal_advice": {"jurist"},
    "legal_advisor_id": {"jurist"},
    "legal_advice_date": {"jurist"},
    "criminal_access_user_ids": {"board", "coordinator"},
    "legal_hold": {"privacy", "coordinator"},
    "legal_hold_reason": {"privacy", "coordinator"},
    "legal_hold_until": {"privacy", "coordinator"},
}
# What an owner writes with the field (a legal hold has its reason).
COMPANIONS = {"legal_hold": {"legal_hold_reason": "Rechtszaak"}}
ROLES = {
    "employee": "base.group_user",
    "handler": "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
    "manager": "base.group_user,klachtenbeheer.group_klachtenbeheer_handler",
    "coordinator": "base.group_user,klachtenbeheer.group_klachtenbeheer_coordinator",
    "board": "base.group_user,klachtenbeheer.group_klachtenbeheer_board",
    "jurist": "base.group_user,klachtenbeheer.group_klachtenbeheer_jurist",
    "privacy": "base.group_user,klachtenbeheer.group_klachtenbeheer_privacy_officer",
    "portal": "base.group_portal",
}
# Words of the Dutch errors (the users read Dutch).
DUTCH = ("actie", "Alleen", "klacht", "toegang", "nog geen", "eerst")


class RuleMatrixMixin:
    @classmethod
    def _setup_matrix(cls):
        load_dutch(cls.env)
        cls.users = {
            role: new_test_user(
                cls.env,
                login=f"kb_rm_{role}",
                groups=groups,
                lang="nl_NL",
                email=f"kb_rm_{role}@example.org",
                context=QUIET_CONTEXT,
            )
            for role, groups in ROLES.items()
        }
        cls.team_a.user_id = cls.users["manager"]
        cls.team_a.member_ids = [Command.link(cls.users["handler"].id)]
        cls.complainant = cls.users["portal"].partner_id
        # One complaint per role, in sight of that role: registered by it
        # (employee, coordinator, board, jurist), handled by it, of its
        # team, or its own (the portal complainant). A lawyer's letter, so
        # that the jurist sees it too.
        cls.complaints = {
            role: cls._create_complaint(
                team_id=cls.team_a.id,
                partner_id=cls.complainant.id,
                is_lawyer_letter=True,
                registered_by_id=(
                    user.id if not user.share else cls.users["employee"].id
                ),
                **({"user_id": user.id} if role == "handler" else {}),
            )
            for role, user in cls.users.items()
        }

    @classmethod
    def _value(cls, fname):
        field = cls.Complaint._fields[fname]
        return {
            "datetime": lambda: fields.Datetime.to_string(fields.Datetime.now()),
            "date": lambda: fields.Date.to_string(fields.Date.today()),
            "boolean": lambda: True,
            "integer": lambda: 3,
            "char": lambda: "Waarde",
            "text": lambda: "Waarde",
            "html": lambda: "<p>Advies van de jurist</p>",
            "json": lambda: {"kind": "complaint"},
            "selection": lambda: field.get_values(cls.env)[0],
            "many2one": lambda: (
                cls.users["manager"].id
                if field.comodel_name == "res.users"
                else cls.users["manager"].partner_id.id
                if field.comodel_name == "res.partner"
                else cls.env[field.comodel_name].search([], limit=1).id
            ),
            "many2many": lambda: [Command.set(cls.users["handler"].ids)],
        }[field.type]()

    def _rows(self):
        """(field, owning roles) for every rule on the fields."""
        return [(fname, set()) for fname in sorted(GUARDED)] + sorted(OWNED.items())


@tagged("post_install", "-at_install")
class TestFieldRuleMatrix(RuleMatrixMixin, KlachtenbeheerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_matrix()

    def test_the_rules_are_the_declared_ones(self):
        self.assertEqual(self.Complaint._guarded_fields(), GUARDED)
        self.assertEqual(
            {
                fname: {
                    role
                    for role, user in self.users.items()
                    if any(user.has_group(g) for g in groups)
                }
                for fname, groups in self.Complaint._field_owners().items()
            },
            OWNED,
        )

    def test_orm_write(self):
        for fname, owners in self._rows():
            for role, user in self.users.items():
                complaint = self.complaints[role].with_user(user)
                value = self._value(fname)
                with self.subTest(field=fname, role=role, way="write"):
                    if role in owners:
                        with self.env.cr.savepoint():
                            complaint.write({fname: value, **COMPANIONS.get(fname, {})})
                            self.assertTrue(complaint.sudo()[fname])
                        continue
                    before = complaint.sudo()[fname]
                    with (
                        self.assertRaises(AccessError) as caught,
                        self.env.cr.savepoint(),
                    ):
                        complaint.with_context(lang="nl_NL").write({fname: value})
                    self.assertTrue(
                        any(word in str(caught.exception) for word in DUTCH),
                        caught.exception,
                    )
                    complaint.invalidate_recordset()
                    self.assertEqual(complaint.sudo()[fname], before)

    def test_orm_create(self):
        for fname, owners in self._rows():
            for role, user in self.users.items():
                if role in owners:
                    continue
                with (
                    self.subTest(field=fname, role=role, way="create"),
                    self.assertRaises(AccessError),
                    self.env.cr.savepoint(),
                ):
                    self.Complaint.with_user(user).create(
                        {
                            "subject": "Nieuw",
                            "partner_id": self.complainant.id,
                            "channel": "phone",
                            fname: self._value(fname),
                        }
                    )

    def test_import(self):
        for fname, owners in self._rows():
            field = self.Complaint._fields[fname]
            if field.type == "many2many":
                column, cell = f"{fname}/.id", str(self.users["handler"].id)
            elif field.type == "many2one":
                column, cell = f"{fname}/.id", str(self._value(fname))
            else:
                column, cell = fname, str(self._value(fname))
            for role, user in self.users.items():
                if role in owners:
                    continue
                complaint = self.complaints[role]
                with self.subTest(field=fname, role=role, way="import"):
                    before = complaint.sudo()[fname]
                    result = self.Complaint.with_user(user).load(
                        [".id", column], [[str(complaint.id), cell]]
                    )
                    self.assertFalse(result["ids"])
                    self.assertTrue(result["messages"])
                    complaint.invalidate_recordset()
                    self.assertEqual(complaint.sudo()[fname], before)

    def test_form(self):
        """In the form a rule shows as a read-only field; saving anyway is
        refused by the model."""
        for fname, owners in self._rows():
            for role, user in self.users.items():
                if role in owners or user.share:
                    continue
                with self.subTest(field=fname, role=role, way="form"):
                    form = Form(self.complaints[role].with_user(user))
                    try:
                        setattr(form, fname, self._value(fname))
                    except AssertionError:
                        continue  # read-only or not in the form
                    except (TypeError, AttributeError):
                        continue  # a many2many is set through its own API
                    with self.assertRaises(AccessError), self.env.cr.savepoint():
                        form.save()


@tagged("post_install", "-at_install")
class TestGateMatrix(RuleMatrixMixin, KlachtenbeheerCase):
    """WMD-klachtenbeleid §2.6: the legal advice comes before the answer, for
    every role and every way the answer can go out."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_matrix()
        cls.stage_answered = cls.env["klachtenbeheer.stage"].search(
            [("term_done", "=", "answer")], order="sequence", limit=1
        )
        for complaint in cls.complaints.values():
            complaint.write({"answer": "<p>Ons antwoord</p>", "validity": "founded"})

    def test_chatter_and_composer(self):
        for role, user in self.users.items():
            if user.share:
                continue  # the complainant's own message carries no answer
            complaint = self.complaints[role].with_user(user)
            with self.subTest(role=role, way="message_post"):
                with self.assertRaises(UserError) as caught, self.env.cr.savepoint():
                    complaint.with_context(lang="nl_NL").message_post(
                        body="Ons antwoord", subtype_xmlid="mail.mt_comment"
                    )
                self.assertIn("nog geen bericht", str(caught.exception))
                # An internal note goes.
                complaint.message_post(body="Intern", subtype_xmlid="mail.mt_note")
            with self.subTest(role=role, way="composer"):
                composer = Form(
                    self.env["mail.compose.message"]
                    .with_user(user)
                    .with_context(
                        default_model=complaint._name,
                        default_res_ids=complaint.ids,
                        default_composition_mode="comment",
                        default_subtype_xmlid="mail.mt_comment",
                    )
                )
                composer.body = "<p>Ons antwoord</p>"
                wizard = composer.save()
                with self.assertRaises(UserError), self.env.cr.savepoint():
                    wizard.action_send_mail()

    def test_stage_and_import(self):
        for role, user in self.users.items():
            complaint = self.complaints[role]
            with self.subTest(role=role, way="stage"):
                with (
                    self.assertRaises(AccessError if user.share else ValidationError),
                    self.env.cr.savepoint(),
                ):
                    complaint.with_user(user).write(
                        {"stage_id": self.stage_answered.id}
                    )
            with self.subTest(role=role, way="import"):
                result = self.Complaint.with_user(user).load(
                    [".id", "stage_id/.id"],
                    [[str(complaint.id), str(self.stage_answered.id)]],
                )
                self.assertFalse(result["ids"])
            self.assertNotEqual(complaint.stage_id, self.stage_answered)
            self.assertFalse(complaint.date_answered)

    def test_the_jurist_opens_the_gate(self):
        complaint = self.complaints["handler"]
        complaint.with_user(self.users["jurist"]).legal_advice = "<p>Advies</p>"
        complaint.with_user(self.users["handler"]).stage_id = self.stage_answered
        self.assertTrue(complaint.date_answered)


@tagged("post_install", "-at_install")
class TestRuleMatrixOverJsonRpc(RuleMatrixMixin, HttpCase, KlachtenbeheerCase):
    """The same matrix as the web client sends it: web_save and write over
    /web/dataset/call_kw, logged in as each role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_matrix()

    def _call(self, method, args, kwargs=None):
        """Call as the web client does; return the error the user reads
        (its kind and message), or None."""
        response = self.url_open(
            "/web/dataset/call_kw",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": "klachtenbeheer.complaint",
                        "method": method,
                        "args": args,
                        "kwargs": dict(kwargs or {}, context={"lang": "nl_NL"}),
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        error = response.get("error")
        return error and (error["data"]["name"], error["data"]["message"])

    @mute_logger("odoo.http")
    def test_fields_over_rpc(self):
        for role, user in self.users.items():
            self.authenticate(user.login, user.login)
            complaint = self.complaints[role]
            for fname, owners in self._rows():
                if role in owners:
                    continue
                value = self._value(fname)
                with self.subTest(field=fname, role=role, way="json-rpc"):
                    error = self._call(
                        "web_save",
                        [[complaint.id], {fname: value}],
                        {"specification": {}},
                    )
                    self.assertTrue(error, f"{role} wrote {fname}")
                    self.assertEqual(error[0], "odoo.exceptions.AccessError")
                    self.assertTrue(any(word in error[1] for word in DUTCH), error[1])
        # The owners' own writes go.
        self.authenticate("kb_rm_jurist", "kb_rm_jurist")
        self.assertIsNone(
            self._call(
                "web_save",
                [[self.complaints["jurist"].id], {"legal_advice": "<p>Advies</p>"}],
                {"specification": {}},
            )
        )
        self.assertEqual(
            self.complaints["jurist"].legal_advisor_id,
            self.users["jurist"].partner_id,
        )
