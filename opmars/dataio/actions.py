"""Writes of the import flow and the duplicates queue: upload a file, choose its columns,
start an import, merge two collectives, or mark a pair as no duplicate. Each checks the policy
and writes in one transaction; merges and dismissals record an audit event, an import records
its own when it has run (importing.Importer.audit), and the run itself records who loaded
which file for which network."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError
from opmars.dataio import tasks
from opmars.dataio.forms import field_choices
from opmars.dataio.models import DuplicateCandidate, ExternalId, ImportRun
from opmars.dataio.reading import limits
from opmars.registry import actions as registry
from opmars.registry import history
from opmars.registry.models import CollectiveDomain, FormerSlug, YearlyFacts
from opmars.registry.vocab import EventKind, Kind

# Fields the kept record takes from the other one when its own is empty.
FILLABLE = ["kvk_number", "postcode", "founded_year", "status_year", "description", "website",
            "contact_email", "lat", "lon", "last_verified"]  # fmt: skip


NOT_YOURS = _(
    "Deze import mag je niet starten: alleen wie het bestand heeft geladen, namens een netwerk "
    "dat die persoon beheert, of een medewerker van Opmars."
)


def _require_run(actor, run):
    if not policy.can_run_import(actor, run):
        raise ActionError.on("network", "geen_importrecht", str(NOT_YOURS))


def upload_for_import(actor, upload, kind, network):
    """Keep an uploaded file as a new run and queue its check (the dry run, which writes no
    collectives). The run is the import's record of who loaded what, for which network."""
    run = ImportRun(actor=actor, kind=kind, file_name=Path(upload.name).name[:255], network=network)
    _require_run(actor, run)
    if upload.size > limits()["max_bytes"]:
        raise ActionError.on(
            "file",
            "te_groot",
            _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
            % {"mb": settings.OPMARS_IMPORT_MAX_MB},
        )
    folder = Path(settings.DATA_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}{Path(upload.name).suffix[:6]}"
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    run.stored_file = str(target)
    run.save()
    tasks.start_dry_run(run)
    return run


def choose_columns(actor, run, columns, default_kind):
    """The uploader's choice of field per column ({column: field name}, an unknown name means
    "skip") and the kind of rows without one; then the file is checked again."""
    _require_run(actor, run)
    allowed = {name for name, _label in field_choices(run.kind)}
    run.overrides = {column: name if name in allowed else "" for column, name in columns.items()}
    run.default_kind = default_kind if default_kind in Kind.values else ""
    run.save(update_fields=["overrides", "default_kind"])
    tasks.start_dry_run(run)


def start_import(actor, run, valid_only):
    """Queue the real run of a checked upload, once: a run already queued, running or ended is
    left as it is (a second click does not import twice). True when it was queued."""
    _require_run(actor, run)
    if run.status == ImportRun.Status.CANCELLED or (
        not run.dry_run and run.status != ImportRun.Status.FAILED
    ):
        return False
    tasks.start_import(run, valid_only=valid_only)
    return True


def _check(actor, candidate):
    if not policy.reviewable_duplicates(actor).filter(pk=candidate.pk).exists():
        raise PermissionDenied(
            _(
                "Dit paar mag je niet beoordelen: alleen medewerkers van Opmars, en beheerders "
                "van een netwerk voor niet-geclaimde collectieven van hun netwerk."
            )
        )


@transaction.atomic
def merge_collectives(actor, candidate, keep):
    """Merge the candidate pair into `keep`: the other's yearly facts, domains, areas, networks,
    editors and identifiers move over, empty fields are filled; the other is then removed and its
    address redirects to the kept one (FormerSlug). The audit event keeps the removed record's
    snapshot, so nothing is lost from the history."""
    _check(actor, candidate)
    other = candidate.second if keep.pk == candidate.first_id else candidate.first
    removed = registry.jsonable(registry.snapshot(other))
    life_before = history.Before.of(keep)
    kvk = other.kvk_number
    if not keep.kvk_number and kvk:
        other.kvk_number = None  # unique: free it before the kept record takes it
        other.save(update_fields=["kvk_number"])
    for name in FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, kvk if name == "kvk_number" else getattr(other, name))
    keep.save()
    history.sync(keep, life_before, history.SOURCE_MERGE, actor)
    history.note(keep, EventKind.SAMENGEVOEGD, history.SOURCE_MERGE, actor,
                 merged=other.name, slug=other.slug)  # fmt: skip
    _move_facts(other, keep)
    for domain in other.domains.exclude(domain__in=keep.domains.values("domain")):
        CollectiveDomain.objects.create(collective=keep, domain=domain.domain)
    keep.works_in.add(*other.works_in.all())
    keep.editors.add(*other.editors.all())
    for network in other.networks.all():
        network.members.add(keep)
    ExternalId.objects.filter(collective=other).update(collective=keep)
    # The removed record's address (and any it had taken over) now leads to the kept one.
    FormerSlug.objects.filter(collective=other).update(collective=keep)
    FormerSlug.objects.update_or_create(slug=other.slug, defaults={"collective": keep})
    # About both: the removed record's place and networks lose it, the kept one's gain.
    merged = {"merged": removed}
    record(actor, AuditAction.COLLECTIVE_MERGE, keep, merged, about=[keep.pk, other.pk])
    other.delete()  # takes the candidate pair with it; the audit event keeps the snapshot
    return keep


def _move_facts(other, keep):
    """A year only the other has moves; a year both have keeps ours, filled from theirs."""
    mine = {f.year: f for f in keep.facts.all()}
    for facts in other.facts.all():
        if facts.year not in mine:
            facts.collective = keep
            facts.save(update_fields=["collective"])
            continue
        target = mine[facts.year]
        for name in [*YearlyFacts.COUNT_FIELDS, *YearlyFacts.INCOME_FIELDS]:
            if getattr(target, name) is None:
                setattr(target, name, getattr(facts, name))
        target.save()


@transaction.atomic
def dismiss_duplicate(actor, candidate):
    _check(actor, candidate)
    candidate.status = DuplicateCandidate.Status.DISMISSED
    candidate.save(update_fields=["status"])
    record(
        actor,
        AuditAction.DUPLICATE_DISMISS,
        candidate,
        {"pair": [candidate.first_id, candidate.second_id]},
    )
    return candidate
