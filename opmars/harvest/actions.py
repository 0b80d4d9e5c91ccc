"""Harvesting one source: fetch and check the whole file first, then apply every row in one
transaction. New records come in "uit bron X"; matched ones are updated field by field, unless
their own editors keep them; an unsure match becomes a new record and a pair in the duplicates
queue; records gone from the source stay and are counted. Any problem: nothing is applied, the
message says why and the source keeps its previous state (docs/harvest.md)."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts.audit import AuditAction, record
from opmars.common.slugs import unique_slug
from opmars.dataio import reconcile
from opmars.dataio.models import DuplicateCandidate
from opmars.dataio.reconcile_views import current_index
from opmars.harvest import feeds, fetching
from opmars.harvest.fetching import HARVEST_FIELDS, HarvestError
from opmars.harvest.models import FieldProvenance, HarvestedRecord, HarvestSource
from opmars.registry import history
from opmars.registry.actions import (
    RESERVED_SLUGS,
    collective_form_initial,
    jsonable,
    snapshot,
    write_validated,
)
from opmars.registry.forms import CollectiveForm
from opmars.registry.models import Collective

log = logging.getLogger(__name__)

# Below a confident match, a best candidate scoring this much is a possible duplicate.
UNSURE_SCORE = 70
ERRORS_SHOWN = 20
COUNT_LABELS = [
    ("rijen", "rijen in de bron"),
    ("nieuw", "nieuw"),
    ("bijgewerkt", "bijgewerkt"),
    ("ongewijzigd", "ongewijzigd"),
    ("redactie", "niet overschreven omdat de redactie het bijhoudt"),
    ("dubbel", "mogelijke dubbelen naar de lijst met dubbelen"),
    ("weg", "niet meer in de bron (blijven staan)"),
]


def text_of(value):
    """A field's value as comparable text: codes for municipalities, sorted lists, ja/nee."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if hasattr(value, "code"):
        return value.code
    if isinstance(value, (list, tuple, set)):
        return ", ".join(sorted(text_of(v) for v in value))
    return str(value).strip()


def _form_errors(form, number, name):
    return [
        f"rij {number} ({name or 'zonder naam'}), {field if field != '__all__' else 'rij'}: "
        + " ".join(str(m) for m in messages)
        for field, messages in form.errors.items()
    ]


class Run:
    """One harvest of one source, inside the transaction."""

    def __init__(self, source, now):
        self.source, self.now = source, now
        self.counts = {key: 0 for key, _label in COUNT_LABELS}
        self.errors = []
        self.mapped = {r.remote_id: r for r in HarvestedRecord.objects.filter(source=source)}
        self.claimed = set()  # collectives a row of this run already took
        self.index = current_index()

    def row(self, number, row):
        self.counts["rijen"] += 1
        data, problems = fetching.form_data(row, number, self.source.label)
        if problems:
            self.errors.extend(problems)
            return
        # The fields the source has a value for (not the form's defaults for missing columns).
        present = [f for f in HARVEST_FIELDS if f in data and f in row]
        remote_id = (row.get("slug") or row.get("id") or "").strip()
        collective, candidate = self.match(remote_id, data)
        if collective is not None:
            self.update(number, row, data, present, collective)
            target = collective
        else:
            target = self.create(number, row, data)
            if target is None:
                return
            if candidate is not None:
                self.duplicate(candidate, target)
        self.claimed.add(target.pk)
        self.provenance(target, row, data, present)
        if remote_id:
            HarvestedRecord.objects.update_or_create(
                source=self.source,
                remote_id=remote_id,
                defaults={"collective": target, "last_seen_at": self.now},
            )
            self.seen.add(remote_id)

    # --- matching --------------------------------------------------------------------------

    def match(self, remote_id, data):
        """(collective to update, or None; an unsure candidate's collective id, or None)."""
        known = self.mapped.get(remote_id) if remote_id else None
        if known is not None and known.collective_id not in self.claimed:
            return known.collective, None
        query = reconcile.Query(
            text=data.get("name", ""),
            municipalities=tuple(filter(None, [data.get("municipality")])),
            postcodes=tuple(filter(None, [data.get("postcode")])),
            websites=tuple(filter(None, [data.get("website")])),
            types=tuple(filter(None, [data.get("kind")])),
            limit=3,
        )
        best = self.index.reconcile(query) if query.text.strip() else []
        if not best:
            return None, None
        top = best[0]
        if top.match and top.record.id not in self.claimed:
            collective = Collective.objects.filter(pk=top.record.id).first()
            if collective is not None:
                return collective, None
        if top.score >= UNSURE_SCORE:
            return None, top
        return None, None

    # --- writing ---------------------------------------------------------------------------

    def create(self, number, row, data):
        form = CollectiveForm(data)
        if not form.is_valid():
            self.errors.extend(_form_errors(form, number, data.get("name")))
            return None
        cleaned = form.cleaned_data
        collective = Collective(
            slug=unique_slug(Collective, cleaned["name"], RESERVED_SLUGS),
            is_demo=fetching.is_demo(row),
        )
        write_validated(collective, cleaned)
        history.record_new([collective], self.source.label)
        changes = jsonable(snapshot(collective)) | {"bron": self.source.name}
        record(None, AuditAction.COLLECTIVE_HARVEST_CREATE, collective, changes)
        self.counts["nieuw"] += 1
        return collective

    def update(self, number, row, data, present, collective):
        incoming = CollectiveForm(data, instance=collective)
        if not incoming.is_valid():
            self.errors.extend(_form_errors(incoming, number, data.get("name")))
            return
        current = snapshot(collective)
        changed = [
            f for f in present if text_of(incoming.cleaned_data.get(f)) != text_of(current.get(f))
        ]
        if not changed:
            self.counts["ongewijzigd"] += 1
            return
        if collective.editors.exists():  # its own editors keep it: the source is only noted
            self.counts["redactie"] += 1
            return
        merged = collective_form_initial(collective)
        for name in changed:
            merged[name] = data[name]
        form = CollectiveForm(merged, instance=collective)
        if not form.is_valid():
            self.errors.extend(_form_errors(form, number, data.get("name")))
            return
        before = jsonable(current)
        life_before = history.Before.of(collective)
        write_validated(collective, form.cleaned_data)
        history.sync(collective, life_before, self.source.label, None, form=form)
        after = jsonable(snapshot(collective))
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        record(
            None,
            AuditAction.COLLECTIVE_HARVEST_UPDATE,
            collective,
            changes | {"bron": self.source.name},
        )
        self.counts["bijgewerkt"] += 1

    def duplicate(self, candidate, collective):
        first, second = sorted((candidate.record.id, collective.pk))
        DuplicateCandidate.objects.get_or_create(
            first_id=first,
            second_id=second,
            defaults={"reason": "naam", "score": round(candidate.score)},
        )
        self.counts["dubbel"] += 1

    def provenance(self, collective, row, data, present):
        """What this source says about each field of the record, from now or since when."""
        said = {f: text_of(data[f]) for f in present}
        if "postcode" in row and "postcode" not in said:
            said["postcode"] = row["postcode"].strip()
        known = {
            p.field: p
            for p in FieldProvenance.objects.filter(collective=collective, source=self.source)
        }
        new, seen = [], []
        for name, value in said.items():
            item = known.get(name)
            if item is None:
                new.append(
                    FieldProvenance(
                        collective=collective,
                        field=name,
                        source=self.source,
                        value=value,
                        seen_at=self.now,
                        checked_at=self.now,
                    )
                )
                continue
            if item.value != value:
                item.value, item.seen_at = value, self.now
            item.checked_at = self.now
            seen.append(item)
        FieldProvenance.objects.bulk_create(new)
        FieldProvenance.objects.bulk_update(seen, ["value", "seen_at", "checked_at"])

    def apply(self, rows):
        self.seen = set()
        for number, row in rows:
            self.row(number, row)
        if self.errors:
            shown = self.errors[:ERRORS_SHOWN]
            more = len(self.errors) - len(shown)
            raise HarvestError(
                f"{len(self.errors)} fout(en) in de rijen van de bron; er is niets overgenomen:\n"
                + "\n".join(shown)
                + (f"\n… en nog {more}." if more > 0 else "")
            )
        self.counts["weg"] = len(set(self.mapped) - self.seen)
        return self.counts


def summary(counts):
    return "; ".join(f"{counts.get(key, 0)} {label}" for key, label in COUNT_LABELS) + "."


def harvest(source):
    """Fetch, check and apply one source; the outcome is stored on the source. Returns True
    when it succeeded."""
    now = timezone.now()
    try:
        rows = feeds.fetch_rows(source.kind, source.url)
        with transaction.atomic():
            # One harvest of a source at a time (the worker and "Nu ophalen" at once).
            HarvestSource.objects.select_for_update().filter(pk=source.pk).first()
            counts = Run(source, now).apply(rows)
    except HarvestError as error:
        return _failed(source, now, error.message)
    except Exception as error:  # a fault of ours: still nothing applied, and said so
        log.exception("harvest of source %s failed", source.pk)
        return _failed(
            source,
            now,
            f"Er ging iets mis bij het verwerken van de bron ({type(error).__name__}). Er is "
            "niets overgenomen. Probeer het later opnieuw of meld het aan de beheerder.",
        )
    source.last_run_at = now
    source.last_status = HarvestSource.Status.OK
    source.last_message = "Gelukt: " + summary(counts)
    source.counts = counts
    source.save(update_fields=["last_run_at", "last_status", "last_message", "counts"])
    return True


def _failed(source, now, message):
    source.last_run_at = now
    source.last_status = HarvestSource.Status.FAILED
    source.last_message = message
    source.save(update_fields=["last_run_at", "last_status", "last_message"])
    return False


def due_sources(now=None):
    """The active sources whose interval has passed since their last run."""
    now = now or timezone.now()
    return [s for s in HarvestSource.objects.filter(is_active=True) if s.is_due(now)]


# --- staff ---------------------------------------------------------------------------------


def _check_staff(actor):
    if not (actor and actor.is_authenticated and actor.is_staff):
        raise PermissionDenied(_("Alleen medewerkers van Opmars beheren bronnen."))


@transaction.atomic
def save_source(actor, form):
    """Create or change a source from its validated form."""
    _check_staff(actor)
    is_new = form.instance.pk is None
    source = form.save()
    changes = {f: text_of(form.cleaned_data.get(f)) for f in form.changed_data}
    changes["nieuw"] = is_new
    record(actor, AuditAction.HARVEST_SOURCE_SAVE, source, changes)
    return source


def note_harvest_request(actor, source):
    """Staff press "Nu ophalen": checked and logged here; the view queues the task."""
    _check_staff(actor)
    record(actor, AuditAction.HARVEST_SOURCE_RUN, source, {"bron": source.name})
