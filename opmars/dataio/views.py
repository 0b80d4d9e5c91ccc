"""Downloads of lists, and the import flow for staff: upload, column mapping, dry run, import.

Imports run in the request (no background worker yet); the row limit keeps that bounded.
"""

import tempfile
import uuid
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.dataio import exporting
from opmars.dataio.actions import dismiss_duplicate, merge_collectives
from opmars.dataio.cli import write_errors_csv
from opmars.dataio.forms import UploadForm, field_choices
from opmars.dataio.importing import ACTION_LABELS, Options, import_file
from opmars.dataio.models import DuplicateCandidate, ImportRun
from opmars.dataio.reading import limits
from opmars.registry.query import QueryError
from opmars.security.limits import limited


@limited("export")
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


def _require_importer(request):
    if not policy.can_import(request.user):
        raise PermissionDenied(_("Alleen medewerkers van Opmars kunnen importeren."))


def _upload_dir():
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


@login_required
def import_start(request):
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > limits()["max_bytes"]:
            form.add_error(
                "file",
                _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
                % {"mb": settings.OPMARS_IMPORT_MAX_MB},
            )
        else:
            target = _upload_dir() / f"{uuid.uuid4().hex}{Path(upload.name).suffix[:6]}"
            with open(target, "wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            run = ImportRun.objects.create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                file_name=Path(upload.name).name[:255],
                network=form.cleaned_data["network"],
                stored_file=str(target),
            )
            return redirect("import_review", run.pk)
    recent = ImportRun.objects.filter(dry_run=False).select_related("actor")[:10]
    return render(request, "dataio/import_start.html", {"form": form, "recent": recent})


def _run_for(request, pk):
    _require_importer(request)
    return get_object_or_404(ImportRun, pk=pk)


def _options(import_run, **kwargs):
    return Options(
        kind=import_run.kind,
        network=import_run.network,
        overrides=import_run.overrides or None,
        file_name=import_run.file_name,
        **kwargs,
    )


@login_required
def import_review(request, pk):
    run = _run_for(request, pk)
    if run.status == ImportRun.Status.DONE:
        return render(request, "dataio/import_done.html", {"run": run})
    report = import_file(run.stored_file, request.user, _options(run, dry_run=True))
    context = {
        "run": run,
        "report": report,
        "choices": field_choices(run.kind),
        "labels": ACTION_LABELS,
        "shown": len(report.rows),
    }
    return render(request, "dataio/import_review.html", context)


@login_required
@require_POST
def import_mapping(request, pk):
    """Save the user's choice of field per column, then show the dry run again."""
    run = _run_for(request, pk)
    allowed = {name for name, _label in field_choices(run.kind)}
    overrides = {}
    for key, column in request.POST.items():
        if key.startswith("column-"):
            chosen = request.POST.get("field-" + key.removeprefix("column-"), "")
            overrides[column] = chosen if chosen in allowed else ""
    run.overrides = overrides
    run.save(update_fields=["overrides"])
    return redirect("import_review", run.pk)


@login_required
@require_POST
def import_run(request, pk):
    run = _run_for(request, pk)
    valid_only = bool(request.POST.get("valid_only"))
    options = _options(run, dry_run=False, valid_only=valid_only, run=run)
    report = import_file(run.stored_file, request.user, options)
    if report.imported:
        Path(run.stored_file).unlink(missing_ok=True)
    return redirect("import_review", run.pk)


@login_required
def import_errors(request, pk):
    """Every error of the dry run as a CSV file (row; column; value; error)."""
    run = _run_for(request, pk)
    report = import_file(run.stored_file, request.user, _options(run, dry_run=True))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fouten-{run.pk}.csv"'
    response.write("\ufeff")
    write_errors_csv(report.errors, response)
    return response


@login_required
def duplicates(request):
    """Likely duplicates for staff to merge or dismiss."""
    if not policy.can_review_duplicates(request.user):
        raise PermissionDenied(_("Alleen medewerkers van Opmars kunnen dubbelen beoordelen."))
    if request.method == "POST":
        candidate = get_object_or_404(
            DuplicateCandidate, pk=request.POST.get("candidate"), status="open"
        )
        if request.POST.get("keep"):
            keep = candidate.first if request.POST["keep"] == "first" else candidate.second
            merge_collectives(request.user, candidate, keep)
        else:
            dismiss_duplicate(request.user, candidate)
        return redirect("duplicates")
    candidates = DuplicateCandidate.objects.filter(status="open").select_related(
        "first__municipality", "second__municipality"
    )[:100]
    return render(request, "dataio/duplicates.html", {"candidates": candidates})
