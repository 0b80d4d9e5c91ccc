"""API: the knowledge library and open questions, needs and offers."""

from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from opmars.accounts.policy import public_collectives, visible_collectives, visible_questions
from opmars.api.errors import ApiError
from opmars.api.params import Offset, choices, limit
from opmars.api.schemas import ErrorResponse
from opmars.common.errors import field_error
from opmars.geo.models import Municipality
from opmars.knowledge import query, sharers
from opmars.knowledge.models import ItemType, PostKind, Resource
from opmars.networks.models import Network
from opmars.registry.vocab import Domain, Kind

router = Router(tags=["knowledge"])


class KnowledgeItemOut(Schema):
    slug: str
    title: str
    type: str
    summary: str
    url: str
    useful: int = Field(description="How many signed-in users marked it useful.")
    last_reviewed: date | None
    collectives: list[str] = Field(description="Slugs of collectives with experience.")
    demo: bool


class KnowledgeList(Schema):
    count: int
    items: list[KnowledgeItemOut]


class KnowledgeParams(Schema):
    q: str = Field("", description="Dutch words; word forms match (stemmed).")
    type: list[str] = choices(ItemType, "Kind of item.")
    collective_kind: list[str] = choices(Kind, "Tagged for this kind of collective.")
    domain: list[str] = choices(Domain, "Tagged with this domain.")
    limit: int = limit(50)
    offset: Offset = 0


def _checked(name, values, allowed):
    for value in values:
        if value not in allowed:
            message = _("Onbekende waarde '%(value)s' voor %(name)s. Kies uit: %(choices)s.") % {
                "value": value,
                "name": name,
                "choices": ", ".join(allowed),
            }
            raise ApiError(400, [field_error(name, "onbekende_waarde", message)])
    return values


@router.get(
    "/knowledge",
    response={200: KnowledgeList, 400: ErrorResponse},
    summary="Search the knowledge library",
)
def list_knowledge(request, params: Query[KnowledgeParams]):
    items = query.search_items(
        q=params.q.strip(),
        item_types=_checked("type", params.type, ItemType.values),
        collective_kinds=_checked("collective_kind", params.collective_kind, Kind.values),
        domains=_checked("domain", params.domain, Domain.values),
    )
    # Only the collectives this caller sees: an unlisted one stays out of sight here too.
    visible = Prefetch("collectives", queryset=visible_collectives(request.user))
    counted = query.items_with_counts(items).prefetch_related(visible)
    page = counted[params.offset : params.offset + params.limit]
    return {"count": items.count(), "items": [_item(request, i) for i in page]}


def _item(request, item):
    return {
        "slug": item.slug,
        "title": item.title,
        "type": item.item_type,
        "summary": item.summary,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "useful": item.useful_count,
        "last_reviewed": item.last_reviewed,
        "collectives": [c.slug for c in item.collectives.all()],
        "demo": item.is_demo,
    }


class QuestionOut(Schema):
    slug: str
    title: str
    kind: str = Field(description="vraag, behoefte or aanbod")
    resource: str = Field(description="kennis, geld, mensen, materialen or ruimte")
    collective: str
    url: str
    created_at: date
    demo: bool


class QuestionList(Schema):
    count: int
    items: list[QuestionOut]


class QuestionParams(Schema):
    kind: list[str] = choices(PostKind, "vraag, behoefte or aanbod.")
    resource: list[str] = choices(Resource, "kennis, geld, mensen, materialen or ruimte.")
    limit: int = limit(50)
    offset: Offset = 0


@router.get(
    "/questions",
    response={200: QuestionList, 400: ErrorResponse},
    summary="Open questions, needs and offers of collectives",
)
def list_questions(request, params: Query[QuestionParams]):
    questions = visible_questions(request.user).filter(is_open=True).select_related("collective")
    if params.kind:
        questions = questions.filter(kind__in=_checked("kind", params.kind, PostKind.values))
    if params.resource:
        questions = questions.filter(
            resource__in=_checked("resource", params.resource, Resource.values)
        )
    page = questions[params.offset : params.offset + params.limit]
    return {
        "count": questions.count(),
        "items": [
            {
                "slug": q.slug,
                "title": q.title,
                "kind": q.kind,
                "resource": q.resource,
                "collective": q.collective.slug,
                "url": request.build_absolute_uri(q.get_absolute_url()),
                "created_at": q.created_at.date(),
                "demo": q.is_demo,
            }
            for q in page
        ],
    }


class SharerFigures(Schema):
    helped: int = Field(description="Conversations the asker marked 'dit hielp ons'.")
    useful: int = Field(description="'Nuttig' marks on its knowledge items, self-marks excluded.")
    answers: int = Field(description="Knowledge items written to answer another's question.")
    activities: int = Field(description="Talks, visits and workshops a network logged.")
    items: int = Field(description="Knowledge items it has experience with (not in `total`).")


class SharerOut(Schema):
    type: str = Field(description="collective, or person (only with their consent)")
    name: str
    slug: str = Field(description="The collective's slug; empty for a person.")
    url: str
    municipality: str
    figures: SharerFigures
    total: int = Field(description="helped + useful + answers + activities; no weights.")
    demo: bool


class SharerList(Schema):
    year: int | None = Field(description="The year counted; null for every year.")
    count: int
    items: list[SharerOut]


class SharerParams(Schema):
    municipality: str = Field("", description="CBS code, e.g. GM0200.")
    network: str = Field("", description="A network's slug.")
    year: int | None = Field(None, ge=2000, le=2100, description="Count only this year.")


@router.get(
    "/knowledge-sharers",
    response={200: SharerList, 400: ErrorResponse},
    summary="Knowledge sharers: collectives, and people who agreed to be shown",
)
def list_knowledge_sharers(request, params: Query[SharerParams]):
    # Credit is public: collectives off the public listing stay out, whoever asks.
    collectives = public_collectives()
    if params.municipality:
        if not Municipality.objects.filter(code=params.municipality).exists():
            message = _("Er is geen gemeente met code '%(code)s'.") % {"code": params.municipality}
            raise ApiError(400, [field_error("municipality", "onbekend", message)])
        collectives = collectives.filter(municipality_id=params.municipality)
    if params.network:
        if not Network.objects.filter(slug=params.network).exists():
            message = _("Er is geen netwerk '%(slug)s'.") % {"slug": params.network}
            raise ApiError(400, [field_error("network", "onbekend", message)])
        collectives = collectives.filter(membership__network__slug=params.network)
    rows = [
        ("collective", sharer) for sharer in sharers.collective_credit(collectives, params.year)
    ] + [("person", sharer) for sharer in sharers.consenting_people(collectives, params.year)]
    return {
        "year": params.year,
        "count": len(rows),
        "items": [
            {
                "type": kind,
                "name": sharer.name,
                "slug": sharer.slug,
                "url": request.build_absolute_uri(sharer.url) if sharer.url else "",
                "municipality": sharer.municipality,
                "figures": sharer.figures,
                "total": sharer.total,
                "demo": sharer.is_demo,
            }
            for kind, sharer in rows
        ],
    }
