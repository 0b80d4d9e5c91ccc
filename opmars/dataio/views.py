"""Downloads of lists, and the import flow for staff (upload, mapping, dry run, import)."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _

from opmars.dataio import exporting
from opmars.registry.query import QueryError


def export_collectives(request, fmt):
    """The directory's list, with the directory's filters, as a file."""
    if fmt not in exporting.FORMATS:
        return HttpResponse(_("Onbekend formaat."), status=404, content_type="text/plain")
    try:
        collectives = exporting.collectives_for(request.GET, request.user)
    except QueryError as error:
        messages = "\n".join(e["message"] for e in error.errors)
        return HttpResponse(messages, status=400, content_type="text/plain; charset=utf-8")
    # A spooled file: small lists stay in memory, big ones go to disk, never all in a string.
    out = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    exporting.export(collectives, fmt, out)
    out.seek(0)
    return FileResponse(
        out,
        as_attachment=True,
        filename=exporting.file_name(fmt),
        content_type=exporting.CONTENT_TYPES[fmt],
    )
