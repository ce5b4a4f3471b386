# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upgrades rewrite or remove noupdate data: 18.0.1.1.0 the templates'
recipients, 18.0.1.1.1 the complaint views folded into the base views,
18.0.1.2.0 the handlers' record rules, 18.0.1.2.1 the rule for an offence
given back by the board."""

import importlib.util

from odoo.tests import tagged
from odoo.tools import file_path

from .common import KlachtenbeheerCase


def _migration(version="18.0.1.1.0", step="post-migration"):
    path = file_path(f"klachtenbeheer/migrations/{version}/{step}.py")
    name = "kb_migration_" + version.replace(".", "_") + "_" + step.replace("-", "_")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestTemplateMigration(KlachtenbeheerCase):
    def test_old_templates_are_rewritten_changed_ones_kept(self):
        migration = _migration()
        ack = self.env.ref("klachtenbeheer.mail_template_acknowledgement")
        decision = self.env.ref("klachtenbeheer.mail_template_decision")
        extension = self.env.ref("klachtenbeheer.mail_template_extension")
        new_ack = {f: ack[f] for f in ("partner_to", "email_to", "lang")}
        new_decision_to = decision.partner_to
        # As an installation of 18.0.1.0.0 has them.
        ack.write(
            {
                "partner_to": "{{ object.partner_id.id or '' }}",
                "email_to": "{{ (not object.partner_id and object.email_from) or '' }}",
                "lang": "{{ object.partner_id.lang or "
                "object.company_id.partner_id.lang }}",
            }
        )
        decision.partner_to = (
            "{{ ','.join(str(pid) for pid in (object.partner_id | "
            "object.team_id.user_id.partner_id).ids) }}"
        )
        # An administrator's own choice.
        extension.partner_to = "{{ object.partner_id.id }},42"
        with self.assertLogs(migration.__name__, "WARNING") as logs:
            changed = migration.rewrite_templates(self.env)
        self.assertEqual(changed, ack | decision)
        self.assertEqual(
            {f: ack[f] for f in ("partner_to", "email_to", "lang")}, new_ack
        )
        self.assertEqual(decision.partner_to, new_decision_to)
        self.assertEqual(extension.partner_to, "{{ object.partner_id.id }},42")
        self.assertIn(extension.name, logs.output[0])
        # The rewritten template reaches the representative.
        representative = self.env["res.partner"].create(
            {"name": "mr. A. Bakker", "email": "a.bakker@advocaat.example"}
        )
        complaint = self._create_complaint(
            representative_id=representative.id, correspondence="representative"
        )
        rendered = ack._generate_template(complaint.ids, ["partner_to"])
        self.assertEqual(rendered[complaint.id]["partner_ids"], representative.ids)


@tagged("post_install", "-at_install")
class TestFoldedViewsMigration(KlachtenbeheerCase):
    def test_folded_inheriting_views_are_removed(self):
        migration = _migration("18.0.1.1.1", "pre-migration")
        form = self.env.ref("klachtenbeheer.klachtenbeheer_complaint_view_form")
        # As an installation of 18.0.1.1.0 has it: an inheriting view whose
        # content the base form now holds.
        old = self.env["ir.ui.view"].create(
            {
                "name": "klachtenbeheer.complaint.form.triage",
                "model": "klachtenbeheer.complaint",
                "inherit_id": form.id,
                "arch": '<field name="subject" position="after">'
                '<field name="kind" /></field>',
            }
        )
        self.env["ir.model.data"].create(
            {
                "module": "klachtenbeheer",
                "name": "klachtenbeheer_complaint_view_form_triage",
                "model": "ir.ui.view",
                "res_id": old.id,
            }
        )
        self.env.flush_all()
        migration.remove_folded_views(self.env.cr)
        self.env.invalidate_all()
        self.assertFalse(old.exists())
        self.assertFalse(
            self.env.ref(
                "klachtenbeheer.klachtenbeheer_complaint_view_form_triage",
                raise_if_not_found=False,
            )
        )
        self.assertTrue(form.exists())


@tagged("post_install", "-at_install")
class TestRuleMigration(KlachtenbeheerCase):
    def test_old_rules_are_rewritten_changed_ones_kept(self):
        migration = _migration("18.0.1.2.0")
        rules = {
            xmlid: self.env.ref(f"klachtenbeheer.{xmlid}") for xmlid in migration.RULES
        }
        # As an installation of 18.0.1.1.0 has them; one changed by hand.
        for xmlid, rule in rules.items():
            rule.domain_force = migration.RULES[xmlid][0]
        own = rules["klachtenbeheer_hearing_rule_handler"]
        own.domain_force = "[('complaint_id.user_id', '=', user.id)]"
        complaint = self._create_complaint(team_id=self.team_a.id)
        # The old domain as Odoo evaluates it: the team's member sees it.
        Complaint = self.Complaint.with_user(self.handler_a)
        self.assertEqual(Complaint.search([("id", "=", complaint.id)]), complaint)
        with self.assertLogs("odoo.addons.klachtenbeheer", "WARNING") as logs:
            changed = migration.rewrite_rules(self.env)
        self.assertEqual(changed, sum(rules.values(), self.env["ir.rule"]) - own)
        self.assertIn(own.name, logs.output[0])
        self.assertEqual(own.domain_force, "[('complaint_id.user_id', '=', user.id)]")
        # What the new installation has, and still the same access.
        for xmlid, rule in rules.items():
            if rule != own:
                self.assertEqual(rule.domain_force, migration.RULES[xmlid][1])
        self.assertEqual(Complaint.search([("id", "=", complaint.id)]), complaint)
        self.assertFalse(
            self.Complaint.with_user(self.handler_b).search([("id", "=", complaint.id)])
        )


@tagged("post_install", "-at_install")
class TestBoardRuleMigration(KlachtenbeheerCase):
    def test_old_rule_rewritten_same_access(self):
        migration = _migration("18.0.1.2.1")
        (xmlid,) = migration.RULES
        rule = self.env.ref(f"klachtenbeheer.{xmlid}")
        old, new = migration.RULES[xmlid]
        self.assertEqual(rule.domain_force, new)
        rule.domain_force = old
        given, kept = (
            self._create_complaint(team_id=self.team_a.id) for _index in range(2)
        )
        (given | kept).sudo().write({"criminal_suspicion": True})
        given.sudo().criminal_access_user_ids = self.handler_a
        Complaint = self.Complaint.with_user(self.handler_a)
        domain = [("id", "in", (given | kept).ids)]
        self.assertEqual(Complaint.search(domain), given)
        self.assertEqual(migration.rewrite_rules(self.env), rule)
        self.assertEqual(rule.domain_force, new)
        self.assertEqual(Complaint.search(domain), given)
        self.assertFalse(self.Complaint.with_user(self.handler_b).search(domain))
        # Run again: nothing left to rewrite.
        self.assertFalse(migration.rewrite_rules(self.env))
