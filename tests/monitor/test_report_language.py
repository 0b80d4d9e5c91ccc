"""PDF reports follow the reader's language: its tag, hyphenation and number separators."""

import pytest
from django.utils import translation

from opmars.monitor.report import number_texts


@pytest.mark.parametrize(
    "language,expected",
    [
        ("nl", {"lang": "nl", "thousands": ".", "decimal": ","}),
        ("en", {"lang": "en", "thousands": ",", "decimal": "."}),
    ],
)
def test_number_texts_follow_the_active_language(language, expected):
    with translation.override(language):
        assert number_texts() == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_report_pdf_is_tagged_with_the_readers_language(client, make_collective, language):
    make_collective(municipality="GM0363")
    client.cookies["django_language"] = language
    pdf = client.get("/monitor/gemeenten/GM0363/rapport.pdf").content
    assert pdf.startswith(b"%PDF")
    assert f"/Lang({language})".encode() in pdf
