"""/open-data/: the latest open-data dump and the earlier ones, the data dictionary, and for
staff a button that queues a new dump (made by the background task, never in the request)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.dataio import exporting, opendata


def open_data(request):
    dumps = opendata.published_dumps()
    context = {
        "latest": dumps[0] if dumps else None,
        "earlier": dumps[1:],
        "licence": exporting.licence(),
        "dictionary": opendata.DICTIONARY,
    }
    return render(request, "dataio/open_data.html", context)


def dump_file(request, name):
    dump = opendata.find_dump(name)
    if dump is None:
        raise Http404
    return FileResponse(
        dump.path.open("rb"), as_attachment=True, filename=dump.name, content_type="application/zip"
    )


def dictionary(request):
    response = HttpResponse(opendata.dictionary_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="opmars-data-dictionary.csv"'
    return response


@require_POST
def new_dump(request):
    try:
        opendata.request_dump(request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return redirect("open_data")
    messages.success(
        request,
        _(
            "De nieuwe dump wordt gemaakt. Dat duurt een paar minuten; ververs daarna deze "
            "pagina om hem te zien."
        ),
    )
    return redirect("open_data")
