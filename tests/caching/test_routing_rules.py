"""Which database a request reads from, with replicas configured (no database needed: the
router's decision is observed from inside a request)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from opmars.registry.models import Collective
from opmars.replicas import PIN_COOKIE, PrimaryReplicaRouter, read_from_replicas

router = PrimaryReplicaRouter()


@pytest.fixture
def replicas(settings):
    settings.OPMARS_READ_REPLICAS = ["replica1"]


def read_alias_during(request):
    """The alias a read would use while the middleware handles `request`, and the response."""
    seen = {}

    def view(request):
        seen["alias"] = router.db_for_read(Collective)
        return HttpResponse()

    response = read_from_replicas(view)(request)
    return seen["alias"], response


def test_a_plain_get_reads_from_a_replica(replicas):
    alias, response = read_alias_during(RequestFactory().get("/collectieven/"))
    assert alias == "replica1"
    assert PIN_COOKIE not in response.cookies


def test_a_write_reads_from_the_primary_and_pins_the_browser(replicas, settings):
    alias, response = read_alias_during(RequestFactory().post("/collectieven/nieuw/"))
    assert alias == "default"
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.OPMARS_PRIMARY_PIN_SECONDS


def test_a_pinned_browser_reads_from_the_primary(replicas):
    request = RequestFactory().get("/collectieven/")
    request.COOKIES[PIN_COOKIE] = "1"
    assert read_alias_during(request)[0] == "default"


def test_outside_a_request_and_for_writes_the_primary(replicas):
    assert router.db_for_read(Collective) == "default"
    assert router.db_for_write(Collective) == "default"
    assert router.allow_migrate("replica1", "registry") is False


def test_without_replicas_everything_uses_the_primary(settings):
    settings.OPMARS_READ_REPLICAS = []
    alias, response = read_alias_during(RequestFactory().post("/collectieven/nieuw/"))
    assert alias == "default" and PIN_COOKIE not in response.cookies
