#!/usr/bin/env python3
"""Check that XML files are well-formed (pre-commit hook).

Uses only the standard library so it runs before any dependency is installed.
Usage: check_xml.py FILE...; prints one line per broken file, exits 1 if any.
"""

import sys
import xml.etree.ElementTree as ET


def main(paths):
    failed = 0
    for path in paths:
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            print(f"{path}: not well-formed XML: {exc}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
