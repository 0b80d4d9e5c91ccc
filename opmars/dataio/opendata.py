"""The open-data dump: one zip with every public record, a data dictionary of every field, the
credits of the reference data it refers to (by code, not redistributed) and the licence.

Regenerated on demand (`opmars export --format dump -o FILE`, or /open-data/ for download).
No personal data: the same public fields as every export (exporting.record).
"""

import csv
import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from opmars.accounts.policy import visible_collectives
from opmars.dataio import exporting
from opmars.dataio.reading import guard_formula
from opmars.registry.models import YearlyFacts
from opmars.registry.vocab import CHARACTERISTICS

FACTS_COLUMNS = [
    "collective",
    "year",
    *YearlyFacts.COUNT_FIELDS,
    *YearlyFacts.INCOME_FIELDS,
    "income_total",
    "demo",
]
MEMBERSHIP_COLUMNS = ["network", "network_name", "collective", "demo"]

TEXT, INT, NUM, BOOL, CODE, DATE, URL = (
    "tekst",
    "geheel getal",
    "getal",
    "ja/nee",
    "code",
    "datum",
    "url",
)

# (file, field, type, meaning): every field of every table in the dump.
DICTIONARY = [
    ("collectives.csv", "slug", CODE, gettext_lazy("Vaste sleutel van het collectief in Opmars.")),
    ("collectives.csv", "name", TEXT, gettext_lazy("Naam zoals het collectief die zelf gebruikt.")),
    ("collectives.csv", "kind", CODE, gettext_lazy("Soort collectief (zie /api/v1/vocabularies).")),
    (
        "collectives.csv",
        "legal_form",
        CODE,
        gettext_lazy("Rechtsvorm zoals bij de KvK; informeel als er geen is."),
    ),
    (
        "collectives.csv",
        "kvk_number",
        TEXT,
        gettext_lazy("KvK-nummer (8 cijfers) van de organisatie, als die er is."),
    ),
    (
        "collectives.csv",
        "municipality",
        CODE,
        gettext_lazy("CBS-code van de vestigingsgemeente (indeling 2024)."),
    ),
    ("collectives.csv", "municipality_name", TEXT, gettext_lazy("Naam van de vestigingsgemeente.")),
    ("collectives.csv", "province", CODE, gettext_lazy("CBS-code van de provincie (PV20–PV31).")),
    (
        "collectives.csv",
        "works_in",
        CODE,
        gettext_lazy("CBS-codes van andere gemeenten waar het actief is, met komma's."),
    ),
    (
        "collectives.csv",
        "postcode",
        TEXT,
        gettext_lazy("Alleen de 4 cijfers van de postcode (nooit de letters)."),
    ),
    (
        "collectives.csv",
        "public_lat",
        NUM,
        gettext_lazy("Breedtegraad (WGS84) van het openbare punt; zie location_precision."),
    ),
    (
        "collectives.csv",
        "public_lon",
        NUM,
        gettext_lazy("Lengtegraad (WGS84) van het openbare punt."),
    ),
    (
        "collectives.csv",
        "location_precision",
        CODE,
        gettext_lazy(
            "adres (openbaar adres), postcode (midden van het postcodegebied) of gemeente "
            "(midden van de gemeente)."
        ),
    ),
    ("collectives.csv", "founded_year", INT, gettext_lazy("Jaar van oprichting.")),
    ("collectives.csv", "status", CODE, gettext_lazy("actief, slapend of gestopt.")),
    ("collectives.csv", "status_year", INT, gettext_lazy("Jaar waarin de status zo werd.")),
    (
        "collectives.csv",
        "domains",
        CODE,
        gettext_lazy("Maatschappelijke terreinen, codes met komma's."),
    ),
    ("collectives.csv", "description", TEXT, gettext_lazy("Beschrijving door het collectief.")),
    ("collectives.csv", "website", URL, gettext_lazy("Website van het collectief.")),
    *[("collectives.csv", code, BOOL, help_text) for code, _label, help_text in CHARACTERISTICS],
    (
        "collectives.csv",
        "source",
        TEXT,
        gettext_lazy("Waar het record vandaan komt (eigen opgave, import door een netwerk, …)."),
    ),
    (
        "collectives.csv",
        "last_verified",
        DATE,
        gettext_lazy("Datum waarop de gegevens het laatst zijn bevestigd."),
    ),
    ("collectives.csv", "is_verified", BOOL, gettext_lazy("Door Opmars gecontroleerd.")),
    (
        "collectives.csv",
        "demo",
        BOOL,
        gettext_lazy("ja: een fictief voorbeeld, geen echt collectief."),
    ),
    ("collectives.csv", "opmars_url", URL, gettext_lazy("Pagina van het collectief op Opmars.")),
    ("yearly_facts.csv", "collective", CODE, gettext_lazy("slug van het collectief.")),
    ("yearly_facts.csv", "year", INT, gettext_lazy("Kalenderjaar waar de cijfers over gaan.")),
    (
        "yearly_facts.csv",
        "members",
        INT,
        gettext_lazy("Aantal leden aan het eind van het jaar; leeg = onbekend (niet 0)."),
    ),
    (
        "yearly_facts.csv",
        "volunteers",
        INT,
        gettext_lazy("Aantal vrijwilligers in het jaar; leeg = onbekend."),
    ),
    (
        "yearly_facts.csv",
        "paid_staff",
        INT,
        gettext_lazy("Aantal betaalde krachten (personen); leeg = onbekend."),
    ),
    (
        "yearly_facts.csv",
        "people_reached",
        INT,
        gettext_lazy("Aantal bereikte mensen in het jaar; leeg = onbekend."),
    ),
    ("yearly_facts.csv", "income_grants", INT, gettext_lazy("Subsidies in euro's in het jaar.")),
    ("yearly_facts.csv", "income_contributions", INT, gettext_lazy("Ledenbijdragen in euro's.")),
    ("yearly_facts.csv", "income_donations", INT, gettext_lazy("Giften in euro's.")),
    ("yearly_facts.csv", "income_sales", INT, gettext_lazy("Verkoop en diensten in euro's.")),
    (
        "yearly_facts.csv",
        "income_loans",
        INT,
        gettext_lazy("Leningen in euro's (financiering, geen inkomen voor SROI)."),
    ),
    ("yearly_facts.csv", "income_other", INT, gettext_lazy("Overige inkomsten in euro's.")),
    (
        "yearly_facts.csv",
        "income_total",
        INT,
        gettext_lazy("Som van de bekende inkomsten; leeg als geen enkele bekend is."),
    ),
    ("yearly_facts.csv", "demo", BOOL, gettext_lazy("ja: cijfers van een fictief voorbeeld.")),
    ("memberships.csv", "network", CODE, gettext_lazy("slug van het netwerk.")),
    ("memberships.csv", "network_name", TEXT, gettext_lazy("Naam van het netwerk.")),
    ("memberships.csv", "collective", CODE, gettext_lazy("slug van het collectief dat lid is.")),
    ("memberships.csv", "demo", BOOL, gettext_lazy("ja: een fictief voorbeeld.")),
]

SOURCES = """Referentiegegevens / reference data (by code, not included):
- Gemeenten en provincies (CBS-codes, indeling 2024): CBS StatLine, Gebieden in Nederland
  2024. CC BY 4.0, "Bron: CBS".
- Gemeentelijke indeling sinds 1970: CBS, via nlextract/NLExtract.
- Postcodes (4 cijfers) met punt: bobdenotter/4pp (MIT), 2014.
- Gemeentegrenzen: CBS/Kadaster gebiedsindeling 2024 (CC BY 4.0).
See docs/data-sources.md in the Opmars source for details.
"""


def _yes(value):
    return "ja" if value else "nee"


def write_dump(out, progress=None):
    """Write the zip to the binary file `out`; returns the number of collectives."""
    collectives = visible_collectives(None).order_by("slug")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("collectives.csv", "w") as handle:
            count = exporting.export(collectives, "csv", handle, progress)
        with archive.open("collectives.geojson", "w") as handle:
            exporting.export(collectives, "geojson", handle)
        archive.writestr("yearly_facts.csv", _facts_csv(collectives))
        archive.writestr("memberships.csv", _memberships_csv(collectives))
        archive.writestr("data_dictionary.csv", dictionary_csv())
        archive.writestr("LICENCE.txt", exporting.licence_text())
        archive.writestr("SOURCES.txt", SOURCES)
        archive.writestr("README.txt", _readme(count))
    return count


def _table(columns, rows):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows([guard_formula(v) for v in row] for row in rows)
    return "\ufeff" + text.getvalue()


def _facts_csv(collectives):
    facts = YearlyFacts.objects.filter(collective__in=collectives).select_related("collective")
    rows = (
        [
            f.collective.slug,
            f.year,
            *[getattr(f, n) for n in [*YearlyFacts.COUNT_FIELDS, *YearlyFacts.INCOME_FIELDS]],
            f.income_total,
            _yes(f.collective.is_demo),
        ]
        for f in facts.order_by("collective__slug", "year").iterator(chunk_size=5000)
    )
    return _table(FACTS_COLUMNS, ([("" if v is None else v) for v in row] for row in rows))


def _memberships_csv(collectives):
    from opmars.networks.models import Membership

    memberships = Membership.objects.filter(collective__in=collectives).select_related(
        "network", "collective"
    )
    rows = (
        [m.network.slug, m.network.name, m.collective.slug, _yes(m.collective.is_demo)]
        for m in memberships.order_by("network__slug", "collective__slug").iterator()
    )
    return _table(MEMBERSHIP_COLUMNS, rows)


def dictionary_csv():
    rows = ([file, name, kind, str(meaning)] for file, name, kind, meaning in DICTIONARY)
    return _table([_("bestand"), _("veld"), _("soort"), _("betekenis")], rows)


def _readme(count):
    return _(
        "Open data van Opmars, gemaakt op %(when)s: %(count)s collectieven.\n"
        "collectives.csv en collectives.geojson: openbare gegevens van elk collectief.\n"
        "yearly_facts.csv: jaarcijfers. memberships.csv: lidmaatschappen van netwerken.\n"
        "data_dictionary.csv: betekenis van elk veld. SOURCES.txt: bronnen van de "
        "referentiegegevens. LICENCE.txt: licentie (%(licence)s).\n"
        "Records met demo=ja zijn fictieve voorbeelden. Geen persoonsgegevens.\n"
    ) % {
        "when": timezone.now().strftime("%Y-%m-%d %H:%M"),
        "count": count,
        "licence": exporting.licence(),
    }
