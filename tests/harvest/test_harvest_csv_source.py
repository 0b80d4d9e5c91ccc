"""A CSV source: a spreadsheet-style list (semicolons) with only some of Opmars's columns. The
columns it has are harvested; one it lacks is left alone here, never emptied."""

from opmars.harvest.actions import harvest
from opmars.harvest.models import FieldProvenance, HarvestSource
from opmars.registry.models import Collective

from .conftest import refusal

CSV = "id;name;kind;municipality;website\n1;Voedselbank Zuid;voedselcollectief;GM0363;\n"


def test_a_csv_source(server, db):
    server.files["/lijst.csv"] = CSV.encode()
    source = HarvestSource.objects.create(
        name="Gemeentelijst", url=server.url + "/lijst.csv", kind="csv"
    )

    assert harvest(source), source.last_message

    collective = Collective.objects.get()
    assert collective.name == "Voedselbank Zuid"
    assert collective.source == "uit bron Gemeentelijst"
    assert collective.legal_form == "informeel"  # not in the list: the form's plain default
    fields = set(FieldProvenance.objects.values_list("field", flat=True))
    assert fields == {"name", "kind", "municipality", "website"}

    Collective.objects.filter(pk=collective.pk).update(description="Door staf aangevuld.")
    server.files["/lijst.csv"] = CSV.replace(";\n", ";https://voedselbank-zuid.example\n").encode()
    assert harvest(source), source.last_message

    source.refresh_from_db()
    assert source.counts["bijgewerkt"] == 1
    collective.refresh_from_db()
    assert collective.website == "https://voedselbank-zuid.example"
    assert collective.description == "Door staf aangevuld."  # not in the source: kept


def test_a_csv_without_a_required_column(server, db):
    server.files["/lijst.csv"] = b"id;naam;kind\n1;Voedselbank Zuid;voedselcollectief\n"
    source = HarvestSource.objects.create(
        name="Gemeentelijst", url=server.url + "/lijst.csv", kind="csv"
    )
    assert "deze kolommen ontbreken: name, municipality" in refusal(source)
    assert not Collective.objects.exists()
