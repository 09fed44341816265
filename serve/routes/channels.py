"""Channel health, and the quarantine: messages that could not be processed, with their error,
to retry or discard."""

from fastapi import APIRouter

from serve.dependencies import BundleDep, DatabaseDep, IntakeBatcherDep, SupervisorActor
from serve.routes import wechat
from serve.routes.tickets import ERRORS
from serve.ticket_schemas import ChannelPublic, QuarantinedPublic
from tickets import audit, channels, raw_messages

router = APIRouter(prefix="/v1", tags=["channels"])


@router.get("/channels", response_model=list[ChannelPublic], responses=ERRORS)
def channel_health(actor: SupervisorActor, database: DatabaseDep) -> list[ChannelPublic]:
    """Each source's last run, last success, last error and counts."""
    return [ChannelPublic.model_validate(state) for state in channels.all_states(database)]


@router.get("/quarantine", response_model=list[QuarantinedPublic], responses=ERRORS)
def quarantine(
    actor: SupervisorActor, database: DatabaseDep, channel: str | None = None
) -> list[QuarantinedPublic]:
    """Messages that could not be processed, oldest first."""
    return [
        QuarantinedPublic.model_validate(row) for row in raw_messages.quarantined(database, channel)
    ]


@router.post("/quarantine/{raw_id}/retry", responses=ERRORS)
def retry(
    raw_id: int,
    actor: SupervisorActor,
    database: DatabaseDep,
    batcher: IntakeBatcherDep,
    bundle: BundleDep,
) -> dict[str, str]:
    """WeChat messages are processed again now; others on their source's next run (a mailbox
    is then scanned from the start: what was done before is skipped by its key)."""
    row = raw_messages.release(database, raw_id)
    audit.record_standalone(database, actor, "quarantine_retry", {"raw_id": raw_id})
    if row.channel == "wechat":
        wechat.process_again(raw_id, row.payload.encode(), database, batcher, bundle)
        return {"status": "processed"}
    if row.source:
        channels.save_checkpoint(database, row.source, {})
    return {"status": "queued for the next run"}


@router.post("/quarantine/{raw_id}/discard", responses=ERRORS)
def discard(raw_id: int, actor: SupervisorActor, database: DatabaseDep) -> dict[str, str]:
    """Give up on a message for good (it stays on record as discarded)."""
    raw_messages.discard(database, raw_id)
    audit.record_standalone(database, actor, "quarantine_discard", {"raw_id": raw_id})
    return {"status": "discarded"}
