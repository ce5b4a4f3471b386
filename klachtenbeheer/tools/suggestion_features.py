# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The features the frequency tables in the database learn, fast.

Plain Python, no Odoo. The tables learn from every closed complaint of a
register (100,000 within a minute, see docs/suggestions.md), and forget a
complaint with the same function, so it must be quick and give the same
features for the same text every time:

- ``plain(html)``: the text of a stored description (tags dropped, entities
  read), the same for learning, forgetting and suggesting;
- ``learned(subject, body, channel, domain)``: the stems of
  ``suggestion.analyse`` (folded, stop words dropped, Dutch snowball stems)
  and its ``channel:`` and ``domain:`` features, without the pairs of stems:
  nearly every pair of a register's text is new, a table of them would grow
  with the text (the cold start, built in memory, keeps them). The text is
  folded once, not word by word.
"""

import html
import re
import unicodedata

try:
    from . import suggestion
except ImportError:  # loaded from its path, outside Odoo (tests/, bench/)
    import importlib.util
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location(
        "klachtenbeheer_suggestion", Path(__file__).with_name("suggestion.py")
    )
    suggestion = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(suggestion)

_TAGS = re.compile(r"<[^>]*>")
_BREAKS = re.compile(r"<(?:br|/p|/div|/li|/h\d|/tr)\b[^>]*>", re.IGNORECASE)
# The combining marks of Latin, Greek and Cyrillic letters: what is left of
# an accent after NFKD.
_COMBINING = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def plain(description):
    """The text of an HTML description, for the suggestions."""
    if not description:
        return ""
    text = _TAGS.sub(" ", _BREAKS.sub("\n", str(description)))
    return html.unescape(text)


def fold(text):
    """As ``suggestion.fold``, for a whole text at once."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def learned(subject, body, channel=None, sender_domain=None):
    """-> {feature: count}: what the database's tables learn of a text."""
    feats = {}
    stop = suggestion.STOP_WORDS
    stem = suggestion.stem
    for text in (subject, body):
        text = fold((text or "")[: suggestion.MAX_CHARS])
        for word in suggestion._LETTERS.findall(text):  # pylint: disable=protected-access
            if len(word) < 2 or word in stop:
                continue
            feature = stem(word)
            feats[feature] = feats.get(feature, 0) + 1
    if channel:
        feats[f"channel:{channel}"] = 1
    if sender_domain:
        domain = suggestion.fold(sender_domain).strip().lstrip("@")
        if domain:
            feats[f"domain:{domain}"] = 1
    return feats
