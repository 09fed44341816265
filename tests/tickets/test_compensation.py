"""Compensation approval by amount and role, recorded in the audit trail."""

import pytest
from sqlalchemy import select

from tests.tickets.test_store import CONFIDENT, new
from tickets import creation
from tickets.compensation import (
    APPROVED,
    REJECTED,
    approver_for,
    decide_compensation,
    list_compensation,
    request_compensation,
)
from tickets.db import Database
from tickets.errors import TousuError
from tickets.tables import AuditEvent
from tickets.taxonomy import Taxonomy


@pytest.mark.parametrize(
    ("amount", "approver"),
    [(0, "supervisor"), (499.99, "supervisor"), (500, "director"), (2000, "vice_president")],
)
def test_approver_by_amount(taxonomy: Taxonomy, amount: float, approver: str) -> None:
    assert approver_for(amount, taxonomy) == approver


def test_request_approval_needs_the_right_role(database: Database, intake: creation.Intake) -> None:
    ticket, _ = creation.create_ticket(database, new(), CONFIDENT, intake, "a")
    big = request_compensation(database, ticket.number, "refund", 1200, "agent:li", intake.taxonomy)
    assert big.approver_role == "director"
    with pytest.raises(TousuError) as refused:
        decide_compensation(database, big.id, True, "ok", "supervisor:wang", "supervisor")
    assert refused.value.code == "compensation-approver" and "director" in refused.value.fix
    approved = decide_compensation(database, big.id, True, "同意退款", "director:zhao", "director")
    assert approved.status == APPROVED and approved.decided_by == "director:zhao"
    with pytest.raises(TousuError):
        decide_compensation(database, big.id, False, None, "admin:root", "admin")
    small = request_compensation(
        database, ticket.number, "voucher", 50, "agent:li", intake.taxonomy
    )
    assert (
        decide_compensation(database, small.id, False, "不符合", "vp:qian", "vice_president").status
        == REJECTED
    )
    assert [r.status for r in list_compensation(database, status=APPROVED)] == [APPROVED]
    with database.session() as session:
        actions = session.scalars(
            select(AuditEvent.action).where(AuditEvent.ticket_id == ticket.id)
        ).all()
    assert actions.count("compensation_requested") == 2
    assert "compensation_approved" in actions and "compensation_rejected" in actions
    with pytest.raises(TousuError) as unknown:
        request_compensation(database, ticket.number, "gold", 1, "agent:li", intake.taxonomy)
    assert "refund" in unknown.value.fix
