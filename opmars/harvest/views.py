"""Staff pages: the sources, a form to add or change one, and a source's page with its last
run and a "Nu ophalen" button. Others get 403."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.harvest import actions
from opmars.harvest.forms import SourceForm
from opmars.harvest.models import HarvestedRecord, HarvestSource
from opmars.harvest.tasks import harvest_source


def staff_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied(_("Alleen medewerkers van Opmars beheren bronnen."))
        return view(request, *args, **kwargs)

    return wrapped


@staff_only
def source_list(request):
    sources = HarvestSource.objects.all()
    return render(request, "harvest/source_list.html", {"sources": sources})


@staff_only
def source_edit(request, pk=None):
    source = get_object_or_404(HarvestSource, pk=pk) if pk else None
    form = SourceForm(request.POST or None, instance=source)
    if request.method == "POST" and form.is_valid():
        source = actions.save_source(request.user, form)
        messages.success(request, _("Bron %(name)s is opgeslagen.") % {"name": source.name})
        return redirect("harvest_source", pk=source.pk)
    return render(request, "harvest/source_form.html", {"form": form, "source": source})


@staff_only
def source_detail(request, pk):
    source = get_object_or_404(HarvestSource, pk=pk)
    context = {
        "source": source,
        "counts": [(label, source.counts.get(key, 0)) for key, label in actions.COUNT_LABELS],
        "record_count": HarvestedRecord.objects.filter(source=source).count(),
    }
    return render(request, "harvest/source_detail.html", context)


@require_POST
@staff_only
def source_run(request, pk):
    source = get_object_or_404(HarvestSource, pk=pk)
    actions.note_harvest_request(request.user, source)
    harvest_source.enqueue(source.pk)
    messages.success(
        request,
        _("Het ophalen is gestart. Ververs deze pagina over een tijdje om de uitkomst te zien."),
    )
    return redirect("harvest_source", pk=source.pk)
