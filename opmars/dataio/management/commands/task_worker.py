"""`opmars worker`: django-tasks-db's db_worker, started again after a short wait when SQLite
says "database is locked" instead of exiting.

db_worker takes each task in an exclusive transaction and records its end in the database. On
SQLite that waits for the write lock, which a long import (`opmars import`, a second worker, a
restore) may hold for longer than the connection's timeout; db_worker then stops with
OperationalError. The lock goes away, so the worker waits and goes on (decision 0039). Every
other error still stops it.
"""

import logging
import time

from django.db import OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from opmars.dataio.tasks import is_locked
from opmars.dataio.undo import undo_abandoned

logger = logging.getLogger("opmars.worker")

FIRST_DELAY = 1  # seconds
MAX_DELAY = 30
CALM_AFTER = 60  # a worker that ran this long before the lock starts again at FIRST_DELAY


def run_retrying(work, sleep=time.sleep, clock=time.monotonic):
    """work() until it returns; after a "database is locked" wait (1, 2, 4 … 30 s) and call it
    again. The connections are closed first: the next try opens fresh ones."""
    delay = FIRST_DELAY
    while True:
        started = clock()
        try:
            return work()
        except OperationalError as error:
            if not is_locked(error):
                raise
            if clock() - started >= CALM_AFTER:
                delay = FIRST_DELAY
            logger.warning("Database is locked (%s); the worker goes on in %s s", error, delay)
            connections.close_all()
            sleep(delay)
            delay = min(delay * 2, MAX_DELAY)


class Command(DbWorkerCommand):
    help = "Run queued background tasks; waits and goes on while the database is locked."

    def handle(self, *args, **options):
        # A worker killed while an import wrote its batches (SQLite) left them for whoever
        # starts next; the restarted worker walks them back before it takes new work.
        run_retrying(undo_abandoned)
        return run_retrying(lambda: super(Command, self).handle(*args, **options))
