"""The local rights register: per municipality whether it grants an uitdaagrecht, buurtrechten
or a recht op overname, with its source; and cases where a collective used one
(docs/local-rights.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import Municipality
from opmars.registry.models import Collective


class Right(models.TextChoices):
    UITDAAGRECHT = "uitdaagrecht", _("Uitdaagrecht")
    BUURTRECHTEN = "buurtrechten", _("Buurtrechten")
    OVERNAME = "recht_op_overname", _("Recht op overname (right to bid)")


class Status(models.TextChoices):
    JA = "ja", _("ja")
    NEE = "nee", _("nee")
    # No entry at all counts as this too: unknown is never shown as "nee".
    ONBEKEND = "onbekend", _("onbekend")


class Outcome(models.TextChoices):
    TOEGEKEND = "toegekend", _("toegekend")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    LOPEND = "lopend", _("loopt nog")
    ONBEKEND = "onbekend", _("onbekend")


class LocalRight(models.Model):
    """What one municipality says about one right. Ja and nee need the document that says so."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="local_rights",
        verbose_name=_("gemeente"),
    )  # fmt: skip
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ONBEKEND
    )
    since = models.DateField(_("sinds"), null=True, blank=True)
    instrument = models.CharField(
        _("regeling"), max_length=200, blank=True,
        help_text=_("Waar het recht geregeld is, bijvoorbeeld de participatieverordening."),
    )  # fmt: skip
    source_url = models.URLField(_("brondocument"), max_length=500, blank=True)
    source_date = models.DateField(_("datum van het brondocument"), null=True, blank=True)
    last_checked = models.DateField(_("laatst nagekeken"))
    note = models.TextField(_("toelichting"), blank=True)
    is_demo = models.BooleanField(_("fictief voorbeeld"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name", "right"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "right"], name="local_right_unique")
        ]

    def __str__(self):
        return f"{self.get_right_display()} in {self.municipality_id}: {self.status}"


class RightCase(models.Model):
    """A collective that used a right in a municipality. The collective's name is kept, so the
    case stays readable when the record is merged away."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="right_cases",
        verbose_name=_("gemeente"),
    )  # fmt: skip
    right = models.CharField(_("recht"), max_length=20, choices=Right.choices)
    collective = models.ForeignKey(
        Collective, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="right_cases", verbose_name=_("collectief"),
    )  # fmt: skip
    collective_name = models.CharField(_("naam van het collectief"), max_length=200)
    year = models.PositiveSmallIntegerField(_("jaar"))
    subject = models.CharField(_("waar ging het over"), max_length=300)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.ONBEKEND
    )
    source_url = models.URLField(_("bron"), max_length=500)
    source_date = models.DateField(_("datum van de bron"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    is_demo = models.BooleanField(_("fictief voorbeeld"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "collective_name"]

    def __str__(self):
        return f"{self.collective_name}: {self.get_right_display()} ({self.year})"
