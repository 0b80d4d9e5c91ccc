"""Importing the same file twice, or a file with empty cells, changes nothing: an empty cell
keeps the stored value, and a row that would change nothing is counted as ongewijzigd and not
written (no audit event, no new updated_at)."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.dataio.importing import CREATE, ERROR, SKIP, UNCHANGED, UPDATE
from opmars.impact.models import ImpactReport
from opmars.registry.models import Collective, CollectiveDomain, YearlyFacts
from tests.dataio.helpers import ENERGY_CSV, run, write

pytestmark = pytest.mark.django_db

FULL = (
    "naam;soort;rechtsvorm;gemeente;oprichtingsjaar;website;beschrijving;terreinen;is_open\n"
    "Dorpsbelang Oosterend;dorpsraad;vereniging;Ede;1998;https://oosterend.example;"
    "Voor het dorp.;leefbaarheid_ontmoeting;ja\n"
)
BLANK = (
    "naam;soort;rechtsvorm;gemeente;oprichtingsjaar;website;beschrijving;terreinen;is_open\n"
    "Dorpsbelang Oosterend;;;Ede;;;;;\n"
)


def snapshot():
    return list(Collective.objects.order_by("pk").values())


def test_the_example_file_imported_twice_is_357_times_unchanged(staff_user):
    first = run(ENERGY_CSV, staff_user)
    assert first.imported and first.counts[CREATE] == 357 and not first.errors
    before = snapshot()
    events = AuditEvent.objects.count()

    dry = run(ENERGY_CSV, staff_user, dry_run=True)
    assert dry.counts == {CREATE: 0, UPDATE: 0, UNCHANGED: 357, SKIP: 0, ERROR: 0}
    again = run(ENERGY_CSV, staff_user)
    assert again.imported
    assert again.counts == {CREATE: 0, UPDATE: 0, UNCHANGED: 357, SKIP: 0, ERROR: 0}
    assert snapshot() == before  # updated_at included: nothing was written
    assert not AuditEvent.objects.filter(action__startswith="collective.import.update").exists()
    assert AuditEvent.objects.count() == events + 1  # only the import's own summary


def test_empty_cells_keep_the_stored_values_even_of_required_fields(tmp_path, staff_user):
    assert run(write(tmp_path, FULL), staff_user).imported
    before = snapshot()
    report = run(write(tmp_path, BLANK, name="leeg.csv"), staff_user)
    assert report.imported and not report.errors
    assert report.rows[0].action == UNCHANGED
    assert snapshot() == before
    collective = Collective.objects.get()
    assert (collective.legal_form, collective.kind, collective.founded_year) == (
        "vereniging",
        "dorpsraad",
        1998,
    )
    assert collective.description == "Voor het dorp." and collective.is_open
    assert CollectiveDomain.objects.filter(collective=collective).count() == 1


def test_an_empty_cell_keeps_a_yearly_figure(tmp_path, staff_user, make_collective):
    make_collective(kvk_number="11112222", founded_year=2010)
    run(write(tmp_path, "kvk;jaar;leden;vrijwilligers\n11112222;2024;120;15\n"), kind="facts")
    path = write(tmp_path, "kvk;jaar;leden;vrijwilligers\n11112222;2024;;16\n", name="b.csv")
    report = run(path, staff_user, kind="facts")
    assert report.rows[0].action == UPDATE and report.rows[0].changes == ["volunteers"]
    facts = YearlyFacts.objects.get()
    assert (facts.members, facts.volunteers) == (120, 16)
    again = run(path, staff_user, kind="facts")
    assert again.rows[0].action == UNCHANGED


def test_an_empty_cell_keeps_a_figure_of_a_draft_impact_report(tmp_path, make_collective):
    collective = make_collective()
    header = "slug;jaar;indicator;aantal;bewijskracht;vrijwilligersuren;subsidie_gemeente\n"
    first = f"{collective.slug};2024;minder-eenzaam;35;3;1200;4000\n"
    assert run(write(tmp_path, header + first), kind="impact").imported
    blank = f"{collective.slug};2024;minder-eenzaam;35;3;;\n"
    report = run(write(tmp_path, header + blank, name="b.csv"), kind="impact")
    assert report.rows[0].action == UNCHANGED
    saved = ImpactReport.objects.get()
    assert (saved.volunteer_hours, saved.grant_municipality) == (1200, 4000)
