"""Importing impact outcomes: one row per outcome, the rows of one collective and year together
form that year's impact report. Validation, calculation, writing and audit are the impact app's
own (ReportForm, OutcomeForm, actions.write_report); this module only groups rows and says per
row what will happen.

A report that exists as a draft is replaced by the file's outcomes; a published report is left
alone (its editors change it in Opmars), and re-importing the same file changes nothing.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from opmars.accounts.audit import AuditAction
from opmars.dataio import fields as F
from opmars.dataio.importing import (
    BATCH,
    CREATE,
    ERROR,
    SKIP,
    UNCHANGED,
    UPDATE,
    FactsImporter,
    RowError,
)
from opmars.impact import actions, forms
from opmars.impact.models import ImpactReport

OUTCOME_FIELDS = list(F.IMPACT_OUTCOME_SYNONYMS)
REPORT_FIELDS = list(F.IMPACT_REPORT_SYNONYMS)
# What makes two outcomes the same, to tell an unchanged report from a changed one.
COMPARED = ["indicator_id", "description", "quantity", "quantity_low", "quantity_high",
            "evidence_grade", "evidence_source", "deadweight", "attribution", "displacement",
            "adjustments_confirmed", "justification", "duration", "drop_off"]  # fmt: skip


@dataclass
class Group:
    collective: object
    year: int
    rows: list = field(default_factory=list)  # (outcome, values)
    data: dict | None = None  # the editor form's data, when the report is to be written
    existing: object = None


class ImpactImporter(FactsImporter):
    def __init__(self, actor, options, mapping, report):
        super().__init__(actor, options, mapping, report)
        self.groups = {}

    def plan(self, rows, progress=None):
        """All rows first (a report's outcomes may be anywhere in the file), then each report."""
        outcomes = []
        for number, cells in rows:
            outcomes.append(self.read(number, self.mapping.rows_as_fields(cells)))
            if progress and len(outcomes) % BATCH == 0:
                progress(len(outcomes))
        for group in self.groups.values():
            self.judge(group)
        for outcome in outcomes:
            self.report.add(outcome)
        if progress:
            progress(len(outcomes))

    def read(self, number, texts):
        outcome, values, collective = self.located(number, texts)
        if collective is None:
            return outcome
        if not values.get("year"):
            column = self.column_of.get("year") or _("jaar")
            outcome.errors.append(RowError(number, column, "", _("Vul het jaar in.")))
            return outcome
        form = forms.OutcomeForm(_present(values, OUTCOME_FIELDS))
        if not form.is_valid() or form.is_blank():
            if form.is_blank():
                message = _("Vul een indicator en een aantal in.")
                outcome.errors.append(RowError(number, self._column("indicator"), "", message))
            self.form_errors(number, form, texts, outcome)
            return outcome
        key = (collective.pk, values["year"])
        group = self.groups.setdefault(key, Group(collective, values["year"]))
        group.rows.append((outcome, values))
        return outcome

    def _column(self, name):
        return self.column_of.get(name) or name

    def judge(self, group):
        """One action for all rows of a report: create, update, unchanged, or skip."""
        group.existing = ImpactReport.objects.filter(
            collective=group.collective, year=group.year
        ).first()
        if group.existing and group.existing.is_published:
            note = _("De rapportage over %(year)s is gepubliceerd; die verandert een import niet.")
            return self._settle(group, SKIP, note % {"year": group.year})
        data = {"year": group.year, "outcome_count": len(group.rows), **_report_values(group)}
        for i, (_outcome, values) in enumerate(group.rows):
            data.update({f"u-{i}-{k}": v for k, v in _present(values, OUTCOME_FIELDS).items()})
        report_form, outcome_forms = forms.bound_forms(group.collective, data, group.existing)
        if not report_form.is_valid() or not all(f.is_valid() for f in outcome_forms):
            first, values = group.rows[0]
            texts = {k: str(v) for k, v in values.items()}
            self.form_errors(first.row, report_form, texts, first)
            first.action = ERROR
            return self._settle(
                group, SKIP, _("Een andere rij van deze rapportage heeft een fout.")
            )
        if group.existing and _same(group.existing, report_form, outcome_forms):
            return self._settle(group, UNCHANGED)
        group.data = data
        return self._settle(group, UPDATE if group.existing else CREATE)

    def _settle(self, group, action, note=""):
        for outcome, _values in group.rows:
            if outcome.errors:
                outcome.action = ERROR
                continue
            outcome.action = action
            if note:
                outcome.notes.append(note)

    def finish(self):
        # Reports and their outcomes are few next to collectives: written in the last
        # transaction, where a failure undoes them with the rest.
        for group in self.groups.values():
            if group.data is not None:
                actions.write_report(self.actor, group.collective, group.data, group.existing)
                self.touched.append(("impact", group.collective.slug))
        self.audit(AuditAction.IMPACT_IMPORT, dict(self.report.counts))


def _report_values(group):
    """The report's fields: the draft's own, unless a row fills or clears one (the first such
    row decides); an empty cell keeps the draft's value."""
    values = {n: getattr(group.existing, n) for n in REPORT_FIELDS} if group.existing else {}
    for name in REPORT_FIELDS:
        given = [v[name] for _o, v in group.rows if name in v]
        if given:
            values[name] = given[0]
    return {k: v for k, v in values.items() if v is not None}


def _present(values, names):
    return {k: values[k] for k in names if values.get(k) not in (None, "")}


def _same(report, report_form, outcome_forms):
    cleaned = report_form.cleaned_data
    if any(getattr(report, name) != cleaned[name] for name in forms.REPORT_FIELDS):
        return False
    new = [[getattr(o, n) for n in COMPARED] for o in forms.build_outcomes(outcome_forms)]
    old = [[getattr(o, n) for n in COMPARED] for o in report.outcomes.all()]
    return new == old
