"""Deadlines on the mainland calendar, across the Spring Festival and National Day of 2026."""

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from pipeline.acknowledge import compose
from pipeline.smtp import SmtpSettings
from tickets.sla import (
    BusinessHours,
    add_working_days,
    business_start,
    desk_time,
    desk_zone,
    due_times,
    is_working_day,
)
from tickets.tables import Ticket
from tickets.taxonomy import Taxonomy

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOURS = BusinessHours()


def at(*fields: int) -> datetime:
    return datetime(*fields, tzinfo=SHANGHAI)


def test_calendar_knows_holidays_and_adjusted_working_weekends() -> None:
    assert not is_working_day(date(2026, 2, 17))  # 春节
    assert is_working_day(date(2026, 2, 14))  # Saturday worked for the Spring Festival
    assert not is_working_day(date(2026, 10, 1))  # 国庆
    assert is_working_day(date(2026, 10, 10))  # Saturday worked for National Day


def test_three_working_days_across_the_holidays() -> None:
    # Friday before the Spring Festival: Sat 14 (worked), Tue 24, Wed 25
    assert add_working_days(at(2026, 2, 13, 10), 3, HOURS) == at(2026, 2, 25, 10)
    # the eve of National Day: Thu 8, Fri 9, Sat 10 (worked)
    assert add_working_days(at(2026, 9, 30, 17), 3, HOURS) == at(2026, 10, 10, 17)
    # after hours: the clock starts at the next opening
    assert add_working_days(at(2026, 10, 9, 20), 3, HOURS) == at(2026, 10, 14, 9)


def test_priority_deadlines(taxonomy: Taxonomy) -> None:
    p0, p1, p2 = taxonomy.priorities
    received = at(2026, 2, 13, 22)  # Friday night before the Spring Festival
    assert due_times(received, p0, HOURS)[0] == received + timedelta(hours=2)
    assert due_times(received, p1, HOURS)[0] == received + timedelta(hours=24)
    # the clock starts on Saturday 14 at 09:00 (a worked day): 24, 25, 26 February
    assert due_times(received, p2, HOURS)[0] == at(2026, 2, 26, 9)


moments = st.datetimes(
    min_value=datetime(2026, 1, 1), max_value=datetime(2026, 12, 20), timezones=st.just(SHANGHAI)
)


@settings(max_examples=300, deadline=None)
@given(received=moments, days=st.integers(min_value=1, max_value=10))
def test_working_day_deadline_properties(received: datetime, days: int) -> None:
    due = add_working_days(received, days, HOURS).astimezone(SHANGHAI)
    start = business_start(received, HOURS)
    assert due > received and due.tzinfo is not None
    assert is_working_day(due.date()) and HOURS.opens <= due.time() < HOURS.closes
    assert due.time() == start.time()
    between = [
        start.date() + timedelta(days=n) for n in range(1, (due.date() - start.date()).days + 1)
    ]
    assert sum(map(is_working_day, between)) == days


@settings(max_examples=200, deadline=None)
@given(received=moments)
def test_clock_deadlines_ignore_the_calendar(received: datetime, taxonomy: Taxonomy) -> None:
    p0 = taxonomy.priorities[0]
    first, resolution = due_times(received, p0, HOURS)
    assert first == (received + timedelta(hours=2)).astimezone(UTC)
    assert resolution == (received + timedelta(hours=24)).astimezone(UTC)


def test_a_zone_that_is_not_one_names_the_setting_and_the_fix() -> None:
    with pytest.raises(ValidationError, match="TOUSU_BUSINESS_ZONE='Beijing' is not a time zone"):
        BusinessHours(zone="Beijing")


@pytest.fixture
def desk_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TOUSU_BUSINESS_ZONE", "Asia/Tokyo")
    desk_zone.cache_clear()
    yield
    monkeypatch.undo()
    desk_zone.cache_clear()


def test_times_told_to_people_are_on_the_desks_clock() -> None:
    due = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    assert f"{desk_time(due):%H:%M}" == "10:00"  # Beijing by default


def test_a_desk_in_another_zone_tells_its_own_time(desk_in_tokyo: None) -> None:
    due = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)
    ticket = Ticket(number="TS-1", first_response_due=due, customer_email="a@example.com")
    acknowledgement = compose(ticket, SmtpSettings()).get_content()
    assert "2026年11月20日 11:00 前答复您" in acknowledgement
