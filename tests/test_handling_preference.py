"""klachtenbeheer/tools/handling_preference.py: the handling a complainant
asks for in their mail. Plain Python, loaded from its path."""

import importlib.util
from pathlib import Path

import pytest

MODULE = (
    Path(__file__).resolve().parent.parent
    / "klachtenbeheer/tools/handling_preference.py"
)
_spec = importlib.util.spec_from_file_location("klachten_handling_preference", MODULE)
hp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hp)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik wil een hoorzitting.", "hearing"),
        ("Graag wil ik gehoord worden over mijn klacht.", "hearing"),
        ("Ik wil mijn klacht mondeling toelichten.", "hearing"),
        ("Ik wil graag een gesprek met de medewerker erbij.", "three_way"),
        ("Ik wil een gesprek met die monteur en u.", "three_way"),
        ("Belt u mij alstublieft op 06-12345678.", "phone_visit"),
        ("Graag telefonisch contact.", "phone_visit"),
        ("Komt u maar langs, dan laat ik het zien.", "phone_visit"),
        # The strongest wish wins, in whichever order.
        ("Bel mij even. Ik wil ook een hoorzitting.", "hearing"),
        ("Ik wil een HOORZITTING en bel mij daarover.", "hearing"),
    ],
)
def test_wishes(text, expected):
    assert hp.detect(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ik wil geen hoorzitting, los het gewoon op.",
        "U hoeft mij niet te bellen.",
        "Ik hoef niet gehoord te worden.",
        "Ik zou teruggebeld worden, maar niemand belde.",
        "De monteur is er weer niet.",
        "",
        None,
    ],
)
def test_no_wish(text):
    assert hp.detect(text) is None
