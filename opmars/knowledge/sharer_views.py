"""Knowledge sharers: the overview per municipality or network, its CSV for a reward scheme,
what a network logs, and a person's consent to be shown by name."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.accounts.models import User
from opmars.common.spreadsheet import dutch_csv
from opmars.geo.models import Municipality
from opmars.knowledge import actions, forms, sharers
from opmars.knowledge.models import HelpedMark, KnowledgeItem, SharingActivity, UsefulMark
from opmars.networks.models import Network


def _year(value):
    """The year asked for, or None (every year) when none or not a sensible one."""
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def scope(params):
    """(collectives, title of the scope, municipality, network, year) from the query string;
    an unknown municipality or network is a 404, never a silently wider list."""
    collectives = policy.public_collectives()
    municipality = network = None
    if code := params.get("gemeente", ""):
        municipality = get_object_or_404(Municipality, code=code)
        collectives = collectives.filter(municipality=municipality)
    if slug := params.get("netwerk", ""):
        network = get_object_or_404(Network, slug=slug)
        collectives = collectives.filter(membership__network=network)
    where = " · ".join(str(part.name) for part in (municipality, network) if part)
    year = _year(params.get("jaar", ""))
    return collectives, where or _("Nederland"), municipality, network, year


# The page shows the first ones; the download has them all.
SHOWN = 50


def sharers_page(request):
    collectives, where, municipality, network, year = scope(request.GET)
    credit = sharers.collective_credit(collectives, year)
    return render(
        request,
        "knowledge/sharers.html",
        {
            "where": where,
            "year": year,
            "municipality": municipality,
            "network": network,
            "collectives": credit[:SHOWN],
            "collective_count": len(credit),
            "people": sharers.consenting_people(collectives, year),
            "years": range(timezone.localdate().year, 2019, -1),
            "municipalities": Municipality.objects.order_by("name"),
            "query": request.GET.urlencode(),
        },
    )


CSV_FIGURES = [
    ("helped", _("dit hielp ons")),
    ("useful", _("nuttig gevonden")),
    ("answers", _("antwoorden op vragen")),
    ("activities", _("lezingen en bezoeken")),
    ("items", _("kennisitems")),
]


def sharers_csv(request):
    """The overview as a spreadsheet for a municipality or fund that rewards knowledge sharing:
    one row per collective, then the people who chose to be shown."""
    collectives, where, _m, _n, year = scope(request.GET)
    header = [
        _("soort"),
        _("naam"),
        _("gemeente"),
        _("adres op Opmars"),
        *[label for _code, label in CSV_FIGURES],
        _("samen bevestigd"),
        _("periode"),
        _("fictief voorbeeld"),
    ]
    period = str(year) if year else _("alle jaren")
    rows = [
        [
            kind,
            sharer.name,
            sharer.municipality,
            request.build_absolute_uri(sharer.url) if sharer.url else "",
            *[sharer.figures[code] for code, _label in CSV_FIGURES],
            sharer.total,
            period,
            _("ja") if sharer.is_demo else _("nee"),
        ]
        for kind, group in (
            (_("collectief"), sharers.collective_credit(collectives, year)),
            (_("persoon (met toestemming)"), sharers.consenting_people(collectives, year)),
        )
        for sharer in group
    ]
    response = HttpResponse(dutch_csv(header, rows), content_type="text/csv; charset=utf-8")
    name = f"kennisdelers-{request.GET.get('gemeente') or request.GET.get('netwerk') or 'nl'}"
    response["Content-Disposition"] = f'attachment; filename="{name}-{period}.csv"'
    return response


def network_sharing(request, slug):
    """What a network's members shared; its admins log talks and visits here."""
    network = get_object_or_404(Network, slug=slug)
    can_manage = policy.can_manage_network(request.user, network)
    members = actions.network_members(network)
    form = forms.SharingActivityForm(members=members) if can_manage else None
    if request.method == "POST":
        try:
            actions.log_sharing_activity(request.user, network, request.POST)
        except actions.ActionError as exc:
            form = exc.form
        else:
            messages.success(request, _("De kennisdeling is vastgelegd."))
            return redirect("network_sharing", slug=network.slug)
    public_members = members.filter(pk__in=policy.public_collectives().values("id"))
    return render(
        request,
        "knowledge/network_sharing.html",
        {
            "network": network,
            "can_manage": can_manage,
            "form": form,
            "collectives": sharers.collective_credit(public_members),
            "activities": SharingActivity.objects.filter(network=network)
            .filter(collective__in=public_members)
            .select_related("collective")[:100],
        },
    )


@require_POST
@login_required
def sharing_activity_remove(request, pk):
    activity = get_object_or_404(SharingActivity.objects.select_related("network"), pk=pk)
    actions.remove_sharing_activity(request.user, activity)
    messages.success(request, _("De kennisdeling is verwijderd."))
    return redirect("network_sharing", slug=activity.network.slug)


@require_POST
@login_required
def sharer_consent(request):
    shown = request.POST.get("tonen") == "ja"
    actions.set_sharer_consent(request.user, shown)
    if shown:
        messages.success(request, _("Je staat nu met je naam bij de kennisdelers."))
    else:
        messages.success(request, _("Je naam staat niet meer bij de kennisdelers."))
    return redirect("account")


MARKS = {"nuttig": UsefulMark, "hielp": HelpedMark}


def marks_queue(request):
    """Staff see the latest marks and take away the ones that are abuse."""
    if not policy.can_moderate(request.user):
        raise PermissionDenied
    if request.method == "POST":
        model = MARKS.get(request.POST.get("soort", ""))
        if model is None:
            raise Http404
        actions.remove_mark(request.user, get_object_or_404(model, pk=request.POST.get("id")))
        messages.success(request, _("De markering telt niet meer mee."))
        return redirect("marks_queue")
    return render(
        request,
        "knowledge/marks_queue.html",
        {
            "useful": UsefulMark.objects.select_related("item", "user").order_by("-created_at")[
                :100
            ],
            "helped": HelpedMark.objects.select_related("helper", "helped", "marked_by").order_by(
                "-created_at"
            )[:100],
        },
    )


def person(request, pk):
    """A knowledge sharer who chose to be shown: what they shared, for whom, when."""
    shown = get_object_or_404(User, pk=pk, shows_as_sharer=True, is_active=True)
    if not shown.get_full_name():
        raise Http404
    public = policy.public_collectives()
    return render(
        request,
        "knowledge/sharer_person.html",
        {
            "person": shown,
            "items": KnowledgeItem.objects.filter(created_by=shown, collectives__in=public)
            .select_related("answer_to__collective")
            .distinct()
            .order_by("-created_at")[:100],
            "helped": HelpedMark.objects.filter(
                message__replies__author=shown,
                message__replies__from_recipient=True,
                helper__in=public,
            )
            .select_related("helper", "helped")
            .distinct()
            .order_by("-created_at")[:100],
        },
    )
