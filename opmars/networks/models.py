"""Networks of collectives: national umbrellas, provincial/regional and thematic networks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import Province
from opmars.registry.models import Collective


class NetworkKind(models.TextChoices):
    NATIONAL = "landelijk", _("Landelijke koepel")
    PROVINCIAL = "provinciaal", _("Provinciaal netwerk")
    REGIONAL = "regionaal", _("Regionaal netwerk")
    THEMATIC = "thematisch", _("Thematisch netwerk")


class Network(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort netwerk"), max_length=20, choices=NetworkKind.choices)
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, null=True, blank=True, related_name="networks"
    )
    description = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(default=False)
    members = models.ManyToManyField(Collective, through="Membership", related_name="networks")

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")

    def __str__(self):
        return self.name


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE)
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE)
    since = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "collective"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.collective} in {self.network}"
