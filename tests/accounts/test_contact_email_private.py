"""A collective's contact address is never shown publicly: not on its page, in the API, in
exports, in the open data dump or in search results."""

import io
import zipfile

import pytest

from opmars.dataio.opendata import write_dump
from opmars.registry import actions
from tests.conftest import collective_data

ADDRESS = "geheim-bestuur@voorbeeld.example"


@pytest.fixture
def with_address(editor_user):
    return actions.create_collective(
        editor_user, collective_data(name="Zorgcoöperatie Hoeve", contact_email=ADDRESS)
    )


@pytest.mark.parametrize(
    "path",
    [
        "/collectieven/{slug}/",
        "/collectieven/?q=Hoeve",
        "/api/v1/collectives/{slug}",
        "/api/v1/collectives?q=Hoeve",
        "/export/collectieven.csv",
        "/export/collectieven.json",
        "/export/collectieven.jsonld",
        "/gemeenten/GM0363/",
    ],
)
def test_the_address_is_not_in_public_output(with_address, client, path):
    response = client.get(path.format(slug=with_address.slug))
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode("utf-8-sig")
    assert with_address.name.split()[-1] in body
    assert ADDRESS not in body


def test_the_address_is_not_in_the_open_data(with_address):
    out = io.BytesIO()
    write_dump(out)
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            assert ADDRESS not in archive.read(name).decode("utf-8-sig", errors="replace")


def test_the_editor_sees_it_in_the_form(with_address, client, editor_user):
    client.force_login(editor_user)
    assert ADDRESS in client.get(f"/collectieven/{with_address.slug}/bewerken/").content.decode()
