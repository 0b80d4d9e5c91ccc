"""Reference geography: provinces, municipalities (2024), their history, PC4 postcodes, SDGs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("CBS-code"), max_length=4, primary_key=True)  # PV20..PV31
    name = models.CharField(_("naam"), max_length=100)
    iso_code = models.CharField(_("ISO 3166-2"), max_length=5)
    population = models.PositiveIntegerField(_("inwoners op 1-1-2024"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, primary_key=True)  # GM0363
    name = models.CharField(_("naam"), max_length=100, db_index=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    population = models.PositiveIntegerField(_("inwoners op 1-1-2024"))
    centroid_lat = models.FloatField()
    centroid_lon = models.FloatField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name


class HistoricMunicipality(models.Model):
    """A municipality as it existed between two dates (CBS gemeentelijke indeling since 1970)."""

    code = models.CharField(max_length=6, db_index=True)
    name = models.CharField(max_length=100)
    province_name = models.CharField(max_length=100)
    begin = models.DateField()
    end = models.DateField(null=True, blank=True)
    # The 2024 municipalities that hold this one's area, derived from PC4 points; several = split.
    successors = models.ManyToManyField(Municipality, blank=True, related_name="predecessors")

    class Meta:
        ordering = ["name", "begin"]
        constraints = [
            models.UniqueConstraint(fields=["code", "begin"], name="historic_code_begin_unique")
        ]

    def __str__(self):
        end = self.end.year if self.end else ""
        return f"{self.name} ({self.code}, {self.begin.year}–{end})"


class Postcode(models.Model):
    """A 4-digit postcode with its geocoded point and the 2024 municipality that point lies in."""

    pc4 = models.PositiveSmallIntegerField(primary_key=True)
    place = models.CharField(max_length=100)
    lat = models.FloatField()
    lon = models.FloatField()
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pc4"]

    def __str__(self):
        return f"{self.pc4} {self.place}"


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(primary_key=True)
    short_title_en = models.CharField(max_length=100)
    short_title_nl = models.CharField(max_length=100)
    title_en = models.TextField()
    color = models.CharField(max_length=7)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"SDG {self.number}: {self.short_title_nl}"


class SdgTarget(models.Model):
    code = models.CharField(max_length=6, primary_key=True)  # "7.2", "7.a"
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField()
    target_type = models.CharField(max_length=30)
    title_en = models.TextField()

    class Meta:
        ordering = ["goal", "position"]

    def __str__(self):
        return f"SDG {self.code}"
