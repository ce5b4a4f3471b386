"""klachtenbeheer/tools/mail_parsing.py: reading incoming complaint mails.

The module is plain Python; it is loaded from its path, because importing the
klachtenbeheer package would import Odoo.
"""

import email
import email.policy
import importlib.util
from email.message import EmailMessage
from pathlib import Path

import pytest

MODULE = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/mail_parsing.py"
_spec = importlib.util.spec_from_file_location("klachten_mail_parsing", MODULE)
mp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mp)


class Headers(dict):
    """A small case-insensitive header mapping."""

    def __init__(self, **headers):
        super().__init__({k.replace("_", "-").lower(): v for k, v in headers.items()})

    def get(self, name, default=None):
        return super().get(name.lower(), default)


def message_with(headers):
    msg = EmailMessage()
    for name, value in headers.items():
        msg[name] = value
    return msg


# ---------------------------------------------------------------------------
# classify_automatic
# ---------------------------------------------------------------------------

OOO_NL = (
    "Tot en met 4 januari ben ik afwezig. Voor dringende zaken belt u met "
    "ons klantcontactcentrum via 088 123 45 67.\n\nMet vriendelijke groet,\n"
    "Petra Jansen"
)
OOO_NL_2 = (
    "Dank voor uw bericht. Ik ben momenteel met vakantie en vanaf maandag 12 "
    "augustus weer aanwezig. Uw e-mail wordt niet doorgestuurd."
)
OOO_EN = (
    "Thank you for your e-mail. I am out of the office until Monday 6 January "
    "with limited access to e-mail. I will reply as soon as I return."
)
OOO_DE = (
    "Vielen Dank für Ihre Nachricht. Ich bin bis zum 6. Januar nicht im Büro. "
    "In dringenden Fällen wenden Sie sich bitte an meine Kollegin."
)
OOO_FR = (
    "Bonjour, je suis absente du bureau jusqu'au 6 janvier. Pour toute urgence, "
    "merci de contacter l'accueil."
)
COMPLAINT_ABSENT = (
    "De monteur kwam niet opdagen, ik heb de hele dag thuis gezeten. Ik heb "
    "hiervoor een dag vrij moeten nemen."
)
COMPLAINT_HOLIDAY = (
    "Toen wij met vakantie waren is er ingebroken via de kapotte achterdeur "
    "die al maanden gemeld is. Ik wil dat dit nu wordt opgelost."
)
FORM_BODY = (
    "Naam: Jan de Vries\nE-mail: jan@example.nl\nOmschrijving: De lift is al "
    "twee weken kapot."
)


@pytest.mark.parametrize(
    "headers, subject, body, expected",
    [
        # RFC 3834 and vendor headers are decisive on their own.
        (Headers(Auto_Submitted="auto-replied"), "Re: uw klacht", "", "auto_reply"),
        (
            Headers(Auto_Submitted="auto-replied; owner-email=a@b.nl"),
            "Lekkage",
            "",
            "auto_reply",
        ),
        (Headers(X_Autoreply="yes"), "Uw bericht", "Bedankt.", "auto_reply"),
        (Headers(X_Autorespond="Vacation"), "Uw bericht", "", "auto_reply"),
        (Headers(X_Auto_Reply="1"), "Uw bericht", "", "auto_reply"),
        (Headers(X_Autoreply="no"), "Lekkage", COMPLAINT_ABSENT, None),
        (Headers(Precedence="auto_reply"), "Re: lekkage", "", "auto_reply"),
        # Strong subjects.
        (None, "Automatisch antwoord: Uw klacht KL/2026/00012", "", "auto_reply"),
        (None, "Automatic reply: Your complaint", "", "auto_reply"),
        (None, "Auto-reply: lekkage", "", "auto_reply"),
        (None, "AutoReply: lekkage", "", "auto_reply"),
        (None, "Out of Office: Klacht schimmel", "", "auto_reply"),
        (None, "[Out of the office] Klacht", "", "auto_reply"),
        (None, "Abwesenheitsnotiz: Ihre Beschwerde", "", "auto_reply"),
        (None, "Réponse automatique : votre plainte", "", "auto_reply"),
        (None, "Respuesta automática: queja", "", "auto_reply"),
        (None, "Risposta automatica: reclamo", "", "auto_reply"),
        # A strong phrase not at the start was written by a person.
        (None, "Fwd: Automatisch antwoord: Uw klacht", COMPLAINT_ABSENT, None),
        (
            None,
            "Waarom krijg ik alleen een automatisch antwoord?",
            "Ik wil een mens spreken.",
            None,
        ),
        # Weak subjects need an out-of-office body.
        (None, "Afwezig", OOO_NL, "auto_reply"),
        (None, "Niet aanwezig", OOO_NL_2, "auto_reply"),
        (None, "Vakantie", OOO_NL_2, "auto_reply"),
        (None, "Absence", OOO_FR, "auto_reply"),
        (None, "Away", OOO_EN, "auto_reply"),
        (None, "Holiday", OOO_EN, "auto_reply"),
        (None, "Afwezig bij afspraak: monteur kwam niet", COMPLAINT_ABSENT, None),
        (None, "Vakantie: inbraak via kapotte deur", COMPLAINT_HOLIDAY, None),
        (None, "Absence of repair", "Nobody came to repair the roof.", None),
        (None, "Afwezig: Uw klacht over de lift", OOO_NL, "auto_reply"),
        (None, "Afwezigheidsmelding", OOO_NL, "auto_reply"),
        (None, "Absent until Monday", OOO_EN, "auto_reply"),
        (None, "Vakantie tot 5 januari", OOO_NL_2, "auto_reply"),
        # An out-of-office phrase in the subject is a weak subject too.
        (None, "Ik ben afwezig tot 5 januari", OOO_NL, "auto_reply"),
        (Headers(Precedence="bulk"), "Ik ben afwezig tot 5 januari", "", "auto_reply"),
        (None, "Ik ben afwezig tot 5 januari", "", None),
        # A weak word that is not how the subject starts.
        (None, "Klacht over afwezige monteur", OOO_NL, None),
        (
            Headers(Auto_Submitted="auto-generated"),
            "Klachtformulier: monteur afwezig bij afspraak",
            FORM_BODY,
            None,
        ),
        (None, "Re: Vakantie", OOO_NL, None),
        # An out-of-office body alone: a person may write those words.
        (None, "Klacht over de lift", OOO_NL, None),
        (None, "", OOO_EN, None),
        # Soft machine headers need an out-of-office subject or body.
        (Headers(Precedence="bulk"), "Re: lekkage", OOO_NL, "auto_reply"),
        (Headers(Precedence="list"), "Abwesend", "", "auto_reply"),
        (Headers(Precedence="junk"), "Niet aanwezig", "", "auto_reply"),
        (
            Headers(Precedence="bulk"),
            "Klacht over nieuwsbrief",
            "Ik wil geen nieuwsbrief meer ontvangen.",
            None,
        ),
        (
            Headers(Auto_Submitted="auto-generated"),
            "Nieuw klachtformulier",
            FORM_BODY,
            None,
        ),
        (Headers(Auto_Submitted="auto-generated"), "Vakantie", OOO_DE, "auto_reply"),
        (Headers(Auto_Submitted="auto-generated"), "Abwesend", "", "auto_reply"),
        (Headers(Auto_Submitted="no"), "Afwezig", COMPLAINT_ABSENT, None),
        # Nothing at all.
        (None, None, None, None),
        (Headers(), "", "", None),
        ({}, "Lekkage", "Het dak lekt.", None),
    ],
)
def test_classify_automatic(headers, subject, body, expected):
    assert mp.classify_automatic(headers, subject, body) == expected


@pytest.mark.parametrize(
    "headers, subject, body, expected",
    [
        ({"Auto-Submitted": "auto-replied"}, "Lekkage", "", "auto_reply"),
        ({"AUTO-SUBMITTED": "Auto-Replied"}, "Lekkage", "", "auto_reply"),
        ({"Precedence": "bulk"}, "Out of office", "", "auto_reply"),
        ({"X-Autoreply": "yes"}, "", "", "auto_reply"),
        ({"Precedence": "bulk"}, "Lekkage", COMPLAINT_ABSENT, None),
        ({"Auto-Submitted": "auto-generated"}, "Klachtformulier", FORM_BODY, None),
    ],
)
def test_classify_automatic_email_message(headers, subject, body, expected):
    """The gateway passes the parsed message itself."""
    assert mp.classify_automatic(message_with(headers), subject, body) == expected


def test_classify_automatic_plain_dict_any_case():
    assert mp.classify_automatic({"x-autoreply": "yes"}, "", "") == "auto_reply"
    assert mp.classify_automatic({"PRECEDENCE": "auto_reply"}, "", "") == "auto_reply"


class BrokenHeaders:
    def get(self, name):
        raise ValueError("defective header")


def test_classify_automatic_defective_headers_are_ignored():
    assert mp.classify_automatic(BrokenHeaders(), "Lekkage", "Het dak lekt.") is None
    assert mp.classify_automatic(BrokenHeaders(), "Out of Office", "") == "auto_reply"


# ---------------------------------------------------------------------------
# is_no_reply_address
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address, expected",
    [
        ("noreply@woonstad.nl", True),
        ("no-reply@gemeente.nl", True),
        ("No_Reply@Example.COM", True),
        ("donotreply@bank.nl", True),
        ("do-not-reply@bank.nl", True),
        ("noreply-dmarc-support@google.com", True),
        ("klachten.noreply@woonstad.nl", True),
        ("MAILER-DAEMON@mx.example.nl", True),
        ("postmaster@example.nl", True),
        ("bounce@mailing.example.nl", True),
        ("bounces@mailing.example.nl", True),
        ("bounce+abc123=klachten@mailing.example.nl", True),
        ("bounces-42@lists.example.nl", True),
        ("notification@facebookmail.com", True),
        ("notifications@github.com", True),
        ("automailer@woonstad.nl", True),
        ("autoreply@woonstad.nl", True),
        ("daemon@example.nl", True),
        ("Woonstad Rotterdam <noreply@woonstad.nl>", True),
        ('"Formulier" <no-reply@gemeente.nl>', True),
        ("Gemeente <mailer-daemon@gemeente.nl>", True),
        # People read these.
        ("webmaster@woonstad.nl", False),
        ("formulier@gemeente.nl", False),
        ("forms@woonstad.nl", False),
        ("info@woonstad.nl", False),
        ("klachten@woonstad.nl", False),
        ("j.devries@gmail.com", False),
        ("Norbert Replij <norbert@example.nl>", False),
        ("Jan Bounceman <jan@example.nl>", False),
        ("", False),
        (None, False),
        ("geen adres", False),
        ("noreply", False),
    ],
)
def test_is_no_reply_address(address, expected):
    assert mp.is_no_reply_address(address) is expected


# ---------------------------------------------------------------------------
# html_to_text
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "html, expected",
    [
        ("<p>Geachte heer,</p><p>Het dak lekt.</p>", "Geachte heer,\n\nHet dak lekt."),
        ("Regel een<br>Regel twee<br/>Regel drie", "Regel een\nRegel twee\nRegel drie"),
        ("<div>Een</div><div>Twee</div>", "Een\nTwee"),
        ("Caf&eacute; &amp; bar &lt;3 &#8364; 5", "Café & bar <3 € 5"),
        (
            "<html><head><style>p {color: red}</style><title>T</title></head>"
            "<body><p>Tekst</p><script>alert(1)</script></body></html>",
            "Tekst",
        ),
        (
            "<table><tr><td>Naam:</td><td>Jan</td></tr>"
            "<tr><td>Plaats:</td><td>Delft</td></tr></table>",
            "Naam:\tJan\nPlaats:\tDelft",
        ),
        ("<ul><li>een</li><li>twee</li></ul>", "een\ntwee"),
        ("<p>  veel    spaties\n en regels  </p>", "veel spaties en regels"),
        # Crude: a <pre> keeps its lines, not their indentation.
        ("<pre>a\n  b</pre>", "a\nb"),
        ("<b>vet</b> en <a href='mailto:x@y.nl'>x@y.nl</a>", "vet en x@y.nl"),
        ("<p>open <b>tags", "open tags"),
        ("", ""),
        (None, ""),
    ],
)
def test_html_to_text(html, expected):
    assert mp.html_to_text(html) == expected


# ---------------------------------------------------------------------------
# parse_dutch_address
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Dorpsstraat 12a, 1234 AB Delft",
            {"street": "Dorpsstraat 12a", "zip": "1234 AB", "city": "Delft"},
        ),
        (
            "Mijn adres is Kerkstraat 5, 2611 AB Delft.",
            {"street": "Kerkstraat 5", "zip": "2611 AB", "city": "Delft"},
        ),
        (
            "Ik woon op de Molenweg 7-2 3011AB Rotterdam en de lift is kapot.",
            {"street": "Molenweg 7-2", "zip": "3011 AB", "city": "Rotterdam"},
        ),
        (
            "Met vriendelijke groet,\n\nJan de Vries\nLaan van Meerdervoort 1200\n"
            "2517 AB  Den Haag\n06-12345678",
            {
                "street": "Laan van Meerdervoort 1200",
                "zip": "2517 AB",
                "city": "Den Haag",
            },
        ),
        (
            "Hooghe Steenweg 3 bis\n5211 JN 's-Hertogenbosch",
            {
                "street": "Hooghe Steenweg 3 bis",
                "zip": "5211 JN",
                "city": "'s-Hertogenbosch",
            },
        ),
        (
            "Adres: Westlandseweg 40 A, 3155 AA Maasland",
            {"street": "Westlandseweg 40 A", "zip": "3155 AA", "city": "Maasland"},
        ),
        (
            "Burgemeester de Monchyplein 12-III\n2585 DA Midden-Delfland",
            {
                "street": "Burgemeester de Monchyplein 12-III",
                "zip": "2585 DA",
                "city": "Midden-Delfland",
            },
        ),
        (
            "Kerkplein 1, 2401 ZK Alphen aan den Rijn",
            {"street": "Kerkplein 1", "zip": "2401 ZK", "city": "Alphen aan den Rijn"},
        ),
        (
            "Stationsweg 4, 2903 LB Capelle aan den IJssel",
            {
                "street": "Stationsweg 4",
                "zip": "2903 LB",
                "city": "Capelle aan den IJssel",
            },
        ),
        (
            "Woonachtig aan de Vlietweg 3a, 4611 AC Bergen op Zoom.",
            {"street": "Vlietweg 3a", "zip": "4611 AC", "city": "Bergen op Zoom"},
        ),
        (
            "2e Hugo de Grootstraat 5, 1052 LA Amsterdam",
            {
                "street": "2e Hugo de Grootstraat 5",
                "zip": "1052 LA",
                "city": "Amsterdam",
            },
        ),
        (
            "woonachtig op dorpsstraat 8, 1234 AB",
            {"street": "dorpsstraat 8", "zip": "1234 AB"},
        ),
        (
            "> Kerkstraat 9\n> 3511 LX Utrecht",
            {"street": "Kerkstraat 9", "zip": "3511 LX", "city": "Utrecht"},
        ),
        (
            "1234 AB Delft Tel. 015-1234567",
            {"zip": "1234 AB", "city": "Delft"},
        ),
        (
            "Woonstichting De Linie\nPostbus 123\n2600 AC Delft",
            {"zip": "2600 AC", "city": "Delft"},
        ),
        ("Postcode: 1234AB", {"zip": "1234 AB"}),
        ("Tel 015 1234\n2611 AB Delft", {"zip": "2611 AB", "city": "Delft"}),
        (
            "Jan van Galenstraat 3-hs\n1051 KM Amsterdam",
            {
                "street": "Jan van Galenstraat 3-hs",
                "zip": "1051 KM",
                "city": "Amsterdam",
            },
        ),
        (
            "Sint Jansstraat 3, 5211 AB Sint Michielsgestel",
            {
                "street": "Sint Jansstraat 3",
                "zip": "5211 AB",
                "city": "Sint Michielsgestel",
            },
        ),
        (
            "Weg 12 1234AB Den Helder, Nederland",
            {"street": "Weg 12", "zip": "1234 AB", "city": "Den Helder"},
        ),
        # 1234 SS is never issued; the address after it is found.
        (
            "Zie 1234 SS hierboven. Dorpsstraat 1, 1234 AB Delft",
            {"street": "Dorpsstraat 1", "zip": "1234 AB", "city": "Delft"},
        ),
    ],
)
def test_parse_dutch_address(text, expected):
    assert mp.parse_dutch_address(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Bel mij op 06-12345678 of 015 2345 678.",
        "Mijn klacht KL/2026/00012 is nog niet behandeld.",
        "De huur is verhoogd naar 1250 EUR per maand.",
        "Ik betaal nu € 1234 AB-korting niet.",
        "Op 12-03-2026 om 10:15 kwam de monteur, in 2026 al drie keer.",
        "Postcode 1234 SS Delft bestaat niet.",
        "Postcode 1234 SA en 1234 SD bestaan ook niet.",
        "Code 0123 AB begint met een nul.",
        "Artikel 7:204 BW zegt het al.",
        "Zaaknummer 2026-000123 AB",
        "1234ab delft",
        "Een tekst zonder adres.",
        "",
        None,
    ],
)
def test_parse_dutch_address_finds_none(text):
    assert mp.parse_dutch_address(text) == {}


# ---------------------------------------------------------------------------
# parse_form_fields
# ---------------------------------------------------------------------------

GRAVITY_FORMS = """\
Naam
Mevrouw A. Bakker

E-mailadres
a.bakker@example.nl

Telefoonnummer
06 12345678

Adres
Dorpsstraat 12a
1234 AB Delft

Onderwerp
Klacht

Omschrijving
Sinds de renovatie lekt het dak boven de slaapkamer.

Er is al drie keer een monteur geweest.
"""

CONTACT_FORM_7 = """\
From: Piet Jansen <Piet.Jansen@Example.NL>
Subject: Overlast buren

Message Body:
De buren draaien elke nacht harde muziek.
Ik kan niet meer slapen.

--
This e-mail was sent from a contact form on Woonstichting De Linie (https://www.delinie.example)
"""

DRUPAL_WEBFORM = """\
Submitted on Mon, 01/12/2026 - 10:15
Submitted by: Anonymous
Submitted values are:

Voornaam: Fatima
Tussenvoegsel:
Achternaam: El Amrani
E-mail adres: fatima@example.nl
Straat: Lindelaan
Huisnummer: 44
Toevoeging: b
Postcode: 3512ab
Woonplaats: Utrecht
Anoniem indienen: Nee
Uw klacht:
De cv-ketel valt steeds uit.
Ik heb twee kleine kinderen.

Bijlage: foto.jpg
"""

E_FORMULIER = """\
Formulier: Klacht indienen
Ingezonden op: 12-01-2026 14:03
Zaaknummer: Z-2026-000123

Uw gegevens
*Voornaam*: Karel
*Achternaam*: de Groot
*Telefoon*: 010-1234567
*E-mail*: karel.degroot@example.nl
*Adres*: Molenstraat 3, 2611 AB Delft

Uw klacht
Wat is uw klacht?: Mijn aanvraag voor een parkeervergunning is na tien weken
nog steeds niet behandeld.
Gewenste oplossing: Een besluit binnen een week.
Anoniem: Nee
"""

ANONYMOUS_FORM = """\
Onderwerp : Drugsoverlast portiek
Anoniem : Ja
Plaats : Zoetermeer
Toelichting :\tIn de portiek van nummer 12 wordt elke avond gedeald.
"""

REPRESENTED_FORM = """\
Naam: Y. Visser
E-mail: y.visser@bewind.example.nl
Ingediend namens: Dhr. H. Pieterse
Telefoon: +31 6 1234 5678
Klacht: De huurverhoging is niet aangekondigd.
"""

ENGLISH_FORM = """\
Name: John Smith
Email: john@example.com
Phone: 0612345678
Address: Kanaalweg 8, 2628 EB Delft
Anonymous: no
Subject: Broken heating
Message: The heating in my student room has been broken for two weeks.
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            GRAVITY_FORMS,
            {
                "name": "Mevrouw A. Bakker",
                "email": "a.bakker@example.nl",
                "phone": "06 12345678",
                "street": "Dorpsstraat 12a",
                "zip": "1234 AB",
                "city": "Delft",
                "subject": "Klacht",
                "message": "Sinds de renovatie lekt het dak boven de slaapkamer.\n\n"
                "Er is al drie keer een monteur geweest.",
            },
        ),
        (
            CONTACT_FORM_7,
            {
                "name": "Piet Jansen",
                "email": "piet.jansen@example.nl",
                "subject": "Overlast buren",
                "message": "De buren draaien elke nacht harde muziek.\n"
                "Ik kan niet meer slapen.",
            },
        ),
        (
            DRUPAL_WEBFORM,
            {
                "name": "Fatima El Amrani",
                "email": "fatima@example.nl",
                "street": "Lindelaan",
                "house_number": "44b",
                "zip": "3512 AB",
                "city": "Utrecht",
                "anonymous": False,
                "message": "De cv-ketel valt steeds uit.\nIk heb twee kleine kinderen.",
            },
        ),
        (
            E_FORMULIER,
            {
                "name": "Karel de Groot",
                "phone": "010-1234567",
                "email": "karel.degroot@example.nl",
                "street": "Molenstraat 3",
                "zip": "2611 AB",
                "city": "Delft",
                "anonymous": False,
                "message": "Mijn aanvraag voor een parkeervergunning is na tien weken\n"
                "nog steeds niet behandeld.",
            },
        ),
        (
            ANONYMOUS_FORM,
            {
                "subject": "Drugsoverlast portiek",
                "anonymous": True,
                "city": "Zoetermeer",
                "message": "In de portiek van nummer 12 wordt elke avond gedeald.",
            },
        ),
        (
            REPRESENTED_FORM,
            {
                "name": "Y. Visser",
                "email": "y.visser@bewind.example.nl",
                "representative_name": "Dhr. H. Pieterse",
                "phone": "+31 6 1234 5678",
                "message": "De huurverhoging is niet aangekondigd.",
            },
        ),
        (
            ENGLISH_FORM,
            {
                "name": "John Smith",
                "email": "john@example.com",
                "phone": "0612345678",
                "street": "Kanaalweg 8",
                "zip": "2628 EB",
                "city": "Delft",
                "anonymous": False,
                "subject": "Broken heating",
                "message": "The heating in my student room has been broken for "
                "two weeks.",
            },
        ),
    ],
    ids=[
        "gravity",
        "cf7",
        "drupal",
        "e-formulier",
        "anonymous",
        "represented",
        "english",
    ],
)
def test_parse_form_fields(text, expected):
    assert mp.parse_form_fields(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Naam: Jan\nAnoniem: Ja", {"name": "Jan", "anonymous": True}),
        ("Naam: Jan\nAnoniem: yes", {"name": "Jan", "anonymous": True}),
        ("Naam: Jan\nAnoniem: True", {"name": "Jan", "anonymous": True}),
        ("Naam: Jan\nAnoniem: 1", {"name": "Jan", "anonymous": True}),
        ("Naam: Jan\nAnoniem: Nee", {"name": "Jan", "anonymous": False}),
        ("Naam: Jan\nAnonymous: No", {"name": "Jan", "anonymous": False}),
        ("Naam: Jan\nAnoniem: false", {"name": "Jan", "anonymous": False}),
        ("Naam: Jan\nAnoniem: 0", {"name": "Jan", "anonymous": False}),
        (
            "Naam: Jan\nAnoniem indienen: Ik wil anoniem blijven",
            {"name": "Jan", "anonymous": True},
        ),
        ("Naam: Jan\nAnoniem: misschien", {"name": "Jan"}),
        ("Naam:\nJan Smit\nPostcode:\n1234ab", {"name": "Jan Smit", "zip": "1234 AB"}),
        ("Naam: Jan\nPostcode: B-1000", {"name": "Jan", "zip": "B-1000"}),
        (
            "**Naam:** Jan\n**E-mail:** <jan@example.nl>",
            {"name": "Jan", "email": "jan@example.nl"},
        ),
        (
            "Naam *: Jan\nE-mailadres (verplicht): JAN@EXAMPLE.NL",
            {"name": "Jan", "email": "jan@example.nl"},
        ),
        (
            "Naam: Jan\nTel.: 015-1234567\nMobiel: 06-1",
            {"name": "Jan", "phone": "015-1234567"},
        ),
        (
            "Naam: Jan\nStraat en huisnummer: dorpsstraat 8, 1234ab Delft",
            {
                "name": "Jan",
                "street": "dorpsstraat 8",
                "zip": "1234 AB",
                "city": "Delft",
            },
        ),
        (
            "Naam: Jan\nAdres: Kerkweg 2\nPostcode: 2611AB\nPlaats: Delft",
            {"name": "Jan", "street": "Kerkweg 2", "zip": "2611 AB", "city": "Delft"},
        ),
        (
            "Naam: Jan\nHuisnummer: 12\nToevoeging: 2",
            {"name": "Jan", "house_number": "12-2"},
        ),
        (
            "Naam: Jan\nHuisnummer: 12\nToevoeging: bis",
            {"name": "Jan", "house_number": "12 bis"},
        ),
        (
            "Emailadres: a@b.nl\nBericht: Regel een\nLet op: regel twee\nNaam: An",
            {
                "email": "a@b.nl",
                "message": "Regel een\nLet op: regel twee",
                "name": "An",
            },
        ),
        (
            "> Naam: Jan\n> Omschrijving: Lekkage\n> in de badkamer",
            {"name": "Jan", "message": "Lekkage\nin de badkamer"},
        ),
        (
            "Onderwerp: Lekkage\nNamens: mijn moeder",
            {"subject": "Lekkage", "representative_name": "mijn moeder"},
        ),
    ],
)
def test_parse_form_fields_details(text, expected):
    assert mp.parse_form_fields(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A person's mail with one label-like line.
        "Onderwerp: lekkage\n\nGeachte heer,\n\nHet dak lekt.\n\nGroet,\nJan",
        # A forwarded header block is no form.
        "Van: Jan <jan@example.nl>\nVerzonden: maandag 12 januari 2026\n"
        "Aan: klachten@woonstad.nl\nOnderwerp: Lekkage\n\nHet dak lekt.",
        "Het dak lekt al weken. Let op: de kraan ook.",
        "From: Jan <jan@example.nl>\nTo: info@example.nl",
        "",
        None,
    ],
)
def test_parse_form_fields_not_a_form(text):
    assert mp.parse_form_fields(text) == {}


def test_parse_form_fields_gravity_forms_html():
    """Gravity Forms' {all_fields}: a row with the label, a row with the value."""
    rows = [("Naam", "Ilse Kok"), ("E-mail", "ilse@example.nl"), ("Klacht", "Tocht.")]
    html = (
        "<table width='99%'>"
        + "".join(
            f"<tr bgcolor='#EAF2FA'><td colspan='2'><font><strong>{label}</strong>"
            f"</font></td></tr><tr bgcolor='#FFFFFF'><td width='20'>&nbsp;</td>"
            f"<td><font>{value}</font></td></tr>"
            for label, value in rows
        )
        + "</table>"
    )
    assert mp.parse_form_fields(mp.html_to_text(html)) == {
        "name": "Ilse Kok",
        "email": "ilse@example.nl",
        "message": "Tocht.",
    }


def test_parse_form_fields_from_html_table():
    html = (
        "<table><tr><td><strong>Naam:</strong></td><td>Jan Smit</td></tr>"
        "<tr><td><strong>E-mail:</strong></td><td>"
        "<a href='mailto:jan@example.nl'>jan@example.nl</a></td></tr>"
        "<tr><td><strong>Omschrijving:</strong></td><td>Het raam sluit niet."
        "</td></tr></table>"
    )
    assert mp.parse_form_fields(mp.html_to_text(html)) == {
        "name": "Jan Smit",
        "email": "jan@example.nl",
        "message": "Het raam sluit niet.",
    }


# ---------------------------------------------------------------------------
# forwarded_from_text
# ---------------------------------------------------------------------------

GMAIL_EN = """\
Hoi klachtenteam, zie hieronder. Kunnen jullie dit oppakken?

Groet, Sanne

---------- Forwarded message ---------
From: Mohamed Yilmaz <M.Yilmaz@Gmail.com>
Date: Mon, 12 Jan 2026 at 09:41
Subject: Schimmel in badkamer
To: <s.dekker@woonstad.nl>


Beste mevrouw Dekker,

Er zit schimmel in de badkamer.

Met vriendelijke groet,
Mohamed Yilmaz
"""

GMAIL_NL = """\
Ter info.

---------- Doorgestuurd bericht ---------
Van: Els de Boer <els@example.nl>
Date: ma 12 jan 2026 om 09:41
Subject: Geluidsoverlast
To: Wijkbeheer <wijkbeheer@woonstad.nl>


De buren maken elke nacht lawaai.
"""

OUTLOOK_NL = """\
Graag registreren als klacht.

Met vriendelijke groet,
Kees

-----Oorspronkelijk bericht-----
Van: Jansen, Piet [mailto:piet.jansen@example.nl]
Verzonden: maandag 12 januari 2026 10:15
Aan: Kees Bos <k.bos@gemeente.nl>
Onderwerp: Klacht over de behandeling aan de balie

Geachte heer Bos,

Ik ben vorige week onheus bejegend.
"""

OUTLOOK_EN = """\
FYI

-----Original Message-----
From: "Smith, John" <John.Smith@example.com>
Sent: Monday, January 12, 2026 10:15 AM
To: Complaints <complaints@example.org>
Subject: Heating broken

The heating has been broken for a week.
"""

OUTLOOK_RULE = """\
Doorgestuurd vanuit de algemene mailbox.

________________________________
Van: Ahmed Kaya <ahmed.kaya@example.nl>
Verzonden: dinsdag 13 januari 2026 08:02
Aan: Info <info@woonstad.nl>
Onderwerp: Lekkage keuken

Mijn keuken staat blank.
"""

THUNDERBIRD_EN = """\
See below.

-------- Forwarded Message --------
Subject: \tTocht langs de ramen
Date: \tTue, 13 Jan 2026 11:00:00 +0100
From: \tLisa Vos <lisa.vos@example.nl>
To: \tinfo@woonstad.nl

De ramen sluiten niet goed.
"""

THUNDERBIRD_NL = """\
-------- Doorgestuurd bericht --------
Onderwerp: \tKapotte lift
Datum: \tdi 13 jan. 2026 11:00
Van: \tTom Bakker <tom@example.nl>
Aan: \tinfo@woonstad.nl

De lift is kapot.
"""

APPLE_MAIL = """\
Dit kwam bij mij binnen.

Begin forwarded message:

> From: Maria Lopes <maria.lopes@example.pt>
> Subject: Ratten in de schuur
> Date: 13 January 2026 at 12:00:00 CET
> To: Bewonersconsulent <consulent@woonstad.nl>
>
> Er lopen ratten in de schuur.
> Al twee weken.
"""

APPLE_MAIL_NL = """\
Begin doorgestuurd bericht:

Van: Gerrit Mulder <g.mulder@example.nl>
Onderwerp: Kapotte deurbel
Datum: 13 januari 2026 om 12:00:00 CET
Aan: info@woonstad.nl

De deurbel doet het niet.
"""

BARE_BLOCK_QUOTED = """\
Zie de klacht hieronder.

> *Van:* Sophie Peters <sophie@example.nl>
> *Verzonden:* woensdag 14 januari 2026 09:00
> *Aan:* Klachten <klachten@woonstad.nl>
> *Onderwerp:* Onjuiste servicekosten
>
> De servicekosten kloppen niet.
>> Eerder bericht
"""

BARE_BLOCK_FOLDED = """\
Van: Ria Hendriks <ria@example.nl>
Verzonden: vrijdag 16 januari 2026 08:15
Aan: Klachten <klachten@woonstad.nl>; Wijkbeheer <wijkbeheer@woonstad.nl>;
    Huurdersvereniging <hv@example.nl>
CC: Ria <ria.werk@example.nl>
Onderwerp: Trappenhuis niet schoongemaakt

Al drie weken is het trappenhuis niet schoongemaakt.
"""

BARE_BLOCK_NO_ADDRESS = """\
Van: Jansen, Piet
Verzonden: maandag 12 januari 2026 10:15
Aan: Klachten
Onderwerp: RE: lekkage

Nog steeds lekt het.
"""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            GMAIL_EN,
            {
                "name": "Mohamed Yilmaz",
                "email": "m.yilmaz@gmail.com",
                "subject": "Schimmel in badkamer",
                "date": "Mon, 12 Jan 2026 at 09:41",
                "body": "Beste mevrouw Dekker,\n\nEr zit schimmel in de badkamer.\n\n"
                "Met vriendelijke groet,\nMohamed Yilmaz",
                "note": "Hoi klachtenteam, zie hieronder. Kunnen jullie dit "
                "oppakken?\n\nGroet, Sanne",
            },
        ),
        (
            GMAIL_NL,
            {
                "name": "Els de Boer",
                "email": "els@example.nl",
                "subject": "Geluidsoverlast",
                "date": "ma 12 jan 2026 om 09:41",
                "body": "De buren maken elke nacht lawaai.",
                "note": "Ter info.",
            },
        ),
        (
            OUTLOOK_NL,
            {
                "name": "Jansen, Piet",
                "email": "piet.jansen@example.nl",
                "subject": "Klacht over de behandeling aan de balie",
                "date": "maandag 12 januari 2026 10:15",
                "body": "Geachte heer Bos,\n\nIk ben vorige week onheus bejegend.",
                "note": "Graag registreren als klacht.\n\nMet vriendelijke groet,\n"
                "Kees",
            },
        ),
        (
            OUTLOOK_EN,
            {
                "name": "Smith, John",
                "email": "john.smith@example.com",
                "subject": "Heating broken",
                "date": "Monday, January 12, 2026 10:15 AM",
                "body": "The heating has been broken for a week.",
                "note": "FYI",
            },
        ),
        (
            OUTLOOK_RULE,
            {
                "name": "Ahmed Kaya",
                "email": "ahmed.kaya@example.nl",
                "subject": "Lekkage keuken",
                "date": "dinsdag 13 januari 2026 08:02",
                "body": "Mijn keuken staat blank.",
                "note": "Doorgestuurd vanuit de algemene mailbox.",
            },
        ),
        (
            THUNDERBIRD_EN,
            {
                "name": "Lisa Vos",
                "email": "lisa.vos@example.nl",
                "subject": "Tocht langs de ramen",
                "date": "Tue, 13 Jan 2026 11:00:00 +0100",
                "body": "De ramen sluiten niet goed.",
                "note": "See below.",
            },
        ),
        (
            THUNDERBIRD_NL,
            {
                "name": "Tom Bakker",
                "email": "tom@example.nl",
                "subject": "Kapotte lift",
                "date": "di 13 jan. 2026 11:00",
                "body": "De lift is kapot.",
                "note": "",
            },
        ),
        (
            APPLE_MAIL,
            {
                "name": "Maria Lopes",
                "email": "maria.lopes@example.pt",
                "subject": "Ratten in de schuur",
                "date": "13 January 2026 at 12:00:00 CET",
                "body": "Er lopen ratten in de schuur.\nAl twee weken.",
                "note": "Dit kwam bij mij binnen.",
            },
        ),
        (
            APPLE_MAIL_NL,
            {
                "name": "Gerrit Mulder",
                "email": "g.mulder@example.nl",
                "subject": "Kapotte deurbel",
                "date": "13 januari 2026 om 12:00:00 CET",
                "body": "De deurbel doet het niet.",
                "note": "",
            },
        ),
        (
            BARE_BLOCK_QUOTED,
            {
                "name": "Sophie Peters",
                "email": "sophie@example.nl",
                "subject": "Onjuiste servicekosten",
                "date": "woensdag 14 januari 2026 09:00",
                "body": "De servicekosten kloppen niet.\n> Eerder bericht",
                "note": "Zie de klacht hieronder.",
            },
        ),
        (
            BARE_BLOCK_FOLDED,
            {
                "name": "Ria Hendriks",
                "email": "ria@example.nl",
                "subject": "Trappenhuis niet schoongemaakt",
                "date": "vrijdag 16 januari 2026 08:15",
                "body": "Al drie weken is het trappenhuis niet schoongemaakt.",
                "note": "",
            },
        ),
        (
            BARE_BLOCK_NO_ADDRESS,
            {
                "name": "Jansen, Piet",
                "email": None,
                "subject": "RE: lekkage",
                "date": "maandag 12 januari 2026 10:15",
                "body": "Nog steeds lekt het.",
                "note": "",
            },
        ),
    ],
    ids=[
        "gmail-en",
        "gmail-nl",
        "outlook-nl",
        "outlook-en",
        "outlook-rule",
        "thunderbird-en",
        "thunderbird-nl",
        "apple-en-quoted",
        "apple-nl",
        "bare-block-quoted-bold",
        "bare-block-folded",
        "bare-block-no-address",
    ],
)
def test_forwarded_from_text(text, expected):
    assert mp.forwarded_from_text(text) == expected


@pytest.mark.parametrize(
    "sender, name, address",
    [
        ("Naam <a@b.nl>", "Naam", "a@b.nl"),
        ("a@b.nl", None, "a@b.nl"),
        ("<A@B.NL>", None, "a@b.nl"),
        ("Naam [mailto:a@b.nl]", "Naam", "a@b.nl"),
        ('"Naam" <a@b.nl>', "Naam", "a@b.nl"),
        ('"de Vries, Anna" <anna@b.nl>', "de Vries, Anna", "anna@b.nl"),
        ("*Anna de Vries* <anna@b.nl>", "Anna de Vries", "anna@b.nl"),
        ("Anna <anna@b.nl <mailto:anna@b.nl>>", "Anna", "anna@b.nl"),
        ("Anna de Vries", "Anna de Vries", None),
        ("Anna de Vries <anna@b.nl [1]>", "Anna de Vries", "anna@b.nl"),
    ],
)
def test_forwarded_from_text_sender_forms(sender, name, address):
    text = (
        f"---------- Forwarded message ---------\nFrom: {sender}\n"
        "Date: 1 Jan 2026\nSubject: x\nTo: y@z.nl\n\nBody"
    )
    found = mp.forwarded_from_text(text)
    assert (found["name"], found["email"]) == (name, address)


@pytest.mark.parametrize(
    "text",
    [
        "Geachte heer,\n\nHet dak lekt.\n\nMet vriendelijke groet,\nJan",
        # A form mail: From and Subject only.
        CONTACT_FORM_7,
        # Header-like lines that are not a complete block.
        "Van: Jan\nOnderwerp: lekkage\n\nHet dak lekt.",
        "Op 12 jan. 2026 om 10:15 schreef Jan <jan@example.nl>:\n> Het dak lekt.",
        "",
        None,
    ],
)
def test_forwarded_from_text_none(text):
    assert mp.forwarded_from_text(text) is None


def test_forwarded_from_text_outlook_html():
    html = (
        "<div><p class=MsoNormal>Graag oppakken.</p></div>"
        "<div style='border:none;border-top:solid #E1E1E1 1.0pt'>"
        "<p class=MsoNormal><b>Van:</b> Hanna Smit &lt;hanna@example.nl&gt;<br>"
        "<b>Verzonden:</b> donderdag 15 januari 2026 16:30<br>"
        "<b>Aan:</b> Klantcontact &lt;kc@woonstad.nl&gt;<br>"
        "<b>Onderwerp:</b> Kapotte brievenbus</p></div>"
        "<p class=MsoNormal>Mijn brievenbus is vernield.</p>"
    )
    assert mp.forwarded_from_text(mp.html_to_text(html)) == {
        "name": "Hanna Smit",
        "email": "hanna@example.nl",
        "subject": "Kapotte brievenbus",
        "date": "donderdag 15 januari 2026 16:30",
        "body": "Mijn brievenbus is vernield.",
        "note": "Graag oppakken.",
    }


def test_forwarded_from_text_separator_without_headers():
    text = "Zie onder.\n-----Original Message-----\nHet dak lekt."
    assert mp.forwarded_from_text(text) == {
        "name": None,
        "email": None,
        "subject": None,
        "date": None,
        "body": "Het dak lekt.",
        "note": "Zie onder.",
    }


def test_forwarded_from_text_first_forward_of_a_chain():
    text = (
        "Voor jullie.\n\n---------- Forwarded message ---------\n"
        "From: Collega <collega@woonstad.nl>\nDate: 2 Jan 2026\nSubject: Fwd: lift\n"
        "To: <klachten@woonstad.nl>\n\nZie onder.\n\n"
        "---------- Forwarded message ---------\nFrom: Huurder <h@example.nl>\n"
        "Date: 1 Jan 2026\nSubject: lift\nTo: <collega@woonstad.nl>\n\nLift kapot."
    )
    found = mp.forwarded_from_text(text)
    assert (found["email"], found["subject"]) == ("collega@woonstad.nl", "Fwd: lift")
    inner = mp.forwarded_from_text(found["body"])
    assert (inner["email"], inner["body"], inner["note"]) == (
        "h@example.nl",
        "Lift kapot.",
        "Zie onder.",
    )


# ---------------------------------------------------------------------------
# forwarded_from_message
# ---------------------------------------------------------------------------


def inner_message(html=False):
    inner = EmailMessage()
    inner["From"] = "Anna de Vries <Anna.deVries@Example.NL>"
    inner["To"] = "info@woonstad.nl"
    inner["Subject"] = "Schimmel in de slaapkamer – al maanden"
    inner["Date"] = "Tue, 13 Jan 2026 11:00:00 +0100"
    if html:
        inner.set_content(
            "<p>Er zit schimmel op de muur.</p><p>Groet, Anna</p>", subtype="html"
        )
    else:
        inner.set_content("Er zit schimmel op de muur.\n\nGroet, Anna\n")
        inner.add_alternative("<p>HTML-versie</p>", subtype="html")
    return inner


def outer_message(inner, note="Zie bijgevoegde klacht.\n"):
    outer = EmailMessage()
    outer["From"] = "Medewerker <m@woonstad.nl>"
    outer["To"] = "klachten@woonstad.nl"
    outer["Subject"] = "FW: Schimmel"
    outer.set_content(note)
    outer.add_attachment(inner)
    return outer


EXPECTED_ATTACHED = {
    "name": "Anna de Vries",
    "email": "anna.devries@example.nl",
    "subject": "Schimmel in de slaapkamer – al maanden",
    "date": "Tue, 13 Jan 2026 11:00:00 +0100",
    "body": "Er zit schimmel op de muur.\n\nGroet, Anna",
    "note": "Zie bijgevoegde klacht.",
}


def test_forwarded_from_message_attached():
    assert mp.forwarded_from_message(outer_message(inner_message())) == (
        EXPECTED_ATTACHED
    )


@pytest.mark.parametrize("policy", [email.policy.SMTP, email.policy.default])
def test_forwarded_from_message_parsed_from_bytes(policy):
    raw = outer_message(inner_message()).as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy)
    assert mp.forwarded_from_message(parsed) == EXPECTED_ATTACHED


def test_forwarded_from_message_compat32():
    """A message parsed without a policy (email.message.Message) is read too."""
    raw = outer_message(inner_message()).as_bytes()
    assert mp.forwarded_from_message(email.message_from_bytes(raw)) == (
        EXPECTED_ATTACHED
    )


def test_forwarded_from_message_html_only():
    found = mp.forwarded_from_message(outer_message(inner_message(html=True)))
    assert found["body"] == "Er zit schimmel op de muur.\n\nGroet, Anna"
    assert found["email"] == "anna.devries@example.nl"


def test_forwarded_from_message_html_note():
    outer = EmailMessage()
    outer["Subject"] = "FW"
    outer.set_content("<div>Graag <b>oppakken</b>.</div>", subtype="html")
    outer.add_attachment(inner_message())
    assert mp.forwarded_from_message(outer)["note"] == "Graag oppakken."


def test_forwarded_from_message_text_attachment_is_no_note():
    outer = EmailMessage()
    outer.set_content("Mijn notitie.")
    outer.add_attachment("bijlage-tekst", filename="klacht.txt")
    outer.add_attachment(inner_message())
    assert mp.forwarded_from_message(outer)["note"] == "Mijn notitie."


RAW_UNKNOWN_CHARSET = b"""\
From: Medewerker <m@woonstad.nl>
Subject: FW: lekkage
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain; charset=utf-8

Doorgestuurd.
--XX
Content-Type: message/rfc822

From: Jan Smit <jan@example.nl>
Subject: Lekkage
Content-Type: text/plain; charset=x-onbekend

Het dak lekt.
--XX--
"""


@pytest.mark.parametrize("policy", [email.policy.default, email.policy.compat32])
def test_forwarded_from_message_unknown_charset(policy):
    parsed = email.message_from_bytes(RAW_UNKNOWN_CHARSET, policy=policy)
    found = mp.forwarded_from_message(parsed)
    assert (found["email"], found["subject"], found["body"], found["note"]) == (
        "jan@example.nl",
        "Lekkage",
        "Het dak lekt.",
        "Doorgestuurd.",
    )


def test_forwarded_from_message_none():
    plain = EmailMessage()
    plain["Subject"] = "Lekkage"
    plain.set_content("Het dak lekt.")
    assert mp.forwarded_from_message(plain) is None
    with_pdf = EmailMessage()
    with_pdf.set_content("Zie bijlage.")
    with_pdf.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf")
    assert mp.forwarded_from_message(with_pdf) is None
    assert mp.forwarded_from_message(None) is None
    assert mp.forwarded_from_message("geen bericht") is None


def test_forwarded_from_message_encoded_subject_compat32():
    inner = inner_message()
    raw = outer_message(inner).as_bytes()
    assert b"=?utf-8?" in raw.lower()
    found = mp.forwarded_from_message(email.message_from_bytes(raw))
    assert found["subject"] == "Schimmel in de slaapkamer – al maanden"


# ---------------------------------------------------------------------------
# is_phone_note
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject, text, expected",
    [
        (
            "Telefoonnotitie: mevr. De Vries",
            "Mevr. De Vries belde om 10:15 over de lekkage in haar badkamer.",
            "phone",
        ),
        ("telefoonnotitie", "", "phone"),
        ("Klacht", "Dhr. Bakker heeft gebeld over de schimmel.", "phone"),
        ("Klacht", "Gebeld door mevrouw Jansen, zij is boos.", "phone"),
        ("Terugbelverzoek mw. Smit", "Graag vandaag terugbellen.", "phone"),
        ("Klacht lift", "Meneer was telefonisch erg boos.", "phone"),
        ("Telefonische melding", "Mevrouw Yildiz: lekkage.", "phone"),
        ("Klacht", "Ik had mevrouw aan de telefoon, zij klaagt over de lift.", "phone"),
        ("Phone call Mr. Brown", "", "phone"),
        ("Complaint", "Mrs. Brown called at 9:30 about the noise.", "phone"),
        (
            "Klacht",
            "Mevrouw kwam vanochtend aan de balie, erg overstuur.",
            "front_desk",
        ),
        ("Baliebezoek dhr. Öztürk", "Klaagt over de servicekosten.", "front_desk"),
        ("Balie", "Mevrouw meldt overlast.", "front_desk"),
        (
            "Complaint",
            "Visitor at the front desk complained about mould.",
            "front_desk",
        ),
        # The subject decides over the body.
        ("Telefoonnotitie", "Wil langskomen aan de balie.", "phone"),
        ("Baliegesprek", "Hij belde eerder al.", "front_desk"),
        # No phone call or visit written down.
        ("Klacht", "Ik heb al drie keer gebeld maar niemand neemt op.", None),
        ("Lekkage", "De monteur is niet gekomen.", None),
        ("Klacht", "Wij zijn telefonisch bereikbaar van 9 tot 17 uur.", None),
        ("Klacht", "Groet, Baliemedewerker Klantcontact", None),
        ("Klacht", "The so-called repair did not help.", None),
        (None, None, None),
    ],
)
def test_is_phone_note(subject, text, expected):
    assert mp.is_phone_note(subject, text) == expected


# ---------------------------------------------------------------------------
# detect_language
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Geachte heer, mevrouw,\n\nSinds drie weken lekt het dak van mijn woning "
            "en er is nog steeds niemand geweest om het te repareren.",
            "nl",
        ),
        (
            "Beste, de lift in onze flat is al een maand kapot en mijn moeder kan "
            "daardoor de deur niet uit. Dit is niet acceptabel.",
            "nl",
        ),
        (
            "Dear Sir or Madam, I am writing to complain about the mould in my flat. "
            "It has been there since October and nobody from your office has come.",
            "en",
        ),
        (
            "Sehr geehrte Damen und Herren, seit drei Wochen ist die Heizung in "
            "meiner Wohnung kaputt und ich habe noch keine Antwort bekommen.",
            "de",
        ),
        (
            "Madame, Monsieur, je vous écris parce que le chauffage de mon "
            "appartement ne fonctionne pas depuis deux semaines.",
            "fr",
        ),
        (
            "Buenos días, les escribo porque la calefacción de mi piso no funciona "
            "desde hace dos semanas y nadie ha venido a repararla.",
            "es",
        ),
        (
            "Bom dia, escrevo porque o aquecimento da minha casa não funciona há "
            "duas semanas e ainda ninguém veio para o reparar.",
            "pt",
        ),
        (
            "Dzień dobry, piszę do Państwa, ponieważ od trzech tygodni w moim "
            "mieszkaniu nie działa ogrzewanie i nikt jeszcze nie przyszedł.",
            "pl",
        ),
        (
            "Merhaba, üç haftadır evimde kalorifer çalışmıyor ve hala kimse gelip "
            "tamir etmedi. Bu durum benim için çok zor.",
            "tr",
        ),
        (
            "Buongiorno, vi scrivo perché il riscaldamento del mio appartamento non "
            "funziona da due settimane e nessuno è ancora venuto.",
            "it",
        ),
        # Quoted lines, URLs and addresses do not count.
        (
            "The heating is broken and I have been waiting for a week now.\n"
            "> Geachte heer, wij hebben uw klacht in goede orde ontvangen en nemen "
            "> zo snel mogelijk contact met u op. Dit is een bericht van ons.\n"
            "> Met vriendelijke groet, de klantenservice van de woningcorporatie",
            "en",
        ),
    ],
)
def test_detect_language(text, expected):
    assert mp.detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dak lekt!",
        "Hallo, het dak lekt nog.",
        "https://www.woonstad.nl/klacht https://example.org/een/twee/drie/vier "
        "info@woonstad.nl jan@example.nl piet@example.nl kees@example.nl",
        # Mixed: no language clearly ahead.
        "Het dak lekt en the roof is leaking, de kamer is nat and the floor is wet.",
        # Enough words, too few function words.
        "Lekkage badkamer plafond schimmel vocht muren kozijnen ramen deuren",
        "1234 5678 9012 3456 7890 1234 5678 9012 3456",
        "",
        None,
    ],
)
def test_detect_language_none(text):
    assert mp.detect_language(text) is None


# ---------------------------------------------------------------------------
# detect_representative
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, evidence",
    [
        (
            "Namens mijn cliënte, mevrouw De Vries, dien ik een klacht in.",
            "lawyer",
            "Namens mijn cliënte",
        ),
        ("Mijn client is al maanden zonder verwarming.", "lawyer", "Mijn client"),
        (
            "Hoogachtend,\n\nmr. J.P. de Vries\nadvocaat",
            "lawyer",
            "mr. J.P. de Vries",
        ),
        (
            "Als advocaat van de heer Bakker verzoek ik u het volgende.",
            "lawyer",
            "Als advocaat",
        ),
        (
            "Kantoor: Jansen & De Boer Advocaten te Utrecht",
            "lawyer",
            "Jansen & De Boer Advocaten",
        ),
        ("Ons advocatenkantoor behandelt deze zaak.", "lawyer", "advocatenkantoor"),
        (
            "Ik schrijf u als juridisch adviseur bij ARAG Rechtsbijstand.",
            "lawyer",
            "als juridisch adviseur",
        ),
        ("Zaak behandeld door DAS Rechtsbijstand.", "lawyer", "DAS Rechtsbijstand"),
        (
            "We write on behalf of our client regarding the flat.",
            "lawyer",
            "on behalf of our client",
        ),
        ("Smith & Jones Solicitors, London", "lawyer", "Smith & Jones Solicitors"),
        ("Our law firm represents the tenant.", "lawyer", "law firm"),
        (
            "Namens mijn moeder, die slecht ter been is, meld ik het volgende.",
            "relative",
            "Namens mijn moeder",
        ),
        ("Ik schrijf namens mijn vader.", "relative", "namens mijn vader"),
        (
            "Ik schrijf deze e-mail voor mijn oma omdat zij geen computer heeft.",
            "relative",
            "schrijf deze e-mail voor mijn oma",
        ),
        (
            "Mijn moeder (huurster van Kerkstraat 5) heeft schimmel.",
            "relative",
            "Mijn moeder (huurster",
        ),
        (
            "Mijn vader is huurder bij u en de lift is kapot.",
            "relative",
            "Mijn vader is huurder",
        ),
        ("I am writing on behalf of my mother.", "relative", "on behalf of my mother"),
        (
            "Als bewindvoerder van mevrouw Pieters meld ik een klacht.",
            "advocate",
            "Als bewindvoerder",
        ),
        (
            "Ik ben mentor van mijn zoon en schrijf namens hem.",
            "advocate",
            "ben mentor",
        ),
        (
            "In mijn functie als maatschappelijk werker schrijf ik namens mijn cliënt.",
            "advocate",
            "In mijn functie als maatschappelijk werker",
        ),
        (
            "Met vriendelijke groet,\nA. Koster\nBewindvoerder | Bureau Koster",
            "advocate",
            "Bewindvoerder | Bureau Koster",
        ),
        (
            "Namens de bewonerscommissie van complex 12 willen wij klagen.",
            "advocate",
            "Namens de bewonerscommissie",
        ),
        (
            "Als voorzitter van de huurdersvereniging De Eendracht schrijf ik u.",
            "advocate",
            "voorzitter van de huurdersvereniging",
        ),
        ("Namens de bewoners van de Lindeflat.", "advocate", "Namens de bewoners"),
        ("Ik schrijf namens mevrouw Jansen.", "advocate", "namens mevrouw Jansen"),
        (
            "Woonbegeleider van mevr. El Idrissi, Stichting Thuis.",
            "advocate",
            "Woonbegeleider van mevr. El",
        ),
        ("I am the legal guardian of Mr. Brown.", "advocate", "am the legal guardian"),
        ("Ik ben de gemachtigde van de huurder.", "advocate", "ben de gemachtigde"),
    ],
)
def test_detect_representative(text, kind, evidence):
    assert mp.detect_representative(text) == {"kind": kind, "evidence": evidence}


@pytest.mark.parametrize(
    "text",
    [
        "Mijn moeder kwam langs en zag de schimmel.",
        "Mijn vader heeft het dak gisteren nog bekeken.",
        "Als dit niet wordt opgelost, schakel ik een advocaat in.",
        "Ik stap naar mijn advocaat.",
        "Ik ben zelf geen advocaat, maar dit klopt niet.",
        "Mijn bewindvoerder betaalt de huur elke maand.",
        "Mijn huurdersvereniging is op de hoogte.",
        "De bewoners van de flat klagen ook.",
        "Mr. Smith from your office called me yesterday.",
        "Ik heb een rechtsbijstandverzekering.",
        "De begeleider van de bouw was onbeleefd.",
        "",
        None,
    ],
)
def test_detect_representative_none(text):
    assert mp.detect_representative(text) is None


# ---------------------------------------------------------------------------
# case_numbers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Mijn klacht KL/2026/00012 is niet behandeld.", ["KL/2026/00012"]),
        ("Re: [KL/2026/00012] Lekkage", ["KL/2026/00012"]),
        ("Kenmerk KL-2026-00012", ["KL/2026/00012"]),
        ("Kenmerk KL 2026 00012", ["KL/2026/00012"]),
        ("kenmerk kl-2026-00012.", ["KL/2026/00012"]),
        ("KL / 2026 / 123", ["KL/2026/123"]),
        (
            "Zie KL/2026/00012, KLACH/2025/123456 en weer KL-2026-00012.",
            ["KL/2026/00012", "KLACH/2025/123456"],
        ),
        ("WMD/2026/00001 en B/2026/001", ["WMD/2026/00001", "B/2026/001"]),
        # Not case numbers.
        ("In 2026 123 keer gebeld.", []),
        ("Op 12 MEI 2026 123 meldingen.", []),
        ("KL/2026/12 is te kort.", []),
        ("KLACHT/2026/00012 heeft zes letters.", []),
        ("Bel 06-2026-1234.", []),
        ("Factuur 2026/00012", []),
        ("", []),
        (None, []),
    ],
)
def test_case_numbers(text, expected):
    assert mp.case_numbers(text) == expected


# ---------------------------------------------------------------------------
# Odd input
# ---------------------------------------------------------------------------

ODD_INPUTS = [None, "", "   ", "\n\n", ">", ":", "::::", "\x00\ufffd", 12345, b"bytes"]


@pytest.mark.parametrize("value", ODD_INPUTS)
def test_odd_input_never_raises(value):
    mp.classify_automatic(value, value, value)
    mp.is_no_reply_address(value)
    mp.parse_form_fields(value)
    mp.forwarded_from_text(value)
    mp.forwarded_from_message(value)
    mp.is_phone_note(value, value)
    mp.parse_dutch_address(value)
    mp.detect_language(value)
    mp.detect_representative(value)
    mp.case_numbers(value)
    mp.html_to_text(value)


def test_no_odoo_import():
    source = MODULE.read_text(encoding="utf-8")
    assert "import odoo" not in source and "from odoo" not in source
