"""Install the addons as ``odoo.addons.<name>`` with ``pip install .``.

Odoo finds addons installed this way without any addons_path setting: the
``odoo`` and ``odoo.addons`` packages are namespace packages, so the addons
land in ``site-packages/odoo/addons/<name>`` and we deliberately ship no
``odoo/__init__.py`` or ``odoo/addons/__init__.py``.

Every non-Python file of an addon (views, data, i18n, static assets, readme,
...) is shipped too: Odoo loads them from the package directory at runtime.
"""

import ast
import os
from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent
CORE = "klachtenbeheer"
# The core first, then every other addon directory with a manifest.
ADDONS = [CORE] + sorted(
    p.parent.name for p in HERE.glob("klachtenbeheer_*/__manifest__.py")
)
# Never ship build leftovers.
SKIP_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo", ".py"}  # .py files come in as packages


def read_manifest(addon):
    path = HERE / addon / "__manifest__.py"
    if not path.is_file():
        raise SystemExit(f"{path} not found: cannot build the {addon} addon")
    return ast.literal_eval(path.read_text(encoding="utf-8"))


def data_files_of(addon):
    """All non-Python files of the addon, relative to the addon directory."""
    root = HERE / addon
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            # Migration scripts are no package (their folder is a version
            # number): Odoo reads them as files.
            in_migrations = "migrations" in Path(dirpath).relative_to(root).parts
            if Path(name).suffix in SKIP_SUFFIXES and not (
                in_migrations and name.endswith(".py")
            ):
                continue
            found.append(os.path.relpath(os.path.join(dirpath, name), root))
    return found


packages = []
package_dir = {}
package_data = {}
install_requires = []
for addon in ADDONS:
    manifest = read_manifest(addon)
    top = f"odoo.addons.{addon}"
    package_dir[top] = addon
    packages.append(top)
    packages += [f"{top}.{sub}" for sub in find_packages(str(HERE / addon))]
    package_data[top] = data_files_of(addon)
    for dep in manifest.get("external_dependencies", {}).get("python", []):
        if dep not in install_requires:
            install_requires.append(dep)

core = read_manifest(CORE)

setup(
    name="klachtenbeheer",
    version=core["version"],
    description=core.get("summary", "Complaint management for Odoo 18.0"),
    license="AGPL-3.0-or-later",
    author=core.get("author", ""),
    python_requires=">=3.10",
    packages=packages,
    package_dir=package_dir,
    package_data=package_data,
    include_package_data=False,
    install_requires=install_requires,
    zip_safe=False,
)
