"""An import renews what it changed, not the whole site (decision 0063): a facts import renews
its collectives' own answers and the figures of their areas, and leaves lists and other
collectives' answers valid; a records import also renews the lists and every area (it passes
the models, so the areas a record left are not known). An import too large to name its
records (more than PER_RECORD_AUDIT_LIMIT) renews every answer."""

import datetime

import pytest

from opmars.dataio import importing
from opmars.registry.models import YearlyFacts
from tests.caching.test_area_freshness import STATS, kept
from tests.caching.test_listing_freshness import etags
from tests.dataio.helpers import run, write

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1
AMSTERDAM, UTRECHT = "GM0363", "GM0344"


@pytest.fixture
def pair(make_collective):
    """One collective in Amsterdam, which the files change, and one in Utrecht, which they
    leave alone."""
    return (
        make_collective(name="Buurtkracht Oost", municipality=AMSTERDAM, kvk_number="11112222"),
        make_collective(name="Zorgkracht Utrecht", municipality=UTRECHT),
    )


def page(collective):
    return f"/collectieven/{collective.slug}/"


def import_facts(tmp_path, staff_user, collective, members):
    text = f"slug;jaar;leden\r\n{collective.slug};{LAST_YEAR};{members}\r\n"
    report = run(write(tmp_path, text), staff_user, kind="facts")
    assert report.imported, report.rows[0].errors


def test_a_facts_import_renews_its_collective_and_areas_only(client, pair, staff_user, tmp_path):
    changed, elsewhere = pair
    renewed = [page(changed), STATS.format(code=AMSTERDAM), "/api/v1/stats/provinces/PV27"]
    left = [page(elsewhere), STATS.format(code=UTRECHT), "/collectieven/", "/api/v1/collectives"]
    before = etags(client, renewed + left)

    import_facts(tmp_path, staff_user, changed, 321)

    assert [url for url in renewed if kept(client, url, before[url])] == []
    assert [url for url in left if not kept(client, url, before[url])] == []
    assert client.get(STATS.format(code=AMSTERDAM)).json()["members"] == 321


def test_a_records_import_renews_the_lists_but_not_other_collectives(
    client, pair, staff_user, tmp_path
):
    changed, elsewhere = pair
    renewed = [page(changed), "/collectieven/", "/api/v1/collectives", STATS.format(code=UTRECHT)]
    before = etags(client, [*renewed, page(elsewhere)])
    text = "KvK-nummer;Naam\r\n11112222;Buurtkracht Oost-Watergraafsmeer\r\n"
    report = run(write(tmp_path, text), staff_user, kind="collectives")
    assert report.imported, report.rows[0].errors

    # Every area's answers: the record may have left one, which the import cannot name.
    assert [url for url in renewed if kept(client, url, before[url])] == []
    assert kept(client, page(elsewhere), before[page(elsewhere)])
    assert "Watergraafsmeer" in client.get("/collectieven/").content.decode()


def test_an_import_too_large_to_name_renews_every_answer(
    client, pair, staff_user, tmp_path, monkeypatch
):
    changed, elsewhere = pair
    monkeypatch.setattr(importing, "PER_RECORD_AUDIT_LIMIT", 0)
    before = etags(client, [page(elsewhere)])
    import_facts(tmp_path, staff_user, changed, 12)
    assert not kept(client, page(elsewhere), before[page(elsewhere)])
    assert YearlyFacts.objects.get(collective=changed).members == 12


def test_an_import_that_changes_nothing_renews_no_collective_or_area(
    client, pair, staff_user, tmp_path
):
    changed, _elsewhere = pair
    import_facts(tmp_path, staff_user, changed, 40)
    urls = [page(changed), STATS.format(code=AMSTERDAM), "/collectieven/"]
    before = etags(client, urls)
    import_facts(tmp_path, staff_user, changed, 40)  # the same file again: every row unchanged
    assert [url for url in urls if not kept(client, url, before[url])] == []
    same_record = "KvK-nummer;Naam\r\n11112222;Buurtkracht Oost\r\n"
    report = run(write(tmp_path, same_record, name="b.csv"), staff_user, kind="collectives")
    assert report.imported and not report.counts[importing.UPDATE]
    assert [url for url in urls[:2] if not kept(client, url, before[url])] == []
