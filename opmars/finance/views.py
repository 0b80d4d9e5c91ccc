"""The financing routes pages: the public list with filters, a page per route, the forms staff
and network admins keep the register with, the CSV import, and the section "Financiering die
past" on a collective's page for its editors. Thin: filtering in query.py, matching in
matching.py, writes through actions.py."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common import register_import
from opmars.common.errors import ActionError, QueryError
from opmars.finance import actions, matching, query
from opmars.finance.forms import RouteForm, initial_for
from opmars.finance.models import FinanceRoute, Phase
from opmars.geo.models import Municipality, Province
from opmars.registry.filters import PAGE_PARAM, PAGE_SIZE
from opmars.registry.views import pagination
from opmars.registry.vocab import Kind, LegalForm

NOT_ALLOWED = gettext_lazy(
    "Alleen medewerkers van Opmars en beheerders van een netwerk houden de financieringsroutes bij."
)


def managers_only(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policy.can_manage_finance_routes(request.user):
            raise PermissionDenied(NOT_ALLOWED)
        return view(request, *args, **kwargs)

    return wrapped


def _any(label):
    return [("", label)]


class FilterForm(forms.Form):
    """The list's filters, by the GET parameters a visitor can bookmark."""

    soort = forms.ChoiceField(
        label=gettext_lazy("Soort collectief"), required=False,
        choices=_any(gettext_lazy("Alle soorten")) + Kind.choices,
    )  # fmt: skip
    rechtsvorm = forms.ChoiceField(
        label=gettext_lazy("Rechtsvorm"), required=False,
        choices=_any(gettext_lazy("Alle rechtsvormen")) + LegalForm.choices,
    )  # fmt: skip
    fase = forms.ChoiceField(
        label=gettext_lazy("Fase"), required=False,
        choices=_any(gettext_lazy("Alle fasen")) + Phase.choices,
        help_text=gettext_lazy("Startfase: jonger dan 3 jaar; groeifase: 3 tot 10 jaar."),
    )  # fmt: skip
    provincie = forms.ChoiceField(label=gettext_lazy("Provincie"), required=False)
    gemeente = forms.ChoiceField(label=gettext_lazy("Gemeente"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provincie"].choices = _any(_("Alle provincies")) + list(
            Province.objects.values_list("code", "name")
        )
        self.fields["gemeente"].choices = _any(_("Alle gemeenten")) + list(
            Municipality.objects.values_list("code", "name")
        )


def route_list(request):
    form = FilterForm(request.GET or None)
    routes, errors = [], []
    today = timezone.localdate()
    if form.is_bound and not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {' '.join(msgs)}" for name, msgs in form.errors.items()
        ]
    else:
        data = form.cleaned_data if form.is_bound else {}
        try:
            routes = query.filter_routes(
                query.current_routes(today),
                kind=data.get("soort", ""),
                legal_form=data.get("rechtsvorm", ""),
                phase=data.get("fase", ""),
                province=data.get("provincie", ""),
                municipality=data.get("gemeente", ""),
            )
        except QueryError as error:
            errors = [e["message"] for e in error.errors]
    try:
        page = max(1, int(request.GET.get(PAGE_PARAM, "1")))
    except ValueError:
        page = 1
    shown = routes[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    context = {
        "form": form,
        "errors": errors,
        "rows": [_row(route, today) for route in shown],
        "total": len(routes),
        "pagination": pagination(page, len(routes), request.GET),
        "demo": any(route.is_demo for route in routes),
        "can_manage": policy.can_manage_finance_routes(request.user),
        "filtered": form.is_bound,
    }
    return render(request, "finance/route_list.html", context)


def _row(route, today):
    return {
        "route": route,
        "who": matching.who_may_apply(route),
        "where": matching.area_label(route),
        "state": route.state_on(today),
    }


def route_detail(request, pk):
    routes = FinanceRoute.objects.select_related("province", "municipality")
    route = get_object_or_404(routes, pk=pk)
    context = {
        **_row(route, timezone.localdate()),
        "kinds": [matching.kind_label(k) for k in route.kinds],
        "legal_forms": [matching.legal_form_label(f) for f in route.legal_forms],
        "phases": [matching.phase_label(p) for p in route.phases],
        "can_manage": policy.can_manage_finance_routes(request.user),
    }
    return render(request, "finance/route_detail.html", context)


def _form_page(request, form, route):
    return render(
        request,
        "finance/route_form.html",
        {
            "form": form,
            "route": route,
            "provinces": Province.objects.values_list("name", flat=True),
            "municipalities": Municipality.objects.values_list("name", flat=True),
            "checks": ("kinds", "legal_forms", "phases"),
        },
    )


@managers_only
def route_edit(request, pk=None):
    route = get_object_or_404(FinanceRoute, pk=pk, archived_at=None) if pk else None
    today = timezone.localdate().strftime("%d-%m-%Y")
    initial = initial_for(route) if route else {"last_checked": today}
    form = RouteForm(request.POST or None, initial=initial, route=route)
    if request.method == "POST":
        try:
            if route is None:
                route = actions.create_route(request.user, form)
            else:
                route = actions.update_route(request.user, route, form)
        except ActionError:
            return _form_page(request, form, route)
        messages.success(request, _("De route '%(name)s' is opgeslagen.") % {"name": route.name})
        return redirect(route)
    return _form_page(request, form, route)


@require_POST
@managers_only
def route_archive(request, pk):
    route = get_object_or_404(FinanceRoute, pk=pk)
    actions.archive_route(request.user, route)
    messages.success(
        request,
        _("De route '%(name)s' is gearchiveerd: hij staat niet meer in de lijst.")
        % {"name": route.name},
    )
    return redirect("finance_routes")


@managers_only
def import_csv(request):
    """Upload a CSV: first a dry run (what would change, or every error per row); then the
    same text is sent back to apply it, all or nothing."""
    return register_import.import_page(
        request,
        actions.import_routes,
        columns=actions.COLUMNS,
        required=actions.REQUIRED_COLUMNS,
        template="finance/import.html",
        done_url="finance_routes",
        context={"kinds": Kind.choices, "legal_forms": LegalForm.choices, "phases": Phase.choices},
    )


@login_required
def collective_routes(request, slug):
    """The routes that fit a collective, for its editors: htmx loads it as a section of the
    collective's page (which stays the same for everyone else); without JavaScript the page's
    link opens it as a page of its own."""
    collective = get_object_or_404(
        policy.visible_collectives(request.user).select_related("municipality__province"),
        slug=slug,
    )
    if not policy.can_edit_collective(request.user, collective):
        raise PermissionDenied(
            _("Alleen de redactie van dit collectief ziet welke financiering past.")
        )
    today = timezone.localdate()
    found = matching.routes_for(collective, today)
    template = "finance/" + ("includes/" if request.htmx else "") + "collective_routes.html"
    response = render(
        request,
        template,
        {
            "collective": collective,
            "matches": found,
            "phase": matching.phase_of(collective.founded_year, today.year),
            "can_manage": policy.can_manage_finance_routes(request.user),
        },
    )
    patch_vary_headers(response, ["HX-Request"])
    return response
