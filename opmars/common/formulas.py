"""Against spreadsheet formula injection: every CSV Opmars writes guards its cells and every file
it reads unguards them, so a value survives the round trip exactly (docs/import-export.md)."""

import re
from typing import TypeVar

# What spreadsheets (Excel, LibreOffice, Google Sheets) may run as a formula: = + - @ and, since
# some strip them first, a tab or carriage return. '-2+3+cmd|...' is a formula, however numeric
# its start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The one exception: a negative number as Opmars writes it ('-12', '-3,5', '-3.5'), which a
# spreadsheet reads as that number. A leading plus is not exempt: '+31 6 1234 5678' is a phone
# number, and the apostrophe keeps it as written.
PLAIN_NUMBER = re.compile(r"-[0-9]+(?:[.,][0-9]+)?")

# A cell: text is guarded or unguarded, anything else (a number, None) comes back as it was.
Cell = TypeVar("Cell")


def needs_formula_guard(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def guard_formula(text: Cell) -> Cell | str:
    """Export: an apostrophe before text a spreadsheet could run as a formula.

    Text that already starts with apostrophes before such a formula gets one more, so that
    unguard_formula gives back exactly the original text. Numbers are left alone.
    """
    if isinstance(text, str) and needs_formula_guard(text.lstrip("'")):
        return "'" + text
    return text


def unguard_formula(text: Cell) -> Cell | str:
    """Import: strip exactly the apostrophe that guard_formula added, nothing else."""
    if isinstance(text, str) and text.startswith("'") and needs_formula_guard(text.lstrip("'")):
        return text[1:]
    return text
