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


class KeptGroup(models.Model):
    """Figures kept on write (monitor/summaries.py) about the public collectives of one
    municipality, kind and demo mark. Each figure is what the metric of the same name counts
    from scratch (metrics.py), so an area's figure is a sum of rows.

    `network` 0 holds every such collective (the rows of places and kinds); a network's id holds
    again those of them that are its members now, as a network's figures count its current
    members (decision 0058). Every index starts with it or with the municipality and then it."""

    network = models.IntegerField(default=0)
    municipality = models.CharField(max_length=10)
    province = models.CharField(max_length=10)
    kind = models.CharField(max_length=40)
    is_demo = models.BooleanField()

    class Meta:
        abstract = True


class KeptRow(KeptGroup):
    """Kept figures of one group in one year."""

    year = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["network", "year", "province"]),
            models.Index(fields=["municipality", "network", "year"]),
        ]


class AreaYear(KeptRow):
    """Counts and yearly-facts sums."""

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
    paid_staff_positive = models.IntegerField(default=0)  # facts with paid staff (more than 0)
    # Income by source over the year (finance_figures.income_by_kind), in whole euros.
    income_grants_sum = models.BigIntegerField(default=0)
    income_grants_reported = models.IntegerField(default=0)
    income_contributions_sum = models.BigIntegerField(default=0)
    income_contributions_reported = models.IntegerField(default=0)
    income_donations_sum = models.BigIntegerField(default=0)
    income_donations_reported = models.IntegerField(default=0)
    income_sales_sum = models.BigIntegerField(default=0)
    income_sales_reported = models.IntegerField(default=0)
    income_loans_sum = models.BigIntegerField(default=0)
    income_loans_reported = models.IntegerField(default=0)
    income_other_sum = models.BigIntegerField(default=0)
    income_other_reported = models.IntegerField(default=0)

    class Meta:
        # The growth series sums three columns over every year: these indexes hold them, so
        # the nation, a province or a kind reads an index alone (5× faster on 100k).
        indexes = [
            models.Index(fields=["network", "year", "founded", "stopped", "in_periods"]),
            models.Index(
                fields=["network", "province", "year", "founded", "stopped", "in_periods"]
            ),
            models.Index(fields=["network", "kind", "year", "founded", "stopped", "in_periods"]),
            models.Index(fields=["municipality", "network", "year"]),
            # The register's side of the movement estimate, per year and kind (national).
            models.Index(
                fields=[
                    "network",
                    "year",
                    "kind",
                    "active_end",
                    "members_sum",
                    "members_reported",
                    "volunteers_sum",
                    "volunteers_reported",
                ],
                name="monitor_are_register_idx",
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.kind} {self.year}"


class DomainYear(KeptRow):
    """Active collectives on 31 December per domain."""

    domain = models.CharField(max_length=30)
    active_end = models.IntegerField(default=0)

    class Meta:
        # Each area reads an index alone (the nation, a province, a municipality).
        indexes = [
            models.Index(fields=["network", "year", "domain", "active_end"]),
            models.Index(fields=["network", "province", "year", "domain", "active_end"]),
            models.Index(fields=["municipality", "network", "year", "domain", "active_end"]),
        ]

    def __str__(self):
        return f"{self.municipality} {self.domain} {self.year}"


class NetworkYear(KeptRow):
    """Active collectives on 31 December that were members of a network that day (per
    membership, as metrics.networks_of counts them)."""

    network_id = models.IntegerField()
    members = models.IntegerField(default=0)

    class Meta(KeptRow.Meta):
        pass

    def __str__(self):
        return f"{self.municipality} network {self.network_id} {self.year}"


class ReportYear(KeptRow):
    """Sums of the published impact reports over the year: their grants by funder
    (finance_figures.grants_by_funder), and of those with a present value the social value
    (metrics.social_value)."""

    published = models.IntegerField(default=0)
    grant_municipality = models.FloatField(default=0)
    grant_province = models.FloatField(default=0)
    grant_national = models.FloatField(default=0)
    grant_funds = models.FloatField(default=0)
    grant_other = models.FloatField(default=0)
    reports = models.IntegerField(default=0)  # with a present value
    present_value = models.FloatField(default=0)
    inputs = models.FloatField(default=0)
    # Over the reports with both bounds only: the area's range is shown when every one has them.
    with_bounds = models.IntegerField(default=0)
    lower = models.FloatField(default=0)
    upper = models.FloatField(default=0)

    class Meta(KeptRow.Meta):
        pass

    def __str__(self):
        return f"{self.municipality} reports {self.year}"


class LegalFormYear(KeptRow):
    """Active periods over the year's end per legal form (metrics.professionalisation)."""

    legal_form = models.CharField(max_length=30)
    periods = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["network", "year", "legal_form", "periods"]),
            models.Index(fields=["network", "province", "year", "legal_form", "periods"]),
            models.Index(fields=["municipality", "network", "year", "legal_form", "periods"]),
        ]

    def __str__(self):
        return f"{self.municipality} {self.legal_form} {self.year}"


class MembersYear(KeptRow):
    """How many counted yearly facts of the year report each number of members: the median
    members of an area (metrics.professionalisation) cannot be added up from sums."""

    members = models.IntegerField()
    facts = models.IntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["network", "year", "members", "facts"]),
            models.Index(fields=["network", "province", "year", "members", "facts"]),
            models.Index(fields=["municipality", "network", "year", "members", "facts"]),
        ]

    def __str__(self):
        return f"{self.municipality} {self.members} members {self.year}"


class IndicatorYear(KeptRow):
    """The summed outcome quantity per indicator of those reports (metrics.sdg_contributions)."""

    indicator = models.CharField(max_length=40)
    quantity = models.FloatField(default=0)

    class Meta(KeptRow.Meta):
        pass

    def __str__(self):
        return f"{self.municipality} {self.indicator} {self.year}"


class SummarisedCollective(models.Model):
    """Where a collective was counted (municipality, kind, demo mark), so a write that moves it
    also corrects its old place."""

    collective_id = models.IntegerField(primary_key=True)
    municipality = models.CharField(max_length=10)
    kind = models.CharField(max_length=40, default="")
    is_demo = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["municipality", "kind", "is_demo"])]

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


class CohortCount(KeptGroup):
    """How many collectives of the group were founded in a year (None: not known) and first
    stopped in a year (None: never): the survival cohorts (survival.first_stops)."""

    founded_year = models.PositiveSmallIntegerField(null=True)
    first_stop = models.PositiveSmallIntegerField(null=True)
    collectives = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["network", "founded_year", "first_stop", "collectives"]),
            models.Index(
                fields=["network", "province", "founded_year", "first_stop", "collectives"]
            ),
            models.Index(
                fields=["municipality", "network", "founded_year", "first_stop", "collectives"]
            ),
        ]

    def __str__(self):
        return f"{self.municipality} {self.founded_year}-{self.first_stop}: {self.collectives}"
