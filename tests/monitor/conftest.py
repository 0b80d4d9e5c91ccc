import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_set(db):
    from opmars.registry.demo import generate_demo

    generate_demo(400, seed=5)
