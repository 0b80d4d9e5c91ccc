from django.db import models


class DataGeneration(models.Model):
    """One row: a fresh random token on every write, and when that write happened.

    Cache keys and HTTP ETags contain the token, so a write makes every older entry unreachable.
    A random token rather than a counter: a rolled-back write cannot hand its number to the next
    write, and a restored backup cannot meet entries cached before the restore."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()
    # The token this one replaced, set by the same UPDATE (caching/changes.py chains them).
    previous_token = models.CharField(max_length=32, blank=True, default="")

    class Meta:
        verbose_name = "data generation"

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


class PendingChange(models.Model):
    """A write not yet followed by the figures kept on write (caching/changes.py): the
    collective it was about (none for a write about something else, or a pure mark) and, for a
    write that started a generation, the token it moved from and to."""

    # No foreign key: the caching layer sits below the registry, and a queued id may be deleted.
    collective_id = models.IntegerField(null=True)
    from_token = models.CharField(max_length=32, blank=True, default="")
    to_token = models.CharField(max_length=32, blank=True, default="")
    # A bulk write that touched more collectives than are worth naming: follow them all.
    everything = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.collective_id}: {self.from_token} -> {self.to_token}"


class ScopeVersion(models.Model):
    """A fresh random token whenever the data behind one part of the site change (a collective,
    or "whatever no write named"): a cached answer that depends only on those parts stays
    valid through writes elsewhere (caching/generation.py, decision 0056)."""

    scope = models.CharField(max_length=64, unique=True)
    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.scope}: {self.token}"
