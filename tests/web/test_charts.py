"""The inline SVG line chart: round axes, gaps for unknown years, nothing for nothing."""

import pytest

from opmars.ui.charts import axis, line_chart


def test_axis_has_round_whole_steps_and_room_for_the_largest_value():
    for largest in [0, 1, 3, 14, 99, 120, 999, 6120, 123456]:
        step, top = axis(largest)
        assert isinstance(step, int) and step >= 1
        assert top >= largest and top % step == 0
        assert top // step <= 5
        assert str(step).lstrip("0")[0] in "125"


def test_unknown_years_break_the_line():
    chart = line_chart([2020, 2021, 2022, 2023], [("members", "Leden", [10, None, 12, 14])])
    (line,) = chart["lines"]
    assert len(line["paths"]) == 2
    assert len(line["dots"]) == 3
    assert line["end"]["value"] == 14


def test_a_series_without_any_value_is_left_out():
    chart = line_chart(
        [2023, 2024], [("members", "Leden", [5, 6]), ("volunteers", "Vrijwilligers", [None, None])]
    )
    assert [line["key"] for line in chart["lines"]] == ["members"]


def test_no_chart_without_values():
    assert line_chart([2023], [("members", "Leden", [None])]) is None
    assert line_chart([], []) is None


def test_one_year_is_a_dot_in_the_middle():
    chart = line_chart([2024], [("members", "Leden", [7])])
    ((x, _y),) = chart["lines"][0]["dots"]
    assert chart["left"] < x < chart["right"]


def test_many_years_thin_out_the_labels():
    years = list(range(1990, 2026))
    chart = line_chart(years, [("members", "Leden", list(range(len(years))))])
    labels = [y["label"] for y in chart["years"]]
    assert labels[0] == 1990 and labels[-1] == 2025
    assert len(labels) < len(years)


@pytest.mark.parametrize("count", range(2, 41))
def test_year_labels_never_crowd_each_other_and_the_last_year_shows(count):
    years = list(range(2026 - count, 2026))
    chart = line_chart(years, [("members", "Leden", [10] * count)])
    shown = chart["years"]
    assert shown[-1]["label"] == 2025
    gaps = [b["x"] - a["x"] for a, b in zip(shown, shown[1:], strict=False)]
    assert all(gap >= 44 for gap in gaps), gaps


def test_an_end_label_at_zero_stays_above_the_year_labels():
    from opmars.ui.charts import BOTTOM, HEIGHT

    chart = line_chart(
        [2023, 2024, 2025], [("founded", "opgericht", [3, 1, 0]), ("stopped", "gestopt", [0, 0, 0])]
    )
    ends = sorted(line["end"]["y"] for line in chart["lines"])
    assert ends[-1] <= HEIGHT - BOTTOM - 4 < chart["year_label_y"] - 10
    assert ends[-1] - ends[0] >= 16


def test_counts_per_year_are_columns_and_unknown_draws_none():
    from opmars.ui.charts import column_chart

    chart = column_chart([2023, 2024, 2025], [("founded", "opgericht", [2, None, 1]),
                                              ("stopped", "gestopt", [0, 1, None])])  # fmt: skip
    drawn = {(c["key"], c["year"]) for c in chart["columns"]}
    assert drawn == {("founded", 2023), ("founded", 2025), ("stopped", 2024)}
    assert [item["label"] for item in chart["legend"]] == ["opgericht", "gestopt"]
    assert column_chart([2025], [("founded", "opgericht", [None])]) is None


def test_a_downloaded_chart_carries_its_title_and_source():
    from opmars.ui.svg import framed, line_svg

    chart = line_svg("Groei", [2024, 2025], [("active", "actief", [1, 2])])
    file = framed(chart, "Groei, Utrecht", ["Bron: Opmars, stand 1 december 2026.", "Fictief."])
    assert file.count("<svg") == 2 and ">Groei, Utrecht</text>" in file
    assert ">Bron: Opmars, stand 1 december 2026.</text>" in file and ">Fictief.</text>" in file
