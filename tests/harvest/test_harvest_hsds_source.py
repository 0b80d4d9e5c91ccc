"""An Open Referral HSDS source: its tabular zip (organization, location and address tables, as
Opmars itself exports them) or its JSON API pages of organizations. What HSDS says is harvested
like any source; what it cannot say (the kind of collective) is never overwritten."""

import io
import json
import zipfile

from django.utils import translation

from opmars.dataio import exporting
from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestedRecord, HarvestSource
from opmars.registry.models import Collective

from .conftest import refusal


def hsds_source(server, path):
    return HarvestSource.objects.create(name="Sociale kaart", url=server.url + path, kind="hsds")


def tables(**csv_texts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in csv_texts.items():
            archive.writestr(f"{name}.csv", text)
    return out.getvalue()


def test_opmars_own_hsds_export_comes_back_whole(server, make_collective):
    made = [
        make_collective(name="Zonnedak Oost", kind="energiecooperatie", kvk_number="12345678"),
        make_collective(name="Wijkkracht Noord", municipality="GM0344", legal_form="stichting"),
    ]
    before = {c.name: c for c in Collective.objects.select_related("municipality")}
    out = io.BytesIO()
    assert exporting.export(Collective.objects.order_by("pk"), "hsds", out) == 2
    server.files["/hsds.zip"] = out.getvalue()
    Collective.objects.filter(pk__in=[c.pk for c in made]).delete()

    source = hsds_source(server, "/hsds.zip")
    assert harvest(source), source.last_message

    source.refresh_from_db()
    assert source.counts["nieuw"] == 2
    for collective in Collective.objects.select_related("municipality"):
        original = before[collective.name]
        assert collective.municipality == original.municipality
        assert collective.legal_form == original.legal_form
        assert collective.kvk_number == original.kvk_number
        assert collective.founded_year == original.founded_year
        assert collective.description == original.description
        assert collective.kind == "overig"  # HSDS has no kind: staff set it
        assert collective.source == "uit bron Sociale kaart"
        assert not collective.is_demo
    assert set(HarvestedRecord.objects.values_list("remote_id", flat=True)) == {
        c.slug for c in made
    }
    said = set(FieldProvenance.objects.values_list("field", flat=True))
    assert "kind" not in said  # the source never said it
    assert {"name", "municipality", "kvk_number", "legal_form", "founded_year"} <= said


FOREIGN = tables(
    organization=(
        "id,name,description,website,tax_id,year_incorporated,legal_status\n"
        "org-1,Buurtkracht Lent,Wij helpen buren.,https://buurtkracht.example,,2012,Stichting\n"
        "org-2,Energie Samen Elst,,,87654321,,Rechtsvorm die wij niet kennen\n"
        "org-3,Zon op Bemmel,,,,,Cooperatie UA\n"
    ),
    location="id,organization_id,name,external_identifier\nloc-1,org-1,Kantoor,\n"
    "loc-2,org-2,Dak,\nloc-3,org-3,Dak,GM1734\n",
    address="id,location_id,city,country\nadr-1,loc-1,Nijmegen,NL\nadr-2,loc-2,Overbetuwe,NL\n",
)


def test_a_foreign_hsds_zip_resolves_cities_and_keeps_what_it_cannot_say(server, db):
    server.files["/kaart.zip"] = FOREIGN
    source = hsds_source(server, "/kaart.zip")

    with translation.override("en"):  # whatever language the worker runs in
        assert harvest(source), source.last_message

    lent = Collective.objects.select_related("municipality").get(name="Buurtkracht Lent")
    assert lent.municipality.name == "Nijmegen"
    assert lent.legal_form == "stichting"
    assert lent.founded_year == 2012
    elst = Collective.objects.select_related("municipality").get(name="Energie Samen Elst")
    assert elst.municipality.name == "Overbetuwe"
    assert elst.kvk_number == "87654321"
    assert elst.legal_form == "informeel"  # a status we cannot read is not taken over
    bemmel = Collective.objects.get(name="Zon op Bemmel")
    assert (bemmel.legal_form, bemmel.municipality_id) == ("cooperatie_ua", "GM1734")

    # Staff set the kind; the next harvest leaves it.
    Collective.objects.filter(pk=elst.pk).update(kind="energiecooperatie")
    assert harvest(source), source.last_message
    elst.refresh_from_db()
    assert elst.kind == "energiecooperatie"
    source.refresh_from_db()
    assert source.counts["ongewijzigd"] == 3


def organization(number, city):
    return {
        "id": f"o{number}",
        "name": f"Collectief {city} {number}",
        "description": "Uit de API.",
        "year_incorporated": 2000 + number,
        "organization_identifiers": [
            {"identifier_scheme": "NL-KVK", "identifier": f"1000000{number}"}
        ],
        "locations": [{"id": f"l{number}", "addresses": [{"city": city}]}],
    }


def test_hsds_api_pages_are_followed_to_the_last(server, db):
    pages = {
        1: [organization(1, "Utrecht"), organization(2, "Zwolle")],
        2: [organization(3, "Groningen")],
    }
    for page, contents in pages.items():
        answer = {"total_items": 3, "total_pages": 2, "page_number": page, "contents": contents}
        path = "/organizations" + ("?page=2" if page == 2 else "")
        server.files[path] = json.dumps(answer).encode()
    source = hsds_source(server, "/organizations")

    assert harvest(source), source.last_message

    found = dict(Collective.objects.values_list("kvk_number", "municipality__name"))
    assert found == {"10000001": "Utrecht", "10000002": "Zwolle", "10000003": "Groningen"}


def test_an_hsds_source_that_is_not_hsds(server, db):
    server.files["/leeg.zip"] = tables(services="id,name\n1,Iets\n")
    server.files["/ander.json"] = json.dumps({"results": []}).encode()
    server.files["/kapot.json"] = b'{"contents": [1, 2'
    expected = {
        "/leeg.zip": "geen organization.csv",
        "/ander.json": "geen HSDS-organisaties",
        "/kapot.json": "geen geldige JSON",
    }
    for path, message in expected.items():
        source = HarvestSource.objects.create(name=path, url=server.url + path, kind="hsds")
        assert message in refusal(source)
    assert not Collective.objects.exists()


def test_an_organization_without_a_place_stops_the_harvest_whole(server, db):
    server.files["/kaart.zip"] = tables(
        organization="id,name\no1,Buurtkracht Lent\no2,Zonder Plaats\n",
        location="id,organization_id,external_identifier\nl1,o1,GM0268\n",
    )
    source = hsds_source(server, "/kaart.zip")
    assert "Zonder Plaats" in refusal(source)
    assert not Collective.objects.exists()  # the good row was not applied either
