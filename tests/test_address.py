"""klachtenbeheer/tools/address.py: one key per home, however it was typed.
Plain Python, loaded from its path."""

import importlib.util
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/address.py"
_spec = importlib.util.spec_from_file_location("klachten_address", MODULE)
address = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(address)


@pytest.mark.parametrize(
    ("street", "zip_code"),
    [
        ("Dorpsstraat 12", "2636 AB"),
        ("dorpsstraat 12", "2636AB"),
        ("  Dorpsstraat    12  ", "2636 ab"),
    ],
)
def test_the_same_home(street, zip_code):
    assert address.address_key(street, zip_code) == "dorpsstraat 12|2636AB"


def test_another_house_number_is_another_home():
    assert address.address_key("Dorpsstraat 12", "2636 AB") != address.address_key(
        "Dorpsstraat 14", "2636 AB"
    )


@pytest.mark.parametrize(
    ("street", "zip_code"), [("", "2636 AB"), ("Dorpsstraat 12", None)]
)
def test_an_unknown_address_matches_nothing(street, zip_code):
    assert address.address_key(street, zip_code) == ""


def test_zip_spellings():
    assert address.zip_spellings("2636ab") == {"2636AB", "2636 AB"}
    assert address.zip_spellings("") == set()
