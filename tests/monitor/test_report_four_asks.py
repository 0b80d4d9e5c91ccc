"""'Wat de vier vragen hier betekenen' (issue 16): every municipality, province and network report
has the four asks, each with its local evidence, every figure with what it counts — on the page
and in the PDF."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from opmars.finance.models import FinanceRoute
from opmars.knowledge import actions as knowledge
from opmars.monitor import asks, metrics, report
from opmars.networks.models import Membership, Network
from opmars.rights.models import LocalRight
from tests.knowledge.conftest import item_data

QUESTION = {
    "kind": "vraag",
    "resource": "kennis",
    "title": "Hoe houden jullie de ALV online?",
    "body": "Wij zoeken een manier om digitaal te stemmen.",
}


@pytest.fixture
def local_use(make_collective, editor_user, other_user):
    """In Amsterdam this year: one question, answered by a knowledge item of a peer, which the
    asker's editor found useful; and a conversation the asker marked as helpful."""
    asker = make_collective(name="Jonge Energie")
    asker.editors.set([other_user])
    peer = make_collective(name="Energie Oost")
    question = knowledge.post_question(other_user, asker, QUESTION)
    answer = knowledge.create_item(
        editor_user, peer, item_data(title="Zo doen wij de online ALV"), answer_to=question
    )
    knowledge.mark_useful(other_user, answer)
    message = knowledge.send_message(
        other_user, peer, {"body": "Hoe stemmen jullie?", "sign_as": asker.slug}, question
    )
    knowledge.mark_helped(other_user, message)
    return asker, peer


def figures_of(ask):
    return {figure.label: figure.value for figure in ask.figures}


def test_the_knowledge_asks_count_what_happened_here_this_year(local_use):
    year = timezone.now().year
    area = metrics.municipality_area("GM0363")
    content = report.report_content(area, year)
    first, second, third, fourth = content["asks"]
    assert [a.number for a in content["asks"]] == [1, 2, 3, 4]
    platform = figures_of(first)
    assert platform["vragen gesteld"] == 1
    assert platform["daarvan beantwoord"] == 1
    assert platform["contacten met andere collectieven"] == 1
    assert platform["kennisitems gebruikt"] == 1
    credit = figures_of(second)
    assert credit["collectieven die kennis deelden"] == 1
    assert credit["keer 'dit hielp ons'"] == 1
    assert credit["keer 'nuttig' genoemd"] == 1
    shown = [figure for ask in content["asks"] for figure in ask.figures]
    assert all(figure.definition and figure.unit for figure in shown)
    # Another year, another municipality: nothing of this counts there.
    assert (
        figures_of(asks.knowledge_platform(area, year - 1, content["networked"]))["vragen gesteld"]
        == 0
    )
    elsewhere = metrics.municipality_area("GM0344")
    assert figures_of(asks.reward(elsewhere, year))["collectieven die kennis deelden"] == 0


def test_a_network_report_counts_its_members(local_use):
    asker, peer = local_use
    network = Network.objects.get(slug="cooplink")
    Membership.objects.create(network=network, collective=peer)
    area = metrics.network_area(network.slug)
    credit = figures_of(asks.reward(area, timezone.now().year))
    assert credit["collectieven die kennis deelden"] == 1
    platform = figures_of(asks.knowledge_platform(area, timezone.now().year, {"members": 1}))
    assert platform["vragen gesteld"] == 0  # the asker is not a member


@pytest.mark.parametrize("scope, code", [("gemeenten", "GM0363"), ("provincies", "PV27")])
def test_the_page_and_the_pdf_show_the_section(client, local_use, scope, code):
    year = timezone.now().year
    page = client.get(f"/monitor/{scope}/{code}/rapport/?jaar={year}").content.decode()
    section = page[page.index('id="vier-vragen"') :]
    assert "Wat de vier vragen hier betekenen" in page
    for title in ("1. Een kennisplatform", "2. Beloning voor wie kennis deelt"):
        assert title in section
    assert "Wat het telt" in section and "/kennisdelers/?" in section
    pdf = client.get(f"/monitor/{scope}/{code}/rapport.pdf?jaar={year}")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


@pytest.fixture
def local_law_and_money(make_collective):
    """In Amsterdam: a buurtcoöperatie, a municipal fund that fits it, and an uitdaagrecht."""
    make_collective(name="Buurt Noord")  # a buurtcoöperatie, coöperatie UA, founded 2015
    FinanceRoute.objects.create(
        name="Buurtfonds Amsterdam",
        provider="Gemeente Amsterdam",
        route_type="fonds",
        level="gemeentelijk",
        municipality_id="GM0363",
        kinds=["buurtcooperatie"],
        is_ongoing=True,
        source_url="https://www.amsterdam.nl/buurtfonds",
        last_checked=datetime.date(2026, 11, 1),
    )
    LocalRight.objects.create(
        municipality_id="GM0363",
        right="uitdaagrecht",
        status="ja",
        since=datetime.date(2024, 1, 1),
        source_url="https://lokaleregelgeving.overheid.nl/voorbeeld",
        last_checked=datetime.date(2026, 11, 1),
    )


def test_money_and_law_show_the_fitting_routes_and_the_local_rights(client, local_law_and_money):
    year = timezone.now().year
    area = metrics.municipality_area("GM0363")
    _k, _r, money, law = report.report_content(area, year)["asks"]
    routes = {table.definition: table for table in money.tables}["finance_routes"]
    (route,) = routes.rows
    assert route[0].startswith("Buurtfonds Amsterdam (Gemeente Amsterdam; Amsterdam;")
    assert route[1:] == [1, 0]
    assert {table.definition for table in money.tables} >= {"income_by_kind", "grants_by_funder"}
    counts = {table.definition: table for table in law.tables}["local_rights"]
    by_right = {row[0]: row[1:] for row in counts.rows}
    assert by_right["Uitdaagrecht"] == [1, 0, 0, 0]
    assert by_right["Buurtrechten"] == [0, 0, 1, 1]  # no entry: unknown, never "nee"

    page = client.get(f"/monitor/gemeenten/GM0363/rapport/?jaar={year}").content.decode()
    section = page[page.index('id="vier-vragen"') :]
    assert "Buurtfonds Amsterdam" in section and "brondocument" in section


def test_the_four_asks_as_a_spreadsheet(client, local_law_and_money):
    year = timezone.now().year
    answer = client.get(f"/monitor/gemeenten/GM0363/rapport-vier-vragen.csv?jaar={year}")
    text = answer.content.decode()
    assert text.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert header == report.ASKS_HEADER
    asks_named = {row[0] for row in rows}
    assert len(asks_named) == 4
    route = [r for r in rows if r[2].startswith("Buurtfonds Amsterdam") and r[3] == "Past bij"]
    assert route and route[0][4] == "1" and "fase" in route[0][7]
    loans = [r for r in rows if r[2] == "leningen" and r[3] == "Euro"]
    assert loans and loans[0][4] == ""  # unknown is an empty cell, never 0
    assert all(row[8] for row in rows)  # every row names its source
