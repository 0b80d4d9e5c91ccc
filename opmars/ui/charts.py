"""Geometry for small inline SVG charts; the templates draw them, the tables next to them hold
the same numbers. No JavaScript, so charts print and work offline."""

import math

WIDTH, HEIGHT = 520, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 124, 16, 36
LEGEND_RIGHT = 112  # room right of the columns for their legend


def axis(largest):
    """(step, top) for a y axis from 0 with at most five round, whole-number ticks."""
    target = max(largest, 1) / 4
    magnitude = 10 ** math.floor(math.log10(target))
    step = next(
        m * magnitude
        for m in (1, 2, 2.5, 5, 10)
        if m * magnitude >= target and float(m * magnitude).is_integer()
    )
    step = int(step)
    return step, max(step, math.ceil(largest / step) * step)


def _segments(points):
    """Lines break where a value is unknown: missing is not zero."""
    segments, current = [], []
    for point in points:
        if point is None:
            if current:
                segments.append(current)
            current = []
        else:
            current.append(point)
    if current:
        segments.append(current)
    return segments


def line_chart(years, series):
    """Layout for a line chart.

    years: list of ints; series: [(key, label, [value or None per year])].
    Returns None when no value is known at all.
    """
    known = [v for _key, _label, values in series for v in values if v is not None]
    if not years or not known:
        return None
    step, top = axis(max(known))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(index):
        if len(years) == 1:
            return LEFT + plot_w / 2
        return LEFT + plot_w * index / (len(years) - 1)

    def y(value):
        return TOP + plot_h * (1 - value / top)

    lines = []
    for key, label, values in series:
        if all(v is None for v in values):
            continue  # nothing to draw; the table says 'onbekend'
        points = [
            None if v is None else (round(x(i), 1), round(y(v), 1)) for i, v in enumerate(values)
        ]
        (end_x, end_y), end_value = next(
            (p, v) for p, v in zip(reversed(points), reversed(values), strict=True) if p
        )
        lines.append(
            {
                "key": key,
                "label": label,
                "paths": [" ".join(f"{px},{py}" for px, py in seg) for seg in _segments(points)],
                "dots": [p for p in points if p],
                "end": {"x": end_x + 8, "y": end_y + 4, "value": end_value},
            }
        )
    _spread_labels(lines, lowest=HEIGHT - BOTTOM - 4)
    # Year labels need about 44 units each; with many years every second (third...) one shows.
    label_step = math.ceil(len(years) * 44 / plot_w)
    ticks = []
    for value in range(0, top + 1, step):
        tick_y = round(y(value), 1)
        ticks.append({"y": tick_y, "label_y": tick_y + 4, "value": value})
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "tick_label_x": LEFT - 8,
        "year_label_y": HEIGHT - BOTTOM + 22,
        "ticks": ticks,
        "years": [
            {"x": round(x(i), 1), "label": year}
            for i, year in enumerate(years)
            # Counted back from the last year, which always shows and never crowds its neighbour.
            if (len(years) - 1 - i) % label_step == 0
        ],
        "lines": lines,
    }


def _spread_labels(lines, lowest, gap=16):
    """Keep the end labels of lines that finish close together readable: from the lowest up,
    each stays above the axis (and so off the year labels) and `gap` above the one below."""
    limit = lowest
    for line in sorted(lines, key=lambda line: -line["end"]["y"]):
        line["end"]["y"] = min(line["end"]["y"], limit)
        limit = line["end"]["y"] - gap


def bar_chart(rows):
    """Horizontal bars; rows: [(label, value)]. Widths are percentages of the largest value."""
    largest = max((value for _label, value in rows), default=0)
    return [
        {
            "label": label,
            "value": value,
            "percent": round(100 * value / largest, 1) if largest else 0,
        }
        for label, value in rows
    ]


def column_chart(years, series):
    """Layout for grouped columns: per year one column per series, side by side (counts per
    year, such as foundings and stops, are separate events, not a line through time).

    series: [(key, label, [value or None per year])]; an unknown value draws no column.
    Returns None when no value is known at all.
    """
    known = [v for _key, _label, values in series for v in values if v is not None]
    if not years or not known:
        return None
    step, top = axis(max(known))
    plot_w, plot_h = WIDTH - LEFT - LEGEND_RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / len(years)
    width = max(1.0, slot * 0.8 / len(series))
    columns = [
        {
            "key": key,
            "x": round(LEFT + slot * i + slot * 0.1 + width * n, 1),
            "y": round(TOP + plot_h * (1 - value / top), 1),
            "width": round(width, 1),
            "height": round(plot_h * value / top, 1),
            "year": year,
            "value": value,
        }
        for n, (key, _label, values) in enumerate(series)
        for i, (year, value) in enumerate(zip(years, values, strict=True))
        if value
    ]
    label_step = math.ceil(len(years) * 44 / plot_w)
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - LEGEND_RIGHT,
        "bottom": HEIGHT - BOTTOM,
        "tick_label_x": LEFT - 8,
        "year_label_y": HEIGHT - BOTTOM + 22,
        "ticks": [
            {"y": round(TOP + plot_h * (1 - v / top), 1), "value": v}
            for v in range(0, top + 1, step)
        ],
        "years": [
            {"x": round(LEFT + slot * (i + 0.5), 1), "label": year}
            for i, year in enumerate(years)
            if (len(years) - 1 - i) % label_step == 0
        ],
        "columns": columns,
        "legend": [
            {"key": key, "label": label, "x": WIDTH - LEGEND_RIGHT + 12, "y": TOP + 8 + 20 * n}
            for n, (key, label, _values) in enumerate(series)
        ],
    }
