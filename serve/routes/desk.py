"""Compensation requests with their approval, and the desk's figures."""

from typing import Annotated

from fastapi import APIRouter, Query

from serve.dependencies import AgentActor, DatabaseDep, IntakeDep, SupervisorActor
from serve.routes.tickets import ERRORS
from serve.ticket_schemas import (
    CompensationDecisionIn,
    CompensationIn,
    CompensationPublic,
    StatsPublic,
)
from tickets.compensation import decide_compensation, list_compensation, request_compensation
from tickets.stats import desk_stats

router = APIRouter(prefix="/v1", tags=["desk"])


@router.post(
    "/tickets/{number}/compensation",
    response_model=CompensationPublic,
    status_code=201,
    responses=ERRORS,
)
def request(
    number: str, body: CompensationIn, actor: AgentActor, database: DatabaseDep, intake: IntakeDep
) -> CompensationPublic:
    """Ask for compensation; who must approve it follows from the amount."""
    made = request_compensation(database, number, body.kind, body.amount, actor, intake.taxonomy)
    return CompensationPublic.model_validate(made)


@router.get(
    "/tickets/{number}/compensation", response_model=list[CompensationPublic], responses=ERRORS
)
def of_ticket(number: str, actor: AgentActor, database: DatabaseDep) -> list[CompensationPublic]:
    return [CompensationPublic.model_validate(r) for r in list_compensation(database, number)]


@router.post(
    "/compensation/{request_id}/decision", response_model=CompensationPublic, responses=ERRORS
)
def decision(
    request_id: int, body: CompensationDecisionIn, actor: SupervisorActor, database: DatabaseDep
) -> CompensationPublic:
    """Approve or reject; the caller's role must reach the request's approver role."""
    role = actor.split(":", 1)[0]
    decided = decide_compensation(database, request_id, body.approve, body.comment, actor, role)
    return CompensationPublic.model_validate(decided)


@router.get("/compensation", response_model=list[CompensationPublic], responses=ERRORS)
def for_finance(
    actor: SupervisorActor,
    database: DatabaseDep,
    status: Annotated[str | None, Query(description="pending, approved or rejected")] = None,
) -> list[CompensationPublic]:
    """Requests by status: approved ones are what finance pays out."""
    return [CompensationPublic.model_validate(r) for r in list_compensation(database, None, status)]


@router.get("/stats", response_model=StatsPublic, responses=ERRORS)
def stats(actor: SupervisorActor, database: DatabaseDep) -> StatsPublic:
    """Counts by category, priority, status and department; overdue; mean handling times."""
    return StatsPublic.model_validate(desk_stats(database))
