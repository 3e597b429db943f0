from bot.discord_app.cooldown import UserCooldown, wait_message


def test_each_user_has_a_budget_and_is_warned_once_per_wait():
    cooldown = UserCooldown(rate=2, per=60)
    assert cooldown.retry_after(1) is None and cooldown.retry_after(1) is None
    wait = cooldown.retry_after(1)
    assert wait is not None and 0 < wait <= 60
    assert cooldown.retry_after(2) is None  # another user is not held up
    assert cooldown.should_warn(1, wait) is True
    assert cooldown.should_warn(1, wait) is False


def test_wait_message_is_polite_and_precise():
    assert wait_message(0.2) == "You're asking faster than I can keep up. Please try again in 1 second."
    assert wait_message(12.6).endswith("in 13 seconds.")
