"""klachtenbeheer/tools/privacy_export.py: the archive answering a request for
access (AVG art. 15). Plain Python, loaded from its path."""

import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest

MODULE = (
    Path(__file__).resolve().parent.parent / "klachtenbeheer/tools/privacy_export.py"
)
_spec = importlib.util.spec_from_file_location("klachten_privacy_export", MODULE)
pe = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(pe)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("foto.jpg", "foto.jpg"),
        ("../../etc/passwd", "etc_passwd"),
        ("map\\brief.pdf", "map_brief.pdf"),
        ("", "bestand"),
        ("...", "bestand"),
        ("brief van mevrouw Çelik.pdf", "brief van mevrouw Çelik.pdf"),
        ("a\x00b.txt", "a_b.txt"),
        ("KL/2026/00001", "KL_2026_00001"),
    ],
)
def test_safe_name(name, expected):
    assert pe.safe_name(name) == expected


def test_long_names_keep_their_extension():
    name = pe.safe_name("x" * 300 + ".pdf")
    assert len(name) <= 120
    assert name.endswith(".pdf")


def test_archive_holds_summary_data_and_every_file():
    data = {"klachten": [{"Nummer": "KL/2026/00001", "tekst": "Schimmel — astma"}]}
    files = [
        ("KL/2026/00001", "foto.jpg", b"jpeg"),
        ("KL/2026/00001", "foto.jpg", b"other jpeg"),
        ("KL/2026/00002", "../brief.pdf", b"%PDF"),
        ("KL/2026/00002", "leeg", None),
    ]
    archive = zipfile.ZipFile(io.BytesIO(pe.build_archive(b"%PDF-1.4", data, files)))
    names = archive.namelist()
    assert names == [
        "overzicht.pdf",
        "gegevens.json",
        "bijlagen/KL_2026_00001/foto.jpg",
        "bijlagen/KL_2026_00001/foto (2).jpg",
        "bijlagen/KL_2026_00002/brief.pdf",
        "bijlagen/KL_2026_00002/leeg",
    ]
    assert archive.read("bijlagen/KL_2026_00001/foto (2).jpg") == b"other jpeg"
    assert json.loads(archive.read("gegevens.json")) == data
    assert "astma" in archive.read("gegevens.json").decode("utf-8")
