"""The invite link: the application's id read from the bot token, and exactly the permissions the bot uses, as
Discord numbers them (View Channels 10, Send Messages 11, Embed Links 14, Read Message History 16, Send Messages
in Threads 38)."""

import pytest

from bot.discord_app.invite import application_id_from_token, invite_url
from bot.settings import SettingsError, SettingsFault

ASKED = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 38)


def test_the_link_names_the_application_its_scopes_and_exactly_the_permissions_used():
    assert invite_url(1000) == (
        f"https://discord.com/oauth2/authorize?client_id=1000&scope=bot+applications.commands&permissions={ASKED}"
    )


def test_the_application_id_is_the_tokens_first_part():
    assert application_id_from_token("MTAwMA.GxYzAb.fake-token") == 1000  # "1000" in base64, unpadded


@pytest.mark.parametrize("token", ["not-a-token.x.y", "", "bm90LWFuLWlk.x.y"])  # the last: "not-an-id"
def test_a_token_that_names_no_application_is_a_settings_fault(token):
    with pytest.raises(SettingsError) as caught:
        application_id_from_token(token)
    assert caught.value.fault is SettingsFault.NOT_A_BOT_TOKEN
