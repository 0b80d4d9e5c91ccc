"""The monitor caches its figures per data version; the labels in them are translated, so an
English visitor after a Dutch one gets English labels, not the cached Dutch copy."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_cached_dutch_monitor_is_not_served_in_english(client, make_collective):
    make_collective(kind="energiecooperatie")
    assert "Energiecoöperatie of energiecollectief" in client.get("/monitor/").text
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/monitor/").text
    assert "Energiecoöperatie of energiecollectief" not in english
