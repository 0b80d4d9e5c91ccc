"""`opmars demo` ends its apps' demo hooks with the monitor's, which has the background task
publish an open-data dump, so /open-data/ offers one from the start."""

import pytest
from django.apps import apps

from opmars.dataio.opendata import published_dumps


@pytest.mark.django_db
def test_the_demo_hook_publishes_a_dump(settings, tmp_path, make_collective):
    settings.DATA_DIR = tmp_path
    make_collective(name="Energie Één")
    said = []
    apps.get_app_config("monitor").generate_demo(seed=1, progress=said.append)
    [dump] = published_dumps()
    assert dump.collectives == 1 and dump.path.exists() and said
