"""The CSV import of the registers staff keep by hand (the financing routes and the local
rights): reading the file, the dry run, the all-or-nothing apply, the demo seed and the upload
page. Each register gives its own columns, its row check (a form per row) and its write of one
row; everything else, and every message, is the same for both and lives here.

The flow: the upload is read (UTF-8, with or without byte-order mark, else Windows-1252; ; or ,
between the cells), every row is checked, and on any error nothing is written. A dry run does
exactly what applying would do inside a transaction it then rolls back, so the page shows what
would change; the same text is posted back to apply it."""

import csv
import io
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from opmars.common.lazytext import interpolated

MAX_ROWS = 5000
ERRORS_SHOWN = 50
# The page's upload limit; the message below names it.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# What a spreadsheet user writes for yes in a yes/no column.
TRUE_WORDS = {"ja", "j", "1", "true", "waar", "yes", "x"}


def choice_field(label: Any, choices: Sequence[tuple[str, Any]], what: Any) -> forms.ChoiceField:
    """A register form's choice, whose errors name what to choose and every code there is:
    a CSV row writes the code."""
    codes = [code for code, _label in choices]
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={
            "required": interpolated(gettext_noop("Kies %(what)s."), what=what),
            "invalid_choice": interpolated(
                gettext_noop("'%%(value)s' kennen we niet. Kies uit: %(codes)s."),
                codes=", ".join(codes),
            ),
        },
    )


def audit_text(value: Any) -> str:
    """A register field's value as the audit log keeps it, before and after a write: text,
    "ja"/"nee", codes joined by |, ISO dates, a municipality or province by its code and a
    collective by its slug; "" for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "|".join(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "code"):
        return value.code
    if hasattr(value, "slug"):
        return value.slug
    return str(value)


@dataclass
class ImportPlan:
    """What an import would do (dry run) or did: a row per register entry, or the errors."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    applied: bool = False

    def counts(self) -> dict[str, int]:
        result = {"nieuw": 0, "gewijzigd": 0, "ongewijzigd": 0}
        for row in self.rows:
            result[row["change"]] += 1
        return result


class ImportProblem(Exception):
    """The file as a whole cannot be read: empty, wrong columns or too many rows."""


def decode(data: bytes | str) -> str:
    """Text from an upload: UTF-8 (a byte-order mark dropped), else Windows-1252, which is
    what a Dutch Excel saves as 'CSV'."""
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("cp1252")
    return data.lstrip("\ufeff")


def read_csv(
    data: bytes | str, columns: Collection[str], required: Sequence[str], max_rows: int = MAX_ROWS
) -> list[tuple[int, dict[str, str]]]:
    """[(row number, {column: text})] from CSV text with ; or , between the cells. `columns`
    are the known column names, `required` those that must be there; column names are read
    without case, empty rows skipped, and rows numbered as a spreadsheet does (header is 1)."""
    text = decode(data)
    if not text.strip():
        raise ImportProblem(_("Het bestand is leeg."))
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in required if c not in header]
    if missing:
        raise ImportProblem(
            _("Deze kolommen ontbreken in de eerste regel: %(missing)s. Nodig zijn: %(needed)s.")
            % {"missing": ", ".join(missing), "needed": ", ".join(required)}
        )
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        raise ImportProblem(
            _("Deze kolommen kennen we niet: %(unknown)s. Mogelijke kolommen: %(columns)s.")
            % {"unknown": ", ".join(unknown), "columns": ", ".join(columns)}
        )
    rows = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        if any(row.values()):
            rows.append((number, row))
    if len(rows) > max_rows:
        raise ImportProblem(
            _("Het bestand heeft %(n)s rijen; hoogstens %(max)s kunnen in één keer.")
            % {"n": len(rows), "max": max_rows}
        )
    return rows


def form_errors(number: int, form: forms.BaseForm, message: str) -> list[str]:
    """One error per field of an invalid row's form, by the field's label; `message` is the
    register's (translated) wording with %(n)s, %(label)s and %(message)s."""
    errors = []
    for name, texts in form.errors.items():
        label = form.fields[name].label if name in form.fields else _("rij")
        errors.append(message % {"n": number, "label": label, "message": " ".join(map(str, texts))})
    return errors


def apply_rows(
    actor: Any, checked: Iterable[Any], via: str, write_row: Callable[..., Any]
) -> ImportPlan:
    """Write every checked row with write_row(actor, row, via), which returns the plan's row
    (with its "change"). Call inside a transaction."""
    plan = ImportPlan()
    for row in checked:
        plan.rows.append(write_row(actor, row, via))
    return plan


class _DryRun(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan


def run_import(
    actor: Any,
    data: bytes | str,
    *,
    read: Callable[..., Any],
    check: Callable[..., Any],
    write_row: Callable[..., Any],
    apply: bool = False,
    via: str = "import",
) -> ImportPlan:
    """Read the CSV with read(data), check its rows with check(rows) -> (checked, errors); with
    apply=True write all of it, or (any error) nothing. A dry run computes exactly what applying
    would do, inside a transaction it rolls back. The caller checks permission first."""
    try:
        rows = read(data)
    except ImportProblem as problem:
        return ImportPlan(errors=[str(problem)])
    checked, errors = check(rows)
    if errors:
        return ImportPlan(errors=errors)
    if not checked:
        return ImportPlan(errors=[_("Het bestand heeft geen rijen onder de kolomnamen.")])
    if apply:
        with transaction.atomic():
            plan = apply_rows(actor, checked, via, write_row)
        plan.applied = True
        return plan
    try:
        with transaction.atomic():
            raise _DryRun(apply_rows(None, checked, "proefrun", write_row))
    except _DryRun as dry:
        return dry.plan


def load_seed(
    path: Path,
    *,
    read: Callable[..., Any],
    check: Callable[..., Any],
    write_row: Callable[..., Any],
) -> ImportPlan:
    """The demo's entries from a CSV file (no actor: the system writes them, audited as such).
    Raises ImportProblem when the file does not validate."""
    rows = read(path.read_bytes())
    checked, errors = check(rows)
    if errors:
        raise ImportProblem("\n".join(errors[:ERRORS_SHOWN]))
    with transaction.atomic():
        return apply_rows(None, checked, "demo", write_row)


def import_page(
    request: HttpRequest,
    run: Callable[..., ImportPlan],
    *,
    columns: Collection[str],
    required: Sequence[str],
    template: str,
    done_url: str,
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The upload page: first a dry run (what would change, or every error per row); then the
    same text is sent back to apply it, all or nothing, and the user goes to done_url with the
    counts. run(actor, text, apply=...) is the register's import; the template includes
    web/includes/register_import.html."""
    plan, text = None, ""
    if request.method == "POST":
        upload = request.FILES.get("bestand")
        if upload is not None:
            if (upload.size or 0) > MAX_UPLOAD_BYTES:
                plan = ImportPlan(errors=[_("Het bestand is groter dan 2 MB.")])
            else:
                text = decode(upload.read())
                plan = run(request.user, text, apply=False)
        elif request.POST.get("tekst"):
            text = request.POST["tekst"]
            plan = run(request.user, text, apply=True)
            if plan.applied:
                counts = plan.counts()
                messages.success(
                    request,
                    _("Import gelukt: %(new)s nieuw, %(changed)s gewijzigd, %(same)s ongewijzigd.")
                    % {
                        "new": counts["nieuw"],
                        "changed": counts["gewijzigd"],
                        "same": counts["ongewijzigd"],
                    },
                )
                return redirect(done_url)
        else:
            plan = ImportPlan(errors=[_("Kies een CSV-bestand.")])
    page = {
        "plan": plan,
        "text": text,
        "columns": list(columns),
        "required": required,
        "shown_errors": plan.errors[:ERRORS_SHOWN] if plan else [],
        "more_errors": max(0, len(plan.errors) - ERRORS_SHOWN) if plan else 0,
    }
    return render(request, template, page | (context or {}))
