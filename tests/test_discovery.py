"""The Odoo discovery of scripts/lib.sh, through scripts/find_odoo.sh.

Each test runs the script in a subprocess with an environment where the
real Odoo cannot be seen: an empty KLACHTEN_VENV, a python that cannot import
odoo (-S: no site-packages), no ODOO_PATH and ODOO_DEFAULT_PATH in tmp_path.
"""

import os
import stat
import sys
from pathlib import Path

import pytest
from conftest import REPO, run

FIND_ODOO = REPO / "scripts" / "find_odoo.sh"
SKIP_LINE = "Odoo tests SKIPPED: no Odoo 18 found (see README)"


def executable(path, text):
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def fake_odoo_tree(root, version="(18, 0, 0, FINAL, 0, '')", odoo_bin=True):
    """A directory that looks like an Odoo source tree of the given version."""
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "__init__.py").write_text("")
    (root / "odoo" / "release.py").write_text(
        "FINAL = 'final'\n"
        f"version_info = {version}\n"
        "version = '.'.join(str(s) for s in version_info[:2])\n"
    )
    (root / "addons").mkdir()
    if odoo_bin:
        executable(root / "odoo-bin", "#!/usr/bin/env python3\n")
    return root


@pytest.fixture
def env(tmp_path):
    """Environment in which no Odoo can be found."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # A python without site-packages: even if Odoo were pip-installed here,
    # `import odoo` fails. Used as python3 and to create venvs.
    python = executable(
        bin_dir / "nosite-python", f'#!/bin/sh\nexec {sys.executable} -S "$@"\n'
    )
    result = {
        key: value
        for key, value in os.environ.items()
        if key not in ("ODOO_PATH", "PYTHONPATH", "KLACHTEN_ODOO_DIR", "ODOO_RC")
    }
    result.update(
        KLACHTEN_VENV=str(tmp_path / "no-venv"),
        KLACHTEN_PYTHON=str(python),
        ODOO_DEFAULT_PATH=str(tmp_path / "opt" / "odoo-18.0"),
    )
    return result


def find_odoo(env, *args):
    return run(["bash", str(FIND_ODOO), *args], env=env, cwd=REPO)


def test_nothing_found_prints_skip_line(env):
    result = find_odoo(env, "test")
    assert result.returncode == 3
    assert SKIP_LINE in result.stdout.splitlines()


def test_odoo_path_without_odoo_bin_is_rejected(env, tmp_path):
    fake = fake_odoo_tree(tmp_path / "fake", odoo_bin=False)
    result = find_odoo(dict(env, ODOO_PATH=str(fake)), "test")
    assert result.returncode == 2
    assert f"ODOO_PATH={fake} is not an Odoo 18.0 source tree" in result.stderr
    assert "no odoo-bin" in result.stderr
    # and it says how to get a real one
    assert (
        "git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git"
        in result.stderr
    )


def test_odoo_path_of_other_version_is_rejected(env, tmp_path):
    fake = fake_odoo_tree(tmp_path / "odoo17", version="(17, 0, 0, FINAL, 0, '')")
    result = find_odoo(dict(env, ODOO_PATH=str(fake)), "test")
    assert result.returncode == 2
    assert "it is Odoo 17.0, we need 18.0" in result.stderr


def test_odoo_path_is_used(env, tmp_path):
    fake = fake_odoo_tree(tmp_path / "odoo18")
    result = find_odoo(dict(env, ODOO_PATH=str(fake)), "test")
    assert result.returncode == 0, result.stderr
    assert f"ODOO_DIR={fake}" in result.stdout
    assert f"ODOO_BIN={fake}/odoo-bin" in result.stdout
    assert "ODOO_FOUND_BY=ODOO_PATH" in result.stdout


def test_default_path_is_used(env):
    default = fake_odoo_tree(Path(env["ODOO_DEFAULT_PATH"]))
    result = find_odoo(env, "test")
    assert result.returncode == 0, result.stderr
    assert f"ODOO_DIR={default}" in result.stdout
    assert "ODOO_FOUND_BY=default location" in result.stdout


def test_odoo_path_comes_before_default(env, tmp_path):
    fake_odoo_tree(Path(env["ODOO_DEFAULT_PATH"]))
    chosen = fake_odoo_tree(tmp_path / "chosen")
    result = find_odoo(dict(env, ODOO_PATH=str(chosen)), "test")
    assert f"ODOO_DIR={chosen}" in result.stdout


def test_default_path_of_other_version_is_ignored(env):
    fake_odoo_tree(Path(env["ODOO_DEFAULT_PATH"]), version="(17, 0)")
    result = find_odoo(env, "test")
    assert result.returncode == 3
    assert "is not usable: it is Odoo 17.0" in result.stderr
    assert SKIP_LINE in result.stdout


def test_importable_odoo_comes_first(env, tmp_path):
    """(a) an odoo package importable by the venv's python wins over ODOO_PATH."""
    pkg_root = fake_odoo_tree(tmp_path / "site", odoo_bin=False)
    venv_bin = tmp_path / "venv" / "bin"
    venv_bin.mkdir(parents=True)
    executable(
        venv_bin / "python",
        f'#!/bin/sh\nPYTHONPATH={pkg_root} exec {sys.executable} -S "$@"\n',
    )
    other = fake_odoo_tree(tmp_path / "odoo18")
    result = find_odoo(
        dict(env, KLACHTEN_VENV=str(tmp_path / "venv"), ODOO_PATH=str(other))
    )
    assert result.returncode == 0, result.stderr
    assert f"ODOO_DIR={pkg_root}" in result.stdout
    assert "ODOO_FOUND_BY=python" in result.stdout
    assert "ODOO_PATH=" in result.stderr and "is ignored" in result.stderr


def test_demo_without_internet_explains_how_to_get_odoo(env, tmp_path):
    """Demo mode clones upstream; with GitHub unreachable it says what to do."""
    # A git that always fails, as `git ls-remote` does without network.
    executable(tmp_path / "bin" / "git", "#!/bin/sh\nexit 128\n")
    result = find_odoo(dict(env, PATH=f"{tmp_path / 'bin'}:{env['PATH']}"), "demo")
    assert result.returncode == 1
    assert "not reachable" in result.stderr
    assert (
        f"git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git "
        f"{env['ODOO_DEFAULT_PATH']}" in result.stderr
    )
    assert "export ODOO_PATH=" in result.stderr
    assert "pip install" in result.stderr
    assert not os.path.exists(env["ODOO_DEFAULT_PATH"])


def test_test_script_uses_the_skip_line():
    """scripts/test.sh must print the very line CI and people grep for."""
    lib = (REPO / "scripts" / "lib.sh").read_text()
    test_sh = (REPO / "scripts" / "test.sh").read_text()
    assert f'KB_SKIP_LINE="{SKIP_LINE}"' in lib
    assert 'echo "$KB_SKIP_LINE"' in test_sh
    assert "find_odoo test" in test_sh
