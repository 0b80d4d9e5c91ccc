"""Exports of a filtered list of collectives: CSV, XLSX, JSON, GeoJSON, JSON-LD and the Open
Referral HSDS organisation tables. Public fields only (never the contact address, the postcode
letters or private coordinates: see docs/decisions/0003-location-privacy.md); every record says
whether it is a demo. Rows stream from the database in chunks.
"""

import csv
import io
import itertools
import json
import operator
import re
import zipfile

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.urls import reverse
from django.utils.translation import gettext as _

from opmars.accounts.policy import visible_collectives
from opmars.common import spreadsheet
from opmars.common.formulas import guard_formula
from opmars.registry.fields import BOOL, COLLECTIVE, DATE, TEXT, exported
from opmars.registry.models import Collective, CollectiveDomain
from opmars.registry.query import filter_collectives, order_collectives, parse_query
from opmars.siteurl import absolute

# csv is for spreadsheets (Dutch Excel: semicolons, decimal commas, a BOM); csv-open is the
# open-data variant that programs read (commas, decimal points), as in the open-data dump.
FORMATS = ("csv", "csv-open", "xlsx", "json", "geojson", "jsonld", "hsds")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "csv-open": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
    "geojson": "application/geo+json",
    "jsonld": "application/ld+json",
    "hsds": "application/zip",
    "dump": "application/zip",
}
EXTENSIONS = {"hsds": "zip", "jsonld": "jsonld", "dump": "zip", "csv-open": "csv"}
CHUNK = 2000

# The columns of the CSV and XLSX, in order; also the data dictionary's list (opendata.py).
# Import names (see fields.py) are used where a column can be read back, so that an export
# imports again unchanged; public_lat/public_lon deliberately map to nothing.
EXPORTED = exported(COLLECTIVE)
COLUMNS = [f.column for f in EXPORTED]


def licence():
    return settings.OPMARS_OPEN_DATA_LICENCE


def collectives_for(params, user=None):
    """The same filters and order as the directory and the API (registry/query.py)."""
    params = params.copy()  # a QueryDict (keeps repeated filters) or a plain dict (the CLI)
    for name in ("limit", "offset", "format"):
        params.pop(name, None)
    query = parse_query(params)
    matching = filter_collectives(query, visible_collectives(user))
    return order_collectives(query, matching)


# The collective's own columns an export reads, with its municipality's name and province
# (joined in the same SELECT).
RECORD_FIELDS = ["id", *(f.lookup for f in EXPORTED if f.lookup)]

# ---------------------------------------------------------------- the row source (issue 18)
#
# Every format reads the same source: the queryset's SELECT of RECORD_FIELDS run through a plain
# cursor (server-side on PostgreSQL), CHUNK rows at a time, with each chunk's domains and areas
# of work read in one more query. A chunk is turned into public values column by column, with
# one conversion per column chosen once from the field declaration: model instances, values()
# dicts and Django's per-cell converters cost more than the database (bench/export.py).


def _select(queryset):
    """The SQL of the queryset's RECORD_FIELDS, with its own filters and order."""
    query = queryset.values_list(*RECORD_FIELDS).query
    return query.get_compiler(queryset.db).as_sql()


def _fetched(queryset):
    """The SELECT's rows, a list of tuples per CHUNK (extra columns the order needs may follow
    RECORD_FIELDS)."""
    try:
        sql, params = _select(queryset)
    except EmptyResultSet:  # a filter that no row can match, e.g. an empty list of ids
        return
    with connections[queryset.db].chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(CHUNK):
            yield rows


def _links(using, ids):
    """Each collective's domain codes and the municipality codes it also works in, sorted as
    the export lists them: one query for the chunk."""
    connection = connections[using]
    quote = connection.ops.quote_name
    sources = (
        (CollectiveDomain._meta.db_table, "domain"),
        (Collective.works_in.through._meta.db_table, "municipality_id"),
    )
    marks = ", ".join(["%s"] * len(ids))
    sql = " UNION ALL ".join(
        f"SELECT collective_id, {n}, {quote(column)} FROM {quote(table)} "
        f"WHERE collective_id IN ({marks})"
        for n, (table, column) in enumerate(sources)
    )
    grouped = ({}, {})
    with connection.cursor() as cursor:
        cursor.execute(sql, list(ids) * len(sources))
        for collective_id, n, code in cursor.fetchall():
            grouped[n].setdefault(collective_id, []).append(code)
    for codes in (*grouped[0].values(), *grouped[1].values()):
        codes.sort()
    return grouped


def _public_column(field):
    """How a column of the SELECT becomes the public values of `field`, chosen once per field
    and applied to a whole column: the public form of a field that is not public, a date as ISO
    text, yes/no as a boolean, unknown text as empty text, anything else as it is."""
    if field.public_form:
        return lambda column: list(map(field.public_form, column))
    if field.type == DATE:  # a date, or its ISO text on SQLite
        return lambda column: [str(value) if value else None for value in column]
    if field.type == BOOL:  # 0/1 on SQLite
        return lambda column: list(map(bool, column))
    if field.type == TEXT:
        return _text_column
    return None


def _text_column(column):
    return ["" if value is None else value for value in column] if None in column else column


# Per exported field: its position in a SELECT row and its conversion, or None when linked.
_POSITIONS = {lookup: position for position, lookup in enumerate(RECORD_FIELDS)}
_PLAN = [
    (f.name, _POSITIONS.get(f.lookup), _public_column(f) if f.lookup else None) for f in EXPORTED
]


def _chunks(queryset):
    """The collectives' public values: per CHUNK a list with one column (a sequence of values)
    per exported field, in the order of COLUMNS."""
    url = absolute(reverse("collective", args=["SLUG"]))
    for rows in _fetched(queryset):
        selected = list(zip(*rows, strict=True))
        ids = selected[0]
        domains, works_in = _links(queryset.db, ids)
        linked = {
            "works_in": [works_in.get(i, []) for i in ids],
            "domains": [domains.get(i, []) for i in ids],
            "opmars_url": [url.replace("SLUG", slug) for slug in selected[_POSITIONS["slug"]]],
        }
        yield [
            linked[name]
            if position is None
            else convert(selected[position])
            if convert
            # A column that needs no conversion stays the cursor's tuple.
            else selected[position]
            for name, position, convert in _PLAN
        ]


def _rows(queryset):
    """One record (a dict of public values by column) per collective, for the formats that
    write record by record."""
    for columns in _chunks(queryset):
        for values in zip(*columns, strict=True):
            yield dict(zip(COLUMNS, values, strict=True))


# ---------------------------------------------------------------- cells of CSV and XLSX

# What a text cell that guard_formula may change starts with: apostrophes count, because the
# guard looks past them. Searched in a column's cells joined by NUL, after a NUL in front.
_MAY_BE_FORMULA = re.compile(r"\x00['=+\-@\t\r]")
_FORMULA_STARTS = frozenset("'=+-@\t\r")
_YES_NO = {True: "ja", False: "nee"}
_NONE = type(None)


def _cell(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if value is None:
        return ""
    if isinstance(value, list):  # codes today, but the joined text is guarded like any other
        value = ", ".join(value)
    return guard_formula(value)


def table_row(rec):
    return [_cell(rec[name]) for name in COLUMNS]


def _guarded(texts):
    """Text cells (None for empty) with the formula guard. Only a column with a cell that can
    start a formula goes through guard_formula cell by cell; the rest costs one search."""
    if None in texts:
        texts = ["" if text is None else text for text in texts]
    if _MAY_BE_FORMULA.search("\x00" + "\x00".join(texts)) is None:
        return texts
    return [guard_formula(text) if text[:1] in _FORMULA_STARTS else text for text in texts]


def _cells(values, decimal_comma):
    """A column of values as the cells _cell (and, with decimal_comma, _decimal_comma) makes of
    them one by one; chosen once for the column by the types it holds."""
    types = set(map(type, values))
    if types <= {str, _NONE}:
        return _guarded(values)
    if types == {bool}:
        return list(map(_YES_NO.__getitem__, values))
    if types <= {int, _NONE} or (types <= {float, _NONE} and not decimal_comma):
        return values  # no guard for numbers; csv writes None as an empty cell
    if types == {list}:
        return _guarded([", ".join(codes) for codes in values])
    if types <= {float, _NONE}:  # decimal commas, as spreadsheet.dutch_cell writes them
        return [
            "" if value is None or value != value else format(value, ".12g").replace(".", ",")
            for value in values
        ]
    if decimal_comma:
        return [_decimal_comma(_cell(value)) for value in values]
    return [_cell(value) for value in values]


def _table(columns, decimal_comma):
    """The CSV rows of a chunk of columns (in the order of COLUMNS)."""
    return zip(*(_cells(values, decimal_comma) for values in columns), strict=True)


def _by_columns(rows):
    """Records (dicts by column) as chunks of columns, CHUNK records at a time."""
    values_of = operator.itemgetter(*COLUMNS)
    rows = iter(rows)
    while batch := list(itertools.islice(rows, CHUNK)):
        yield list(zip(*map(values_of, batch), strict=True))


# ---------------------------------------------------------------- writers (binary file objects)
#
# Each takes records (dicts by column, see _rows) and yields the count written so far; the two
# CSV writers also take chunks of columns straight from _chunks (export does that).


def _write_table(chunks, out, encoding, decimal_comma, **dialect):
    text = io.TextIOWrapper(out, encoding=encoding, newline="", write_through=True)
    writer = csv.writer(text, **dialect)
    writer.writerow(COLUMNS)
    count = 0
    for columns in chunks:
        writer.writerows(_table(columns, decimal_comma))
        count += len(columns[0])
        yield count
    text.detach()


def write_csv(rows, out, columns=False):
    """For spreadsheets: a BOM, semicolons and decimal commas (opmars.common.spreadsheet).
    `rows` are records, or chunks of columns when `columns`."""
    chunks = rows if columns else _by_columns(rows)
    yield from _write_table(
        chunks, out, "utf-8-sig", decimal_comma=True, delimiter=spreadsheet.SEPARATOR
    )


def _decimal_comma(cell):
    return spreadsheet.dutch_cell(cell) if isinstance(cell, float) else cell


def write_open_csv(rows, out, columns=False):
    """For programs (open data): plain UTF-8, commas and decimal points."""
    chunks = rows if columns else _by_columns(rows)
    yield from _write_table(chunks, out, "utf-8", decimal_comma=False)


def xlsx_text(value):
    """XLSX cannot hold most control characters (openpyxl refuses them). They go before the
    formula guard looks: a control character before '=1+1' would otherwise hide a formula."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, list):
        return [xlsx_text(v) for v in value]
    return value


def write_xlsx(rows, out):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Collectieven"))
    sheet.append(COLUMNS)
    for count, rec in enumerate(rows, start=1):
        sheet.append(table_row({name: xlsx_text(value) for name, value in rec.items()}))
        yield count
    workbook.save(out)


def _write_json_list(rows, out, head, tail, item):
    out.write(head.encode())
    items = []  # written CHUNK at a time
    for count, rec in enumerate(rows, start=1):
        items.append(json.dumps(item(rec), ensure_ascii=False))
        if len(items) == CHUNK:
            out.write(_json_items(items, count).encode())
            items = []
        yield count
    out.write((_json_items(items, count if items else 0) + tail).encode())


def _json_items(items, count):
    """`items` ending with item number `count`, each after the separator it needs."""
    first = count - len(items) + 1
    return ("\n" if first == 1 else ",\n") + ",\n".join(items) if items else ""


def _head(fields, list_name):
    """The opening of a JSON object whose last member is a list written item by item."""
    return json.dumps(fields, ensure_ascii=False)[:-1] + f', "{list_name}": ['


def write_json(rows, out):
    head = _head({"licence": licence()}, "items")
    yield from _write_json_list(rows, out, head, "\n]}\n", lambda rec: rec)


def feature(rec):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [rec["public_lon"], rec["public_lat"]]},
        "properties": {k: v for k, v in rec.items() if k not in {"public_lat", "public_lon"}},
    }


def write_geojson(rows, out):
    head = _head({"type": "FeatureCollection", "licence": licence()}, "features")
    yield from _write_json_list(rows, out, head, "\n]}\n", feature)


def organization(rec):
    """schema.org Organization; the location is the public one, as everywhere."""
    org = {
        "@type": "Organization",
        "@id": rec["opmars_url"],
        "name": rec["name"],
        "description": rec["description"] or None,
        "url": rec["website"] or None,
        "foundingDate": str(rec["founded_year"]) if rec["founded_year"] else None,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": rec["municipality_name"],
            "addressCountry": "NL",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": rec["public_lat"],
            "longitude": rec["public_lon"],
        },
        "additionalType": rec["kind"],
        "knowsAbout": rec["domains"],
        "identifier": [{"@type": "PropertyValue", "propertyID": "KvK", "value": rec["kvk_number"]}]
        if rec["kvk_number"]
        else None,
        "additionalProperty": [{"@type": "PropertyValue", "name": "demo", "value": rec["demo"]}],
    }
    return {k: v for k, v in org.items() if v not in (None, [], "")}


def write_jsonld(rows, out):
    head = _head({"@context": "https://schema.org", "license": licence()}, "@graph")
    yield from _write_json_list(rows, out, head, "\n]}\n", organization)


# Open Referral HSDS 3.0: organization, location and address tables, joined by id.
HSDS_TABLES = {
    "organization.csv": [
        "id",
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "uri",
        "demo",
    ],
    "location.csv": [
        "id",
        "location_type",
        "organization_id",
        "name",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ],
    "address.csv": [
        "id",
        "location_id",
        "city",
        "state_province",
        "country",
        "address_type",
    ],
}


def _hsds_rows(rec):
    org_id = rec["slug"]
    return {
        "organization.csv": [
            org_id,
            rec["name"],
            "",
            rec["description"],
            "",  # never the contact address
            rec["website"],
            "",
            rec["kvk_number"],
            rec["founded_year"] or "",
            rec["legal_form"],
            rec["opmars_url"],
            "ja" if rec["demo"] else "nee",
        ],
        "location.csv": [
            f"{org_id}-loc",
            "physical",
            org_id,
            rec["municipality_name"],
            rec["public_lat"],
            rec["public_lon"],
            rec["municipality"],
            "CBS-gemeentecode",
        ],
        "address.csv": [
            f"{org_id}-adr",
            f"{org_id}-loc",
            rec["municipality_name"],
            rec["province"],
            "NL",
            "physical_address",
        ],
    }


def write_hsds(rows, out):
    """A zip with one CSV per HSDS table; tables are filled side by side in temporary files."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        handles, writers = {}, {}
        for name, columns in HSDS_TABLES.items():
            handles[name] = open(f"{tmp}/{name}", "w", encoding="utf-8", newline="")
            writers[name] = csv.writer(handles[name])
            writers[name].writerow(columns)
        count = 0
        for count, rec in enumerate(rows, start=1):  # noqa: B007 (count is used after the loop)
            for name, row in _hsds_rows(rec).items():
                writers[name].writerow([guard_formula(v) for v in row])
            yield count
        for handle in handles.values():
            handle.close()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in HSDS_TABLES:
                archive.write(f"{tmp}/{name}", name)
            archive.writestr("LICENCE.txt", licence_text())


def licence_text():
    return _(
        "Deze gegevens komen van Opmars en vallen onder de licentie %(licence)s. "
        "Vermeld de bron: Opmars, het open register van burgercollectieven.\n"
    ) % {"licence": licence()}


WRITERS = {
    "csv": write_csv,
    "csv-open": write_open_csv,
    "xlsx": write_xlsx,
    "json": write_json,
    "geojson": write_geojson,
    "jsonld": write_jsonld,
    "hsds": write_hsds,
}


def export(queryset, fmt, out, progress=None):
    """Write the queryset's collectives in `fmt` to the binary file object `out`; the count."""
    count = 0
    if fmt in ("csv", "csv-open"):  # straight from the columns, no records in between
        written = WRITERS[fmt](_chunks(queryset), out, columns=True)
    else:
        written = WRITERS[fmt](_rows(queryset), out)
    for count in written:
        if progress and count % CHUNK == 0:
            progress(count)
    if progress:
        progress(count)
    return count


def file_name(fmt, stem="opmars-collectieven"):
    suffix = "-open" if fmt == "csv-open" else ""
    return f"{stem}{suffix}.{EXTENSIONS.get(fmt, fmt)}"
