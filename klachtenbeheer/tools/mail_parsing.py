# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading incoming complaint mails: plain Python, no Odoo.

The mail gateway asks these helpers what a mail is (an automatic reply, a
website form, a forwarded mail, an employee's phone note) and what it says
(the complainant's address, language, case numbers, a representative).
Every function accepts None or empty input and never raises on odd input:
a mail that cannot be read is still taken in, by hand if need be.
"""

import email
import email.policy
import html
import re
from email.header import decode_header, make_header
from html.parser import HTMLParser

__all__ = [
    "case_numbers",
    "classify_automatic",
    "detect_language",
    "detect_representative",
    "forwarded_from_message",
    "forwarded_from_text",
    "html_to_text",
    "is_no_reply_address",
    "is_phone_note",
    "parse_dutch_address",
    "parse_form_fields",
]

# Bounded repetitions: a long run of address characters stays linear.
_EMAIL_RE = re.compile(
    r"[\w.!#$%&'*+/=?^`{|}~-]{1,64}@(?:[\w-]{1,63}\.){1,8}[a-zA-Z]{2,24}\b"
)
_QUOTE_RE = re.compile(r"^(?:[ \t]*>)+[ \t]?")


def _text(value):
    """`value` as a str ('' for None or anything that is not text)."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value if isinstance(value, str) else str(value)


def _lines(text):
    return _text(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _unquote(line):
    """A line without its leading "> " quote markers."""
    return _QUOTE_RE.sub("", line)


def _quote_depth(line):
    return _QUOTE_RE.match(line).group(0).count(">") if _QUOTE_RE.match(line) else 0


def _strip_quotes(line, depth):
    """Remove at most `depth` quote markers from a line."""
    for _ in range(depth):
        match = re.match(r"^[ \t]*>[ \t]?", line)
        if not match:
            break
        line = line[match.end() :]
    return line


# ---------------------------------------------------------------------------
# Automatic replies
# ---------------------------------------------------------------------------

# A subject that only an automatic reply starts with. Only at the start: a
# tenant may well write "why do I only get an automatic reply" in a subject,
# and "Fwd: Automatic reply" was forwarded by a person.
_AUTO_SUBJECT_STRONG_RE = re.compile(
    r"^[\W_]*(?:automatisch antwoord|automatische antwort|automatic reply"
    r"|auto[- ]?reply|auto[- ]?response|out of (?:the )?office"
    r"|abwesenheitsnotiz|r[ée]ponse automatique|respuesta autom[áa]tica"
    r"|risposta automatica|resposta autom[áa]tica|odpowied[źz] automatyczna"
    r"|otomatik yan[ıi]t)\b",
    re.IGNORECASE,
)
# Words that a tenant uses too: an automatic reply only together with an
# out-of-office body or a machine's header. Only a subject that starts with
# one and goes on with little else ("Afwezig", "Afwezig: Uw bericht", "Absent
# until Monday"), not "Afwezig bij afspraak" or "Absence of repair".
_AUTO_SUBJECT_WEAK_RE = re.compile(
    r"^[\W_]*(?:afwezig\w*|niet aanwezig|vakantie\w*|absen(?:ce|t)|holiday"
    r"|away|vacation|abwesen\w*|urlaub|cong[ée]s?)"
    r"(?=[ \t]*(?:$|[:(\[–-]|(?:tot|t/m|van|vanaf|until|till|from|bis|jusqu)\b))",
    re.IGNORECASE,
)
_WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)"
# First-person, present-tense phrases of out-of-office messages: a complaint
# tells what happened ("ik was afwezig"), an out-of-office when one is back.
_OUT_OF_OFFICE_RE = re.compile(
    "|".join(
        (
            # Dutch
            r"\b(?:ben ik|ik ben)\b[^.!?\n]{0,40}?\b(?:afwezig|niet aanwezig"
            r"|niet op kantoor|met vakantie|met verlof)\b(?! geweest)",
            r"\bniet op kantoor\b",
            r"\bweer (?:aanwezig|op kantoor|bereikbaar|beschikbaar)\b",
            r"\bben ik (?:weer )?terug\b",
            rf"\bterug op (?:kantoor|het werk|{_WEEKDAYS}|\d)",
            r"\bbeperkt bereikbaar\b",
            r"\bwordt niet doorgestuurd\b",
            r"\b(?:afwezig|niet aanwezig|niet bereikbaar) (?:tot|t/m|van|vanaf)\b",
            r"\bvoor dringende zaken\b",
            r"\bin dringende gevallen\b",
            # English
            r"\bi(?: am|['’]m) (?:currently )?(?:out|away|on (?:vacation|holiday"
            r"|leave))\b",
            r"\bout of (?:the )?office\b",
            r"\bi(?: will|['’]ll) (?:be back|return)\b",
            r"\b(?:limited|no|without) access to (?:my )?e-?mail\b",
            r"\bfor urgent matters\b",
            # German
            r"\bich bin bis\b",
            r"\babwesend\b",
            r"\bnicht im b(?:ü|ue)ro\b",
            r"\bin dringenden f(?:ä|ae)llen\b",
            # French
            r"\bje suis absente?\b",
            r"\babsente? du bureau\b",
            r"\bde retour le\b",
            r"\bpour toute urgence\b",
        )
    ),
    re.IGNORECASE,
)
# X-Autoreply and friends: set by vacation responders only.
_AUTO_REPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Auto-Reply")


def _header(headers, name):
    """A header's value, stripped and lower-case, or None when it is absent."""
    if headers is None:
        return None
    try:
        value = headers.get(name)
        if value is None and isinstance(headers, dict):
            value = next(
                (v for k, v in headers.items() if str(k).lower() == name.lower()),
                None,
            )
    except Exception:  # a defective header must not stop the intake
        return None
    return None if value is None else _text(value).strip().lower()


def _has_auto_reply_header(headers):
    """Headers that only automatic replies carry (RFC 3834 and vendors')."""
    if (_header(headers, "Auto-Submitted") or "").startswith("auto-replied"):
        return True
    if _header(headers, "Precedence") == "auto_reply":
        return True
    for name in _AUTO_REPLY_HEADERS:
        value = _header(headers, name)
        if value is not None and value not in ("no", "false", "0"):
            return True
    return False


def _has_soft_auto_header(headers):
    """Headers that machines set, but on mails worth reading too: website
    forms send "Auto-Submitted: auto-generated", newsletters "Precedence:
    bulk" (RFC 3834 §2)."""
    submitted = _header(headers, "Auto-Submitted")
    if submitted and submitted != "no":
        return True
    return _header(headers, "Precedence") in ("bulk", "junk", "list")


def classify_automatic(headers, subject, body_text):
    """Return None for a mail written by a person or generated by a form (it is
    to be processed), or a reason string: "auto_reply" for an out-of-office /
    vacation / automatic reply."""
    subject = _text(subject).strip()[:500]
    # An out-of-office says what it says at the top.
    body_text = _text(body_text)[:10000]
    if _has_auto_reply_header(headers) or _AUTO_SUBJECT_STRONG_RE.search(subject):
        return "auto_reply"
    weak_subject = bool(
        _AUTO_SUBJECT_WEAK_RE.search(subject) or _OUT_OF_OFFICE_RE.search(subject)
    )
    out_of_office = bool(_OUT_OF_OFFICE_RE.search(body_text))
    if _has_soft_auto_header(headers) and (weak_subject or out_of_office):
        return "auto_reply"
    if weak_subject and out_of_office:
        return "auto_reply"
    return None


# ---------------------------------------------------------------------------
# Machine addresses
# ---------------------------------------------------------------------------

# Local parts (without "-", "_", "." and a "+tag") of machines' addresses.
# Not "webmaster", "info" or "formulier": people read and answer those.
_MACHINE_LOCAL_PARTS = frozenset(
    (
        "postmaster|bounce|bounces|notification|notifications|automailer|autoreply"
        "|autoresponder|daemon|maildaemon|mailerdaemon"
    ).split("|")
)
_MACHINE_FRAGMENTS = ("noreply", "donotreply", "mailerdaemon")


def _address_of(value):
    """The bare address of "Name <addr>", "addr" or "Name [mailto:addr]"."""
    match = _EMAIL_RE.search(_text(value)[:1000])
    return match.group(0).lower() if match else ""


def is_no_reply_address(address):
    """Whether an e-mail address is a machine's (noreply, mailer-daemon,
    postmaster, bounces, notifications...): local part only, case-insensitive,
    "Name <addr>" tolerated. A webmaster or a forms@ mailbox is read by people."""
    addr = _address_of(address)
    if "@" not in addr:
        return False
    local = addr.rsplit("@", 1)[0].split("+", 1)[0]
    compact = re.sub(r"[-_.]", "", local)
    if any(fragment in compact for fragment in _MACHINE_FRAGMENTS):
        return True
    first = re.split(r"[-_.]", local, maxsplit=1)[0]
    return compact in _MACHINE_LOCAL_PARTS or first in _MACHINE_LOCAL_PARTS


# ---------------------------------------------------------------------------
# HTML to text
# ---------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre "
    "section table tbody tfoot thead tr ul".split()
)
_SKIP_TAGS = frozenset(("script", "style", "head", "title", "template"))
_CELL_TAGS = frozenset(("td", "th"))


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML document, one block per line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0
        self.pre = 0
        # Newlines at the end of the text so far: blocks do not pile them up.
        self.newlines = 2

    def _break(self, wanted):
        """End the line (wanted=1) or the paragraph (wanted=2)."""
        if self.newlines < wanted:
            self.parts.append("\n" * (wanted - self.newlines))
            self.newlines = wanted

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "br":
            self.parts.append("\n")
            self.newlines += 1
        elif tag in _BLOCK_TAGS:
            self._break(1)
            self.pre += tag == "pre"
        elif tag in _CELL_TAGS:
            # Cells of one row stay on one line: "Naam:\tJan" in a form table.
            self.parts.append("\t")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self._break(2 if tag == "p" else 1)
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skip:
            return
        text = data if self.pre else re.sub(r"\s+", " ", data)
        if text.strip():
            self.newlines = 0
        self.parts.append(text)


def html_to_text(html_text):
    """Crude HTML→text (block tags and <br> → newlines, entities unescaped, no
    tags), stdlib only. Used by the tests and by forwarded_from_message."""
    source = _text(html_text)
    if not source.strip():
        return ""
    parser = _TextExtractor()
    try:
        parser.feed(source)
        parser.close()
        text = "".join(parser.parts)
    except Exception:  # malformed markup: drop the tags by force
        text = html.unescape(re.sub(r"<[^>]*>", " ", source))
    text = text.replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+$", "", re.sub(r"^[ \t]+", "", ln)) for ln in _lines(text)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# ---------------------------------------------------------------------------
# Dutch addresses
# ---------------------------------------------------------------------------

# Postcode: 4 digits (not starting with 0) and 2 capitals; SA, SD and SS are
# never issued. Not part of a number, a case number or an amount.
_POSTCODE_RE = re.compile(r"(?<![\w/.+€-])([1-9]\d{3})[ \t\u00a0]?([A-Z]{2})(?!\w)")
_NO_POSTCODE_LETTERS = frozenset(("SA", "SD", "SS"))
_CAP = r"(?:IJ|[A-ZÀ-Þ])"
_CITY_WORD = rf"{_CAP}[a-zà-ÿ]+(?:-{_CAP}[a-zà-ÿ]+)*"
_CITY_RE = re.compile(rf"[ \t\u00a0,]{{1,3}}((?:['’][st][- ])?{_CITY_WORD})")
_CITY_LINK_RE = re.compile(
    rf"[ \t](?:aan den|aan de|aan|op|bij|van|in|a/d|onder|over)[ \t]{_CITY_WORD}"
)
_CITY_SECOND_RE = re.compile(rf"[ \t]{_CITY_WORD}")
# First words of two-word town names ("Den Haag", "De Bilt", "Nieuw Vennep").
_CITY_FIRST_WORDS = frozenset(
    "Den De Het Sint Groot Klein Oud Oude Nieuw Nieuwe Hoog Laag Ter Ten".split()
)
_STREET_WORD = r"(?:['’][st][- ])?(?:IJ|[A-ZÀ-Þ])[\wÀ-ÿ'’.-]*"
_STREET_LINK = (
    r"(?:van|de|der|den|het|['’]t|op|aan|in|bij|te|ter|ten|voor|achter|over|en|onder)"
)
_STREET_LOWER = (
    r"[a-zà-ÿ]+(?:straat|laan|weg|plein|gracht|kade|singel|dijk|hof|park|dreef"
    r"|pad|steeg|baan|ring|markt|plantsoen|erf|veld|wal|haven|hoven)"
)
_HOUSE_NUMBER = (
    r"\d{1,5}(?:(?:[ \t]?[-/][ \t]?|[ \t])?"
    r"(?:\d{1,4}|bis|hs|bg|zw|[IVX]{1,4}|[A-Za-z]{1,2}))?"
)
# Words that start a sentence or a signature's line, not a street ("Ik woon
# aan de Dorpsstraat 5", "Tel 015 1234").
_NOT_STREET_START = (
    r"(?:Ik|Wij|We|Mijn|Ons|Onze|Adres|Woonadres|Woonachtig|Wonende|Wonend|Woon"
    r"|Wonen|Bezoekadres|Postadres|Correspondentieadres|Op|Aan|In|Bij|Te|Naar"
    r"|Het|Dit|Dat|Deze|Per|Sinds|Thuis|Postbus|Antwoordnummer|Address|My|I|At"
    r"|Tel|Telefoon|Fax|Mobiel|Mob|KvK|BTW|IBAN|T|M|F)"
)
_STREET_RE = re.compile(
    rf"(?<![\wÀ-ÿ'’])(?!{_NOT_STREET_START}\b)"
    rf"((?:(?:\d{{1,3}}e[ \t]+)?{_STREET_WORD}(?:[ \t]+(?:{_STREET_LINK}[ \t]+)"
    rf"{{0,3}}{_STREET_WORD}){{0,6}}|{_STREET_LOWER})[ \t]+{_HOUSE_NUMBER})[ \t]*$"
)


def _street_in(segment):
    """The street and house number that end a piece of a line, or None."""
    # The last 200 characters: a street name is short, a line may not be.
    piece = re.split(r"[:;,]", segment.rstrip(" \t,;-"))[-1][-200:]
    match = _STREET_RE.search(piece.strip(" \t*"))
    return match.group(1).strip() if match else None


def _city_after(text, pos):
    """The town name right after a postcode that ends at `pos`, or None."""
    match = _CITY_RE.match(text, pos)
    if not match:
        return None
    city, end = match.group(1), match.end()
    more = _CITY_LINK_RE.match(text, end)
    if not more and city in _CITY_FIRST_WORDS:
        more = _CITY_SECOND_RE.match(text, end)
    return city + more.group(0) if more else city


def _is_amount_before(text, start):
    before = text[max(0, start - 6) : start].rstrip().lower()
    return before.endswith(("€", "eur", "euro"))


def _postcode_matches(text):
    for match in _POSTCODE_RE.finditer(text):
        if match.group(2) in _NO_POSTCODE_LETTERS:
            continue
        if _is_amount_before(text, match.start()):
            continue
        yield match


def _street_before(text, start):
    """The street on the postcode's line before it, or on the line above."""
    line_start = text.rfind("\n", 0, start) + 1
    street = _street_in(_unquote(text[line_start:start]))
    if street:
        return street
    above = [ln for ln in _lines(text[: max(0, line_start - 1)]) if ln.strip()]
    return _street_in(_unquote(above[-1])) if above else None


def parse_dutch_address(text):
    """The first Dutch address in a text: {"street": "Dorpsstraat 12a", "zip":
    "1234 AB", "city": "Delft"} with only the keys found. The street (with its
    house number) is on the postcode's line before it or on the line above."""
    text = _text(text)
    for match in _postcode_matches(text):
        result = {}
        street = _street_before(text, match.start())
        if street:
            result["street"] = street
        result["zip"] = f"{match.group(1)} {match.group(2)}"
        city = _city_after(text, match.end())
        if city:
            result["city"] = city
        return result
    return {}


# ---------------------------------------------------------------------------
# Website forms
# ---------------------------------------------------------------------------

# Known labels (normalised by _norm_label), "|"-separated, by the key they fill.
_FORM_LABELS = {
    "name": (
        "naam|uw naam|volledige naam|naam melder|naam indiener|naam klager|name"
        "|your name|full name"
    ),
    "first_name": "voornaam|voornamen|first name|firstname|given name",
    "infix": "tussenvoegsel|tussenvoegsels",
    "last_name": "achternaam|familienaam|last name|lastname|surname",
    "email": (
        "e-mail|e-mailadres|emailadres|e-mail adres|email|uw e-mailadres|email address"
        "|e-mail address|your email|your e-mail"
    ),
    "phone": (
        "telefoon|telefoonnummer|tel|tel.|mobiel|mobiel nummer|mobiele nummer"
        "|uw telefoonnummer|phone|phone number|telephone|mobile"
    ),
    "street": (
        "adres|uw adres|straat|straatnaam|straat en huisnummer"
        "|straatnaam en huisnummer|address|street"
    ),
    "house_number": "huisnummer|huisnr|huisnr.|house number",
    "addition": "toevoeging|huisnummertoevoeging|huisnummer toevoeging",
    "zip": "postcode|zip|zip code|zipcode|postal code",
    "zip_city": "postcode en plaats|postcode en woonplaats|postcode/plaats",
    "city": "plaats|woonplaats|city|town",
    "anonymous": (
        "anoniem|anoniem indienen|anoniem melden|klacht anoniem indienen"
        "|wilt u anoniem blijven|anonymous|submit anonymously"
    ),
    "subject": "onderwerp|onderwerp klacht|onderwerp van uw klacht|subject",
    "message": (
        "omschrijving|omschrijving klacht|omschrijving van de klacht"
        "|omschrijving van uw klacht|beschrijving|uw klacht|klacht|wat is uw klacht"
        "|toelichting|bericht|uw bericht|opmerking|opmerkingen|message|your message"
        "|message body|complaint|description"
    ),
    "representative_name": (
        "namens|ingediend namens|namens wie|namens wie dient u de klacht in"
        "|on behalf of"
    ),
    # Contact Form 7's default mail: "From: Name <addr>". Never counted as a
    # form label: a forwarded mail's header block has one too.
    "sender": "from|van",
}
# Labels of other fields: they end the complaint text but are not returned.
_FORM_OTHER_LABELS = frozenset(
    (
        "datum|date|tijd|zaaknummer|referentie|referentienummer|kenmerk|klantnummer"
        "|huurdersnummer|relatienummer|contractnummer|geboortedatum|bijlage|bijlagen"
        "|attachment|attachments|formulier|form|ingezonden op|verzonden op"
        "|ingediend op|submitted on|submitted by|ip-adres|ip address|pagina|page url"
        "|url|privacy|akkoord|toestemming|categorie|category|soort klacht"
        "|gewenste oplossing|aan|to|cc"
    ).split("|")
)
_FORM_KEY_OF = {
    label: key for key, labels in _FORM_LABELS.items() for label in labels.split("|")
}
_FORM_KEY_OF.update(dict.fromkeys(_FORM_OTHER_LABELS, ""))
_UNCOUNTED_KEYS = frozenset(("", "sender"))
# A form plugin's footer ends the complaint text.
_FORM_FOOTER_RE = re.compile(
    r"^(?:--\s*$|this e-mail was sent from|dit bericht is verzonden"
    r"|deze e-mail is verzonden|verzonden via het)",
    re.IGNORECASE,
)
# Any "Label: value" line, to end a value given on the lines below its label.
_ANY_LABEL_RE = re.compile(r"^[*_]*[^\W\d_][\w .'/()?-]{0,40}[*_]*\s*:(?!//)")
_TRUE_WORDS = frozenset(("ja", "yes", "true", "1", "j", "y", "on", "waar"))
_FALSE_WORDS = frozenset(("nee", "neen", "no", "false", "0", "n", "off", "onwaar"))
_ZIP_RE = re.compile(r"^([1-9]\d{3})\s?([a-zA-Z]{2})$")


def _norm_label(label):
    label = label.strip().strip("*_ \t").strip()
    label = re.sub(
        r"\s*(?:\*|\((?:verplicht|required|optioneel|optional)\))$", "", label
    )
    return re.sub(r"\s+", " ", label.rstrip("?").strip()).lower()


def _form_label(line):
    """(key, inline value) of a known label line; key "" for a field that is
    not returned; (None, None) for any other line."""
    stripped = line.strip()
    head, colon, tail = stripped.partition(":")
    if colon:
        key = _FORM_KEY_OF.get(_norm_label(head))
        if key is not None:
            return key, tail.strip().lstrip("*_").strip()
    key = _FORM_KEY_OF.get(_norm_label(stripped)) if stripped else None
    # A label alone on its line (Gravity Forms' table): value on the next line.
    return (key, "") if key is not None and not colon else (None, None)


def _is_label_line(line, bare=True):
    """Whether a line starts another field ("Label: value", or a known label
    alone on its line when `bare`)."""
    key = _form_label(line)[0]
    if ":" in line:
        return key is not None or bool(_ANY_LABEL_RE.match(line.strip()))
    return bare and key is not None


def _message_value(lines, start, value):
    """The multi-line complaint text, up to the next label or form footer."""
    collected = [value] if value else []
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if _form_label(line)[0] is not None or _FORM_FOOTER_RE.match(line.strip()):
            break
        collected.append(line.rstrip())
        end += 1
    text = "\n".join(collected).strip()
    return re.sub(r"\n{3,}", "\n\n", text), end


def _value_below(lines, start, key):
    """A value given on the lines below its label: up to a blank line or label."""
    end = start + 1
    while end < len(lines) and not lines[end].strip():
        end += 1
    parts = []
    while end < len(lines) and lines[end].strip():
        line = lines[end].strip()
        # The first line is the value even when it reads like a label: a
        # subject "Klacht" below "Onderwerp". A "Label: value" line is not.
        if _is_label_line(line, bare=bool(parts)):
            break
        parts.append(line)
        end += 1
    separator = ", " if key in ("street", "zip_city") else " "
    return separator.join(parts), end


def _form_values(text):
    """({key: first non-empty value}, set of the labels' keys found)."""
    lines = [_unquote(line) for line in _lines(text)]
    values, found = {}, set()
    index = 0
    while index < len(lines):
        key, value = _form_label(lines[index])
        if key is None:
            index += 1
            continue
        found.add(key)
        if key == "message":
            value, index = _message_value(lines, index, value)
        elif key and not value:
            value, index = _value_below(lines, index, key)
        else:
            index += 1
        if key and value and not values.get(key):
            values[key] = value
    return values, found


def _normalise_zip(value):
    match = _ZIP_RE.match(value.strip())
    return f"{match.group(1)} {match.group(2).upper()}" if match else value.strip()


def _parse_bool(value):
    words = re.findall(r"\w+", value.lower())
    if not words:
        return None
    if words[0] in _TRUE_WORDS:
        return True
    if words[0] in _FALSE_WORDS:
        return False
    # A checkbox whose choice is spelled out: "Ik wil anoniem blijven".
    if {"anoniem", "anonymous"} & set(words) and not {"niet", "not"} & set(words):
        return True
    return None


def _sender(value):
    """(name, lower-case address) of "Name <addr>", "addr", "Name [mailto:addr]",
    "\"Name\" <addr>"; each None when missing."""
    value = _text(value).strip()
    match = _EMAIL_RE.search(value)
    address = match.group(0).lower() if match else None
    name = _EMAIL_RE.sub("", value) if match else value
    # "[1]": the link footnote of an HTML-to-text conversion.
    name = re.sub(r"(?i)mailto:|\[\d+\]|[<>\[\]()\"*]", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;:'")
    return (name or None), address


def _form_name(values):
    if values.get("name"):
        return values["name"]
    parts = [values.get(k) for k in ("first_name", "infix", "last_name")]
    joined = " ".join(p.strip() for p in parts if p)
    return joined or _sender(values.get("sender"))[0]


def _form_email(values):
    for key in ("email", "sender"):
        match = _EMAIL_RE.search(values.get(key) or "")
        if match:
            return match.group(0).lower()
    return None


def _with_addition(number, addition):
    number, addition = (number or "").strip(), (addition or "").strip()
    if not addition:
        return number
    if re.fullmatch(r"[A-Za-z]{1,2}", addition):
        return number + addition
    return f"{number}-{addition}" if addition.isdigit() else f"{number} {addition}"


def _glue_zip(value):
    """Spell a postcode typed as "1234ab" the way parse_dutch_address reads it."""
    return re.sub(
        r"\b([1-9]\d{3}) ?([a-z]{2})\b", lambda m: f"{m[1]} {m[2].upper()}", value
    )


def _form_address(values):
    result = {}
    for key in ("street", "zip_city"):
        value = values.get(key)
        if not value:
            continue
        parsed = parse_dutch_address(_glue_zip(value))
        if key == "street":
            result["street"] = parsed.get("street") or value.strip(" ,")
        result.update({k: v for k, v in parsed.items() if k != "street"})
    house_number = _with_addition(values.get("house_number"), values.get("addition"))
    if house_number:
        result["house_number"] = house_number
    if values.get("zip"):
        result["zip"] = _normalise_zip(values["zip"])
    if values.get("city"):
        result["city"] = values["city"].strip()
    return result


def parse_form_fields(text):
    """Fields of a website form mail in plain text ("Label: value" lines, or the
    value below its label), as a dict with only the keys found of: name, email,
    phone, street, house_number, zip, city, anonymous (bool), subject, message,
    representative_name. {} when fewer than two known labels are found."""
    values, found = _form_values(text)
    if len(found - _UNCOUNTED_KEYS) < 2:
        return {}
    result = {
        "name": _form_name(values),
        "email": _form_email(values),
        "phone": values.get("phone"),
    }
    result.update(_form_address(values))
    if values.get("anonymous"):
        result["anonymous"] = _parse_bool(values["anonymous"])
    for key in ("subject", "message", "representative_name"):
        result[key] = values.get(key)
    return {key: value for key, value in result.items() if value not in (None, "")}


# ---------------------------------------------------------------------------
# Forwarded mails
# ---------------------------------------------------------------------------

_FORWARD_SEPARATOR_RE = re.compile(
    r"^(?:-{2,}[ \t]*(?:forwarded message|doorgestuurd bericht|original message"
    r"|oorspronkelijk bericht|origineel bericht|weitergeleitete nachricht"
    r"|urspr(?:ü|ue)ngliche nachricht|originalnachricht|message transf[ée]r[ée]"
    r"|message d'origine|mensaje reenviado)[ \t]*-*"
    r"|(?:begin forwarded message|begin doorgestuurd bericht"
    r"|anfang der weitergeleiteten nachricht)[ \t]*:)$",
    re.IGNORECASE,
)
_OUTLOOK_RULE_RE = re.compile(r"^_{10,}$")
_HEADER_NAMES = {
    "from": "from",
    "van": "from",
    "von": "from",
    "de": "from",
    "date": "date",
    "datum": "date",
    "sent": "date",
    "verzonden": "date",
    "gesendet": "date",
    "envoyé": "date",
    "to": "to",
    "aan": "to",
    "an": "to",
    "à": "to",
    "cc": "cc",
    "bcc": "cc",
    "subject": "subject",
    "onderwerp": "subject",
    "betreff": "subject",
    "objet": "subject",
    "reply-to": "other",
    "antwoord aan": "other",
    "beantwoorden aan": "other",
    "importance": "other",
    "urgentie": "other",
    "prioriteit": "other",
}
_HEADER_LINE_RE = re.compile(
    r"^\*?(?P<name>[^\W\d_][\w -]{0,20}?)\*?[ \t]*(?::\*|\*:|:)\*?[ \t]*(?P<value>.*)$"
)
_FULL_BLOCK = frozenset(("from", "date", "to", "subject"))


def _header_line(line):
    """(canonical name, value) of a mail header line such as "*Van:* Jan", or
    None."""
    match = _HEADER_LINE_RE.match(_unquote(line).strip())
    if not match:
        return None
    name = _HEADER_NAMES.get(match.group("name").strip().lower())
    return (name, match.group("value").strip()) if name else None


def _is_folded(lines, index):
    """Whether a line goes on with the header above it: Outlook wraps a long
    "Aan:" line onto an indented one, and another header follows."""
    line = _unquote(lines[index])
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return (
        line[:1] in (" ", "\t") and bool(line.strip()) and bool(_header_line(following))
    )


def _header_block(lines, start):
    """({name: value}, index after the block) of the header lines at `start`."""
    headers, index = {}, start
    while index < len(lines):
        parsed = _header_line(lines[index])
        if parsed is None:
            if headers and _is_folded(lines, index):
                index += 1
                continue
            break
        headers.setdefault(parsed[0], parsed[1])
        index += 1
    return headers, index


def _skip_blank(lines, index):
    while index < len(lines) and not _unquote(lines[index]).strip():
        index += 1
    return index


def _forward_start(lines):
    """(index where the forward begins, headers, index of its body) or None."""
    for index, line in enumerate(lines):
        bare = _unquote(line).strip()
        if _FORWARD_SEPARATOR_RE.match(bare):
            headers, end = _header_block(lines, _skip_blank(lines, index + 1))
            return index, headers, end
        if _OUTLOOK_RULE_RE.match(bare):
            headers, end = _header_block(lines, _skip_blank(lines, index + 1))
            if "from" in headers:
                return index, headers, end
        elif _header_line(line):
            headers, end = _header_block(lines, index)
            if _FULL_BLOCK <= set(headers):
                return index, headers, end
    return None


def _forward_dict(name, address, subject, date, body, note):
    return {
        "name": name or None,
        "email": address or None,
        "subject": subject or None,
        "date": date or None,
        "body": (body or "").strip(),
        "note": (note or "").strip(),
    }


def forwarded_from_text(text):
    """An inline forwarded mail in a plain-text body, or None: {"name", "email"
    (lower-case), "subject", "date", "body" (the forwarded text after its
    header block), "note" (what the forwarder wrote above it)}. Gmail,
    Outlook, Thunderbird and Apple Mail separators, or a bare block of
    From/Date/To/Subject header lines, quoted with "> " or not."""
    lines = _lines(text)
    found = _forward_start(lines)
    if found is None:
        return None
    start, headers, body_start = found
    depth = _quote_depth(lines[body_start - 1]) if body_start > start else 0
    body_start = _skip_blank(lines, body_start)
    body = "\n".join(_strip_quotes(line, depth) for line in lines[body_start:])
    name, address = _sender(headers.get("from"))
    return _forward_dict(
        name,
        address,
        headers.get("subject"),
        headers.get("date"),
        body,
        "\n".join(lines[:start]),
    )


def _is_attachment(part):
    try:
        return part.get_content_disposition() == "attachment"
    except Exception:
        return False


def _parts(message):
    """The parts of a message, not descending into attached messages."""
    yield message
    if message.get_content_type() == "message/rfc822" or not message.is_multipart():
        return
    for part in message.get_payload():
        if hasattr(part, "get_content_type"):
            yield from _parts(part)


def _attached_message(message):
    """The first mail attached as message/rfc822, or None."""
    for part in _parts(message):
        if part.get_content_type() != "message/rfc822":
            continue
        payload = part.get_payload()
        if isinstance(payload, list) and payload:
            payload = payload[0]
        if isinstance(payload, (str, bytes)):
            parse = email.message_from_bytes
            if isinstance(payload, str):
                parse = email.message_from_string
            payload = parse(payload, policy=email.policy.default)
        if hasattr(payload, "get_content_type"):
            return payload
    return None


def _part_text(part):
    """The decoded text of a leaf part."""
    content = None
    if hasattr(part, "get_content"):
        try:
            content = part.get_content()
        except (LookupError, ValueError, KeyError):  # unknown charset, bad data
            content = None
    if isinstance(content, str):
        return content
    # compat32 messages have no get_content(); or it could not decode.
    try:
        payload = part.get_payload(decode=True) or b""
        return payload.decode(part.get_content_charset() or "utf-8", "replace")
    except (LookupError, AttributeError):
        return _text(part.get_payload())


def _body_text(message):
    """A message's own plain-text body (its HTML as text when it has none)."""
    found = {}
    for part in _parts(message):
        kind = part.get_content_type()
        if kind in ("text/plain", "text/html") and not _is_attachment(part):
            found.setdefault(kind, part)
    if "text/plain" in found:
        return _part_text(found["text/plain"]).strip()
    if "text/html" in found:
        return html_to_text(_part_text(found["text/html"]))
    return ""


def _header_text(message, name):
    """A header as text, RFC 2047 encoded words decoded."""
    try:
        value = message.get(name)
        if value is None:
            return None
        value = str(value)
        if "=?" in value:
            value = str(make_header(decode_header(value)))
        return re.sub(r"\s+", " ", value).strip()
    except Exception:
        return None


def forwarded_from_message(message):
    """The dict of forwarded_from_text for a mail forwarded as attachment (a
    message/rfc822 part of an email.message.EmailMessage): the attached mail's
    From, Subject, Date and text body; note = the outer mail's own text. None
    when there is no such part."""
    if not hasattr(message, "get_content_type"):
        return None
    try:
        inner = _attached_message(message)
        if inner is None:
            return None
        name, address = _sender(_header_text(inner, "From"))
        return _forward_dict(
            name,
            address,
            _header_text(inner, "Subject"),
            _header_text(inner, "Date"),
            _body_text(inner),
            _body_text(message),
        )
    except Exception:  # a broken attachment is no forward to read
        return None


# ---------------------------------------------------------------------------
# Phone notes and front-desk visits
# ---------------------------------------------------------------------------

_PHONE_STRONG_RE = re.compile(
    r"\b(?:telefoonnotitie|telefoongesprek|terugbelverzoek|belnotitie"
    r"|phone call|phone note|telephone call)\b",
    re.IGNORECASE,
)
_FRONT_DESK_RE = re.compile(
    r"\b(?:aan de balie|bij de balie|balie(?:bezoek|gesprek|notitie|contact)?"
    r"|front desk|reception desk|aan het loket)\b",
    re.IGNORECASE,
)
_PHONE_WEAK_RE = re.compile(
    r"\b(?:telefonische?(?! bereikbaar)|(?:terug)?belde|heeft gebeld|gebeld door"
    r"|aan de telefoon|(?<!so-)(?<!so )called|on the phone)\b",
    re.IGNORECASE,
)


def _contact_kind(text):
    if _PHONE_STRONG_RE.search(text):
        return "phone"
    if _FRONT_DESK_RE.search(text):
        return "front_desk"
    if _PHONE_WEAK_RE.search(text):
        return "phone"
    return None


def is_phone_note(subject, text):
    """Whether an employee's mail writes down a phone call ("phone") or a visit
    to the front desk ("front_desk"), else None. The subject, the employee's
    own summary, is read before the body."""
    return _contact_kind(_text(subject)) or _contact_kind(_text(text))


# ---------------------------------------------------------------------------
# Language
# ---------------------------------------------------------------------------

_STOPWORDS = {
    "nl": "de het een en van ik je te dat is niet op aan met voor zijn er maar om"
    " ook als bij nog wel geen mijn wij we ons onze u uw heb heeft hebben wordt"
    " werd dit naar al kan was zou graag omdat sinds",
    "en": "the and of to is that it for was with on are be have has this my we"
    " our not but they you your from at would been there which will an or had"
    " since still no",
    "de": "der die das und ist nicht ich sie es ein eine einen mit zu den dem von"
    " auf für sich auch wir uns mein meine habe hat haben wird wurde seit noch"
    " aber oder bei nach sehr kein keine",
    "fr": "le la les de des du un une et est je il elle nous vous ne pas que qui dans"
    " pour sur avec ce cette mon ma mes au aux sont été ai avons mais ou très"
    " depuis toujours",
    "es": "el la los las de del un una y es no por con para mi se lo al pero como"
    " más muy desde está estoy hace tengo nos su sus hay ha que en",
    "pt": "o a os as de do da dos das em um uma e é não para com por meu minha mas se"
    " no na está estou há tem foi muito desde ele ela eu ainda",
    "pl": "i w z na się nie jest to że do o jak ale po co tak za od mój moja mnie"
    " jestem są przez już bardzo ten ta dla czy tylko mam było",
    "tr": "ve bir bu için ile çok ama ben biz değil var yok gibi daha olarak sonra"
    " kadar mı mi ne her şey benim hala hiç oldu olan evim evimde",
    "it": "il lo la gli di da a con su per tra un una è e che non mi ho ha sono mio mia"
    " ma anche molto della del nella questo questa perché ancora",
}
_STOPWORD_SETS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MIN_WORDS = 8
_MIN_HITS = 3
_LEAD = 1.5


def _words(text):
    kept = [line for line in _lines(text) if not line.lstrip().startswith(">")]
    cleaned = _EMAIL_RE.sub(" ", _URL_RE.sub(" ", "\n".join(kept)))
    return re.findall(r"[^\W\d_]+", cleaned.lower())


def detect_language(text):
    """ISO 639-1 code of the language a mail is written in (nl, en, de, fr, es,
    pl, tr, pt, it) from frequent function words, or None when the text is
    shorter than 8 words or no language is clearly ahead (the best needs 3 hits
    and 1.5 times the second's). Quoted lines, URLs and addresses are ignored."""
    words = _words(text)
    if len(words) < _MIN_WORDS:
        return None
    hits = {
        lang: sum(word in stopwords for word in words)
        for lang, stopwords in _STOPWORD_SETS.items()
    }
    ranked = sorted(hits.items(), key=lambda item: item[1], reverse=True)
    (best, best_hits), (_second, second_hits) = ranked[0], ranked[1]
    if best_hits < _MIN_HITS or best_hits < _LEAD * second_hits:
        return None
    return best


# ---------------------------------------------------------------------------
# Representatives
# ---------------------------------------------------------------------------

_RELATIVES_NL = (
    r"(?:moeder|vader|ouders|zoon|dochter|broer|zus|zuster|oma|opa|grootmoeder"
    r"|grootvader|man|vrouw|echtgenoot|echtgenote|partner|schoonmoeder"
    r"|schoonvader|schoonzoon|schoondochter|tante|oom|neef|nicht|kind|kinderen)"
)
_RELATIVES_EN = (
    r"(?:mother|father|parents|son|daughter|brother|sister|grandmother"
    r"|grandfather|husband|wife|partner|mother-in-law|father-in-law|aunt|uncle)"
)
_ADVOCATE_ROLES = (
    r"(?:bewindvoerder|mentor|curator|belangenbehartiger|gemachtigde"
    r"|maatschappelijk werk(?:st)?er|casemanager|woonbegeleider"
    r"|ambulant begeleider|begeleider|social worker|legal guardian|guardian)"
)
_LAWYER_ROLES = r"(?:advocaat|advocate|juridisch adviseur|juridisch medewerker)"
# The writer's own role: "Als bewindvoerder van", "ik ben de advocaat van",
# "bewindvoerder van mevrouw X", or the role alone on a signature line. A
# tenant's "mijn bewindvoerder" or "ik neem een advocaat" is no representative.
_WRITER_IS = (
    r"\b(?:als|ben|zijnde|in (?:mijn|de) (?:functie|hoedanigheid) (?:als|van)"
    r"|werkzaam als|as|am)\s+(?:de\s+|the\s+|haar\s+|zijn\s+|hun\s+|her\s+"
    r"|his\s+|their\s+)?{role}\b"
)
_ROLE_OF_PERSON = (
    r"\b{role}\s+(?:van|of)\s+(?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer"
    r"|mrs\.?|mr\.?|ms\.?)?\s*(?-i:[A-Z])[\w'’-]*"
)
_ROLE_SIGNATURE = r"(?m)^[ \t]*{role}[ \t]*(?:[,|–-][^\n]{{0,60}})?$"


def _role_patterns(role):
    return tuple(
        re.compile(pattern.format(role=role), re.IGNORECASE)
        for pattern in (_WRITER_IS, _ROLE_OF_PERSON, _ROLE_SIGNATURE)
    )


_LAWYER_PATTERNS = _role_patterns(_LAWYER_ROLES) + (
    re.compile(r"\badvocatenkantoor\b", re.IGNORECASE),
    re.compile(r"\b[A-Z][\w&.-]*(?:\s+(?:&\s+)?[A-Z][\w.-]*){0,5}\s+Advocaten\b"),
    re.compile(
        r"\bmr\.\s?(?:[A-Z]\.\s?)*(?:(?:van|de|der|den|ter|ten)\s)*[A-Z][a-zà-ÿ]+"
    ),
    re.compile(r"\b[A-Z][A-Za-z&-]+\s+Rechtsbijstand\b"),
    re.compile(r"\brechtsbijstandverlener\b", re.IGNORECASE),
    re.compile(r"\b(?:law firm|attorneys? at law|attorney-at-law)\b", re.IGNORECASE),
    re.compile(r"\b[A-Z][\w&.-]*(?:\s+(?:&\s+)?[A-Z][\w.-]*){0,5}\s+Solicitors\b"),
)
_ADVOCATE_PATTERNS = _role_patterns(_ADVOCATE_ROLES) + (
    re.compile(
        r"\b(?:namens|voorzitter|secretaris|penningmeester|bestuur|lid)\s+(?:van\s+)?"
        r"(?:de\s+)?(?:huurdersvereniging|huurdersbelangenvereniging"
        r"|bewonerscommissie|bewonersvereniging)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?m)^[ \t]*(?:huurdersvereniging|huurdersbelangenvereniging"
        r"|bewonerscommissie|bewonersvereniging)\b[^\n]{0,40}$",
        re.IGNORECASE,
    ),
    re.compile(r"\bnamens (?:alle |de )?(?:bewoners|huurders)\b", re.IGNORECASE),
    re.compile(
        r"\bnamens (?:mevrouw|meneer|mevr\.|mw\.|dhr\.|de heer)\s+(?-i:[A-Z])[\w'’-]*",
        re.IGNORECASE,
    ),
    re.compile(r"\bon behalf of (?:the|all) (?:tenants|residents)\b", re.IGNORECASE),
)
_RELATIVE_PATTERNS = (
    re.compile(rf"\b(?:namens|in naam van) mijn {_RELATIVES_NL}\b", re.IGNORECASE),
    re.compile(
        rf"\b(?:schrijf|mail|e-mail|meld|dien)\w*(?:\s+[\w-]+){{0,4}}\s+voor\s+mijn\s+"
        rf"{_RELATIVES_NL}\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\bmijn {_RELATIVES_NL}(?: \(|, | is |, die )"
        r"(?:de |een )?(?:huurster|huurder|bewoonster|bewoner)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"\bon behalf of my {_RELATIVES_EN}\b", re.IGNORECASE),
)
# "Mijn cliënt" is a lawyer's word, but a social worker's too: read last.
_CLIENT_PATTERNS = (
    re.compile(r"\b(?:namens )?(?:mijn|onze) cli[eë]nt(?:e|en)?\b", re.IGNORECASE),
    re.compile(r"\bon behalf of (?:my|our) client\b", re.IGNORECASE),
)
_REPRESENTATIVE_RULES = (
    ("lawyer", _LAWYER_PATTERNS),
    ("advocate", _ADVOCATE_PATTERNS),
    ("relative", _RELATIVE_PATTERNS),
    ("lawyer", _CLIENT_PATTERNS),
)


def detect_representative(text):
    """Whether the writer writes on someone else's behalf: {"kind": "lawyer" |
    "relative" | "advocate", "evidence": the matched phrase} or None. Only
    clear phrases: "mijn moeder kwam langs" is no representation."""
    text = _text(text)
    for kind, patterns in _REPRESENTATIVE_RULES:
        matches = [m for m in (p.search(text) for p in patterns) if m]
        if matches:
            first = min(matches, key=lambda m: m.start())
            return {"kind": kind, "evidence": first.group(0).strip()}
    return None


# ---------------------------------------------------------------------------
# Case numbers
# ---------------------------------------------------------------------------

_CASE_NUMBER_RE = re.compile(
    r"(?<![\w/-])([A-Za-z]{1,5})(?:[ \t]*([/-])[ \t]*|[ \t]+)((?:19|20)\d{2})"
    r"(?:[ \t]*\2[ \t]*|[ \t]+)(\d{3,})(?![\d/])"
)
# "MEI 2026 123" is a date, not a case number.
_MONTHS = frozenset(
    "JAN FEB MRT MAR APR MEI MAY JUN JUL AUG SEP SEPT OKT OCT NOV DEC".split()
)


def case_numbers(text):
    """Complaint numbers such as "KL/2026/00012" in a text, also written
    "KL-2026-00012" or "KL 2026 00012", normalised with "/", in order, once."""
    found = []
    for match in _CASE_NUMBER_RE.finditer(_text(text)):
        prefix, separator = match.group(1), match.group(2)
        # Spaces only between capitals and digits: "in 2026 123" is prose.
        if not separator and not prefix.isupper():
            continue
        if prefix.upper() in _MONTHS:
            continue
        number = f"{prefix.upper()}/{match.group(3)}/{match.group(4)}"
        if number not in found:
            found.append(number)
    return found
