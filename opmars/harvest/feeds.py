"""Sources that are not a CSV in Opmars's columns: another Opmars's JSON API, and Open Referral
HSDS (its tabular zip of organization/location/address CSVs, or its JSON API pages of
organizations). Each is read whole and turned into rows in the export's column names, so the
rest of the harvest (matching, provenance, one transaction) is the same for every kind. A column
a feed cannot fill is left out of its rows: it is then never touched here (docs/harvest.md)."""

import csv
import io
import json
import math
import re
import urllib.parse
import zipfile

from django.utils import translation

from opmars.harvest import fetching
from opmars.harvest.fetching import HarvestError, download, max_bytes, read_rows
from opmars.registry.vocab import LegalForm
from opmars.text import tokens

API_PATH = "/api/v1/collectives"
API_PAGE = 500  # the API's largest page (registry/query.py MAX_LIMIT)
# What every item of another Opmars's collectives list carries (registry/schemas.py).
API_FIELDS = [
    "slug",
    "name",
    "kind",
    "legal_form",
    "municipality",
    "founded_year",
    "status",
    "status_year",
    "domains",
    "demo",
]
# HSDS: the organization table is required; locations and addresses are read when present.
HSDS_ORGANIZATION_COLUMNS = ["id", "name"]
HSDS_PAGES_MAX = 1000
CBS_CODE = re.compile(r"^GM\d{4}$")
KVK = re.compile(r"^\d{8}$")


def fetch_rows(kind, url):
    """The rows of collectives a source of this kind gives at `url`, as (number, row) pairs."""
    if kind == "api":
        return api_rows(url)
    if kind == "hsds":
        return hsds_rows(url)
    return fetching.fetch_collectives(kind, url)


class Budget:
    """The bytes a harvest of several pages may still download (OPMARS_HARVEST_MAX_MB in all)."""

    def __init__(self):
        self.left = max_bytes()

    def download(self, url, accept="application/json"):
        body, content_type = download(url, accept=accept)
        self.left -= len(body)
        if self.left < 0:
            raise HarvestError(
                "Alle pagina's van de bron samen zijn groter dan de grens voor het ophalen "
                "(OPMARS_HARVEST_MAX_MB). Er is niets overgenomen."
            )
        return body, content_type


def json_of(body, url):
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HarvestError(
            f"Het antwoord van {url} is geen geldige JSON ({error}). Is het adres goed?"
        ) from error


# --- another Opmars's API -----------------------------------------------------------------------


def api_page_url(url, offset):
    """The list at `url` (the site, or its /api/v1/collectives with the filters to keep), one
    page from `offset` on."""
    path = urllib.parse.urlsplit(url).path.rstrip("/")
    if not path.endswith(API_PATH):
        path += API_PATH
    return _with_params(url, {"limit": API_PAGE, "offset": offset}, drop={"format"}, path=path)


def _with_params(url, params, drop=frozenset(), path=None):
    """`url` with `params` set (replacing what it had for them), `drop` left out, and another
    path if given; its other parameters are kept."""
    parts = urllib.parse.urlsplit(url)
    kept = [
        (key, value)
        for key, value in urllib.parse.parse_qsl(parts.query)
        if key not in params and key not in drop
    ]
    query = urllib.parse.urlencode(kept + [(key, str(value)) for key, value in params.items()])
    return urllib.parse.urlunsplit(parts._replace(path=path or parts.path, query=query))


def api_rows(url):
    """Every collective another Opmars's API lists at `url`, page by page."""
    budget = Budget()
    rows, offset, pages = [], 0, None
    while pages is None or offset < pages * API_PAGE:
        page_url = api_page_url(url, offset)
        answer = json_of(budget.download(page_url)[0], page_url)
        if not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
            raise HarvestError(
                f"{page_url} gaf geen lijst met collectieven (geen 'items'). Geef het adres van "
                "een andere Opmars, of van zijn /api/v1/collectives."
            )
        if pages is None:
            count = answer.get("count")
            if not isinstance(count, int) or count < 0:
                raise HarvestError(f"{page_url} zegt niet hoeveel collectieven er zijn ('count').")
            pages = math.ceil(count / API_PAGE)
        if not answer["items"]:
            break
        for item in answer["items"]:
            rows.append((len(rows) + 1, _api_row(item, len(rows) + 1)))
        offset += API_PAGE
    return rows


def _api_row(item, number):
    missing = [f for f in API_FIELDS if not isinstance(item, dict) or f not in item]
    if missing:
        raise HarvestError(
            f"De indeling van de bron is veranderd: collectief {number} mist "
            + ", ".join(missing)
            + ". Er is niets overgenomen."
        )
    municipality = item["municipality"]
    return {
        "slug": str(item["slug"]),
        "name": str(item["name"] or ""),
        "kind": str(item["kind"] or ""),
        "legal_form": str(item["legal_form"] or ""),
        "municipality": str(municipality.get("code", "") if isinstance(municipality, dict) else ""),
        "founded_year": _text(item["founded_year"]),
        "status": str(item["status"] or ""),
        "status_year": _text(item["status_year"]),
        "domains": ", ".join(str(d) for d in item["domains"] or []),
        "demo": _text(item["demo"]),  # read by fetching.is_demo, as every source's
    }


def _text(value):
    return "" if value is None else str(value)


# --- Open Referral HSDS --------------------------------------------------------------------------


def hsds_rows(url):
    """The organizations of an HSDS feed at `url`: a zip of its tables, or JSON."""
    budget = Budget()
    body, _content_type = budget.download(url, accept="application/json, application/zip")
    if body.startswith(b"PK"):
        return _hsds_zip_rows(body)
    answer = json_of(body, url)
    organizations = list(_hsds_json_organizations(url, answer, budget))
    return [(n, _hsds_row(org, n)) for n, org in enumerate(organizations, start=1)]


def _hsds_zip_rows(body):
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        names = {name.rsplit("/", 1)[-1]: name for name in archive.namelist()}
        if "organization.csv" not in names:
            raise HarvestError(
                "In het zip-bestand van de bron staat geen organization.csv. Is het wel een "
                "HSDS-bestand (Open Referral)?"
            )
        if sum(archive.getinfo(n).file_size for n in names.values()) > max_bytes():
            raise HarvestError(
                "De tabellen in het zip-bestand zijn samen groter dan de grens voor het ophalen "
                "(OPMARS_HARVEST_MAX_MB). Er is niets overgenomen."
            )
        tables = {
            table: _table(archive.read(names[table]), table)
            for table in ("organization.csv", "location.csv", "address.csv")
            if table in names
        }
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as error:
        raise HarvestError("Het zip-bestand van de bron is beschadigd of geen zip.") from error
    organizations = read_rows(tables["organization.csv"], HSDS_ORGANIZATION_COLUMNS)
    locations = _by(tables.get("location.csv"), "organization_id")
    addresses = _by(tables.get("address.csv"), "location_id")
    rows = []
    for number, org in organizations:
        org_locations = [
            {**place, "addresses": addresses.get(place.get("id", ""), [])}
            for place in locations.get(org["id"], [])
        ]
        rows.append((number, _hsds_row({**org, "locations": org_locations}, number)))
    return rows


def _table(body, name):
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HarvestError(f"{name} in het zip-bestand is geen tekst in UTF-8.") from error


def _by(text, key):
    """A table's rows grouped by one column (empty when the table is not there)."""
    if text is None:
        return {}
    grouped = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        grouped.setdefault((row.get(key) or "").strip(), []).append(row)
    return grouped


def _hsds_json_organizations(url, answer, budget):
    """Organizations from a list, or from the HSDS API's pages ({"contents": [...],
    "total_pages": n}), following ?page= to the last."""
    if isinstance(answer, list):
        yield from _objects(answer, url)
        return
    if not isinstance(answer, dict) or not isinstance(answer.get("contents"), list):
        raise HarvestError(
            f"{url} gaf geen HSDS-organisaties: verwacht een lijst, of een pagina met "
            "'contents'. Geef het adres van /organizations van de HSDS-API, of een zip met "
            "organization.csv."
        )
    yield from _objects(answer["contents"], url)
    total = answer.get("total_pages")
    total = total if isinstance(total, int) and total > 0 else 1
    if total > HSDS_PAGES_MAX:
        raise HarvestError(f"De bron heeft {total} pagina's; meer dan {HSDS_PAGES_MAX} kan niet.")
    first = answer.get("page_number") if isinstance(answer.get("page_number"), int) else 1
    for page in range(first + 1, first + total):
        page_url = _with_params(url, {"page": page})
        following = json_of(budget.download(page_url)[0], page_url)
        if not isinstance(following, dict) or not isinstance(following.get("contents"), list):
            raise HarvestError(f"Pagina {page} van de bron ({page_url}) heeft geen 'contents'.")
        yield from _objects(following["contents"], page_url)


def _objects(items, url):
    for item in items:
        if not isinstance(item, dict):
            raise HarvestError(f"{url} bevat een organisatie die geen JSON-object is.")
        yield item


def _hsds_row(org, number):
    """One HSDS organization in the export's columns. HSDS has no kind of collective: the row
    has none, so a match keeps its own and a new record starts as "overig" (form_data)."""
    if not str(org.get("id") or "").strip() or not str(org.get("name") or "").strip():
        raise HarvestError(f"Organisatie {number} van de bron heeft geen id of geen naam.")
    row = {
        "id": str(org["id"]).strip(),
        "name": str(org["name"]).strip(),
        "description": str(org.get("description") or ""),
        "website": str(org.get("website") or org.get("url") or ""),
        "founded_year": _text(org.get("year_incorporated")).strip(),
        "municipality": _hsds_municipality(org.get("locations") or []),
    }
    kvk = _hsds_kvk(org)
    if kvk:
        row["kvk_number"] = kvk
    legal_form = _legal_form(org.get("legal_status"))
    if legal_form:
        row["legal_form"] = legal_form
    if "demo" in org:  # Opmars's own HSDS export marks its fictitious records
        row["demo"] = _text(org["demo"])  # read by fetching.is_demo, as every source's
    return row


def _hsds_municipality(locations):
    """The CBS code a location names, else the city of its first address (resolved by name
    like any typed municipality), else empty (the form then asks for one)."""
    cities = []
    for place in locations:
        if not isinstance(place, dict):
            continue
        identifier = str(place.get("external_identifier") or "").strip().upper()
        if CBS_CODE.match(identifier):
            return identifier
        for address in place.get("addresses") or []:
            if isinstance(address, dict) and str(address.get("city") or "").strip():
                cities.append(str(address["city"]).strip())
    return cities[0] if cities else ""


def _hsds_kvk(org):
    """The KvK number: an organization identifier of that scheme, else a tax_id of 8 digits."""
    for identifier in org.get("organization_identifiers") or []:
        if not isinstance(identifier, dict):
            continue
        scheme = " ".join(
            str(identifier.get(key) or "") for key in ("identifier_scheme", "identifier_type")
        )
        value = str(identifier.get("identifier") or "").replace(" ", "")
        if "kvk" in scheme.lower() and KVK.match(value):
            return value
    tax_id = str(org.get("tax_id") or "").replace(" ", "")
    return tax_id if KVK.match(tax_id) else ""


def _legal_form(text):
    """An Opmars legal form from HSDS's free-text legal_status: its code or its Dutch label, in
    any case, with or without accents, dots and spaces ("Coöperatie U.A.", "cooperatie UA");
    else nothing: a status we cannot read does not overwrite ours."""
    wanted = _letters(text)
    with translation.override("nl"):  # a harvest may run in any language
        for choice in LegalForm:
            if wanted and wanted in {_letters(choice.value), _letters(choice.label)}:
                return choice.value
    return ""


def _letters(text):
    """Letters and digits only, folded as search folds them."""
    return "".join(tokens(str(text or "")))
