"""Reading spreadsheets as people really make them: CSV in UTF-8, UTF-16 or Windows-1252 (even
mixed line by line) and three delimiters, or XLSX; Dutch and international numbers and dates;
headers by many names.

Rows are streamed (a generator), so a file of 100,000 rows never sits in memory as objects.
Only the header mapping knows about Opmars' fields; everything else here is plain Python.
"""

import codecs
import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils.translation import gettext as _

from opmars.common.formulas import unguard_formula

CSV_DELIMITERS = [";", ",", "\t"]
SNIFF_BYTES = 64 * 1024
CELL_MAX_CHARS = 100_000

# The csv module's own limit (131,072 characters, process-wide) ends a read with an English
# error that names no column. The upload limit already bounds a cell, and _check_cell_sizes
# names the row and column in Dutch; raising the limit only widens it for other readers.
csv.field_size_limit(2**31 - 1)


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is Dutch and says what to do."""


def limits():
    return {
        "max_bytes": settings.OPMARS_IMPORT_MAX_MB * 1024 * 1024,
        "max_rows": settings.OPMARS_IMPORT_MAX_ROWS,
        # A zip bomb unpacks a few kB into gigabytes; real spreadsheets compress about 5-20x.
        "max_ratio": 100,
    }


# ---------------------------------------------------------------- encodings and delimiters


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
MIXED_LINES_SHOWN = 10


class Lines:
    """A CSV file's lines as text, streamed.

    UTF-16 with a BOM (Excel's "Unicode text") is decoded as a whole. Anything else is decoded
    line by line: UTF-8 (with or without BOM) where the line is valid UTF-8, else Windows-1252,
    so a file pasted together from both never turns into mojibake from one line on. A file that
    really mixes the two gets a warning, because a single line can be valid in both.
    """

    def __init__(self, path, utf16):
        self.utf16 = utf16
        self.handle = open(path, "rb")
        self.utf8_lines = 0  # lines with non-ASCII text that decoded as UTF-8
        self.cp1252_lines = []  # numbers of the lines that did not

    def __iter__(self):
        if self.utf16:
            # Invalid UTF-16 is as rare as it is hopeless; a replacement character shows where.
            yield from io.TextIOWrapper(self.handle, "utf-16", errors="replace", newline="")
            return
        number = 0
        for raw in self.handle:
            # A file with only carriage returns (old Mac) is one raw line: split it as text would.
            for line in raw.splitlines(keepends=True):
                number += 1
                yield self._decode(number, line)

    def _decode(self, number, line):
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            self.utf8_lines += 1  # the BOM declares UTF-8: any Windows-1252 line is a mix
            line = line[len(codecs.BOM_UTF8) :]
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            self.cp1252_lines.append(number)
            # cp1252 leaves five bytes undefined; a replacement character marks them.
            return line.decode("cp1252", errors="replace")
        if not line.isascii():
            self.utf8_lines += 1
        return text

    def close(self):
        self.handle.close()

    def warnings(self):
        if not (self.utf8_lines and self.cp1252_lines):
            return []
        shown = ", ".join(str(n) for n in self.cp1252_lines[:MIXED_LINES_SHOWN])
        if len(self.cp1252_lines) > MIXED_LINES_SHOWN:
            shown += " …"
        return [
            _(
                "Het bestand mengt tekensets (UTF-8 en Windows-1252); controleer de letters "
                "met accenten en het €-teken in de regels die als Windows-1252 zijn gelezen: "
                "%(lines)s. Sla het bestand bij voorkeur op als CSV UTF-8."
            )
            % {"lines": shown}
        ]


def detect_delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most columns (outside quotes)."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d))) for d in CSV_DELIMITERS}
    return max(CSV_DELIMITERS, key=lambda d: (counts[d], -CSV_DELIMITERS.index(d)))


# ---------------------------------------------------------------- values


def cell_text(value) -> str:
    """A cell as trimmed text; numbers from XLSX without a spurious '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return unguard_formula(str(value).strip())


_NUMBER = re.compile(r"^[+-]?[\d.,]+$")


def parse_number(text: str, integer=False):
    """'1.234,5' and '1,234.5' -> 1234.5; '1234' -> 1234. None for empty; ValueError if no number.

    With both separators the last one is the decimal mark. With one separator that occurs once
    and is followed by exactly three digits ('1.234', '1,234') it is read as a thousands
    separator for whole numbers, and as a decimal mark otherwise only when it is not a
    thousands group.
    """
    text = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("€", "")
    if not text:
        return None
    if not _NUMBER.match(text):
        raise ValueError(text)
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        text = text.replace(thousands, "").replace(decimal, ".")
    elif dots + commas:
        mark = "." if dots else ","
        groups = text.lstrip("+-").split(mark)
        is_thousands = len(groups) > 2 or (integer and len(groups[-1]) == 3)
        if is_thousands:
            if not all(len(g) == 3 for g in groups[1:]):
                raise ValueError(text)
            text = text.replace(mark, "")
        else:
            text = text.replace(mark, ".")
    value = float(text)
    if integer:
        if not value.is_integer():
            raise ValueError(text)
        return int(value)
    return value


_DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y"]


def parse_date(text: str):
    """ISO or Dutch day-first dates ('25-4-2017', '25/04/2017'). None for empty; ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    text = text.split("T")[0].split(" ")[0]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1", "x", "wel"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0", "niet", ""}


def parse_bool(text: str):
    value = (text or "").strip().casefold()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(text)


# ---------------------------------------------------------------- headers


def header_key(text: str) -> str:
    """'KvK-nummer ' -> 'kvk_nummer'; 'Breedtegraad (°)' -> 'breedtegraad'."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"\(.*?\)", "", plain)
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


@dataclass
class HeaderMapping:
    """Which column of the file feeds which field; shown to the user and adjustable."""

    columns: list[str]  # the file's headers as written
    fields: dict[int, str] = field(default_factory=dict)  # column index -> field name

    def field_of(self, index):
        return self.fields.get(index)

    @property
    def mapped_fields(self):
        return set(self.fields.values())

    def unmapped_columns(self):
        return [name for i, name in enumerate(self.columns) if i not in self.fields]

    def rows_as_fields(self, values):
        """One row's cells as {field: text}; cells of unmapped columns are dropped."""
        return {f: cell_text(values[i]) if i < len(values) else "" for i, f in self.fields.items()}


def map_headers(columns, synonyms, overrides=None):
    """Map each header to a field by its synonyms (first match wins; a field is used once).

    `overrides` ({column name: field or ""}) is what the user chose in the web flow.
    """
    by_key = {key: name for name, keys in synonyms.items() for key in keys}
    mapping = HeaderMapping(columns=[str(c or "").strip() for c in columns])
    used = set()
    for index, column in enumerate(mapping.columns):
        if overrides and column in overrides:
            target = overrides[column] or None
        else:
            target = by_key.get(header_key(column))
        if target and target not in used:
            mapping.fields[index] = target
            used.add(target)
    return mapping


# ---------------------------------------------------------------- files


def _check_size(size):
    if size > limits()["max_bytes"]:
        raise FileProblem(
            _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
            % {"mb": settings.OPMARS_IMPORT_MAX_MB}
        )


def estimated_rows(path):
    """Lines of a CSV (for a progress bar); None for Excel, whose row count is not cheap."""
    if is_xlsx(path):
        return None
    with open(path, "rb") as handle:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    return max(lines - 1, 1)


def is_xlsx(path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


class Rows:
    """The (number, cells) rows of a file, streamed; `warnings` (Dutch, about the file as a
    whole) is complete once the rows have been read."""

    def __init__(self, rows, warnings):
        self._rows = rows
        self._warnings = warnings

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._rows)

    @property
    def warnings(self):
        return self._warnings()


def read_rows(path):
    """(header cells, Rows) for a CSV or XLSX file; empty rows skipped."""
    import os

    _check_size(os.path.getsize(path))
    header, rows, warnings = _read_xlsx(path) if is_xlsx(path) else _read_csv(path)
    return header, Rows(_limited(_non_empty(rows)), warnings)


def _non_empty(rows):
    for number, cells in rows:
        if any(cell_text(c) for c in cells):
            yield number, cells


def _limited(rows):
    max_rows = limits()["max_rows"]
    for count, row in enumerate(rows, start=1):
        if count > max_rows:
            raise FileProblem(
                _("Het bestand heeft meer dan %(max)s rijen. Splits het in kleinere bestanden.")
                % {"max": max_rows}
            )
        yield row


def _read_csv(path):
    with open(path, "rb") as handle:
        sample = handle.read(SNIFF_BYTES)
    utf16 = sample.startswith(UTF16_BOMS)
    if b"\x00" in sample and not utf16:
        raise FileProblem(
            _("Dit is geen CSV- of Excelbestand (.xlsx). Sla het op als CSV of .xlsx.")
        )
    lines = Lines(path, utf16)
    text = iter(lines)
    first = next(text, "")
    if not first.strip():
        lines.close()
        raise FileProblem(_("Het bestand is leeg of de eerste regel heeft geen kolomnamen."))
    delimiter = detect_delimiter(first)
    header = next(csv.reader([first], delimiter=delimiter))
    return header, _csv_rows(lines, text, header, delimiter), lines.warnings


def _csv_rows(lines, text, header, delimiter):
    reader = csv.reader(text, delimiter=delimiter)
    try:
        for cells in reader:
            number = reader.line_num + 1
            _check_cell_sizes(number, cells, header)
            yield number, cells
    except csv.Error as error:
        raise FileProblem(
            _("Het CSV-bestand is beschadigd rond regel %(line)s: %(why)s")
            % {"line": reader.line_num + 1, "why": error}
        ) from error
    finally:
        lines.close()


def _dutch_thousands(number):
    return f"{number:,}".replace(",", ".")


def _check_cell_sizes(number, cells, header):
    for index, cell in enumerate(cells):
        if len(cell) > CELL_MAX_CHARS:
            column = header[index] if index < len(header) else str(index + 1)
            raise FileProblem(
                _(
                    "Rij %(row)s, kolom ‘%(column)s’: de cel is langer dan %(limit)s tekens. "
                    'Kort de tekst in, of controleer of een aanhalingsteken (") niet '
                    "afgesloten is, zodat de rest van het bestand in één cel valt."
                )
                % {
                    "row": number,
                    "column": column,
                    "limit": _dutch_thousands(CELL_MAX_CHARS),
                }
            )


def _check_xlsx_archive(path):
    try:
        with zipfile.ZipFile(path) as archive:
            # The sizes first, from the directory: testzip() would unpack a bomb entirely.
            _check_unpacked_size(archive.infolist())
            archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise FileProblem(
            _(
                "Het Excelbestand is beschadigd of onvolledig. "
                "Sla het opnieuw op en probeer het nog eens."
            )
        ) from error


def _check_unpacked_size(infos):
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unpacked / packed > limits()["max_ratio"] or unpacked > 20 * limits()["max_bytes"]:
        raise FileProblem(
            _("Dit Excelbestand pakt verdacht groot uit en wordt niet gelezen. Sla het op als CSV.")
        )


def _read_xlsx(path):
    from openpyxl import load_workbook

    _check_xlsx_archive(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows, None) or [])
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise FileProblem(
            _(
                "Het Excelbestand is beschadigd of onvolledig. "
                "Sla het opnieuw op en probeer het nog eens."
            )
        ) from error
    if not any(cell_text(c) for c in header):
        workbook.close()
        raise FileProblem(_("Het bestand is leeg of de eerste regel heeft geen kolomnamen."))
    return header, _xlsx_rows(workbook, rows), lambda: []


def _xlsx_rows(workbook, rows):
    try:
        for number, cells in enumerate(rows, start=2):
            yield number, list(cells)
    finally:
        workbook.close()
