"""Which collectives each write touched, queued in the write's own transaction, so that figures
kept up to date on write (opmars/monitor/summaries.py) can follow it (decision 0055).

`record_write` starts the new data generation for a write and queues a row naming the
collective (or none) and the generation it moved from and to. A reader of the queue can then
prove that it has seen every write since its own generation: the rows chain its token to the
current one. `record_bulk_write` does the same for a write about many collectives (an import),
with a row for each; `mark_all` adds "every collective" to the transaction's last generation. A
write that bumps the generation without a row (demo data, reference data, a migration) breaks
the chain, and whoever keeps figures must rebuild them from scratch. Each also bumps the version
of the scopes it names (generation.py): answers cached for other collectives stay valid.

After the transaction commits, `committed` is sent once, outside it: a receiver's failure can no
longer undo the write.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

from opmars.caching import generation
from opmars.caching.models import PendingChange

logger = logging.getLogger(__name__)

# Sent after a transaction with queued changes commits (no arguments besides the sender).
committed = Signal()


def _only_the_collectives(pks, listed=True):
    collectives = [generation.collective_scope(pk) for pk in pks]
    return collectives + ([generation.LISTING] if listed else [])


# The scopes a write about collectives touches: the registry, a layer above, knows their areas
# and names them at start-up (registry/scopes.py, through name_scopes_with).
_scopes_of_collectives = _only_the_collectives


def name_scopes_with(scopes_of_collectives) -> None:
    """Let `scopes_of_collectives(pks, listed)` name the scopes of every write about collectives
    (`listed`: the write changed what lists of collectives show of them)."""
    global _scopes_of_collectives
    _scopes_of_collectives = scopes_of_collectives


def record_write(collective_pk: int | None, at=None, figures_only=False) -> generation.Generation:
    """A new data generation for a write about `collective_pk` (None: about no collective),
    queued with the generation it replaces; `at`: the time the write's audit event holds;
    `figures_only`: it changed the collective's figures (yearly facts, impact reports) and
    nothing that lists of collectives show (decision 0059)."""
    if collective_pk:
        named = _scopes_of_collectives([collective_pk], listed=not figures_only)
    else:
        named = [generation.UNNAMED]
    return _recorded(named, collective_pk, at)


def record_bulk_write(collective_pks, at=None, figures_only=False) -> generation.Generation:
    """A new data generation for a bulk write (an import) about these collectives, each queued:
    it renews what shows them and the areas they are in now, and leaves answers about other
    collectives valid (decision 0063). A bulk write of records passes the models' signals, so
    the areas they may have left are not known: it renews every area's answers (AREAS); one of
    figures alone moves no collective."""
    pks = sorted(set(collective_pks))
    named = _scopes_of_collectives(pks, listed=not figures_only)
    left_unknown = [generation.AREAS] if pks and not figures_only else []
    fresh = _recorded([*named, *left_unknown], None, at)
    PendingChange.objects.bulk_create(
        [PendingChange(collective_id=pk, to_token=fresh.token) for pk in pks], batch_size=2000
    )
    return fresh


def _recorded(named, collective_pk, at):
    with transaction.atomic():  # the token read back and the row belong to this bump
        previous, fresh = generation.bump_chained(scopes=named, at=at)
        PendingChange.objects.create(
            collective_id=collective_pk, from_token=previous, to_token=fresh.token
        )
    _send_after_commit()
    return fresh


def mark_all() -> None:
    """Queue a bulk write whose collectives are too many to name (a large import, an undo),
    after record_write in the same transaction."""
    PendingChange.objects.create(everything=True, to_token=generation.unpinned().token)
    generation.bump_scopes([generation.UNNAMED])
    _send_after_commit()


def record_admin_edit(model, object_id: str) -> None:
    """An edit in the Django admin, which saves models directly: queued about the collective it
    changed when that can be told (the collective itself, or a row that names one and still
    exists), else about everything."""
    collective_pk = None
    if model is not None and model._meta.label_lower == "registry.collective":
        collective_pk = int(object_id)
    elif model is not None and any(f.name == "collective" for f in model._meta.fields):
        row = model.objects.filter(pk=object_id).values_list("collective_id", flat=True)
        collective_pk = row.first()
    record_write(collective_pk)
    if collective_pk is None:
        mark_all()


def _send_after_commit() -> None:
    connection = transaction.get_connection()
    # Once per transaction: an import of thousands of rows needs one catch-up, not thousands.
    waiting = getattr(connection, "opmars_changes_send", None)
    if waiting is not None and any(item[1] is waiting for item in connection.run_on_commit):
        return

    def send_once():
        connection.opmars_changes_send = None
        _send()

    connection.opmars_changes_send = send_once
    transaction.on_commit(send_once)


def _send() -> None:
    for receiver, error in committed.send_robust(sender=PendingChange):
        if isinstance(error, Exception):
            logger.error("Na een schrijfactie liep %s mis: %r", receiver, error, exc_info=error)
