from functools import partial

from bot.discord_app import cooldown
from bot.discord_app.cooldown import BUCKETS_KEPT, QuestionBudgets
from bot.settings import QuestionBudget
from tests.steps import lines_run_in

TWO_A_MINUTE = QuestionBudget(2, 60)
AN_HOUR = QuestionBudget(2, 3600)
HALF_A_MINUTE = QuestionBudget(1, 30)


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


def test_a_crowd_past_the_buckets_kept_costs_each_new_user_the_same_few_steps():
    budgets = QuestionBudgets()
    for user in range(BUCKETS_KEPT + 1):  # all still spending: none may be forgotten
        budgets.retry_after(user, 10, AN_HOUR)
    steps = [
        lines_run_in(cooldown.__file__, partial(budgets.retry_after, user, 10, AN_HOUR))[1] for user in range(-20, 0)
    ]
    assert max(steps) <= 30, steps  # scanning every bucket was over 10,000 lines each
    assert budgets.retry_after(0, 10, AN_HOUR) is None and budgets.retry_after(0, 10, AN_HOUR) is not None


def test_a_crowd_of_warnings_costs_each_new_user_the_same_few_steps():
    budgets = QuestionBudgets()
    for user in range(BUCKETS_KEPT + 1):  # all still waiting: none may be forgotten
        budgets.should_warn(user, 3600)
    steps = [lines_run_in(cooldown.__file__, partial(budgets.should_warn, user, 3600))[1] for user in range(-20, 0)]
    assert max(steps) <= 30, steps
    assert not budgets.should_warn(0, 3600)


def test_past_the_buckets_kept_only_full_budgets_are_forgotten():
    now = [1000.0]
    budgets = QuestionBudgets(kept=100, clock=lambda: now[0])
    for user in range(50):
        budgets.retry_after(user, 10, AN_HOUR)  # one of two spent for an hour
    for user in range(50, 100):
        budgets.retry_after(user, 10, HALF_A_MINUTE)  # full again in 30 seconds
    now[0] += 60
    for user in range(100, 200):
        budgets.retry_after(user, 10, HALF_A_MINUTE)
    assert len(budgets) <= 150  # the 50 full again are gone; 50 spent for an hour and 100 just spent stay
    for user in range(50):  # each still has one question, and only one
        assert budgets.retry_after(user, 10, AN_HOUR) is None, user
        assert budgets.retry_after(user, 10, AN_HOUR) is not None, user
    for user in range(100, 200):
        assert budgets.retry_after(user, 10, HALF_A_MINUTE) is not None, user
    now[0] += 60
    for user in range(200, 400):
        budgets.retry_after(user, 10, HALF_A_MINUTE)
    assert len(budgets) == 250  # every full budget forgotten: the 50 spent for an hour and the 200 new stay


def test_past_the_users_kept_warnings_still_come_once_per_wait():
    now = [1000.0]
    budgets = QuestionBudgets(kept=10, clock=lambda: now[0])
    assert all(budgets.should_warn(user, 3600 if user < 5 else 10) for user in range(10))
    now[0] += 60
    assert all(budgets.should_warn(user, 10) for user in range(10, 30))
    assert not any(budgets.should_warn(user, 10) for user in range(5))  # still waiting: not told twice
    assert all(budgets.should_warn(user, 10) for user in range(5, 10))  # their wait is over
