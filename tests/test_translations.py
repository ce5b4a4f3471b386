"""Each addon's Dutch translation (i18n/nl.po), when present, parses and is complete."""

import pytest
from conftest import ADDONS

polib = pytest.importorskip("polib")


@pytest.mark.parametrize("addon", ADDONS)
def test_dutch_translation_complete(repo, addon):
    po_path = repo / addon / "i18n" / "nl.po"
    if not po_path.is_file():
        pytest.skip(f"{addon}/i18n/nl.po does not exist (yet)")
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    # Odoo does not load fuzzy entries either: they count as untranslated.
    fuzzy = [e.msgid for e in po.fuzzy_entries() if not e.obsolete]
    assert not untranslated, (
        f"{po_path}: {len(untranslated)} untranslated: {untranslated[:20]}"
    )
    assert not fuzzy, f"{po_path}: {len(fuzzy)} fuzzy: {fuzzy[:20]}"
    assert len(po) > 0, f"{po_path} has no entries"
