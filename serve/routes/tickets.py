"""Ticket endpoints: intake, queue, detail, status and assignee, label corrections."""

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.responses import StreamingResponse

from serve.dependencies import (
    AgentActor,
    DatabaseDep,
    IntakeBatcherDep,
    IntakeDep,
    Intaker,
    SupervisorActor,
)
from serve.schemas import ErrorPublic
from serve.ticket_schemas import (
    CreatedTicket,
    CustomerIn,
    LabelCorrection,
    RoutingPublic,
    SatisfactionIn,
    TicketCreate,
    TicketDetail,
    TicketPage,
    TicketPatch,
    TicketPublic,
)
from tickets import attachments, export, store
from tickets.db import Database
from tickets.sla import on_desk_clock
from tickets.tables import Ticket

router = APIRouter(prefix="/v1/tickets", tags=["tickets"])
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorPublic, "description": "A domain rule refused the request."},
    401: {"model": ErrorPublic, "description": "No valid API token."},
    403: {"model": ErrorPublic, "description": "The token's role may not do this."},
    404: {"model": ErrorPublic, "description": "No such ticket."},
    409: {"model": ErrorPublic, "description": "The ticket changed: reload and retry."},
    422: {"model": ErrorPublic, "description": "The body is not valid."},
}


def customer_of(body: CustomerIn) -> store.Customer:
    return store.Customer(**body.model_dump())


def detail(database: Database, ticket: Ticket) -> TicketDetail:
    routing = store.routing_of(database, ticket.id)
    return TicketDetail.model_validate(
        {
            **TicketPublic.model_validate(ticket).model_dump(),
            "messages": ticket.messages,
            "attachments": attachments.of_ticket(database, ticket.id),
            "history": store.history(database, ticket.id),
            "routing": RoutingPublic(
                rule_id=routing.rule_id, reason=routing.reason, **routing.actions
            )
            if routing
            else None,
        }
    )


@router.post("", response_model=CreatedTicket, status_code=201, responses=ERRORS)
async def create(
    body: TicketCreate,
    response: Response,
    actor: Intaker,
    batcher: IntakeBatcherDep,
    idempotency_key: Annotated[
        str | None,
        Header(max_length=200, description="Repeat a request safely: same key, same ticket."),
    ] = None,
) -> CreatedTicket:
    """Take in a complaint: classify, route, set deadlines, assign; idempotent on the key."""
    new = store.NewTicket(
        channel=body.channel,
        text=body.text,
        subject=body.subject,
        customer=customer_of(body.customer),
        product=body.product,
        order_no=body.order_no,
        amount=body.amount,
        customer_asks=body.customer_asks,
        idempotency_key=idempotency_key,
    )
    # async: the ticket is made by the intake writer together with concurrent requests'
    ticket, created = await batcher.create(new, actor)
    if not created:
        response.status_code = 200
    return CreatedTicket.model_validate(
        {**TicketPublic.model_validate(ticket).model_dump(), "created": created}
    )


def queue_filter(
    status: str | None = None,
    department: str | None = None,
    priority: str | None = None,
    channel: str | None = None,
    needs_review: bool | None = None,
    overdue: bool | None = None,
    q: Annotated[str | None, Query(max_length=100, description="Text search.")] = None,
    received_from: Annotated[
        datetime | None, Query(description="Received at or after (ISO date or time).")
    ] = None,
    received_before: Annotated[datetime | None, Query(description="Received before.")] = None,
) -> store.TicketFilter:
    """The queue's filters, shared by the list and its spreadsheet; a date without a zone is
    on the desk's clock (Beijing by default)."""
    return store.TicketFilter(
        status,
        department,
        priority,
        channel,
        needs_review,
        overdue,
        q,
        on_desk_clock(received_from),
        on_desk_clock(received_before),
    )


QueueFilter = Annotated[store.TicketFilter, Depends(queue_filter)]


@router.get("", response_model=TicketPage, responses=ERRORS)
def queue(
    actor: AgentActor,
    database: DatabaseDep,
    wanted: QueueFilter,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> TicketPage:
    """The queue, newest first, filtered."""
    rows, total = store.list_tickets(database, wanted, limit, offset)
    return TicketPage(
        items=[TicketPublic.model_validate(t) for t in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    responses={**ERRORS, 200: {"content": {"text/csv": {}}, "description": "One row a ticket."}},
)
def spreadsheet(
    actor: SupervisorActor, database: DatabaseDep, intake: IntakeDep, wanted: QueueFilter
) -> StreamingResponse:
    """The filtered queue as a CSV file for Excel (all rows, newest first, in Chinese)."""
    rows = export.ticket_rows(database, wanted, intake.taxonomy, datetime.now(UTC))
    return StreamingResponse(
        export.csv_chunks(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tickets.csv"'},
    )


@router.get("/{number}", response_model=TicketDetail, responses=ERRORS)
def read(number: str, actor: AgentActor, database: DatabaseDep) -> TicketDetail:
    """One ticket with its messages, routing decision and history."""
    return detail(database, store.get_ticket(database, number))


@router.patch("/{number}", response_model=TicketDetail, responses=ERRORS)
def change(
    number: str, body: TicketPatch, actor: AgentActor, database: DatabaseDep, intake: IntakeDep
) -> TicketDetail:
    """Move the ticket along its lifecycle and/or give it to an agent."""
    ticket = store.get_ticket(database, number)
    version = body.version
    if body.assignee is not None:
        ticket = store.assign_to(database, number, body.assignee, actor, version)
        version = None if version is None else ticket.version
    if body.status is not None:
        silence = int(intake.taxonomy.escalation.get("silence_days", 7))
        ticket = store.change_status(database, number, body.status, actor, version, silence)
    return detail(database, ticket)


@router.post("/{number}/labels", response_model=TicketDetail, responses=ERRORS)
def correct(
    number: str,
    body: LabelCorrection,
    actor: AgentActor,
    database: DatabaseDep,
    intake: IntakeDep,
) -> TicketDetail:
    """An agent's category and/or priority: final labels, kept as training corrections."""
    ticket = store.correct_labels(
        database, number, actor, body.category, body.priority, intake, body.version
    )
    return detail(database, ticket)


@router.post("/{number}/satisfaction", response_model=TicketDetail, responses=ERRORS)
def rate(
    number: str, body: SatisfactionIn, actor: AgentActor, database: DatabaseDep
) -> TicketDetail:
    """The customer's satisfaction (1-5, comment) and whether they confirmed the resolution."""
    ticket = store.satisfaction(database, number, body.score, body.comment, body.confirmed, actor)
    return detail(database, ticket)
