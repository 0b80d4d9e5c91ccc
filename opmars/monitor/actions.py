"""Publishing a snapshot: checked, written and audited in one place (UI and CLI share it)."""

import datetime

from django.core.exceptions import PermissionDenied

from opmars.accounts.actors import Actor
from opmars.accounts.audit import AuditAction, record
from opmars.monitor import api, present
from opmars.monitor.metrics import Area
from opmars.monitor.models import FigureSnapshot


def publish_snapshot(
    actor: Actor, area: Area, year: int, today: datetime.date | None = None
) -> FigureSnapshot:
    """The area's figures for `year` as they are today; one snapshot per area, year and day."""
    # Staff publishes figure sets, as it verifies collectives.
    if not (actor and actor.is_authenticated and actor.is_staff):
        raise PermissionDenied
    today = today or datetime.date.today()
    scope = present.url_scope(area)
    slug = f"{scope}-{area.code}-{year}-{today.isoformat()}".lower()
    snapshot = FigureSnapshot.objects.filter(slug=slug).first()
    if snapshot:
        return snapshot
    figures = api.area_stats(area, year)
    snapshot = FigureSnapshot.objects.create(
        slug=slug,
        scope=scope,
        code=area.code,
        name=area.name,
        year=year,
        published_on=today,
        figures=figures,
    )
    record(actor, AuditAction.MONITOR_SNAPSHOT, snapshot, {"year": year})
    return snapshot
