"""`opmars report`: the area report as PDF, HTML or CSV appendix (see docs/cli.md).

add_report_arguments() imports nothing from Django, so building the parser stays cheap.
"""

import sys


def add_report_arguments(parser):
    area = parser.add_mutually_exclusive_group(required=True)
    area.add_argument("--municipality", help="CBS-code van de gemeente, zoals GM0363")
    area.add_argument("--province", help="CBS-code van de provincie, zoals PV27")
    area.add_argument("--network", help="slug van het netwerk")
    area.add_argument("--collective", help="slug van het collectief (een pagina, alleen pdf)")
    parser.add_argument("--year", type=int, help="kalenderjaar (standaard het laatste volle jaar)")
    parser.add_argument(
        "--format", choices=["pdf", "html", "csv"], default="pdf", help="standaard pdf"
    )
    parser.add_argument("-o", "--output", required=True, help="bestand om te schrijven")


def _area(args):
    from opmars.monitor import metrics

    if args.municipality:
        return metrics.municipality_area(args.municipality), "gemeente", args.municipality
    if args.province:
        return metrics.province_area(args.province), "provincie", args.province
    return metrics.network_area(args.network), "netwerk", args.network


def run_collective_report(args):
    from opmars.monitor import collective_report, metrics

    collective = collective_report.find(args.collective)
    if collective is None:
        print(f"Onbekend collectief: {args.collective}. Controleer de slug.", file=sys.stderr)
        return 2
    if args.format != "pdf":
        print("Voor een collectief is alleen --format pdf beschikbaar.", file=sys.stderr)
        return 2
    year = args.year or metrics.last_complete_year()
    data = collective_report.pdf(collective_report.content(collective, year))
    with open(args.output, "wb") as handle:
        handle.write(data)
    print(f"{collective.name}, {year}: {args.output} ({len(data)} bytes)")
    return 0


def run_report(args):
    if args.collective:
        return run_collective_report(args)
    from django.template.loader import render_to_string

    from opmars.monitor import metrics, present, report

    area, what, code = _area(args)
    if area is None:
        print(f"Onbekende {what}: {code}. Controleer de code of slug.", file=sys.stderr)
        return 2
    year = args.year or metrics.last_complete_year()
    if not metrics.valid_year(year):
        print(f"Kies een jaar tussen {metrics.FIRST_YEAR} en dit jaar.", file=sys.stderr)
        return 2
    if args.format == "csv":
        data = report.appendix_csv(area, year).encode("utf-8")
    else:
        content = report.report_content(area, year)
        if args.format == "pdf":
            data = report.report_pdf(content, report.report_texts())
        else:
            html = render_to_string(
                "monitor/report.html",
                {**content, "texts": report.report_texts(), "scope": present.url_scope(area)},
            )
            data = html.encode("utf-8")
    with open(args.output, "wb") as handle:
        handle.write(data)
    print(f"Burgercollectieven in {area.name}, {year}: {args.output} ({len(data)} bytes)")
    return 0
