"""The seed file validates and loads: the real entries have sources, the rest is marked
fictitious, and most municipalities stay onbekend."""

import pytest

from opmars.geo.models import Municipality
from opmars.rights.demo import SEED_FILE, generate_demo
from opmars.rights.models import LocalRight

pytestmark = pytest.mark.django_db


def test_the_seed_loads_and_leaves_most_municipalities_unknown():
    generate_demo(seed=1)
    entries = LocalRight.objects.all()
    assert entries.count() == len(SEED_FILE.read_text("utf-8").splitlines()) - 1
    real = entries.filter(is_demo=False)
    assert real.count() >= 5
    assert all(e.source_url.startswith("https://") and e.status == "ja" for e in real)
    assert not entries.filter(is_demo=True, source_url__contains="overheid.nl").exists()
    provinces = set(entries.values_list("municipality__province_id", flat=True))
    assert len(provinces) >= 6
    known = entries.exclude(status="onbekend").values("municipality").distinct().count()
    assert known < Municipality.objects.count() / 4


def test_the_municipality_page_marks_fictitious_entries(client):
    generate_demo(seed=1)
    code = LocalRight.objects.filter(is_demo=True).values_list("municipality", flat=True)[0]
    page = client.get(f"/gemeenten/{code}/").content.decode()
    assert 'id="lokale-rechten"' in page and "Fictief voorbeeld" in page
