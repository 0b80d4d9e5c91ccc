"""`opmars finance-routes import FILE [--dry-run]`: financing routes from a CSV, the same columns
and checks as the import page (see docs/cli.md and docs/finance-routes.md), all or nothing.

add_finance_arguments() imports nothing from Django, so building the parser stays cheap.
Exit status: 0 done, 1 refused (every reason on stderr, in Dutch), 2 wrong options.
"""

import sys


def add_finance_arguments(parser):
    sub = parser.add_subparsers(dest="finance_command", required=True)
    imp = sub.add_parser("import", help="routes importeren uit een CSV-bestand (alles of niets)")
    imp.add_argument("file", help="CSV met de kolommen van docs/finance-routes.md")
    imp.add_argument("--dry-run", action="store_true", help="alleen tonen wat er zou veranderen")


def run_finance(args):
    from opmars.finance import actions

    try:
        with open(args.file, "rb") as handle:
            data = handle.read()
    except OSError as problem:
        print(f"{args.file}: {problem.strerror or problem}", file=sys.stderr)
        return 1
    # The operator at the command line: no signed-in actor, audited as the system.
    plan = actions.import_routes(None, data, apply=not args.dry_run, check=False)
    if plan.errors:
        print(f"Niets opgeslagen: {len(plan.errors)} fout(en).", file=sys.stderr)
        for error in plan.errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    for row in plan.rows:
        where = f"{row['provider']}, {row['area']}"
        print(f"rij {row['number']}: {row['name']} ({where}): {row['change']}")
    counts = plan.counts()
    summary = (
        f"{counts['nieuw']} nieuw, {counts['gewijzigd']} gewijzigd, "
        f"{counts['ongewijzigd']} ongewijzigd"
    )
    if args.dry_run:
        print(f"Proefrun: {summary}. Er is niets opgeslagen.")
    else:
        print(f"Geïmporteerd: {summary}.")
    return 0
