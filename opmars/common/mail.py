"""Mail leaves after the write it tells about is committed: a write that is rolled back sends
nothing, and no transaction waits on a mail server."""

from collections.abc import Callable, Iterable
from typing import TypeVarTuple

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

Args = TypeVarTuple("Args")


def after_commit(send: Callable[[*Args], object], *args: *Args) -> None:
    """send(*args) once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(lambda: send(*args))


def mail_after_commit(subject: str, body: str, to: Iterable[str]) -> None:
    """One plain-text mail from Opmars to the addresses in `to`, after the commit."""
    after_commit(send_mail, str(subject), str(body), settings.DEFAULT_FROM_EMAIL, list(to))
