"""The notification queue: who is to be told about which ticket, and whether they were."""

from typing import Annotated

from fastapi import APIRouter, Query

from serve.dependencies import DatabaseDep, SupervisorActor
from serve.routes.tickets import ERRORS
from serve.ticket_schemas import NotificationPage, NotificationPublic
from tickets import notifications
from tickets.paths import get_path_settings

router = APIRouter(prefix="/v1", tags=["desk"])


@router.get("/notifications", response_model=NotificationPage, responses=ERRORS)
def notification_queue(
    actor: SupervisorActor,
    database: DatabaseDep,
    pending: Annotated[bool, Query(description="Only those not sent yet.")] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> NotificationPage:
    """Notifications newest first: routing rules' notify lists, the director on cc, and
    escalations; unsent ones wait for a mail server (TOUSU_SMTP_HOST) or an address."""
    contacts = notifications.load_contacts(get_path_settings().contacts)
    rows, total = notifications.listing(database, pending, limit, offset)
    return NotificationPage(
        items=[
            NotificationPublic(
                id=n.id,
                ticket_number=number,
                recipient=n.recipient,
                reason=n.reason,
                created_at=n.created_at,
                sent_at=n.sent_at,
                sent_to=n.sent_to,
                attempts=n.attempts,
                last_error=n.last_error,
                addressed=bool(contacts.get(n.recipient)),
            )
            for n, number in rows
        ],
        total=total,
        limit=limit,
        offset=offset,
    )
