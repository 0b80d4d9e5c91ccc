"""Filtering the register, the same for the list page and the API: by kind, legal form and phase
(a route without conditions on one of them is open to every value), and by place (the routes
that apply there: national, its province, its municipalities)."""

import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from opmars.common.errors import QueryError, field_error
from opmars.finance.models import FinanceRoute, Level, Phase
from opmars.geo.models import Municipality, Province
from opmars.registry.vocab import Kind, LegalForm


def current_routes(day: datetime.date):
    """Routes not archived and not closed on `day` (open now, or opening later)."""
    return (
        FinanceRoute.objects.filter(archived_at=None)
        .filter(Q(is_ongoing=True) | Q(closes__gte=day))
        .select_related("province", "municipality")
    )


def _check(errors, name, value, choices, what):
    if value and value not in choices.values:
        errors.append(
            field_error(
                name,
                "invalid_choice",
                _("'%(value)s' kennen we niet als %(what)s. Kies uit: %(codes)s.")
                % {"value": value, "what": what, "codes": ", ".join(choices.values)},
            )
        )


def filter_routes(
    routes, *, kind="", legal_form="", phase="", province="", municipality="", names=None
) -> list[FinanceRoute]:
    """The routes of the queryset that pass every filter given. Unknown codes raise QueryError
    naming the parameter (`names` maps a filter to the parameter's name as the caller shows
    it, e.g. the page's Dutch labels)."""
    names = names or {}
    errors = []
    _check(errors, names.get("kind", "kind"), kind, Kind, _("soort collectief"))
    _check(errors, names.get("legal_form", "legal_form"), legal_form, LegalForm, _("rechtsvorm"))
    _check(errors, names.get("phase", "phase"), phase, Phase, _("fase"))
    place = None
    if municipality:
        place = Municipality.objects.filter(code=municipality.upper()).first()
        if place is None:
            errors.append(
                field_error(
                    names.get("municipality", "municipality"),
                    "not_found",
                    _("Er is geen gemeente met code %(code)s. Gebruik een CBS-code zoals GM0363.")
                    % {"code": municipality},
                )
            )
    elif province:
        place = Province.objects.filter(code=province.upper()).first()
        if place is None:
            errors.append(
                field_error(
                    names.get("province", "province"),
                    "not_found",
                    _("Er is geen provincie met code %(code)s. Gebruik een CBS-code zoals PV25.")
                    % {"code": province},
                )
            )
    if errors:
        raise QueryError(errors)
    if isinstance(place, Municipality):
        routes = routes.filter(
            Q(level=Level.LANDELIJK)
            | Q(level=Level.PROVINCIAAL, province_id=place.province_id)
            | Q(level=Level.GEMEENTELIJK, municipality_id=place.code)
        )
    elif isinstance(place, Province):
        routes = routes.filter(
            Q(level=Level.LANDELIJK)
            | Q(level=Level.PROVINCIAAL, province_id=place.code)
            | Q(level=Level.GEMEENTELIJK, municipality__province_id=place.code)
        )
    # The lists are JSON (a few hundred routes at most): checked here, the same on SQLite and
    # PostgreSQL.
    return [
        route
        for route in routes
        if (not kind or not route.kinds or kind in route.kinds)
        and (not legal_form or not route.legal_forms or legal_form in route.legal_forms)
        and (not phase or not route.phases or phase in route.phases)
    ]
