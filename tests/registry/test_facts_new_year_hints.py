"""A new year's facts form starts empty and shows, beside each field, what it was in the latest
earlier year: a hint to read, never a value that saving would copy (Anouk, issue 20)."""

import re

import pytest
from django.urls import reverse

from opmars.registry.models import YearlyFacts

pytestmark = pytest.mark.django_db


@pytest.fixture
def anouk(client, make_collective, editor_user):
    collective = make_collective(editors=[editor_user])
    YearlyFacts.objects.create(collective=collective, year=2023, members=99)
    YearlyFacts.objects.create(collective=collective, year=2024, members=1234, volunteers=45)
    client.force_login(editor_user)
    return reverse("collective_facts", args=[collective.slug])


def test_each_field_shows_the_latest_earlier_year_as_a_hint(client, anouk):
    page = client.get(anouk + "?jaar=2025").content.decode()
    assert "In 2024: 1.234." in page and "In 2024: 45." in page
    assert "In 2023" not in page
    assert not re.search(r'name="(members|volunteers)"[^>]*value=', page)
    hint = re.search(r'id="(id_members_helptext)"', page).group(1)
    assert re.search(rf'name="members"[^>]*aria-describedby="{hint}"', page)


def test_a_year_with_figures_of_its_own_has_no_hints(client, anouk):
    page = client.get(anouk + "?jaar=2024").content.decode()
    assert "In 2023:" not in page and 'value="1234"' in page


def test_a_first_year_has_no_hints(client, anouk):
    assert "In 20" not in client.get(anouk + "?jaar=2022").content.decode()
