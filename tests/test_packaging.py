"""`pip install .` installs both addons where Odoo finds them.

Builds the repository (a copy) into a throwaway venv, then checks that
site-packages/odoo/addons/<addon> holds the manifest and every data file, and,
when an Odoo 18 tree is known, that Odoo imports the addon from there.
"""

import os
import sys
import sysconfig
import textwrap

import pytest
from conftest import ADDONS, addon_files, copy_repo, run


@pytest.fixture(scope="module")
def installed(tmp_path_factory, repo):
    """(venv python, site-packages) of a throwaway venv with the repo pip-installed."""
    missing = [a for a in ADDONS if not (repo / a / "__manifest__.py").is_file()]
    assert not missing, f"addons without __manifest__.py, nothing to package: {missing}"
    tmp = tmp_path_factory.mktemp("packaging")
    src = copy_repo(tmp / "src")
    venv = tmp / "venv"
    # The project venv's python: same interpreter, so its site-packages can be
    # shared with the throwaway venv (see test_odoo_finds_installed_addon).
    assert run([sys.executable, "-m", "venv", str(venv)]).returncode == 0
    python = venv / "bin" / "python"
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    result = run([str(python), "-m", "pip", "install", "--quiet", str(src)], env=env)
    assert result.returncode == 0, "pip install . failed"
    purelib = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
    ).stdout.strip()
    return python, purelib


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_installed_with_all_files(installed, repo, addon):
    _, purelib = installed
    target = os.path.join(purelib, "odoo", "addons", addon)
    assert os.path.isfile(os.path.join(target, "__manifest__.py"))
    expected = addon_files(repo / addon)
    missing = [f for f in expected if not os.path.isfile(os.path.join(target, f))]
    assert not missing, f"not installed into {target}: {missing}"


def test_no_namespace_init_shipped(installed):
    """odoo/ and odoo/addons/ must stay namespace packages: shipping an
    __init__.py there would shadow Odoo itself."""
    _, purelib = installed
    for rel in ("odoo/__init__.py", "odoo/addons/__init__.py"):
        assert not os.path.exists(os.path.join(purelib, rel)), rel


def test_odoo_finds_installed_addon(installed, odoo_dir):
    if odoo_dir is None:
        pytest.skip("no Odoo 18 known (KLACHTEN_ODOO_DIR unset)")
    python, purelib = installed
    # Odoo and its requirements come from the Odoo tree and the project venv.
    project_site = sysconfig.get_paths()["purelib"]
    with open(os.path.join(purelib, "klachten-odoo.pth"), "w") as fh:
        fh.write(f"{odoo_dir}\n{project_site}\n")
    addons_dir = odoo_dir / "addons"
    check = textwrap.dedent(
        f"""
        import importlib, importlib.util, os
        import odoo
        from odoo.modules import module
        from odoo.tools import config
        # Odoo's standard addons (dependencies), but NOT our repository:
        # the addons must come from site-packages.
        deps = {str(addons_dir)!r}
        config["addons_path"] = deps if os.path.isdir(deps) else ""
        module.initialize_sys_path()
        for name in {list(ADDONS)!r}:
            full = "odoo.addons." + name
            print(name, "spec", importlib.util.find_spec(full).origin)
            print(name, "odoo", module.get_module_path(name))
            print(name, "import", importlib.import_module(full).__file__)
        """
    )
    result = run([str(python), "-c", check], cwd="/")
    assert result.returncode == 0, "importing the installed addons failed"
    lines = result.stdout.split("\n")
    for addon in ADDONS:
        expected = os.path.join(purelib, "odoo", "addons", addon)
        for kind in ("spec", "odoo", "import"):
            found = [
                line.split(" ", 2)[2]
                for line in lines
                if line.startswith(f"{addon} {kind} ")
            ]
            assert found and found[0].startswith(expected), (addon, kind, found)
