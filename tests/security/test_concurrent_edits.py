"""Two editors who load the same collective (or the same year's facts) and both save: the first
save stands, the second gets a clear Dutch message with their own input back, not a silent
overwrite. Saving again after that is a deliberate choice and goes through."""

import pytest
from django.urls import reverse

from opmars.registry import actions
from opmars.registry.models import YearlyFacts

pytestmark = pytest.mark.django_db


def loaded_form(client, url):
    """The edit page's fields, with its hidden version, as the browser would post them back."""
    response = client.get(url)
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value in (None, False):
            continue
        data[name] = value
    data["version"] = response.context["version"]
    assert f'name="version" value="{data["version"]}"' in response.text
    return data


@pytest.fixture
def two_editors(client, make_collective, editor_user, other_user):
    from django.test import Client

    collective = make_collective()
    collective.editors.add(other_user)
    second = Client()
    client.force_login(editor_user)
    second.force_login(other_user)
    return collective, client, second


def test_the_second_save_of_a_collective_is_refused_with_the_input_back(two_editors):
    collective, first, second = two_editors
    url = reverse("collective_edit", args=[collective.slug])
    mine, theirs = loaded_form(first, url), loaded_form(second, url)
    assert mine["version"]

    response = first.post(url, {**mine, "description": "Versie van de eerste redacteur."})
    assert response.status_code == 302
    response = second.post(url, {**theirs, "description": "Versie van de tweede redacteur."})

    assert response.status_code == 200
    assert "Iemand anders heeft dit opgeslagen terwijl jij het aanpaste" in response.text
    assert "Versie van de tweede redacteur." in response.text  # their input is still there
    collective.refresh_from_db()
    assert collective.description == "Versie van de eerste redacteur."

    # The re-rendered form carries the current version: saving again is deliberate and works.
    again = response.context["version"]
    assert again == collective.updated_at.isoformat()
    response = second.post(url, {**theirs, "version": again, "description": "Toch de tweede."})
    assert response.status_code == 302
    collective.refresh_from_db()
    assert collective.description == "Toch de tweede."


def test_the_second_save_of_the_same_years_facts_is_refused(two_editors):
    collective, first, second = two_editors
    YearlyFacts.objects.create(collective=collective, year=2023, members=10)
    url = reverse("collective_facts", args=[collective.slug]) + "?jaar=2023"
    mine, theirs = loaded_form(first, url), loaded_form(second, url)

    assert first.post(url, {**mine, "members": 12}).status_code == 302
    response = second.post(url, {**theirs, "members": 99})

    assert response.status_code == 200
    assert "Iemand anders heeft dit opgeslagen" in response.text
    assert 'value="99"' in response.text
    assert YearlyFacts.objects.get(collective=collective, year=2023).members == 12


def test_two_first_saves_of_a_new_year_do_not_overwrite_each_other(two_editors):
    collective, first, second = two_editors
    url = reverse("collective_facts", args=[collective.slug]) + "?jaar=2022"
    mine, theirs = loaded_form(first, url), loaded_form(second, url)
    assert mine["version"] == "2022:nieuw"

    assert first.post(url, {**mine, "volunteers": 4}).status_code == 302
    response = second.post(url, {**theirs, "volunteers": 7})
    assert "Iemand anders heeft dit opgeslagen" in response.text
    assert YearlyFacts.objects.get(collective=collective, year=2022).volunteers == 4


def test_facts_of_another_year_are_not_a_conflict(two_editors):
    collective, first, second = two_editors
    url = reverse("collective_facts", args=[collective.slug])
    mine = loaded_form(first, url + "?jaar=2021")
    theirs = loaded_form(second, url + "?jaar=2020")
    assert first.post(url, {**mine, "members": 5}).status_code == 302
    assert second.post(url, {**theirs, "members": 6}).status_code == 302
    assert set(collective.facts.values_list("year", "members")) == {(2021, 5), (2020, 6)}


def test_writes_without_a_version_are_not_checked(make_collective, editor_user):
    """The API and the import post no version: last write wins, as before."""
    collective = make_collective()
    data = {**actions.collective_form_initial(collective), "description": "Via de API."}
    actions.update_collective(editor_user, collective, data)
    collective.refresh_from_db()
    assert collective.description == "Via de API."


def test_the_conflict_is_reported_in_the_error_shape(make_collective, editor_user):
    collective = make_collective()
    data = {**actions.collective_form_initial(collective), "version": "2001-01-01T00:00:00+00:00"}
    with pytest.raises(actions.ActionError) as raised:
        actions.update_collective(editor_user, collective, data)
    assert raised.value.errors[0]["field"] == "version"
    assert raised.value.errors[0]["code"] == "gewijzigd"
