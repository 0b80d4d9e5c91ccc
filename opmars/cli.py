"""The `opmars` command: setup, demo, serve, import, export, report, backup, restore, worker,
token, harvest, finance-routes, summaries, duplicates, manage (see docs/cli.md)."""

import argparse
import os
import signal
import sys

from opmars.accounts.cli import add_token_arguments
from opmars.finance.cli import add_finance_arguments
from opmars.impact.cli import add_proxies_arguments
from opmars.monitor.cli import add_report_arguments

DEMO_PASSWORD = "opmars-demo"
DEMO_STAFF_EMAIL = "beheer@opmars.demo"
DEMO_EDITOR_EMAIL = "redacteur@opmars.demo"
DEMO_NETWORK_ADMIN_EMAIL = "netwerk@opmars.demo"
DEMO_VIEWER_EMAIL = "gemeente@opmars.demo"


def _site_url_from(args):
    """Without OPMARS_SITE_URL, the links Opmars writes (exports, e-mails, JSON-LD) point to
    where this server listens, not to the default port (issue 14)."""
    host = "127.0.0.1" if args.host in ("0.0.0.0", "::", "") else args.host
    os.environ.setdefault("OPMARS_SITE_URL", f"http://{host}:{args.port}")


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opmars.settings")
    import django

    django.setup()


def setup_database(verbosity=1):
    """Migrate, load the reference data and collect static files; safe to run again."""
    from django.core.management import call_command

    from opmars.geo.reference import load_reference_data

    call_command("migrate", interactive=False, verbosity=0)
    load_reference_data()
    call_command("collectstatic", interactive=False, verbosity=0)
    refresh_statistics()
    if verbosity:
        print("Database klaar: referentiegegevens geladen.")


def refresh_statistics():
    """Planner statistics: without them SQLite may start a search join from the wrong index
    (seconds instead of milliseconds at 100,000 collectives). On PostgreSQL a VACUUM too: the
    demo's bulk writes leave as many dead rows as live ones and no page marked all-visible, so
    until autovacuum comes by (if it is on) every count reads the whole table instead of an
    index (the directory's first page 70 → 20 ms at 100,000)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def cmd_setup(args):
    _django()
    setup_database()


def cmd_demo(args):
    os.environ["OPMARS_DEMO"] = "1"
    _site_url_from(args)
    _django()
    from django.core.management import call_command

    from opmars.impact.demo import create_draft_report
    from opmars.registry.demo import (
        create_demo_accounts,
        create_role_demo_accounts,
        generate_demo,
    )
    from opmars.registry.models import Collective

    if args.reset:
        call_command("flush", interactive=False, verbosity=0)
    setup_database()
    if Collective.objects.exists():
        print(f"De database heeft al {Collective.objects.count()} collectieven; geen nieuwe demo.")
    else:
        generate_demo(args.count, seed=args.seed, progress=print)
        extend_demo(args.seed)
        refresh_statistics()
        from opmars.dataio.duplicates import rescan

        rescan(progress=print)
        publish_open_data()
    editor_collective = create_demo_accounts(DEMO_STAFF_EMAIL, DEMO_EDITOR_EMAIL, DEMO_PASSWORD)
    print("\nDit is een demo met fictieve collectieven. Inloggen kan met:")
    print(f"  medewerker: {DEMO_STAFF_EMAIL} / {DEMO_PASSWORD}")
    print(f"  redacteur:  {DEMO_EDITOR_EMAIL} / {DEMO_PASSWORD} (van '{editor_collective}')")
    if editor_collective:
        network, municipality = create_role_demo_accounts(
            DEMO_NETWORK_ADMIN_EMAIL, DEMO_VIEWER_EMAIL, DEMO_PASSWORD, editor_collective
        )
        create_draft_report(editor_collective, args.seed)
        print(f"  netwerkbeheerder: {DEMO_NETWORK_ADMIN_EMAIL} / {DEMO_PASSWORD} (van '{network}')")
        print(
            f"  gemeente:   {DEMO_VIEWER_EMAIL} / {DEMO_PASSWORD} (gemeente {municipality}; ziet "
            f"ook het concept-impactrapport van '{editor_collective}')"
        )
    print_journey_logins()
    keep_summaries()
    if not args.no_serve:
        serve(args.host, args.port, args.workers, args.threads)


def keep_summaries():
    """The area figures kept on write, built from scratch when a write went past their queue
    (demo and reference data, migrate, an admin edit) or a new year began (decision 0055)."""
    from opmars.monitor import summaries

    if summaries.rebuild_if_stale():
        print("Gebiedscijfers opnieuw opgebouwd.")


def extend_demo(seed):
    """Apps add their own fictitious records (impact reports, knowledge…) to the demo
    collectives through an optional `generate_demo(seed, progress)` on their AppConfig."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if hasattr(config, "generate_demo"):
            config.generate_demo(seed=seed, progress=print)


def publish_open_data():
    """After every app's demo records, so /open-data/ offers a dump of all of them from the
    start. In the demo the background task runs at once."""
    from opmars.dataio.opendata import make_dump

    make_dump.enqueue()
    print("Open-datadump gemaakt (op /open-data/).")


def print_journey_logins():
    """The people of JOURNEYS.md whose start state the apps' demo hooks made: an app names
    them through an optional `demo_logins()` on its AppConfig, as (role, email, who)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    logins = [
        login
        for config in apps.get_app_configs()
        if hasattr(config, "demo_logins")
        for login in config.demo_logins()
    ]
    emails = [email for _role, email, _who in logins]
    existing = set(
        get_user_model().objects.filter(email__in=emails).values_list("email", flat=True)
    )
    for role, email, who in logins:
        if email in existing:
            print(f"  {role}: {email} / {DEMO_PASSWORD} ({who})")


def serve(host, port, workers, threads):
    from granian import Granian
    from granian.constants import Interfaces

    print(f"\nOpmars draait op http://{host}:{port}/  (stoppen: Ctrl+C)", flush=True)
    Granian(
        "opmars.wsgi:application",
        address=host,
        port=port,
        interface=Interfaces.WSGI,
        workers=workers,
        blocking_threads=threads,
    ).serve()


def cmd_serve(args):
    _site_url_from(args)
    _django()
    from django.conf import settings
    from django.core.management import call_command

    if not (settings.SECRET_KEY_OF_ITS_OWN or settings.DEMO_MODE):
        sys.exit(
            "Opmars start niet zonder eigen geheime sleutel: zet OPMARS_SECRET_KEY op een lange "
            "willekeurige waarde, dezelfde op elke server (zie docs/configuration.md). "
            "Alleen een demo (OPMARS_DEMO=1) draait op de sleutel van zijn datamap."
        )
    call_command("collectstatic", interactive=False, verbosity=0)
    keep_summaries()
    serve(args.host, args.port, args.workers, args.threads)


def cmd_backup(args):
    _django()
    from opmars.security.backup import backup

    manifest = backup(args.output)
    rows = sum(item["count"] for item in manifest["files"])
    print(f"Backup geschreven naar {args.output}: {rows} rijen.")


def cmd_restore(args):
    _django()
    from django.core.management import call_command

    from opmars.security.backup import BackupError, restore

    if not os.path.isfile(args.file):
        sys.exit(f"Het bestand {args.file} bestaat niet.")
    call_command("migrate", interactive=False, verbosity=0)
    try:
        counts = restore(args.file, force=args.force)
    except BackupError as error:
        sys.exit(str(error))
    print(f"Hersteld uit {args.file}: {sum(counts.values())} rijen in {len(counts)} tabellen.")


def cmd_manage(args):
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["opmars manage", *args.args])


def _progress_bar(total=None, label="rijen"):
    """A progress line on stderr: a bar when the total is known, else a counter. An import
    calls it again with `writing` (how many rows it writes) once it writes what it checked."""

    def show(done, writing=None):
        whole, what = (writing, "rijen opgeslagen") if writing else (total, label)
        if whole:
            filled = int(30 * min(done / whole, 1))
            bar = "#" * filled + "-" * (30 - filled)
            sys.stderr.write(f"\r[{bar}] {done}/{whole} {what}   ")
        else:
            sys.stderr.write(f"\r{done} {what}   ")
        sys.stderr.flush()

    return show


def cmd_worker(args):
    """Run queued background tasks (big imports) until stopped; see OPMARS_TASKS."""
    _django()
    from django.core.management import call_command

    call_command("task_worker", interval=args.interval)


def cmd_import(args):
    _django()
    from opmars.dataio.cli import run_import

    # A plain `kill` (a deploy, a time limit) ends the import as Ctrl-C does: with an exception,
    # so that on SQLite the batches it wrote are undone (decision 0040).
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sys.exit(128 + signal.SIGTERM))
    sys.exit(run_import(args, _progress_bar))


def cmd_export(args):
    _django()
    from opmars.dataio.cli import run_export

    sys.exit(run_export(args, _progress_bar))


def cmd_report(args):
    _django()
    from opmars.monitor.cli import run_report

    sys.exit(run_report(args))


def cmd_token(args):
    _django()
    from opmars.accounts.cli import run_token

    sys.exit(run_token(args))


def cmd_harvest(args):
    """Harvest every source that is due (docs/harvest.md); run it from cron."""
    _django()
    from opmars.harvest.actions import due_sources, harvest

    for source in due_sources():
        ok = harvest(source)
        print(f"{source.name}: {'gelukt' if ok else 'mislukt'}. {source.last_message}")


def cmd_summaries(args):
    """Rebuild the area figures kept on write (docs/monitor.md); for cron after the new year."""
    _django()
    from opmars.monitor import summaries

    rows = summaries.rebuild()
    print(f"Gebiedscijfers opnieuw opgebouwd: {rows} rijen.")


def cmd_duplicates(args):
    _django()
    from opmars.dataio.duplicates import rescan

    rescan(progress=print)


def cmd_proxies(args):
    _django()
    from opmars.impact.cli import run_proxies

    sys.exit(run_proxies(args))


def cmd_finance_routes(args):
    _django()
    from opmars.finance.cli import run_finance

    sys.exit(run_finance(args))


def _at_least_one(text):
    """A count of server processes or threads: a whole number, 1 or more."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen heel getal") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"kies 1 of meer, niet {number}")
    return number


def _add_server_options(parser):
    parser.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren")
    parser.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    parser.add_argument(
        "--workers", type=_at_least_one, default=os.cpu_count() or 1, help="aantal serverprocessen"
    )
    # Two: more threads per process let more answers be computed at once, which then share its
    # one interpreter lock and all finish later (docs/performance.md, "Under record writes").
    parser.add_argument(
        "--threads",
        type=_at_least_one,
        default=2,
        help="aantal verzoeken tegelijk per serverproces",
    )


def build_parser():
    parser = argparse.ArgumentParser(
        prog="opmars", description="Opmars: platform voor burgercollectieven"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("setup", help="database aanmaken en referentiegegevens laden (geen demo)")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("demo", help="setup, fictieve demo-collectieven maken en starten")
    p.add_argument("--count", type=int, default=3000, help="aantal fictieve collectieven")
    p.add_argument("--seed", type=int, default=1, help="startwaarde van de generator")
    p.add_argument("--reset", action="store_true", help="eerst de database leegmaken")
    p.add_argument("--no-serve", action="store_true", help="niet starten na het aanmaken")
    _add_server_options(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="de productieserver starten (granian)")
    _add_server_options(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("import", help="collectieven of jaarcijfers importeren uit CSV of Excel")
    p.add_argument("file", help="CSV- of .xlsx-bestand")
    p.add_argument(
        "--type",
        choices=["collectives", "facts", "impact"],
        default="collectives",
        help="wat het bestand bevat (standaard collectives)",
    )
    p.add_argument("--kind", help="soort voor rijen zonder soort, zoals energiecooperatie")
    p.add_argument("--dry-run", action="store_true", help="alleen laten zien wat er zou gebeuren")
    p.add_argument("--network", help="slug van het netwerk dat importeert (bron en lidmaatschap)")
    p.add_argument("--valid-only", action="store_true", help="alleen de goede rijen importeren")
    p.add_argument("--report", help="schrijf alle fouten naar dit CSV-bestand")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="collectieven exporteren, of de open-datadump maken")
    p.add_argument(
        "--format",
        choices=["csv", "csv-open", "xlsx", "json", "geojson", "jsonld", "hsds", "dump"],
        default="csv",
        help=(
            "bestandsformaat (standaard csv: voor Excel, met puntkomma's; csv-open: komma's "
            "en decimale punten, voor programma's); dump is de volledige open-datadump (zip)"
        ),
    )
    p.add_argument("-o", "--output", required=True, help="bestand om te schrijven")
    for name in ("q", "kind", "domain", "province", "municipality", "works-in", "network"):
        p.add_argument(f"--{name}", action="append", help="filter, zoals in de API")
    p.add_argument("--status", action="append", help="filter op status, zoals in de API")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("report", help="rapport van een gemeente, provincie of netwerk")
    add_report_arguments(p)
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("backup", help="de hele database naar een backupbestand (zip) schrijven")
    p.add_argument("-o", "--output", required=True, help="het backupbestand om te schrijven")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="een backup terugzetten in een lege database")
    p.add_argument("file", help="het backupbestand (van opmars backup)")
    p.add_argument(
        "--force", action="store_true", help="ook als de database niet leeg is: eerst alles wissen"
    )
    p.set_defaults(func=cmd_restore)
    p = sub.add_parser("worker", help="achtergrondtaken uitvoeren, zoals grote imports")
    p.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconden tussen twee keer kijken naar nieuw werk",
    )
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("token", help="API-sleutels maken, tonen en intrekken (voor beheerders)")
    add_token_arguments(p)
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("proxies", help="de proxybibliotheek tonen of een nieuwe versie maken")
    add_proxies_arguments(p)
    p.set_defaults(func=cmd_proxies)

    p = sub.add_parser("harvest", help="bronnen ophalen waarvan het weer tijd is (voor cron)")
    p.set_defaults(func=cmd_harvest)

    p = sub.add_parser("finance-routes", help="financieringsroutes importeren uit een CSV-bestand")
    add_finance_arguments(p)
    p.set_defaults(func=cmd_finance_routes)

    p = sub.add_parser("summaries", help="de bijgehouden gebiedscijfers opnieuw opbouwen")
    p.set_defaults(func=cmd_summaries)

    p = sub.add_parser("duplicates", help="het hele register doorzoeken op mogelijke dubbelen")
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("manage", help="een Django-beheeropdracht uitvoeren")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    if getattr(args, "count", 1) < 0:
        sys.exit("--count moet 0 of meer zijn.")
    args.func(args)


if __name__ == "__main__":
    main()
