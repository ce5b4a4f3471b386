# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One address, however it was typed: "Dorpsstraat  12" and "dorpsstraat 12",
"2636 AB" and "2636ab" are the same home. A repeated complaint about the same
home (WMD-klachtenbeleid §2.4: no new facts) and the addresses that complain
again and again (the quarterly patterns) are found by this one key.

Plain Python. ``address_key`` has an SQL twin for reports that group in the
database (``klachtenbeheer.pattern.address._address_key_sql``): the same
rule, tested to agree.
"""

import re

_SPACES = re.compile(r"\s+")


def compact_zip(zip_code):
    """A Dutch postcode without spaces, upper case: "2636 ab" -> "2636AB"."""
    return (zip_code or "").replace(" ", "").upper()


def zip_spellings(zip_code):
    """The ways a Dutch postcode is written in the register: "2636AB" and
    "2636 AB" (the case does not matter to ``=ilike``)."""
    compact = compact_zip(zip_code)
    return {compact, f"{compact[:4]} {compact[4:]}"} if compact else set()


def address_key(street, zip_code):
    """The street (spaces collapsed, lower case) and the compact postcode;
    empty when either is missing, so that no two unknown addresses match."""
    street = _SPACES.sub(" ", (street or "").strip()).lower()
    compact = compact_zip(zip_code)
    return f"{street}|{compact}" if street and compact else ""
