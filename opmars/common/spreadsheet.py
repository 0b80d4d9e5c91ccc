"""CSV for people, who open it in a Dutch spreadsheet: UTF-8 with a byte-order mark (without it
Excel reads é as Ã©), semicolons (Dutch Excel's list separator; a comma-separated file opens
as one column), decimal commas, and the formula guard on every text cell.

The open-data files stay comma-separated with decimal points: programs read those
(docs/import-export.md); open_csv writes a table that way."""

import csv
import io
from collections.abc import Iterable, Sequence

from opmars.common.formulas import guard_formula

BOM = "\ufeff"
SEPARATOR = ";"


def dutch_cell(value: object) -> object:
    """A float with a decimal comma ('0,0225'; 12 significant digits, so 13124.999999999998
    is 13125), text guarded; anything else as it is."""
    if isinstance(value, float):
        return format(value, ".12g").replace(".", ",") if value == value else ""
    return guard_formula(value)


def dutch_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=SEPARATOR)
    writer.writerow([dutch_cell(cell) for cell in header])
    writer.writerows([dutch_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def open_csv(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """The open-data form of the same table: UTF-8 without a BOM, commas, decimal points."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([guard_formula(cell) for cell in header])
    writer.writerows([guard_formula(cell) for cell in row] for row in rows)
    return out.getvalue()
