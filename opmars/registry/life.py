"""The page of a collective's life: its events, and for its editors a form to add one or to
set a date right (registry/history.py holds the rules, registry/actions.py the writes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.caching import http as caching_http
from opmars.registry import actions, history, public_history
from opmars.registry.forms import EventCorrectionForm, LifeEventForm
from opmars.registry.models import LifeEvent
from opmars.registry.views import _editable


def life_page(request, slug):
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    caching_http.shows_collective(request, collective.pk)
    can_edit = policy.can_edit_collective(request.user, collective)
    changes = public_history.entries(collective)
    return render(
        request,
        "registry/life.html",
        {
            "collective": collective,
            "events": history.shown_events(collective),
            "can_edit": can_edit,
            "form": LifeEventForm() if can_edit else None,
            "changes": changes,
            "changes_total": public_history.public_events(collective).count(),
            "field_sources": public_history.field_sources(changes),
        },
    )


@login_required
def add_event(request, slug):
    collective = _editable(request, slug)
    if request.method != "POST":
        return redirect("collective_life", slug)
    try:
        event = actions.add_event(request.user, collective, request.POST)
    except actions.ActionError as error:
        return render(
            request,
            "registry/life.html",
            {
                "collective": collective,
                "events": history.shown_events(collective),
                "can_edit": True,
                "form": error.form,
            },
            status=422,
        )
    messages.success(
        request,
        _("Vastgelegd: %(kind)s, %(when)s.")
        % {"kind": event.get_kind_display(), "when": history.shown_date(event)},
    )
    return redirect("collective_life", slug)


@login_required
def correct_event(request, slug, event_id):
    collective = _editable(request, slug)
    event = get_object_or_404(LifeEvent, pk=event_id, collective=collective)
    form = EventCorrectionForm(initial={"date": event.date.isoformat()})
    if request.method == "POST":
        try:
            actions.correct_event(request.user, collective, event, request.POST)
        except actions.ActionError as error:
            form = error.form
        else:
            messages.success(
                request,
                _("De datum is gecorrigeerd; de cijfers van de jaren die het raakt volgen."),
            )
            return redirect("collective_life", slug)
    return render(
        request,
        "registry/life_correct.html",
        {"collective": collective, "event": event, "when": history.shown_date(event), "form": form},
    )
