"""The collective's pages: the directory, one collective's page and its forms. Views stay thin:
reading goes through the policy's querysets and the registry's query module, every write through
opmars.registry.actions. The directory by place (areas, map) is in areas.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Prefetch, Q, Subquery
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_htmx.http import push_url

from opmars.accounts import actions as account_actions
from opmars.accounts import policy
from opmars.accounts import views as account_views
from opmars.accounts.audit import AuditAction
from opmars.accounts.models import AuditEvent
from opmars.caching import http as caching_http
from opmars.common.limits import limited
from opmars.geo.lookup import resolve_municipality
from opmars.geo.shapes import municipality_shapes
from opmars.networks.models import Network
from opmars.registry import actions, history, jsonld, scopes, versions
from opmars.registry.filters import (
    FILTER_PARAMS,
    PAGE_PARAM,
    PAGE_SIZE,
    FilterForm,
    active_filters,
    clean_params,
    labelled,
    page_number,
    parse_filters,
)
from opmars.registry.forms import CollectiveForm, YearlyFactsForm, current_year
from opmars.registry.models import Collective, FormerSlug, Review, YearlyFacts
from opmars.registry.query import directory_page, filter_collectives
from opmars.registry.vocab import CHARACTERISTICS
from opmars.ui import charts

LIST_FIELDS = (
    "slug",
    "name",
    "kind",
    "municipality__name",
    "founded_year",
    "status",
    "status_year",
    "is_demo",
    "is_verified",
)


# Directory


@limited("search")
def collective_list(request):
    shareable = clean_params(request.GET)
    is_partial = request.htmx and not request.htmx.history_restore_request
    if not is_partial and _pairs(shareable) != _pairs(request.GET):
        # Empty fields of a submitted form make long URLs; send people to the short one.
        return HttpResponseRedirect(url_with("collectives", shareable))
    page, page_error = page_number(request.GET)
    query, errors = parse_filters(request.GET, page)
    form = FilterForm(request.GET)
    context = {
        "form": form,
        "errors": errors + ([labelled(page_error)] if page_error else []),
        "active_filters": active_filters(request.GET, form),
        "map_url": url_with("map", clean_params(request.GET, FILTER_PARAMS)),
        **(_result_page(request, query, page, shareable) if query else {"total": None}),
    }
    template = "registry/directory_results.html" if is_partial else "registry/directory.html"
    response = render(request, template, context)
    if is_partial:
        push_url(response, url_with("collectives", shareable))
    patch_vary_headers(response, ["HX-Request"])
    return response


def _pairs(params):
    return sorted((name, value) for name, values in params.lists() for value in values)


def _result_page(request, query, page, shareable):
    caching_http.shows_listing(request, scopes.of_query(query))
    matching = filter_collectives(query, policy.visible_collectives(request.user))
    total, broad, rows = directory_page(query, matching, LIST_FIELDS)
    return {
        "total": total,
        "broad": broad,
        "collectives": rows,
        "pagination": pagination(page, total, shareable),
    }


def url_with(name, params, *args):
    url = reverse(name, args=args)
    return f"{url}?{params.urlencode()}" if params else url


def _page_query(params, number):
    params = params.copy()
    params.pop(PAGE_PARAM, None)
    if number > 1:
        params[PAGE_PARAM] = str(number)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


def pagination(page, total, params):
    """Page links: first, last, and two either side of the current page, with gaps as None."""
    last = max(1, -(-total // PAGE_SIZE))
    shown = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    links, previous = [], 0
    for number in shown:
        if number - previous > 1:
            links.append(None)
        links.append({"number": number, "query": _page_query(params, number)})
        previous = number
    return {
        "page": page,
        "last": last,
        "out_of_range": page > last,
        "links": links if last > 1 else [],
        "previous": _page_query(params, page - 1) if 1 < page <= last else None,
        "next": _page_query(params, page + 1) if page < last else None,
        "first_index": min(total, (page - 1) * PAGE_SIZE + 1),
        "last_index": min(total, page * PAGE_SIZE),
    }


# Collective page


def collective_detail(request, slug):
    collective = (
        policy.visible_collectives(request.user)
        .select_related("municipality__province")
        .prefetch_related(
            "works_in",
            "domains",
            Prefetch("networks", queryset=Network.objects.order_by("name")),
        )
        .filter(slug=slug)
        .first()
    )
    if collective is None:
        moved = FormerSlug.moved_to(slug)
        if moved:  # merged into another record: its page, for good
            return redirect("collective", moved, permanent=True)
        raise Http404
    caching_http.shows_collective(request, collective.pk, content=(scopes.COLLECTIVE, slug))
    facts = list(collective.facts.order_by("year"))
    networks = list(collective.networks.all())
    works_in = list(collective.works_in.all())
    page_url = request.build_absolute_uri(collective.get_absolute_url())
    return render(
        request,
        "registry/collective_detail.html",
        {
            "collective": collective,
            "characteristics": [
                {"label": label, "help": help_text, "value": getattr(collective, code)}
                for code, label, help_text in CHARACTERISTICS
            ],
            "domains": [d.get_domain_display() for d in collective.domains.all()],
            "works_in": works_in,
            "networks": networks,
            "facts_table": _facts_table(facts),
            "facts_chart": _facts_chart(facts),
            "facts_years": _year_span(facts),
            "mini_map": {
                "lat": collective.public_lat,
                "lon": collective.public_lon,
                "outline": _outline(collective.municipality_id),
            },
            "jsonld": jsonld.organization(collective, page_url, networks, works_in),
            "can_edit": policy.can_edit_collective(request.user, collective),
            "can_verify": policy.can_verify_collective(request.user),
            "can_see_audit": policy.can_see_audit(request.user, collective),
            # Its editor rows alone, not the users': what the page's digest reads (scopes.py).
            "is_unclaimed": not Collective.editors.through.objects.filter(
                collective=collective
            ).exists(),
            "life_events": history.shown_events(collective),
        },
    )


FACT_ROWS = [
    ("members", "count"),
    ("volunteers", "count"),
    ("paid_staff", "count"),
    ("people_reached", "count"),
    *[(name, "euro") for name in YearlyFacts.INCOME_FIELDS],
]


def _facts_table(facts):
    """Rows of (label, unit, values per year); None stays None so the page says 'onbekend'."""
    if not facts:
        return None
    rows = [
        {
            "label": YearlyFacts._meta.get_field(name).verbose_name,
            "unit": unit,
            "values": [getattr(f, name) for f in facts],
        }
        for name, unit in FACT_ROWS
    ]
    rows.append(
        {
            "label": _("Inkomsten totaal (€)"),
            "unit": "euro",
            "total": True,
            "values": [f.income_total for f in facts],
        }
    )
    return {"years": [f.year for f in facts], "rows": rows}


def _facts_chart(facts):
    return charts.line_chart(
        [f.year for f in facts],
        [
            ("members", _("Leden"), [f.members for f in facts]),
            ("volunteers", _("Vrijwilligers"), [f.volunteers for f in facts]),
        ],
    )


def _year_span(facts):
    if not facts:
        return ""
    first, last = facts[0].year, facts[-1].year
    return str(first) if first == last else f"{first}–{last}"


def _outline(municipality_code):
    """The seat municipality's outline as GeoJSON, so the small map needs no tiles."""
    codes, geometries, _tree = municipality_shapes()
    try:
        geometry = geometries[codes.index(municipality_code)]
    except ValueError:
        return None
    return {"type": "Feature", "properties": {}, "geometry": geometry.__geo_interface__}


# Forms

NEW_COLLECTIVE_INITIAL = {"status": "actief", **{code: True for code, *_rest in CHARACTERISTICS}}


@login_required
def collective_create(request):
    if not request.user.email_confirmed:
        return account_views.confirm_first(request)
    if request.method == "POST":
        try:
            collective = actions.create_collective(request.user, request.POST)
        except actions.ActionError as error:
            form = error.form
        else:
            messages.success(
                request, _("%(name)s is aangemeld. Dank je wel!") % {"name": collective.name}
            )
            return redirect(collective)
    else:
        form = CollectiveForm(initial=NEW_COLLECTIVE_INITIAL)
    return _collective_form_page(request, form, None, version="")


@login_required
def collective_edit(request, slug):
    collective = _editable(request, slug)
    version = versions.collective_version(collective)
    if request.method == "POST":
        try:
            actions.update_collective(request.user, collective, request.POST)
        except actions.ActionError as error:
            form = error.form
            version = error.version or request.POST.get("version", "")
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect(collective)
    else:
        form = CollectiveForm(
            initial=actions.collective_form_initial(collective), instance=collective
        )
    return _collective_form_page(request, form, collective, version)


def _editable(request, slug):
    collective = get_object_or_404(
        policy.visible_collectives(request.user).select_related("municipality"), slug=slug
    )
    if not policy.can_edit_collective(request.user, collective):
        raise PermissionDenied(_("Je bent geen redacteur van dit collectief."))
    return collective


def _collective_form_page(request, form, collective, version):
    return render(
        request,
        "registry/collective_form.html",
        {
            "form": form,
            "collective": collective,
            "version": version,
            "municipality_candidates": _municipality_candidates(form),
            "characteristic_fields": [form[code] for code, *_rest in CHARACTERISTICS],
        },
    )


def _municipality_candidates(form):
    """When a typed name fits several municipalities, offer them as choices."""
    if not (form.is_bound and "municipality" in form.errors):
        return []
    return resolve_municipality(form.data.get("municipality", "")).candidates


HELD_BACK_MESSAGE = gettext_lazy(
    "Een van de aantallen over %(year)s is groter dan het aantal inwoners van de gemeente. "
    "Klopt het, dan bevestigt Opmars het; tot dan telt het niet mee in de monitor."
)


@login_required
def collective_facts(request, slug):
    collective = _editable(request, slug)
    if request.method == "POST":
        try:
            facts = actions.save_yearly_facts(request.user, collective, request.POST)
        except actions.ActionError as error:
            form = error.form
            version = error.version or request.POST.get("version", "")
        else:
            messages.success(
                request, _("De cijfers over %(year)s zijn opgeslagen.") % {"year": facts.year}
            )
            if facts.review == Review.OPEN:
                messages.warning(request, HELD_BACK_MESSAGE % {"year": facts.year})
            return redirect(collective)
    else:
        initial, version = _facts_initial(collective, request.GET.get("jaar"))
        form = YearlyFactsForm(initial=initial, collective=collective)
        if not collective.facts.filter(year=initial["year"]).exists():
            earlier = collective.facts.filter(year__lt=initial["year"]).order_by("-year")
            form.show_earlier(earlier.first())
    return render(
        request,
        "registry/facts_form.html",
        {
            "form": form,
            "collective": collective,
            "version": version,
            "known_years": list(collective.facts.order_by("-year").values_list("year", flat=True)),
        },
    )


def _facts_initial(collective, year):
    """The form's initial values for the year, and the version they were loaded from."""
    year = int(year) if year and year.isdigit() else current_year() - 1
    existing = collective.facts.filter(year=year).first()
    initial = model_to_dict(existing) if existing else {"year": year}
    return initial, versions.facts_version(existing, year)


@require_POST
@login_required
def collective_verify(request, slug):
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    actions.verify_collective(request.user, collective)
    messages.success(request, _("%(name)s is geverifieerd.") % {"name": collective.name})
    return redirect(collective)


# Staff: the queue of new registrations


def _registrations():
    """Collectives to check, newest first, still listed: new ones people registered themselves
    (on the site or by the API, not by an import or the demo) that Opmars has not verified yet,
    and verified ones whose details were changed after their last verification."""
    registered = AuditEvent.objects.filter(action=AuditAction.COLLECTIVE_CREATE).values(
        "collective_pk"
    )
    return (
        Collective.objects.filter(is_unlisted=False)
        .annotate(
            verified_at=_last_event(AuditAction.COLLECTIVE_VERIFY),
            changed_at=_last_event(AuditAction.COLLECTIVE_UPDATE),
        )
        .filter(
            Q(pk__in=registered, is_verified=False)
            | Q(is_verified=True, changed_at__gt=F("verified_at"))
        )
        .order_by("-created_at", "-pk")
    )


def _last_event(action):
    events = AuditEvent.objects.filter(collective_pk=OuterRef("pk"), action=action)
    return Subquery(events.order_by("-created_at").values("created_at")[:1])


@login_required
def verify_queue(request):
    """Staff check new registrations: verify a real one, or take one that is not real off
    the public list (both audited by their actions)."""
    if not policy.can_verify_collective(request.user):
        raise PermissionDenied(_("Alleen medewerkers van Opmars verifiëren nieuwe aanmeldingen."))
    if request.method == "POST":
        collective = get_object_or_404(_registrations(), pk=request.POST.get("collective"))
        if request.POST.get("decision") == "unlist":
            account_actions.set_unlisted(request.user, collective, True)
            done = _("%(name)s staat niet meer op de openbare lijst.")
        else:
            actions.verify_collective(request.user, collective)
            done = _("%(name)s is geverifieerd.")
        messages.success(request, done % {"name": collective.name})
        page = _page(request)
        return redirect(reverse("verify_queue") + (f"?{PAGE_PARAM}={page}" if page > 1 else ""))
    pending = _registrations()
    total = pending.count()
    page = _page(request)
    start = (page - 1) * PAGE_SIZE
    rows = pending.select_related("municipality")[start : start + PAGE_SIZE]
    context = {
        "collectives": rows,
        "total": total,
        "pagination": pagination(page, total, request.GET),
    }
    return render(request, "registry/verify_queue.html", context)


def _page(request):
    number = request.GET.get(PAGE_PARAM, "")
    return int(number) if number.isdigit() and int(number) > 0 else 1
