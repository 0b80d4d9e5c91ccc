"""A translatable message with values filled in, translated when it is shown.

`gettext_lazy("Kies %(what)s.") % {...}` translates at once, when the module is imported, in
whatever language is active then: a form's error message built that way stays Dutch on the
English site. interpolated() keeps the catalogue's msgid and waits until the text is used; mark
the message with gettext_noop so that makemessages still finds it."""

from typing import Any

from django.utils.functional import lazy
from django.utils.translation import gettext


def _interpolate(message: str, values: dict[str, Any]) -> str:
    return gettext(message) % {name: str(value) for name, value in values.items()}


interpolated_lazy = lazy(_interpolate, str)


def interpolated(message: str, **values: Any) -> Any:
    """gettext(message) % values, evaluated each time the text is used; values may be lazy."""
    return interpolated_lazy(message, values)
