"""The report editor folded for phones: outcomes as summaries that open (details/summary, no
script), help behind 'Uitleg', the rarer inputs folded. Folding must not lose a field: the form
as a browser sends it back saves the same report, and what has errors opens by itself."""

import re
from html.parser import HTMLParser

import pytest

from opmars.impact import actions
from tests.impact.test_reports import form_data

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """The form's fields as a browser would submit them, labels, ids and <details> elements."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self.ids = set()
        self.labels = set()
        self.described = []
        self.controls = []
        self.details = []  # [id or class, open, has summary]
        self.select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if a.get("aria-describedby"):
            self.described.extend(a["aria-describedby"].split())
        if tag == "details":
            self.details.append([a.get("id") or a.get("class"), "open" in a, False])
        if tag == "summary" and self.details:
            self.details[-1][2] = True
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind not in ("hidden", "submit"):
                self.controls.append(a.get("id"))
            if kind == "checkbox":
                if "checked" in a:
                    self.fields[a["name"]] = "on"
            elif kind != "submit":
                self.fields[a["name"]] = a.get("value", "")
        if tag == "select":
            self.select = a["name"]
            self.controls.append(a.get("id"))
            self.fields.setdefault(self.select, "")
        if tag == "option" and self.select and "selected" in a:
            self.fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def parse(response):
    page = Page()
    page.feed(response.content.decode())
    return page


def details(page, name):
    return next(d for d in page.details if d[0] == name)


@pytest.fixture
def editor(client, editor_user):
    client.force_login(editor_user)
    return client


def test_a_new_report_opens_its_only_outcome(editor, make_collective):
    collective = make_collective()
    page = parse(editor.get(f"/collectieven/{collective.slug}/impact/nieuw/"))
    assert details(page, "uitkomst-1")[1:] == [True, True]
    assert "u-0-indicator" in page.fields and "u-0-quantity" in page.fields
    # Percentages, duration and their confirmation come once the outcome is saved and they show.
    assert "id_u-0-adjustments_confirmed" not in page.ids and "u-0-duration" not in page.fields


def test_saved_outcomes_fold_into_a_summary(editor, make_collective, editor_user):
    collective = make_collective()
    actions.save_report(editor_user, collective, form_data())
    response = editor.get(f"/collectieven/{collective.slug}/impact/2024/")
    html = response.content.decode()
    page = parse(response)
    assert details(page, "uitkomst-1")[1:] == [False, True]
    assert details(page, "uitkomst-2")[1:] == [False, True]
    assert "Uitkomst 1: Mensen minder eenzaam" in html
    assert "35 personen · percentages bevestigd" in html
    assert "Uitkomst 2 toevoegen" in html
    assert "Bewijs" in html and "3 – eigen administratie, gecontroleerd" in html
    assert "1 jaar, afname 0 %" in html


def test_the_form_as_sent_back_saves_the_same_report(editor, make_collective, editor_user):
    """Every field, folded or not, goes back with the form: a round trip changes nothing."""
    collective = make_collective()
    data = form_data(description="Koffieochtenden", evidence_source="Vragenlijst",
                     duration="3", drop_off="20")  # fmt: skip
    data.update(grant_province="250", donations="75", volunteer_hour_value="15",
                assurance="Kascommissie")  # fmt: skip
    report = actions.save_report(editor_user, collective, data)
    before = (report.present_value, report.inputs_total, report.p10, report.p90)
    url = f"/collectieven/{collective.slug}/impact/2024/"
    page = parse(editor.get(url))
    assert details(page, "uitkomst-1")[1] is False  # folded, yet its fields are in the form
    response = editor.post(url, {**page.fields, "action": "save"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.present_value, report.inputs_total, report.p10, report.p90) == pytest.approx(
        before
    )
    assert report.grant_province == 250 and report.donations == 75
    assert report.volunteer_hour_value == 15 and report.assurance == "Kascommissie"
    outcome = report.outcomes.get()
    assert (outcome.quantity, outcome.quantity_low, outcome.quantity_high) == (35, 25, 45)
    assert (outcome.description, outcome.evidence_source) == ("Koffieochtenden", "Vragenlijst")
    assert (outcome.duration, outcome.drop_off, outcome.evidence_grade) == (3, 20, 3)
    assert (outcome.deadweight, outcome.attribution, outcome.displacement) == (25, 50, 0)
    assert outcome.adjustments_confirmed and outcome.justification


def test_a_second_outcome_typed_into_the_folded_new_row_is_saved(editor, make_collective,
                                                                 editor_user):  # fmt: skip
    collective = make_collective()
    actions.save_report(editor_user, collective, form_data())
    url = f"/collectieven/{collective.slug}/impact/2024/"
    fields = parse(editor.get(url)).fields
    fields.update({"u-1-indicator": "vrijwilligers", "u-1-quantity": "40",
                   "u-1-adjustments_confirmed": "on", "action": "save"})  # fmt: skip
    assert editor.post(url, fields).status_code == 302
    report = collective.impact_reports.get()
    assert [o.indicator_id for o in report.outcomes.all()] == ["minder-eenzaam", "vrijwilligers"]


def test_errors_open_the_outcome_and_the_folded_part(editor, make_collective):
    collective = make_collective()
    data = form_data(quantity_high="")  # a low estimate without a high one
    response = editor.post(f"/collectieven/{collective.slug}/impact/nieuw/", data)
    assert response.status_code == 200
    page = parse(response)
    assert details(page, "uitkomst-1")[1] is True
    certainty = [d for d in page.details if d[0] == "more-fields"][0]
    assert certainty[1] is True  # 'Bewijs' holds the range fields
    html = response.content.decode()
    assert 'href="#id_u-0-quantity_high"' in html and 'id="id_u-0-quantity_high"' in html
    assert "verbeter dit" in html


def test_other_inputs_open_when_they_hold_something(editor, make_collective, editor_user):
    collective = make_collective()
    actions.save_report(editor_user, collective, form_data())
    html = editor.get(f"/collectieven/{collective.slug}/impact/2024/").content.decode()
    assert other_inputs(html) == ("", "nu niets")
    actions.save_report(editor_user, collective, {**form_data(2023), "donations": "10"})
    html = editor.get(f"/collectieven/{collective.slug}/impact/2023/").content.decode()
    assert other_inputs(html) == (" open", "ingevuld")


def other_inputs(html):
    """Whether the folded 'Meer inbreng' is open, and what its summary says it holds."""
    match = re.search(
        r'<details class="more-fields"( open)?>\s*<summary>Meer inbreng[^<]*'
        r'<span class="muted">\(([^)]*)\)',
        html,
    )
    return match.group(1) or "", match.group(2)


def test_every_control_keeps_its_label_and_description(editor, make_collective, editor_user):
    collective = make_collective()
    actions.save_report(editor_user, collective, form_data())
    for path in ("nieuw/", "2024/"):
        page = parse(editor.get(f"/collectieven/{collective.slug}/impact/{path}"))
        assert page.controls and set(page.controls) <= page.labels
        assert page.described and set(page.described) <= page.ids
        assert all(has_summary for _, _, has_summary in page.details)
