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
