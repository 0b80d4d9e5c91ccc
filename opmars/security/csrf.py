"""The answer to a post whose CSRF check failed: Dutch, and in the API's shape under /api/."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def failure(request, reason=""):
    """Django's own page is English and technical; most often a form stood open so long that
    the session ended, or cookies are blocked."""
    message = _(
        "Dit formulier kon niet worden verstuurd: de beveiligingscode ontbreekt of is verlopen. "
        "Laad de pagina opnieuw en probeer het nog eens. Blijft dit gebeuren? Sta dan cookies "
        "toe voor deze site."
    )
    if request.path.startswith("/api/"):
        from opmars.api.errors import error_response
        from opmars.common.errors import field_error

        return error_response(403, [field_error("", "csrf", message)])
    return render(request, "403.html", {"exception": message}, status=403)
