# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KlachtenbeheerCase


@tagged("post_install", "-at_install")
class TestSequence(KlachtenbeheerCase):
    def test_numbers_are_unique_and_increasing(self):
        complaints = self.Complaint.create(
            [
                {"subject": f"Klacht {index}", "partner_id": self.partner.id}
                for index in range(5)
            ]
        )
        names = complaints.mapped("name")
        self.assertEqual(len(set(names)), 5)
        self.assertEqual(names, sorted(names))
        self.assertTrue(all(name.startswith("KL/") for name in names))

    def test_database_refuses_duplicate_number(self):
        complaint = self._create_complaint()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            with self.env.cr.savepoint():
                self._create_complaint(name=complaint.name)

    def test_two_transactions_at_once_get_distinct_numbers(self):
        """Two registrations in open transactions neither wait nor collide.

        Both transactions stay open while the other one creates; a sequence
        that locked its row (``no_gap``) would make the second one wait and
        hit the lock timeout.
        """
        registry = self.env.registry
        with registry.cursor() as cr_a, registry.cursor() as cr_b:
            try:
                cr_b.execute("SET LOCAL lock_timeout = '3s'")
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                vals = {
                    "subject": "Gelijktijdig",
                    "contact_name": "Gelijktijdige Klager",
                    "phone": "0101111111",
                }
                complaint_a = env_a["klachtenbeheer.complaint"].create(dict(vals))
                env_a.flush_all()
                complaint_b = env_b["klachtenbeheer.complaint"].create(dict(vals))
                env_b.flush_all()
                self.assertNotEqual(complaint_a.name, complaint_b.name)
                self.assertTrue(complaint_b.name.startswith("KL/"))
            finally:
                cr_a.rollback()
                cr_b.rollback()
