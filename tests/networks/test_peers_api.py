"""GET /api/v1/collectives/{slug}/peers: ranked peers with reasons in words, filters, errors."""

from opmars.networks.models import Membership, Network


def peers(client, slug, **params):
    return client.get(f"/api/v1/collectives/{slug}/peers", params)


def test_peers_are_ranked_with_reasons(client, make_collective):
    me = make_collective(
        kind="energiecooperatie",
        domains=["energie"],
        municipality="GM0344",
        description="Zonnepanelen op daken van scholen.",
    )
    twin = make_collective(
        name="Zon op Utrecht",
        kind="energiecooperatie",
        domains=["energie"],
        municipality="GM0344",
        founded_year=2014,
        description="Wij leggen zonnepanelen op daken.",
    )
    make_collective(name="Zorg Utrecht", kind="zorgcooperatie", municipality="GM0344")
    response = peers(client, me.slug)
    assert response.status_code == 200
    items = response.json()["items"]
    assert items[0]["slug"] == twin.slug
    assert set(items[0]) == {"slug", "name", "score", "distance_km", "reasons"}
    assert "zelfde soort" in items[0]["reasons"]
    assert "opgericht in 2014" in items[0]["reasons"]


def test_kind_filter_and_limit(client, make_collective):
    me = make_collective(municipality="GM0344")
    make_collective(kind="zorgcooperatie", municipality="GM0344")
    make_collective(kind="dorpsraad", municipality="GM0344")
    items = peers(client, me.slug, kind="dorpsraad").json()["items"]
    assert [i["name"] for i in items] and all("Test" in i["name"] for i in items)
    assert len(items) == 1
    assert len(peers(client, me.slug, limit=1).json()["items"]) == 1


def test_radius_leaves_far_collectives_out(client, make_collective):
    me = make_collective(municipality="GM0344")  # Utrecht
    make_collective(municipality="GM0014")  # Groningen, ~170 km
    assert peers(client, me.slug, radius_km=50).json()["count"] == 0
    assert peers(client, me.slug, radius_km=250).json()["count"] == 1


def test_shared_network_is_worded_with_its_name(client, make_collective):
    me, peer = make_collective(municipality="GM0344"), make_collective(municipality="GM0344")
    network = Network.objects.get(slug="energie-samen")
    for c in (me, peer):
        Membership.objects.create(network=network, collective=c)
    reasons = peers(client, me.slug).json()["items"][0]["reasons"]
    assert "ook lid van Energie Samen" in reasons


def test_errors_have_the_shape(client, make_collective):
    me = make_collective()
    bad = peers(client, me.slug, kind="kasteel").json()["errors"][0]
    assert bad["field"] == "kind" and bad["code"] == "onbekende_waarde"
    assert peers(client, "bestaat-niet").status_code == 404
    too_far = peers(client, me.slug, radius_km=5000)
    assert too_far.status_code == 400
    assert too_far.json()["errors"][0]["field"] == "radius_km"


def test_peer_page_and_fragment(client, make_collective):
    me = make_collective(municipality="GM0344")
    peer = make_collective(municipality="GM0344")
    html = client.get(f"/collectieven/{me.slug}/leer-van-elkaar/").content.decode()
    assert peer.name in html and "zelfde soort" in html
    fragment = client.get(f"/collectieven/{me.slug}/leer-van-elkaar/", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    page = client.get(me.get_absolute_url()).content.decode()
    assert f"/collectieven/{me.slug}/leer-van-elkaar/" in page


def test_peer_page_explains_a_bad_radius(client, make_collective):
    me = make_collective()
    html = client.get(
        f"/collectieven/{me.slug}/leer-van-elkaar/", {"radius_km": 9999}
    ).content.decode()
    assert "hoogstens 300 km" in html


def test_networks_api(client, make_collective):
    member = make_collective()
    Membership.objects.create(network=Network.objects.get(slug="lsa"), collective=member)
    items = client.get("/api/v1/networks").json()["items"]
    lsa = next(i for i in items if i["slug"] == "lsa")
    assert lsa["member_count"] == 1 and lsa["demo"] is False
    detail = client.get("/api/v1/networks/lsa").json()
    assert detail["members"][0]["slug"] == member.slug
    figure = detail["figures"][0]
    assert {"definition", "unit", "year", "source"} <= set(figure)
    missing = client.get("/api/v1/networks/geen-netwerk")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "slug"
