"""Known injection payloads typed into every text input come out as text: escaped on pages,
sanitised in Markdown, literal in Typst PDFs, and guarded against formulas in CSV and XLSX."""

import csv
import io
import zipfile
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from opmars.knowledge import actions as knowledge
from opmars.networks.models import Network
from opmars.registry import actions
from opmars.registry.models import YearlyFacts
from tests.knowledge.conftest import item_data

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
TEMPLATE = "{{ 7|add:7 }}{% debug %}"
FORMULA = '=HYPERLINK("https://kwaad.example","klik")'
TYPST = '#panic("geinjecteerd") *vet* $x^2$ ] #{ } @label <ref> \\'
PAYLOADS = [SCRIPT, ATTRIBUTE]


class _LiveCode(HTMLParser):
    """Finds what a browser would run: on* attributes, javascript: links, script bodies."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")
        # JSON-LD is data, not code (its "<" are escaped; tested below).
        self.in_script = tag == "script" and dict(attrs).get("type") != "application/ld+json"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append(data)


def live_code(html):
    parser = _LiveCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def hostile(make_collective):
    return make_collective(
        name=f"Buurt {SCRIPT}",
        description=f"{ATTRIBUTE}\n{TEMPLATE}\n{FORMULA}\n{TYPST}",
    )


def test_collective_texts_are_escaped_on_every_page(client, hostile):
    pages = [
        hostile.get_absolute_url(),
        "/collectieven/?q=buurt",
        f"/gemeenten/{hostile.municipality_id}/",
        f"/monitor/gemeenten/{hostile.municipality_id}/rapport/",
    ]
    for path in pages:
        html = client.get(path).text
        for payload in PAYLOADS:
            assert payload not in html, (path, payload)
        assert not live_code(html), path
    detail = client.get(hostile.get_absolute_url()).text
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in detail
    assert "{{ 7|add:7 }}" in detail  # shown as typed, not evaluated


def test_a_javascript_website_is_refused(make_collective):
    with pytest.raises(actions.ActionError) as raised:
        make_collective(website="javascript:alert(1)")
    assert raised.value.errors[0]["field"] == "website"


def test_json_ld_cannot_close_its_script_element(client, make_collective):
    collective = make_collective(name="Eind </script><script>alert(1)</script>")
    html = client.get(collective.get_absolute_url()).text
    assert "</script><script>alert(1)" not in html


def test_knowledge_markdown_is_sanitised(client, editor_user, make_collective):
    body = (
        f"{SCRIPT}\n\n[klik](javascript:alert(1))\n\n{ATTRIBUTE}\n\n"
        '<a href="https://goed.example" onclick="alert(1)">link</a>'
    )
    item = knowledge.create_item(
        editor_user, make_collective(), item_data(title=f"Titel {SCRIPT}", body=body)
    )
    html = client.get(item.get_absolute_url()).text
    assert SCRIPT not in html
    assert not live_code(html)


def test_questions_are_escaped(client, editor_user, make_collective):
    question = knowledge.post_question(
        editor_user,
        make_collective(),
        {"kind": "vraag", "resource": "kennis", "title": f"Vraag {SCRIPT}", "body": ATTRIBUTE},
    )
    for path in (question.get_absolute_url(), "/vragen/"):
        html = client.get(path).text
        assert SCRIPT not in html and ATTRIBUTE not in html
        assert not live_code(html)


def test_network_texts_are_escaped(client):
    network = Network.objects.create(
        slug="net-test", name=f"Net {SCRIPT}", kind="provinciaal", province_id="PV27",
        description=ATTRIBUTE,
    )  # fmt: skip
    for path in (network.get_absolute_url(), "/netwerken/"):
        html = client.get(path).text
        assert SCRIPT not in html and ATTRIBUTE not in html
        assert not live_code(html)


def test_import_cells_are_escaped_on_the_review_page(client, staff_user, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_DIR = tmp_path
    client.force_login(staff_user)
    text = f"Naam;Soort;Gemeente;{SCRIPT}\n{SCRIPT};{ATTRIBUTE};Utrecht;{FORMULA}\n"
    upload = SimpleUploadedFile("kwaad.csv", text.encode("utf-8"))
    response = client.post("/import/", {"file": upload, "kind": "collectives"}, follow=True)
    assert response.status_code == 200
    assert SCRIPT not in response.text and ATTRIBUTE not in response.text


def test_user_text_cannot_inject_typst_markup(client, hostile, editor_user):
    actions.save_yearly_facts(editor_user, hostile, {"year": 2024, "members": 12})
    hostile.name = f"Naam {TYPST}"
    hostile.save()
    # #panic would stop the compiler if the text were read as markup.
    response = client.get(f"/monitor/collectieven/{hostile.slug}/rapport.pdf?jaar=2024")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    report = client.get(f"/monitor/gemeenten/{hostile.municipality_id}/rapport.pdf")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")


def guarded(cells):
    return [c for c in cells if isinstance(c, str) and c.lstrip("'").startswith("=HYPERLINK")]


def download(client, path):
    return b"".join(client.get(path).streaming_content)


def test_csv_and_xlsx_exports_guard_formulas(client, make_collective):
    make_collective(name=FORMULA, description="@SUM(A1:A9)")
    text = download(client, "/export/collectieven.csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert guarded(cells) and all(c.startswith("'") for c in guarded(cells))
    assert "@SUM(A1:A9)" not in cells

    workbook = load_workbook(io.BytesIO(download(client, "/export/collectieven.xlsx")))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert guarded(values) and all(v.startswith("'") for v in guarded(values))


def test_monitor_appendix_and_open_data_guard_formulas(client, make_collective, editor_user):
    collective = make_collective(name=FORMULA)
    YearlyFacts.objects.create(collective=collective, year=2024, members=5)
    appendix = client.get(f"/monitor/gemeenten/{collective.municipality_id}/rapport.csv?jaar=2024")
    text = appendix.content.decode("utf-8-sig")  # for a Dutch spreadsheet: BOM and semicolons
    cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
    assert guarded(cells) and all(c.startswith("'") for c in guarded(cells))

    from opmars.dataio.opendata import write_dump

    out = io.BytesIO()
    write_dump(out)
    with zipfile.ZipFile(out) as dump:
        for name in dump.namelist():
            if name.endswith(".csv"):
                text = dump.read(name).decode("utf-8-sig")
                cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
                assert all(c.startswith("'") for c in guarded(cells)), name


def test_the_calculator_csv_guards_outcome_names():
    from opmars.impact.calculator import to_csv

    data = {"outcomes": [{"name": FORMULA, "index": 0, "gross": 1.0, "net_first_year": 1.0,
                          "present_value": 1.0, "counted_value": 1.0, "share": 0.5}],
            "settings": {"discount_rate": 0.0225, "convention": "platform"}}  # fmt: skip
    text = to_csv(data).removeprefix("\ufeff")
    cells = [c for row in csv.reader(io.StringIO(text), delimiter=";") for c in row]
    assert guarded(cells) == ["'" + FORMULA]
