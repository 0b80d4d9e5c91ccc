"""What imports leave behind: each run with its counts and progress, the identifiers other
systems use for a collective, and likely duplicates waiting for review."""

import datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from opmars.registry.models import Collective


class ImportRun(models.Model):
    class Status(models.TextChoices):
        PENDING = "wacht", _("Wacht")
        RUNNING = "bezig", _("Bezig")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Niet geïmporteerd")
        CANCELLED = "afgebroken", _("Afgebroken")  # stopped without finishing, then given up

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=20, default="collectives")
    file_name = models.CharField(max_length=255)
    network = models.ForeignKey(
        "networks.Network", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dry_run = models.BooleanField(default=True)
    valid_only = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    rows_done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    warnings = models.JSONField(default=list, blank=True)  # about the file as a whole (Dutch)
    # The uploaded file while the web flow runs, and the user's choices for its columns.
    stored_file = models.CharField(max_length=500, blank=True)
    overrides = models.JSONField(default=dict, blank=True)
    default_kind = models.CharField(max_length=30, blank=True)  # for rows without a kind
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d})"


class ExactEncoder(DjangoJSONEncoder):
    """Django's encoder rounds times to milliseconds; a record put back must be exactly as it
    was (its updated_at is the version an open edit form posts)."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ImportUndo(models.Model):
    """One step back from a committed batch of an import that writes in short transactions
    (SQLite, decision 0040): a row it created (no `before`: delete it) or a row as it was
    before the import changed it (`before`: Django's python serialization, put back as is).
    Removed with the run's last transaction; left only by a run that did not finish."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="undo_steps")
    model = models.CharField(max_length=60)  # app_label.model
    object_id = models.BigIntegerField()
    before = models.JSONField(null=True, encoder=ExactEncoder)

    class Meta:
        indexes = [models.Index(fields=["run", "id"], name="import_undo_run")]

    def __str__(self):
        return f"{self.model} {self.object_id}"


class ExternalId(models.Model):
    """A collective's identifier in another list ('ea_id' 1467), so re-importing that list
    updates the same record instead of adding a second one."""

    scheme = models.CharField(max_length=60)
    value = models.CharField(max_length=100)
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="external_ids"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scheme", "value"], name="external_id_unique")
        ]

    def __str__(self):
        return f"{self.scheme}:{self.value}"


class DuplicateCandidate(models.Model):
    # Why a pair looks alike; the code is stored, the label shown.
    REASONS = {
        "naam": _("bijna dezelfde naam in dezelfde gemeente"),
        "naam_dichtbij": _("bijna dezelfde naam, vlak over de gemeentegrens"),
        "website": _("dezelfde website"),
    }

    class Status(models.TextChoices):
        OPEN = "open", _("Te beoordelen")
        MERGED = "samengevoegd", _("Samengevoegd")
        DISMISSED = "geen_dubbel", _("Geen dubbel")

    first = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="duplicate_pair_unique")
        ]

    def __str__(self):
        return f"{self.first_id} ~ {self.second_id}"

    @property
    def reason_label(self):
        if self.reason == "naam" and self.score == 100:
            return _("dezelfde naam in dezelfde gemeente")
        return self.REASONS.get(self.reason, self.reason)

    @property
    def records(self):
        return [self.first, self.second]
