from django.db import models


class DataGeneration(models.Model):
    """One row: a fresh random token on every write, and when that write happened.

    Cache keys and HTTP ETags contain the token, so a write makes every older entry unreachable.
    A random token rather than a counter: a rolled-back write cannot hand its number to the next
    write, and a restored backup cannot meet entries cached before the restore."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = "data generation"

    def __str__(self):
        return f"{self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
