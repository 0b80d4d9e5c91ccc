"""Background tasks: one source, and every source that is due (`opmars harvest`, from cron)."""

from django_tasks import task

from opmars.harvest import actions
from opmars.harvest.models import HarvestSource


@task()
def harvest_source(source_id):
    source = HarvestSource.objects.filter(pk=source_id).first()
    if source is None:
        return False
    return actions.harvest(source)


@task()
def harvest_due():
    """Harvest each due source in turn; returns {name: succeeded}."""
    return {source.name: actions.harvest(source) for source in actions.due_sources()}
