# Copyright 2026 klachtenbeheer contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The archive that answers a request for access (AVG art. 15): a readable
summary, the machine-readable data and the files, in one ZIP.

Plain Python: the model gathers the records, this packs them."""

import io
import json
import re
import zipfile

_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name, fallback="bestand"):
    """A file name that is safe in any archive tool: no folders, no control
    characters, never empty, at most 120 characters (the extension kept)."""
    name = _UNSAFE.sub("_", (name or "").replace("/", "_").replace("\\", "_"))
    name = name.strip(" ._") or fallback
    if len(name) > 120:
        stem, dot, ext = name.rpartition(".")
        name = (
            (stem[: 119 - len(ext)] + dot + ext)
            if dot and len(ext) < 10
            else name[:120]
        )
    return name


def build_archive(summary_pdf, data, files):
    """The ZIP as bytes.

    :param bytes summary_pdf: the readable summary (PDF)
    :param dict data: the machine-readable data (JSON-serialisable)
    :param files: ``(folder, file name, bytes)`` for every attachment; equal
        names in one folder are numbered, never overwritten
    """
    buffer = io.BytesIO()
    used = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("overzicht.pdf", summary_pdf)
        archive.writestr(
            "gegevens.json",
            json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str),
        )
        for folder, name, content in files:
            path = f"bijlagen/{safe_name(folder, 'klacht')}/{safe_name(name)}"
            stem, dot, ext = path.rpartition(".")
            candidate, number = path, 1
            while candidate in used:
                number += 1
                candidate = (
                    f"{stem} ({number}){dot}{ext}" if dot else f"{path} ({number})"
                )
            used.add(candidate)
            archive.writestr(candidate, content or b"")
    return buffer.getvalue()
