"""Downloads of lists, and the import flow for staff and network admins: upload, column
mapping, dry run, import.

The dry run and the real run are background tasks (opmars.dataio.tasks) whose progress the page
polls; the dry run's report is kept, so the review page and the error files read it.
"""

import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common.errors import QueryError
from opmars.common.limits import limited
from opmars.dataio import actions, exporting
from opmars.dataio.cli import write_errors
from opmars.dataio.duplicates import planted_recall
from opmars.dataio.forms import UploadForm, field_choices
from opmars.dataio.importing import ACTION_LABELS, summary
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import (
    NotStopped,
    cancel_run,
    checking,
    progress_path,
    read_progress,
    read_report,
    report_path,
    retry_run,
    start_dry_run,
    stopped,
)
from opmars.dataio.undo import half_written
from opmars.registry import freshness
from opmars.registry.vocab import Kind, Status


@limited("export")
def export_collectives(request, fmt):
    """The directory's list, with the directory's filters, as a file."""
    if fmt not in exporting.FORMATS:
        return HttpResponse(_("Onbekend formaat."), status=404, content_type="text/plain")
    try:
        collectives = exporting.collectives_for(request.GET, request.user)
    except QueryError as error:
        text = "\n".join(e["message"] for e in error.errors)
        return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")
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
        raise PermissionDenied(
            _("Alleen medewerkers van Opmars en beheerders van een netwerk kunnen importeren.")
        )


@login_required
def import_start(request):
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            run = actions.upload_for_import(
                request.user, data["file"], data["kind"], data["network"]
            )
        except actions.ActionError as refusal:
            for error in refusal.errors:
                form.add_error(error["field"], error["message"])
        else:
            return redirect("import_review", run.pk)
    recent = _runs_of(request.user).filter(dry_run=False).select_related("actor")[:10]
    return render(request, "dataio/import_start.html", {"form": form, "recent": recent})


def _runs_of(user):
    """Staff see every import; a network admin their own."""
    return ImportRun.objects.all() if user.is_staff else ImportRun.objects.filter(actor=user)


def _run_for(request, pk):
    _require_importer(request)
    return get_object_or_404(_runs_of(request.user), pk=pk)


@login_required
def import_review(request, pk):
    run = _run_for(request, pk)
    if run.status == ImportRun.Status.DONE:
        context = {
            "run": run,
            "summary": summary(run.counts),
            # Found after the run among its new records (importing.after_commit): the next step.
            "duplicates": policy.reviewable_duplicates(request.user).count(),
        }
        return render(request, "dataio/import_done.html", context)
    if run.status == ImportRun.Status.CANCELLED or stopped(run):
        context = {"run": run, "checking": checking(run), "half_written": half_written(run)}
        return render(request, "dataio/import_stopped.html", context)
    if not checking(run):  # the real run, queued or at work
        return render(request, "dataio/import_progress.html", _progress_context(run))
    report = _dry_run_report(run)
    if report is None:
        return render(request, "dataio/import_progress.html", _progress_context(run))
    context = {
        "run": run,
        "report": report,
        "choices": field_choices(run.kind),
        "defaults": _defaults_shown(report, run.kind),
        "kinds": Kind.choices,
        "suggested_kind": Kind(report.suggested_kind).label if report.suggested_kind else "",
        "labels": ACTION_LABELS,
        "shown": len(report.rows),
    }
    return render(request, "dataio/import_review.html", context)


def _defaults_shown(report, kind):
    """(field label, value label) of what every new row gets, as the user reads them."""
    labels = dict(field_choices(kind))
    values = {"kind": dict(Kind.choices), "status": dict(Status.choices)}
    return [
        (labels.get(name, name), values.get(name, {}).get(value, value))
        for name, value in report.defaults.items()
    ]


def _dry_run_report(run):
    """The finished dry run's report, or None while it runs (queued again if it was lost)."""
    report = read_report(run)
    if report is None and not progress_path(run).exists():
        start_dry_run(run)  # from before dry runs were tasks, or its worker went away
        report = read_report(run)  # done already when tasks run immediately
    return report


@login_required
@require_POST
def import_mapping(request, pk):
    """Save the user's choice of field per column and the kind of rows without one (the
    proposed kind when they accept it), then show the dry run again."""
    run = _run_for(request, pk)
    if run.status == ImportRun.Status.CANCELLED:
        return redirect("import_review", run.pk)  # its upload is gone
    columns = {
        column: request.POST.get("field-" + key.removeprefix("column-"), "")
        for key, column in request.POST.items()
        if key.startswith("column-")
    }
    kind = request.POST.get("accept_kind") or request.POST.get("default_kind", "")
    actions.choose_columns(request.user, run, columns, kind)
    return redirect("import_review", run.pk)


@login_required
@require_POST
def import_run(request, pk):
    """Queue the real run; the review page then shows its progress until it is done."""
    run = _run_for(request, pk)
    actions.start_import(request.user, run, valid_only=bool(request.POST.get("valid_only")))
    return redirect("import_review", run.pk)


@login_required
@require_POST
def import_retry(request, pk):
    """Queue a run whose worker stopped without finishing (tasks.stopped) again."""
    try:
        retry_run(request.user, _run_for(request, pk))
    except NotStopped:
        pass  # it runs again, or has ended: the page shows which
    return redirect("import_review", pk)


@login_required
@require_POST
def import_cancel(request, pk):
    """Give up a run whose worker stopped without finishing."""
    try:
        cancel_run(request.user, _run_for(request, pk))
    except NotStopped:
        pass
    return redirect("import_review", pk)


def _progress_context(run):
    done, total, writing = read_progress(run)
    percent = min(round(100 * done / total), 100) if total else None
    return {
        "run": run,
        "done": done,
        "total": total,
        "percent": percent,
        "checking": checking(run),
        "writing": writing,
    }


@login_required
def import_progress(request, pk):
    """The progress bar alone, polled by htmx; when the run has ended the page reloads."""
    run = _run_for(request, pk)
    ended = run.status in (ImportRun.Status.DONE, ImportRun.Status.CANCELLED) or (
        checking(run) and report_path(run).exists()
    )
    if ended or stopped(run):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("import_review", args=[run.pk])
        return response
    return render(request, "dataio/_import_progress.html", _progress_context(run))


ERROR_REPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def import_errors(request, pk, fmt):
    """Every error of the dry run as a file (row, column, value, error): CSV or Excel."""
    run = _run_for(request, pk)
    report = read_report(run)
    if report is None:
        return redirect("import_review", run.pk)
    response = HttpResponse(content_type=ERROR_REPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="fouten-{run.pk}.{fmt}"'
    write_errors(report.errors, response, fmt)
    return response


def _reviewable(request):
    if not policy.can_review_duplicates(request.user):
        raise PermissionDenied(
            _("Alleen medewerkers van Opmars en netwerkbeheerders kunnen dubbelen beoordelen.")
        )
    return policy.reviewable_duplicates(request.user)


@login_required
def duplicates(request):
    """Likely duplicates to merge or dismiss: staff all, network admins their network's. A
    merge asks for confirmation first (duplicate_merge); 'geen dubbel' only closes the pair and
    removes nothing, so it is one click."""
    reviewable = _reviewable(request)
    if request.method == "POST":
        candidate = get_object_or_404(reviewable, pk=request.POST.get("candidate"))
        actions.dismiss_duplicate(request.user, candidate)
        messages.success(
            request,
            _("%(first)s en %(second)s staan niet meer als mogelijke dubbel in de lijst.")
            % {"first": candidate.first.name, "second": candidate.second.name},
        )
        return redirect("duplicates")
    search = request.GET.get("q", "").strip()[:100]
    if search:
        reviewable = reviewable.filter(
            Q(first__name__icontains=search)
            | Q(second__name__icontains=search)
            | Q(first__municipality__name__icontains=search)
        )
    context = {
        "candidates": reviewable.select_related("first__municipality", "second__municipality")[
            :DUPLICATES_SHOWN
        ],
        "total": reviewable.count(),
        "search": search,
        "recall": planted_recall() if request.user.is_staff else None,
    }
    return render(request, "dataio/duplicates.html", context)


DUPLICATES_SHOWN = 100


@login_required
def duplicate_merge(request, pk, keep):
    """The confirmation of a merge: which record stays, which goes, and that the old address
    leads to the kept one from now on. Only the POST of this page merges."""
    candidate = get_object_or_404(
        _reviewable(request).select_related("first__municipality", "second__municipality"), pk=pk
    )
    if keep not in ("eerste", "tweede"):
        raise Http404
    kept, other = candidate.records if keep == "eerste" else candidate.records[::-1]
    if request.method == "POST":
        actions.merge_collectives(request.user, candidate, kept)
        messages.success(
            request,
            _(
                "Samengevoegd: %(name)s (%(kept)s) blijft bestaan. Het oude adres %(old)s "
                "leidt er nu naartoe."
            )
            % {
                "name": kept.name,
                "kept": kept.get_absolute_url(),
                "old": reverse("collective", args=[other.slug]),
            },
        )
        return redirect("duplicates")
    context = {"candidate": candidate, "kept": kept, "other": other}
    return render(request, "dataio/duplicate_merge.html", context)


def confirm_facts(request, token):
    """The link in the yearly reminder: one button confirms the facts (no login needed; the
    signed link is the proof). A GET never changes anything."""
    collective = freshness.collective_for_token(token)
    if collective is None:
        return render(request, "dataio/confirm_facts.html", {"invalid": True}, status=404)
    confirmed = request.method == "POST"
    if confirmed:
        freshness.confirm_facts(collective)
    return render(
        request, "dataio/confirm_facts.html", {"collective": collective, "confirmed": confirmed}
    )


@login_required
def without_editor(request):
    """Staff: the collectives no one maintains, to find them an editor."""
    if not request.user.is_staff:
        raise PermissionDenied(_("Alleen medewerkers van Opmars zien deze lijst."))
    collectives = freshness.without_editor().order_by("name")
    context = {"collectives": collectives[:500], "total": collectives.count()}
    return render(request, "dataio/without_editor.html", context)
