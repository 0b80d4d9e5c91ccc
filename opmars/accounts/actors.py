"""Who acts, as the actions and the policy type it (docs/decisions/0041-type-checking.md)."""

from typing import TypeAlias

from django.contrib.auth.models import AnonymousUser

from opmars.accounts.models import User

# A request's user, signed in or not, or None where nobody acts (a command without --user).
Actor: TypeAlias = User | AnonymousUser | None

# The `via` of an audit event written by whoever runs the command line (no actor pseudonym).
OPERATOR = "opdrachtregel"
