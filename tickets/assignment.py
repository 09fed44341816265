"""Who in a group gets a ticket: least open tickets first, under a per-agent cap, the agent
assigned longest ago on ties (round-robin); agents marked away are skipped."""

from datetime import UTC, datetime

from sqlalchemy import Connection, and_, bindparam, func, select
from sqlalchemy.orm import Session

from tickets.lifecycle import ASSIGNED, OPEN_STATUSES, TRIAGED
from tickets.tables import Agent, Base, Ticket

NEVER = datetime.min.replace(tzinfo=UTC)


# statements built once: SQLAlchemy then reuses their compiled form (intake runs them for
# every ticket)
_AGENTS_WITH_OPEN_COUNTS = (
    select(Agent.id, Agent.max_open, Agent.last_assigned_at, func.count(Ticket.id))
    .outerjoin(Ticket, and_(Ticket.assignee_id == Agent.id, Ticket.status.in_(OPEN_STATUSES)))
    .where(Agent.group == bindparam("group"), Agent.away.is_(False))
    .group_by(Agent.id, Agent.max_open, Agent.last_assigned_at)
)


def pick_agent(db: Session | Connection, group: str) -> int | None:
    """The id of the agent of `group` who should get the next ticket, or None if all are
    away or full. One query: each agent with their open tickets counted."""
    rows = db.execute(_AGENTS_WITH_OPEN_COUNTS, {"group": group}).all()
    free = [
        (count, last or NEVER, agent_id)
        for agent_id, max_open, last, count in rows
        if count < max_open
    ]
    return min(free)[2] if free else None


def open_count(session: Session, agent_id: int) -> int:
    query = select(func.count()).where(
        Ticket.assignee_id == agent_id, Ticket.status.in_(OPEN_STATUSES)
    )
    return int(session.scalar(query) or 0)


_TICKETS, _AGENTS = Base.metadata.tables["ticket"], Base.metadata.tables["agent"]
_ASSIGN_TICKET = (
    _TICKETS.update()
    .where(_TICKETS.c.id == bindparam("ticket"))
    .values(assignee_id=bindparam("agent"), status=ASSIGNED, version=_TICKETS.c.version + 1)
)
_STAMP_AGENT = _AGENTS.update().where(_AGENTS.c.id == bindparam("agent"))


def assign(db: Session | Connection, ticket_id: int, agent_id: int, now: datetime) -> None:
    db.execute(_ASSIGN_TICKET, {"ticket": ticket_id, "agent": agent_id})
    db.execute(_STAMP_AGENT, {"agent": agent_id, "last_assigned_at": now})


def give(session: Session, ticket: Ticket, agent_id: int, now: datetime) -> None:
    """Hand a loaded ticket to an agent (the ORM twin of `assign`)."""
    agent = session.get(Agent, agent_id)
    assert agent is not None
    ticket.assignee_id = agent_id
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
