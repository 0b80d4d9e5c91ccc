"""The open-data dump: one zip with every public record, a data dictionary of every field, the
credits of the reference data it refers to (by code, not redistributed) and the licence.

Published by a background task (make_dump: `opmars demo`, `opmars export --format dump`, or
staff on /open-data/), never inside a request: each dump is a zip in the data directory with a
small JSON file beside it (date, size, SHA-256, count), and /open-data/ offers the latest and the
earlier ones. No personal data: the same public fields as every export (exporting.record).
"""

import csv
import hashlib
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from opmars.accounts.policy import visible_collectives
from opmars.caching import changes
from opmars.common.formulas import guard_formula
from opmars.dataio import exporting
from opmars.impact import engine
from opmars.registry.fields import BOOL, CODE, COLLECTIVE, DATE, FACTS, INT, NUM, TEXT, exported
from opmars.registry.models import YearlyFacts

FACTS_COLUMNS = [f.column for f in exported(FACTS)]
MEMBERSHIP_COLUMNS = ["network", "network_name", "collective", "demo"]
# Published impact reports only, and no free text (justifications, sources and the assurer may
# name people): figures and codes.
# range_*: the interval shown beside present_value on the site (decision 0046), beside the pure
# percentiles p10/p50/p90.
IMPACT_REPORT_COLUMNS = ["collective", "year", "library_version", "published", "inputs_total",
                         "volunteer_hours", "present_value", "p10", "p50", "p90", "range_low",
                         "range_high", "range_basis", "sroi_ratio", "demo"]  # fmt: skip
IMPACT_OUTCOME_COLUMNS = ["collective", "year", "indicator", "unit", "quantity", "quantity_low",
                          "quantity_high", "evidence_grade", "deadweight", "attribution",
                          "displacement", "adjustments_confirmed", "duration", "drop_off",
                          "demo"]  # fmt: skip


def _entries(file, fields):
    return [(file, f.column, f.type, f.definition) for f in exported(fields)]


# (file, field, type, meaning): every field of every table in the dump.
DICTIONARY = [
    *_entries("collectives.csv", COLLECTIVE),
    *_entries("yearly_facts.csv", FACTS),
    ("memberships.csv", "network", CODE, gettext_lazy("slug van het netwerk.")),
    ("memberships.csv", "network_name", TEXT, gettext_lazy("Naam van het netwerk.")),
    ("memberships.csv", "collective", CODE, gettext_lazy("slug van het collectief dat lid is.")),
    ("memberships.csv", "demo", BOOL, gettext_lazy("ja: een fictief voorbeeld.")),
    *[
        ("impact_reports.csv", name, kind, meaning)
        for name, kind, meaning in [
            ("collective", CODE, gettext_lazy("slug van het collectief.")),
            ("year", INT, gettext_lazy("Kalenderjaar waarover de impactrapportage gaat.")),
            (
                "library_version",
                INT,
                gettext_lazy(
                    "Versie van de bibliotheek met geldwaarden (proxies) waarmee is gerekend."
                ),
            ),
            ("published", DATE, gettext_lazy("Datum van publicatie.")),
            (
                "inputs_total",
                NUM,
                gettext_lazy(
                    "Alle inzet in euro's in het jaar: subsidies, bijdragen, giften, natura en "
                    "vrijwilligersuren tegen hun waarde."
                ),
            ),
            ("volunteer_hours", NUM, gettext_lazy("Vrijwilligersuren in het jaar.")),
            (
                "present_value",
                NUM,
                gettext_lazy(
                    "Maatschappelijke waarde in euro's (contante waarde, prijspeil van de "
                    "bibliotheek); leeg als geen uitkomst gewaardeerd is."
                ),
            ),
            ("p10", NUM, gettext_lazy("Ondergrens (10e percentiel) van die waarde in euro's.")),
            ("p50", NUM, gettext_lazy("Mediaan van die waarde in euro's.")),
            ("p90", NUM, gettext_lazy("Bovengrens (90e percentiel) van die waarde in euro's.")),
            (
                "range_low",
                NUM,
                gettext_lazy(
                    "Ondergrens van de bandbreedte die Opmars bij de waarde toont, in euro's: de "
                    "kleinste van p10 en present_value, zodat de centrale waarde er altijd binnen "
                    "ligt; leeg als present_value leeg is."
                ),
            ),
            (
                "range_high",
                NUM,
                gettext_lazy(
                    "Bovengrens van de bandbreedte die Opmars bij de waarde toont, in euro's: de "
                    "grootste van p90 en present_value; leeg als present_value leeg is."
                ),
            ),
            (
                "range_basis",
                CODE,
                gettext_lazy(
                    "Wat die bandbreedte is: p10_p90 (P10–P90 van de simulaties; de centrale "
                    "waarde ligt erbinnen), p10_p90_aangevuld (P10–P90, aangevuld tot de centrale "
                    "schatting, die erbuiten lag) of geen_bandbreedte (geen lage en hoge "
                    "schattingen opgegeven: range_low en range_high zijn de centrale waarde)."
                ),
            ),
            (
                "sroi_ratio",
                NUM,
                gettext_lazy("Maatschappelijke waarde gedeeld door de inzet (euro's per euro)."),
            ),
            ("demo", BOOL, gettext_lazy("ja: een fictief voorbeeld.")),
        ]
    ],
    *[
        ("impact_outcomes.csv", name, kind, meaning)
        for name, kind, meaning in [
            ("collective", CODE, gettext_lazy("slug van het collectief.")),
            ("year", INT, gettext_lazy("Jaar van de rapportage.")),
            ("indicator", CODE, gettext_lazy("Code van de indicator in de catalogus van Opmars.")),
            ("unit", TEXT, gettext_lazy("Eenheid van de indicator, zoals kWh of personen.")),
            ("quantity", NUM, gettext_lazy("Hoeveelheid in de eenheid van de indicator.")),
            ("quantity_low", NUM, gettext_lazy("Laagste schatting; leeg als niet opgegeven.")),
            ("quantity_high", NUM, gettext_lazy("Hoogste schatting; leeg als niet opgegeven.")),
            (
                "evidence_grade",
                INT,
                gettext_lazy("Bewijskracht 1 (schatting) tot 5 (extern geverifieerd)."),
            ),
            ("deadweight", INT, gettext_lazy("Procent dat ook zonder het collectief was gebeurd.")),
            ("attribution", INT, gettext_lazy("Procent dat aan anderen toe te schrijven is.")),
            ("displacement", INT, gettext_lazy("Procent dat elders verdrongen wordt.")),
            (
                "adjustments_confirmed",
                BOOL,
                gettext_lazy(
                    "ja: het collectief bevestigde die procenten; alleen dan telt de waarde mee."
                ),
            ),
            ("duration", INT, gettext_lazy("Aantal jaren dat het effect duurt.")),
            ("drop_off", INT, gettext_lazy("Procent afname van het effect per jaar.")),
            ("demo", BOOL, gettext_lazy("ja: een fictief voorbeeld.")),
        ]
    ],
]

SOURCES = """Referentiegegevens / reference data (by code, not included):
- Gemeenten en provincies (CBS-codes, indeling 2024): CBS StatLine, Gebieden in Nederland
  2024. CC BY 4.0, "Bron: CBS".
- Gemeentelijke indeling sinds 1970: CBS, via nlextract/NLExtract.
- Postcodes (4 cijfers) met punt: bobdenotter/4pp (MIT), 2014.
- Gemeentegrenzen: CBS/Kadaster gebiedsindeling 2024 (CC BY 4.0).
See docs/data-sources.md in the Opmars source for details.
"""


def write_dump(out, progress=None):
    """Write the zip to the binary file `out`; returns the number of collectives. Every table
    is there as CSV (commas, decimal points) and as JSON (a list of objects, typed values)."""
    collectives = visible_collectives(None).order_by("slug")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("collectives.csv", "w") as handle:
            count = exporting.export(collectives, "csv-open", handle, progress)
        with archive.open("collectives.json", "w") as handle:
            exporting.export(collectives, "json", handle)
        with archive.open("collectives.geojson", "w") as handle:
            exporting.export(collectives, "geojson", handle)
        for name, columns, rows in _tables(collectives):
            rows = list(rows)
            archive.writestr(f"{name}.csv", _table(columns, rows))
            archive.writestr(f"{name}.json", _json_table(columns, rows))
        archive.writestr("data_dictionary.csv", dictionary_csv())
        archive.writestr("data_dictionary.json", dictionary_json())
        archive.writestr("LICENCE.txt", exporting.licence_text())
        archive.writestr("SOURCES.txt", SOURCES)
        archive.writestr("README.txt", _readme(count))
    return count


def _tables(collectives):
    """(name, columns, rows) of every table beside the collectives; rows hold plain values."""
    return [
        ("yearly_facts", FACTS_COLUMNS, _facts_rows(collectives)),
        ("memberships", MEMBERSHIP_COLUMNS, _membership_rows(collectives)),
        ("impact_reports", IMPACT_REPORT_COLUMNS, _impact_report_rows(collectives)),
        ("impact_outcomes", IMPACT_OUTCOME_COLUMNS, _impact_outcome_rows(collectives)),
    ]


def _csv_cell(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return "" if value is None else guard_formula(value)


def _table(columns, rows):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(columns)
    writer.writerows([_csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + text.getvalue()


def _json_table(columns, rows):
    items = [dict(zip(columns, row, strict=True)) for row in rows]
    return json.dumps(
        {"licence": exporting.licence(), "items": items}, ensure_ascii=False, default=str
    )


def _facts_rows(collectives):
    facts = YearlyFacts.objects.filter(collective__in=collectives).select_related("collective")
    columns = exported(FACTS)
    return (
        [_fact_value(f, column) for column in columns]
        for f in facts.order_by("collective__slug", "year").iterator(chunk_size=5000)
    )


def _fact_value(facts, field):
    value = facts
    for name in field.lookup.split("__"):
        value = getattr(value, name)
    return bool(value) if field.type == BOOL else value


def _membership_rows(collectives):
    from opmars.networks.models import Membership

    memberships = Membership.objects.filter(collective__in=collectives).select_related(
        "network", "collective"
    )
    return (
        [m.network.slug, m.network.name, m.collective.slug, m.collective.is_demo]
        for m in memberships.order_by("network__slug", "collective__slug").iterator()
    )


def _published_reports(collectives):
    from opmars.impact.models import ImpactReport, ReportStatus

    reports = ImpactReport.objects.filter(collective__in=collectives, status=ReportStatus.PUBLISHED)
    return reports.order_by("collective__slug", "year")


def _shown_range(report):
    """range_low, range_high, range_basis: the interval shown beside the central value, which
    always holds it (engine.shown_range, decision 0046); empty without a central value."""
    shown = engine.shown_range(report.present_value, report.p10, report.p90)
    return [None, None, None] if shown is None else [shown["low"], shown["high"], shown["basis"]]


def _impact_report_rows(collectives):
    reports = _published_reports(collectives).select_related("collective", "library")
    return (
        [
            r.collective.slug,
            r.year,
            r.library.version,
            r.published_at.date().isoformat() if r.published_at else None,
            r.inputs_total,
            r.volunteer_hours,
            r.present_value,
            r.p10,
            r.p50,
            r.p90,
            *_shown_range(r),
            r.sroi_ratio,
            r.is_demo or r.collective.is_demo,
        ]  # fmt: skip
        for r in reports.iterator()
    )


def _impact_outcome_rows(collectives):
    from opmars.impact.models import ReportOutcome

    outcomes = ReportOutcome.objects.filter(report__in=_published_reports(collectives))
    outcomes = outcomes.select_related("report__collective", "indicator")
    return (
        [
            o.report.collective.slug,
            o.report.year,
            o.indicator_id,
            o.indicator.unit,
            o.quantity,
            o.quantity_low,
            o.quantity_high,
            o.evidence_grade,
            o.deadweight,
            o.attribution,
            o.displacement,
            bool(o.adjustments_confirmed),
            o.duration,
            o.drop_off,
            o.report.is_demo or o.report.collective.is_demo,
        ]  # fmt: skip
        for o in outcomes.order_by("report__collective__slug", "report__year", "position")
    )


def _dictionary_rows():
    return [[file, name, kind, str(meaning)] for file, name, kind, meaning in DICTIONARY]


def dictionary_csv():
    return _table([_("bestand"), _("veld"), _("soort"), _("betekenis")], _dictionary_rows())


def dictionary_json():
    """The same dictionary for programs; each table's JSON file has the same fields."""
    return _json_table(["file", "field", "type", "meaning"], _dictionary_rows())


def _readme(count):
    return _(
        "Open data van Opmars, gemaakt op %(when)s: %(count)s collectieven.\n"
        "collectives.csv en collectives.geojson: openbare gegevens van elk collectief.\n"
        "yearly_facts.csv: jaarcijfers. memberships.csv: lidmaatschappen van netwerken.\n"
        "impact_reports.csv en impact_outcomes.csv: gepubliceerde impactrapportages en hun "
        "uitkomsten (alleen cijfers en codes).\n"
        "Elke tabel staat er ook als JSON in (zelfde naam, .json), met dezelfde velden.\n"
        "data_dictionary.csv: betekenis van elk veld. SOURCES.txt: bronnen van de "
        "referentiegegevens. LICENCE.txt: licentie (%(licence)s).\n"
        "Records met demo=ja zijn fictieve voorbeelden. Geen persoonsgegevens.\n"
    ) % {
        "when": timezone.now().strftime("%Y-%m-%d %H:%M"),
        "count": count,
        "licence": exporting.licence(),
    }


# ---------------------------------------------------------------- published dumps

KEEP_DUMPS = 10  # the latest and nine earlier ones; older dumps are removed
DUMP_NAME = re.compile(r"^opmars-open-data-\d{8}-\d{6}\.zip$")


@dataclass(frozen=True)
class PublishedDump:
    name: str
    created: str  # ISO 8601, UTC
    size: int  # bytes
    sha256: str
    collectives: int
    licence: str

    @property
    def path(self):
        return dump_dir() / self.name


def dump_dir():
    return Path(settings.DATA_DIR) / "open-data"


def published_dumps():
    """The dumps on offer, newest first; a zip without its JSON file is still being written."""
    dumps = []
    for meta in dump_dir().glob("opmars-open-data-*.json"):
        try:
            dumps.append(PublishedDump(**json.loads(meta.read_text(encoding="utf-8"))))
        except (OSError, ValueError, TypeError):
            continue
    return sorted(dumps, key=lambda dump: dump.created, reverse=True)


def find_dump(name):
    """The published dump of that file name, or None (the name comes from a URL)."""
    if not DUMP_NAME.match(name):
        return None
    return next((dump for dump in published_dumps() if dump.name == name), None)


def publish_dump():
    """Write a new dump into the data directory and describe it; returns its PublishedDump."""
    folder = dump_dir()
    folder.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    name = f"opmars-open-data-{now:%Y%m%d-%H%M%S}.zip"
    partial = folder / (name + ".partial")
    with partial.open("wb") as out:
        count = write_dump(out)
    digest = hashlib.sha256(partial.read_bytes()).hexdigest()
    os.replace(partial, folder / name)  # readers never see half a zip
    dump = PublishedDump(
        name=name,
        created=now.isoformat(timespec="seconds"),
        size=(folder / name).stat().st_size,
        sha256=digest,
        collectives=count,
        licence=exporting.licence(),
    )
    meta = folder / name.replace(".zip", ".json")
    meta.write_text(json.dumps(dump.__dict__), encoding="utf-8")
    _remove_old_dumps()
    # Cached pages that name the latest dump (/open-data/, the catalogue) must show this one;
    # queued as a write about no collective, so figures kept on write stay current.
    changes.record_write(None)
    return dump


def _remove_old_dumps():
    for dump in published_dumps()[KEEP_DUMPS:]:
        dump.path.unlink(missing_ok=True)
        dump.path.with_suffix(".json").unlink(missing_ok=True)


@task()
def make_dump():
    """The background task that publishes a dump (immediately in the demo, else by the worker)."""
    return publish_dump().name


def request_dump(actor):
    """Staff ask for a new dump from /open-data/: queued for the worker, recorded in the log."""
    from opmars.accounts.audit import AuditAction, record

    if not (actor.is_authenticated and actor.is_staff):
        raise PermissionDenied(
            _("Alleen medewerkers van Opmars kunnen een nieuwe dump laten maken.")
        )
    record(actor, AuditAction.OPEN_DATA_DUMP, actor, {"open_data": "nieuwe dump"})
    make_dump.enqueue()
