"""The kind (soort) of rows without one is said once for the whole file: --kind on the command
line, a choice on the web page's dry run, Options.default_kind. A kind column is matched against
the vocabulary; without one, names that point to a kind make the dry run propose it, which the
user accepts: it is never applied unasked."""

import re
from argparse import Namespace

import pytest

from opmars.dataio.cli import run_import
from opmars.dataio.importing import CREATE, UNCHANGED, UPDATE
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import read_report
from opmars.registry.models import Collective
from tests.dataio.helpers import ENERGY_CSV, run, write

pytestmark = pytest.mark.django_db


def cli(path, **args):
    defaults = {"type": "collectives", "dry_run": False, "valid_only": False, "network": None}
    namespace = Namespace(file=str(path), report=None, **{**defaults, **args})
    return run_import(namespace, lambda *total: None)


def test_the_file_default_gives_every_new_row_its_kind(staff_user):
    report = run(ENERGY_CSV, staff_user, default_kind="energiecooperatie")
    assert report.imported and report.counts[CREATE] == 357
    assert report.defaults["kind"] == "energiecooperatie"
    assert set(Collective.objects.values_list("kind", flat=True)) == {"energiecooperatie"}
    again = run(ENERGY_CSV, staff_user, default_kind="energiecooperatie")
    assert again.counts[UNCHANGED] == 357


def test_a_kind_cell_wins_and_an_empty_one_takes_the_default(tmp_path, staff_user):
    text = (
        "naam;soort;rechtsvorm;gemeente\nZon op Ede;;stichting;Ede\nZorg Ede;zorg;stichting;Ede\n"
    )
    assert run(write(tmp_path, text), staff_user, default_kind="energiecooperatie").imported
    kinds = dict(Collective.objects.values_list("name", "kind"))
    assert kinds == {"Zon op Ede": "energiecooperatie", "Zorg Ede": "zorgcooperatie"}


def test_the_default_relabels_overig_from_an_earlier_import_but_never_a_chosen_kind(
    tmp_path, staff_user
):
    text = "naam;rechtsvorm;gemeente\nWindpark Ede;stichting;Ede\nDorpshuis Ede;stichting;Ede\n"
    path = write(tmp_path, text)
    run(path, staff_user)
    Collective.objects.filter(name="Dorpshuis Ede").update(kind="dorpsraad")
    report = run(path, staff_user, default_kind="energiecooperatie")
    assert [o.action for o in report.rows] == [UPDATE, UNCHANGED]
    kinds = dict(Collective.objects.values_list("name", "kind"))
    assert kinds == {"Windpark Ede": "energiecooperatie", "Dorpshuis Ede": "dorpsraad"}


@pytest.mark.parametrize("header", ["Soort", "Type", "Categorie"])
def test_a_kind_column_is_matched_against_the_vocabulary(tmp_path, staff_user, header):
    text = (
        f"naam;{header};gemeente\n"
        "A;Energie coöperatie;Ede\nB;Energiecollectief;Ede\nC;Dorpsbelang;Ede\n"
        "D;Wijkcoöperatie;Ede\nE;wijkbedrijf;Ede\n"
    )
    report = run(write(tmp_path, text), staff_user)
    assert report.imported, report.errors
    assert report.mapping[header] == "kind" and not report.suggested_kind
    kinds = dict(Collective.objects.values_list("name", "kind"))
    assert kinds == {
        "A": "energiecooperatie",
        "B": "energiecooperatie",
        "C": "dorpsraad",
        "D": "buurtcooperatie",
        "E": "bewonersbedrijf",
    }


def test_the_dry_run_proposes_the_kind_the_names_point_to_without_applying_it(staff_user):
    report = run(ENERGY_CSV, staff_user, dry_run=True)
    assert report.suggested_kind == "energiecooperatie"
    assert report.defaults["kind"] == "overig"  # a proposal, not applied
    assert not run(
        ENERGY_CSV, staff_user, dry_run=True, default_kind="zorgcooperatie"
    ).suggested_kind


def test_names_that_point_nowhere_propose_nothing(tmp_path, staff_user):
    text = "naam;gemeente\nDe Linde;Ede\nHet Anker;Ede\nSamen Sterk;Ede\n"
    assert run(write(tmp_path, text), staff_user, dry_run=True).suggested_kind == ""


def test_the_cli_prints_the_proposal_and_applies_kind(capsys):
    assert cli(ENERGY_CSV, dry_run=True, kind=None) == 0
    out = capsys.readouterr().out
    assert "Voorstel" in out and "--kind energiecooperatie" in out
    assert "kind ontbreekt: overig voor elke rij" in out
    assert cli(ENERGY_CSV, kind="Energiecoöperatie") == 0
    out = capsys.readouterr().out
    assert "kind ontbreekt: energiecooperatie voor elke rij" in out and "Voorstel" not in out
    assert Collective.objects.filter(kind="energiecooperatie").count() == 357


def test_the_cli_refuses_an_unknown_kind(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli(ENERGY_CSV, kind="windmolen")
    assert exit_info.value.code == 2
    assert "onbekende soort 'windmolen'" in capsys.readouterr().err


def test_the_web_dry_run_shows_the_proposal_and_the_user_accepts_it(
    client, staff_user, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    upload = SimpleUploadedFile("energie.csv", ENERGY_CSV.read_bytes(), content_type="text/csv")
    client.post("/import/", {"file": upload, "kind": "collectives"})
    run_record = ImportRun.objects.get()
    page = client.get(f"/import/{run_record.pk}/").content.decode()
    assert "Voorstel" in page and 'name="accept_kind" value="energiecooperatie"' in page
    mapping = read_report(run_record).mapping  # the columns as the page shows them
    post = {"accept_kind": "energiecooperatie", "default_kind": ""}
    for i, column in enumerate(read_report(run_record).header, 1):
        post.update({f"column-{i}": column, f"field-{i}": mapping.get(column, "")})
    client.post(f"/import/{run_record.pk}/kolommen/", post)
    run_record.refresh_from_db()
    assert run_record.default_kind == "energiecooperatie"
    page = client.get(f"/import/{run_record.pk}/").content.decode()
    assert re.search(r"Soort[^:<]*: Energieco", page) and 'name="accept_kind"' not in page
    client.post(f"/import/{run_record.pk}/importeren/")
    assert Collective.objects.filter(kind="energiecooperatie").count() == 357


def test_the_review_names_the_defaults_in_words(client, staff_user, settings, tmp_path):
    """What every new row gets is shown as people read it, not as field codes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from opmars.dataio.models import ImportRun

    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    text = "Naam;Gemeente;Rechtsvorm\nBuurtkracht;Amsterdam;vereniging\n"
    upload = SimpleUploadedFile("lijst.csv", text.encode(), content_type="text/csv")
    client.post("/import/", {"file": upload, "kind": "collectives"})
    page = client.get(f"/import/{ImportRun.objects.get().pk}/").content.decode()
    assert re.search(r"Soort[^:<]*: Overig", page) and re.search(r"Status[^:<]*: Actief", page)
    assert "kind = overig" not in page and "status = actief" not in page
