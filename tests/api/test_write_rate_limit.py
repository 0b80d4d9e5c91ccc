"""API writes are limited per user (OPMARS_API_WRITE_RATE); past it a 429 in the error shape."""

from opmars.accounts.tokens import create_token
from tests.api.conftest import only_error
from tests.api.test_write_facts import whole_year


def test_writes_past_the_rate_get_a_429_with_retry_after(
    api_write, write_token, make_collective, settings
):
    settings.OPMARS_API_WRITE_RATE = "3/m"
    path = f"/collectives/{make_collective().slug}/facts/2024"
    statuses = [
        api_write("PUT", path, whole_year(members=n), write_token[1]).status_code for n in range(3)
    ]
    assert statuses == [200, 200, 200]
    response = api_write("PUT", path, whole_year(members=9), write_token[1])
    error = only_error(response, 429)
    assert error["code"] == "te_veel_verzoeken"
    assert "3/m" in error["message"]
    assert response["Retry-After"] == "60"


def test_a_second_token_of_the_same_user_shares_the_limit(
    api_write, write_token, make_collective, editor_user, settings
):
    settings.OPMARS_API_WRITE_RATE = "2/m"
    path = f"/collectives/{make_collective().slug}/facts/2024"
    _second, other_secret = create_token(editor_user, "tweede", "write")
    api_write("PUT", path, {}, write_token[1])
    api_write("PUT", path, {}, write_token[1])
    assert api_write("PUT", path, {}, other_secret).status_code == 429


def test_another_user_has_their_own_limit(api_write, write_token, other_user, settings):
    settings.OPMARS_API_WRITE_RATE = "1/m"
    api_write("POST", "/collectives", {}, write_token[1])
    _token, secret = create_token(other_user, "eigen", "write")
    assert api_write("POST", "/collectives", {}, secret).status_code == 422
