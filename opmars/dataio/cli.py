"""`opmars import` and `opmars export`: what they print and their exit status (see docs/cli.md).

Exit status: 0 when the file was imported (or, with --dry-run, would import without errors),
1 when it was not, 2 for wrong options.
"""

import csv
import io
import sys
from pathlib import Path

from django.utils.translation import gettext as _

from opmars.dataio import fields
from opmars.dataio.exporting import xlsx_text
from opmars.dataio.import_run import Options, import_file
from opmars.dataio.importing import ACTION_LABELS, summary
from opmars.dataio.reading import estimated_rows
from opmars.registry.vocab import Kind

MAX_ERRORS_PRINTED = 50


def _network(slug):
    from opmars.networks.models import Network

    network = Network.objects.filter(slug=slug).first()
    if network is None:
        sys.exit(_("Er is geen netwerk met slug '%(slug)s'.") % {"slug": slug})
    return network


def _default_kind(text):
    """--kind as a kind code (a code or Dutch label); exits with status 2 when unknown."""
    if not text:
        return ""
    code = fields.choice_code("kind", text)
    if code is None:
        allowed = ", ".join(Kind.values)
        print(
            _("--kind: onbekende soort '%(kind)s'. Kies uit: %(allowed)s.")
            % {"kind": text, "allowed": allowed},
            file=sys.stderr,
        )
        sys.exit(2)
    return code


def run_import(args, progress_bar):
    path = Path(args.file)
    if not path.is_file():
        print(_("Bestand %(file)s bestaat niet.") % {"file": path}, file=sys.stderr)
        return 2
    options = Options(
        kind=args.type,
        dry_run=args.dry_run,
        valid_only=args.valid_only,
        network=_network(args.network) if args.network else None,
        file_name=path.name,
        default_kind=_default_kind(getattr(args, "kind", None)),
    )
    # No user: the command runs as the server's operator, with every right (decision 0038).
    report = import_file(path, None, options, progress=progress_bar(estimated_rows(path)))
    print(file=sys.stderr)
    if report.problem:
        print(report.problem, file=sys.stderr)
        return 1
    print_report(report, options.kind)
    if args.report:
        write_error_report(report, args.report)
    if report.imported:
        print(_("Geïmporteerd: %(summary)s.") % {"summary": summary(report.counts)})
        return 0
    if args.dry_run and not report.error_rows:
        print(_("Proefimport: niets opgeslagen. Zonder --dry-run wordt dit geïmporteerd."))
        return 0
    if args.dry_run:
        print(_("Proefimport: niets opgeslagen."))
    else:
        print(
            _(
                "Niet geïmporteerd: het bestand heeft fouten. Verbeter ze, of importeer alleen "
                "de goede rijen met --valid-only."
            )
        )
    return 1


def print_report(report, kind):
    from opmars.dataio.forms import field_labels

    print(_("Kolommen:"))
    labels = field_labels(kind, report.mapping.values())
    for column, label in zip(report.mapping, labels, strict=True):
        print(f"  {column} → {label}")
    for column in report.unmapped:
        print("  " + _("%(column)s → (niet gebruikt)") % {"column": column})
    for field, value in report.defaults.items():
        print(
            "  "
            + _("%(field)s ontbreekt: %(value)s voor elke rij") % {"field": field, "value": value}
        )
    counts = ", ".join(f"{ACTION_LABELS[k]}: {v}" for k, v in report.counts.items())
    print(_("Rijen: %(total)s (%(counts)s)") % {"total": report.total, "counts": counts})
    if report.suggested_kind:
        print(
            _(
                "Voorstel: de namen wijzen op de soort %(kind)s. Geef die aan alle rijen zonder "
                "soort met --kind %(kind)s."
            )
            % {"kind": report.suggested_kind}
        )
    for warning in report.warnings:
        print(_("Let op: %(warning)s") % {"warning": warning})
    for error in report.errors[:MAX_ERRORS_PRINTED]:
        print(_("Rij %(row)s, kolom %(column)s, waarde '%(value)s': %(message)s") % error.__dict__)
    if report.error_rows and len(report.errors) > MAX_ERRORS_PRINTED:
        print(_("… en nog %(n)s fouten.") % {"n": len(report.errors) - MAX_ERRORS_PRINTED})


def write_error_report(report, target):
    """Every error to a file: Excel when the name ends in .xlsx, else CSV (UTF-8 with BOM)."""
    with open(target, "wb") as handle:
        write_errors(report.errors, handle, "xlsx" if str(target).endswith(".xlsx") else "csv")


def _error_rows(errors, clean=None):
    """The report's rows; `clean` first takes out what the format cannot hold, before the
    formula guard looks (so nothing hides a formula behind it)."""
    from opmars.common.formulas import guard_formula

    clean = clean or (lambda text: text)
    yield [_("rij"), _("kolom"), _("waarde"), _("fout")]
    for error in errors:
        column, value = guard_formula(clean(error.column)), guard_formula(clean(error.value))
        yield [error.row, column, value, clean(error.message)]


def write_errors(errors, handle, fmt):
    """The error report (row, column, value, error) as CSV or XLSX into a binary handle."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Fouten"))
        for row in _error_rows(errors, clean=xlsx_text):
            sheet.append(row)
        workbook.save(handle)
        return
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="", write_through=True)
    csv.writer(text, delimiter=";").writerows(_error_rows(errors))
    text.detach()


def export_params(args):
    params = {}
    for name in ("kind", "domain", "province", "municipality", "works_in", "network", "status"):
        values = getattr(args, name, None)
        if values:
            params[name] = ",".join(values)
    if args.q:
        params["q"] = args.q[-1]
    return params


def run_dump(args, progress_bar):
    """The dump written to -o FILE, and a new one queued for /open-data/: the background task
    makes it (the worker, or at once in the demo), so the site offers the same data."""
    from opmars.dataio.opendata import make_dump, write_dump

    with open(args.output, "wb") as out:
        count = write_dump(out, progress=progress_bar(None, _("collectieven")))
    print(file=sys.stderr)
    print(
        _("Open-datadump met %(n)s collectieven geschreven naar %(file)s.")
        % {"n": count, "file": args.output}
    )
    make_dump.enqueue()
    print(_("Een nieuwe dump voor /open-data/ is gevraagd; hij staat daar zodra hij klaar is."))
    return 0


def run_export(args, progress_bar):
    from opmars.common.errors import QueryError
    from opmars.dataio import exporting

    if args.format == "dump":
        return run_dump(args, progress_bar)
    try:
        collectives = exporting.collectives_for(export_params(args))
    except QueryError as error:
        for problem in error.errors:
            print(f"--{problem['field'].replace('_', '-')}: {problem['message']}", file=sys.stderr)
        return 2
    total = collectives.count()
    with open(args.output, "wb") as out:
        count = exporting.export(
            collectives, args.format, out, progress_bar(total, _("collectieven"))
        )
    print(file=sys.stderr)
    print(_("%(n)s collectieven geschreven naar %(file)s.") % {"n": count, "file": args.output})
    return 0
