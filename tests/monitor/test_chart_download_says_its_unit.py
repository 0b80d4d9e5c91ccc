"""A downloaded chart (SVG and PNG are one drawing) carries its title, its unit, its source and
the date of its data, so that it still says what it shows outside Opmars (Carmen, issue 20)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["groei", "oprichtingen", "soorten", "terreinen"])
def test_every_chart_file_says_title_unit_source_and_date(client, make_collective, name):
    make_collective(name="Energie Één")
    answer = client.get(f"/monitor/grafiek/nederland/NL/{name}.svg")
    assert answer.status_code == 200
    drawing = answer.content.decode()
    assert "collectieven" in drawing.split("</text>")[0]  # the title comes first
    assert ">Eenheid: aantal collectieven.</text>" in drawing
    assert ">Bron: Opmars, http://testserver/, stand " in drawing
