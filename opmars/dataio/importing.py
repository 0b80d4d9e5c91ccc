"""Importing collectives and yearly facts: a dry run that says per row what will happen, and a
real run that does exactly that, all or nothing (the run itself: import_run.py).

Validation is the registry's own (CollectiveForm, YearlyFactsForm), with its lookups answered
from memory so that 100,000 rows take seconds, not minutes. Rows stream from the file; only the
first rows' outcomes and the errors are kept for the report.

Every run first checks the whole file without writing (it only reads, so it holds no lock) and
stages the writes the rows need in a temporary file. A real run without errors (or with
valid_only) then writes them: on PostgreSQL in one transaction; on SQLite, whose one write
lock would keep every login and edit waiting, in one short transaction per batch, each leaving
the steps that undo it (dataio/undo.py) until the last one commits. Decision 0040.
"""

import pickle
import tempfile
from collections import Counter, defaultdict
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process

from opmars.accounts import policy
from opmars.accounts.audit import AuditAction, actor_code, record
from opmars.accounts.models import AuditEvent
from opmars.caching import changes as changes_queue
from opmars.common.errors import ActionError, error_list
from opmars.common.slugs import SlugPool
from opmars.dataio import fields as F
from opmars.dataio.duplicates import NAME_SIMILARITY, sorted_key
from opmars.dataio.models import ExternalId, ImportRun
from opmars.dataio.reading import header_key
from opmars.geo.lookup import ALIASES, Resolution, normalise_postcode, resolve_municipality
from opmars.geo.models import Municipality, Postcode
from opmars.geo.shapes import municipality_code_at
from opmars.registry import actions, bulk, history, versions
from opmars.registry.forms import CollectiveForm, YearlyFactsForm
from opmars.registry.models import Collective, CollectiveDomain, YearlyFacts
from opmars.registry.search import indexed_afterwards
from opmars.registry.vocab import Kind
from opmars.text import name_key, slugify

BATCH = 2000
MAX_ROWS_SHOWN = 1000
MAX_ERRORS_KEPT = 10_000
PER_RECORD_AUDIT_LIMIT = 10_000

CREATE, UPDATE, UNCHANGED, SKIP, ERROR = "nieuw", "bijwerken", "ongewijzigd", "overslaan", "fout"
ACTION_LABELS = {
    CREATE: gettext_lazy("nieuw"),
    UPDATE: gettext_lazy("bijwerken"),
    UNCHANGED: gettext_lazy("ongewijzigd"),
    SKIP: gettext_lazy("overslaan"),
    ERROR: gettext_lazy("fout"),
}
TYPES = ("collectives", "facts", "impact")


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str


@dataclass
class RowOutcome:
    row: int
    action: str
    name: str = ""
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    header: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # column -> field
    unmapped: list[str] = field(default_factory=list)
    defaults: dict[str, str] = field(default_factory=dict)
    rows: list[RowOutcome] = field(default_factory=list)  # the first MAX_ROWS_SHOWN
    errors: list[RowError] = field(default_factory=list)  # the first MAX_ERRORS_KEPT
    counts: dict[str, int] = field(
        default_factory=lambda: {CREATE: 0, UPDATE: 0, UNCHANGED: 0, SKIP: 0, ERROR: 0}
    )
    problem: str = ""  # the file as a whole could not be read
    imported: bool = False
    suggested_kind: str = ""  # a file default for the kind that the names point to
    warnings: list[str] = field(default_factory=list)  # about the file as a whole (Dutch)

    @property
    def total(self):
        return sum(self.counts.values())

    @property
    def error_rows(self):
        return self.counts[ERROR]

    def as_json(self):
        """Plain values, for the dry run's report kept beside the upload (dataio/tasks.py)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        rows = [
            RowOutcome(**{**row, "errors": [RowError(**e) for e in row["errors"]]})
            for row in data.pop("rows")
        ]
        return cls(rows=rows, errors=[RowError(**e) for e in data.pop("errors")], **data)

    def add(self, outcome):
        self.counts[outcome.action] += 1
        if len(self.rows) < MAX_ROWS_SHOWN:
            self.rows.append(outcome)
        room = MAX_ERRORS_KEPT - len(self.errors)
        self.errors.extend(outcome.errors[: max(room, 0)])

    def withdraw(self, number, action, column="", message=None):
        """A checked row not written after all: its record someone else changed between the
        check and the write, or (message) the change would make its life not add up."""
        error = RowError(number, column, "", str(message or CHANGED_MEANWHILE))
        self.counts[action] -= 1
        self.counts[ERROR] += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(error)
        for outcome in self.rows:
            if outcome.row == number:
                outcome.action, outcome.changes = ERROR, []
                outcome.errors.append(error)


CHANGED_MEANWHILE = gettext_lazy(
    "Iemand anders heeft dit gewijzigd terwijl de import liep; deze rij is niet geïmporteerd. "
    "Importeer het bestand opnieuw om haar alsnog te verwerken."
)


def summary(counts):
    """The counts of a finished import as the last message says them, web and command line
    alike: every count named, also when it is 0."""
    numbers = {
        key: formats.number_format(counts.get(key, 0), force_grouping=True)
        for key in (CREATE, UPDATE, UNCHANGED, SKIP, ERROR)
    }
    return (
        _(
            "%(nieuw)s nieuw, %(bijwerken)s bijgewerkt, %(ongewijzigd)s ongewijzigd, "
            "%(overslaan)s overgeslagen (dubbel in het bestand), %(fout)s met een fout (niet "
            "geïmporteerd)"
        )
        % numbers
    )


# ---------------------------------------------------------------- lookups from memory


class Lookups:
    """Every reference lookup the forms make, cached for one import."""

    def __init__(self):
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        self.by_name = {}
        for m in self.municipalities.values():
            self.by_name.setdefault(name_key(m.name), []).append(m)
        self._resolve = lru_cache(maxsize=4096)(resolve_municipality)
        self.points = {p.pc4: p for p in Postcode.objects.all()}
        for point in self.points.values():
            point.municipality = self.municipalities[point.municipality_id]
        self.code_at = lru_cache(maxsize=65536)(municipality_code_at)

    def resolve(self, text):
        """resolve_municipality, with its two commonest answers (a current CBS code, a current
        name that is unique) taken from memory; every other case goes to the lookup itself."""
        if text.upper() in self.municipalities:
            return Resolution(municipality=self.municipalities[text.upper()])
        key = name_key(text)
        current = self.by_name.get(key, [])
        if len(current) == 1 and key not in ALIASES:
            return Resolution(municipality=current[0])
        return self._resolve(text)

    def postcode(self, postcode):
        """postcode_point from memory: the postcode's 4 digits, its point and municipality."""
        normalised = normalise_postcode(postcode)
        return self.points.get(int(normalised[:4])) if normalised else None


class BulkCollectiveForm(CollectiveForm):
    """The registry's CollectiveForm with its lookups answered from memory, bound again for each
    row (building a form per row is most of the cost at 100,000 rows)."""

    def __init__(self, lookups, index):
        super().__init__(data={})
        self.lookups, self.index = lookups, index
        self.notes = []

    def validate(self, data, instance=None):
        """Django's own full_clean on the row's values: the rules stay the registry form's."""
        self.data, self.instance, self.notes = data, instance, []
        self.full_clean()
        return not self.errors

    def resolve_municipality(self, text):
        resolution = self.lookups.resolve(text.strip())
        if resolution.note:
            self.notes.append(resolution.note)
        return resolution

    def postcode_point(self, postcode):
        return self.lookups.postcode(postcode)

    def municipality_at(self, lat, lon):
        code = self.lookups.code_at(round(lat, 5), round(lon, 5))
        return self.lookups.municipalities.get(code)

    def kvk_taken(self, value):
        owner = self.index.by_kvk.get(value)
        return owner is not None and owner != (self.instance.pk if self.instance else None)


class Index:
    """Existing collectives by KvK number, external id and name + municipality.

    Hidden records (unlisted ones the importer cannot see) are never matched: a row naming one
    is read as if nothing matched. Their KvK numbers stay taken, so such a row gets the registry
    form's "KvK-nummer staat al bij een ander collectief", which the add form gives anyone; their
    external ids stay theirs (hidden_external), and a new record simply goes without one."""

    def __init__(self, scheme, hidden):
        self.hidden = hidden
        self.by_kvk, self.by_name, self.by_external = {}, {}, {}
        self.names_in = defaultdict(dict)  # municipality: {sorted name key: name}
        self.hidden_external = set()
        rows = Collective.objects.values_list("id", "kvk_number", "name", "municipality_id")
        for pk, kvk, name, municipality in rows.iterator(chunk_size=5000):
            if kvk:
                self.by_kvk[kvk] = pk
            if pk not in hidden:
                self.by_name.setdefault((name_key(name), municipality), pk)
                self.names_in[municipality][sorted_key(name)] = name
        if scheme:
            ids = ExternalId.objects.filter(scheme=scheme).values_list("value", "collective_id")
            for value, pk in ids:
                if pk in hidden:
                    self.hidden_external.add(value)
                else:
                    self.by_external[value] = pk

    def matched(self, external, kvk):
        """The record a row's external id or KvK number finds, unless it is hidden."""
        pk = (self.by_external.get(external) if external else None) or self.by_kvk.get(kvk)
        return None if pk in self.hidden else pk

    def alike(self, name, municipality_code):
        """The name of a record already in the register that a new row's name is very like, in
        the same municipality: the pair the duplicate search will offer after the import."""
        names = self.names_in.get(municipality_code, {})
        best = process.extractOne(
            sorted_key(name), names.keys(), scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY
        )
        return names[best[0]] if best else None

    def add(self, pk, kvk, name, municipality_code, external):
        if kvk:
            self.by_kvk[kvk] = pk
        self.by_name.setdefault((name_key(name), municipality_code), pk)
        if external:
            self.by_external[external] = pk


class Rights:
    """What the importer may see and change, as sets of ids loaded once per import (a few
    queries for the whole file, none per row). Decision 0038."""

    def __init__(self, actor, network):
        self.full = policy.imports_with_full_rights(actor)
        self.hidden = set(policy.import_hidden_collectives(actor).values_list("pk", flat=True))
        editable = policy.import_editable_collectives(actor, network)
        self.editable = None if self.full else set(editable.values_list("pk", flat=True))
        members = network.members.values_list("pk", flat=True) if network else []
        self.members = set(members)

    def may_change(self, pk):
        return self.full or pk in self.editable


NOT_ALLOWED = gettext_lazy(
    "Je mag dit collectief niet wijzigen: het heeft eigen redacteuren of hoort niet bij je "
    "netwerk. Stuur de wijziging naar de beheerders van Opmars, of nodig het collectief uit "
    "voor je netwerk."
)


def _refused(number, column, value, outcome):
    """A row that would change a record the importer may not change. The row is not compared
    with the record (private fields such as the contact address must not answer guesses)."""
    outcome.action = ERROR
    outcome.errors.append(RowError(number, column, value, str(NOT_ALLOWED)))
    return outcome


class Spool:
    """The writes a run's rows need, batch by batch, in a temporary file of this process: a
    100,000-row file's staged writes need not all sit in memory."""

    def __init__(self):
        self.file, self.batches, self.writes = None, 0, 0

    def __enter__(self):
        self.file = tempfile.TemporaryFile()
        return self

    def __exit__(self, *exc):
        self.file.close()

    def add(self, writes):
        pickle.dump(writes, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.batches += 1
        self.writes += len(writes)

    def __iter__(self):
        self.file.seek(0)
        for _batch in range(self.batches):
            yield pickle.load(self.file)  # our own file, written above: trusted


SYNONYMS = {
    "collectives": F.COLLECTIVE_SYNONYMS,
    "facts": F.FACTS_SYNONYMS,
    "impact": F.IMPACT_SYNONYMS,
}


def create_defaults(options):
    """What a new collective gets for the columns its file lacks."""
    return {**F.CREATE_DEFAULTS, "kind": options.default_kind or Kind.OVERIG}


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class BaseImporter:
    # Fields that the clear marker cannot empty: required ones, and those that find the record.
    required = frozenset()
    fixed = frozenset()

    def __init__(self, actor, options, mapping, report):
        self.actor, self.options, self.mapping, self.report = actor, options, mapping, report
        self.column_of = {f: mapping.columns[i] for i, f in mapping.fields.items()}
        self.today = timezone.localdate()
        self.touched = []  # (action, collective slug) for the audit trail
        self.rights = Rights(actor, options.network)
        self.spool = Spool()
        self.staged = []  # the current batch's writes, for the spool
        self.run_record = None  # the ImportRun the writes belong to

    def plan(self, rows, progress=None):
        """Check every row and stage its writes; reads only."""
        done = 0
        for chunk in _chunks(rows, BATCH):
            batch = [(number, self.mapping.rows_as_fields(cells)) for number, cells in chunk]
            self.prepare(batch)
            for number, texts in batch:
                self.report.add(self.row(number, texts))
            self.stage()
            done += len(batch)
            if progress:
                progress(done)

    def prepare(self, batch):
        """Load what a batch of rows needs in a few queries instead of a few per row."""

    def stage(self):
        """The batch's writes onto the spool; a dry run keeps none."""
        if self.staged and not self.options.dry_run:
            self.spool.add(self.staged)
        self.staged = []

    def write_all(self, journal, progress=None, each=nullcontext):
        """Every staged batch, each inside `each()` (a transaction of its own, or nothing
        when the caller holds one), telling progress how many of the writes are done."""
        done = 0
        for writes in self.spool:
            with each():
                self.write(writes, journal)
            done += len(writes)
            if progress:
                progress(done, writing=self.spool.writes)

    def write(self, writes, journal):
        """One batch of staged writes, with the steps that undo them."""

    def start_run(self):
        """The ImportRun this import's writes belong to: the web flow's own, or a new one for
        the command line (committed now, so the journal can point at it)."""
        self.run_record = self.options.run or ImportRun.objects.create(
            actor=self.actor if self.actor and self.actor.is_authenticated else None,
            kind=self.options.kind,
            file_name=self.options.file_name[:255],
            network=self.options.network,
            status=ImportRun.Status.RUNNING,
            dry_run=False,
        )
        return self.run_record

    def after_commit(self):
        """Work that follows a committed import and need not be part of it."""

    def convert(self, number, texts, outcome):
        """The row's cells as values. An empty cell gives no value (the stored one stays); the
        clear marker gives the field's empty value."""
        values = {}
        for name, text in texts.items():
            try:
                if F.is_clear_marker(text):
                    values[name] = self._cleared(name)
                elif text:
                    values[name] = F.convert(name, text)
            except F.CellError as error:
                outcome.errors.append(RowError(number, self.column_of[name], text, str(error)))
        return values

    def _cleared(self, name):
        keep = _("Laat de cel leeg om de huidige waarde te houden.")
        if name in self.required:
            raise F.CellError(
                _("Dit veld is verplicht en kan niet leeg worden gemaakt.") + " " + keep
            )
        if name in self.fixed:
            raise F.CellError(_("Dit veld kan niet leeg worden gemaakt.") + " " + keep)
        return F.empty_value(name)

    def form_errors(self, number, form, texts, outcome):
        for error in error_list(form):
            name = error["field"]
            column = self.column_of.get(name) or str(
                form.fields[name].label if name in form.fields else name
            )
            outcome.errors.append(RowError(number, column, texts.get(name, ""), error["message"]))

    def audit(self, action, counts):
        run = self.run_record
        run.dry_run, run.valid_only = False, self.options.valid_only
        run.status, run.counts, run.finished_at = ImportRun.Status.DONE, counts, timezone.now()
        run.rows_done, run.warnings = sum(counts.values()), self.report.warnings
        run.save()
        changes = {"file": self.options.file_name, **counts}
        # One event per record while that stays cheap, and answers about other collectives stay
        # valid; a big import keeps its one summary event (with the counts) and the ImportRun,
        # so that 100,000 rows stay fast and small, and renews every answer.
        if len(self.touched) > PER_RECORD_AUDIT_LIMIT:
            record(self.actor, action, run, changes)
            changes_queue.mark_all()
            return run
        slugs = {slug for _per_record, slug in self.touched}
        ids = dict(Collective.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        record(self.actor, action, run, changes, about=ids.values())
        code = actor_code(self.actor)
        events = (
            AuditEvent(
                actor_pseudonym=code,
                action=per_record,
                target_type="registry.collective",
                target_id=slug,
                collective_pk=ids.get(slug),
                changes={"import": run.pk},
            )
            for per_record, slug in self.touched
        )
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
        return run


def _attach_related(collectives, municipalities):
    """Give loaded collectives their municipality, areas and domains as if prefetched, from two
    plain queries and the municipalities in memory. A re-import loads every record it touches;
    Django's prefetch_related builds a queryset per record, which costs more than the import."""
    place = Collective._meta.get_field("municipality")
    related = {pk: {"works_in": [], "domains": []} for pk in collectives}
    areas = Collective.works_in.through.objects.filter(collective_id__in=list(collectives))
    for pk, code in areas.values_list("collective_id", "municipality_id"):
        related[pk]["works_in"].append(municipalities[code])
    domains = CollectiveDomain.objects.filter(collective_id__in=list(collectives))
    for pk, code in domains.values_list("collective_id", "domain"):
        related[pk]["domains"].append(CollectiveDomain(collective_id=pk, domain=code))
    relations = [
        ("works_in", Municipality, "collectives_working_here"),
        ("domains", CollectiveDomain, "collective_id"),
    ]
    for pk, collective in collectives.items():
        place.set_cached_value(collective, municipalities[collective.municipality_id])
        caches = collective.__dict__.setdefault("_prefetched_objects_cache", {})
        for name, model, lookup in relations:
            loaded = QuerySet(model)
            # Filtered like the real related queryset, so that a write through it (such as
            # .all().delete()) touches this collective's rows only, never the whole table.
            loaded.query.add_q(Q(**{lookup: pk}))
            loaded._result_cache, loaded._prefetch_done = related[pk][name], True
            caches[name] = loaded


class CollectiveImporter(BaseImporter):
    required = frozenset({"name", "kind", "legal_form", "status", "municipality"})
    fixed = frozenset({"external_id", "last_verified"})

    def __init__(self, actor, options, mapping, report):
        super().__init__(actor, options, mapping, report)
        self.scheme = self._scheme()
        self.lookups = Lookups()
        self.index = Index(self.scheme, self.rights.hidden)
        self.form = BulkCollectiveForm(self.lookups, self.index)
        self.seen = {}  # key -> first row with it, against doubles inside the file
        self.loaded = {}  # existing collectives the current batch refers to
        self.created_ids = []
        # A new record's defaults, which each created row starts from (bulk.unsaved).
        self.defaults_of_new = _fields_of(Collective())
        self.language = get_language()
        self.slugs = SlugPool(
            [*Collective.objects.values_list("slug", flat=True), *actions.RESERVED_SLUGS]
        )
        network = options.network
        who = network.name if network else _("Opmars")
        self.source = _("import door %(who)s, %(date)s") % {
            "who": who,
            "date": self.today.isoformat(),
        }
        self.defaults = {**create_defaults(options), "source": self.source}
        self.event_source = f"{history.SOURCE_IMPORT}: {options.file_name}"[:200]
        # Without a kind column or a file default, the names may suggest one.
        self.hints = None if "kind" in mapping.mapped_fields or options.default_kind else Counter()

    def plan(self, rows, progress=None):
        super().plan(rows, progress)
        if self.hints is not None:
            self.report.suggested_kind = F.suggested_kind(self.hints, self.report.total)

    def _scheme(self):
        column = self.column_of.get("external_id")
        return header_key(column)[:60] if column else ""

    def prepare(self, batch):
        pks = set()
        for _number, texts in batch:
            external = texts.get("external_id")
            pks.add(self.index.by_external.get(external) if external else None)
            pks.add(self.index.by_kvk.get(_kvk_digits(texts.get("kvk_number"))))
            place = texts.get("municipality")
            resolution = self.lookups.resolve(place.strip()) if place else None
            if resolution and resolution.municipality:
                key = (name_key(texts.get("name", "")), resolution.municipality.code)
                pks.add(self.index.by_name.get(key))
        pks = [pk for pk in pks if pk and pk > 0]
        self.loaded = {c.pk: c for c in Collective.objects.filter(pk__in=pks)}
        _attach_related(self.loaded, self.lookups.municipalities)

    # -- one row

    def row(self, number, texts):
        outcome = RowOutcome(number, ERROR, name=texts.get("name", ""))
        if self.hints is not None:
            self.hints[F.kind_hinted_by(outcome.name)] += 1
        values = self.convert(number, texts, outcome)
        if outcome.errors:
            return outcome
        external = values.pop("external_id", "") or ""
        last_verified = values.pop("last_verified", None)
        duplicate_of = self._seen_before(number, values, external)
        if duplicate_of:
            outcome.action = SKIP
            outcome.notes.append(
                _("Staat al in rij %(row)s van dit bestand.") % {"row": duplicate_of}
            )
            return outcome
        existing_pk = self.index.matched(external, _kvk_digits(values.get("kvk_number")))
        if not existing_pk:
            if not self.form.validate({**self.defaults, **values}):
                self.form_errors(number, self.form, texts, outcome)
                return outcome
            cleaned = self.form.cleaned_data
            key = (name_key(cleaned["name"]), cleaned["municipality"].code)
            existing_pk = self.index.by_name.get(key)
            if not existing_pk:
                return self._create(number, cleaned, external, last_verified, outcome)
        return self._update(number, existing_pk, values, texts, external, last_verified, outcome)

    def _seen_before(self, number, values, external):
        keys = []
        if external:
            keys.append(("id", external))
        kvk = _kvk_digits(values.get("kvk_number"))
        if kvk:
            keys.append(("kvk", kvk))
        if not keys:
            place = (
                values.get("municipality")
                or values.get("postcode")
                or (
                    values.get("lat"),
                    values.get("lon"),
                )
            )
            keys.append(("name", name_key(values.get("name", "")), str(place)))
        for key in keys:
            if key in self.seen:
                return self.seen[key]
        for key in keys:
            self.seen[key] = number
        return None

    def _create(self, number, cleaned, external, last_verified, outcome):
        outcome.action = CREATE
        outcome.notes.extend(self.form.notes)
        alike = self.index.alike(cleaned["name"], cleaned["municipality"].code)
        if alike:
            outcome.notes.append(
                _(
                    "Lijkt op %(name)s, dat al in Opmars staat in deze gemeente. Is het hetzelfde? "
                    "Voeg ze na het importeren samen bij Mogelijke dubbelen."
                )
                % {"name": alike}
            )
        collective = bulk.unsaved(Collective, self.defaults_of_new)
        collective.slug = self.slugs.allocate(slugify(cleaned["name"]) or "collectief")
        collective.last_verified = last_verified
        actions.set_fields(
            collective, cleaned, postcode_lookup=self.lookups.postcode, language=self.language
        )
        # Not written yet: a negative id, so that a later row finding it is told it is a double.
        self.index.add(
            -number, cleaned["kvk_number"], cleaned["name"], cleaned["municipality"].code, external
        )
        self.staged.append(Create.of(collective, cleaned, external))
        return outcome

    def _update(self, number, pk, values, texts, external, last_verified, outcome):
        collective = self.loaded.get(pk) or (
            Collective.objects.select_related("municipality").filter(pk=pk).first()
        )
        if collective is None:  # created earlier in this very run: a double within the file
            outcome.action = SKIP
            outcome.notes.append(_("Staat al eerder in dit bestand."))
            return outcome
        if not self.rights.may_change(pk):
            return _refused(number, self.column_of.get("name", ""), texts.get("name", ""), outcome)
        # An export carries only the postcode's 4 digits; they do not replace the full postcode.
        postcode = str(values.get("postcode") or "").strip()
        if len(postcode) == 4 and collective.postcode.startswith(postcode):
            values.pop("postcode")
        # Columns the file does not have, and empty cells, keep their current value.
        data = {**actions.collective_form_initial(collective), **values}
        if "kind" not in values and collective.kind == Kind.OVERIG and self.options.default_kind:
            data["kind"] = self.options.default_kind  # the file default fills a kind not chosen
        if not self.form.validate(data, instance=collective):
            self.form_errors(number, self.form, texts, outcome)
            return outcome
        before = actions.jsonable(actions.snapshot(collective))
        cleaned = self.form.cleaned_data
        after = _cleaned_snapshot(cleaned)
        changed = [k for k, v in after.items() if before.get(k) != v]
        if last_verified and last_verified != collective.last_verified:
            changed.append("last_verified")
        outcome.notes.extend(self.form.notes)
        if not changed:
            outcome.action = UNCHANGED
            return outcome
        outcome.action, outcome.changes = UPDATE, changed
        outcome.notes.extend(self._joining_note(pk))
        version = versions.collective_version(collective)
        self.staged.append(Update(number, pk, version, cleaned, external, last_verified))
        return outcome

    def _link(self, collective, external, journal):
        if external and self.scheme:
            link, made = ExternalId.objects.get_or_create(
                scheme=self.scheme, value=external, defaults={"collective_id": collective.pk}
            )
            if made:
                journal.created(ExternalId, [link.pk])
        if self.options.network and collective.pk not in self.rights.members:
            self._join(collective, journal)
            self.rights.members.add(collective.pk)

    def _join(self, collective, journal):
        """An existing collective joins the network at once only by the operator's or staff's
        import; otherwise it gets the network pages' invitation, which its editors accept (an
        open request of theirs is accepted at once)."""
        from opmars.networks import actions as network_actions
        from opmars.networks.models import Membership, MembershipRequest

        network = self.options.network
        if self.rights.full:
            membership, made = Membership.objects.get_or_create(
                network=network,
                collective=collective,
                defaults={"since": timezone.localdate().year},
            )
            if made:
                journal.created(Membership, [membership.pk])
            return
        open_request = MembershipRequest.objects.filter(network=network, collective=collective)
        for request in open_request:
            journal.changing(request)  # an open request of theirs is accepted, and gone
        try:
            joined = network_actions.invite(self.actor, network, collective)
        except network_actions.ActionError:
            return  # invited before: that invitation stands
        journal.created(type(joined), [joined.pk])

    def _joining_note(self, pk):
        network = self.options.network
        if not network or pk in self.rights.members:
            return []
        if self.rights.full:
            return [_("Wordt lid van %(network)s.") % {"network": network.name}]
        return [
            _("Krijgt een uitnodiging voor %(network)s; de redacteuren beslissen.")
            % {"network": network.name}
        ]

    # -- writing in batches

    def write(self, writes, journal):
        creates = [w for w in writes if isinstance(w, Create)]
        if creates:
            self._write_creates(creates, journal)
        self._write_updates([w for w in writes if isinstance(w, Update)], journal)

    def _write_creates(self, creates, journal):
        with indexed_afterwards():
            created = bulk.insert_collectives([c.collective() for c in creates])
        journal.created(Collective, [c.pk for c in created])
        history.record_new(created, self.event_source, self.actor)
        domains, works_in, externals, memberships = [], [], [], []
        through = Collective.works_in.through
        for collective, create in zip(created, creates, strict=True):
            external = create.external
            domains += [(collective.pk, d) for d in create.domains]
            works_in += [
                through(collective_id=collective.pk, municipality_id=code)
                for code in create.works_in
            ]
            if external and self.scheme and external not in self.index.hidden_external:
                externals.append((self.scheme, external, collective.pk))
            if self.options.network:
                memberships.append(self._membership(collective))
            self.touched.append((AuditAction.COLLECTIVE_IMPORT_CREATE, collective.slug))
            self.created_ids.append(collective.pk)
        # What hangs on the new records goes when they go: the journal needs only their ids.
        bulk.insert_rows(CollectiveDomain, ["collective_id", "domain"], domains)
        through.objects.bulk_create(works_in, ignore_conflicts=True)
        bulk.insert_rows(ExternalId, ["scheme", "value", "collective_id"], externals)
        if memberships:
            type(memberships[0]).objects.bulk_create(memberships, ignore_conflicts=True)

    def _write_updates(self, updates, journal):
        loaded = Collective.objects.select_related("municipality").prefetch_related(
            "works_in", "domains"
        )
        current = loaded.in_bulk([u.pk for u in updates])
        for update in updates:
            collective = current[update.pk]
            if versions.collective_version(collective) != update.version:
                self.report.withdraw(update.row, UPDATE, self.column_of.get("name", ""))
                continue
            journal.changing(collective)
            if update.last_verified:
                collective.last_verified = update.last_verified
            life_before = history.Before.of(collective)
            try:
                with transaction.atomic():
                    actions.write_validated(collective, update.cleaned)
                    history.sync(collective, life_before, self.event_source, self.actor)
            except ActionError as refused:
                column = self.column_of.get(refused.errors[0]["field"], "")
                self.report.withdraw(update.row, UPDATE, column, refused.errors[0]["message"])
                continue
            self._link(collective, update.external, journal)
            self.touched.append((AuditAction.COLLECTIVE_IMPORT_UPDATE, collective.slug))

    def _membership(self, collective):
        from opmars.networks.models import Membership

        return Membership(
            network=self.options.network, collective=collective, since=timezone.localdate().year
        )

    def finish(self):
        """The end of a real run's writes, inside its (last) transaction."""
        self.audit(AuditAction.COLLECTIVES_IMPORT, dict(self.report.counts))

    def after_commit(self):
        """Likely duplicates of the new records, and a mail to them: after the import has
        committed, so that neither holds the write lock nor waits for a run that is undone."""
        from opmars.dataio.duplicates import find_duplicates_for
        from opmars.dataio.notify import notify_imported

        if self.created_ids:
            find_duplicates_for(self.created_ids)
            notify_imported(self.created_ids, self.source)


@dataclass
class Create:
    """A new record as the spool keeps it: plain values, not the model instance and the form's
    cleaned data (pickling those, with their municipalities, cost an import of 100,000 rows
    several seconds)."""

    fields: dict  # the unsaved collective's attributes
    domains: list
    works_in: list  # municipality codes
    external: str

    @classmethod
    def of(cls, collective, cleaned, external):
        works_in = [m.code for m in cleaned["works_in"]]
        return cls(_fields_of(collective), list(cleaned["domains"]), works_in, external)

    def collective(self):
        """The unsaved collective again."""
        return bulk.unsaved(Collective, self.fields)


def _fields_of(instance):
    """An instance's attribute values without its state (and the related objects it caches)."""
    return {k: v for k, v in instance.__dict__.items() if k != "_state"}


@dataclass
class Update:
    row: int
    pk: int
    version: str  # the record as the check saw it; changed since, the row is withdrawn
    cleaned: dict
    external: str
    last_verified: object


def _kvk_digits(value):
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return digits if len(digits) == 8 else ""


def _cleaned_snapshot(cleaned):
    """The cleaned data in the shape of actions.snapshot, to compare without writing."""
    values = {name: cleaned.get(name) for name in actions.SIMPLE_FIELDS}
    for name in ("description", "website", "contact_email", "source", "postcode"):
        values[name] = values[name] or ""
    values["municipality"] = cleaned["municipality"].code
    values["works_in"] = sorted(m.code for m in cleaned.get("works_in") or [])
    values["domains"] = sorted(cleaned.get("domains") or [])
    return actions.jsonable(values)


# ---------------------------------------------------------------- yearly facts


FACT_FIELDS = [*YearlyFacts.COUNT_FIELDS, *YearlyFacts.INCOME_FIELDS]


class FactsImporter(BaseImporter):
    """Yearly facts per collective and year; the collective is found by slug, external id,
    KvK number, or name + municipality. An existing year is updated, never doubled."""

    required = frozenset({"year"})
    fixed = frozenset({"slug", "external_id", "name", "kvk_number", "municipality"})

    def __init__(self, actor, options, mapping, report):
        super().__init__(actor, options, mapping, report)
        column = self.column_of.get("external_id")
        self.scheme = header_key(column)[:60] if column else ""
        self.seen = {}

    def located(self, number, texts):
        """(outcome, values, collective) of a row; collective is None when the row has errors
        or names no known collective (the outcome then says why)."""
        outcome = RowOutcome(number, ERROR, name=texts.get("name") or texts.get("slug", ""))
        values = self.convert(number, texts, outcome)
        if outcome.errors:
            return outcome, values, None
        collective = self._collective(number, values, texts, outcome)
        if collective is None:
            return outcome, values, None
        outcome.name = collective.name
        if not self.rights.may_change(collective.pk):
            return _refused(number, *self._named_cell(texts), outcome), values, None
        return outcome, values, collective

    def row(self, number, texts):
        outcome, values, collective = self.located(number, texts)
        if collective is None:
            return outcome
        key = (collective.pk, values.get("year"))
        if key in self.seen:
            outcome.action = SKIP
            outcome.notes.append(
                _("Staat al in rij %(row)s van dit bestand.") % {"row": self.seen[key]}
            )
            return outcome
        self.seen[key] = number
        existing = YearlyFacts.objects.filter(
            collective=collective, year=values.get("year")
        ).first()
        data = {f: getattr(existing, f) for f in FACT_FIELDS} if existing else {}
        data.update({k: v for k, v in values.items() if k == "year" or k in FACT_FIELDS})
        data = {k: v for k, v in data.items() if v is not None}
        form = YearlyFactsForm(data, collective=collective)
        if not form.is_valid():
            self.form_errors(number, form, texts, outcome)
            return outcome
        cleaned = form.cleaned_data
        year = cleaned.pop("year")
        changed = [f for f in FACT_FIELDS if not existing or getattr(existing, f) != cleaned.get(f)]
        if existing and not changed:
            outcome.action = UNCHANGED
            return outcome
        outcome.action = UPDATE if existing else CREATE
        outcome.changes = changed
        version = versions.facts_version(existing, year)
        self.staged.append(FactsWrite(number, outcome.action, collective, year, cleaned, version))
        return outcome

    def write(self, writes, journal):
        stored = YearlyFacts.objects.filter(
            Q(*[Q(collective_id=w.collective.pk, year=w.year) for w in writes], _connector=Q.OR)
        )
        current = {(f.collective_id, f.year): f for f in stored}
        for write in writes:
            existing = current.get((write.collective.pk, write.year))
            if versions.facts_version(existing, write.year) != write.version:
                self.report.withdraw(write.row, write.action, self.column_of.get("year", ""))
                continue
            if existing:
                journal.changing(existing)
            facts, made = YearlyFacts.objects.update_or_create(
                collective=write.collective, year=write.year, defaults=write.cleaned
            )
            if made:
                journal.created(YearlyFacts, [facts.pk])
            self.touched.append((AuditAction.COLLECTIVE_IMPORT_FACTS, write.collective.slug))

    def _collective(self, number, values, texts, outcome):
        found = None
        if values.get("slug"):
            found = Collective.objects.filter(slug=values["slug"]).first()
        elif values.get("external_id") and self.scheme:
            link = ExternalId.objects.filter(
                scheme=self.scheme, value=values["external_id"]
            ).first()
            found = link.collective if link else None
        elif _kvk_digits(values.get("kvk_number")):
            found = Collective.objects.filter(kvk_number=_kvk_digits(values["kvk_number"])).first()
        elif values.get("name"):
            found = self._by_name(number, values, texts, outcome)
            if outcome.errors:
                return None
        if found is not None and found.pk in self.rights.hidden:
            found = None  # for this importer it does not exist: the same answer as no match
        if found is None:
            message = _("Dit collectief staat niet in Opmars. Importeer eerst de collectieven.")
            outcome.errors.append(RowError(number, *self._named_cell(texts), message))
        return found

    def _named_cell(self, texts):
        """The column and cell that name the row's collective, for its messages."""
        column = self.column_of.get("name") or self.column_of.get("kvk_number") or ""
        return column, texts.get("name") or texts.get("kvk_number") or ""

    def _by_name(self, number, values, texts, outcome):
        # Hidden records are left out here, or "Meer collectieven heten zo" would tell of them.
        hidden = policy.import_hidden_collectives(self.actor)
        matches = Collective.objects.filter(name__iexact=values["name"]).exclude(pk__in=hidden)
        if values.get("municipality"):
            resolution = resolve_municipality(values["municipality"])
            if resolution.error:
                column = self.column_of["municipality"]
                outcome.errors.append(
                    RowError(number, column, texts["municipality"], resolution.error)
                )
                return None
            matches = matches.filter(municipality=resolution.municipality)
        found = list(matches[:2])
        if len(found) > 1:
            outcome.errors.append(
                RowError(
                    number,
                    self.column_of["name"],
                    texts["name"],
                    _("Meer collectieven heten zo. Vul ook de gemeente of het KvK-nummer in."),
                )
            )
            return None
        return found[0] if found else None

    def finish(self):
        self.audit(AuditAction.FACTS_IMPORT, dict(self.report.counts))


@dataclass
class FactsWrite:
    row: int
    action: str
    collective: Collective
    year: int
    cleaned: dict
    version: str  # the year's figures as the check saw them
