"""Every write to the financing routes register: staff and network admins only, validated by
forms.RouteForm, in one transaction, with an audit event (docs/finance-routes.md).

The web forms, the CSV import (page and command line) and the demo seed all come through here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.audit import AuditAction, record
from opmars.common import register_import
from opmars.common.errors import ActionError, error_list

# The import's names, as they were before the import moved to opmars.common.register_import.
from opmars.common.register_import import ERRORS_SHOWN, MAX_ROWS, ImportPlan, ImportProblem  # noqa: F401
from opmars.common.register_import import decode as _decode  # noqa: F401
from opmars.finance.forms import RouteForm
from opmars.finance.models import FinanceRoute

# The CSV's columns (Dutch, as a spreadsheet user writes them) and the form field of each.
COLUMNS = {
    "naam": "name",
    "aanbieder": "provider",
    "soort_route": "route_type",
    "niveau": "level",
    "gebied": "area",
    "soorten": "kinds",
    "rechtsvormen": "legal_forms",
    "fasen": "phases",
    "bedrag_vanaf": "amount_min",
    "bedrag_tot": "amount_max",
    "opent": "opens",
    "sluit": "closes",
    "doorlopend": "is_ongoing",
    "beschrijving": "description",
    "bron": "source_url",
    "laatst_nagekeken": "last_checked",
    "fictief": "is_demo",
}
REQUIRED_COLUMNS = ("naam", "aanbieder", "soort_route", "niveau", "bron", "laatst_nagekeken")
# What the audit log keeps of a route, before and after.
FIELDS = (
    "name", "provider", "route_type", "level", "province", "municipality", "kinds",
    "legal_forms", "phases", "amount_min", "amount_max", "opens", "closes", "is_ongoing",
    "description", "source_url", "last_checked", "is_demo",
)  # fmt: skip


def check_manager(actor):
    if not policy.can_manage_finance_routes(actor):
        raise PermissionDenied(
            _(
                "Alleen medewerkers van Opmars en beheerders van een netwerk houden de "
                "financieringsroutes bij."
            )
        )


def snapshot(route):
    return {name: register_import.audit_text(getattr(route, name)) for name in FIELDS}


def _write(actor, cleaned, route=None, via=""):
    """Create or change a route from validated data; returns (route, change) where change is
    "nieuw", "gewijzigd" or "ongewijzigd". Call inside a transaction."""
    before = snapshot(route) if route is not None else None
    route = route or FinanceRoute()
    for name in FIELDS:
        value = cleaned.get(name)
        if name == "description" and value is None:
            value = ""
        setattr(route, name, value)
    route.name, route.provider = route.name.strip(), route.provider.strip()
    after = snapshot(route)
    if before == after:
        return route, "ongewijzigd"
    route.save()
    changes = {k: [before.get(k) if before else None, v] for k, v in after.items()
               if before is None or before.get(k) != v}  # fmt: skip
    changes["nieuw"] = before is None
    if via:
        changes["via"] = via
    record(actor, AuditAction.FINANCE_ROUTE_SAVE, route, changes)
    return route, "nieuw" if before is None else "gewijzigd"


def _validated(form):
    if not form.is_valid():
        raise ActionError(error_list(form), form=form)
    return form.cleaned_data


@transaction.atomic
def create_route(actor, form: RouteForm) -> FinanceRoute:
    """A new route from its form; ActionError (with every field's message) when it is not
    valid, PermissionDenied for anyone but staff and network admins."""
    check_manager(actor)
    route, _change = _write(actor, _validated(form))
    return route


@transaction.atomic
def update_route(actor, route: FinanceRoute, form: RouteForm) -> FinanceRoute:
    """Change a route from its form (made with route=route, so its own name is no clash)."""
    check_manager(actor)
    route, _change = _write(actor, _validated(form), route=route)
    return route


@transaction.atomic
def archive_route(actor, route: FinanceRoute) -> FinanceRoute:
    """Take a route off the list and out of matching; it stays for the log and old links."""
    check_manager(actor)
    if route.archived_at is None:
        route.archived_at = timezone.now()
        route.save(update_fields=["archived_at", "updated_at"])
        record(actor, AuditAction.FINANCE_ROUTE_ARCHIVE, route, {"naam": route.name})
    return route


# --- CSV import -----------------------------------------------------------------------------


def read_csv(data: bytes | str):
    """[(row number, {column: text})] from CSV text with ; or , between the cells."""
    return register_import.read_csv(data, COLUMNS, REQUIRED_COLUMNS, MAX_ROWS)


def _form_data(row):
    data = {COLUMNS[column]: value for column, value in row.items() if column in COLUMNS}
    for flag in ("is_demo", "is_ongoing"):
        data[flag] = data.get(flag, "").lower() in register_import.TRUE_WORDS
    for choice in ("route_type", "level"):
        data[choice] = data.get(choice, "").lower()
    for amount in ("amount_min", "amount_max"):
        # 25.000 or 25 000 as a spreadsheet writes it; a euro sign is fine too.
        data[amount] = data.get(amount, "").replace("€", "").replace(".", "").replace(" ", "")
    return data


def _existing(row):
    name, provider = row.get("naam", "").strip(), row.get("aanbieder", "").strip()
    if not (name and provider):
        return None
    return FinanceRoute.objects.filter(
        name__iexact=name, provider__iexact=provider, archived_at=None
    ).first()


def _check_rows(rows):
    """Validate every row; returns ([(number, cleaned, existing route)], errors). A route is
    known by its name and provider; two rows for the same route clash."""
    checked, errors, seen = [], [], {}
    for number, row in rows:
        existing = _existing(row)
        form = RouteForm(_form_data(row), route=existing)
        if not form.is_valid():
            errors += register_import.form_errors(
                number, form, _("rij %(n)s, veld '%(label)s': %(message)s")
            )
            continue
        key = (form.cleaned_data["name"].strip().lower(), form.cleaned_data["provider"].lower())
        if key in seen:
            errors.append(
                _("rij %(n)s: de route '%(name)s' van %(provider)s staat ook al in rij %(other)s.")
                % {
                    "n": number,
                    "name": form.cleaned_data["name"],
                    "provider": form.cleaned_data["provider"],
                    "other": seen[key],
                }
            )
            continue
        seen[key] = number
        checked.append((number, form.cleaned_data, existing))
    return checked, errors


def _import_row(actor, checked_row, via):
    number, data, existing = checked_row
    route, change = _write(actor, data, route=existing, via=via)
    return {
        "number": number,
        "name": route.name,
        "provider": route.provider,
        "level": route.get_level_display(),
        "area": route.area_name,
        "change": change,
    }


def import_routes(actor, data, apply=False, *, check=True) -> ImportPlan:
    """Check a CSV of routes; with apply=True write all of it, or (any error) nothing. A dry run
    computes exactly what applying would do, inside a transaction it rolls back. check=False
    only for the operator's command line and the demo seed (no signed-in actor)."""
    if check:
        check_manager(actor)
    via = "import" if actor is not None else "opdrachtregel"
    return register_import.run_import(
        actor, data, read=read_csv, check=_check_rows, write_row=_import_row, apply=apply, via=via
    )


def load_seed(path):
    """The demo's routes from a CSV in opmars/data/ (the system writes them, audited as such).
    Raises ImportProblem when the file does not validate."""
    return register_import.load_seed(path, read=read_csv, check=_check_rows, write_row=_import_row)
