#!/usr/bin/env python3
"""Check the addons' __manifest__.py files (a hook in .pre-commit-config.yaml).

For every addon directory given (or found at the repository top level):
- the manifest parses with ast.literal_eval (Odoo reads it the same way);
- "version" is "18.0.x.y.z" (5 dot-separated parts, starting with 18.0.);
- the keys license, author, depends, installable and development_status exist;
- every file listed in "data" and "demo" exists.

Usage: check_manifests.py [FILE_OR_ADDON_DIR ...]; prints problems, exits 1 if any.
"""

import ast
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERIES = "18.0"
REQUIRED_KEYS = ("license", "author", "depends", "installable", "development_status")


def find_addons(args):
    """Addon directories for the given paths (files inside an addon count)."""
    if not args:
        return sorted(p.parent for p in REPO.glob("*/__manifest__.py"))
    addons = set()
    for arg in args:
        path = Path(arg).resolve()
        for candidate in (path, *path.parents):
            if (candidate / "__manifest__.py").is_file():
                addons.add(candidate)
                break
    return sorted(addons)


def check_addon(addon):
    manifest_path = addon / "__manifest__.py"
    try:
        manifest = ast.literal_eval(manifest_path.read_text(encoding="utf-8"))
    except (SyntaxError, ValueError) as exc:
        return [f"does not parse with ast.literal_eval: {exc}"]
    if not isinstance(manifest, dict):
        return ["is not a dict literal"]

    problems = []
    version = manifest.get("version", "")
    parts = str(version).split(".")
    if not str(version).startswith(SERIES + ".") or len(parts) != 5:
        problems.append(f"version {version!r} must look like {SERIES}.x.y.z (5 parts)")
    elif not all(p.isdigit() for p in parts):
        problems.append(f"version {version!r} must be numeric")
    for key in REQUIRED_KEYS:
        if key not in manifest:
            problems.append(f"missing key {key!r}")
    for key in ("data", "demo"):
        files = manifest.get(key, [])
        if not isinstance(files, list):
            problems.append(f"{key!r} must be a list")
            continue
        for name in files:
            if not (addon / name).is_file():
                problems.append(f"{key!r} lists {name!r}, which does not exist")
    return problems


def main(argv):
    addons = find_addons(argv)
    failed = False
    for addon in addons:
        for problem in check_addon(addon):
            failed = True
            print(
                f"{addon.relative_to(REPO) if addon.is_relative_to(REPO) else addon}"
                f"/__manifest__.py: {problem}"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
