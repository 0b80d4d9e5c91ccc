"""Exports of a filtered list of collectives: CSV, XLSX, JSON, GeoJSON, JSON-LD and the Open
Referral HSDS organisation tables. Public fields only (never the contact address, the postcode
letters or private coordinates: see docs/decisions/0003-location-privacy.md); every record says
whether it is a demo. Rows stream from the database in chunks.
"""

import csv
import io
import json
import zipfile

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from opmars.accounts.policy import visible_collectives
from opmars.common import spreadsheet
from opmars.common.formulas import guard_formula
from opmars.registry.fields import COLLECTIVE, DATE, TEXT, exported
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


# The collective's own columns an export reads, with its municipality's name and province.
RECORD_FIELDS = ["id", *(f.lookup for f in EXPORTED if f.lookup)]


def _rows(queryset):
    # Plain dicts, and links read per chunk into plain lists: model instances and
    # prefetch_related's related managers cost more than the rest of the row (issue 7,
    # docs/performance.md).
    chunk = []
    for collective in queryset.values(*RECORD_FIELDS).iterator(chunk_size=CHUNK):
        chunk.append(collective)
        if len(chunk) == CHUNK:
            yield from _records(chunk)
            chunk = []
    yield from _records(chunk)


def _records(chunk):
    ids = [c["id"] for c in chunk]
    domains = _grouped(CollectiveDomain.objects.filter(collective_id__in=ids), "domain")
    areas = Collective.works_in.through.objects.filter(collective_id__in=ids)
    works_in = _grouped(areas, "municipality_id")
    url = absolute(reverse("collective", args=["SLUG"]))
    for c in chunk:
        yield record(c, domains.get(c["id"], []), works_in.get(c["id"], []), url)


def _grouped(links, field):
    grouped = {}
    for collective_id, value in links.values_list("collective_id", field):
        grouped.setdefault(collective_id, []).append(value)
    return grouped


def record(c, domains, works_in, url):
    """One collective's public fields as plain values, from its RECORD_FIELDS; `url` has SLUG
    where the slug goes."""
    linked = {
        "works_in": sorted(works_in),
        "domains": sorted(domains),
        "opmars_url": url.replace("SLUG", c["slug"]),
    }
    return {
        f.column: linked[f.name] if f.lookup is None else _public(f, c[f.lookup]) for f in EXPORTED
    }


def _public(field, value):
    if field.public_form:
        return field.public_form(value)
    if field.type == DATE:
        return value.isoformat() if value else None
    return "" if value is None and field.type == TEXT else value


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


# ---------------------------------------------------------------- writers (binary file objects)


def write_csv(rows, out):
    """For spreadsheets: a BOM, semicolons and decimal commas (opmars.common.spreadsheet)."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=True)
    writer = csv.writer(text, delimiter=spreadsheet.SEPARATOR)
    writer.writerow(COLUMNS)
    for count, rec in enumerate(rows, start=1):
        # table_row has guarded the text already; only the numbers take a decimal comma.
        writer.writerow([_decimal_comma(cell) for cell in table_row(rec)])
        yield count
    text.detach()


def _decimal_comma(cell):
    return spreadsheet.dutch_cell(cell) if isinstance(cell, float) else cell


def write_open_csv(rows, out):
    """For programs (open data): plain UTF-8, commas and decimal points."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    for count, rec in enumerate(rows, start=1):
        writer.writerow(table_row(rec))
        yield count
    text.detach()


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
    for count, rec in enumerate(rows, start=1):
        out.write(
            ((",\n" if count > 1 else "\n") + json.dumps(item(rec), ensure_ascii=False)).encode()
        )
        yield count
    out.write(tail.encode())


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
    for count in WRITERS[fmt](_rows(queryset), out):
        if progress and count % CHUNK == 0:
            progress(count)
    if progress:
        progress(count)
    return count


def file_name(fmt, stem="opmars-collectieven"):
    suffix = "-open" if fmt == "csv-open" else ""
    return f"{stem}{suffix}.{EXTENSIONS.get(fmt, fmt)}"
