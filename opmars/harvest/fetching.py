"""Fetch a source's file over HTTP(S) within limits, and read its collectives out of it.

Everything here happens before the database is touched: a source that is down, slow, too
large, malformed or whose columns changed raises HarvestError with a message in plain Dutch,
and the harvest stops there."""

import csv
import io
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

from django.conf import settings

from opmars.dataio.reading import parse_bool
from opmars.registry.vocab import CHARACTERISTICS

CHUNK = 64 * 1024
DUMP_LINK = re.compile(r"""href=["']([^"']*opmars-open-data-\d{8}-\d{6}\.zip)["']""")

# The fields a harvest reads, compares and records, in the export's column names.
CHARACTERISTIC_FIELDS = [code for code, _label, _help in CHARACTERISTICS]
HARVEST_FIELDS = [
    "name",
    "kind",
    "legal_form",
    "kvk_number",
    "municipality",
    "works_in",
    "postcode",
    "founded_year",
    "status",
    "status_year",
    "domains",
    "description",
    "website",
    *CHARACTERISTIC_FIELDS,
]
# Another Opmars's dump always has all of them (and its slug and demo mark): one missing means
# its format changed. A CSV needs at least these; its other columns are read when present.
REQUIRED = {
    "opmars": ["slug", *HARVEST_FIELDS, "demo"],
    "csv": ["name", "kind", "municipality"],
}


class HarvestError(Exception):
    """The harvest stops; the message says why, for the source's page."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def max_bytes():
    return settings.OPMARS_HARVEST_MAX_MB * 1024 * 1024


def download(url, accept="*/*"):
    """The body at `url`, refused when the source is down, slow or too large."""
    timeout = settings.OPMARS_HARVEST_TIMEOUT
    limit = max_bytes()
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": "Opmars-harvest", "Accept": accept}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise _too_large()
            body = bytearray()
            while chunk := response.read(CHUNK):
                body += chunk
                if len(body) > limit:
                    raise _too_large()
                if time.monotonic() > deadline:
                    raise _too_slow(timeout)
            return bytes(body), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        raise HarvestError(
            f"De bron antwoordde met foutcode {error.code} op {url}. "
            "Controleer het adres, of probeer het later opnieuw."
        ) from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _too_slow(timeout) from error
        raise HarvestError(
            f"De bron is niet bereikbaar ({error.reason}). Controleer het adres {url}, "
            "of probeer het later opnieuw."
        ) from error
    except TimeoutError as error:
        raise _too_slow(timeout) from error
    except (OSError, ValueError) as error:
        raise HarvestError(f"Ophalen van {url} lukte niet: {error}.") from error


def _too_large():
    return HarvestError(
        f"Het bestand van de bron is groter dan {settings.OPMARS_HARVEST_MAX_MB} MB, de grens "
        "voor het ophalen (OPMARS_HARVEST_MAX_MB). Er is niets overgenomen."
    )


def _too_slow(timeout):
    return HarvestError(
        f"De bron antwoordde niet binnen {timeout} seconden. Probeer het later opnieuw."
    )


def fetch_collectives(kind, url):
    """The rows of collectives at `url` (a list of dicts by column), checked for their columns."""
    body, content_type = download(url)
    if kind == "opmars":
        if not body.startswith(b"PK") and content_type == "text/html":
            # The source's /open-data/ page: take the newest dump it offers.
            body, content_type = download(_latest_dump_link(url, body))
        text = _collectives_from_zip(body)
    else:
        text = _decoded(body)
    return read_rows(text, REQUIRED[kind])


def _latest_dump_link(url, page):
    links = DUMP_LINK.findall(page.decode("utf-8", "replace"))
    if not links:
        raise HarvestError(
            "Op die pagina staat geen open-datadump van Opmars. Geef het adres van de pagina "
            "/open-data/ of van het zip-bestand zelf."
        )
    newest = max(links, key=lambda link: link.rsplit("/", 1)[-1])
    return urllib.parse.urljoin(url, newest)


def _collectives_from_zip(body):
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        info = archive.getinfo("collectives.csv")
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        raise HarvestError(
            "Het bestand van de bron is geen geldig zip-bestand. Is het wel een open-datadump "
            "van Opmars?"
        ) from error
    except KeyError as error:
        raise HarvestError(
            "In het zip-bestand van de bron staat geen collectives.csv. Is het wel een "
            "open-datadump van Opmars, of is de indeling veranderd?"
        ) from error
    if info.file_size > max_bytes():
        raise _too_large()
    try:
        return _decoded(archive.read(info))
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise HarvestError("Het zip-bestand van de bron is beschadigd.") from error


def _decoded(body):
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HarvestError(
            "Het bestand van de bron is geen tekst in UTF-8. Is het wel een CSV-bestand?"
        ) from error


def read_rows(text, required):
    """Rows as dicts; the header must hold every required column."""
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        header = [h.strip() for h in next(reader, [])]
        if not any(header):
            raise HarvestError("Het bestand van de bron is leeg: er is geen kopregel.")
        missing = [column for column in required if column not in header]
        if missing:
            raise HarvestError(
                "De indeling van de bron is veranderd: deze kolommen ontbreken: "
                + ", ".join(missing)
                + ". Er is niets overgenomen; pas de bron aan of vraag de beheerder ervan."
            )
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                raise HarvestError(
                    f"Rij {number} van de bron heeft {len(cells)} cellen, de kopregel "
                    f"{len(header)}. Het bestand is niet goed gevormd."
                )
            rows.append((number, dict(zip(header, cells, strict=True))))
    except csv.Error as error:
        raise HarvestError(f"Het CSV-bestand van de bron is niet goed gevormd: {error}.") from error
    return rows


def form_data(row, number, label):
    """The registry form's input for one row: only the columns the source has. Returns
    (data, problems)."""
    data, problems = {}, []
    for name in HARVEST_FIELDS:
        if name not in row:
            continue
        text = row[name].strip()
        if name in CHARACTERISTIC_FIELDS:
            try:
                data[name] = parse_bool(text)
            except ValueError:
                problems.append(f"rij {number}, kolom {name}: '{text}' is geen ja of nee")
        elif name == "domains":
            data[name] = [part.strip() for part in text.split(",") if part.strip()]
        elif name == "postcode":
            if re.fullmatch(r"\d{4}", text):
                continue  # only the area (what exports show): not enough to set a postcode
            data[name] = text
        else:
            data[name] = text
    data.setdefault("legal_form", "informeel")
    # Only a feed without kinds (HSDS) lacks the column; a record new here starts as "overig".
    data.setdefault("kind", "overig")
    data.setdefault("status", "actief")
    data["source"] = label
    return data, problems


def is_demo(row):
    try:
        return parse_bool(row.get("demo") or "")
    except ValueError:
        return False
