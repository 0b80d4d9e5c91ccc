"""Journey 6 (JOURNEYS.md): Farid, developer at an umbrella organisation, at his desk.

He reads the API docs, makes a write token on the site as the admin of his umbrella (the demo's
koepel@opmars.demo, of 'Koepel Energiecoöperaties (fictief)', whose members let it write their
yearly facts), pulls all collectives of his network as GeoJSON for the umbrella's own site, and
posts the yearly facts of 50 members from a script. A wrong value answers 422 naming the field.
Afterwards the public API shows the new figures and a member's audit trail shows his writes.

Everything goes through the browser and HTTP, as Farid's script would: no database access.
"""

import json
import re
import time
import urllib.error
import urllib.request

import pytest

from tests.browser.conftest import check_accessibility, screenshot
from tests.browser.journeys.conftest import log_in

pytestmark = pytest.mark.browser

FARID = "koepel@opmars.demo"
UMBRELLA = "Koepel Energiecoöperaties (fictief)"
YEAR = 2025
WRITES = 50
# Anonymous API answers may be served from the cache for this long after a write (decision 0035).
STALE_SECONDS = 60


class Api:
    """Farid's script: plain HTTP with his token, waiting when the site says it is too busy."""

    def __init__(self, base, secret=None):
        self.base = base + "/api/v1"
        self.secret = secret

    def call(self, method, path, body=None):
        """(status, parsed JSON body) of one request."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.secret:
            request.add_header("Authorization", f"Bearer {self.secret}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as refused:
            if refused.code == 429:  # the write rate: wait as the answer says, then again
                time.sleep(int(refused.headers.get("Retry-After", "5")))
                return self.call(method, path, body)
            return refused.code, json.loads(refused.read() or b"null")


def test_farid_writes_his_members_yearly_facts_from_a_script(page, installed_site):
    site = installed_site.url

    # 1. The API documentation: the facts endpoints, PUT and PATCH, and the error shape.
    page.goto(site + "/api/v1/docs")
    page.get_by_role("heading", level=1).wait_for()
    check_accessibility(page, "api docs")
    screenshot(page, "farid-01-api-docs")
    page.get_by_role("link", name="PUT /api/v1/collectives/{slug}/facts/{year}").click()
    put_docs = page.locator("section", has=page.locator("h3#op-put_yearly_facts")).last
    assert "every figure is required" in put_docs.inner_text()
    assert "422" in put_docs.inner_text()
    assert page.locator("h3#op-patch_yearly_facts").is_visible()

    # 2. A write token, made on the site as the umbrella's admin.
    log_in(page, installed_site, FARID)
    page.goto(site + "/account/")
    page.get_by_role("link", name=re.compile("API-sleutels")).first.click()
    page.get_by_label("Naam").fill("Jaarcijfers uit de ledenenquête")
    page.get_by_label("Lezen en schrijven").check()
    page.get_by_role("button", name="Sleutel maken").click()
    secret = page.locator("#new-secret").inner_text().strip()
    assert secret
    check_accessibility(page, "token made")
    screenshot(page, "farid-02-token")
    api = Api(site, secret)

    # 3. His network's page: how many members it has, and which.
    page.goto(site + "/netwerken/")
    page.get_by_role("link", name=UMBRELLA).first.click()
    page.wait_for_load_state()
    check_accessibility(page, "network page")
    screenshot(page, "farid-03-network")
    network_slug = page.url.rstrip("/").rsplit("/", 1)[-1]
    stated = page.get_by_text(re.compile(r"\d+ collectieven zijn lid")).inner_text()
    member_count = int(re.search(r"(\d+) collectieven zijn lid", stated).group(1))
    member_links = (
        page.locator("#leden ~ ul.member-list")
        .first.locator("li > a")
        .evaluate_all("links => links.map(a => a.getAttribute('href'))")
    )
    members = {href.strip("/").rsplit("/", 1)[-1] for href in member_links}
    assert len(members) == member_count >= WRITES

    # 4. All collectives of the network as GeoJSON, for the umbrella's own site.
    status, collection = api.call(
        "GET", f"/collectives?network={network_slug}&format=geojson&limit=500"
    )
    assert status == 200
    assert collection["type"] == "FeatureCollection"
    assert collection["count"] == len(collection["features"]) == member_count
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 3.2 < lon < 7.3 and 50.7 < lat < 53.6, feature  # in the Netherlands
        assert feature["properties"]["slug"] in members
        assert feature["properties"]["demo"] is True
    assert {f["properties"]["slug"] for f in collection["features"]} == members

    # 5. The script: the fields of a year's facts come from the OpenAPI schema, and PUT needs
    # every one of them.
    status, schema = api.call("GET", "/openapi.json")
    facts_in = schema["components"]["schemas"]["YearlyFactsIn"]
    assert facts_in.get("additionalProperties") is False
    fields = sorted(facts_in["required"])
    assert {"members", "volunteers", "income_contributions"} <= set(fields)
    in_life = [
        f["properties"]
        for f in collection["features"]
        if (f["properties"]["founded_year"] or 0) <= YEAR and f["properties"]["status"] == "actief"
    ]
    writes = sorted(in_life, key=lambda p: p["slug"])[:WRITES]
    assert len(writes) == WRITES
    sent = {}
    for n, member in enumerate(writes):
        body = dict.fromkeys(fields)  # unknown (null), as the survey did not ask
        body |= {"members": 300 + n, "volunteers": 20 + n % 7, "income_contributions": 5000 + n}
        status, answer = api.call("PUT", f"/collectives/{member['slug']}/facts/{YEAR}", body)
        assert status == 200, (member["slug"], answer)
        assert answer["members"] == 300 + n
        sent[member["slug"]] = body

    # 6. Wrong values answer 422 in the API's error shape, naming the field, and store nothing.
    first = writes[0]
    path = f"/collectives/{first['slug']}/facts/{YEAR}"
    whole = sent[first["slug"]]
    wrong = [
        ("PUT", path, whole | {"leden": 12}, "leden"),
        ("PUT", path, whole | {"members": 10_000_001}, "members"),
        ("PATCH", path, {"income_grants": -50}, "income_grants"),
        ("PUT", path, {k: v for k, v in whole.items() if k != "volunteers"}, "volunteers"),
    ]
    this_year = time.localtime().tm_year
    wrong.append(("PUT", f"/collectives/{first['slug']}/facts/{this_year + 1}", whole, "year"))
    if first["founded_year"]:
        before_life = f"/collectives/{first['slug']}/facts/{first['founded_year'] - 1}"
        wrong.append(("PUT", before_life, whole, "year"))
    for method, where, body, field in wrong:
        status, answer = api.call(method, where, body)
        assert status == 422, (method, where, field, answer)
        assert set(answer) == {"errors"}
        named = [e for e in answer["errors"] if e["field"] == field]
        assert named, (field, answer)
        assert all(set(e) == {"field", "code", "message"} for e in answer["errors"])
        assert named[0]["message"], named[0]

    # PATCH changes only what it sends.
    status, answer = api.call("PATCH", path, {"volunteers": 33})
    assert status == 200, answer
    assert (answer["members"], answer["volunteers"]) == (300, 33)
    sent[first["slug"]]["volunteers"] = 33

    # A collective outside his network says no, in the same shape.
    status, outside = api.call("GET", "/collectives?kind=zorgcooperatie&limit=1")
    outsider = outside["items"][0]["slug"]
    assert outsider not in members
    status, answer = api.call("PUT", f"/collectives/{outsider}/facts/{YEAR}", whole)
    assert status == 403 and answer["errors"][0]["code"] == "geen_toegang", answer

    # 7. His own reads are fresh at once; the public API shows the figures within a minute.
    for slug, body in sent.items():
        status, profile = api.call("GET", f"/collectives/{slug}")
        facts = next(f for f in profile["facts"] if f["year"] == YEAR)
        assert (facts["members"], facts["volunteers"]) == (body["members"], body["volunteers"])
    public = Api(site)
    deadline = time.monotonic() + STALE_SECONDS + 10
    pending = dict(sent)
    while pending and time.monotonic() < deadline:
        for slug, body in list(pending.items()):
            status, profile = public.call("GET", f"/collectives/{slug}")
            facts = next((f for f in profile["facts"] if f["year"] == YEAR), {})
            if (facts.get("members"), facts.get("volunteers")) == (
                body["members"],
                body["volunteers"],
            ):
                del pending[slug]
        if pending:
            time.sleep(5)
    assert not pending, f"anonymous API still old after {STALE_SECONDS} s: {sorted(pending)}"

    # 8. A member's audit trail shows his writes.
    page.goto(f"{site}/collectieven/{first['slug']}/logboek/")
    check_accessibility(page, "member audit trail")
    screenshot(page, "farid-04-audit")
    writes_logged = page.locator("tbody tr", has_text="jaarcijfers opgeslagen")
    assert writes_logged.count() >= 2
    patch_row, put_row = writes_logged.nth(0).inner_text(), writes_logged.nth(1).inner_text()
    # 'jij': the writer reading the trail is Farid himself.
    assert "jij" in patch_row and "vrijwilligers: 20 → 33" in patch_row, patch_row
    assert "jij" in put_row and "→ 300" in put_row, put_row
    # The member's own editors see him by pseudonym only; the trail names his umbrella.
    assert f"netwerk: {UMBRELLA}" in put_row, put_row
