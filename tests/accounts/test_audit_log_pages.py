"""The audit log as people see it: editors their collective's trail with before and after,
network admins their members', staff everything; names shown as the privacy rules allow; a CSV
export guarded against spreadsheet formulas."""

import csv
import io

from opmars.accounts.models import Pseudonym
from opmars.registry import actions
from tests.conftest import collective_data


def _rename(world, name, actor=None):
    data = collective_data(name=name, municipality="GM0363", founded_year=2010, contact_email="")
    actions.update_collective(actor or world.editor_a, world.a, data)


def _csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_editors_see_before_and_after_and_themselves_as_jij(world, client_as):
    _rename(world, "Buurtkracht Amstel-Oost")
    page = client_as(world.editor_a).get(f"/collectieven/{world.a.slug}/logboek/")
    text = page.content.decode()
    assert "Buurtkracht Amstel → Buurtkracht Amstel-Oost" in text
    assert page.context["rows"][0]["actor"] == "jij"


def test_co_editors_see_each_others_names_others_only_the_pseudonym(world, client_as):
    world.a.editors.add(world.other)
    _rename(world, "Buurtkracht Amstel-Oost", actor=world.other)
    code = Pseudonym.objects.get(user=world.other).code
    editor_view = client_as(world.editor_a).get(f"/collectieven/{world.a.slug}/logboek/")
    assert editor_view.context["rows"][0]["actor"] == "iemand@example.org"
    admin_view = client_as(world.admin_n).get(f"/collectieven/{world.a.slug}/logboek/")
    assert admin_view.context["rows"][0]["actor"] == code
    assert "iemand@example.org" not in admin_view.content.decode()
    staff_view = client_as(world.staff).get(f"/collectieven/{world.a.slug}/logboek/")
    assert staff_view.context["rows"][0]["actor"] == "iemand@example.org"


def test_the_overall_log_holds_only_what_the_role_may_see(world, client_as):
    def targets(who):
        response = client_as(getattr(world, who)).get("/account/logboek.csv")
        return {row["object"] for row in _csv_rows(response)}

    a, u, b = (f"registry.collective: {c.slug}" for c in (world.a, world.u, world.b))
    assert {a, u} <= targets("editor_a") and b not in targets("editor_a")
    assert {a, u} <= targets("admin_n") and b not in targets("admin_n")
    assert b in targets("admin_m") and a not in targets("admin_m")
    assert {a, u, b} <= targets("staff")
    assert targets("other") == set() and targets("viewer_consent") == set()


def test_the_csv_guards_against_formulas(world, client_as):
    _rename(world, '=HYPERLINK("http://example.org")')
    response = client_as(world.editor_a).get(f"/collectieven/{world.a.slug}/logboek.csv")
    assert response["Content-Type"].startswith("text/csv")
    names = [row["na"] for row in _csv_rows(response) if row["veld"] == "name"]
    assert names[-1] == '\'=HYPERLINK("http://example.org")'


def test_the_collective_page_links_the_log_for_those_who_may_see_it(world, client_as):
    url = f"/collectieven/{world.a.slug}/logboek/"
    assert url in client_as(world.admin_n).get(f"/collectieven/{world.a.slug}/").content.decode()
    assert url not in client_as(world.other).get(f"/collectieven/{world.a.slug}/").content.decode()
