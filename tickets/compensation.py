"""Compensation requests and their approval by amount.

Below 500 yuan a supervisor approves, 500-2,000 a director, above that a vice president (tiers
from taxonomy.yaml `escalation.compensation_approval`). A higher role may approve what a lower
one may. Approved requests are what finance pays out; every step is in the audit trail.
"""

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from tickets import audit
from tickets.db import Database
from tickets.errors import TousuError
from tickets.store import NotFound
from tickets.tables import CompensationRequest, Ticket
from tickets.taxonomy import Taxonomy
from tickets.tokens import allows

KINDS = ("refund", "exchange", "repair", "voucher", "cash")
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


def approver_for(amount: float, taxonomy: Taxonomy) -> str:
    for tier in taxonomy.escalation.get("compensation_approval", []):
        below = tier.get("below_yuan")
        if below is None or amount < below:
            return str(tier["approver"])
    return "vice_president"


def _ticket(session: Session, number: str) -> Ticket:
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).first()
    if ticket is None:
        raise NotFound(number)
    return ticket


def _row(request: CompensationRequest) -> dict[str, object]:
    return {
        "id": request.id,
        "kind": request.kind,
        "amount": str(request.amount),
        "approver_role": request.approver_role,
        "status": request.status,
    }


def request_compensation(
    db: Database, number: str, kind: str, amount: float, actor: str, taxonomy: Taxonomy
) -> CompensationRequest:
    if kind not in KINDS:
        raise TousuError(
            "compensation-kind",
            f"there is no compensation kind {kind!r}.",
            f"use {', '.join(KINDS)}.",
        )
    if amount < 0:
        raise TousuError("compensation-amount", "the amount is negative.", "send yuan >= 0.")
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        ticket = _ticket(session, number)
        request = CompensationRequest(
            ticket_id=ticket.id,
            kind=kind,
            amount=Decimal(str(amount)),
            approver_role=approver_for(amount, taxonomy),
            status=PENDING,
            requested_by=actor,
            created_at=now,
        )
        session.add(request)
        session.flush()
        audit.record(session, ticket.id, actor, "compensation_requested", now, None, _row(request))
    return request


def decide_compensation(
    db: Database, request_id: int, approve: bool, comment: str | None, actor: str, role: str
) -> CompensationRequest:
    now = datetime.now(UTC)
    with db.session() as session, session.begin():
        request = session.get(CompensationRequest, request_id)
        if request is None:
            raise TousuError(
                "compensation-not-found",
                f"there is no compensation request {request_id}.",
                "list a ticket's requests with GET /v1/tickets/{number}/compensation.",
            )
        if request.status != PENDING:
            raise TousuError(
                "compensation-decided",
                f"request {request_id} was already {request.status}.",
                "file a new request if the customer asks again.",
            )
        if not allows(role, request.approver_role):
            raise TousuError(
                "compensation-approver",
                f"{request.amount} yuan needs approval by a {request.approver_role}; you are "
                f"{role}.",
                f"ask someone with the {request.approver_role} role (or higher) to decide.",
            )
        before = _row(request)
        request.status = APPROVED if approve else REJECTED
        request.decided_by = actor
        request.comment = comment
        request.decided_at = now
        audit.record(
            session,
            request.ticket_id,
            actor,
            f"compensation_{request.status}",
            now,
            before,
            _row(request),
        )
    return request


def list_compensation(
    db: Database, number: str | None = None, status: str | None = None
) -> list[CompensationRequest]:
    with db.session() as session:
        query = select(CompensationRequest).order_by(CompensationRequest.id)
        if number is not None:
            query = query.where(CompensationRequest.ticket_id == _ticket(session, number).id)
        if status is not None:
            query = query.where(CompensationRequest.status == status)
        return list(session.scalars(query))
