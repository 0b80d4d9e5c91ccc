"""User Markdown is rendered and sanitised: known XSS payloads never come out as script."""

from html.parser import HTMLParser

import pytest

from opmars.knowledge.markdown import render

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="javascript:alert(1)">x</a>',
    "<svg onload=alert(1)>",
    "<iframe src=https://example.org></iframe>",
    '"><script>alert(1)</script>',
    '![x](x" onerror="alert(1))',
    "<details open ontoggle=alert(1)>",
    "<style>body{display:none}</style>",
    "[x](vbscript:msgbox(1))",
]


class Elements(HTMLParser):
    """Every element and attribute the browser would build from the HTML (text is harmless)."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.attributes = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += [(name, value or "") for name, value in attrs]


DANGEROUS_TAGS = {"script", "img", "svg", "iframe", "details", "style", "object", "embed"}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_gets_through(payload):
    elements = Elements(render(payload))
    assert not DANGEROUS_TAGS & set(elements.tags)
    for name, value in elements.attributes:
        assert not name.startswith("on"), name
        if name in ("href", "src"):
            assert value.split(":")[0].lower() in ("http", "https", "mailto") or ":" not in value


def test_markdown_still_works():
    html = render("## Kop\n\n**vet** en [link](https://example.org)\n\n- een\n- twee")
    assert "<h2>Kop</h2>" in html
    assert "<strong>vet</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="nofollow noopener ugc"' in html
    assert "<li>een</li>" in html


def test_the_item_page_shows_escaped_payload(client, make_item):
    item = make_item(body="<script>alert('x')</script> **tekst**")
    html = client.get(item.get_absolute_url()).content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "<strong>tekst</strong>" in html
