"""A collective that is imported hears about it: one Dutch e-mail to its contact address per
import, saying where the data came from and what it can do, with a link to its page."""

import pytest

from opmars.registry.models import Collective
from tests.dataio.helpers import run, write

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data_after_flush"),
]

CSV = (
    "naam;gemeente;e-mail\n"
    "Dorpsraad Wierum;Noardeast-Fryslân;raad@wierum.example\n"
    "Zonder Adres;Ede;\n"
    "Dorpsraad Wierum;Noardeast-Fryslân;raad@wierum.example\n"  # the same row twice
)


def test_each_new_collective_with_an_address_gets_one_notice(tmp_path, mailoutbox, settings):
    settings.SITE_URL = "https://opmars.example"
    path = write(tmp_path, CSV)
    assert run(path).imported
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    wierum = Collective.objects.get(name="Dorpsraad Wierum")
    assert mail.to == ["raad@wierum.example"] and mail.subject == "Jullie staan nu in Opmars"
    assert f"https://opmars.example{wierum.get_absolute_url()}" in mail.body
    assert "import door Opmars" in mail.body
    assert "claimen" in mail.body and "niet openbaar" in mail.body

    assert run(path).imported  # a re-import creates nothing and tells no one again
    assert len(mailoutbox) == 1


def test_a_dry_run_or_an_undone_import_sends_nothing(tmp_path, mailoutbox):
    path = write(tmp_path, CSV + "Kapot;Nergenshuizen;x@y.example\n")
    run(path, dry_run=True)
    run(path)  # has an error, so nothing is imported
    assert mailoutbox == [] and not Collective.objects.exists()
