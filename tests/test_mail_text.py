"""klachtenbeheer/tools/mail_text.py: plain-text mails keep their lines and wrap.

Loaded from its path: importing the klachtenbeheer package would import Odoo.
"""

import importlib.util
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/mail_text.py"
_spec = importlib.util.spec_from_file_location("klachten_mail_text", MODULE)
mt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mt)


def test_lines_and_paragraphs_are_kept():
    body = "\n<pre>Geachte heer,\n\nAl drie weken lekt het dak.\nNiemand komt.</pre>\n"
    assert mt.pre_blocks_to_html(body) == (
        "\n<p>Geachte heer,</p><p>Al drie weken lekt het dak.<br>Niemand komt.</p>\n"
    )


def test_no_pre_left_so_long_lines_wrap():
    long_line = "woord " * 80
    result = mt.pre_blocks_to_html(f"<pre>{long_line}</pre>")
    assert "<pre" not in result
    assert result.startswith("<p>woord woord")


def test_escaped_text_stays_escaped_once():
    # Odoo escaped the text when it made the <pre>: no double escaping, no
    # markup let through.
    result = mt.pre_blocks_to_html("<pre>a &lt;b&gt; &amp; c</pre>")
    assert result == "<p>a &lt;b&gt; &amp; c</p>"


def test_windows_line_ends_and_blank_text():
    assert mt.plaintext_to_html("een\r\ntwee\r\n\r\ndrie") == (
        "<p>een<br>twee</p><p>drie</p>"
    )
    assert mt.plaintext_to_html("\n\n") == ""


def test_html_without_pre_is_untouched():
    body = "<p>Al <b>drie</b> weken</p>"
    assert mt.pre_blocks_to_html(body) is body
    assert mt.pre_blocks_to_html(False) is False
