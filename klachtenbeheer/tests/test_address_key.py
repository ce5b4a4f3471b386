# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from ..tools.address import address_key

SAMPLES = [
    ("Dorpsstraat 12", "2636 AB"),
    ("  dorpsstraat   12 ", "2636ab"),
    ("DORPSSTRAAT 12", "2636 aB"),
    ("Dorpsstraat 14", "2636 AB"),
    ("Molenweg 33", "2631 KL"),
]


@tagged("post_install", "-at_install")
class TestAddressKey(TransactionCase):
    """The repeat check (Python) and the address patterns (SQL) call the same
    home the same: the SQL key is the twin of tools.address.address_key."""

    def test_sql_and_python_agree(self):
        sql = self.env["klachtenbeheer.pattern.address"]._address_key_sql("a")
        for street, zip_code in SAMPLES:
            self.env.cr.execute(
                SQL(
                    "SELECT %s FROM (SELECT %s AS street, %s AS zip) a",
                    sql,
                    street,
                    zip_code,
                )
            )
            self.assertEqual(
                self.env.cr.fetchone()[0], address_key(street, zip_code), street
            )

    def test_the_same_home_however_typed(self):
        keys = {address_key(street, zip_code) for street, zip_code in SAMPLES[:3]}
        self.assertEqual(len(keys), 1)
        self.assertNotEqual(address_key(*SAMPLES[0]), address_key(*SAMPLES[3]))
        self.assertEqual(address_key("", "2636 AB"), "")
