"""An editor chooses the year first and then sees that year's figures (or an empty form):
saving a year's figures can never copy another year's (Anouk, issue 20)."""

import pytest
from django.urls import reverse

from opmars.registry.models import YearlyFacts
from tests.security.test_concurrent_edits import loaded_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def anouk(client, make_collective, editor_user):
    collective = make_collective(editors=[editor_user])
    YearlyFacts.objects.create(collective=collective, year=2025, members=123, volunteers=45)
    client.force_login(editor_user)
    return collective, reverse("collective_facts", args=[collective.slug])


def test_a_new_year_starts_empty(client, anouk):
    _collective, url = anouk
    page = client.get(url + "?jaar=2026").content.decode()
    assert "Cijfers over 2026" in page and 'name="year" value="2026"' in page
    assert 'value="123"' not in page and 'value="45"' not in page


def test_figures_loaded_for_one_year_are_not_saved_as_another(client, anouk):
    collective, url = anouk
    loaded = loaded_form(client, url + "?jaar=2025")
    answer = client.post(url, {**loaded, "year": "2026"})
    assert answer.status_code == 200
    assert "hoorden bij 2025, niet bij 2026" in answer.content.decode()
    assert not collective.facts.filter(year=2026).exists()


def test_the_loaded_year_saves_as_before(client, anouk):
    collective, url = anouk
    loaded = loaded_form(client, url + "?jaar=2025")
    assert client.post(url, {**loaded, "members": 130}).status_code == 302
    assert collective.facts.get(year=2025).members == 130
