"""Messages are limited per day per account (messages and answers together) and per client IP
per hour; over a limit the page says so and keeps the typed text, it does not throw it away."""

import pytest

from opmars.knowledge import actions
from opmars.knowledge.models import Message
from tests.knowledge.conftest import TEXT, send


def test_the_daily_limit_counts_messages_and_answers(peer, other_user, make_collective):
    message = send(other_user, peer)
    for _ in range(actions.MESSAGES_PER_DAY - 1):
        actions.reply(other_user, message, {"body": "Nog een aanvulling."})
    with pytest.raises(actions.ActionError) as error:
        send(other_user, make_collective())
    assert error.value.errors[0]["code"] == "te_veel_berichten"


def test_the_daily_limit_shows_the_text_back(client, peer, other_user):
    for _ in range(actions.MESSAGES_PER_DAY):
        send(other_user, peer)
    client.force_login(other_user)
    response = client.post(f"/collectieven/{peer.slug}/bericht/", {"body": TEXT})
    html = response.content.decode()
    assert "Je hebt vandaag al 10 berichten verstuurd" in html and "Groet, Daan" in html
    assert Message.objects.count() == actions.MESSAGES_PER_DAY


def test_the_per_address_limit_keeps_the_text(client, settings, peer, other_user):
    settings.OPMARS_RATE_LIMITS = {**settings.OPMARS_RATE_LIMITS, "mail_actions": "2/h"}
    client.force_login(other_user)
    url = f"/collectieven/{peer.slug}/bericht/"
    for _ in range(2):
        client.post(url, {"body": TEXT})
    refused = client.post(url, {"body": TEXT})
    html = refused.content.decode()
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "veel berichten achter elkaar verstuurd" in html and "Groet, Daan" in html
    assert Message.objects.count() == 2
