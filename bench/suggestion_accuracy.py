"""Benchmark: how well the suggestions of tools/suggestion.py guess, and how
fast they are, in plain Python (no Odoo, no database).

Three registers, each split into learned and held-out parts with a fixed
seed:

(a) the demo register: the complaints of klachtenbeheer/demo/*.xml (subject,
    description, channel, kind, team, category, hidden); five folds of
    80/20, each complaint held out once;
(b) bench/data/complaints_nl.jsonl: varied Dutch messages written for this
    benchmark (angry, polite, short, long, misspelt, written by relatives
    and lawyers, hidden complaints, repair requests that call themselves a
    complaint, disputes) with their kind, team, category, hidden,
    representative and handling preference; five folds of 80/20;
(c) a synthetic register of ``--size`` complaints (default 10,000) of a
    corporation with 40 teams (8 areas x 5 disciplines) and 25 categories
    with overlapping vocabularies, generic and misspelt words and label
    noise; one 80/20 split, plus a learning curve.

Each is scored three ways: the keywords alone (what the ground suggestion
does today: a label whose keyword occurs in the text; the shipped
vocabulary for kind, hidden and representative, the names and keywords for
teams and categories, tools/handling_preference.py for the handling), the
cold start alone (naive Bayes over the vocabulary or the names, no
register), and learned (naive Bayes over the learned part, the cold start
as prior). It reports top-1 and top-3 accuracy for team and category,
precision and recall of "not a complaint" (kind other than complaint) and
of "hidden complaint", and for (b) also of "representative" and the
accuracy of the handling preference. Then it times analyse() and suggest()
per mail and Table.add() for 10 x ``--size`` complaints (100,000 by
default), all in pure Python. It prints Markdown tables.

Usage:

    .venv/bin/python bench/suggestion_accuracy.py            # the full run
    .venv/bin/python bench/suggestion_accuracy.py --size 300 # a smoke run

Options that Odoo benchmarks take (--odoo, --db, --addons-path) are
accepted and ignored, so that the smoke run of scripts/test.sh may list it.
"""

import argparse
import html
import importlib.util
import json
import os
import platform
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "klachtenbeheer" / "tools"
SEED = 20260


def _load(name):
    spec = importlib.util.spec_from_file_location(f"kb_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sg = _load("suggestion")
hp = _load("handling_preference")
vocab = _load("suggestion_vocabulary")


# --- (a) the demo register ---------------------------------------------------

DEMO = REPO / "klachtenbeheer" / "demo"
PO = REPO / "klachtenbeheer" / "i18n" / "nl.po"
CATEGORY_DATA = REPO / "klachtenbeheer" / "data" / "klachtenbeheer_category_data.xml"
GROUND_DATA = REPO / "klachtenbeheer" / "data" / "klachtenbeheer_procedure_data.xml"


def _text(element):
    return html.unescape(" ".join("".join(element.itertext()).split()))


def _records(path, model):
    for record in ET.parse(path).getroot().iter("record"):
        if record.get("model") == model:
            yield (
                record.get("id"),
                {
                    field.get("name"): field.get("ref")
                    or field.get("eval")
                    or _text(field)
                    for field in record.iter("field")
                },
            )


def _dutch():
    """msgid -> msgstr of nl.po (one-line entries suffice here)."""
    text = PO.read_text(encoding="utf-8")
    return dict(re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, re.M))


def demo_register():
    """-> (items, team names, category names) of the demo data."""
    items = []
    teams = {}
    for path in sorted(DEMO.glob("*.xml")):
        for xmlid, fields in _records(path, "klachtenbeheer.team"):
            teams[xmlid] = [fields.get("name", ""), fields.get("description", "")]
        for _xmlid, fields in _records(path, "klachtenbeheer.complaint"):
            if not fields.get("subject"):
                continue
            items.append(
                {
                    "subject": fields.get("subject"),
                    "body": fields.get("description", ""),
                    "channel": fields.get("channel"),
                    "sender_domain": None,
                    "kind": fields.get("kind", "complaint"),
                    "team": fields.get("team_id"),
                    "category": fields.get("category_id"),
                    "hidden": fields.get("is_hidden_complaint") == "True",
                    "preference": fields.get("handling_preference", "informal"),
                }
            )
    nl = _dutch()
    categories = {
        xmlid: [nl.get(fields["name"], fields["name"])]
        for xmlid, fields in _records(CATEGORY_DATA, "klachtenbeheer.category")
    }
    return items, teams, categories


def ground_keywords():
    return {
        xmlid: [w.strip() for w in fields["keywords"].split(",") if w.strip()]
        for xmlid, fields in _records(GROUND_DATA, "klachtenbeheer.procedure.ground")
        if fields.get("keywords")
    }


# --- (b) the written corpus -------------------------------------------------

CORPUS = REPO / "bench" / "data" / "complaints_nl.jsonl"
CORPUS_TEAMS = {
    "vastgoed": ["Vastgoed en Onderhoud", "reparaties, onderhoud, aannemers"],
    "wonen": ["Wonen en Klantcontact", "verhuur, woningtoewijzing, klantcontact"],
    "financien": ["Huur en Financiën", "huur, servicekosten, incasso"],
    "leefbaarheid": ["Leefbaarheid", "overlast, wijkbeheer, buurt"],
}
CORPUS_CATEGORIES = {
    "no_answer": ["Geen of te laat antwoord"],
    "repair": ["Reparatie niet goed uitgevoerd"],
    "wrongly_handled": ["Verzoek ten onrechte afgewezen of verkeerd behandeld"],
    "treatment": ["Onjuiste bejegening"],
    "costs": ["Kosten en rekeningen"],
    "other": ["Overig"],
}


def corpus():
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


# --- (c) a synthetic register ------------------------------------------------
# 8 areas x 5 disciplines = 40 teams; 25 categories, five per discipline, with
# vocabularies that overlap (the fitter, the letter, the costs, the
# neighbours come up everywhere); the area shows only when the writer names
# a street or the neighbourhood; label noise as in a real register.

AREAS = {
    "Noord": (
        "Vogelwijk",
        ["Merelstraat", "Lijsterlaan", "Spreeuwpad", "Kievitstraat", "Zwaluwhof"],
    ),
    "Zuid": (
        "Bloemenbuurt",
        ["Tulpstraat", "Rozenlaan", "Narcisweg", "Dahliahof", "Irisstraat"],
    ),
    "Oost": (
        "Schildersbuurt",
        ["Rembrandtlaan", "Vermeerstraat", "Steenstraat", "Halsweg", "Mondriaanhof"],
    ),
    "West": (
        "Bomenwijk",
        ["Eikenlaan", "Beukenstraat", "Lindelaan", "Esdoornhof", "Kastanjeweg"],
    ),
    "Centrum": (
        "Binnenstad",
        ["Kerkstraat", "Marktplein", "Molenstraat", "Havenkade", "Torenstraat"],
    ),
    "Haven": (
        "Havenkwartier",
        ["Kadestraat", "Dokweg", "Ankerhof", "Zeilmakerstraat", "Loodsweg"],
    ),
    "Dorp": (
        "Kerkdorp",
        ["Dorpsstraat", "Schoolstraat", "Brink", "Kerkpad", "Veldweg"],
    ),
    "Park": (
        "Parkzicht",
        ["Parklaan", "Vijverhof", "Weidestraat", "Slotlaan", "Beekweg"],
    ),
}

DISCIPLINES = (
    "Onderhoud",
    "Verhuur",
    "Huur en Incasso",
    "Leefbaarheid",
    "Klantcontact",
)

# category: (discipline, name, keywords an organisation would enter, sentences)
CATEGORIES = {
    "lekkage": (
        0,
        "Lekkage en vocht",
        ["lekkage", "vocht", "schimmel"],
        [
            "Er zit een grote vochtplek in het plafond van de {room}.",
            "Het lekt bij elke regenbui door het dak.",
            "Achter de kast groeit schimmel op de muur van de {room}.",
            "Het water druppelt langs de muur naar beneden.",
            "De lekkage bij het raam is nog niet verholpen.",
        ],
    ),
    "verwarming": (
        0,
        "Verwarming en warm water",
        ["verwarming", "cv-ketel", "warm water"],
        [
            "De cv-ketel valt steeds uit en geeft een storing.",
            "De radiator in de {room} wordt niet warm.",
            "We hebben al dagen geen warm water.",
            "Het is binnen maar 15 graden, de verwarming doet het niet goed.",
            "De thermostaat reageert niet meer.",
        ],
    ),
    "reparatie": (
        0,
        "Reparatie niet goed uitgevoerd",
        ["reparatie", "niet goed", "opnieuw"],
        [
            "De reparatie is slordig uitgevoerd en het is alweer kapot.",
            "De monteur heeft het maar half gemaakt.",
            "Na de reparatie werkt de {thing} nog steeds niet.",
            "Er is niets aan gedaan, alleen even naar gekeken.",
            "Het is afgeraffeld werk, zo kan ik het niet laten.",
        ],
    ),
    "afspraak": (
        0,
        "Afspraak monteur niet nagekomen",
        ["afspraak", "niet gekomen", "monteur"],
        [
            "De monteur is niet op de afspraak gekomen.",
            "Ik heb de hele ochtend voor niets gewacht.",
            "Ik had er een dag vrij voor genomen.",
            "De afspraak is op het laatste moment afgezegd.",
            "Er is niemand gekomen en niemand heeft gebeld.",
        ],
    ),
    "renovatie": (
        0,
        "Overlast door renovatie",
        ["renovatie", "aannemer", "werkzaamheden"],
        [
            "Door de renovatie ligt er overal stof in huis.",
            "De aannemer begint al om zeven uur met boren.",
            "De steigers staan al maanden voor mijn raam.",
            "De bouwvakkers laten hun rommel in de tuin liggen.",
            "Niemand heeft ons over de werkzaamheden ingelicht.",
        ],
    ),
    "toewijzing": (
        1,
        "Woningtoewijzing",
        ["toewijzing", "wachtlijst", "inschrijving"],
        [
            "De woning is aan iemand anders toegewezen terwijl ik bovenaan stond.",
            "Mijn inschrijving is zomaar vervallen.",
            "Ik sta al jaren op de wachtlijst.",
            "Ik heb op de woning gereageerd maar nooit een uitnodiging gekregen.",
            "Ik begrijp niet waarom mijn reactie niet is meegenomen.",
        ],
    ),
    "urgentie": (
        1,
        "Urgentie afgewezen",
        ["urgentie", "afgewezen"],
        [
            "Mijn aanvraag voor urgentie is afgewezen.",
            "Er is geen rekening gehouden met mijn medische situatie.",
            "De commissie heeft mijn urgentie geweigerd zonder met mij te praten.",
            "Ik moet door mijn scheiding uit huis en krijg geen urgentie.",
        ],
    ),
    "oplevering": (
        1,
        "Oplevering en eindinspectie",
        ["oplevering", "eindinspectie"],
        [
            "Bij de eindinspectie werd ik als een crimineel behandeld.",
            "Ik moet kosten betalen voor schilderwerk bij de oplevering.",
            "De opzichter keurde de oplevering af om kleine gaatjes.",
            "Bij vertrek moest ik de vloer eruit halen, dat was niet afgesproken.",
        ],
    ),
    "woningruil": (
        1,
        "Woningruil en medehuur",
        ["woningruil", "medehuurder"],
        [
            "Mijn verzoek om woningruil is nog steeds niet beoordeeld.",
            "U weigert mijn partner als medehuurder op het contract.",
            "Ik wil ruilen met mijn buurvrouw, maar krijg geen toestemming.",
            "Mijn zoon mag geen medehuurder worden.",
        ],
    ),
    "aanpassing": (
        1,
        "Woningaanpassing",
        ["aanpassing", "wmo", "traplift"],
        [
            "Mijn aanvraag voor een traplift ligt al maanden stil.",
            "De douchestoel en beugels zijn afgewezen.",
            "De drempels worden niet weggehaald voor mijn rolstoel.",
            "De gemeente en de corporatie wijzen naar elkaar voor de aanpassing.",
        ],
    ),
    "huurverhoging": (
        2,
        "Huurverhoging",
        ["huurverhoging"],
        [
            "De huurverhoging is dit jaar veel te hoog.",
            "Ik begrijp de brief over de huurverhoging niet.",
            "Mijn inkomen is gedaald maar de huur gaat toch omhoog.",
            "De huurprijs past niet bij de staat van de woning.",
        ],
    ),
    "servicekosten": (
        2,
        "Servicekosten",
        ["servicekosten", "afrekening"],
        [
            "In de afrekening servicekosten staan kosten voor schoonmaak die nooit "
            "is gedaan.",
            "Het voorschot servicekosten is fors verhoogd zonder uitleg.",
            "Ik betaal voor glasbewassing maar de ramen worden nooit gewassen.",
            "De jaarafrekening klopt niet.",
        ],
    ),
    "incasso": (
        2,
        "Incasso en aanmaningen",
        ["aanmaning", "incasso", "huurachterstand"],
        [
            "Ik krijg aanmaningen terwijl ik een betalingsregeling heb.",
            "U heeft mijn huurachterstand aan een incassobureau gegeven.",
            "De incassokosten zijn hoger dan de achterstand zelf.",
            "Er stond zomaar een deurwaarder aan de deur.",
        ],
    ),
    "betaling": (
        2,
        "Fout in betaling",
        ["afschrijving", "dubbel", "terugbetalen"],
        [
            "De huur is deze maand twee keer afgeschreven.",
            "Mijn borg is nog steeds niet terugbetaald.",
            "Er is een verkeerd bedrag van mijn rekening gehaald.",
            "Het teveel betaalde bedrag staat nog niet op mijn rekening.",
        ],
    ),
    "huurtoeslag": (
        2,
        "Huurtoeslag en huurprijsinformatie",
        ["huurtoeslag"],
        [
            "Door uw verkeerde opgave moet ik huurtoeslag terugbetalen.",
            "U heeft de huurprijs te laat doorgegeven aan de belastingdienst.",
            "Ik kreeg verkeerde informatie over de huurtoeslaggrens.",
            "Het jaaroverzicht voor de huurtoeslag is niet verstuurd.",
        ],
    ),
    "overlast": (
        3,
        "Afhandeling overlastmelding",
        ["overlast", "melding"],
        [
            "Ik meld al maanden overlast van de buren maar er gebeurt niets.",
            "Mijn overlastmelding is zonder overleg gesloten.",
            "De wijkconsulent neemt de overlast niet serieus.",
            "Er wordt niets gedaan aan de buren, ondanks alle meldingen.",
        ],
    ),
    "schoonmaak": (
        3,
        "Schoonmaak algemene ruimten",
        ["schoonmaak", "portiek", "trappenhuis"],
        [
            "Het trappenhuis wordt al weken niet schoongemaakt.",
            "De galerij is smerig en er ligt overal zwerfvuil.",
            "De schoonmaker komt veel minder vaak dan afgesproken.",
            "In de lift ruikt het naar urine.",
        ],
    ),
    "groen": (
        3,
        "Groen en tuinen",
        ["groen", "tuin", "hovenier"],
        [
            "Het gras in de binnentuin is al maanden niet gemaaid.",
            "De hovenier heeft mijn planten weggehaald.",
            "De heg is zo hoog dat het licht niet meer binnenkomt.",
            "De bomen bij het complex worden niet gesnoeid.",
        ],
    ),
    "afval": (
        3,
        "Afval en containers",
        ["container", "afval"],
        [
            "De container wordt niet geleegd en het afval ligt ernaast.",
            "Bij de ondergrondse container lopen ratten.",
            "De vuilnispas werkt niet en ik kan mijn afval nergens kwijt.",
            "Grofvuil blijft wekenlang bij de ingang staan.",
        ],
    ),
    "veiligheid": (
        3,
        "Veiligheid en verlichting",
        ["verlichting", "onveilig"],
        [
            "De verlichting in de portiek is al weken kapot, het is er donker.",
            "De portiekdeur sluit niet, iedereen loopt zo naar binnen.",
            "Ik voel me niet veilig in de parkeergarage.",
            "Er is al twee keer ingebroken in de bergingen.",
        ],
    ),
    "bereikbaarheid": (
        4,
        "Telefonische bereikbaarheid",
        ["bereikbaar", "wachttijd"],
        [
            "Ik hang elke keer een half uur in de wacht.",
            "Niemand neemt de telefoon op.",
            "De verbinding wordt steeds verbroken als ik bel.",
            "Jullie zijn nooit bereikbaar na vier uur.",
        ],
    ),
    "antwoord": (
        4,
        "Geen of te laat antwoord",
        ["geen antwoord", "geen reactie"],
        [
            "Ik heb nooit antwoord gekregen op mijn mail.",
            "Ik zou teruggebeld worden maar niemand heeft gebeld.",
            "De termijn voor een antwoord is al lang verstreken.",
            "Op mijn brief van vorige maand is nog steeds niet gereageerd.",
        ],
    ),
    "bejegening": (
        4,
        "Bejegening door medewerker",
        ["onbeschoft", "onvriendelijk", "bejegening"],
        [
            "De medewerker was onbeschoft en viel mij steeds in de rede.",
            "Ik werd afgesnauwd aan de balie.",
            "De toon van de medewerker was neerbuigend.",
            "Ik werd uitgelachen toen ik mijn vraag stelde.",
        ],
    ),
    "informatie": (
        4,
        "Onjuiste informatie",
        ["informatie", "verkeerd"],
        [
            "Ik heb verkeerde informatie gekregen van uw medewerker.",
            "Op de website staat iets anders dan in de brief.",
            "Iedere medewerker vertelt een ander verhaal.",
            "Ik ben verkeerd geïnformeerd over mijn rechten.",
        ],
    ),
    "privacy": (
        4,
        "Privacy",
        ["privacy", "gegevens"],
        [
            "Mijn gegevens zijn met de buren gedeeld.",
            "Mijn brief is naar een verkeerd adres gestuurd.",
            "Uw medewerker besprak mijn schulden waar anderen bij stonden.",
            "Er hangt een lijst met namen en huurachterstanden in de hal.",
        ],
    ),
}

ROOMS = ["keuken", "badkamer", "slaapkamer", "woonkamer", "gang", "kinderkamer"]
THINGS = ["kraan", "deur", "cv-ketel", "afzuiging", "wc", "douche", "intercom", "lift"]

GENERIC = [
    "Ik ben hier erg ontevreden over.",
    "Dit is niet de eerste keer.",
    "Ik verwacht dat dit snel wordt opgelost.",
    "Ik heb hier al eerder over gebeld.",
    "Graag een reactie.",
    "Dit kan toch niet de bedoeling zijn.",
    "Ik betaal elke maand keurig mijn huur.",
    "Ik heb twee kleine kinderen.",
    "Ik ben 78 jaar en slecht ter been.",
    "Ik werk overdag, dus ik kan niet steeds thuisblijven.",
    "Wat gaat u hieraan doen?",
    "Ik hoop op een snelle oplossing.",
    "Ik voel me niet serieus genomen.",
    "Ik heb foto's gemaakt, die stuur ik mee.",
    "Mijn buurvrouw heeft hetzelfde probleem.",
    "Het is echt heel vervelend.",
    "Ik wil dat iemand hiernaar kijkt.",
    "Kunt u mij laten weten wat u gaat doen?",
    "Dit duurt nu al veel te lang.",
    "Ik heb het gevoel dat niemand luistert.",
    "Volgens mij is dit al eerder gemeld.",
    "Ik snap niet dat dit zo moet gaan.",
    "Bij de vorige corporatie ging dit veel beter.",
    "Het gaat om de woning op de derde verdieping.",
]
EXPLICIT = [
    "Hierbij dien ik een klacht in.",
    "Ik wil een officiële klacht indienen.",
    "Dit is een klacht.",
    "Ik ben zeer ontevreden en dien een klacht in.",
    "Ik wil hierover klagen.",
]
HIDDEN_REMARKS = [
    "Is hij er weer niet?",
    "Ik zou teruggebeld worden.",
    "Is er al nieuws?",
    "Nog steeds niks gehoord.",
    "Er zou iemand langskomen.",
    "Jammer dat het weer niet gelukt is.",
    "Ik wacht nog steeds.",
    "Hoe lang gaat dit nog duren?",
    "Voor de derde keer gebeld nu.",
    "Zucht, alweer.",
]
GREETINGS = [
    "Goedemiddag,",
    "Geachte heer, mevrouw,",
    "Hallo,",
    "Beste mensen,",
    "Hoi,",
    "",
]
CLOSINGS = [
    "Met vriendelijke groet,",
    "Groet,",
    "Mvg",
    "Alvast bedankt.",
    "Hoogachtend,",
    "",
]
NAMES = [
    "Jansen",
    "de Vries",
    "Bakker",
    "Yilmaz",
    "El Amrani",
    "Visser",
    "Smit",
    "de Boer",
    "Mulder",
    "Öztürk",
    "Peters",
    "Hendriks",
]
REPRESENTATIVES = [
    ("Ik schrijf namens mijn moeder, mevrouw {name}.", "gmail.com"),
    (
        "Namens mijn cliënt, de heer {name}, dien ik het volgende in.",
        "advocatenkantoor-{slug}.nl",
    ),
    ("Als bewindvoerder van de heer {name} schrijf ik u.", "bewind-{slug}.nl"),
    ("Ik mail voor mijn vader, hij kan zelf niet mailen.", "hotmail.com"),
    ("Ik ben de dochter van mevrouw {name} en regel haar zaken.", "ziggo.nl"),
    (
        "Namens mevrouw {name}, die ik als maatschappelijk werker begeleid:",
        "wijkteam-{slug}.nl",
    ),
    ("Als gemachtigde van de familie {name}:", "juridischloket.nl"),
]
REPAIR = [
    "Kan er iemand komen om het te maken?",
    "Graag een monteur sturen.",
    "Wilt u het laten repareren?",
    "Wanneer kan het gemaakt worden?",
    "Het is kapot sinds gisteren.",
    "Kan ik een afspraak maken voor de reparatie?",
]
NUISANCE = [
    "De buren draaien elke nacht harde muziek.",
    "De hond van de buren blaft de hele dag.",
    "Er hangt een sterke hennepgeur in het portiek.",
    "De bovenburen maken ruzie en schreeuwen.",
    "Er wordt gedeald voor de deur.",
    "Mijn buurman bedreigt mij.",
    "Er staan steeds vuilniszakken van de buren op de galerij.",
]
FRAUD = [
    "De huurder van nummer {n} woont er al maanden niet.",
    "Ik denk dat de woning wordt onderverhuurd.",
    "Er komen steeds andere mensen met koffers, via airbnb.",
    "Er wonen veel te veel mensen in de woning naast mij.",
    "De hoofdhuurder woont bij zijn vriendin en zijn neef woont er nu.",
]
DISPUTE = [
    "Ik leg dit voor aan de huurcommissie.",
    "Ik ga hiermee naar de kantonrechter.",
    "Ik maak bezwaar en wil een uitspraak van de huurcommissie.",
    "Ik ben het niet eens en start een procedure bij de geschillencommissie.",
    "Ik stel u aansprakelijk voor de schade.",
]
PROVIDERS = [
    "gmail.com",
    "hotmail.com",
    "ziggo.nl",
    "kpnmail.nl",
    "outlook.com",
    "live.nl",
    "planet.nl",
    "home.nl",
]
CHANNELS = [
    "email",
    "email",
    "email",
    "web_form",
    "web_form",
    "phone",
    "phone",
    "letter",
    "front_desk",
    "social_media",
]


def _typo(rng, word):
    if len(word) < 5 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.random()
    if kind < 0.4:
        return word[:i] + word[i + 1 :]
    if kind < 0.7:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


def _fill(rng, sentence, area):
    return sentence.format(
        room=rng.choice(ROOMS), thing=rng.choice(THINGS), n=rng.randint(1, 80)
    )


KIND_ROLLS = (
    (0.80, "complaint"),
    (0.88, "repair_request"),
    (0.93, "nuisance"),
    (0.95, "housing_fraud"),
    (1.00, "dispute"),
)
# What a message that is no complaint is about.
KIND_CATEGORIES = {
    "repair_request": ["lekkage", "verwarming", "reparatie", "veiligheid"],
    "nuisance": ["overlast", "afval", "schoonmaak"],
    "housing_fraud": ["overlast", "toewijzing"],
    "dispute": ["huurverhoging", "servicekosten", "oplevering", "incasso"],
}


def _where(rng, area, areas):
    neighbourhood, streets = AREAS[area]
    where = rng.random()
    if where < 0.45:
        return [f"Ik woon aan de {rng.choice(streets)} {rng.randint(1, 120)}."]
    if where < 0.6:
        return [f"Het gaat om een woning in {neighbourhood}."]
    if where < 0.65:
        # A street of another area: people write about where they visit.
        other = AREAS[rng.choice(areas)][1]
        return [f"Het gaat om mijn moeder aan de {rng.choice(other)}."]
    return []


def _what(rng, kind, hidden, own, area):
    """The sentences that say what the message is about."""
    if kind == "complaint" and hidden:
        parts = [rng.choice(HIDDEN_REMARKS)]
        if rng.random() < 0.6:
            parts.append(_fill(rng, own[0], area))
        return parts
    if kind == "complaint":
        parts = [_fill(rng, s, area) for s in own]
        if rng.random() < 0.3:
            parts.append(rng.choice(EXPLICIT))
        if rng.random() < 0.15:
            parts.append(rng.choice(HIDDEN_REMARKS))
        return parts
    if kind == "repair_request":
        return [_fill(rng, own[0], area), rng.choice(REPAIR)]
    if kind == "nuisance":
        return rng.sample(NUISANCE, rng.randint(1, 2))
    if kind == "housing_fraud":
        return [_fill(rng, rng.choice(FRAUD), area) for _ in range(rng.randint(1, 2))]
    return [_fill(rng, own[0], area), rng.choice(DISPUTE)]


def _subject(rng, cat, area):
    roll = rng.random()
    if roll < 0.5:
        subject = rng.choice(CATEGORIES[cat][3]).split(",")[0].rstrip(".")
        return _fill(rng, subject, area)
    if roll < 0.7:
        return CATEGORIES[cat][2][0].capitalize()
    return rng.choice(["Klacht", "Melding", "Vraag", "Re: uw brief", "Dringend", ""])


def _message(rng, cats, cat_weights, areas):
    roll = rng.random()
    kind = next(k for limit, k in KIND_ROLLS if roll < limit)
    if kind == "complaint":
        cat = rng.choices(cats, cat_weights)[0]
    else:
        cat = rng.choice(KIND_CATEGORIES[kind])
    discipline, _name, _kw, sentences = CATEGORIES[cat]
    area = rng.choice(areas)
    channel = rng.choice(CHANNELS)
    hidden = kind == "complaint" and rng.random() < 0.07
    representative = rng.random() < 0.07
    parts = []
    domain = rng.choice(PROVIDERS) if channel in ("email", "web_form") else None
    if representative:
        text, rep_domain = rng.choice(REPRESENTATIVES)
        parts.append(text.format(name=rng.choice(NAMES), slug=area.lower()))
        if domain:
            domain = rep_domain.format(slug=area.lower())
    parts += _where(rng, area, areas)
    own = rng.sample(sentences, rng.randint(1, min(3, len(sentences))))
    parts += _what(rng, kind, hidden, own, area)
    # Confusers: a sentence of another category of the same discipline,
    # generic sentences, typing errors, a greeting.
    if rng.random() < 0.35:
        sibling = rng.choice(
            [c for c, v in CATEGORIES.items() if v[0] == discipline and c != cat]
        )
        parts.append(_fill(rng, rng.choice(CATEGORIES[sibling][3]), area))
    parts += rng.sample(GENERIC, rng.randint(0, 3))
    body = " ".join(parts)
    if rng.random() < 0.3:
        body = " ".join(
            _typo(rng, w) if rng.random() < 0.05 else w for w in body.split(" ")
        )
    greeting, closing = rng.choice(GREETINGS), rng.choice(CLOSINGS)
    body = f"{greeting} {body} {closing} {rng.choice(NAMES)}".strip()
    # Who handles it: the area's team of the category's discipline, but a
    # contact-centre team takes a share of everything, and the register is
    # not consistent.
    team_discipline = 4 if rng.random() < 0.12 else discipline
    team = f"{area} {DISCIPLINES[team_discipline]}"
    if rng.random() < 0.07:
        team = f"{rng.choice(areas)} {DISCIPLINES[rng.randrange(5)]}"
    category = cat
    if rng.random() < 0.10:
        siblings = [c for c, v in CATEGORIES.items() if v[0] == discipline]
        category = rng.choice(siblings if rng.random() < 0.7 else cats)
    if kind == "complaint" and rng.random() < 0.05:
        hidden = not hidden
    return {
        "subject": _subject(rng, cat, area),
        "body": body,
        "channel": channel,
        "sender_domain": domain,
        "kind": kind,
        "team": team,
        "category": category,
        "hidden": hidden,
        "representative": representative,
    }


def synthetic_register(size, seed=17):
    """-> (items, team keywords, category keywords): ``size`` messages to a
    corporation with 40 teams and 25 categories."""
    rng = random.Random(seed)
    cats = list(CATEGORIES)
    areas = list(AREAS)
    # Some categories come in far more often than others (fixed per seed).
    cat_weights = [
        random.Random(seed * 31 + i).uniform(0.3, 3.0) for i in range(len(cats))
    ]
    items = [_message(rng, cats, cat_weights, areas) for _ in range(size)]
    # The keywords an organisation would enter: the area's names and
    # streets and the discipline's category keywords for a team; the name
    # and two or three words for a category.
    team_keywords = {
        f"{area} {DISCIPLINES[d]}": [
            area,
            AREAS[area][0],
            *AREAS[area][1],
            *(w for v in CATEGORIES.values() if v[0] == d for w in v[2]),
        ]
        for area in areas
        for d in range(5)
    }
    category_keywords = {c: [v[1], *v[2]] for c, v in CATEGORIES.items()}
    return items, team_keywords, category_keywords


# --- scoring -----------------------------------------------------------------

BINARY = ("hidden", "representative")


def label_of(item, target):
    value = item.get(target)
    if target in BINARY:
        return None if value is None else ("yes" if value else "no")
    return value or None


def prepare(items):
    for item in items:
        item["feats"], item["surface"] = sg.analyse(
            item["subject"],
            item["body"],
            item.get("channel"),
            item.get("sender_domain"),
        )
        item["folded"] = sg.fold(f"{item['subject']} {item['body']}")
    return items


def learn(items, target):
    table = sg.Table()
    for item in items:
        label = label_of(item, target)
        if label is not None:
            table.add(label, item["feats"])
    return table


class KeywordBaseline:
    """A label whose keyword occurs in the text (a word starting with it,
    as the ground suggestion matches today); the most matches first."""

    def __init__(self, mapping, default=None):
        self.patterns = [
            (str(label), [re.compile(r"\b" + re.escape(sg.fold(w))) for w in words])
            for label, words in mapping.items()
        ]
        self.default = default

    def rank(self, item):
        hits = []
        for order, (label, patterns) in enumerate(self.patterns):
            n = sum(1 for p in patterns if p.search(item["folded"]))
            if n:
                hits.append((-n, order, label))
        ranked = [label for _n, _order, label in sorted(hits)]
        if self.default and self.default not in ranked[:1]:
            if not ranked:
                ranked = [self.default]
        return ranked


def binary_baseline(mapping):
    """yes when a "yes" keyword occurs."""
    yes = KeywordBaseline({"yes": mapping["yes"]})
    return lambda item: yes.rank(item)[:1] or ["no"]


class Scores:
    def __init__(self):
        self.n = self.top1 = self.top3 = 0
        self.tp = self.fp = self.fn = 0

    def rank(self, truth, ranked):
        self.n += 1
        self.top1 += bool(ranked) and ranked[0] == truth
        self.top3 += truth in ranked[:3]

    def detect(self, truth, predicted):
        self.n += 1
        self.tp += truth and predicted
        self.fp += predicted and not truth
        self.fn += truth and not predicted

    def accuracy(self, top=1):
        if not self.n:
            return "–"
        return f"{100 * (self.top1 if top == 1 else self.top3) / self.n:.0f} %"

    def precision(self):
        found = self.tp + self.fp
        return f"{100 * self.tp / found:.0f} %" if found else "–"

    def recall(self):
        real = self.tp + self.fn
        return f"{100 * self.tp / real:.0f} %" if real else "–"


def positive(target, label):
    """The label counted as found: not a complaint, hidden, represented."""
    if target == "kind":
        return label is not None and label != "complaint"
    return label == "yes"


def folds(items, k=5, seed=SEED):
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    for f in range(k):
        test = [items[i] for i in order[f::k]]
        train = [items[i] for j, i in enumerate(order) if j % k != f]
        yield train, test


def split(items, seed=SEED):
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    cut = int(len(order) * 0.8)
    return [items[i] for i in order[:cut]], [items[i] for i in order[cut:]]


def evaluate(parts, targets, priors, baselines):
    """-> {(method, target): Scores} over (train, test) parts."""
    scores = {}
    for train, test in parts:
        for target in targets:
            table = learn(train, target)
            prior = priors.get(target)
            for item in test:
                truth = label_of(item, target)
                if truth is None:
                    continue
                ranked = {
                    "Trefwoorden": baselines[target](item),
                    "Koude start": [
                        s.label for s in sg.suggest(None, item["feats"], prior=prior)
                    ]
                    if prior
                    else [],
                    "Geleerd": [
                        s.label for s in sg.suggest(table, item["feats"], prior=prior)
                    ],
                }
                for method, labels in ranked.items():
                    s = scores.setdefault((method, target), Scores())
                    if target in ("team", "category", "preference"):
                        s.rank(truth, labels)
                    else:
                        s.detect(
                            positive(target, truth),
                            positive(target, labels[0] if labels else None),
                        )
    return scores


METHODS = ("Trefwoorden", "Koude start", "Geleerd")


def table_rows(scores, targets):
    rows = []
    for method in METHODS:
        row = [method]
        for target in targets:
            s = scores.get((method, target))
            if s is None:
                row += ["–"] * (2 if target != "preference" else 1)
            elif target in ("team", "category"):
                row += [s.accuracy(1), s.accuracy(3)]
            elif target == "preference":
                row += [s.accuracy(1)]
            else:
                row += [s.precision(), s.recall()]
        rows.append(row)
    return rows


HEADERS = {
    "team": ["team top-1", "team top-3"],
    "category": ["categorie top-1", "categorie top-3"],
    "kind": ["geen klacht: precisie", "geen klacht: recall"],
    "hidden": ["verborgen: precisie", "verborgen: recall"],
    "representative": ["namens: precisie", "namens: recall"],
    "preference": ["afhandelwens top-1"],
}


def markdown(title, scores, targets, note=""):
    head = ["methode"] + [h for t in targets for h in HEADERS[t]]
    print(f"\n### {title}\n")
    if note:
        print(note + "\n")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(" --- " for _ in head) + "|")
    for row in table_rows(scores, targets):
        print("| " + " | ".join(row) + " |")


def fixed_priors():
    return {
        t: sg.cold_start(t) for t in ("kind", "hidden", "representative", "preference")
    }


def fixed_baselines():
    kind = KeywordBaseline(vocab.KIND, "complaint")
    return {
        "kind": kind.rank,
        "hidden": binary_baseline(vocab.HIDDEN),
        "representative": binary_baseline(vocab.REPRESENTATIVE),
        "preference": lambda item: [
            hp.detect(f"{item['subject']}\n{item['body']}") or "informal"
        ],
    }


def organisation(targets_keywords):
    """Priors and baselines for team and category from names/keywords."""
    priors, baselines = {}, {}
    for target, mapping in targets_keywords.items():
        priors[target] = sg.keyword_table(mapping)
        baselines[target] = KeywordBaseline(mapping).rank
    return priors, baselines


def learning_curve(train, test, priors, sizes):
    print("\n### Leercurve (synthetisch register, zelfde toetsdeel)\n")
    print(
        "| geleerde klachten | team top-1 | categorie top-1 "
        "| geen klacht: precisie | geen klacht: recall |"
    )
    print("| --- | --- | --- | --- | --- |")
    for size in sizes:
        part = train[:size]
        scores = evaluate(
            [(part, test)], ("team", "category", "kind"), priors, _NO_BASELINE
        )
        t, c, k = (scores[("Geleerd", x)] for x in ("team", "category", "kind"))
        print(
            f"| {size} | {t.accuracy()} | {c.accuracy()} "
            f"| {k.precision()} | {k.recall()} |"
        )


class _NoBaseline(dict):
    def __missing__(self, key):
        return lambda item: []


_NO_BASELINE = _NoBaseline()


DUTCH = {
    "team": "team",
    "category": "categorie",
    "kind": "soort",
    "hidden": "verborgen",
}


def calibration(train, test, priors):
    """How often the first suggestion is right, per band of its confidence."""
    bands = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.95), (0.95, 1.01))
    print("\n### Betrouwbaarheid van de zekerheid (synthetisch register)\n")
    print(
        "| doel | "
        + " | ".join(f"{lo:.2f}–{min(hi, 1):.2f}" for lo, hi in bands)
        + " |"
    )
    print("|" + " --- |" * (len(bands) + 1))
    for target in ("team", "category", "kind", "hidden"):
        table = learn(train, target)
        counts = [[0, 0] for _ in bands]
        for item in test:
            truth = label_of(item, target)
            best = sg.suggest(table, item["feats"], prior=priors.get(target), top=1)
            if truth is None or not best:
                continue
            for i, (lo, hi) in enumerate(bands):
                if lo <= best[0].confidence < hi:
                    counts[i][0] += 1
                    counts[i][1] += best[0].label == truth
        cells = [
            f"{100 * right / n:.0f} % van {n}" if n else "–" for n, right in counts
        ]
        print(f"| {DUTCH[target]} | " + " | ".join(cells) + " |")


def _nl(number):
    """12345 -> "12.345" (Dutch thousands)."""
    return f"{number:,}".replace(",", ".")


# --- speed -------------------------------------------------------------------


def _per_mail(mails, call, runs=3):
    """µs per mail of ``call(item)``, the best of ``runs`` passes (the
    machine may be shared)."""
    best = None
    for _ in range(runs):
        t0 = time.perf_counter()
        for item in mails:
            call(item)
        elapsed = time.perf_counter() - t0
        best = elapsed if best is None else min(best, elapsed)
    return best / len(mails) * 1e6


def timing(train, test, priors, size):
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\n### Snelheid (pure Python, één kern; beste van 3 keer; "
        f"belasting van de machine bij de start {load:.1f})\n"
    )
    mails = test[: min(len(test), 2000)]
    analyse_us = _per_mail(
        mails,
        lambda item: sg.analyse(
            item["subject"], item["body"], item["channel"], item["sender_domain"]
        ),
    )
    tables = {
        t: learn(train, t)
        for t in ("kind", "team", "category", "hidden", "representative")
    }
    tables["preference"] = sg.Table()
    tables["ground"] = sg.Table()
    all_priors = dict(priors)
    all_priors["ground"] = sg.keyword_table(ground_keywords())
    print("| stap | per mail |")
    print("| --- | --- |")
    print(f"| analyse() (onderwerp + tekst naar kenmerken) | {analyse_us:.0f} µs |")
    total = analyse_us
    for target in sg.TARGETS:
        table, prior = tables[target], all_priors.get(target)
        us = _per_mail(
            mails,
            lambda item, t=table, p=prior: sg.suggest(
                t, item["feats"], item["surface"], prior=p
            ),
        )
        total += us
        labels = len(set(table.docs) | set(prior.docs if prior else ()))
        print(
            f"| suggest() {target} ({labels} labels, {table.examples} geleerd) "
            f"| {us:.0f} µs |"
        )
    print(f"| alle zeven doelen samen | {total:.0f} µs |")

    # Learning: Table.add of 10 x size complaints, made and analysed in
    # batches (not timed with the learning).
    n = 10 * size
    team = sg.Table()
    five = {t: sg.Table() for t in ("kind", "category", "hidden", "representative")}
    made = analysed = learned_team = learned_rest = 0.0
    done = 0
    batch = 0
    while done < n:
        step = min(10000, n - done)
        t0 = time.perf_counter()
        items, _t, _c = synthetic_register(step, seed=SEED + 1000 + batch)
        t1 = time.perf_counter()
        prepare(items)
        t2 = time.perf_counter()
        for item in items:
            team.add(item["team"], item["feats"])
        t3 = time.perf_counter()
        for item in items:
            for target, table in five.items():
                table.add(label_of(item, target), item["feats"])
        t4 = time.perf_counter()
        made += t1 - t0
        analysed += t2 - t1
        learned_team += t3 - t2
        learned_rest += t4 - t3
        done += step
        batch += 1
    print(f"\n| leren van {_nl(n)} klachten | tijd |")
    print("| --- | --- |")
    print(f"| analyse() van alle teksten | {analysed:.1f} s |")
    print(f"| Table.add(), één tabel (team) | {learned_team:.1f} s |")
    print(
        "| Table.add(), vijf tabellen (team, soort, categorie, verborgen, namens) "
        f"| {learned_team + learned_rest:.1f} s |"
    )
    print(
        f"| omvang teamtabel | {_nl(team.vocabulary)} kenmerken, "
        f"{_nl(sum(len(c) for c in team.counts.values()))} tellingen |"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000, help="synthetic register")
    for ignored in ("--odoo", "--db", "--addons-path"):
        parser.add_argument(ignored, help=argparse.SUPPRESS)
    args = parser.parse_args()
    start = time.time()
    print(
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{time.strftime('%Y-%m-%d', time.gmtime())}"
    )

    fixed_p, fixed_b = fixed_priors(), fixed_baselines()

    items, teams, categories = demo_register()
    prepare(items)
    org_p, org_b = organisation({"team": teams, "category": categories})
    scores = evaluate(
        list(folds(items)),
        ("team", "category", "kind", "hidden"),
        {**fixed_p, **org_p},
        {**fixed_b, **org_b},
    )
    markdown(
        f"(a) Demoregister ({len(items)} klachten, 5 × 80/20)",
        scores,
        ("team", "category", "kind", "hidden"),
        "Teams en categorieën: koude start uit hun namen (en de omschrijving "
        "van het team).",
    )

    items = prepare(corpus())
    org_p, org_b = organisation({"team": CORPUS_TEAMS, "category": CORPUS_CATEGORIES})
    targets = ("team", "category", "kind", "hidden", "representative", "preference")
    scores = evaluate(
        list(folds(items)), targets, {**fixed_p, **org_p}, {**fixed_b, **org_b}
    )
    markdown(
        f"(b) Geschreven berichten ({len(items)}, 5 × 80/20)",
        scores,
        targets,
        "Afhandelwens: de trefwoordenmethode is tools/handling_preference.py.",
    )

    items, team_kw, category_kw = synthetic_register(args.size, seed=SEED)
    prepare(items)
    train, test = split(items)
    org_p, org_b = organisation({"team": team_kw, "category": category_kw})
    priors = {**fixed_p, **org_p}
    targets = ("team", "category", "kind", "hidden")
    scores = evaluate([(train, test)], targets, priors, {**fixed_b, **org_b})
    markdown(
        f"(c) Synthetisch register ({len(items)} klachten, 40 teams, "
        "25 categorieën, 80/20)",
        scores,
        targets,
    )
    sizes = [n for n in (25, 100, 400, 1600, 8000) if n < len(train)] + [len(train)]
    learning_curve(train, test, priors, sorted(set(sizes)))
    calibration(train, test, priors)
    timing(train, test, priors, args.size)
    print(f"\n(looptijd {time.time() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
