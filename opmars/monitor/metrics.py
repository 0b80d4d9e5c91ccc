"""Every movement statistic, defined once. Pages, reports, exports and the API all call these
functions, so one metric never shows two different numbers.

Counting goes through the directory's own parser and filter (registry/query.py), so the active
collectives of a municipality are exactly the API's `count` for `?municipality=X&status=actief`.
Aggregates are GROUP BY queries; the results are cached under the data generation, which every
write bumps (opmars/caching).
"""

import datetime
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypedDict, TypeVar, cast

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from opmars.accounts.policy import unlisted_collectives, visible_collectives
from opmars.caching import generation, store
from opmars.geo.models import Municipality, Province
from opmars.impact import engine
from opmars.impact.models import Indicator, ReportStatus
from opmars.monitor import summaries
from opmars.monitor.models import AreaYear
from opmars.monitor.summaries import FACT_FIELDS, FIRST_SERIES_YEAR
from opmars.networks import query as network_query
from opmars.networks.models import Network
from opmars.registry import history
from opmars.registry.models import OPEN_END, ActivePeriod, Collective, LifeEvent, YearlyFacts
from opmars.registry.query import filter_collectives, parse_query
from opmars.registry.vocab import Domain, EventKind, Kind, LegalForm, Status

POPULATION_DATE = datetime.date(2024, 1, 1)
FIRST_YEAR = 1900

# The definitions page shows these; each number on a page links to #<key>.
DEFINITIONS = {
    "active_collectives": (
        _("Actieve collectieven"),
        _(
            "Collectieven in het register die op 31 december van het gekozen jaar actief waren, "
            "volgens de gebeurtenissen in hun geschiedenis (opgericht, slapend, gestopt, weer "
            "actief), geteld naar hun vestigingsgemeente. Voor het lopende jaar is dat de stand "
            "van vandaag: precies het aantal dat de lijst collectieven en de API geven met "
            "status=actief. Wat vandaag gebeurt, verandert geen cijfer van een eerder jaar. Elk "
            "collectief telt één keer: dubbele aanmeldingen worden in het register samengevoegd. "
            "Zonder bekend oprichtingsjaar telt een collectief mee vanaf het jaar waarin het in "
            "het register kwam."
        ),
    ),
    "active_end_of_year": (
        _("Actief aan het eind van het jaar"),
        _(
            "Hetzelfde cijfer als actieve collectieven, voor elk jaar van de groeicurve: actief "
            "op 31 december van dat jaar volgens de geschiedenis van elk collectief."
        ),
    ),
    "founded": (
        _("Opgericht"),
        _("Collectieven met dit oprichtingsjaar, ongeacht hun huidige status."),
    ),
    "net_growth": (
        _("Netto groei"),
        _(
            "Actieve collectieven op 31 december van het jaar min die op 31 december van het jaar "
            "ervoor: oprichtingen, herstarts en nieuw geregistreerde collectieven erbij, stops en "
            "collectieven die slapend werden eraf."
        ),
    ),
    "stopped": (
        _("Gestopt"),
        _(
            "Collectieven die in dit jaar stopten (de gebeurtenis 'gestopt' in hun geschiedenis). "
            "Slapend worden is geen stoppen; een collectief dat slapend werd telt niet meer als "
            "actief, maar niet als gestopt."
        ),
    ),
    "members": (
        _("Leden"),
        _(
            "De som van het aantal leden in de jaargegevens over het gevraagde kalenderjaar, van "
            "de collectieven in het gebied die in dat jaar (een deel van het jaar) actief waren, "
            "ook als ze later stopten. Cijfers over een jaar na de stop, of over een jaar dat een "
            "collectief helemaal slapend was, tellen niet mee. Collectieven zonder jaargegevens "
            "voor dat jaar tellen niet mee; het aantal dat wel meldde staat erbij. Iemand die lid "
            "is van twee collectieven telt twee keer."
        ),
    ),
    "volunteers": (
        _("Vrijwilligers"),
        _(
            "De som van het aantal vrijwilligers in de jaargegevens over het gevraagde "
            "kalenderjaar, zoals bij leden."
        ),
    ),
    "paid_staff": (
        _("Betaalde krachten"),
        _(
            "De som van het aantal betaalde krachten (personen, geen fte) in de jaargegevens "
            "over het gevraagde kalenderjaar, zoals bij leden."
        ),
    ),
    "reporting": (
        _("Collectieven met jaargegevens"),
        _(
            "Collectieven in het gebied met jaargegevens over het gevraagde kalenderjaar, van de "
            "collectieven die in dat jaar (een deel van het jaar) actief waren. Bij elke som staat "
            "hoeveel collectieven dat cijfer meldden: 'uit 9 van de 12' betekent dat 3 "
            "collectieven het niet meldden; hun deel is onbekend, niet 0."
        ),
    ),
    "active_people": (
        _("Actieve mensen"),
        _("Vrijwilligers plus betaalde krachten over het gevraagde jaar (som, zie hierboven)."),
    ),
    "per_1000": (
        _("Per 1.000 inwoners"),
        _(
            "Actieve collectieven gedeeld door het aantal inwoners op 1-1-2024 (CBS, Gebieden in "
            "Nederland 2024), maal 1.000. Voor netwerken bestaat geen inwonertal."
        ),
    ),
    "by_kind": (
        _("Per soort"),
        _("Actieve collectieven per soort (één soort per collectief)."),
    ),
    "by_domain": (
        _("Per terrein"),
        _(
            "Actieve collectieven per maatschappelijk terrein. Een collectief kan op meer "
            "terreinen werken, dus de som is groter dan het aantal collectieven."
        ),
    ),
    "kind_coverage": (
        _("Aandeel gemeenten met dit soort collectief"),
        _(
            "Het deel van de gemeenten in het gebied met minstens één actief collectief van deze "
            "soort als vestigingsgemeente (2024-indeling, 342 gemeenten in Nederland)."
        ),
    ),
    "networks": (
        _("Netwerken"),
        _(
            "Netwerken met minstens één collectief uit het gebied dat op 31 december van het jaar "
            "actief was en toen lid was (zie 'In een netwerk' voor het begin en einde van een "
            "lidmaatschap)."
        ),
    ),
    "social_value": (
        _("Maatschappelijke waarde (bandbreedte)"),
        _(
            "Uit de gepubliceerde impactrapporten over het gevraagde jaar van collectieven in het "
            "gebied (zie de methodiek): de som van de contante waarden, met als grenzen de som van "
            "de 10e en de som van de 90e percentielen. Dat zijn grenzen, geen percentielen van de "
            "som. De verhouding is Σ waarde / Σ inzet, nooit een gemiddelde van verhoudingen. "
            "Collectieven zonder gepubliceerd rapport tellen niet mee."
        ),
    ),
    "sdg_contributions": (
        _("Bijdragen aan de SDG's"),
        _(
            "De som van de gerapporteerde hoeveelheden per indicator in dezelfde rapporten, in "
            "de eenheid van de indicator (zoals kWh of uren), bij het SDG-doel van de indicator."
        ),
    ),
    "in_network": (
        _("In een netwerk"),
        _(
            "Collectieven die op 31 december van het jaar (voor het lopende jaar: vandaag) actief "
            "waren en toen lid waren van minstens één netwerk op Opmars, en hun aandeel in de "
            "actieve collectieven. Een lidmaatschap telt vanaf het jaar waarin het begon tot het "
            "jaar waarin het eindigde; een lidmaatschap waarvan het beginjaar onbekend is, telt "
            "ook voor eerdere jaren mee. Bron: ledenlijsten van de netwerken en hun wijzigingen."
        ),
    ),
    "isolated": (
        _("Geïsoleerd"),
        _("Een actief collectief dat van geen enkel netwerk op Opmars lid is (stand van nu)."),
    ),
    "shared_members": (
        _("Gedeelde leden"),
        _("Het aantal collectieven dat lid is van allebei de netwerken (stand van nu)."),
    ),
    "network_members": (
        _("Aangesloten collectieven"),
        _(
            "Collectieven die nu lid zijn van het netwerk op Opmars, elk één keer, ongeacht hun "
            "status. Bron: de ledenlijst die het netwerk op Opmars bijhoudt."
        ),
    ),
    "knowledge_shared": (
        _("Gedeelde kennis"),
        _(
            "Per lid van het netwerk, over het kalenderjaar: kennisitems die het plaatste, "
            "waarvan antwoorden op vragen van anderen; hoe vaak anderen een item 'nuttig' vonden "
            "(één keer per persoon, nooit door de maker zelf); en berichten die het via Opmars "
            "van andere collectieven kreeg. Aantallen; bron: Opmars."
        ),
    ),
    "reference_figures": (
        _("Vergelijkingscijfers"),
        _(
            "Cijfers van anderen (kerken, vakbonden, partijen, de sector), overgenomen zoals "
            "gepubliceerd, met hun eenheid, peildatum en bron in dezelfde rij. Ze zijn niet door "
            "Opmars geteld en meten niet altijd hetzelfde: lees de kanttekeningen erbij."
        ),
    ),
    "coverage": (
        _("Dekking"),
        _(
            "Het aantal in Opmars (actief aan het eind van het jaar) gedeeld door het "
            "gepubliceerde aantal over hetzelfde jaar, in procenten. Onder 100% mist het register "
            "collectieven; de gepubliceerde telling kan ook anders afbakenen."
        ),
    ),
    "income": (
        _("Inkomsten naar bron"),
        _(
            "De som per bron (subsidies, ledenbijdragen, giften, verkoop en diensten, leningen, "
            "overig) in hele euro's over het kalenderjaar, uit de jaargegevens van de "
            "collectieven die dat jaar actief waren. Een bron die niemand opgaf is onbekend, "
            "geen € 0; bij elke som staat hoeveel collectieven haar opgaven."
        ),
    ),
    "income_by_kind": (
        _("Inkomsten naar bron, per soort collectief"),
        _(
            "Zoals 'inkomsten naar bron', apart voor elke soort collectief: de som per bron in "
            "hele euro's over het kalenderjaar, uit de jaargegevens van de collectieven van die "
            "soort die dat jaar (een deel van het jaar) actief waren. Bij elke som staat hoeveel "
            "collectieven die bron opgaven, en hoeveel er van die soort actief waren. Een bron "
            "die niemand van die soort opgaf is onbekend, geen € 0. Het totaal telt alleen de "
            "gemelde bronnen op. Bron: jaargegevens in Opmars, ingevuld door de collectieven."
        ),
    ),
    "grants_by_funder": (
        _("Subsidies en bijdragen naar soort financier"),
        _(
            "Per soort collectief de som in hele euro's van de subsidies en bijdragen van de "
            "gemeente, de provincie, het Rijk, fondsen en overige financiers over het "
            "kalenderjaar, uit de gepubliceerde impactrapporten over dat jaar (de inzet, zie de "
            "methodiek §8). Een gepubliceerd rapport noemt elke soort financier; € 0 daar "
            "betekent dat het collectief van die financier niets kreeg. Collectieven zonder "
            "gepubliceerd rapport tellen niet mee: bij elke som staat uit hoeveel rapporten hij "
            "komt, naast het aantal collectieven dat dat jaar actief was (de dekking). Zonder "
            "rapporten is het bedrag onbekend, geen € 0."
        ),
    ),
    "finance_routes": (
        _("Financieringsroutes die passen"),
        _(
            "Fondsen, subsidies, leningen en garantiefondsen uit het register van "
            "financieringsroutes die in het gekozen jaar (een deel van het jaar) open waren en "
            "passen bij actieve collectieven hier: soort, rechtsvorm, plaats en fase (startfase "
            "tot 3 jaar na oprichting, groeifase tot 10 jaar, daarna volwassen). 'Past' telt de "
            "collectieven die aan alle voorwaarden voldoen; 'past misschien' de collectieven "
            "zonder bekend oprichtingsjaar, bij een route met een voorwaarde voor de fase. "
            "Eenheid: aantal collectieven. Bron: het register van financieringsroutes, elke "
            "route met een bron en de datum waarop hij is nagekeken."
        ),
    ),
    "local_rights": (
        _("Lokale rechten"),
        _(
            "Per recht (uitdaagrecht, buurtrechten, recht op overname) het aantal gemeenten "
            "waarvan het register van lokale rechten zegt dat hun regels het recht bevatten "
            "(ja), uitdrukkelijk niet (nee), of waarvan het niet bekend is (onbekend; ook "
            "gemeenten zonder vermelding). Onbekend is nooit nee. Eenheid: aantal gemeenten "
            "(indeling 2024). Bron: het register van lokale rechten, elke vermelding met "
            "brondocument en de datum waarop het is nagekeken."
        ),
    ),
    "sector_figures": (
        _("Register naast gepubliceerde cijfers, per soort"),
        _(
            "Per soort collectief elk cijfer dat de sector zelf publiceerde (zoals de Lokale "
            "Energie Monitor, de Monitor Zorgzame Gemeenschappen en de LVKK), met zijn eenheid, "
            "peildatum en bron, naast het aantal in Opmars over hetzelfde jaar: collectieven "
            "actief op 31 december, of de som van leden of vrijwilligers in de jaargegevens. "
            "Dekking is het aantal in Opmars gedeeld door het gepubliceerde cijfer. Een "
            "ongedateerd cijfer staat naast het gekozen jaar."
        ),
    ),
    "movement_estimate": (
        _("Geschatte hele beweging"),
        _(
            "Een schatting van Opmars, geen telling: hoeveel burgercollectieven er in Nederland "
            "zijn, met hoeveel leden en vrijwilligers, ook buiten het register, met een "
            "bandbreedte (laag en hoog). Per soort met een gepubliceerd aantal: dat aantal, "
            "doorgetrokken naar het gekozen jaar met de groei in het register; voor andere "
            "soorten het aantal in Opmars, met als bovengrens dezelfde dekking als bij de "
            "gemeten soorten. Leden en vrijwilligers: geschatte collectieven maal mensen per "
            "collectief. Vanaf 2024 nooit minder dan de ondergrens van 7.400 "
            "burgercollectieven (VU, 2024). De grenzen zijn opgetelde grenzen, geen "
            "percentielen. De volledige methode staat in de documentatie (movement-estimate)."
        ),
    ),
    "legal_forms": (
        _("Rechtsvormen"),
        _(
            "Collectieven die op 31 december van het jaar actief waren, naar de rechtsvorm die ze "
            "toen hadden (een wijziging van rechtsvorm is een gebeurtenis in hun geschiedenis). "
            "Bron: register van Opmars; de rechtsvorm volgt de inschrijving bij de KvK."
        ),
    ),
    "cohort_survival": (
        _("Overleving per cohort"),
        _(
            "Van de collectieven opgericht in een jaar of een periode van jaren (cohort): het "
            "deel dat 1, 5 en 10 jaar na het oprichtingsjaar nog niet gestopt was, geschat met "
            "de product-limietschatter van Kaplan en Meier. Gestopt is de eerste gebeurtenis "
            "'gestopt' in de levensloop van het collectief; slapend worden is geen stoppen, en "
            "een collectief dat na een stop weer actief werd, telt als gestopt in het jaar van "
            "die eerste stop. De duur is stopjaar min oprichtingsjaar in hele jaren; 'na t jaar "
            "niet gestopt' betekent dat die duur groter is dan t. Een collectief dat niet "
            "gestopt is, wordt gevolgd tot en met het laatste volledige kalenderjaar en valt "
            "daarna uit de telling (gecensureerd) zonder als gestopt of als blijvend te tellen; "
            "een stop in het lopende jaar telt nog niet. Bij elk tijdstip staat hoeveel "
            "collectieven toen nog gevolgd werden: niet eerder gestopt en lang genoeg bekend. "
            "Wordt niemand meer gevolgd, dan is het aandeel onbekend, geen nul (nul alleen als "
            "alle gevolgde collectieven al eerder gestopt waren). Een stop met onbekende datum "
            "telt in het jaar waarin Opmars hem vastlegde. Collectieven zonder bekend "
            "oprichtingsjaar en collectieven opgericht na het laatste volledige jaar tellen "
            "niet mee; hun aantallen staan erbij. Het register kent vooral collectieven die er "
            "nog waren toen ze werden aangemeld: vroeg gestopte collectieven uit oudere "
            "cohorten ontbreken vaak, zodat de overleving van oudere cohorten eerder te hoog "
            "is dan te laag."
        ),
    ),
    "professionalisation": (
        _("Professionalisering"),
        _(
            "Per jaar, van de collectieven die in dat jaar (een deel van het jaar) actief waren en "
            "het cijfer meldden: het deel met minstens één betaalde kracht, en het middelste "
            "aantal leden (de mediaan: de helft heeft er meer, de helft minder). Daarnaast de "
            "rechtsvormen van de collectieven die op 31 december actief waren, in de vorm die ze "
            "toen hadden. Wie niets meldde telt niet mee; hoeveel wel meldden staat erbij."
        ),
    ),
    "year": (
        _("Jaar"),
        _(
            "Zonder keuze het laatste volledige kalenderjaar. Elk cijfer gaat over dat jaar: "
            "aantallen collectieven over de stand op 31 december (voor het lopende jaar: "
            "vandaag), leden, vrijwilligers, betaalde krachten en inkomsten over het hele jaar."
        ),
    ),
}


@dataclass(frozen=True)
class Area:
    """What a monitor page or report is about, and the directory filter that selects it."""

    scope: str  # national, province, municipality, network, kind
    code: str
    name: str
    population: int | None
    params: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    province_code: str = ""
    province_name: str = ""

    @functools.cached_property
    def selected(self) -> QuerySet[Collective]:
        """The area's collectives, its filter parsed once: a summary reads them a dozen times."""
        return filter_collectives(parse_query(self.params), visible_collectives(None))


class GrowthRow(TypedDict):
    year: int
    founded: int
    stopped: int
    active: int
    net: int  # active at this year's end minus at the previous year's


class CountRow(TypedDict):
    """Active collectives of one kind or one domain."""

    code: str
    label: str
    count: int


class CoverageRow(TypedDict):
    code: str
    label: str
    municipalities: int
    of: int
    share: float | None


class MunicipalityRow(TypedDict):
    code: str
    name: str
    province: str
    population: int | None
    active: int
    per_1000: float | None


class NetworkRow(TypedDict):
    slug: str
    name: str
    count: int


class SocialValue(TypedDict):
    reports: int
    present_value: int
    inputs: int
    ratio: float | None
    lower_bound: int | None
    upper_bound: int | None


class SdgRow(TypedDict):
    goal: int
    indicator: str
    name: str
    unit: str
    quantity: int


def last_complete_year(today: datetime.date | None = None) -> int:
    return (today or datetime.date.today()).year - 1


def as_of(year: int, today: datetime.date | None = None) -> datetime.date:
    """The date a year's figures describe: its last day, or today for the running year."""
    today = today or datetime.date.today()
    return today if year >= today.year else datetime.date(year, 12, 31)


def valid_year(year: int, today: datetime.date | None = None) -> bool:
    return FIRST_YEAR <= year <= (today or datetime.date.today()).year


def national() -> Area:
    population = Province.objects.aggregate(n=Sum("population"))["n"] or 0
    return Area("national", "NL", str(_("Nederland")), population)


def province_area(code: str) -> Area | None:
    province = Province.objects.filter(code=code.upper()).first()
    if province is None:
        return None
    return Area(
        "province",
        province.code,
        province.name,
        province.population,
        {"province": province.code},
        province.code,
    )


def municipality_area(code: str) -> Area | None:
    municipality = Municipality.objects.select_related("province").filter(code=code.upper()).first()
    if municipality is None:
        return None
    return Area(
        "municipality",
        municipality.code,
        municipality.name,
        municipality.population,
        {"municipality": municipality.code},
        municipality.province_id,
        municipality.province.name,
    )


def network_area(slug: str) -> Area | None:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        return None
    return Area("network", network.slug, network.name, None, {"network": network.slug})


def kind_area(code: str) -> Area | None:
    if code not in Kind.values:
        return None
    population = Province.objects.aggregate(n=Sum("population"))["n"] or 0
    return Area("kind", code, str(Kind(code).label), population, {"kind": code})


def collectives(area: Area) -> QuerySet[Collective]:
    """The area's collectives through the directory's parser and filter (same rows as the API)."""
    return area.selected.all()


def active_parts(area: Area, year: int | None = None) -> list[QuerySet[Collective]]:
    """The area's collectives active at the end of `year` (or now), in the disjoint parts of
    history.active_at_end_of: no collective is in two, so their counts add up."""
    year = datetime.date.today().year if year is None else year
    parts = [collectives(area).filter(part) for part in history.active_at_end_of(year)]
    # For a recent year the second part is mostly empty (a period that ended after it): one
    # cheap look spares each figure read from the parts a second query.
    return [part for n, part in enumerate(parts) if n == 0 or part.exists()]


def summed(parts: Iterable[QuerySet[Any]], *fields: str) -> dict[Any, int]:
    """{value of `fields` (a tuple when more than one): collectives} over the parts."""
    totals: dict[Any, int] = {}
    for part in parts:
        for *key, n in part.order_by().values_list(*fields).annotate(n=Count("*")):
            value = tuple(key) if len(key) > 1 else key[0]
            totals[value] = totals.get(value, 0) + n
    return totals


def active_collectives(area: Area, year: int | None = None) -> int:
    if summaries.usable(area, _or_now(year)):
        return sum(summaries.profile(area, _or_now(year)).values())
    return sum(part.count() for part in active_parts(area, year))


def _or_now(year: int | None) -> int:
    return datetime.date.today().year if year is None else year


Profile = dict[tuple[str, str, bool], int]


def area_profile(area: Area, year: int | None = None) -> Profile:
    """profile_of the area's active collectives, from the figures kept on write when they
    answer it."""
    if summaries.usable(area, _or_now(year)):
        return summaries.profile(area, _or_now(year))
    return profile_of(active_parts(area, year))


def profile_of(parts: list[QuerySet[Collective]]) -> Profile:
    """{(kind, municipality, is demo): collectives} of active_parts: one grouped query per part
    (read off the covering status and municipality indexes), from which a summary reads its
    count, its kinds, their coverage and the demo share."""
    return summed(parts, "kind", "municipality_id", "is_demo")


def per_thousand(count: int | None, population: int | None) -> float | None:
    if not population or count is None:
        return None
    return round(1000 * count / population, 3)


def counted_facts(area: Area, year: int) -> QuerySet[YearlyFacts]:
    """The area's yearly facts over `year` that count: of collectives active during part of
    that year. Facts of a year after a stop, or of a year spent dormant, do not."""
    facts = YearlyFacts.counted().filter(history.active_during(year), year=year)
    # Nationally too only the public listing's facts: the country adds up its provinces.
    return history_of(area, facts)


def facts_totals(area: Area, year: int) -> dict[str, int | None]:
    """Sums of the yearly facts over `year` of the area's collectives active during at least
    part of it (any status now), and `active_during_year`: how many such collectives there are,
    the "van de M" beside every sum.

    A sum is None (shown as 'onbekend') when no collective reported that fact: zero would claim
    that nobody is a member, which nobody said.
    """
    kept = summaries.usable(area, year)
    totals = summaries.facts(area, year) if kept else _facts_sums(area, year)
    if totals["volunteers"] is None or totals["paid_staff"] is None:
        totals["active_people"] = None
    else:
        totals["active_people"] = totals["volunteers"] + totals["paid_staff"]
    return totals


def _facts_sums(area: Area, year: int) -> dict[str, int | None]:
    # Aliases apart from the field names: an aggregate named like a field hides it.
    totals = counted_facts(area, year).aggregate(
        reporting=Count("id"),
        **{f"{name}_sum": Sum(name) for name in FACT_FIELDS},
        **{f"{name}_reported": Count(name) for name in FACT_FIELDS},
    )
    for name in FACT_FIELDS:
        totals[name] = totals.pop(f"{name}_sum")
    during = ActivePeriod.objects.filter(start_year__lte=year, end_year__gte=year)
    # Distinct: a collective that fell dormant and started again within the year has two.
    totals["active_during_year"] = (
        history_of(area, during).values("collective_id").distinct().count()
    )
    return totals


def growth(area: Area, until: int) -> list[GrowthRow]:
    """[{year, founded, stopped, active}] from FIRST_SERIES_YEAR to `until`: founded by founding
    year, stopped by the year of the stop event, active at each year's end from the periods:
    the open ones read off the collectives (active_since), the ended ones from their table."""
    if summaries.usable(area, until):
        return cast(list[GrowthRow], summaries.growth(area, until))
    area_collectives = collectives(area).order_by()
    founded = (
        area_collectives.exclude(founded_year=None)
        .values_list("founded_year")
        .annotate(n=Count("*"))
    )
    stopped = (
        history_of(area, LifeEvent.objects.filter(kind=EventKind.GESTOPT))
        .values_list("year")
        .annotate(n=Count("*"))
    )
    open_periods = (
        area_collectives.filter(status=Status.ACTIEF)
        .exclude(active_since=None)
        .values_list("active_since")
        .annotate(n=Count("*"))
    )
    ended = (
        history_of(area, ActivePeriod.objects.filter(end_year__lt=OPEN_END))
        .values_list("start_year", "end_year")
        .annotate(n=Count("*"))
    )
    periods = [(start, OPEN_END, n) for start, n in open_periods] + list(ended)
    return growth_series(dict(founded), dict(stopped), periods, until)


History = TypeVar("History", LifeEvent, ActivePeriod)


def history_of(area: Area, rows: QuerySet[History]) -> QuerySet[History]:
    """The rows of a history table (events, periods) about the area's collectives. For the
    whole country: every row but those of the few unlisted collectives (the public listing is
    the listed ones, accounts/policy.py), read off the table's own indexes; a join would look
    up each of a hundred thousand collectives (docs/performance.md)."""
    rows = rows.order_by()
    if area.scope == "national":
        unlisted = unlisted_collectives().values("id")
        return rows.exclude(collective_id__in=unlisted)
    return rows.filter(collective_id__in=collectives(area).values("id"))


def growth_series(
    founded: dict[int, int],
    stopped: dict[int, int],
    periods: Iterable[tuple[int, int, int]],
    until: int,
) -> list[GrowthRow]:
    """Pure: counts per year and (start_year, end_year, n) active periods to the yearly series."""
    change: dict[int, int] = {}
    for start, end, n in periods:
        change[start] = change.get(start, 0) + n
        change[end] = change.get(end, 0) - n
    first = min([FIRST_SERIES_YEAR, *founded, *change])
    series: list[GrowthRow] = []
    running = 0
    for year in range(first, until + 1):
        previous = running
        running += change.get(year, 0)
        if year >= FIRST_SERIES_YEAR:
            series.append(
                {
                    "year": year,
                    "founded": founded.get(year, 0),
                    "stopped": stopped.get(year, 0),
                    "active": running,
                    "net": running - previous,
                }
            )
    return series


class ProfessionalisationRow(TypedDict):
    year: int
    paid_share: float | None
    paid_reported: int
    median_members: float | None
    members_reported: int
    active: int
    legal_forms: list[CountRow]


def professionalisation(area: Area, years: Iterable[int]) -> list[ProfessionalisationRow]:
    """Per year: share with paid staff and median members among the counted facts that report
    them, and the legal forms of the collectives active at the year's end."""
    years = sorted(years)
    kept = summaries.usable_for_all(area, years)
    paid: dict[int, tuple[int, int]] = {}
    members: dict[int, list[tuple[int, int]]] = {}
    for year in years:
        if kept:
            paid[year] = summaries.paid_staff(area, year)
            members[year] = summaries.members_counts(area, year)
            continue
        counted = counted_facts(area, year)
        totals = counted.aggregate(
            known=Count("paid_staff"), with_paid=Count("id", filter=Q(paid_staff__gt=0))
        )
        paid[year] = (totals["known"], totals["with_paid"])
        reported = counted.exclude(members=None).values_list("members")
        members[year] = list(reported.annotate(n=Count("id")).order_by("members"))
    if kept:
        forms = {year: summaries.legal_forms(area, year) for year in years}
    else:
        forms = _legal_forms_per_year(area, years)
    rows: list[ProfessionalisationRow] = []
    for year in years:
        known, with_paid = paid.get(year, (0, 0))
        counts = members.get(year, [])
        per_form = forms.get(year, {})
        rows.append(
            {
                "year": year,
                "paid_share": round(with_paid / known, 3) if known else None,
                "paid_reported": known,
                "median_members": median_of_counts(counts),
                "members_reported": sum(n for _value, n in counts),
                "active": sum(per_form.values()),
                "legal_forms": [
                    {"code": f.value, "label": str(f.label), "count": per_form[f.value]}
                    for f in LegalForm
                    if per_form.get(f.value)
                ],
            }
        )
    return rows


def median_of_counts(counts: list[tuple[int, int]]) -> float | None:
    """statistics.median of the values, each repeated its count times ([(value, count)] in
    ascending order); None without values."""
    total = sum(n for _value, n in counts)
    if not total:
        return None
    wanted = sorted({(total - 1) // 2, total // 2})
    found, seen = [], 0
    for value, n in counts:
        while wanted and wanted[0] < seen + n:
            found.append(value)
            wanted.pop(0)
        seen += n
    return found[0] if total % 2 else (found[0] + found[1]) / 2


def _legal_forms_per_year(area: Area, years: list[int]) -> dict[int, dict[str, int]]:
    """{year: {legal form: active at the year's end}} from one GROUP BY over the periods."""
    rows = (
        ActivePeriod.objects.filter(
            collective_id__in=collectives(area).values("id"), start_year__lte=years[-1]
        )
        .exclude(end_year__lte=years[0])
        .order_by()
        .values_list("legal_form", "start_year", "end_year")
        .annotate(n=Count("id"))
    )
    found: dict[int, dict[str, int]] = {year: {} for year in years}
    for form, start, end, n in rows:
        for year in years:
            if start <= year < end:
                found[year][form] = found[year].get(form, 0) + n
    return found


def by_kind(area: Area, year: int | None = None) -> list[CountRow]:
    if summaries.usable(area, _or_now(year)):
        kept = summaries.of_kinds(AreaYear, area, _or_now(year), "active_end")
        return kind_rows({kind: row["active_end"] for kind, row in kept.items()})
    return kinds_in(area_profile(area, year))


def kinds_in(profile: Profile) -> list[CountRow]:
    counts: dict[str, int] = {}
    for (kind, _municipality, _demo), n in profile.items():
        counts[kind] = counts.get(kind, 0) + n
    return kind_rows(counts)


def kind_rows(counts: dict[str, int]) -> list[CountRow]:
    return [{"code": k.value, "label": str(k.label), "count": counts.get(k.value, 0)} for k in Kind]


def by_domain(area: Area, year: int | None = None) -> list[CountRow]:
    if summaries.usable(area, _or_now(year)):
        return domain_rows(summaries.domains(area, _or_now(year)))
    return domains_of(active_parts(area, year))


def domains_of(parts: list[QuerySet[Collective]]) -> list[CountRow]:
    # A join from the collectives, not `collective_id IN (…)`: at a million collectives SQLite
    # builds that list of every active id first (docs/performance.md).
    return domain_rows(
        summed([part.filter(domains__isnull=False) for part in parts], "domains__domain")
    )


def domain_rows(counts: dict[str, int]) -> list[CountRow]:
    return [
        {"code": d.value, "label": str(d.label), "count": counts.get(d.value, 0)} for d in Domain
    ]


def area_municipalities(area: Area) -> QuerySet[Municipality]:
    if area.scope == "province":
        return Municipality.objects.filter(province_id=area.code)
    if area.scope == "municipality":
        return Municipality.objects.filter(code=area.code)
    return Municipality.objects.all()


def kind_coverage(area: Area, year: int | None = None) -> list[CoverageRow]:
    """Per kind: municipalities in the area with at least one active collective of it."""
    return coverage_in(area_profile(area, year), area_municipalities(area).count())


def coverage_in(profile: Profile, total: int) -> list[CoverageRow]:
    counts: dict[str, int] = {}
    for kind, _municipality in {(kind, municipality) for kind, municipality, _demo in profile}:
        counts[kind] = counts.get(kind, 0) + 1
    return [
        {
            "code": k.value,
            "label": str(k.label),
            "municipalities": counts.get(k.value, 0),
            "of": total,
            "share": round(counts.get(k.value, 0) / total, 4) if total else None,
        }
        for k in Kind
    ]


def by_municipality(area: Area) -> list[MunicipalityRow]:
    """[{code, name, province, population, active, per_1000}] for the area's municipalities."""
    this_year = _or_now(None)
    if summaries.usable(area, this_year):
        counts = summaries.municipality_counts(area, this_year)
    else:
        counts = summed(active_parts(area), "municipality_id")
    rows = (
        area_municipalities(area)
        .order_by("name")
        .values_list("code", "name", "province_id", "population")
    )
    return [
        {
            "code": code,
            "name": name,
            "province": province,
            "population": population,
            "active": counts.get(code, 0),
            "per_1000": per_thousand(counts.get(code, 0), population),
        }
        for code, name, province, population in rows
    ]


def networks_present(area: Area, year: int | None = None) -> list[NetworkRow]:
    if summaries.usable(area, _or_now(year)):
        counts = summaries.networks(area, _or_now(year))
        names = Network.objects.filter(pk__in=counts).values_list("pk", "slug", "name")
        return network_rows({(slug, name): counts[pk] for pk, slug, name in names})
    return networks_of(active_parts(area, year), year)


def networks_of(parts: list[QuerySet[Collective]], year: int | None) -> list[NetworkRow]:
    """Per network: the parts' collectives that were its members on 31 December of `year`."""
    counts: dict[tuple[str, str], int] = {}
    for member, joined in network_query.membership_filters(year):
        network = f"{joined}__network"
        members = [part.filter(member) for part in parts]
        for key, n in summed(members, f"{network}__slug", f"{network}__name").items():
            counts[key] = counts.get(key, 0) + n
    return network_rows(counts)


def network_rows(counts: dict[tuple[str, str], int]) -> list[NetworkRow]:
    """{(slug, name): count} as rows, the largest first."""
    return sorted(
        ({"slug": slug, "name": name, "count": n} for (slug, name), n in counts.items() if n),
        key=lambda row: (-row["count"], row["name"]),
    )


def with_published_reports(area: Area, year: int) -> QuerySet[Collective]:
    """The area's collectives joined to their published reports over `year` that have a
    present value. A join from the collectives, as in by_domain: `collective_id IN (…)` makes
    SQLite list every visible id first, even nationally (docs/performance.md)."""
    return (
        collectives(area)
        .order_by()
        .filter(
            impact_reports__status=ReportStatus.PUBLISHED,
            impact_reports__year=year,
            impact_reports__present_value__isnull=False,
        )
    )


def social_value(area: Area, year: int) -> SocialValue:
    """engine.aggregate of the published reports, summed by the database: Σ PV / Σ I, never an
    average of ratios; bounds the sums of the reports' shown ranges, only when every report has
    one (tests/monitor/test_social_value_sums.py holds the two to the same answer)."""
    sums: dict[str, Any] = (
        summaries.report_sums(area, year)
        if summaries.usable(area, year)
        else _report_sums(area, year)
    )
    present_value, inputs = sums["present_value"] or 0, sums["inputs"] or 0
    bounded = sums["reports"] > 0 and sums["with_bounds"] == sums["reports"]
    sroi = engine.ratio(present_value, inputs)
    return {
        "reports": sums["reports"],
        "present_value": round(present_value),
        "inputs": round(inputs),
        "ratio": None if sroi is None else round(sroi, 2),
        "lower_bound": round(sums["lower"]) if bounded else None,
        "upper_bound": round(sums["upper"]) if bounded else None,
    }


def _report_sums(area: Area, year: int) -> dict[str, Any]:
    report = "impact_reports__"
    return with_published_reports(area, year).aggregate(
        reports=Count(f"{report}id"),
        present_value=Sum(f"{report}present_value"),
        inputs=Sum(f"{report}inputs_total"),
        # Each report's shown range widened to its central value (engine.shown_range, 0046).
        lower=Sum(Least(f"{report}p10", f"{report}present_value")),
        upper=Sum(Greatest(f"{report}p90", f"{report}present_value")),
        with_bounds=Count(f"{report}p10", filter=Q(**{f"{report}p90__isnull": False})),
    )


def sdg_contributions(area: Area, year: int) -> list[SdgRow]:
    """[{goal, indicator, name, unit, quantity}] summed over the published reports' outcomes.
    Summed per indicator first; the few indicators' goal, name and unit are looked up after, so
    the hundred thousand outcome rows are not joined to them one by one."""
    outcome = "impact_reports__outcomes__"
    totals = (
        summaries.indicator_totals(area, year)
        if summaries.usable(area, year)
        else dict(
            with_published_reports(area, year)
            .values_list(f"{outcome}indicator_id")
            .annotate(total=Sum(f"{outcome}quantity"))
        )
    )
    indicators = Indicator.objects.filter(code__in=totals).values_list(
        "primary_target__goal_id", "code", "name", "unit"
    )
    return sorted(
        (
            SdgRow(goal=goal, indicator=code, name=name, unit=unit, quantity=round(totals[code]))
            for goal, code, name, unit in indicators
        ),
        key=lambda row: (row["goal"], row["name"]),
    )


P = ParamSpec("P")
R = TypeVar("R")


def one_data_version(view: Callable[P, R]) -> Callable[P, R]:
    """Decorator: a page asks the data generation once, however many figures it shows."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with generation.pinned():
            return view(*args, **kwargs)

    return wrapper


def cached(name: str, area: Area, year: int, compute: Callable[[], R]) -> R:
    return store.cached(f"monitor.{name}", area.scope, area.code, year, compute=compute)


def summary(area: Area, year: int) -> dict[str, Any]:
    """Every key figure of an area for `year`, cached under the data generation."""

    def compute() -> dict[str, Any]:
        profile = area_profile(area, year)
        count = sum(profile.values())
        # A network's members lie anywhere: coverage of municipalities says nothing of it.
        in_places = area.scope != "network"
        coverage = coverage_in(profile, area_municipalities(area).count()) if in_places else []
        facts = facts_totals(area, year)
        series = growth(area, year)
        at_year = next((row for row in series if row["year"] == year), None)
        return {
            "as_of": as_of(year).isoformat(),
            "active_collectives": count,
            "per_1000": per_thousand(count, area.population),
            "population": area.population,
            "population_date": POPULATION_DATE.isoformat(),
            "active_end_of_year": at_year["active"] if at_year else None,
            **facts,
            "growth": [row for row in series if row["year"] <= year],
            "by_kind": kinds_in(profile),
            "by_domain": by_domain(area, year),
            "kind_coverage": coverage,
            "networks": networks_present(area, year),
            "demo_count": sum(n for (_kind, _place, demo), n in profile.items() if demo),
            "social_value": social_value(area, year),
            "sdg_contributions": sdg_contributions(area, year),
        }

    return cached("summary", area, year, compute)


def municipality_map(area: Area) -> list[MunicipalityRow]:
    if area.scope not in ("national", "province", "kind"):
        return []
    return cached("map", area, 0, lambda: by_municipality(area))
