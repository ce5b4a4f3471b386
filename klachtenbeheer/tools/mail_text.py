# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Plain-text mails as readable HTML.

Odoo stores the text/plain part of an incoming mail as one ``<pre>`` block:
its lines never wrap, so a complainant's long lines run off the chatter and
the complaint's description. Plain Python, without Odoo, to be tested fast.
"""

import html
import re

PRE_BLOCK = re.compile(r"<pre>(.*?)</pre>", re.DOTALL | re.IGNORECASE)
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def plaintext_to_html(text):
    """Escape ``text``; blank lines make paragraphs, other line breaks
    ``<br>``; the lines wrap as the window or the mail reader wants."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text.strip():
        return ""
    paragraphs = PARAGRAPH_BREAK.split(text)
    return "".join(
        "<p>{}</p>".format("<br>".join(html.escape(line) for line in p.split("\n")))
        for p in paragraphs
        if p.strip()
    )


def pre_blocks_to_html(body):
    """Replace every ``<pre>`` block Odoo made of a plain-text part by
    paragraphs (see :func:`plaintext_to_html`); other HTML is kept."""
    if not body or "<pre" not in body.lower():
        return body
    return PRE_BLOCK.sub(
        lambda match: plaintext_to_html(html.unescape(match.group(1))), body
    )
