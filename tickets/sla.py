"""Response deadlines on the mainland working-day calendar.

Hour deadlines (P0 2 h, P1 24 h) run on the clock. Working-day deadlines (P2 3 working days)
start at the next business opening and end at the same business time that many working days
later; working days come from `chinese_calendar`, which knows the adjusted working weekends
(调休) and the public holidays. Time spent in awaiting_customer is added back to every deadline.
"""

import logging
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import chinese_calendar
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tickets.taxonomy import Priority

log = logging.getLogger(__name__)


class BusinessHours(BaseSettings):
    """Opening hours for working-day deadlines: TOUSU_BUSINESS_OPENS=08:30 and so on."""

    model_config = SettingsConfigDict(
        env_prefix="TOUSU_BUSINESS_", env_file=".env", extra="ignore", frozen=True
    )

    opens: time = time(9, 0)
    closes: time = time(18, 0)
    zone: str = "Asia/Shanghai"

    @field_validator("zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"TOUSU_BUSINESS_ZONE={zone!r} is not a time zone name: use an IANA name such as "
                "Asia/Shanghai or Asia/Hong_Kong"
            ) from None
        return zone


@lru_cache(maxsize=1)
def desk_zone() -> ZoneInfo:
    """The desk's time zone (`BusinessHours.zone`): the one deadlines are counted in, so the one
    a customer's acknowledgement, an agent's notice and an export show times in, and the one a
    date given without a zone means."""
    return ZoneInfo(BusinessHours().zone)


def desk_time(moment: datetime) -> datetime:
    """`moment` on the desk's clock."""
    return moment.astimezone(desk_zone())


def on_desk_clock(moment: datetime | None) -> datetime | None:
    """A time given without a zone (a date typed in a filter or a command) read on the desk's
    clock; one with a zone as it is."""
    return moment.replace(tzinfo=desk_zone()) if moment and moment.tzinfo is None else moment


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """Mainland working day; outside the years the calendar knows, Monday to Friday."""
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        log.warning("no holiday calendar for %s: counting Monday-Friday", day.year)
        return day.weekday() < 5


def _next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def business_start(moment: datetime, hours: BusinessHours) -> datetime:
    """`moment` if it falls in business hours on a working day, else the next opening."""
    local = moment.astimezone(ZoneInfo(hours.zone))
    day = local.date()
    if is_working_day(day) and local.time() < hours.closes:
        if local.time() >= hours.opens:
            return local
        return datetime.combine(day, hours.opens, local.tzinfo)
    return datetime.combine(_next_working_day(day), hours.opens, local.tzinfo)


def add_working_days(moment: datetime, days: int, hours: BusinessHours) -> datetime:
    """The same business time `days` working days after `moment` (moved into business hours)."""
    start = business_start(moment, hours)
    day = start.date()
    for _ in range(days):
        day = _next_working_day(day)
    return datetime.combine(day, start.timetz()).astimezone(UTC)


def deadline(
    received: datetime,
    hours_on_clock: float | None,
    working_days: int | None,
    business: BusinessHours,
) -> datetime | None:
    if hours_on_clock is not None:
        return (received + timedelta(hours=hours_on_clock)).astimezone(UTC)
    if working_days is not None:
        return add_working_days(received, working_days, business)
    return None


def due_times(
    received: datetime, priority: Priority, business: BusinessHours
) -> tuple[datetime | None, datetime | None]:
    """First-response and resolution deadlines of a ticket received at `received`."""
    return (
        deadline(
            received,
            priority.first_response_hours,
            priority.first_response_working_days,
            business,
        ),
        deadline(received, priority.resolution_hours, priority.resolution_working_days, business),
    )
