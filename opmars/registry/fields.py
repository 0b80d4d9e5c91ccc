"""Every field of a collective and of its yearly facts, declared once: what it is called, what
kind of value it holds, who may see it and where it goes (export column, import headers, API,
open-data dictionary). The exports, the import, the data dictionary and the forms read their
field lists from here (docs/decisions/0042-one-declaration-per-collective-field.md).

A declared name is a model field, or a column the export derives from one (municipality_name
from the seat municipality); tests/registry/test_field_declaration.py holds the two together.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from opmars.registry.vocab import CHARACTERISTICS, Kind, LegalForm, Status

# A value's type, in the data dictionary's words (the dump's fixed Dutch terms in every language).
TEXT, INT, NUM, BOOL, CODE, DATE, URL = (
    "tekst",
    "geheel getal",
    "getal",
    "ja/nee",
    "code",
    "datum",
    "url",
)
EURO, PEOPLE, DEGREES = "euro", "personen", "graden (WGS84)"


class Privacy(StrEnum):
    PUBLIC = "public"  # anyone who may see the collective: pages, API, exports, open data
    # Its editors and staff; the public sees at most a coarse form (Field.public_form).
    EDITORS = "editors"
    # Never shown: only its editors' own form and Opmars's message relay use it.
    PRIVATE = "private"


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    type: str
    definition: str = ""  # the open-data dictionary's meaning of its export column
    unit: str = ""
    privacy: Privacy = Privacy.PUBLIC
    public_form: Callable | None = None  # what the public sees of a field that is not public
    export: bool | str = False  # a column of CSV, XLSX and JSON: True, or its other header
    read: str | None = ""  # the row value the export reads: the name when "", None when linked
    aliases: tuple[str, ...] = ()  # the import's header names; none: not imported
    api: bool | str = False  # in the public API answers: True, or the name it has there
    api_doc: str = ""  # its description in the API schema (English)
    choices: type | None = None  # the vocabulary of a coded field

    @property
    def column(self):
        """The export's column header, or None when the field is not exported."""
        return (self.name if self.export is True else self.export) or None

    @property
    def lookup(self):
        """What the export reads from the row (a values() lookup); None: filled in apart."""
        return None if self.read is None else self.read or self.name

    @property
    def api_name(self):
        return (self.name if self.api is True else self.api) or None


def postcode_area(postcode):
    """Only the 4 digits: the area the public point already shows (decision 0003)."""
    return postcode[:4]


def _characteristics():
    return [
        Field(code, label, BOOL, meaning, export=True, aliases=(code, label), api=True)
        for code, label, meaning in CHARACTERISTICS
    ]


# In the order of the export's columns; the import reads its fields in this order too.
COLLECTIVE = [
    Field(
        "slug",
        _("Opmars-sleutel (slug)"),
        CODE,
        _("Vaste sleutel van het collectief in Opmars."),
        export=True,
        api=True,
    ),
    Field(
        "name",
        _("Naam"),
        TEXT,
        _("Naam zoals het collectief die zelf gebruikt."),
        export=True,
        api=True,
        aliases=(
            "naam",
            "name",
            "organisatie",
            "organisatienaam",
            "collectief",
            "organisation",
            "organization",
        ),
    ),
    Field(
        "kind",
        _("Soort collectief"),
        CODE,
        _("Soort collectief (zie /api/v1/vocabularies)."),
        export=True,
        api=True,
        choices=Kind,
        aliases=("soort", "kind", "type", "soort_collectief", "categorie", "category"),
    ),
    Field(
        "legal_form",
        _("Rechtsvorm"),
        CODE,
        _("Rechtsvorm zoals bij de KvK; informeel als er geen is."),
        export=True,
        api=True,
        choices=LegalForm,
        aliases=("rechtsvorm", "legal_form", "organisatievorm", "legal form", "juridische_vorm"),
    ),
    Field(
        "kvk_number",
        _("KvK-nummer"),
        TEXT,
        _("KvK-nummer (8 cijfers) van de organisatie, als die er is."),
        export=True,
        aliases=(
            "kvk",
            "kvk_nummer",
            "kvk_number",
            "kvknummer",
            "kvk_nr",
            "coc",
            "coc_number",
            "chamber_of_commerce",
        ),
    ),
    Field(
        "municipality",
        _("Gemeente (vestigingsplaats)"),
        CODE,
        _("CBS-code van de vestigingsgemeente (indeling 2024)."),
        export=True,
        read="municipality_id",
        api=True,
        aliases=(
            "gemeente",
            "municipality",
            "gemeentecode",
            "cbs_code",
            "vestigingsgemeente",
            "plaats",
            "woonplaats",
            "city",
        ),
        api_doc="The seat municipality.",
    ),
    Field(
        "municipality_name",
        _("Gemeente"),
        TEXT,
        _("Naam van de vestigingsgemeente."),
        export=True,
        read="municipality__name",
    ),
    Field(
        "province",
        _("Provincie"),
        CODE,
        _("CBS-code van de provincie (PV20–PV31)."),
        export=True,
        read="municipality__province_id",
        api=True,
    ),
    Field(
        "works_in",
        _("Ook actief in"),
        CODE,
        _("CBS-codes van andere gemeenten waar het actief is, met komma's."),
        export=True,
        read=None,
        api=True,
        aliases=("ook_actief_in", "works_in", "actief_in", "werkgebied"),
    ),
    Field(
        "postcode",
        _("Postcode"),
        TEXT,
        _("Alleen de 4 cijfers van de postcode (nooit de letters)."),
        privacy=Privacy.EDITORS,
        public_form=postcode_area,
        export=True,
        aliases=("postcode", "postal_code", "zip", "zipcode", "pc"),
    ),
    Field(
        "lat",
        _("Breedtegraad"),
        NUM,
        unit=DEGREES,
        privacy=Privacy.EDITORS,  # the public sees public_lat
        aliases=("lat", "latitude", "breedtegraad", "breedte"),
    ),
    Field(
        "lon",
        _("Lengtegraad"),
        NUM,
        unit=DEGREES,
        privacy=Privacy.EDITORS,  # the public sees public_lon
        aliases=("lon", "lng", "long", "longitude", "lengtegraad", "lengte"),
    ),
    Field(
        "address_is_public",
        _("Ons adres is openbaar (bijvoorbeeld een buurthuis of kantoor)"),
        BOOL,
        aliases=("adres_openbaar", "address_is_public", "openbaar_adres"),
    ),
    # The point anyone may see: lat/lon when the address is public, else the middle of the
    # postcode area or the municipality (docs/decisions/0003-location-privacy.md).
    Field(
        "public_lat",
        _("Breedtegraad"),
        NUM,
        _("Breedtegraad (WGS84) van het openbare punt; zie location_precision."),
        unit=DEGREES,
        export=True,
        api="lat",
        api_doc="Public latitude; exact only for a public address.",
    ),
    Field(
        "public_lon",
        _("Lengtegraad"),
        NUM,
        _("Lengtegraad (WGS84) van het openbare punt."),
        unit=DEGREES,
        export=True,
        api="lon",
        api_doc="Public longitude; exact only for a public address.",
    ),
    Field(
        "location_precision",  # how precise the point on the map is
        _("Kaart"),
        CODE,
        _(
            "adres (openbaar adres), postcode (midden van het postcodegebied) of gemeente "
            "(midden van de gemeente)."
        ),
        export=True,
        api=True,
        api_doc="adres, postcode (4 digits) or gemeente.",
    ),
    Field(
        "founded_year",
        _("Oprichtingsjaar"),
        INT,
        _("Jaar van oprichting."),
        export=True,
        api=True,
        aliases=("oprichtingsjaar", "founded_year", "opgericht", "founded", "jaar_oprichting"),
    ),
    Field(
        "status",
        _("Status"),
        CODE,
        _("actief, slapend of gestopt."),
        export=True,
        api=True,
        choices=Status,
        aliases=("status",),
    ),
    Field(
        "status_year",
        _("Sinds welk jaar heeft het deze status?"),
        INT,
        _("Jaar waarin de status zo werd."),
        export=True,
        api=True,
        aliases=("status_jaar", "status_year", "jaar_status"),
    ),
    Field(
        "domains",
        _("Terreinen"),
        CODE,
        _("Maatschappelijke terreinen, codes met komma's."),
        export=True,
        read=None,
        api=True,
        aliases=("terreinen", "domains", "domein", "domeinen", "terrein", "thema", "themas"),
    ),
    Field(
        "description",
        _("Beschrijving"),
        TEXT,
        _("Beschrijving door het collectief."),
        export=True,
        api=True,
        aliases=("beschrijving", "description", "omschrijving", "toelichting"),
    ),
    Field(
        "website",
        _("Website"),
        URL,
        _("Website van het collectief."),
        export=True,
        api=True,
        aliases=("website", "url", "site", "webadres", "internet"),
    ),
    Field(
        "contact_email",
        _("Contactadres"),
        TEXT,
        privacy=Privacy.PRIVATE,
        aliases=("email", "e_mail", "contact_email", "contactadres", "e_mailadres", "mail"),
    ),
    *_characteristics(),
    Field(
        "source",
        _("Bron"),
        TEXT,
        _("Waar het record vandaan komt (eigen opgave, import door een netwerk, …)."),
        export=True,
        api=True,
        aliases=("bron", "source"),
    ),
    Field(
        "last_verified",
        _("Laatst gecontroleerd"),
        DATE,
        _("Datum waarop de gegevens het laatst zijn bevestigd."),
        export=True,
        api=True,
        aliases=("laatst_gecontroleerd", "last_verified", "gecontroleerd_op", "peildatum"),
    ),
    Field(
        "is_verified",
        _("geverifieerd door Opmars"),
        BOOL,
        _("Door Opmars gecontroleerd."),
        export=True,
        api=True,
    ),
    Field(
        "is_demo",
        _("Fictief voorbeeld"),
        BOOL,
        _("ja: een fictief voorbeeld, geen echt collectief."),
        export="demo",
        api="demo",
        api_doc="True for a generated, fictitious example record.",
    ),
    Field(
        "opmars_url",
        _("Pagina"),
        URL,
        _("Pagina van het collectief op Opmars."),
        export=True,
        read=None,
    ),
    Field("is_unlisted", _("niet openbaar vermeld"), BOOL, privacy=Privacy.EDITORS),
    Field(
        "shares_drafts_with_municipality",
        _("gemeente mag concepten zien"),
        BOOL,
        privacy=Privacy.EDITORS,
    ),
]

# The model's own bookkeeping, not facts about the collective: never exported or imported.
# active_since is kept by registry/history.py from the events (decision 0045), never entered.
INTERNAL = {"id", "editors", "search_text", "created_at", "updated_at", "active_since"}


def _fact(name, label, unit, definition, aliases):
    return Field(name, label, INT, definition, unit, export=True, api=True, aliases=aliases)


# One year's facts, in the order of yearly_facts.csv.
FACTS = [
    Field(
        "collective",
        _("Collectief"),
        CODE,
        _("slug van het collectief."),
        export=True,
        read="collective__slug",
    ),
    _fact(
        "year",
        _("jaar"),
        "",
        _("Kalenderjaar waar de cijfers over gaan."),
        ("jaar", "year", "boekjaar"),
    ),
    _fact(
        "members",
        _("leden"),
        PEOPLE,
        _("Aantal leden aan het eind van het jaar; leeg = onbekend (niet 0)."),
        ("leden", "members", "aantal_leden"),
    ),
    _fact(
        "volunteers",
        _("vrijwilligers"),
        PEOPLE,
        _("Aantal vrijwilligers in het jaar; leeg = onbekend."),
        ("vrijwilligers", "volunteers", "aantal_vrijwilligers"),
    ),
    _fact(
        "paid_staff",
        _("betaalde krachten"),
        PEOPLE,
        _("Aantal betaalde krachten (personen); leeg = onbekend."),
        ("betaalde_krachten", "paid_staff", "medewerkers", "staff"),
    ),
    _fact(
        "people_reached",
        _("bereikte mensen"),
        PEOPLE,
        _("Aantal bereikte mensen in het jaar; leeg = onbekend."),
        ("bereikte_mensen", "people_reached", "bereik", "deelnemers"),
    ),
    _fact(
        "income_grants",
        _("subsidies (€)"),
        EURO,
        _("Subsidies in euro's in het jaar."),
        ("subsidies", "income_grants", "subsidie"),
    ),
    _fact(
        "income_contributions",
        _("ledenbijdragen (€)"),
        EURO,
        _("Ledenbijdragen in euro's."),
        ("ledenbijdragen", "income_contributions", "contributie"),
    ),
    _fact(
        "income_donations",
        _("giften (€)"),
        EURO,
        _("Giften in euro's."),
        ("giften", "income_donations", "donaties"),
    ),
    _fact(
        "income_sales",
        _("verkoop en diensten (€)"),
        EURO,
        _("Verkoop en diensten in euro's."),
        ("verkoop", "income_sales", "verkoop_en_diensten", "omzet"),
    ),
    _fact(
        "income_loans",
        _("leningen (€)"),
        EURO,
        _("Leningen in euro's (financiering, geen inkomen voor SROI)."),
        ("leningen", "income_loans"),
    ),
    _fact(
        "income_other",
        _("overige inkomsten (€)"),
        EURO,
        _("Overige inkomsten in euro's."),
        ("overige_inkomsten", "income_other"),
    ),
    Field(
        "income_total",
        _("Inkomsten totaal (€)"),
        INT,
        _("Som van de bekende inkomsten; leeg als geen enkele bekend is."),
        EURO,
        export=True,
        api=True,
        api_doc="Sum of the known income sources; null when none is known.",
    ),
    Field(
        "demo",
        _("Fictief voorbeeld"),
        BOOL,
        _("ja: cijfers van een fictief voorbeeld."),
        export=True,
        read="collective__is_demo",
    ),
    # Staff's mark on implausible figures: kept out of the sums until confirmed.
    Field("review", _("controle"), CODE, privacy=Privacy.EDITORS),
]
FACTS_INTERNAL = {"id"}


def exported(fields):
    return [f for f in fields if f.column]


def imported(fields):
    return [f for f in fields if f.aliases]


def named(fields):
    return {f.name: f for f in fields}


def in_api(fields):
    """{name in the API: field} of the fields the public API answers show."""
    return {f.api_name: f for f in fields if f.api_name}
