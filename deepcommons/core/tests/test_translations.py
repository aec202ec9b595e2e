"""Every catalogue is complete in zh-Hans, and the committed .mo files match the .po files."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po"))


def _entries(po: Path) -> list[tuple[str, list[str], bool]]:
    """(msgid, msgstrs, fuzzy) for each live entry of a .po file."""
    entries: list[tuple[str, list[str], bool]] = []
    msgid: list[str] = []
    strs: list[list[str]] = []
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        nonlocal msgid, strs, fuzzy
        if strs:
            entries.append(("".join(msgid), ["".join(s) for s in strs], fuzzy))
        msgid, strs, fuzzy = [], [], False

    for raw in po.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            flush()
            current = None
        elif line.startswith("#~"):
            continue
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("msgid "):
            msgid = [ast.literal_eval(line[6:])]
            current = msgid
        elif line.startswith("msgid_plural "):
            current = []
        elif line.startswith("msgstr"):
            value = line.split(" ", 1)[1]
            strs.append([ast.literal_eval(value)])
            current = strs[-1]
        elif line.startswith('"') and current is not None:
            current.append(ast.literal_eval(line))
    return [e for e in entries if e[0]]


def test_there_are_catalogues() -> None:
    assert ROOT / "locale/zh_Hans/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po: Path) -> None:
    entries = _entries(po)
    assert entries
    untranslated = [msgid for msgid, strs, fuzzy in entries if fuzzy or not all(strs)]
    assert not untranslated, f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [msgid for msgid, strs, _f in entries if compiled.gettext(msgid) == msgid != strs[0]]
    assert not stale, f".mo is older than .po: {stale[:5]}"
