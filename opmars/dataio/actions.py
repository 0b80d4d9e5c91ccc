"""Writes of the import flow and the duplicates queue: start an import, merge two collectives,
or mark a pair as no duplicate. Each checks the policy, writes in one transaction and records
an audit event (an import records its own when it has run: importing.Importer.audit)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.audit import AuditAction, record
from opmars.common.errors import ActionError
from opmars.dataio import tasks
from opmars.dataio.models import DuplicateCandidate, ExternalId, ImportRun
from opmars.registry import actions as registry
from opmars.registry.models import CollectiveDomain, YearlyFacts

# Fields the kept record takes from the other one when its own is empty.
FILLABLE = ["kvk_number", "postcode", "founded_year", "status_year", "description", "website",
            "contact_email", "lat", "lon", "last_verified"]  # fmt: skip


def start_import(actor, run, valid_only):
    """Queue the real run of a checked upload, once: a run already queued, running or ended is
    left as it is (a second click does not import twice). True when it was queued."""
    if not policy.can_run_import(actor, run):
        raise ActionError.on(
            "network",
            "geen_importrecht",
            _(
                "Deze import mag je niet starten: alleen wie het bestand heeft geladen, namens "
                "een netwerk dat die persoon beheert, of een medewerker van Opmars."
            ),
        )
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
    editors and identifiers move over, empty fields are filled; the other is then removed. The
    audit event keeps the removed record's snapshot, so nothing is lost from the history."""
    _check(actor, candidate)
    other = candidate.second if keep.pk == candidate.first_id else candidate.first
    removed = registry.jsonable(registry.snapshot(other))
    kvk = other.kvk_number
    if not keep.kvk_number and kvk:
        other.kvk_number = None  # unique: free it before the kept record takes it
        other.save(update_fields=["kvk_number"])
    for name in FILLABLE:
        if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
            setattr(keep, name, kvk if name == "kvk_number" else getattr(other, name))
    keep.save()
    _move_facts(other, keep)
    for domain in other.domains.exclude(domain__in=keep.domains.values("domain")):
        CollectiveDomain.objects.create(collective=keep, domain=domain.domain)
    keep.works_in.add(*other.works_in.all())
    keep.editors.add(*other.editors.all())
    for network in other.networks.all():
        network.members.add(keep)
    ExternalId.objects.filter(collective=other).update(collective=keep)
    record(actor, AuditAction.COLLECTIVE_MERGE, keep, {"merged": removed})
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
