"""`opmars proxies list|new-version`: the proxy library on an installation (see docs/cli.md).

A new value (a new CO2 price, a new minimum wage) or a new proxy is a new library version,
made from a CSV or Excel file with the columns of the shipped library
(opmars/data/financial_proxies.csv): `key` and the columns to change; an empty cell keeps
the current value. Published reports keep the version they were made with.

add_proxies_arguments() imports nothing from Django, so building the parser stays cheap.
Exit status: 0 done, 1 refused (every reason on stderr, in Dutch), 2 wrong options.
"""

import sys

KEY = "key"


def add_proxies_arguments(parser):
    sub = parser.add_subparsers(dest="proxies_command", required=True)
    listing = sub.add_parser("list", help="de proxy's van een versie tonen (standaard de nieuwste)")
    listing.add_argument("--version", type=int, help="versienummer")
    new = sub.add_parser("new-version", help="een nieuwe versie maken uit een CSV- of Excelbestand")
    new.add_argument("file", help="kolom key plus de kolommen die veranderen")
    new.add_argument("--note", required=True, help="waarom, en de bron (komt in het logboek)")
    new.add_argument("--dry-run", action="store_true", help="alleen tonen wat verandert")


def run_proxies(args):
    return {"list": _list, "new-version": _new_version}[args.proxies_command](args)


def _list(args):
    from opmars.impact.actions import latest_library
    from opmars.impact.models import ProxyLibrary

    library = ProxyLibrary.objects.filter(version=args.version).first() if args.version else None
    if args.version and library is None:
        return _refuse([f"Er is geen versie {args.version}. Zie opmars proxies list."])
    library = library or latest_library()
    print(f"Proxybibliotheek versie {library.version}, {library.released}: {library.note}")
    print("key\twaarde\tlaag\thoog\teenheid\tprijsjaar\tstatus\tgecontroleerd")
    for p in library.proxies.all():
        cells = [p.key, p.value, p.low, p.high, p.unit, p.price_year, p.status, p.verified]
        print("\t".join("-" if cell is None else str(cell) for cell in cells))
    return 0


def _new_version(args):
    from django.db import transaction

    from opmars.common.errors import ActionError
    from opmars.dataio.reading import FileProblem
    from opmars.impact import actions

    try:
        changes, rows = _changes_in(args.file)
    except (FileProblem, OSError) as problem:
        return _refuse([f"{args.file}: {problem}"])
    except ValueError as problem:
        return _refuse([str(problem)])
    try:
        with transaction.atomic():
            library = actions.new_library_version_as_operator(changes, args.note)
            _print_changes(library, changes)
            # A dry run makes and checks the version as the real one, then throws it away.
            transaction.set_rollback(args.dry_run)
    except ActionError as refusal:
        return _refuse([_row_message(error, rows) for error in refusal.errors])
    if args.dry_run:
        print("Proefrun: er is niets opgeslagen.")
        return 0
    print(f"Versie {library.version} is gemaakt. Nieuwe rapportages rekenen ermee;")
    print("gepubliceerde rapportages houden de versie waarmee ze zijn gemaakt.")
    return 0


def _changes_in(path):
    """{key: {column: text}} of the non-empty cells, and the file's row number per key."""
    from opmars.dataio.reading import cell_text, read_rows

    header, rows = read_rows(path)
    columns = [cell_text(cell).strip().lower() for cell in header]
    if KEY not in columns:
        raise ValueError(f"{path}: de kolom '{KEY}' ontbreekt; zie opmars proxies list.")
    changes, row_of = {}, {}
    for number, cells in rows:
        values = dict(zip(columns, (cell_text(cell).strip() for cell in cells), strict=False))
        key = values.pop(KEY, "")
        if not key:
            raise ValueError(f"Rij {number}: de key is leeg.")
        if key in changes:
            raise ValueError(f"Rij {number}: {key} staat al op rij {row_of[key]}.")
        changes[key] = {column: text for column, text in values.items() if text}
        row_of[key] = number
    return changes, row_of


def _row_message(error, rows):
    key = error["field"].split(".", 1)[0]
    where = f"Rij {rows[key]} ({key})" if key in rows else key
    return f"{where}: {error['message']}"


def _print_changes(library, changes):
    new = {p.key: p for p in library.proxies.filter(key__in=changes)}
    for key, fields in changes.items():
        shown = ", ".join(f"{name} = {getattr(new[key], name)}" for name in fields)
        print(f"{key}: {shown}")


def _refuse(messages):
    for message in messages:
        print(message, file=sys.stderr)
    return 1
