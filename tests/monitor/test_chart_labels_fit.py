"""A bar chart shows every label whole, even the longest Dutch and English kinds and domains:
each on its own line above its bar, wrapped between words, never cut to fit a column."""

import re

import pytest
from django.utils import translation

from opmars.registry.vocab import Domain, Kind
from opmars.ui import svg

# DejaVu Sans at 12px averages under 7px a character; a line must fit the 520px chart.
CHAR_PX, WIDTH = 7, 520


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("vocabulary", [Kind, Domain])
def test_every_label_is_drawn_whole_and_fits(language, vocabulary):
    with translation.override(language):
        labels = [str(item.label) for item in vocabulary]
        image = svg.bar_svg("titel", [(label, n + 1) for n, label in enumerate(labels)])
    lines = re.findall(r"<text x=\"4\"[^>]*>([^<]*)</text>", image)
    assert " ".join(lines).replace("&amp;", "&").split() == " ".join(labels).split()
    assert all(len(line) * CHAR_PX + 4 <= WIDTH for line in lines)


def test_a_label_longer_than_a_line_wraps_between_words():
    label = "Een heel lange omschrijving " * 5
    image = svg.bar_svg("titel", [(label, 1)])
    lines = re.findall(r"<text x=\"4\"[^>]*>([^<]*)</text>", image)
    assert len(lines) == 2 and " ".join(lines) == label.strip()


def test_rows_never_overlap():
    image = svg.bar_svg("titel", [("a", 1), ("b " * 60, 2), ("c", 3)])
    tops = [float(y) for y in re.findall(r"<rect x=\"4\" y=\"([\d.]+)\"", image)]
    labels = [float(y) for y in re.findall(r"<text x=\"4\" y=\"([\d.]+)\"", image)]
    assert tops == sorted(tops) and labels == sorted(labels)
    # Each bar lies below its label lines and above the next label.
    assert all(top > max(y for y in labels if y < top) for top in tops)
