"""With a streaming replica: anonymous reads come from the replica, writes go to the primary, and
whoever wrote sees the write at once, even while the replica lags behind.

Needs PostgreSQL on this machine and root (to run its tools as the postgres user); skipped
elsewhere, except under CI=true, where it must run.
"""

import pytest
from django.db import connections
from django.db.utils import load_backend
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from opmars.geo.models import Municipality
from opmars.geo.reference import load_provinces_and_municipalities
from opmars.replicas import PIN_COOKIE
from tests.caching import streaming_replica
from tests.conftest import IN_CI
from tests.web.test_collective_forms import form_data

ALIAS = "replica1"


@pytest.fixture(scope="module")
def replica_port(django_db_setup):
    primary = connections["default"].settings_dict
    try:
        streaming_replica.check_possible(primary)
    except streaming_replica.CannotRun as reason:
        if IN_CI and primary["ENGINE"] == "django.db.backends.postgresql":
            pytest.fail(f"CI must test the read replica, but {reason}")
        pytest.skip(f"No streaming replica here: {reason}")
    bindir = streaming_replica.start(primary)
    yield streaming_replica.PORT
    streaming_replica.stop(bindir)


@pytest.fixture
def replica(replica_port, transactional_db):
    """Opmars reading from the replica, as OPMARS_REPLICA_DATABASE_URL would configure it (the
    connection is made here, not in settings.DATABASES, so that the test framework neither
    forbids nor flushes it)."""
    if not Municipality.objects.exists():  # an earlier transactional test emptied the database
        load_provinces_and_municipalities()  # all these tests need; the flush after them empties it
    primary = connections["default"]
    settings_dict = {**primary.settings_dict, "HOST": "127.0.0.1", "PORT": replica_port}
    connections[ALIAS] = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, ALIAS)
    try:
        with override_settings(OPMARS_READ_REPLICAS=[ALIAS]):
            yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]


def caught_up(replica):
    connections["default"].ensure_connection()
    replica.ensure_connection()
    streaming_replica.wait_until_caught_up(connections["default"].connection, replica.connection)


def test_anonymous_reads_are_served_by_the_replica(client, replica, make_collective):
    collective = make_collective(name="Energie Oost")
    caught_up(replica)
    with (
        CaptureQueriesContext(connections["default"]) as on_primary,
        CaptureQueriesContext(replica) as on_replica,
    ):
        answer = client.get(f"/api/v1/collectives/{collective.slug}")
        page = client.get(reverse("collective", args=[collective.slug]))
    assert answer.json()["name"] == "Energie Oost"
    assert "Energie Oost" in page.content.decode()
    assert len(on_replica) > 0
    assert len(on_primary) == 0
    with replica.cursor() as cursor:  # the connection that answered is a standby
        cursor.execute("SELECT pg_is_in_recovery()")
        assert cursor.fetchone()[0] is True


def test_writes_go_to_the_primary_and_the_writer_reads_them_at_once(
    client, replica, make_collective, editor_user
):
    collective = make_collective(name="Buurtcoöperatie West", founded_year=2010)
    client.force_login(editor_user)
    caught_up(replica)
    with replica.cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")
    try:
        response = client.post(
            reverse("collective_edit", args=[collective.slug]),
            form_data(name="Buurtcoöperatie West", founded_year="2011"),
        )
        assert response.status_code == 302
        assert PIN_COOKIE in response.cookies
        # The writer reads from the primary: the new year at once.
        own = client.get(f"/api/v1/collectives/{collective.slug}")
        assert own.json()["founded_year"] == 2011
        # Anyone else reads the paused replica, which has not seen the write yet.
        client.cookies.pop(PIN_COOKIE)
        client.logout()
        stale = client.get(f"/api/v1/collectives/{collective.slug}")
        assert stale.json()["founded_year"] == 2010
    finally:
        with replica.cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    caught_up(replica)
    assert client.get(f"/api/v1/collectives/{collective.slug}").json()["founded_year"] == 2011
