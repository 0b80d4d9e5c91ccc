"""Networks of collectives: national umbrellas, provincial/regional and thematic networks."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from opmars.geo.models import Municipality, Province
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
    # The real umbrellas are reference data (umbrellas.py); they are recreated after migrate.
    is_reference = models.BooleanField(default=False)
    members = models.ManyToManyField(Collective, through="Membership", related_name="networks")
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_networks"
    )
    # The area a network serves: its municipalities, else its province, else the whole country.
    region = models.ManyToManyField(Municipality, blank=True, related_name="regional_networks")
    # Not stored: set by networks.query.networks_with_counts (its members on the public listing).
    member_count: int

    class Meta:
        ordering = ["name"]
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network", args=[self.slug])


class Membership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE)
    collective = models.ForeignKey(Collective, on_delete=models.CASCADE)
    since = models.PositiveSmallIntegerField(null=True, blank=True)
    # The collective's editors let the network's admins write its yearly facts (through the API,
    # say from the network's own member survey); a member without editors needs no consent
    # (policy.can_write_yearly_facts, decision 0048).
    network_writes_facts = models.BooleanField(
        _("netwerk mag jaarcijfers bijwerken"), default=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["network", "collective"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.collective} in {self.network}"


class PastMembership(models.Model):
    """A membership that ended: kept so that a figure for a past year counts the networks a
    collective was in on 31 December of that year, not today's (decision 0045). Membership rows
    stay current members only."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="+")
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="past_memberships"
    )
    since = models.PositiveSmallIntegerField(null=True, blank=True)  # None: not known
    until = models.PositiveSmallIntegerField()  # the year it ended

    class Meta:
        indexes = [models.Index(fields=["until", "collective", "network"])]

    def __str__(self):
        return f"{self.collective} in {self.network} until {self.until}"


class MembershipRequest(models.Model):
    """A pending step towards membership: a collective asks, or a network invites.

    Kept apart from Membership so that every Membership row is a real member everywhere
    (filters, counts, the API) without checking a status.
    """

    class Direction(models.TextChoices):
        REQUEST = "verzoek", _("Verzoek van het collectief")
        INVITATION = "uitnodiging", _("Uitnodiging van het netwerk")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="requests")
    collective = models.ForeignKey(
        Collective, on_delete=models.CASCADE, related_name="network_requests"
    )
    direction = models.CharField(max_length=12, choices=Direction.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "collective"], name="membership_request_unique"
            )
        ]

    def __str__(self):
        return f"{self.direction}: {self.collective} / {self.network}"
