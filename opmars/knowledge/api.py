"""API: the knowledge library and open questions, needs and offers."""

from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from opmars.accounts.policy import visible_collectives, visible_questions
from opmars.api.errors import ApiError
from opmars.api.params import Offset, choices, limit
from opmars.api.schemas import ErrorResponse
from opmars.common.errors import field_error
from opmars.knowledge import query
from opmars.knowledge.models import ItemType, PostKind, Resource
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
