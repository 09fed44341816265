"""Each source's checkpoint and health: last run, last success, last error, counts."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from tickets.db import Database
from tickets.tables import ChannelState


def checkpoint(db: Database, name: str) -> dict[str, Any]:
    with db.session() as session:
        state = session.get(ChannelState, name)
        return dict(state.checkpoint) if state else {}


def save_checkpoint(db: Database, name: str, value: dict[str, Any]) -> None:
    with db.session() as session, session.begin():
        state = session.get(ChannelState, name) or ChannelState(name=name, counts={})
        state.checkpoint = dict(value)
        session.add(state)


def record_run(db: Database, name: str, counts: dict[str, int], error: str | None = None) -> None:
    """After a run: add its counts; remember the error, or the success."""
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        state = session.get(ChannelState, name) or ChannelState(name=name, checkpoint={})
        totals = dict(state.counts or {})
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
        state.counts = totals
        state.last_run = now
        if error is None:
            state.last_success = now
        state.last_error = error
        session.add(state)


def all_states(db: Database) -> list[ChannelState]:
    with db.session() as session:
        return list(session.scalars(select(ChannelState).order_by(ChannelState.name)))
