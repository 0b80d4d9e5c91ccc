"""Cached figures are fresh after every write, on local memory and on Redis: the cache key holds
the data generation, which each write path bumps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opmars.caching import generation
from opmars.dataio.importing import CREATE
from opmars.monitor import metrics
from opmars.registry.demo import generate_demo
from tests.dataio.helpers import BRAM_CSV, run, write

pytestmark = pytest.mark.django_db


def active_in_amsterdam():
    return metrics.summary(metrics.municipality_area("GM0363"), 2025)["active_collectives"]


def test_a_second_read_comes_from_the_cache(cache_backend, make_collective):
    make_collective(municipality="GM0363")
    area = metrics.municipality_area("GM0363")
    with CaptureQueriesContext(connection) as cold:
        assert metrics.summary(area, 2025)["active_collectives"] == 1
    with CaptureQueriesContext(connection) as warm:
        assert metrics.summary(area, 2025)["active_collectives"] == 1
    assert len(cold) > 5
    assert len(warm) == 1  # only the data generation


def test_a_write_through_a_service_function_is_read_at_once(cache_backend, make_collective):
    assert active_in_amsterdam() == 0
    make_collective(municipality="GM0363")
    assert active_in_amsterdam() == 1


def test_bulk_demo_data_is_read_at_once(cache_backend):
    before = metrics.summary(metrics.national(), 2025)["active_collectives"]
    generate_demo(30, seed=5)
    after = metrics.summary(metrics.national(), 2025)["active_collectives"]
    assert after > before


def test_a_rolled_back_write_leaves_the_generation_as_it_was(db):
    from django.db import transaction

    before = generation.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        generation.bump()
        raise RuntimeError
    assert generation.current() == before


def test_an_import_is_read_at_once(cache_backend, tmp_path, staff_user):
    before = metrics.summary(metrics.national(), 2025)["active_collectives"]
    report = run(write(tmp_path, BRAM_CSV), staff_user, valid_only=True)
    assert report.imported
    after = metrics.summary(metrics.national(), 2025)["active_collectives"]
    assert after == before + report.counts[CREATE]
