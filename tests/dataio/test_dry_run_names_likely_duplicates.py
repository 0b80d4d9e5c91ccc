"""A new row whose name is very like a record already in the register, in the same municipality,
says so in the dry run: the pair the duplicate search offers after the import."""

import pytest

from opmars.dataio.importing import CREATE
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

LIST = (
    "Naam;Soort;Gemeente\r\n"
    "Dorpsraad Sterksel e.o.;dorpsraad;Heeze-Leende\r\n"
    "Dorpsraad Sterksel e.o.;dorpsraad;Ede\r\n"
    "Dorpsplatform Leende;dorpsraad;Heeze-Leende\r\n"
)


def test_a_likely_duplicate_is_named_before_anything_is_saved(
    tmp_path, staff_user, make_collective
):
    make_collective(name="Dorpsraad Sterksel", municipality="Heeze-Leende")
    report = run(write(tmp_path, LIST), staff_user, dry_run=True)
    rows = {outcome.row: outcome for outcome in report.rows}
    assert [rows[n].action for n in (2, 3, 4)] == [CREATE] * 3
    assert rows[2].notes == [
        "Lijkt op Dorpsraad Sterksel, dat al in Opmars staat in deze gemeente. Is het "
        "hetzelfde? Voeg ze na het importeren samen bij Mogelijke dubbelen."
    ]
    assert rows[3].notes == [] and rows[4].notes == []  # another municipality; another name
