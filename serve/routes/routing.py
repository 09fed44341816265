"""Which routing rule a complaint would hit, and why, without creating a ticket."""

from datetime import UTC, datetime

from fastapi import APIRouter

from models.features import ComplaintText
from serve.dependencies import AgentActor, BundleDep, DatabaseDep, IntakeDep
from serve.routes.tickets import ERRORS, customer_of
from serve.ticket_schemas import RoutingPreviewIn, RoutingPreviewOut
from tickets.routing import Complaint
from tickets.store import recent_ticket_counter

router = APIRouter(prefix="/v1/routing", tags=["routing"])


@router.post("/preview", response_model=RoutingPreviewOut, responses=ERRORS)
def preview(
    body: RoutingPreviewIn,
    actor: AgentActor,
    database: DatabaseDep,
    bundle: BundleDep,
    intake: IntakeDep,
) -> RoutingPreviewOut:
    """The rule a complaint would hit (labels from the model unless given) and why."""
    intake.taxonomy.check_labels(body.category, body.priority)
    prediction = bundle.classifier.predict([ComplaintText(body.text, None, body.channel)])[0]
    category = body.category or prediction.category.label
    priority = body.priority or prediction.priority.label
    with database.session() as session:
        decision = intake.rules.route(
            Complaint(
                category=category,
                priority=priority,
                channel=body.channel,
                text=body.text,
                product=body.product,
                amount=body.amount,
                customer_tier=body.customer.tier,
                recent_tickets=recent_ticket_counter(
                    session, customer_of(body.customer), datetime.now(UTC)
                ),
            )
        )
    return RoutingPreviewOut(
        category=category,
        priority=priority,
        rule_id=decision.rule_id,
        reason=decision.reason,
        **decision.actions(),
    )
