"""An import checks the whole file without writing, then writes what it checked; on SQLite in
one short transaction per batch, each leaving the way back until the last one commits
(decision 0040). Whatever happens on the way, the import is all or nothing."""

from pathlib import Path

import pytest
from django.core import serializers
from django.db import connection

from opmars.dataio import import_run, importing, undo
from opmars.dataio.import_run import Options, import_file
from opmars.dataio.importing import CREATE, ERROR, UPDATE
from opmars.dataio.models import ExternalId, ImportRun, ImportUndo
from opmars.networks.models import Membership, Network
from opmars.registry.models import Collective, YearlyFacts
from tests.dataio.helpers import run, worker_died, write

pytestmark = pytest.mark.django_db

HEADER = "naam;soort;rechtsvorm;gemeente;kvk;terreinen;omschrijving;ea_id\r\n"


def new_rows(count, start=0):
    return "".join(
        f"Buurtkracht {n};buurtcooperatie;vereniging;Utrecht;;zorg_welzijn;Nieuw;id-{n}\r\n"
        for n in range(start, start + count)
    )


@pytest.fixture
def short(monkeypatch):
    """SQLite's way of writing, on either database; batches of two rows, so a small file
    makes several."""
    monkeypatch.setattr(import_run, "short_transactions", lambda: True)
    monkeypatch.setattr(importing, "BATCH", 2)


@pytest.fixture
def fails_at_third_batch(monkeypatch):
    written = []
    real = importing.CollectiveImporter.write

    def write_then_fail(self, writes, journal):
        if len(written) == 2:
            raise RuntimeError("de stroom valt uit")
        real(self, writes, journal)
        written.append(writes)

    monkeypatch.setattr(importing.CollectiveImporter, "write", write_then_fail)
    return written


def as_stored(collective):
    """A record with everything that hangs on it, to compare before and after."""
    collective.refresh_from_db()
    data = serializers.serialize("python", [collective])[0]
    domains = sorted(collective.domains.values_list("domain", flat=True))
    links = sorted(collective.external_ids.values_list("value", flat=True))
    return data, domains, links


def test_a_real_run_writes_in_batches_and_keeps_no_way_back(tmp_path, staff_user, short):
    path = write(tmp_path, HEADER + new_rows(5))
    report = run(path, staff_user)
    assert report.imported and report.counts[CREATE] == 5
    assert Collective.objects.filter(name__startswith="Buurtkracht").count() == 5
    assert not ImportUndo.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.DONE


def test_a_run_that_fails_halfway_leaves_nothing_behind(
    tmp_path, staff_user, make_collective, short, fails_at_third_batch
):
    kernen = Network.objects.create(slug="kernen", name="Kernen", kind="regionaal")
    existing = make_collective(name="Buurtkracht Oud", municipality="GM0344")
    before = as_stored(existing)
    changed = "Buurtkracht Oud;buurtcooperatie;vereniging;Utrecht;;energie;Anders;id-oud\r\n"
    path = write(tmp_path, HEADER + changed + new_rows(5))
    with pytest.raises(RuntimeError):
        import_file(path, staff_user, Options(dry_run=False, network=kernen, file_name="a.csv"))
    assert len(fails_at_third_batch) == 2  # two batches had committed their share
    assert (
        not Collective.objects.filter(name__startswith="Buurtkracht ")
        .exclude(pk=existing.pk)
        .exists()
    )
    assert as_stored(existing) == before  # fields, domains, the new external id: as they were
    assert not Membership.objects.exists() and not ExternalId.objects.exists()
    assert not ImportUndo.objects.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data_after_flush")
def test_the_check_holds_no_lock_and_each_batch_its_own(tmp_path, staff_user, monkeypatch):
    """Outside pytest's test transaction: while rows are checked no transaction is open, and
    on SQLite every batch of writes is a transaction of its own."""
    seen = {"checking": set(), "writing": []}
    check, write_batch = importing.CollectiveImporter.row, importing.CollectiveImporter.write

    def row(self, number, texts):
        seen["checking"].add(connection.in_atomic_block)
        return check(self, number, texts)

    def write_(self, writes, journal):
        seen["writing"].append((connection.in_atomic_block, journal.keeping))
        return write_batch(self, writes, journal)

    monkeypatch.setattr(importing.CollectiveImporter, "row", row)
    monkeypatch.setattr(importing.CollectiveImporter, "write", write_)
    monkeypatch.setattr(importing, "BATCH", 2)
    report = run(write(tmp_path, HEADER + new_rows(5)), staff_user)
    assert report.imported
    assert seen["checking"] == {False}
    short = connection.vendor == "sqlite"
    assert seen["writing"] == [(True, short)] * 3


def test_a_record_changed_between_check_and_write_is_not_overwritten(
    tmp_path, staff_user, make_collective, monkeypatch
):
    mine = make_collective(name="Buurtkracht Eigen", municipality="GM0344")
    real = importing.BaseImporter.start_run

    def someone_edits_first(self):
        edited = Collective.objects.get(pk=mine.pk)
        edited.description = "Net door de redactie bewerkt."
        edited.save()  # as the edit form saves: a new updated_at, the record's version
        return real(self)

    monkeypatch.setattr(importing.BaseImporter, "start_run", someone_edits_first)
    text = HEADER + "Buurtkracht Eigen;;;Utrecht;;;Uit de import;\r\n" + new_rows(1)
    report = run(write(tmp_path, text), staff_user)
    assert report.imported
    assert report.counts[UPDATE] == 0 and report.counts[ERROR] == 1 and report.counts[CREATE] == 1
    assert report.rows[0].action == ERROR
    assert "terwijl de import liep" in report.rows[0].errors[0].message
    mine.refresh_from_db()
    assert mine.description == "Net door de redactie bewerkt."
    assert ImportRun.objects.get().counts[ERROR] == 1  # the audit's counts say so as well


def test_facts_changed_between_check_and_write_are_not_overwritten(
    tmp_path, staff_user, make_collective, monkeypatch
):
    mine = make_collective(name="Hoeve", kvk_number="11112222", founded_year=2010)
    YearlyFacts.objects.create(collective=mine, year=2024, members=10)
    real = importing.BaseImporter.start_run

    def someone_edits_first(self):
        YearlyFacts.objects.filter(collective=mine, year=2024).update(members=12)
        return real(self)

    monkeypatch.setattr(importing.BaseImporter, "start_run", someone_edits_first)
    text = "kvk;jaar;leden\r\n11112222;2024;11\r\n11112222;2023;9\r\n"
    report = run(write(tmp_path, text), staff_user, kind="facts")
    assert [o.action for o in report.rows] == [ERROR, CREATE]
    assert YearlyFacts.objects.get(collective=mine, year=2024).members == 12
    assert YearlyFacts.objects.get(collective=mine, year=2023).members == 9


def test_changed_facts_are_put_back_when_the_run_fails(
    tmp_path, staff_user, make_collective, short, monkeypatch
):
    mine = make_collective(name="Hoeve", kvk_number="11112222", founded_year=2010)
    YearlyFacts.objects.create(collective=mine, year=2024, members=10, volunteers=3)

    def disk_full(self):
        raise OSError("vol")

    monkeypatch.setattr(importing.FactsImporter, "finish", disk_full)
    text = "kvk;jaar;leden\r\n11112222;2024;11\r\n11112222;2023;9\r\n11112222;2022;8\r\n"
    with pytest.raises(OSError):
        run(write(tmp_path, text), staff_user, kind="facts")
    facts = YearlyFacts.objects.get(collective=mine)
    assert (facts.year, facts.members, facts.volunteers) == (2024, 10, 3)


def test_a_dead_runs_batches_are_undone_before_the_next_import(
    tmp_path, staff_user, short, fails_at_third_batch, monkeypatch
):
    """A process killed between batches cannot undo its own writes; the steps it left are
    walked back by the next import, once no process holds the dead run's lock."""
    real_undo = import_run.undo_run
    monkeypatch.setattr(import_run, "undo_run", lambda run: None)  # as if killed, not failed
    with pytest.raises(RuntimeError):
        run(write(tmp_path, HEADER + new_rows(6)), staff_user)
    dead = ImportRun.objects.get()
    assert Collective.objects.filter(name__startswith="Buurtkracht").count() == 4
    assert ImportUndo.objects.filter(run=dead).count() == 4

    with undo.writing(dead):  # while a process holds the lock, the run is alive: left alone
        assert undo.undo_abandoned() == []
    monkeypatch.setattr(import_run, "undo_run", real_undo)
    monkeypatch.setattr(importing.CollectiveImporter, "write", importing.BaseImporter.write)
    run(write(tmp_path, HEADER, name="leeg.csv"), staff_user)  # the next import, of nothing
    assert not Collective.objects.filter(name__startswith="Buurtkracht").exists()
    dead.refresh_from_db()
    assert dead.status == ImportRun.Status.FAILED and "teruggedraaid" in dead.message
    assert not ImportUndo.objects.exists()


def test_cancelling_a_stopped_web_run_undoes_its_batches(client, queued, make_collective):
    existing = make_collective(name="Buurtkracht Oud")
    before = as_stored(existing)
    journal = undo.Journal(queued, keeping=True)  # what the killed worker's batches left
    journal.changing(existing)
    Collective.objects.filter(pk=existing.pk).update(description="Half geïmporteerd")
    made = make_collective(name="Buurtkracht Nieuw")
    journal.created(Collective, [made.pk])
    worker_died(queued, seconds_ago=600)
    assert client.post(f"/import/{queued.pk}/afbreken/").status_code == 302
    assert as_stored(existing) == before
    assert not Collective.objects.filter(pk=made.pk).exists()
    assert not ImportUndo.objects.exists()


def half_written_by_a_dead_worker(run, make_collective):
    made = make_collective(name="Buurtkracht Half")
    undo.Journal(run, keeping=True).created(Collective, [made.pk])
    worker_died(run, seconds_ago=600)
    return made


def test_the_stopped_page_says_rows_wait_to_be_walked_back(client, queued, make_collective):
    """Between the worker's death and a retry or cancel, its batches are in the register; the
    page must not claim that nothing was saved."""
    half_written_by_a_dead_worker(queued, make_collective)
    page = client.get(f"/import/{queued.pk}/").content.decode()
    assert "staat al in het register" in page and "er is niets opgeslagen" not in page


def test_a_restarted_worker_walks_back_a_dead_runs_batches(queued, make_collective, monkeypatch):
    from opmars.dataio.management.commands import task_worker

    made = half_written_by_a_dead_worker(queued, make_collective)
    monkeypatch.setattr(task_worker.DbWorkerCommand, "handle", lambda *args, **options: None)
    task_worker.Command().handle()
    assert not Collective.objects.filter(pk=made.pk).exists()
    assert not ImportUndo.objects.exists()


def test_progress_tells_the_write_phase(tmp_path, staff_user, short):
    calls = []
    path = write(tmp_path, HEADER + new_rows(5))
    import_file(
        path,
        staff_user,
        Options(dry_run=False, file_name=Path(path).name),
        progress=lambda done, writing=None: calls.append((done, writing)),
    )
    assert calls == [(2, None), (4, None), (5, None), (2, 5), (4, 5), (5, 5)]
