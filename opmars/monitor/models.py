"""Published yearly figure sets: a dated snapshot that does not change when the live data does."""

from django.db import models
from django.urls import reverse


class FigureSnapshot(models.Model):
    slug = models.SlugField(max_length=120, unique=True)  # gemeenten-gm0363-2024-2026-11-26
    scope = models.CharField(max_length=20)  # the URL scope: nederland, provincies, ...
    code = models.CharField(max_length=100)
    name = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField()
    published_on = models.DateField()
    # The statistics API's answer at publication, so the snapshot reads like the live API.
    figures = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-published_on", "scope", "code"]

    def __str__(self):
        return f"{self.name} {self.year} ({self.published_on})"

    def get_absolute_url(self):
        return reverse("monitor_snapshot", args=[self.slug])


class AreaYear(models.Model):
    """Figures kept on write (monitor/summaries.py): the public collectives of one municipality,
    kind and demo mark in one year. Each column is what the metric of the same name counts
    from scratch (metrics.py), so an area's figure is a sum of rows."""

    municipality = models.CharField(max_length=10)
    province = models.CharField(max_length=10)
    kind = models.CharField(max_length=40)
    is_demo = models.BooleanField()
    year = models.PositiveSmallIntegerField()
    active_end = models.IntegerField(default=0)  # active on 31 December (history.active_at_end_of)
    in_periods = models.IntegerField(default=0)  # active periods covering the year's end (growth)
    active_during = models.IntegerField(default=0)  # active during part of the year
    founded = models.IntegerField(default=0)
    stopped = models.IntegerField(default=0)
    reporting = models.IntegerField(default=0)  # counted yearly facts over the year
    members_sum = models.BigIntegerField(default=0)
    members_reported = models.IntegerField(default=0)
    volunteers_sum = models.BigIntegerField(default=0)
    volunteers_reported = models.IntegerField(default=0)
    paid_staff_sum = models.BigIntegerField(default=0)
    paid_staff_reported = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["year", "province"]),
            models.Index(fields=["year", "municipality"]),
            models.Index(fields=["year", "kind"]),
            models.Index(fields=["municipality"]),
        ]

    def __str__(self):
        return f"{self.municipality} {self.kind} {self.year}"


class DomainYear(models.Model):
    """Active collectives on 31 December per municipality, domain and demo mark (kept on write)."""

    municipality = models.CharField(max_length=10)
    province = models.CharField(max_length=10)
    kind = models.CharField(max_length=40)
    domain = models.CharField(max_length=30)
    is_demo = models.BooleanField()
    year = models.PositiveSmallIntegerField()
    active_end = models.IntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["year", "province"]), models.Index(fields=["municipality"])]

    def __str__(self):
        return f"{self.municipality} {self.domain} {self.year}"


class SummarisedCollective(models.Model):
    """Where a collective was counted, so a write that moves it also corrects its old place."""

    collective_id = models.IntegerField(primary_key=True)
    municipality = models.CharField(max_length=10)

    def __str__(self):
        return f"{self.collective_id} in {self.municipality}"


class SummaryState(models.Model):
    """One row: the data generation the kept figures are right for, and the calendar year they
    were built in (the current year's figures mean 'today')."""

    token = models.CharField(max_length=32, blank=True, default="")
    year = models.PositiveSmallIntegerField(default=0)
    built_at = models.DateTimeField(null=True)

    def __str__(self):
        return f"{self.token} ({self.year})"
