"""Other sites may frame the embeds, and only them: CSP frame-ancestors * and no X-Frame-Options
there, frame-ancestors 'none' and DENY everywhere else (the /insluiten/ page included). Also when
the embed comes from the page cache."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["gemeenten", "provincies", "netwerken", "collectieven"])
def test_embeds_may_be_framed_anywhere(client, embeds, kind):
    for _served in ("computed", "from the cache"):
        response = client.get(embeds[kind][0])
        policy = response["Content-Security-Policy"]
        assert "frame-ancestors *" in policy
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "X-Frame-Options" not in response
        assert "ETag" in response  # shared through the page cache, so the second one is a copy
        # A browser that kept it would revalidate, and the page cache's 304 carries the site's
        # own frame-ancestors 'none', which the browser would store over this policy.
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/", "/insluiten/", "/monitor/gemeenten/GM0344/"])
def test_other_pages_may_not_be_framed(client, embeds, path):
    response = client.get(path)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
