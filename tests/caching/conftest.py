import os
import uuid

import pytest
import redis

from tests.conftest import IN_CI

REDIS_URL = os.environ.get("OPMARS_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def redis_cache_settings():
    """The Redis cache as OPMARS_CACHE_URL configures it, under a prefix of its own: the test
    never clears the database it shares."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        if IN_CI:
            pytest.fail(f"CI must test the Redis cache, but {REDIS_URL} is not reachable: {error}")
        pytest.skip(f"Redis not reachable at {REDIS_URL}")
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"opmars-test-{uuid.uuid4().hex}",
            "TIMEOUT": 60,
        }
    }


LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture(params=["locmem", "redis"])
def cache_backend(request, settings):
    """Each test that asks for it runs on local memory and on Redis."""
    settings.CACHES = LOCMEM if request.param == "locmem" else redis_cache_settings()
    return request.param
