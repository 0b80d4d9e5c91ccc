"""The editor asks to confirm percentages only once it shows them: a new outcome asks what
changed and how much; after saving, the catalogue's proposal is shown as values beside the
confirmation, and the steps say where the editor is."""

import re

import pytest

from opmars.impact import actions
from opmars.impact.models import Indicator
from tests.impact.test_report_form_phone import parse
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, editor_user):
    client.force_login(editor_user)
    return client


def first_step_data():
    """What a phone sends from a new report: no percentages, nothing confirmed."""
    data = form_data(year=2025)
    for name in ("deadweight", "attribution", "displacement", "adjustments_confirmed",
                 "justification", "duration", "drop_off"):  # fmt: skip
        data.pop(f"u-0-{name}")
    return data


def current_step(html):
    return re.search(r'<li aria-current="step">([^<]+)</li>', html).group(1)


def test_a_new_outcome_has_nothing_to_confirm_yet(editor, make_collective):
    collective = make_collective()
    response = editor.get(f"/collectieven/{collective.slug}/impact/nieuw/")
    html = response.content.decode()
    assert "id_u-0-adjustments_confirmed" not in parse(response).ids
    assert "daarna zie je de percentages uit de catalogus" in html.lower()
    assert current_step(html).startswith("Vul in wat erin ging")


def test_after_saving_the_proposal_shows_as_values(editor, make_collective, editor_user):
    collective = make_collective()
    report = actions.save_report(editor_user, collective, first_step_data())
    indicator = Indicator.objects.get(code="minder-eenzaam")
    outcome = report.outcomes.get()
    assert not outcome.adjustments_confirmed
    assert (outcome.deadweight, outcome.attribution) == (
        indicator.deadweight,
        indicator.attribution,
    )
    response = editor.get(f"/collectieven/{collective.slug}/impact/2025/")
    html = response.content.decode()
    page = parse(response)
    fields = page.fields
    assert fields["u-0-deadweight"] == str(indicator.deadweight)
    assert fields["u-0-attribution"] == str(indicator.attribution)
    assert "id_u-0-adjustments_confirmed" in page.ids
    # Waiting for confirmation: the outcome is open and the steps say so.
    assert re.search(r'<details class="outcome" id="uitkomst-1" open>', html)
    assert current_step(html).startswith("Bekijk de percentages")


def test_standard_says_which_percentage_it_is(editor, make_collective, editor_user):
    collective = make_collective()
    data = first_step_data() | {"u-0-deadweight": "", "u-0-attribution": ""}
    response = editor.post(
        f"/collectieven/{collective.slug}/impact/nieuw/", data | {"year": "2031"}
    )
    indicator = Indicator.objects.get(code="minder-eenzaam")
    html = response.content.decode()
    assert f"standaard: {indicator.deadweight} %" in html
    assert f"standaard: {indicator.attribution} %" in html
