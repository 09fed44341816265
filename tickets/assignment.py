"""Who in a group gets a ticket: least open tickets first, under a per-agent cap, the agent
assigned longest ago on ties (round-robin); agents marked away are skipped."""

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tickets.lifecycle import ASSIGNED, OPEN_STATUSES, TRIAGED
from tickets.tables import Agent, Ticket


def open_counts(session: Session, group: str) -> dict[int, int]:
    rows = session.execute(
        select(Ticket.assignee_id, func.count())
        .join(Agent, Agent.id == Ticket.assignee_id)
        .where(Agent.group == group, Ticket.status.in_(OPEN_STATUSES))
        .group_by(Ticket.assignee_id)
    )
    return {agent_id: count for agent_id, count in rows}


def pick_agent(session: Session, group: str) -> Agent | None:
    agents = session.scalars(select(Agent).where(Agent.group == group, Agent.away.is_(False)))
    counts = open_counts(session, group)
    candidates = [a for a in agents if counts.get(a.id, 0) < a.max_open]
    if not candidates:
        return None
    never = datetime.min.replace(tzinfo=UTC)
    return min(candidates, key=lambda a: (counts.get(a.id, 0), a.last_assigned_at or never, a.id))


def assign(session: Session, ticket: Ticket, agent: Agent, now: datetime) -> None:
    ticket.assignee_id = agent.id
    ticket.status = ASSIGNED
    agent.last_assigned_at = now


def oldest_waiting(session: Session, group: str) -> Ticket | None:
    """The oldest triaged ticket of the group that nobody holds yet."""
    return session.scalars(
        select(Ticket)
        .where(
            Ticket.assignee_group == group,
            Ticket.assignee_id.is_(None),
            Ticket.status == TRIAGED,
        )
        .order_by(Ticket.received_at, Ticket.id)
        .limit(1)
    ).first()
