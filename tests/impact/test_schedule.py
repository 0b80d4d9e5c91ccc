"""The present value year by year (engine.schedule): the value after drop-off and before
discounting, the discount factor of the engine's convention and the present value per year,
adding up to the central present value; on the calculator page and in its CSV."""

import csv
import io
import json
import random

import pytest

from opmars.impact import engine

R = 0.0225
ROW = {"o-0-name": "Minder eenzaam", "o-0-quantity": "35", "o-0-proxy_value": "1000",
       "o-0-deadweight": "25", "o-0-attribution": "50", "o-0-displacement": "0",
       "o-0-duration": "3", "o-0-drop_off": "10"}  # fmt: skip


def outcome(duration=3, drop_off=0.1, **kwargs):
    values = {"quantity": 35, "proxy_value": 1000, "deadweight": 0.25, "attribution": 0.5,
              "displacement": 0.0, "drop_off": drop_off, "duration": duration}  # fmt: skip
    values.update(kwargs)
    return engine.Outcome(**values)


def calculate(outcomes, **kwargs):
    return engine.calculate(outcomes, 1000, monte_carlo=False, **kwargs)


def test_platform_convention_counts_the_reporting_year_in_full():
    # Net year 1 = 35 × 1,000 × 0.75 × 0.5 = 13,125; then 10 % less each year.
    result = calculate([outcome()])
    assert [row["year"] for row in result.schedule] == [1, 2, 3]
    assert [row["value"] for row in result.schedule] == pytest.approx([13125, 11812.5, 10631.25])
    assert [row["discount_factor"] for row in result.schedule] == pytest.approx(
        [1, 1 / 1.0225, 1 / 1.0225**2]
    )
    assert [row["present_value"] for row in result.schedule] == pytest.approx(
        [13125, 11812.5 / 1.0225, 10631.25 / 1.0225**2]
    )
    assert sum(row["present_value"] for row in result.schedule) == pytest.approx(
        result.present_value, rel=1e-12
    )


def test_sroi_guide_convention_discounts_year_one_too():
    result = calculate([outcome()], convention="sroi_guide")
    assert [row["discount_factor"] for row in result.schedule] == pytest.approx(
        [1 / 1.0225, 1 / 1.0225**2, 1 / 1.0225**3]
    )
    assert result.schedule[0]["present_value"] == pytest.approx(13125 / 1.0225)
    total = sum(row["present_value"] for row in result.schedule)
    assert total == pytest.approx(result.present_value, rel=1e-12)


def test_outcomes_of_different_durations_stop_in_their_own_year():
    result = calculate([outcome(duration=1), outcome(duration=4, drop_off=0.5)])
    assert [row["outcomes"] for row in result.schedule] == [2, 1, 1, 1]
    assert result.schedule[0]["value"] == pytest.approx(2 * 13125)
    assert result.schedule[3]["value"] == pytest.approx(13125 * 0.5**3)


def test_a_capped_overlap_group_counts_in_proportion_and_still_adds_up():
    # Two outcomes in one group count as much as the larger one (§6 guard 3).
    grouped = [outcome(overlap_group="warmte"), outcome(quantity=20, overlap_group="warmte")]
    result = calculate([*grouped, outcome(duration=1, quantity=10)])
    total = sum(row["present_value"] for row in result.schedule)
    assert total == pytest.approx(result.present_value, rel=1e-12)
    assert result.present_value < sum(o["present_value"] for o in result.outcomes)


def test_the_years_add_up_to_the_present_value_for_any_map():
    rng = random.Random(20)
    for _ in range(200):
        outcomes = [
            outcome(
                quantity=rng.uniform(0, 1000),
                proxy_value=rng.uniform(-500, 5000),
                deadweight=rng.choice([0, 0.25, 0.5, 0.75, 1]),
                attribution=rng.uniform(0, 1),
                displacement=rng.uniform(0, 1),
                drop_off=rng.uniform(0, 1),
                duration=rng.randint(1, engine.MAX_DURATION),
                overlap_group=rng.choice([None, None, "a", "b"]),
            )
            for _ in range(rng.randint(1, 6))
        ]
        convention = rng.choice(engine.CONVENTIONS)
        result = calculate(outcomes, discount_rate=rng.uniform(-0.01, 0.1), convention=convention)
        total = sum(row["present_value"] for row in result.schedule)
        assert total == pytest.approx(result.present_value, rel=1e-9, abs=1e-6)
        assert len(result.schedule) == max(o.duration for o in outcomes)
        for row in result.schedule:
            assert row["present_value"] == pytest.approx(row["value"] * row["discount_factor"])


def test_the_schedule_is_part_of_the_result_dict():
    data = calculate([outcome()]).as_dict()
    assert [row["year"] for row in data["schedule"]] == [1, 2, 3]


# ---------------------------------------------------------------- the calculator page


def post(client, action, **extra):
    return client.post("/rekenhulp/", {"rows": "1", **ROW, "grants": "4000", "action": action,
                                       **extra})  # fmt: skip


@pytest.mark.django_db
def test_page_shows_the_schedule_with_convention_rate_and_total(client):
    html = post(client, "calculate").content.decode()
    assert "Jaar voor jaar" in html
    assert "discontovoet van 2,25 %" in html and "begin van elk jaar" in html
    # 13,125 + 11,812.5 / 1.0225 + 10,631.25 / 1.0225² = 34,846.09: shown as the central
    # estimate and as the schedule's total.
    pv = 13125 + 11812.5 / 1.0225 + 10631.25 / 1.0225**2
    assert html.count(f"€\u00a0{round(pv):,}".replace(",", ".")) >= 2
    for text in (
        "€\u00a013.125",
        "€\u00a010.631",
        "€\u00a011.553",
        "€\u00a010.169",
        "0,9780",
        "0,9565",
    ):
        assert text in html
    assert "Waarde na afname, vóór verdisconteren (€)" in html and "Contante waarde (€)" in html


@pytest.mark.django_db
def test_page_names_the_sroi_guide_convention(client):
    html = post(client, "calculate", convention="sroi_guide").content.decode()
    assert "eind van elk jaar" in html and "1 / (1 + discontovoet)^t" in html


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def number(cell):
    return float(cell.replace(",", "."))


@pytest.mark.django_db
def test_csv_has_the_schedule_columns_rows_total_and_definitions(client):
    rows = read_csv(post(client, "csv"))
    header = [
        "jaar",
        "lopende_uitkomsten",
        "waarde_na_afname_eur",
        "discontofactor",
        "contante_waarde_eur",
    ]
    start = rows.index(header)
    years = rows[start + 1 : start + 4]
    assert [row[0] for row in years] == ["1", "2", "3"]
    assert [number(row[2]) for row in years] == pytest.approx([13125, 11812.5, 10631.25])
    assert [number(row[3]) for row in years] == pytest.approx([1, 1 / 1.0225, 1 / 1.0225**2])
    total = rows[start + 4]
    assert total[0] == "totaal"
    summary = {row[0]: row[1] for row in rows if len(row) == 2}
    assert number(total[4]) == pytest.approx(number(summary["present_value"]), rel=1e-11)
    assert number(total[4]) == pytest.approx(sum(number(row[4]) for row in years))
    assert summary["conventie"] == "platform" and number(summary["discontovoet"]) == R
    assert "begin van het jaar" in summary["verdisconteren"]
    definitions = {row[0]: row[1:] for row in rows[rows.index(["kolom", "eenheid", "betekenis"]) :]}
    assert set(header) <= set(definitions)
    assert definitions["waarde_na_afname_eur"][0] == "€"
    assert definitions["contante_waarde_eur"][0] == "€"


@pytest.mark.django_db
def test_csv_and_json_under_the_sroi_guide_convention(client):
    rows = read_csv(post(client, "csv", convention="sroi_guide"))
    start = rows.index(["jaar", "lopende_uitkomsten", "waarde_na_afname_eur", "discontofactor",
                        "contante_waarde_eur"])  # fmt: skip
    assert number(rows[start + 1][3]) == pytest.approx(1 / 1.0225)
    data = json.loads(post(client, "json", convention="sroi_guide").content)
    total = sum(row["present_value"] for row in data["schedule"])
    assert total == pytest.approx(data["present_value"], rel=1e-12)


@pytest.mark.django_db
def test_api_returns_the_schedule(client):
    body = {
        "inputs": 1000,
        "outcomes": [{"quantity": 35, "proxy_value": 1000, "deadweight": 0.25,
                      "attribution": 0.5, "displacement": 0, "duration": 2, "drop_off": 0.1}],
    }  # fmt: skip
    data = client.post("/api/v1/sroi/calculate", body, content_type="application/json").json()
    assert [row["year"] for row in data["schedule"]] == [1, 2]
    total = sum(row["present_value"] for row in data["schedule"])
    assert total == pytest.approx(data["present_value"], rel=1e-12)
