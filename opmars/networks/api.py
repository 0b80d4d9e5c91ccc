"""API: networks and peer matching."""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from opmars.accounts.policy import visible_collectives
from opmars.api.errors import ApiError, not_found
from opmars.api.params import MIN_RADIUS_KM, choices, limit
from opmars.api.schemas import ErrorResponse
from opmars.caching import http as caching_http
from opmars.common import limits
from opmars.common.errors import field_error
from opmars.networks import peers, query
from opmars.networks.models import Network
from opmars.registry.vocab import Kind

router = Router(tags=["networks"])


class Peer(Schema):
    slug: str
    name: str
    score: float = Field(description="0..1, the weighted share of a perfect match.")
    distance_km: float = Field(description="Between the two public points, in km.")
    reasons: list[str] = Field(description="Why this peer matches, in Dutch words.")


class PeerList(Schema):
    count: int
    items: list[Peer]


class PeerParams(Schema):
    limit: int = limit(10, maximum=50)
    radius_km: float = Field(
        peers.DEFAULT_RADIUS_KM,
        ge=MIN_RADIUS_KM,
        le=peers.MAX_RADIUS_KM,
        description="Search radius in km.",
    )
    kind: list[str] = choices(Kind, "Only peers of these kinds.")


def _kinds(values):
    unknown = [v for v in values if v not in Kind.values]
    if unknown:
        message = _("Onbekende soort '%(value)s'. Kies uit: %(choices)s.") % {
            "value": unknown[0],
            "choices": ", ".join(Kind.values),
        }
        raise ApiError(400, [field_error("kind", "onbekende_waarde", message)])
    return tuple(values)


@router.get(
    "/collectives/{slug}/peers",
    response={200: PeerList, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse},
    summary="Peers to learn from ('leer van elkaar'), ranked, with reasons",
)
def list_peers(request, slug: str, params: Query[PeerParams]):
    limits.check(request, "peers")
    collective = visible_collectives(request.user).filter(slug=slug).first()
    if collective is None:
        raise not_found("slug", _("Er is geen collectief met slug '%(slug)s'.") % {"slug": slug})
    peer_query = peers.PeerQuery(
        limit=params.limit, radius_km=params.radius_km, kinds=_kinds(params.kind)
    )
    matches = peers.find_peers(collective, peer_query)
    return {"count": len(matches), "items": [m.__dict__ for m in matches]}


class NetworkFigure(Schema):
    code: str
    label: str
    value: int | None
    unit: str
    definition: str
    year: int
    source: str


class NetworkItem(Schema):
    slug: str
    name: str
    kind: str
    province: str | None = Field(description="CBS code of the province, if provincial.")
    member_count: int
    demo: bool


class NetworkList(Schema):
    count: int
    items: list[NetworkItem]


class NetworkDetail(NetworkItem):
    description: str
    website: str
    figures: list[NetworkFigure]
    members: list[dict] = Field(description="slug, name and municipality code of each member.")


def _network_item(network):
    return {
        "slug": network.slug,
        "name": network.name,
        "kind": network.kind,
        "province": network.province_id,
        "member_count": network.member_count,
        "demo": network.is_demo,
    }


@router.get("/networks", response={200: NetworkList}, summary="All networks with member counts")
def list_networks(request):
    # Names and member counts: what lists show of collectives, not their figures.
    caching_http.shows_listing(request, [])
    networks = query.networks_with_counts(Network.objects.all())
    return {"count": len(networks), "items": [_network_item(n) for n in networks]}


@router.get(
    "/networks/{slug}",
    response={200: NetworkDetail, 404: ErrorResponse},
    summary="One network: figures (with definition, unit, year, source) and members",
)
def get_network(request, slug: str):
    network = next(iter(query.networks_with_counts(Network.objects.filter(slug=slug))), None)
    if network is None:
        raise not_found(
            "slug",
            _("Er is geen netwerk met slug '%(slug)s'. Zie /api/v1/networks.") % {"slug": slug},
        )
    members = query.member_collectives(network).order_by("name")
    return {
        **_network_item(network),
        "description": network.description,
        "website": network.website,
        "figures": [
            {
                **row,
                "label": str(row["label"]),
                "unit": str(row["unit"]),
                "definition": str(row["definition"]),
                "source": str(row["source"]),
            }
            for row in query.figures(network)["rows"]
        ],
        "members": [
            {"slug": s, "name": n, "municipality": m}
            for s, n, m in members.values_list("slug", "name", "municipality_id")
        ],
    }
