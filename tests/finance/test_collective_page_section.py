"""'Financiering die past' on a collective's page: only its editors see it, and it loads as a
fragment of its own, so the page everyone else gets (and the shared cache keeps) is unchanged."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop(make_collective, make_route):
    make_route()
    return make_collective(kind="energiecooperatie", legal_form="cooperatie_ua",
                           municipality="GM1586", founded_year=2025)  # fmt: skip


def test_the_editor_sees_the_section_and_its_matches(client, editor_user, coop):
    client.force_login(editor_user)
    page = client.get(coop.get_absolute_url()).content.decode()
    assert "Financiering die past" in page
    assert f"/financiering/collectieven/{coop.slug}/" in page
    fragment = client.get(f"/financiering/collectieven/{coop.slug}/", HTTP_HX_REQUEST="true")
    text = fragment.content.decode()
    assert "<html" not in text and "Startfonds Energie" in text
    reason = "past: energiecoöperatie of energiecollectief, coöperatie U.A., Gelderland, startfase"
    assert reason in text
    assert "HX-Request" in fragment["Vary"]
    whole = client.get(f"/financiering/collectieven/{coop.slug}/").content.decode()
    assert "<html" in whole and "Startfonds Energie" in whole


def test_others_do_not_see_it(client, other_user, coop):
    page = client.get(coop.get_absolute_url()).content.decode()
    assert "Financiering die past" not in page
    assert client.get(f"/financiering/collectieven/{coop.slug}/").status_code == 302
    client.force_login(other_user)
    assert "Financiering die past" not in client.get(coop.get_absolute_url()).content.decode()
    assert client.get(f"/financiering/collectieven/{coop.slug}/").status_code == 403
