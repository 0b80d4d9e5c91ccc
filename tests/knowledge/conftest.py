import pytest

from opmars.knowledge import actions


def item_data(**overrides):
    data = {
        "title": "Ledenadministratie voor coöperaties",
        "item_type": "handleiding",
        "summary": "Zo houd je de ledenlijst bij.",
        "body": "Gebruik **één** ledenlijst.",
        "kinds": ["energiecooperatie"],
        "domains": ["energie"],
        "themes": ["bestuur"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_item(editor_user, make_collective):
    def make(collective=None, **overrides):
        collective = collective or make_collective()
        return actions.create_item(editor_user, collective, item_data(**overrides))

    return make


# Messages through the platform

TEXT = "Hoe regelen jullie de ledenadministratie en de online ALV? Groet, Daan"


@pytest.fixture
def peer(make_collective):
    """A collective without a contact address whose editor is editor_user (anouk@…)."""
    return make_collective(name="Energie Oost", contact_email="")


def send(sender, recipient, text=TEXT, **data):
    return actions.send_message(sender, recipient, {"body": text, **data})
