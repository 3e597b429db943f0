from bot.discord_app.cooldown import QuestionBudgets, wait_message
from bot.settings import QuestionBudget

TWO_A_MINUTE = QuestionBudget(2, 60)


def test_each_user_has_a_budget_and_is_warned_once_per_wait():
    budgets = QuestionBudgets()
    assert budgets.retry_after(1, 10, TWO_A_MINUTE) is None and budgets.retry_after(1, 10, TWO_A_MINUTE) is None
    wait = budgets.retry_after(1, 10, TWO_A_MINUTE)
    assert wait is not None and 0 < wait <= 60
    assert budgets.retry_after(2, 10, TWO_A_MINUTE) is None  # another user is not held up
    assert budgets.should_warn(1, wait) is True
    assert budgets.should_warn(1, wait) is False


def test_each_server_keeps_its_own_budget_and_a_new_budget_applies_at_once():
    budgets = QuestionBudgets()
    budgets.retry_after(1, 10, TWO_A_MINUTE)
    budgets.retry_after(1, 10, TWO_A_MINUTE)
    assert budgets.retry_after(1, 10, TWO_A_MINUTE) is not None
    assert budgets.retry_after(1, 20, TWO_A_MINUTE) is None  # spending in one server leaves another's alone
    assert budgets.retry_after(1, None, TWO_A_MINUTE) is None  # nor DMs
    assert budgets.retry_after(1, 10, QuestionBudget(10, 60)) is None  # the server raised its budget


def test_wait_message_is_polite_and_precise():
    assert wait_message(0.2) == "You're asking faster than I can keep up. Please try again in 1 second."
    assert wait_message(12.6).endswith("in 13 seconds.")
