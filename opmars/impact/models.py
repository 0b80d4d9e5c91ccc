"""Proxy library (versioned, read-only), price tables, indicator catalogue and impact reports."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import SdgTarget
from opmars.registry.models import Collective

LADDER = [(0, "0 %"), (25, "25 %"), (50, "50 %"), (75, "75 %"), (100, "100 %")]


class ProxyLibrary(models.Model):
    """One version of the proxy values; a published report pins one, so it stays reproducible."""

    version = models.PositiveSmallIntegerField(unique=True)
    released = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-version"]

    def __str__(self):
        return f"Proxybibliotheek v{self.version}"


class Proxy(models.Model):
    library = models.ForeignKey(ProxyLibrary, on_delete=models.PROTECT, related_name="proxies")
    key = models.CharField(max_length=60)
    description = models.TextField()
    value = models.FloatField()
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=60)
    currency = models.CharField(max_length=3, blank=True)
    price_year = models.PositiveSmallIntegerField()
    source = models.TextField()
    status = models.CharField(max_length=20)  # "source" or "secondary" (METHODOLOGY tags S / S2)
    verified = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["library", "key"]
        constraints = [
            models.UniqueConstraint(fields=["library", "key"], name="proxy_key_per_library")
        ]

    def __str__(self):
        return f"{self.key} (v{self.library.version})"


class PriceIndex(models.Model):
    """Dutch CPI, yearly average (CBS)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    cpi = models.FloatField()
    base = models.CharField(max_length=20)
    source = models.TextField()

    def __str__(self):
        return f"CPI {self.year}"


class ExchangeRate(models.Model):
    """Yearly average GBP per EUR (ECB reference rates)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    gbp_per_eur = models.FloatField()
    source = models.TextField()

    def __str__(self):
        return f"GBP/EUR {self.year}"


class Relation(models.TextChoices):
    DIRECT = "direct", _("direct")
    ENABLING = "enabling", _("voorwaardenscheppend")


class Indicator(models.Model):
    code = models.SlugField(max_length=40, primary_key=True)
    theme = models.CharField(max_length=30)
    name = models.CharField(max_length=120)
    unit = models.CharField(max_length=40)
    definition = models.TextField()
    primary_target = models.ForeignKey(SdgTarget, on_delete=models.PROTECT, related_name="+")
    secondary_targets = models.ManyToManyField(SdgTarget, blank=True, related_name="+")
    relation = models.CharField(max_length=10, choices=Relation.choices)
    un_indicator = models.CharField(max_length=12, blank=True)
    iris_metric = models.CharField(max_length=20, blank=True)
    # Value per unit = proxy × factor proxy (if any) × factor; no proxy = reported physically only.
    proxy_key = models.CharField(max_length=60, blank=True)
    factor_key = models.CharField(max_length=60, blank=True)
    factor = models.FloatField(default=1.0)
    deadweight = models.PositiveSmallIntegerField(choices=LADDER, default=25)
    attribution = models.PositiveSmallIntegerField(choices=LADDER, default=25)
    displacement = models.PositiveSmallIntegerField(choices=LADDER, default=0)
    drop_off = models.PositiveSmallIntegerField(default=0)
    duration = models.PositiveSmallIntegerField(default=1)
    overlap_group = models.CharField(max_length=30, blank=True)
    evidence_guidance = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return self.name

    @property
    def is_valued(self):
        return bool(self.proxy_key)


class ReportStatus(models.TextChoices):
    DRAFT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")


class ImpactReport(models.Model):
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="impact_reports"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    status = models.CharField(
        max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    library = models.ForeignKey(ProxyLibrary, on_delete=models.PROTECT, related_name="reports")
    discount_rate = models.FloatField(default=0.0225)
    grant_municipality = models.FloatField(_("subsidie gemeente"), default=0)
    grant_province = models.FloatField(_("subsidie provincie"), default=0)
    grant_national = models.FloatField(_("subsidie Rijk"), default=0)
    grant_funds = models.FloatField(_("bijdrage fondsen"), default=0)
    grant_other = models.FloatField(_("overige subsidies"), default=0)
    member_contributions = models.FloatField(_("bijdragen van leden"), default=0)
    donations = models.FloatField(_("giften"), default=0)
    in_kind = models.FloatField(_("bijdragen in natura (marktwaarde)"), default=0)
    volunteer_hours = models.FloatField(_("vrijwilligersuren"), default=0)
    # Null: the library's minimum wage, indexed to the report year.
    volunteer_hour_value = models.FloatField(_("waarde van een vrijwilligersuur"), null=True)
    assurance = models.CharField(_("externe toetsing"), max_length=200, blank=True)
    # Results of the last calculation; the aggregate sums these columns, never ratios.
    present_value = models.FloatField(null=True)
    inputs_total = models.FloatField(null=True)
    sroi_ratio = models.FloatField(null=True)
    p10 = models.FloatField(null=True)
    p50 = models.FloatField(null=True)
    p90 = models.FloatField(null=True)
    result = models.JSONField(default=dict)
    is_demo = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The grants by funder, in the order the report form and the monitor list them.
    GRANT_FIELDS = (
        "grant_municipality",
        "grant_province",
        "grant_national",
        "grant_funds",
        "grant_other",
    )

    class Meta:
        ordering = ["collective", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["collective", "year"], name="one_report_per_year")
        ]
        indexes = [models.Index(fields=["status", "year"])]

    def __str__(self):
        return f"{self.collective} {self.year}"

    def get_absolute_url(self):
        return reverse("impact", args=[self.collective.slug]) + f"#jaar-{self.year}"

    @property
    def is_published(self):
        return self.status == ReportStatus.PUBLISHED

    @property
    def grants(self):
        return sum(getattr(self, name) for name in self.GRANT_FIELDS)


class EvidenceGrade(models.IntegerChoices):
    ESTIMATE = 1, _("1 – schatting zonder administratie")
    OWN_RECORDS = 2, _("2 – eigen administratie")
    CHECKED = 3, _("3 – eigen administratie, gecontroleerd met een tweede bron")
    MEASURED = 4, _("4 – onafhankelijke meting of registratie")
    VERIFIED = 5, _("5 – extern geverifieerd")


class ReportOutcome(models.Model):
    report = models.ForeignKey(ImpactReport, on_delete=models.CASCADE, related_name="outcomes")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)
    quantity = models.FloatField(_("hoeveelheid"))
    quantity_low = models.FloatField(_("laagste schatting"), null=True, blank=True)
    quantity_high = models.FloatField(_("hoogste schatting"), null=True, blank=True)
    evidence_grade = models.PositiveSmallIntegerField(
        _("bewijskracht"), choices=EvidenceGrade.choices, default=EvidenceGrade.OWN_RECORDS
    )
    evidence_source = models.CharField(_("bron van het bewijs"), max_length=200, blank=True)
    deadweight = models.PositiveSmallIntegerField(_("was toch gebeurd"), choices=LADDER)
    attribution = models.PositiveSmallIntegerField(_("aandeel van anderen"), choices=LADDER)
    displacement = models.PositiveSmallIntegerField(_("verdringing"), choices=LADDER)
    # Pre-filled from the catalogue; only a confirmed outcome is valued (§8: else a PM item).
    adjustments_confirmed = models.BooleanField(_("aannames bevestigd"), default=False)
    justification = models.CharField(_("toelichting"), max_length=300, blank=True)
    drop_off = models.PositiveSmallIntegerField(_("afname per jaar (%)"), default=0)
    duration = models.PositiveSmallIntegerField(_("duur in jaren"), default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["report", "position", "id"]

    def __str__(self):
        return f"{self.indicator_id}: {self.quantity}"
