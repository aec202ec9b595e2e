"""Fill msgstr in every zh_Hans catalogue from the dictionaries in tools/zh_*.py.

Usage: .venv/bin/python tools/apply_translations.py  (needs `pip install polib`).
Only empty or fuzzy entries are filled, so hand edits in the .po are kept.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# The site's catalogue, and the apps that keep their own (social, analytics).
CATALOGUES = sorted(ROOT.glob("deepcommons/**/locale/zh_Hans/LC_MESSAGES/django.po"))


def load() -> dict[str, str]:
    table: dict[str, str] = {}
    for path in sorted((ROOT / "tools").glob("zh_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        table.update(module.ZH)
    return table


def main() -> int:
    table = load()
    missing = []
    for path in CATALOGUES:
        missing += fill(polib.pofile(str(path)), table)
    for msgid in missing:
        print("untranslated:", repr(msgid))
    print(f"{len(missing)} untranslated")
    return 1 if missing else 0


def fill(po: polib.POFile, table: dict[str, str]) -> list[str]:
    """Fill `po`'s empty or fuzzy entries from `table`, save it, return the msgids left."""
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgstr and "fuzzy" not in entry.flags and not entry.msgid_plural:
            continue
        if entry.msgid_plural:
            if entry.msgid in table:
                entry.msgstr_plural = {0: table[entry.msgid]}
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif not entry.msgstr_plural.get(0):
                missing.append(entry.msgid)
            continue
        if entry.msgid in table:
            entry.msgstr = table[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        else:
            missing.append(entry.msgid)
    po.save()
    return missing


if __name__ == "__main__":
    sys.exit(main())
