# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The upgrade to 18.0.1.1.0 rewrites the noupdate templates' recipients."""

import importlib.util

from odoo.tests import tagged
from odoo.tools import file_path

from .common import KlachtenbeheerCase


def _migration():
    path = file_path("klachtenbeheer/migrations/18.0.1.1.0/post-migration.py")
    spec = importlib.util.spec_from_file_location("kb_migration_18_0_1_1_0", path)
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
