"""An embed inside another site's page, and /insluiten/, in headless Chromium at phone and desktop
width: axe finds no serious violation, the embed loads in the frame, and the picker renews its
code and preview when a choice changes."""

import contextlib
import http.server
import threading

import pytest

from tests.browser.conftest import check_accessibility, screenshot

pytestmark = pytest.mark.browser


@contextlib.contextmanager
def other_site(html):
    """Another site, on its own port, whose one page is `html`. A real server: Chromium blocks
    a page it cannot place on the network (about:blank, a page made up by the test) from
    framing one on this machine, and frame-ancestors * matches only network schemes."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _host_page(site, path):
    """A page that frames the embed, as the snippet does."""
    return (
        '<!doctype html><html lang="nl"><head><title>Gemeente</title></head><body><main>'
        f'<h1>Onze gemeente</h1><iframe src="{site}{path}" title="Cijfers (Opmars)" '
        'width="100%" height="900" style="border:0"></iframe></main></body></html>'
    )


@pytest.mark.parametrize("viewer", ["page", "phone"])
def test_municipality_embed_framed_by_another_site(site, viewer, request):
    browser_page = request.getfixturevalue(viewer)
    path = "/insluiten/gemeenten/GM0363/"
    with other_site(_host_page(site, path)) as host:
        browser_page.goto(host)
        frame = browser_page.frame_locator("iframe")
        frame.locator("h1").wait_for()
        assert "Amsterdam" in frame.locator("h1").inner_text()
        picture = frame.locator(".map img")
        picture.scroll_into_view_if_needed()
        assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") > 0
    browser_page.goto(site + path)
    check_accessibility(browser_page, f"embed ({viewer})")
    screenshot(browser_page, f"embed-municipality-{viewer}")


@pytest.mark.parametrize("viewer", ["page", "phone"])
def test_picker_accessible_and_live(site, viewer, request):
    browser_page = request.getfixturevalue(viewer)
    browser_page.goto(site + "/insluiten/?soort=gemeenten&gemeente=GM0363&taal=nl")
    check_accessibility(browser_page, f"insluiten ({viewer})")
    screenshot(browser_page, f"embed-picker-{viewer}")
    browser_page.select_option("#id_gemeente", "GM0344")
    browser_page.check("#id_taal_1")
    snippet = browser_page.input_value("#embed-snippet")
    assert '/insluiten/gemeenten/GM0344/?taal=en"' in snippet
    preview = browser_page.frame_locator(".embed-preview")
    preview.locator("html[lang=en]").wait_for(state="attached")
    assert "Citizen collectives in Utrecht" in preview.locator("h1").inner_text()
