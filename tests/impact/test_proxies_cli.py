"""`opmars proxies list|new-version`: a new CO2 price or a new proxy on a running installation is
a supported command, not a Python shell. Every row is checked before a version is made, a
dry run saves nothing, the step is audited, and a report made with an older version says a
newer one exists while keeping its own figures."""

import pytest

from opmars.accounts.models import AuditEvent
from opmars.cli import build_parser
from opmars.impact import actions
from opmars.impact.cli import run_proxies
from opmars.impact.models import ProxyLibrary
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db

NEW_PROXY = (
    "repair_cafe_visit,Waarde van een reparatie in een repaircafé,12.5,8,20,per reparatie,EUR,"
    "2024,Voorbeeldbron 2024,secondary"
)


SOURCED = "key,value,high,source"


def opmars_proxies(capsys, *args):
    """Run `opmars proxies …` in this process (its database); (exit status, stdout, stderr)."""
    status = run_proxies(build_parser().parse_args(["proxies", *args]))
    out, err = capsys.readouterr()
    return status, out, err


def csv_file(tmp_path, *lines, header="key,value,high"):
    path = tmp_path / "proxies.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return str(path)


def test_a_new_co2_price_is_a_new_version_from_a_file(capsys, tmp_path):
    path = csv_file(tmp_path, "co2_shadow_price,0.2,0.25,CE Delft 2026", header=SOURCED)
    status, out, err = opmars_proxies(capsys, "new-version", path, "--note", "CE Delft 2026")
    assert (status, err) == (0, "")
    assert "Versie 2 is gemaakt" in out and "value = 0.2" in out
    library = ProxyLibrary.objects.get(version=2)
    co2 = library.proxies.get(key="co2_shadow_price")
    assert (co2.value, co2.high, co2.low, co2.verified) == (0.2, 0.25, 0.05, False)
    assert library.proxies.count() == ProxyLibrary.objects.get(version=1).proxies.count()
    event = AuditEvent.objects.get(action="impact.library.new_version")
    assert event.changes["via"] == "opdrachtregel" and event.changes["note"] == "CE Delft 2026"


def test_a_new_proxy_needs_every_field_and_then_joins_the_library(capsys, tmp_path):
    header = "key,description,value,low,high,unit,currency,price_year,source,status"
    status, _out, err = opmars_proxies(
        capsys, "new-version", csv_file(tmp_path, "repair_cafe_visit,,12.5", header=header),
        "--note", "nieuw",
    )  # fmt: skip
    assert status == 1 and "Rij 2 (repair_cafe_visit)" in err and "description" not in err
    assert not ProxyLibrary.objects.filter(version=2).exists()

    path = csv_file(tmp_path, NEW_PROXY, header=header)
    assert opmars_proxies(capsys, "new-version", path, "--note", "nieuw")[0] == 0
    proxy = ProxyLibrary.objects.get(version=2).proxies.get(key="repair_cafe_visit")
    assert (proxy.value, proxy.unit, proxy.status) == (12.5, "per reparatie", "secondary")


@pytest.mark.parametrize(
    "line, header, expected",
    [
        ("co2_shadow_price,veel,", "key,value,high", "Rij 2 (co2_shadow_price)"),
        ("co2_shadow_price,0.2,0.1", "key,value,high", "De hoge waarde is lager"),
        ("co2_shadow_price,0.2,0.25", "key,value,high", "Geef de bron van de nieuwe waarde"),
        ("co2_shadow_price,0.01,", "key,value,high", "De lage waarde is hoger"),
        ("co2_shadow_price,onzeker", "key,status", "Kies source"),
        ("co2_shadow_price,1850", "key,price_year", "tussen 1990 en"),
        ("co2_shadow_price,0.2", "key,waarde", "onbekend veld waarde"),
        (",0.2", "key,value", "Rij 2: de key is leeg"),
        ("co2_shadow_price,0.2", "sleutel,value", "de kolom 'key' ontbreekt"),
    ],
)
def test_a_wrong_row_is_refused_naming_row_and_reason(capsys, tmp_path, line, header, expected):
    path = csv_file(tmp_path, line, header=header)
    status, _out, err = opmars_proxies(capsys, "new-version", path, "--note", "x")
    assert status == 1 and expected in err
    assert ProxyLibrary.objects.count() == 1


def test_a_dry_run_shows_the_change_and_saves_nothing(capsys, tmp_path):
    path = csv_file(tmp_path, "co2_shadow_price,0.2,0.25,CE Delft 2026", header=SOURCED)
    status, out, _err = opmars_proxies(capsys, "new-version", path, "--note", "x", "--dry-run")
    assert status == 0 and "value = 0.2" in out and "niets opgeslagen" in out
    assert ProxyLibrary.objects.count() == 1 and not AuditEvent.objects.exists()


def test_list_shows_a_version(capsys):
    status, out, _err = opmars_proxies(capsys, "list")
    assert status == 0 and out.startswith("Proxybibliotheek versie 1")
    assert any(line.startswith("co2_shadow_price\t0.13\t") for line in out.splitlines())
    assert opmars_proxies(capsys, "list", "--version", "7")[0] == 1


def test_a_report_on_an_older_version_says_a_newer_exists(
    client, make_collective, editor_user, staff_user
):
    collective = make_collective()
    report = actions.save_report(editor_user, collective, form_data())
    actions.publish_report(editor_user, report)
    page = client.get(f"/collectieven/{collective.slug}/impact/").content.decode()
    assert "nieuwere versie van de proxybibliotheek" not in page

    changes = {"co2_shadow_price": {"value": 0.15, "source": "CE Delft 2026"}}
    actions.new_library_version(staff_user, changes, note="x")
    page = client.get(f"/collectieven/{collective.slug}/impact/").content.decode()
    assert "Er is een nieuwere versie van de proxybibliotheek (versie 2" in page
    assert "deze rapportage is berekend met versie 1" in page
