"""Collectives and their yearly facts."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import Municipality
from opmars.registry.vocab import (
    DatePrecision,
    Domain,
    EventKind,
    Kind,
    LegalForm,
    LocationPrecision,
    Status,
)

OUTDATED_AFTER_MONTHS = 18
# One range per yearly figure, the same on SQLite and PostgreSQL, for forms, API, import and
# restore alike (docs/decisions/0037-one-range-per-field.md). Sums of a million collectives
# over decades stay far below what a 64-bit SUM holds.
MAX_PEOPLE = 10_000_000
MAX_EUROS = 10_000_000_000


def people_field(label):
    """A yearly count of people; empty when unknown."""
    return models.PositiveIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(MAX_PEOPLE)]
    )


def euro_field(label):
    """A yearly amount in whole euros; empty when unknown."""
    return models.PositiveBigIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(MAX_EUROS)]
    )


def outdated_before(today=None):
    """The date before which a collective's facts count as possibly outdated."""
    today = today or timezone.localdate()
    months = today.year * 12 + today.month - 1 - OUTDATED_AFTER_MONTHS
    year, month = divmod(months, 12)
    return today.replace(year=year, month=month + 1, day=min(today.day, 28))


class Collective(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices, db_index=True)
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, unique=True, null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="collectives",
        verbose_name=_("gemeente"),
    )
    works_in = models.ManyToManyField(
        Municipality, blank=True, related_name="collectives_working_here"
    )
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    # The exact point is never shown unless the address is public; public_* is what may be shown.
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    address_is_public = models.BooleanField(_("adres is openbaar"), default=False)
    public_lat = models.FloatField()
    public_lon = models.FloatField()
    location_precision = models.CharField(max_length=10, choices=LocationPrecision.choices)
    founded_year = models.PositiveSmallIntegerField(_("oprichtingsjaar"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIEF, db_index=True
    )
    status_year = models.PositiveSmallIntegerField(_("jaar van de status"), null=True, blank=True)
    # The first year of the active period that has not ended (None: not active now), kept by
    # registry/history.py: "active at the end of year Y" reads this index for the collectives
    # active now, and the few closed periods for the rest (docs/decisions/0045).
    active_since = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contactadres (niet openbaar)"), blank=True)
    is_voluntary = models.BooleanField(default=True)
    is_not_for_profit = models.BooleanField(default=True)
    has_societal_goal = models.BooleanField(default=True)
    is_open = models.BooleanField(default=True)
    is_democratic = models.BooleanField(default=True)
    is_local = models.BooleanField(default=True)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    last_verified = models.DateField(_("laatst gecontroleerd"), null=True, blank=True)
    is_verified = models.BooleanField(_("geverifieerd door Opmars"), default=False)
    is_demo = models.BooleanField(default=False, db_index=True)
    # Off the public listing at the collective's request: only editors, the admins of its
    # networks and staff still see it (opmars.accounts.policy.visible_collectives). No index:
    # nearly every row is listed, and an index on it could lure SQLite's planner away from the
    # selective ones (docs/performance.md).
    is_unlisted = models.BooleanField(_("niet openbaar vermeld"), default=False)
    # The editors' consent that officers of the seat municipality see draft impact figures.
    shares_drafts_with_municipality = models.BooleanField(
        _("gemeente mag concepten zien"), default=False
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="edited_collectives"
    )
    # Folded and stemmed name + description + place; indexed by FTS5 or a GIN index.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("collectief")
        verbose_name_plural = _("collectieven")
        indexes = [
            # Covering indexes: the counts behind the map, the statistics and the monitor
            # (per municipality and kind, per status, the founding series; always without the
            # unlisted) read the index alone instead of every row (docs/performance.md).
            # active_since: a past year's count reads the same index (decision 0045); is_demo and
            # founded_year: an area's summary (its demo share, its foundings) reads it too.
            models.Index(
                fields=[
                    *("municipality", "kind", "status", "is_unlisted"),
                    *("active_since", "is_demo", "founded_year"),
                ]
            ),
            models.Index(
                fields=["status", "kind", "municipality", "is_unlisted", "is_demo", "active_since"]
            ),
            models.Index(fields=["founded_year", "status", "status_year", "is_unlisted"]),
            # The founding series of one kind (the monitor's energy cooperatives).
            models.Index(fields=["kind", "founded_year", "status", "status_year", "is_unlisted"]),
            models.Index(fields=["name"]),
            # A directory list of one kind in its order (name, id) reads the first page off this
            # index instead of sorting the kind's every row (11,443 energy cooperatives at
            # 100,000: 15 → 0.1 ms on SQLite). is_unlisted last, after the id: with it before,
            # the order is not the list's; without it, SQLite counts the list through this index
            # and the table (13 ms) instead of through the covering one above (0.4 ms).
            models.Index(fields=["kind", "name", "id", "is_unlisted"]),
            # Nearby search and the map filter on a box of public coordinates.
            models.Index(fields=["public_lat", "public_lon"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("collective", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Where it was seated when read: a save that moves it renews the answers about the
        # municipality it left too (registry/scopes.py). None when the query deferred it.
        instance.loaded_municipality_id = instance.__dict__.get("municipality_id")
        return instance

    @property
    def domain_codes(self):
        return [d.domain for d in self.domains.all()]

    @property
    def possibly_outdated(self):
        """Not confirmed (verified, or created) for OUTDATED_AFTER_MONTHS months."""
        confirmed = self.last_verified or (self.created_at and self.created_at.date())
        return bool(confirmed) and confirmed < outdated_before()


class FormerSlug(models.Model):
    """The address of a collective merged into another: its old page and API answer a
    permanent redirect to the kept record instead of 404 (dataio.actions.merge_collectives)."""

    slug = models.SlugField(max_length=100, unique=True)
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.slug} -> {self.collective_id}"

    @staticmethod
    def moved_to(slug):
        """The kept record's slug for a merged-away slug no live collective uses, else None."""
        if Collective.objects.filter(slug=slug).exists():
            return None
        found = FormerSlug.objects.filter(slug=slug).select_related("collective").first()
        return found.collective.slug if found else None


class CollectiveDomain(models.Model):
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=30, choices=Domain.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["domain", "collective"], name="collective_domain_unique"
            )
        ]

    def __str__(self):
        return f"{self.collective_id}: {self.domain}"


class Review(models.TextChoices):
    NONE = "", _("niet nodig")
    OPEN = "open", _("wacht op controle door Opmars")
    CONFIRMED = "bevestigd", _("bevestigd door Opmars")


class YearlyFacts(models.Model):
    """One collective's facts over one calendar year. Missing is null, never 0."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="facts")
    year = models.PositiveSmallIntegerField(_("jaar"))
    members = people_field(_("leden"))
    volunteers = people_field(_("vrijwilligers"))
    paid_staff = people_field(_("betaalde krachten"))
    people_reached = people_field(_("bereikte mensen"))
    income_grants = euro_field(_("subsidies (€)"))
    income_contributions = euro_field(_("ledenbijdragen (€)"))
    income_donations = euro_field(_("giften (€)"))
    income_sales = euro_field(_("verkoop en diensten (€)"))
    income_loans = euro_field(_("leningen (€)"))
    income_other = euro_field(_("overige inkomsten (€)"))
    # More people than live in the seat municipality: kept, but out of the monitor's sums until
    # staff confirm it (a typo, or a national collective seated in a small place).
    review = models.CharField(
        _("controle"), max_length=10, choices=Review.choices, default="", blank=True
    )

    INCOME_FIELDS = [
        "income_grants",
        "income_contributions",
        "income_donations",
        "income_sales",
        "income_loans",
        "income_other",
    ]
    COUNT_FIELDS = ["members", "volunteers", "paid_staff", "people_reached"]
    # Counts of people in the collective itself; more than the municipality's population is
    # implausible (people reached may well come from elsewhere).
    PEOPLE_IN_FIELDS = ["members", "volunteers", "paid_staff"]

    class Meta:
        ordering = ["collective", "year"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "year"], name="facts_collective_year")
        ]

    def __str__(self):
        return f"{self.collective_id} in {self.year}"

    @classmethod
    def counted(cls):
        """The facts that the monitor, reports and network figures add up."""
        return cls.objects.exclude(review=Review.OPEN)

    @property
    def income_total(self):
        values = [getattr(self, f) for f in self.INCOME_FIELDS]
        known = [v for v in values if v is not None]
        return sum(known) if known else None


class LifeEvent(models.Model):
    """Something that happened to a collective on a date: founded, dormant, stopped, a new legal
    form, a network joined... The figures of a past year follow from these (registry/history.py);
    the collective's status and founding year are their latest word."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("soort gebeurtenis"), max_length=20, choices=EventKind.choices)
    date = models.DateField(_("datum"))
    # Kept beside the date: the yearly figures group by it on both databases alike.
    year = models.PositiveSmallIntegerField(editable=False)
    precision = models.CharField(max_length=8, choices=DatePrecision.choices)
    source = models.CharField(_("bron"), max_length=200)
    # Who, as in the audit log: a pseudonym, never the account itself (blank: a command, or
    # reconstructed).
    actor = models.CharField(max_length=40, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # Made by the migration or a rebuild from what the record held, not seen happen.
    reconstructed = models.BooleanField(default=False)
    recorded_at = models.DateTimeField(default=timezone.now)
    # Every correction of the date: [{"at", "from", "to", "by"}], newest last.
    corrections = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["date", "id"]
        indexes = [
            models.Index(fields=["kind", "year", "collective"]),
            # An area's stops per year: from its collectives to their stop events.
            models.Index(fields=["collective", "kind", "year"]),
        ]

    def __str__(self):
        return f"{self.collective_id}: {self.kind} {self.date}"

    def save(self, *args, **kwargs):
        self.year = self.date.year
        super().save(*args, **kwargs)


# The end year of a period that has not ended.
OPEN_END = 9999


class ActivePeriod(models.Model):
    """A stretch of years in which a collective was active with one legal form, derived from its
    events (history.rebuild_periods). Active at the end of year Y: start_year <= Y < end_year;
    active during part of Y: start_year <= Y <= end_year."""

    collective = models.ForeignKey(Collective, on_delete=models.CASCADE, related_name="periods")
    start_year = models.PositiveSmallIntegerField()
    end_year = models.PositiveSmallIntegerField(default=OPEN_END)
    legal_form = models.CharField(max_length=20, choices=LegalForm.choices)

    class Meta:
        indexes = [
            models.Index(fields=["collective", "start_year", "end_year"]),
            models.Index(fields=["end_year", "start_year", "collective"]),
        ]

    def __str__(self):
        return f"{self.collective_id}: {self.start_year}-{self.end_year}"
