"""Helpers for the web tests: demo collectives and HTML checks."""

import pytest

from opmars.registry import actions
from tests.conftest import collective_data


@pytest.fixture
def make_demo_collective(editor_user):
    """A generated (fictitious) collective, as the demo makes them."""

    def make(**overrides):
        return actions.create_collective(editor_user, collective_data(**overrides), is_demo=True)

    return make


def result_names(response):
    """Names of the collectives listed in a directory or area page, in order."""
    import re

    html = response.content.decode()
    return re.findall(r'<h3><a href="/collectieven/[^"]+/">([^<]+)</a>', html)
