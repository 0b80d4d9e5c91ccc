"""Every write to the local rights register: staff and network admins only, validated by the
forms in forms.py, in one transaction, with an audit event (docs/local-rights.md).

The web forms, the CSV import and the demo seed all come through here."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from opmars.accounts import policy
from opmars.accounts.audit import AuditAction, record
from opmars.common import register_import

# The import's names, as they were before the import moved to opmars.common.register_import.
from opmars.common.register_import import ERRORS_SHOWN, MAX_ROWS, ImportPlan, ImportProblem  # noqa: F401
from opmars.rights.forms import LocalRightForm, RightCaseForm
from opmars.rights.models import LocalRight, RightCase

# The CSV's columns (Dutch, as a spreadsheet user writes them) and the form field of each.
COLUMNS = {
    "gemeente": "municipality",
    "recht": "right",
    "status": "status",
    "sinds": "since",
    "regeling": "instrument",
    "brondocument": "source_url",
    "brondatum": "source_date",
    "laatst_nagekeken": "last_checked",
    "toelichting": "note",
    "fictief": "is_demo",
}
REQUIRED_COLUMNS = ("gemeente", "recht", "status", "laatst_nagekeken")
ENTRY_FIELDS = ("status", "since", "instrument", "source_url", "source_date", "last_checked",
                "note", "is_demo")  # fmt: skip
CASE_FIELDS = ("municipality", "right", "collective", "year", "subject", "outcome",
               "source_url", "source_date", "note", "is_demo")  # fmt: skip


def check_manager(actor):
    if not policy.can_manage_local_rights(actor):
        raise PermissionDenied(
            _(
                "Alleen medewerkers van Opmars en beheerders van een netwerk houden lokale "
                "rechten bij."
            )
        )


def _entry_snapshot(entry):
    return {name: register_import.audit_text(getattr(entry, name)) for name in ENTRY_FIELDS}


def _write_entry(actor, cleaned, via=""):
    """Create or change the entry for (municipality, right); returns (entry, change) where
    change is "nieuw", "gewijzigd" or "ongewijzigd". Call inside a transaction."""
    entry = LocalRight.objects.filter(
        municipality=cleaned["municipality"], right=cleaned["right"]
    ).first()
    before = _entry_snapshot(entry) if entry else None
    if entry is None:
        entry = LocalRight(municipality=cleaned["municipality"], right=cleaned["right"])
    for name in ENTRY_FIELDS:
        value = cleaned.get(name)
        setattr(entry, name, "" if value is None and name in ("instrument", "source_url", "note")
                else value)  # fmt: skip
    after = _entry_snapshot(entry)
    if before == after:
        return entry, "ongewijzigd"
    entry.save()
    changes = {"gemeente": entry.municipality_id, "recht": entry.right}
    changes |= {k: [before.get(k) if before else None, v] for k, v in after.items()
                if before is None or before.get(k) != v}  # fmt: skip
    if via:
        changes["via"] = via
    record(actor, AuditAction.LOCAL_RIGHT_SAVE, entry, changes)
    return entry, "nieuw" if before is None else "gewijzigd"


@transaction.atomic
def save_local_right(actor, form: LocalRightForm):
    """Create or change one municipality's entry for one right from its validated form."""
    check_manager(actor)
    entry, _change = _write_entry(actor, form.cleaned_data)
    return entry


def _case_snapshot(case):
    return {name: register_import.audit_text(getattr(case, name)) for name in CASE_FIELDS}


@transaction.atomic
def save_case(actor, form: RightCaseForm, case: RightCase | None = None):
    """Create a case, or change `case`, from its validated form."""
    check_manager(actor)
    before = _case_snapshot(case) if case else None
    case = case or RightCase()
    for name in CASE_FIELDS:
        value = form.cleaned_data.get(name)
        setattr(case, name, "" if value is None and name in ("source_url", "note") else value)
    case.collective_name = case.collective.name
    case.save()
    after = _case_snapshot(case)
    changes = {k: [before.get(k) if before else None, v] for k, v in after.items()
               if before is None or before.get(k) != v}  # fmt: skip
    changes["nieuw"] = before is None
    record(actor, AuditAction.RIGHT_CASE_SAVE, case, changes)
    return case


@transaction.atomic
def delete_case(actor, case: RightCase):
    check_manager(actor)
    snapshot = _case_snapshot(case)
    record(actor, AuditAction.RIGHT_CASE_DELETE, case, {"verwijderd": snapshot})
    case.delete()


# --- CSV import -----------------------------------------------------------------------------


def read_csv(data: bytes | str):
    """[(row number, {column: text})] from CSV text with ; or , between the cells."""
    return register_import.read_csv(data, COLUMNS, REQUIRED_COLUMNS, MAX_ROWS)


def _form_data(row):
    data = {COLUMNS[column]: value for column, value in row.items() if column in COLUMNS}
    data["is_demo"] = data.get("is_demo", "").lower() in register_import.TRUE_WORDS
    data["status"] = data.get("status", "").lower()
    data["right"] = data.get("right", "").lower()
    return data


def _check_rows(rows):
    """Validate every row; returns (cleaned rows, errors). Two rows for the same entry clash."""
    cleaned, errors, seen = [], [], {}
    for number, row in rows:
        form = LocalRightForm(_form_data(row))
        if not form.is_valid():
            errors += register_import.form_errors(
                number, form, _("rij %(n)s, %(label)s: %(message)s")
            )
            continue
        key = (form.cleaned_data["municipality"].code, form.cleaned_data["right"])
        if key in seen:
            errors.append(
                _("rij %(n)s: %(right)s in %(name)s staat ook al in rij %(other)s.")
                % {
                    "n": number,
                    "right": key[1],
                    "name": form.cleaned_data["municipality"].name,
                    "other": seen[key],
                }  # fmt: skip
            )
            continue
        seen[key] = number
        cleaned.append((number, form.cleaned_data))
    return cleaned, errors


def _import_row(actor, checked_row, via):
    number, data = checked_row
    _entry, change = _write_entry(actor, data, via=via)
    return {
        "number": number,
        "municipality": data["municipality"].name,
        "code": data["municipality"].code,
        "right": data["right"],
        "status": data["status"],
        "change": change,
    }


def import_rights(actor, data, apply=False) -> ImportPlan:
    """Check a CSV of rights entries; with apply=True write all of it, or (any error) nothing.
    A dry run computes exactly what applying would do, inside a transaction it rolls back."""
    check_manager(actor)
    return register_import.run_import(
        actor, data, read=read_csv, check=_check_rows, write_row=_import_row, apply=apply
    )


def load_seed(path):
    """The demo's rights entries from a CSV in opmars/data/ (no actor: the system writes them,
    audited as such). Raises ImportProblem when the file does not validate."""
    return register_import.load_seed(path, read=read_csv, check=_check_rows, write_row=_import_row)
