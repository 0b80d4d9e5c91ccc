"""Network pages and the membership forms of network admins and collective editors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opmars.accounts import policy
from opmars.common.limits import limited
from opmars.networks import actions, analytics, peers, query
from opmars.networks.forms import PeerFilterForm
from opmars.networks.models import MembershipRequest, Network
from opmars.registry.vocab import Kind

MAP_POINTS = 3000
LIST_SIZE = 200
# A province's collectives without a network, all of them for the admin to invite (a few
# hundred in a province); a longer list is cut here and says so.
OUTSIDE_SIZE = 1000


def network_list(request):
    networks = query.networks_with_counts(Network.objects.select_related("province"))
    return render(request, "networks/network_list.html", {"networks": networks})


def network_detail(request, slug):
    network = get_object_or_404(Network.objects.select_related("province"), slug=slug)
    # Admins also see members that asked to be off the public listing.
    members = query.member_collectives(network, policy.visible_collectives(request.user))
    members = members.select_related("municipality").order_by("name")
    can_manage = policy.can_manage_network(request.user, network)
    context = {
        "network": network,
        "figures": query.figures(network),
        "members": members[:LIST_SIZE],
        "member_count": members.count(),
        "map_points": _map_points(members),
        "can_manage": can_manage,
        "joinable": _joinable(request.user, network),
        "invitations": _invitations(request.user, network),
        **_extra_sections(network),
    }
    if can_manage:
        context.update(_admin_context(network, request.GET.get("soort", "")))
    return render(request, "networks/network_detail.html", context)


def _extra_sections(network):
    """Knowledge, open questions and this year's knowledge sharers among the members."""
    year = timezone.now().year
    return {
        **query.member_knowledge(network),
        "sharers": query.sharers(network, year),
        "sharers_year": year,
    }


def network_analytics(request):
    networks = list(Network.objects.order_by("kind", "name"))
    links = analytics.links_between_networks()
    provinces = analytics.coverage_by_province()
    return render(
        request,
        "networks/analytics.html",
        {
            "provinces": provinces,
            "total": sum(p["total"] for p in provinces),
            "isolated": sum(p["isolated"] for p in provinces),
            "links": links,
            "graph": analytics.graph(networks, links),
        },
    )


def _map_points(members):
    rows = members.values_list("slug", "name", "public_lat", "public_lon")[:MAP_POINTS]
    return [{"slug": s, "name": n, "lat": lat, "lon": lon} for s, n, lat, lon in rows]


def _joinable(user, network):
    """The collectives this user edits that could ask to join."""
    if not (user and user.is_authenticated):
        return []
    return list(
        policy.editable_collectives(user).exclude(membership__network=network).order_by("name")[:50]
    )


def _invitations(user, network):
    """Invitations of this network to collectives the user edits: theirs to accept."""
    if not (user and user.is_authenticated):
        return []
    return list(
        network.requests.filter(
            direction=MembershipRequest.Direction.INVITATION,
            collective__in=policy.editable_collectives(user),
        ).select_related("collective")
    )


def _admin_context(network, kind):
    """Requests, and the region's collectives without a network: all of them counted (as the
    analysis counts them), listed of one kind when the admin picks one (an unknown kind: all)."""
    outside = analytics.isolated(query.region_collectives(network))
    kind = kind if kind in Kind.values else ""
    listed = outside.filter(kind=kind) if kind else outside
    return {
        "pending": network.requests.select_related("collective").order_by("created_at"),
        "outside": listed.select_related("municipality").order_by("municipality__name", "name")[
            :OUTSIDE_SIZE
        ],
        "outside_count": outside.count(),
        "outside_kind": kind,
        "listed_count": listed.count(),
        "kinds": Kind.choices,
    }


def _collective_from_post(request):
    slug = (request.POST.get("collective") or "").strip()
    return policy.visible_collectives(request.user).filter(slug=slug).first()


def _run(request, action, *args):
    try:
        action(request.user, *args)
    except actions.ActionError as exc:
        for error in exc.errors:
            messages.error(request, error["message"])
        return False
    return True


@require_POST
@login_required
def network_invite(request, slug):
    network = get_object_or_404(Network, slug=slug)
    collective = _collective_from_post(request)
    if collective is None:
        messages.error(
            request, _("Dat collectief kennen we niet. Kies een collectief uit de lijst.")
        )
    elif _run(request, actions.invite, network, collective):
        messages.success(request, _("Uitnodiging verstuurd aan %(name)s.") % {"name": collective})
    return redirect(network)


@require_POST
@login_required
def network_request(request, slug):
    network = get_object_or_404(Network, slug=slug)
    collective = _collective_from_post(request)
    if collective is None:
        raise PermissionDenied
    if _run(request, actions.request_membership, network, collective):
        messages.success(request, _("Je verzoek is verstuurd naar het netwerk."))
    return redirect(network)


@require_POST
@login_required
def network_accept(request, slug, request_id):
    pending = get_object_or_404(MembershipRequest, pk=request_id, network__slug=slug)
    if _run(request, actions.accept, pending):
        messages.success(request, _("%(name)s is nu lid.") % {"name": pending.collective})
    return redirect(pending.network)


@require_POST
@login_required
def network_remove(request, slug):
    network = get_object_or_404(Network, slug=slug)
    collective = _collective_from_post(request)
    if collective is None:
        raise PermissionDenied
    if _run(request, actions.remove_member, network, collective):
        messages.success(request, _("%(name)s is geen lid meer.") % {"name": collective})
    return redirect(network)


@require_POST
@login_required
def collective_facts_consent(request, slug):
    """From the collective's 'Redactie en zichtbaarheid' page: one network may (or may no
    longer) write the collective's yearly facts."""
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    network = (request.POST.get("network") or "").strip()
    allowed = request.POST.get("allowed") == "1"
    if _run(request, actions.allow_facts_by_network, collective, network, allowed):
        done = (
            _("%(network)s mag jullie jaarcijfers nu bijwerken.")
            if allowed
            else _("%(network)s mag jullie jaarcijfers niet meer bijwerken.")
        )
        name = Network.objects.filter(slug=network).values_list("name", flat=True).first()
        messages.success(request, done % {"network": name})
    return redirect("collective_editors", slug=collective.slug)


# Leer van elkaar


@limited("peers")
def collective_peers(request, slug):
    """The full peer list with filters; htmx asks for the list alone (the collective page)."""
    collective = get_object_or_404(policy.visible_collectives(request.user), slug=slug)
    form = PeerFilterForm(request.GET or None)
    peer_query = form.peer_query() if form.is_valid() else peers.PeerQuery()
    context = {
        "collective": collective,
        "form": form,
        "peers": peers.find_peers(collective, peer_query),
        "radius_km": peer_query.radius_km,
    }
    template = (
        "networks/includes/peer_list.html" if request.htmx else "networks/collective_peers.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # a fragment or the whole page, per request
    return response
