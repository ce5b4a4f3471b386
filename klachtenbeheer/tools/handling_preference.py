# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""How a complainant asks, in their own words, for their complaint to be
handled (Awb 9:10: the complainant is heard; the complainant decides between
an informal handling and a hearing with minutes and a decision letter).

Plain Python: it reads Dutch text and needs no Odoo. ``detect(text)`` gives
one of the complaint's handling preferences (``hearing``, ``three_way``,
``phone_visit``) or None. A negation close before the phrase ("ik wil geen
hoorzitting", "u hoeft mij niet te bellen") is not a wish.
"""

import re
import unicodedata

# Strongest wish first: a hearing outweighs a phone call in the same mail.
_PATTERNS = (
    (
        "hearing",
        (
            r"hoorzitting",
            r"(?:ge)?hoord (?:te )?worden",
            r"mondeling (?:wil(?:len)? )?toe ?lichten",
            r"mondelinge toelichting",
            r"\bwil(?:len)? (?:graag )?(?:door u |door jullie )?gehoord",
        ),
    ),
    (
        "three_way",
        (
            r"driegesprek",
            r"gesprek met (?:de|die|deze|die betreffende|de betreffende) "
            r"(?:medewerker|monteur|collega|man|vrouw|meneer|mevrouw)",
            r"(?:samen )?met (?:de|die|deze) (?:medewerker|monteur|collega) "
            r"(?:erbij|aan tafel|om tafel)",
        ),
    ),
    (
        "phone_visit",
        (
            r"\bbel(?:t)? (?:u |jullie )?(?:mij|me|ons)\b",
            r"\b(?:mij|me|ons) (?:even |graag )?(?:terug)?bellen\b",
            r"telefonisch contact",
            r"graag telefonisch",
            r"persoonlijk gesprek",
            r"kom(?:t|en)? (?:u |jullie )?(?:maar |graag |even )?langs",
            r"huisbezoek",
        ),
    ),
)
_COMPILED = tuple(
    (code, tuple(re.compile(p) for p in patterns)) for code, patterns in _PATTERNS
)
_NEGATION = re.compile(
    r"\b(?:geen|niet|nooit|hoeft|hoeven|zonder|liever niet)\b(?:\W+\w+){0,4}\W*$"
)
# "Ik zou teruggebeld worden" reports a broken promise (a hidden complaint),
# it does not ask for a way of handling.
_REPORTED = re.compile(r"\b(?:zou|zouden|werd|was|is) (?:\w+ ){0,3}$")


def _normalise(text):
    text = unicodedata.normalize("NFKC", text or "").lower()
    return re.sub(r"\s+", " ", text)


def _sentences(text):
    return [s for s in re.split(r"(?<=[.!?;\n])\s+|\n", text) if s.strip()]


def detect(text):
    """The handling the writer asks for, or None (the strongest wish of the
    whole text, wherever it stands)."""
    sentences = _sentences(_normalise(text))
    for code, patterns in _COMPILED:
        if any(_asks(sentence, patterns) for sentence in sentences):
            return code
    return None


def _asks(sentence, patterns):
    for pattern in patterns:
        for match in pattern.finditer(sentence):
            before = sentence[: match.start()]
            if not (_NEGATION.search(before) or _REPORTED.search(before)):
                return True
    return False
