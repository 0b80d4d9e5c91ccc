"""The financing routes register: funds, subsidies, loans and guarantee funds that collectives
can apply to, national, provincial or municipal, with who may apply, amounts, deadlines, a
source and the date someone last checked it (docs/finance-routes.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import Municipality, Province


class RouteType(models.TextChoices):
    FONDS = "fonds", _("Fonds")
    SUBSIDIE = "subsidie", _("Subsidie")
    LENING = "lening", _("Lening")
    GARANTIEFONDS = "garantiefonds", _("Garantiefonds")
    OVERIG = "overig", _("Overig")


class Level(models.TextChoices):
    LANDELIJK = "landelijk", _("Landelijk")
    PROVINCIAAL = "provinciaal", _("Provinciaal")
    GEMEENTELIJK = "gemeentelijk", _("Gemeentelijk")


class Phase(models.TextChoices):
    """How far a collective is (matching.phase_of decides it from the founding year)."""

    STARTFASE = "startfase", _("Startfase")
    GROEIFASE = "groeifase", _("Groeifase")
    VOLWASSEN = "volwassen", _("Volwassen")


class FinanceRoute(models.Model):
    """One route. Empty lists of kinds, legal forms or phases mean: open to every one."""

    name = models.CharField(_("Naam"), max_length=200)
    provider = models.CharField(_("Aanbieder"), max_length=200)
    route_type = models.CharField(_("Soort route"), max_length=20, choices=RouteType.choices)
    level = models.CharField(_("Niveau"), max_length=20, choices=Level.choices)
    # Where it applies: a province for a provincial route, a municipality for a municipal one,
    # neither for a national one (forms.RouteForm keeps this consistent).
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="finance_routes",
        verbose_name=_("provincie"),
    )  # fmt: skip
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True,
        related_name="finance_routes", verbose_name=_("gemeente"),
    )  # fmt: skip
    kinds = models.JSONField(_("Voor soorten"), default=list, blank=True)
    legal_forms = models.JSONField(_("Voor rechtsvormen"), default=list, blank=True)
    phases = models.JSONField(_("Voor fasen"), default=list, blank=True)
    amount_min = models.PositiveIntegerField(_("Bedrag vanaf (euro)"), null=True, blank=True)
    amount_max = models.PositiveIntegerField(_("Bedrag tot en met (euro)"), null=True, blank=True)
    opens = models.DateField(_("Opent op"), null=True, blank=True)
    closes = models.DateField(_("Sluit op"), null=True, blank=True)
    is_ongoing = models.BooleanField(_("Doorlopend"), default=False)
    description = models.TextField(_("Beschrijving"), blank=True)
    source_url = models.URLField(_("Bron"), max_length=500)
    last_checked = models.DateField(_("Laatst nagekeken"))
    is_demo = models.BooleanField(_("Fictief voorbeeld"), default=False, db_index=True)
    # Archived routes stay for the audit trail and old links, but are no longer listed or matched.
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "provider"]
        verbose_name = _("financieringsroute")
        verbose_name_plural = _("financieringsroutes")
        indexes = [
            # matching.routes_for: the open routes of one place (national, its province, its
            # municipality), by end date.
            models.Index(fields=["level", "archived_at", "closes"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.provider})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("finance_route", args=[self.pk])

    @property
    def area_name(self):
        if self.municipality_id:
            return self.municipality.name
        if self.province_id:
            return self.province.name
        return str(_("heel Nederland"))

    def is_open_on(self, day):
        if self.archived_at is not None:
            return False
        if self.opens and self.opens > day:
            return False
        return self.is_ongoing or self.closes is None or self.closes >= day

    def state_on(self, day):
        """'open', 'binnenkort' (opens later), 'gesloten' or 'gearchiveerd'."""
        if self.archived_at is not None:
            return "gearchiveerd"
        if self.opens and self.opens > day:
            return "binnenkort"
        if not self.is_ongoing and self.closes and self.closes < day:
            return "gesloten"
        return "open"
