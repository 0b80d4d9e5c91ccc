"""A report says which state of the data its figures were computed from, and links to what
changed in the area since: a reader can tell what the figures do not hold yet."""

import csv
import datetime
import io
import re
from html import unescape
from urllib.parse import unquote

import pytest

from opmars.caching import generation
from opmars.registry import actions

pytestmark = pytest.mark.django_db

LAST_YEAR = datetime.date.today().year - 1
REPORT = "/monitor/gemeenten/GM0363/rapport/"


def changes_link(client, report=REPORT):
    page = client.get(report).content.decode()
    found = re.search(r'href="(/monitor/[^"]+/wijzigingen/\?sinds=[^"]+)"', page)
    return unescape(found[1])


def test_the_report_links_to_the_changes_after_its_data_date(client, make_collective):
    make_collective(municipality="GM0363")
    link = changes_link(client)
    since = datetime.datetime.fromisoformat(unquote(link.split("sinds=")[1]))
    assert since == generation.current().changed_at


def test_the_changes_page_lists_what_its_figures_do_not_hold(client, make_collective, editor_user):
    elsewhere = make_collective(name="Energie Utrecht", municipality="GM0344")
    counted = make_collective(name="Buurtkracht West", municipality="GM0363")
    # The last write before the report: its own event is in the figures, not after them.
    make_collective(name="Zonnedak Oud", municipality="GM0363")
    link = changes_link(client)

    generation.current()  # the report is made; then these are written
    actions.save_yearly_facts(editor_user, counted, {"year": LAST_YEAR, "members": 40})
    actions.save_yearly_facts(editor_user, elsewhere, {"year": LAST_YEAR, "members": 12})

    page = client.get(link).content.decode()
    assert "Buurtkracht West" in page and f"Leden ({LAST_YEAR})" in page
    assert "Energie Utrecht" not in page
    assert "Zonnedak Oud" not in page  # created before the report: in its figures
    assert "1 wijziging bij 1 collectief" in page


@pytest.mark.parametrize("since", ["gisteren", "2026-13-40T25:00"])
def test_a_moment_that_is_no_date_is_answered_in_dutch(client, since):
    response = client.get(f"/monitor/gemeenten/GM0363/wijzigingen/?sinds={since}")
    assert response.status_code == 400
    assert "'sinds' is geen datum met tijd" in unescape(response.content.decode())


def test_the_pdf_carries_the_data_date_and_the_link(make_collective):
    from opmars.monitor import metrics, report

    make_collective(municipality="GM0363")
    content = report.report_content(metrics.municipality_area("GM0363"), LAST_YEAR)
    data = report._pdf_data(content, report.report_texts(), {})
    assert data["changes_url"].endswith(content["data_date"]["changes_path"])
    assert data["changes_url"].startswith("http")
    assert str(generation.current().changed_at.year) in data["data_date"]


def csv_rows(client, path):
    text = client.get(path, {"jaar": LAST_YEAR}).content.decode().lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("name", ["rapport.csv", "rapport-vier-vragen.csv"])
def test_each_csv_appendix_row_carries_the_data_date(client, make_collective, editor_user, name):
    collective = make_collective(municipality="GM0363", founded_year=2010)
    path = f"/monitor/gemeenten/GM0363/{name}"
    header, *rows = csv_rows(client, path)
    assert header[-1] == "gegevens_van" and rows
    since = unquote(changes_link(client).split("sinds=")[1])
    assert {row[-1] for row in rows} == {since}  # the same moment the report's link names

    actions.save_yearly_facts(editor_user, collective, {"year": LAST_YEAR, "members": 40})
    _header, *after = csv_rows(client, path)
    assert {row[-1] for row in after} == {unquote(changes_link(client).split("sinds=")[1])}
    assert after[0][-1] > since


def test_a_collective_that_left_the_area_after_the_report_is_listed(
    client, make_collective, editor_user
):
    leaving = make_collective(name="Zonnedak Vertrekt", municipality="GM0363")
    make_collective(name="Buurtkracht Blijft", municipality="GM0363")
    link = changes_link(client)

    data = actions.collective_form_initial(leaving) | {"municipality": "GM0344"}
    actions.update_collective(editor_user, leaving, data)

    page = client.get(link).content.decode()
    assert "Zonnedak Vertrekt" in page  # the report counted it here; now it is in Utrecht
    assert "Buurtkracht Blijft" not in page  # nothing changed after the report
    province = client.get(link.replace("gemeenten/GM0363", "provincies/PV27")).content.decode()
    assert "Zonnedak Vertrekt" in province


def test_a_member_taken_out_of_the_network_after_the_report_is_listed(
    client, make_collective, editor_user, staff_user
):
    from opmars.networks import actions as network_actions
    from opmars.networks.models import Network

    network = Network.objects.create(slug="wijknetwerk", name="Wijknetwerk", kind="landelijk")
    member = make_collective(name="Zonnedak Lid")
    network_actions.accept(editor_user, network_actions.invite(staff_user, network, member))
    link = changes_link(client, "/monitor/netwerken/wijknetwerk/rapport/")

    network_actions.remove_member(staff_user, network, member)

    assert "Zonnedak Lid" in client.get(link).content.decode()
