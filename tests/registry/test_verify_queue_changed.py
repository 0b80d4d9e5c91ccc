"""The verification queue also holds verified collectives whose details their editors changed
after the verification; verifying again takes them off."""

import pytest

from opmars.registry import actions
from tests.conftest import collective_data

pytestmark = pytest.mark.django_db

QUEUE = "/account/aanmeldingen/"


def test_a_change_after_verification_waits_for_a_new_check(
    client, staff_user, editor_user, make_collective
):
    collective = make_collective(name="Buurtkracht Zuid")
    actions.verify_collective(staff_user, collective)
    client.force_login(staff_user)
    assert "Buurtkracht Zuid" not in client.get(QUEUE).content.decode()

    changed = collective_data(name="Buurtkracht Zuid", description="Nu ook een moestuin.")
    actions.update_collective(editor_user, collective, changed)
    page = client.get(QUEUE).content.decode()
    assert "Buurtkracht Zuid" in page and "gewijzigd" in page

    client.post(QUEUE, {"collective": collective.pk, "decision": "verify"}, follow=True)
    assert "Buurtkracht Zuid" not in client.get(QUEUE).content.decode()
