"""klachtenbeheer/tools/suggestion.py: naive Bayes suggestions learned from
the register, with a cold start from the shipped Dutch vocabulary. Plain
Python, loaded from its path."""

import importlib.util
import math
import random
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/suggestion.py"
_spec = importlib.util.spec_from_file_location("klachten_suggestion", MODULE)
sg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sg)


def feats(subject, body="", **kwargs):
    return sg.analyse(subject, body, **kwargs)[0]


# --- analyse: normalisation, stop words, stems


def test_normalisation_folds_case_and_accents():
    assert feats("CLIËNT") == feats("cliënt") == feats("client")
    assert "client" in feats("Cliënt")


def test_stop_words_dropped_signal_words_kept():
    found = feats("Is hij er weer niet? Ik zou teruggebeld worden.")
    for word in ("is", "hij", "er", "ik", "worden"):
        assert word not in found
    for word in ("weer", "niet", "zou"):
        assert word in found
    assert "weer_niet" in found
    assert "zou_" + sg.stem("teruggebeld") in found


def test_digits_and_single_letters_dropped():
    found = feats("Bel 06-12345678", "Flat 2e etage, nr. 14 b")
    assert not any(ch.isdigit() for f in found for ch in f)
    assert "b" not in found and "e" not in found
    assert set(found) >= {"bel", "flat", "etag"}


@pytest.mark.parametrize(
    "words",
    [
        ("lekkage", "lekkages"),
        ("afspraak", "afspraken"),
        ("monteur", "monteurs"),
        ("teruggebeld", "terugbellen"),
        ("kapot", "kapotte"),
        ("reparatie", "reparaties", "gerepareerd"),
        ("woning", "woningen"),
    ],
)
def test_dutch_inflections_share_a_stem(words):
    stems = {sg.stem(sg.fold(w)) for w in words}
    assert len(stems) == 1, stems


def test_counts_pairs_channel_and_domain():
    found, surface = sg.analyse(
        "Lekkage, weer lekkage",
        "De kraan lekt. Kraan!",
        channel="email",
        sender_domain="@VanDijk-Advocaten.NL",
    )
    lek = sg.stem("lekkage")
    assert found[lek] == 2
    assert found[sg.stem("kraan")] == 2
    assert found[f"{lek}_weer"] == 1
    # No pair across a sentence end ("lekt. Kraan").
    assert f"{sg.stem('lekt')}_{sg.stem('kraan')}" not in found
    assert found["channel:email"] == 1
    assert found["domain:vandijk-advocaten.nl"] == 1
    assert surface[lek] == "Lekkage"
    assert surface["domain:vandijk-advocaten.nl"] == "@vandijk-advocaten.nl"


def test_empty_text():
    assert sg.analyse(None, None) == ({}, {})
    assert sg.analyse("", "", channel="phone")[0] == {"channel:phone": 1}


# --- Table: learning and forgetting


def _random_table(rng, n=60):
    table = sg.Table()
    words = [f"w{i}" for i in range(40)]
    for _ in range(n):
        table.add(
            rng.choice("abc"),
            {w: rng.randint(1, 3) for w in rng.sample(words, rng.randint(1, 8))},
        )
    return table


def test_add_and_forget_restores_exactly():
    rng = random.Random(7)
    table = _random_table(rng)
    before = sg.Table(table.docs, table.counts, table.totals, table.vocabulary)
    new = {"w1": 2, "nieuw": 1, "w39": 1}
    table.add("d", new)
    assert table.docs["d"] == 1 and table.totals["d"] == 4
    known = {f for c in before.counts.values() for f in c}
    assert table.vocabulary == len(known | set(new)) == before.vocabulary + 1
    assert table != before
    table.add("d", new, sign=-1)
    assert table == before
    assert "d" not in table.docs and "d" not in table.counts


def test_table_invariants_after_many_changes():
    rng = random.Random(3)
    table = _random_table(rng, 200)
    assert table.examples == sum(table.docs.values()) == 200
    for label, counts in table.counts.items():
        assert table.totals[label] == sum(counts.values())
    assert table.vocabulary == len({f for c in table.counts.values() for f in c})
    rebuilt = sg.Table(table.docs, table.counts)
    assert rebuilt == table


def test_forgetting_the_unlearned_is_refused():
    table = sg.Table()
    table.add("a", {"x": 1})
    snapshot = sg.Table(table.docs, table.counts, table.totals, table.vocabulary)
    with pytest.raises(ValueError):
        table.add("a", {"x": 2}, sign=-1)
    with pytest.raises(ValueError):
        table.add("b", {"x": 1}, sign=-1)
    assert table == snapshot


# --- suggest


def _learned(pairs, repeat=1):
    table = sg.Table()
    for _ in range(repeat):
        for label, text in pairs:
            table.add(label, feats(text))
    return table


TEAMS = [
    ("12", "lekkage badkamer plafond vochtplek loodgieter"),
    ("12", "cv-ketel storing monteur geen warm water"),
    ("12", "schimmel in de slaapkamer vocht"),
    ("14", "huurachterstand betalingsregeling incasso"),
    ("14", "huurtoeslag jaaroverzicht huurprijs"),
    ("14", "servicekosten afrekening te hoog"),
    ("19", "overlast buren harde muziek"),
    ("19", "hondenpoep in de tuin van de buren"),
]


def test_confidence_is_a_probability():
    table = _learned(TEAMS)
    found, surface = sg.analyse("Lekkage", "Er zit schimmel op het plafond")
    result = sg.suggest(table, found, surface, top=10)
    assert [s.label for s in result][0] == "12"
    assert {s.label for s in result} == {"12", "14", "19"}
    assert all(0.0 <= s.confidence <= 1.0 for s in result)
    assert math.isclose(sum(s.confidence for s in result), 1.0, rel_tol=1e-9)
    assert [s.confidence for s in result] == sorted(
        (s.confidence for s in result), reverse=True
    )
    assert len(sg.suggest(table, found, surface, top=2)) == 2


def test_explanation_words_come_from_the_text():
    table = _learned(TEAMS)
    text = "Mijn Huurachterstand: de Incasso loopt, ik wil een betalingsregeling"
    found, surface = sg.analyse("", text)
    best = sg.suggest(table, found, surface, explain=3)[0]
    assert best.label == "14"
    assert best.words and len(best.words) <= 3
    for word in best.words:
        for part in word.split():
            assert part in text, word
    assert "Incasso" in best.words or "Huurachterstand" in best.words
    # Words seen with every team, or with none, explain nothing.
    assert "wil" not in best.words


def test_unknown_words_give_the_class_prior():
    table = _learned(TEAMS)
    result = sg.suggest(table, feats("fiets gestolen"), top=5)
    assert result[0].label == "12"  # 3 of 8 examples
    assert math.isclose(result[0].confidence, 3 / 8)
    assert result[0].words == []


def test_empty_table_gives_no_suggestion():
    assert sg.suggest(sg.Table(), feats("lekkage")) == []
    assert sg.suggest(None, feats("lekkage")) == []
    assert sg.suggest(sg.Table(), feats("lekkage"), prior=sg.Table()) == []
    assert sg.suggest(sg.keyword_table({}), feats("lekkage")) == []


def test_min_examples_waits_for_the_register():
    table = _learned(TEAMS, repeat=10)
    prior = sg.keyword_table({"19": ["lekkage"]})
    found = feats("lekkage")
    waiting = sg.suggest(table, found, prior=prior, min_examples=81)
    assert waiting == sg.suggest(None, found, prior=prior)
    assert waiting[0].label == "19"
    # Once counted, the register (80 complaints, "lekkage" only with "12")
    # outweighs the keyword.
    assert sg.suggest(table, found, prior=prior, min_examples=80)[0].label == "12"
    assert sg.suggest(table, found, min_examples=81, prior=None) == []


def test_keyword_table():
    table = sg.keyword_table(
        {"7": ["Lekkage", "cv-ketel doet het niet"], 8: ["overlast"]}, weight=3
    )
    assert table.docs == {"7": 3, "8": 3}
    assert table.counts["7"][sg.stem("lekkage")] == 3
    assert table.counts["7"]["cv_ketel"] == 3
    assert table.vocabulary == len(set(table.counts["7"]) | set(table.counts["8"]))
    found, surface = sg.analyse("Onze CV-ketel doet het weer niet", "")
    best = sg.suggest(None, found, surface, prior=table)[0]
    assert best.label == "7"
    assert "CV ketel" in best.words


def test_keyword_table_common_words_and_long_lists():
    table = sg.keyword_table(
        {"f": ["woont er niet", "woont"], "c": ["klacht"]}, weight=5
    )
    woon = sg.stem("woont")
    # "woont" in a phrase counts once, the pair and the single word weigh 5.
    assert table.counts["f"][f"{woon}_niet"] == 5
    assert table.counts["f"][woon] == 1 + 5
    assert table.counts["f"]["niet"] == 1
    # A long list does not dilute its words.
    words = [
        "lekkage", "kraan", "deur", "raam", "dak", "goot", "lift", "kozijn",
        "tegel", "trap", "schuur", "balkon", "vloer", "muur", "plafond",
    ]  # fmt: skip
    table = sg.keyword_table({"long": words, "short": ["overlast"]})
    assert table.totals["long"] == table.totals["short"]
    for text, label in (("de kraan", "long"), ("overlast", "short")):
        best = sg.suggest(None, feats(text), prior=table)[0]
        assert best.label == label
    kraan = sg.suggest(None, feats("kraan"), prior=table)[0].confidence
    overlast = sg.suggest(None, feats("overlast"), prior=table)[0].confidence
    assert math.isclose(kraan, overlast)


@pytest.mark.parametrize(
    ("subject", "body", "kind"),
    [
        (
            "Lekkage",
            "Het lekt in de badkamer, kan er iemand komen om het te maken?",
            "repair_request",
        ),
        (
            "Cv-ketel",
            "Onze cv-ketel doet het niet, we hebben geen warm water.",
            "repair_request",
        ),
        (
            "Overlast",
            "De bovenburen draaien elke nacht harde muziek, geluidsoverlast.",
            "nuisance",
        ),
        ("Hennep", "Er hangt een sterke hennepgeur in het portiek.", "nuisance"),
        (
            "Melding",
            "Mijn buurman woont er niet, hij doet aan onderhuur via airbnb.",
            "housing_fraud",
        ),
        (
            "Huurverhoging",
            "Ik maak bezwaar tegen de huurverhoging en ga naar de huurcommissie.",
            "dispute",
        ),
        (
            "Klacht",
            "Ik ben ontevreden: de medewerker was onbeschoft, ik ben niet teruggebeld.",
            "complaint",
        ),
    ],
)
def test_cold_start_kind_for_clear_cases(subject, body, kind):
    found, surface = sg.analyse(subject, body)
    best = sg.suggest(sg.Table(), found, surface, prior=sg.cold_start("kind"))[0]
    assert best.label == kind
    assert best.confidence > 0.5
    assert best.words


@pytest.mark.parametrize(
    ("target", "text", "label"),
    [
        ("hidden", "Is hij er weer niet? Ik zou teruggebeld worden.", "yes"),
        ("hidden", "Ik wacht nog steeds, al drie keer gebeld.", "yes"),
        ("hidden", "Hierbij dien ik een formele klacht in.", "no"),
        (
            "representative",
            "Namens mijn cliënt, mevrouw Jansen, dien ik een klacht in.",
            "yes",
        ),
        (
            "representative",
            "Ik schrijf voor mijn moeder, zij kan zelf niet mailen.",
            "yes",
        ),
        ("representative", "Ik huur een woning aan de Dorpsstraat.", "no"),
        ("preference", "Ik wil een hoorzitting over mijn klacht.", "hearing"),
        ("preference", "Ik wil graag een driegesprek.", "three_way"),
        ("preference", "Belt u mij terug?", "phone_visit"),
        ("preference", "De lift is kapot.", "informal"),
    ],
)
def test_cold_start_binary_and_preference(target, text, label):
    found, surface = sg.analyse("", text)
    assert (
        sg.suggest(None, found, surface, prior=sg.cold_start(target))[0].label == label
    )


def test_cold_start_only_for_fixed_labels():
    for target in ("team", "category", "ground"):
        assert sg.cold_start(target) is None
    for target in ("kind", "hidden", "preference", "representative"):
        assert sg.cold_start(target).examples > 0
    # A copy: changing it leaves the shipped table alone.
    sg.cold_start("kind").add("complaint", {"x": 1})
    assert "x" not in sg.cold_start("kind").counts["complaint"]


def test_learned_register_overrides_the_cold_start():
    """An organisation where "lekkage" mails are complaints (say, about a
    contractor's repairs) teaches the model so."""
    found, surface = sg.analyse("Lekkage", "Weer een lekkage na de reparatie.")
    prior = sg.cold_start("kind")
    assert (
        sg.suggest(sg.Table(), found, surface, prior=prior)[0].label == "repair_request"
    )
    table = sg.Table()
    for i in range(60):
        table.add("complaint", feats("Lekkage", f"lekkage na reparatie {i}"))
        table.add("nuisance", feats("Buren", "de buren maken herrie"))
    best = sg.suggest(table, found, surface, prior=prior)[0]
    assert best.label == "complaint"
    assert best.confidence > 0.8


def test_prior_fades_as_the_register_grows():
    """The cold start says "lekkage" is "a"; the register says "b". With
    one learned complaint the cold start still wins, with many the register."""
    prior = sg.keyword_table({"a": ["lekkage"], "b": ["buren"]})
    found = feats("lekkage")
    table = sg.Table()
    shares = []
    for n in (1, 10, 100):
        while table.examples < n:
            table.add("b", feats("lekkage"))
        result = sg.suggest(table, found, prior=prior, top=5)
        shares.append(dict((s.label, s.confidence) for s in result)["a"])
    assert shares[0] > 0.5 > shares[1] > shares[2]
    assert shares[2] < 0.05


def test_unknown_to_the_register_keeps_the_prior():
    """A register that never saw "lekkage" does not overrule the cold start
    on it, however large."""
    prior = sg.keyword_table({"a": ["lekkage"], "b": ["buren"]})
    table = sg.Table()
    for _ in range(200):
        table.add("b", feats("iets anders"))
    found, surface = sg.analyse("Lekkage!", "")
    best = sg.suggest(table, found, surface, prior=prior)[0]
    assert best.label == "a"
    assert best.words == ["Lekkage"]
    # Without the surface words, the stems explain.
    assert sg.suggest(table, found, prior=prior)[0].words == [sg.stem("lekkage")]


def test_vocabulary_kept_by_add_matches_a_recount():
    rng = random.Random(11)
    table = _random_table(rng, 100)
    learned = []
    for _ in range(300):
        if learned and rng.random() < 0.4:
            label, found = learned.pop(rng.randrange(len(learned)))
            table.add(label, found, sign=-1)
        else:
            label = rng.choice("xyz")
            found = {f"v{rng.randint(0, 60)}": rng.randint(1, 2) for _ in range(4)}
            table.add(label, found)
            learned.append((label, found))
        recount = len({f for c in table.counts.values() for f in c})
        assert table.vocabulary == recount


def test_benchmark_runs_at_a_tiny_size():
    """bench/suggestion_accuracy.py stays runnable (plain Python)."""
    import subprocess
    import sys

    script = MODULE.parent.parent.parent / "bench" / "suggestion_accuracy.py"
    result = subprocess.run(
        [sys.executable, str(script), "--size", "60"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    for heading in (
        "(a) Demoregister",
        "(b) Geschreven",
        "(c) Synthetisch",
        "Snelheid",
    ):
        assert heading in result.stdout
    assert "| Geleerd |" in result.stdout
