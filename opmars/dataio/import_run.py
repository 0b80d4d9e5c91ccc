"""An import run: read the file, check every row, and (unless a dry run) write, all or nothing.

The importers (importing.py for collectives and yearly facts, impact_import.py for impact
outcomes) check the rows and stage their writes; this module picks the importer for the file's
kind and writes what they staged: on PostgreSQL in one transaction; on SQLite, whose one write
lock would keep every login and edit waiting, in one short transaction per batch, each leaving
the steps that undo it (dataio/undo.py) until the last one commits. Decision 0040.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.translation import gettext as _

from opmars.dataio.impact_import import ImpactImporter
from opmars.dataio.importing import (
    SYNONYMS,
    CollectiveImporter,
    FactsImporter,
    ImportReport,
    create_defaults,
)
from opmars.dataio.reading import FileProblem, map_headers, read_rows
from opmars.dataio.undo import Journal, undo_abandoned, undo_run, writing


class ImportAborted(Exception):
    """Raised inside the transaction to undo a real run that found errors."""


@dataclass
class Options:
    kind: str = "collectives"
    dry_run: bool = True
    valid_only: bool = False
    network: object = None  # a networks.Network or None
    overrides: dict | None = None  # column -> field, from the web flow
    default_kind: str = ""  # the kind of rows without one (a Kind code); else overig
    file_name: str = ""
    run: object = None  # the web flow's ImportRun, completed by the real run


def import_file(path, actor, options, progress=None):
    """Read, validate and (unless a dry run) write; returns an ImportReport. Never half-saves."""
    report = ImportReport()
    try:
        header, rows = read_rows(path)
        mapping = map_headers(header, SYNONYMS[options.kind], options.overrides)
        _describe_mapping(report, mapping, options)
        if "name" not in mapping.mapped_fields and options.kind == "collectives":
            raise FileProblem(_("Er is geen kolom met de naam van het collectief (naam of name)."))
        importer = _importer_class(options.kind)(actor, options, mapping, report)
        with _page_cache(), importer.spool:
            importer.plan(rows, progress)
            # Complete once every row is read; before the abort, so a dry run shows them too.
            report.warnings = [str(w) for w in rows.warnings]
            if options.dry_run or (report.error_rows and not options.valid_only):
                raise ImportAborted
            _write(importer, progress)
            report.imported = True
        importer.after_commit()
    except ImportAborted:
        pass
    except FileProblem as problem:
        report.problem = str(problem)
    return report


def short_transactions():
    """SQLite has one write lock for the whole database; PostgreSQL locks only the rows."""
    return connection.vendor == "sqlite"


def _write(importer, progress):
    """The staged writes, all or nothing: one transaction, or on SQLite short ones that the
    journal can walk back (decision 0040)."""
    short = short_transactions()
    if short:
        undo_abandoned()  # an earlier run killed between its batches: before anything else
    run = importer.start_run()
    journal = Journal(run, keeping=short)
    if not short:
        with transaction.atomic():
            importer.write_all(journal, progress)
            importer.finish()
        return
    with writing(run):
        try:
            importer.write_all(journal, progress, each=transaction.atomic)
            with transaction.atomic():
                importer.finish()
                run.undo_steps.all().delete()
        except BaseException:
            undo_run(run)
            raise


def _importer_class(kind):
    if kind == "impact":
        return ImpactImporter
    return CollectiveImporter if kind == "collectives" else FactsImporter


@contextmanager
def _page_cache(kib=32_768):
    """SQLite's page cache (2 MB by default) raised for the import: at 100,000 collectives the
    indexes it inserts into no longer fit, and every insert then reads pages again."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _describe_mapping(report, mapping, options):
    report.header = mapping.columns
    report.mapping = {mapping.columns[i]: f for i, f in mapping.fields.items()}
    report.unmapped = mapping.unmapped_columns()
    if options.kind == "collectives":
        report.defaults = {
            f: str(v) for f, v in create_defaults(options).items() if f not in mapping.mapped_fields
        }
