"""klachtenbeheer/tools/suggestion_features.py: what the database's tables
learn of a text is what ``suggestion.analyse`` reads in it, without the
pairs of stems. Plain Python, loaded from its path."""

import importlib.util
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools"


def _load(name):
    spec = importlib.util.spec_from_file_location(f"kb_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sf = _load("suggestion_features")
sg = _load("suggestion")

TEXTS = [
    ("Lekkage niet verholpen", "Al drie weken lekt het dak. Niemand komt kijken."),
    (
        "Cliënt ontevreden",
        "Mijn cliënte is ZEER ontevreden over de reünie en de ruïne.",
    ),
    ("Is hij er weer niet?", "De monteur zou komen, ik zou teruggebeld worden!"),
    ("", "Ik wil een hoorzitting; graag een gesprek met de medewerker."),
    ("Huurachterstand", "Betalingsregeling: 3 termijnen, e-mail j.jansen@x.nl"),
]


def unigrams(subject, body, **kwargs):
    feats = sg.analyse(subject, body, **kwargs)[0]
    return {
        f: c
        for f, c in feats.items()
        if "_" not in f or f.startswith(("channel:", "domain:"))
    }


def test_learned_features_are_the_unigrams_of_analyse():
    for subject, body in TEXTS:
        assert sf.learned(subject, body) == unigrams(subject, body)
    assert sf.learned("Klacht", "x", "web_form", "Example.NL") == unigrams(
        "Klacht", "x", channel="web_form", sender_domain="Example.NL"
    )
    assert "channel:web_form" in sf.learned("Klacht", "", "web_form")


def test_no_pairs_of_stems():
    feats = sf.learned("Niet gekomen", "De monteur is niet gekomen")
    assert feats and not [f for f in feats if "_" in f]


def test_plain_text_of_a_description():
    text = sf.plain("<p>Het dak&nbsp;lekt.<br/>Bel mij &amp; snel</p><p>Groet</p>")
    assert "dak\xa0lekt" in text and "Bel mij & snel" in text
    assert "<" not in text
    assert sf.learned("", sf.plain("<p>dak</p><p>lekt</p>")) == sf.learned(
        "", "dak lekt"
    )
    assert sf.plain(None) == "" and sf.plain(False) == ""
