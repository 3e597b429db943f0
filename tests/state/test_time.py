"""Times read back from the database are aware: SQLite's, stored in UTC without their zone, are given UTC; one
that already carries a zone (PostgreSQL's) is left as it is."""

import datetime

from bot.state.time import aware


def test_a_naive_time_is_read_as_utc():
    naive = datetime.datetime(2026, 12, 2, 9, 30)
    assert aware(naive) == datetime.datetime(2026, 12, 2, 9, 30, tzinfo=datetime.UTC)


def test_a_time_with_its_zone_keeps_it():
    paris = datetime.datetime(2026, 12, 2, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert aware(paris) is paris
