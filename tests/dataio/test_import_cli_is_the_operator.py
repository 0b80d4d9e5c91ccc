"""`opmars import` has no user: it runs as the server's operator, with every right (whoever
can run it could write to the database directly). `--network` only says on whose behalf: the
source text and membership. A web import never gets these rights, not even when its uploader's
account is gone. Decision 0038."""

import pytest

from opmars.cli import main
from opmars.dataio.models import ImportRun
from opmars.dataio.tasks import read_report, run_dry_run
from opmars.networks.models import Membership
from opmars.registry.models import YearlyFacts
from tests.dataio.helpers import write
from tests.dataio.rights_helpers import ATTACKER, collectives_csv, facts_csv

pytestmark = pytest.mark.django_db


def opmars(*args):
    with pytest.raises(SystemExit) as exit_info:
        main([str(a) for a in args])
    return exit_info.value.code


def test_the_operator_updates_any_record_and_adds_it_to_the_network(tmp_path, records, kernen):
    names = (records.outside.name, records.unlisted.name)
    path = write(tmp_path, collectives_csv(*names), encoding="utf-8")
    assert opmars("import", path, "--network", kernen.slug) == 0
    for collective in (records.outside, records.unlisted):
        collective.refresh_from_db()
        assert collective.contact_email == ATTACKER
        assert Membership.objects.filter(network=kernen, collective=collective).exists()


def test_the_operator_imports_yearly_facts_of_any_record(tmp_path, records, kernen):
    path = write(tmp_path, facts_csv(records.outside.name), encoding="utf-8")
    assert opmars("import", path, "--type", "facts", "--network", kernen.slug) == 0
    assert YearlyFacts.objects.filter(collective=records.outside).exists()


def test_a_web_upload_whose_account_is_gone_is_not_the_operator(
    tmp_path, settings, records, network_admin, kernen
):
    settings.DATA_DIR = tmp_path
    path = write(tmp_path, collectives_csv(records.outside.name), encoding="utf-8")
    upload = ImportRun.objects.create(
        actor=network_admin, network=kernen, file_name="lijst.csv", stored_file=str(path)
    )
    network_admin.delete()
    run_dry_run.call(upload.pk)
    assert "geen account meer" in read_report(upload).problem
