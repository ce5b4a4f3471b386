"""Shared fixtures for the repository tooling tests (tests/, plain pytest).

These tests do not need Odoo or PostgreSQL. scripts/test.sh sets:
  KLACHTEN_VENV      the project venv (whose python runs these tests)
  KLACHTEN_ODOO_DIR  the Odoo 18 source tree, when one was found
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# Every addon of the repository: the klachtenbeheer* directories with a manifest.
ADDONS = tuple(
    sorted(p.parent.name for p in REPO.glob("klachtenbeheer*/__manifest__.py"))
)
# Not part of the addons' source: never compared, never copied.
BUILD_LEFTOVERS = ("__pycache__", "*.pyc", "*.pyo")


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def odoo_dir():
    """The Odoo 18 tree found by scripts/lib.sh, or None."""
    value = os.environ.get("KLACHTEN_ODOO_DIR")
    return Path(value) if value else None


def addon_files(addon_dir):
    """Every file of an addon, relative to it, without build leftovers."""
    files = []
    for path in sorted(Path(addon_dir).rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        if path.suffix in (".pyc", ".pyo"):
            continue
        files.append(path.relative_to(addon_dir).as_posix())
    return files


def copy_repo(dest):
    """Copy the sources (not .git, venvs, build output) to build them in isolation:
    an in-tree `pip install .` would leave build/ and *.egg-info in the checkout."""
    shutil.copytree(
        REPO,
        dest,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "var",
            "build",
            "dist",
            "*.egg-info",
            ".*_cache",
            *BUILD_LEFTOVERS,
        ),
        symlinks=True,
    )
    return dest


def run(cmd, **kwargs):
    """subprocess.run with text output; the output is shown if a test fails."""
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    result = subprocess.run(cmd, check=False, **kwargs)
    sys.stdout.write(f"$ {' '.join(map(str, cmd))}\n{result.stdout}{result.stderr}\n")
    return result
