"""The audit log keeps private values as private as the pages do: a network admin reading a
member's log sees that the contact address, exact point or postcode changed, not their values;
the collective's editors and staff see them."""

import re

import pytest

from opmars.registry import actions
from tests.conftest import collective_data

SECRET_MAIL = "bestuur-prive@buurtkracht.example"
POSTCODE = re.compile(r"1011 ?AB")


@pytest.fixture
def changed(world):
    data = collective_data(
        name=world.a.name,
        municipality="GM0363",
        founded_year=2010,
        contact_email=SECRET_MAIL,
        postcode="1011AB",
        lat=52.3712,
        lon=4.9003,
        description="Nieuwe tekst voor iedereen",
    )
    actions.update_collective(world.editor_a, world.a, data)
    return world


def log_of(client, world, fmt=""):
    suffix = "logboek.csv" if fmt == "csv" else "logboek/"
    response = client.get(f"/collectieven/{world.a.slug}/{suffix}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_a_network_admin_sees_that_private_fields_changed_not_their_values(changed, client_as, fmt):
    text = log_of(client_as(changed.admin_n), changed, fmt)
    assert SECRET_MAIL not in text
    assert not POSTCODE.search(text) and "52.3712" not in text and "4.9003" not in text
    assert "(verborgen)" in text
    assert "Nieuwe tekst voor iedereen" in text, "public values stay readable"


@pytest.mark.parametrize("who", ["editor_a", "staff"])
@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_editors_and_staff_read_the_private_values(changed, client_as, who, fmt):
    text = log_of(client_as(getattr(changed, who)), changed, fmt)
    assert SECRET_MAIL in text and POSTCODE.search(text)


def test_the_account_wide_log_hides_them_from_a_network_admin_too(changed, client_as):
    text = client_as(changed.admin_n).get("/account/logboek.csv").content.decode()
    assert "collectief" in text or "registry.collective" in text
    assert SECRET_MAIL not in text and not POSTCODE.search(text)
