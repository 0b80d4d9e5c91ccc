"""Harvest sources (another Opmars's open-data dump, or a collectives CSV at a URL), which
record each source brought in, and which source said what about which field, when."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.registry.models import Collective


class HarvestSource(models.Model):
    class Kind(models.TextChoices):
        OPMARS = "opmars", _("Open-datadump van een andere Opmars (zip)")
        CSV = "csv", _("CSV met collectieven (kolommen van de Opmars-export)")
        API = "api", _("API van een andere Opmars (/api/v1/collectives)")
        HSDS = "hsds", _("HSDS van Open Referral (zip met tabellen, of JSON)")

    class Status(models.TextChoices):
        NEVER = "", _("nog niet opgehaald")
        OK = "ok", _("gelukt")
        FAILED = "failed", _("mislukt")

    name = models.CharField(_("naam"), max_length=100, unique=True)
    url = models.URLField(_("adres (URL)"), max_length=500)
    kind = models.CharField(_("soort bron"), max_length=10, choices=Kind.choices)
    interval_hours = models.PositiveIntegerField(
        _("om de hoeveel uur ophalen"),
        default=24,
        help_text=_("0: alleen ophalen als je op 'Nu ophalen' drukt."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=10, choices=Status.choices, blank=True, default="")
    last_message = models.TextField(blank=True, default="")
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """What harvested records say they came from."""
        return f"uit bron {self.name}"[:200]

    def is_due(self, now=None):
        if not self.is_active or not self.interval_hours:
            return False
        if self.last_run_at is None:
            return True
        now = now or timezone.now()
        return self.last_run_at + timedelta(hours=self.interval_hours) <= now


class HarvestedRecord(models.Model):
    """A record of a source, by its identifier there, and the collective it became here."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="records")
    remote_id = models.CharField(max_length=200)
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    last_seen_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "remote_id"], name="harvested_record_unique")
        ]

    def __str__(self):
        return f"{self.source_id}:{self.remote_id}"


class FieldProvenance(models.Model):
    """What one source last said about one field of one collective: the value as text, when it
    first said it (seen_at) and when it last said it (checked_at)."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    field = models.CharField(max_length=60)
    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="+")
    value = models.TextField(blank=True, default="")
    seen_at = models.DateTimeField()
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["field"]
        constraints = [
            models.UniqueConstraint(
                fields=["collective", "field", "source"], name="field_provenance_unique"
            )
        ]

    def __str__(self):
        return f"{self.field} ({self.source_id})"
