"""Reference data: 12 provinces, 342 municipalities, history, postcodes placed by coordinates."""

from opmars.geo.models import (
    HistoricMunicipality,
    Municipality,
    Postcode,
    Province,
    SdgGoal,
    SdgTarget,
)
from opmars.geo.reference import load_reference_data


def test_counts_match_the_sources(db):
    assert Province.objects.count() == 12
    assert Municipality.objects.count() == 342
    assert sum(Municipality.objects.values_list("population", flat=True)) == 17_942_942
    assert HistoricMunicipality.objects.count() == 789
    assert SdgGoal.objects.count() == 17
    assert SdgTarget.objects.count() == 169


def test_postcode_municipality_comes_from_coordinates_not_2014_names(db):
    # 9795 Woltersum lay in the former Ten Boer; the 2014 file calls it "Glas". Today: Groningen.
    assert Postcode.objects.get(pc4=9795).municipality.name == "Groningen"
    # 1012 is central Amsterdam.
    assert Postcode.objects.get(pc4=1012).municipality_id == "GM0363"


def test_almost_every_postcode_is_placed(db):
    assert Postcode.objects.count() >= 4650


def test_loading_twice_changes_nothing(db):
    before = (Municipality.objects.count(), Postcode.objects.count())
    load_reference_data()
    assert (Municipality.objects.count(), Postcode.objects.count()) == before


def test_a_merged_municipality_points_to_its_successor(db):
    appingedam = HistoricMunicipality.objects.get(code="GM0003")
    assert [m.name for m in appingedam.successors.all()] == ["Eemsdelta"]


def test_a_split_municipality_has_several_successors(db):
    haaren = HistoricMunicipality.objects.get(name="Haaren")
    assert {m.name for m in haaren.successors.all()} == {"Boxtel", "Oisterwijk", "Tilburg", "Vught"}
