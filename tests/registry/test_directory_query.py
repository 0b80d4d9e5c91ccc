"""The one query behind the directory, the map and the API."""

from django.http import QueryDict

from opmars.registry.models import Collective
from opmars.registry.query import filter_collectives, order_collectives, parse_query


def run(querystring):
    query = parse_query(QueryDict(querystring))
    return list(order_collectives(query, filter_collectives(query, Collective.objects.all())))


def test_a_query_of_only_symbols_is_no_search(make_collective):
    make_collective(name="Alpha")
    make_collective(name="Beta")
    assert parse_query(QueryDict("q=%23%21")).q == ""
    assert [c.name for c in run("q=%23%21")] == ["Alpha", "Beta"]


def test_province_filter_uses_the_seat(make_collective):
    make_collective(name="In Utrecht", municipality="GM0344")
    make_collective(name="In Amsterdam", municipality="GM0363", works_in="GM0344")
    assert [c.name for c in run("province=PV26")] == ["In Utrecht"]
    assert [c.name for c in run("works_in=GM0344")] == ["In Amsterdam"]


def test_near_sorts_by_distance_within_the_radius(make_collective):
    make_collective(name="Utrecht", municipality="GM0344")
    make_collective(name="Amersfoort", municipality="GM0307")
    make_collective(name="Groningen", municipality="GM0014")
    results = run("near=52.09,5.12&radius_km=30")
    assert [c.name for c in results] == ["Utrecht", "Amersfoort"]
    assert results[0].distance_km < results[1].distance_km < 30


def test_repeated_and_comma_separated_values(make_collective):
    make_collective(name="Energie", kind="energiecooperatie")
    make_collective(name="Zorg", kind="zorgcooperatie")
    make_collective(name="Dorp", kind="dorpsraad")
    expected = ["Energie", "Zorg"]
    assert [c.name for c in run("kind=energiecooperatie&kind=zorgcooperatie")] == expected
    assert [c.name for c in run("kind=energiecooperatie,zorgcooperatie")] == expected


def test_founded_year_sort_puts_unknown_years_last(make_collective):
    make_collective(name="Oud", founded_year=1990)
    make_collective(name="Onbekend", founded_year=None)
    make_collective(name="Jong", founded_year=2020)
    assert [c.name for c in run("sort=founded_year")] == ["Oud", "Jong", "Onbekend"]
    assert [c.name for c in run("sort=-founded_year")] == ["Jong", "Oud", "Onbekend"]
