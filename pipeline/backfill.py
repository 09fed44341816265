"""Backfills: the archive of tickets classified again with the current model, as a Prefect
flow on a Dask task runner, so a large archive can spread over a cluster (here: threads).

Only the suggestion is replaced, and a label the confidence policy applied automatically; a
label an agent set or corrected stays. Each changed ticket gets an audit event. A ticket nobody
holds goes to review or leaves it as the new suggestion says, and an open ticket whose routed
labels changed is routed and timed again (`tickets.relabelling`).
"""

from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

# Prefect reads its settings when first imported: the offline ones must be set before
import pipeline.prefect_offline  # noqa: F401

# isort: split
from prefect import flow, task, unmapped
from prefect_dask import DaskTaskRunner
from sqlalchemy import select

from models.bundle import ModelBundle, load_bundle
from models.features import ComplaintText
from tickets import audit, store
from tickets.creation import Intake
from tickets.db import get_database
from tickets.intake_policy import review_if_unsure, suggestion, take_suggestion
from tickets.paths import get_path_settings
from tickets.relabelling import routed_labels
from tickets.tables import Ticket

BATCH = 500
# what a backfill's audit event keeps: the suggestion, and what followed it
RECORDED = ("suggested_category", "suggested_priority", *audit.AUDITED)


@lru_cache(maxsize=2)
def _bundle(path: str) -> ModelBundle:
    return load_bundle(Path(path))


@lru_cache(maxsize=1)
def _intake() -> Intake:
    return Intake.from_settings()


@task
def reclassify_batch(ids: list[int], bundle_path: str) -> int:
    """New suggestions for these tickets; the number whose labels changed."""
    bundle, changed, now = _bundle(bundle_path), 0, datetime.now(UTC)
    with get_database().session() as session, session.begin():
        tickets = list(session.scalars(select(Ticket).where(Ticket.id.in_(ids))))
        complaints = [ComplaintText(t.text, t.subject, t.channel) for t in tickets]
        for ticket, prediction in zip(tickets, bundle.classifier.predict(complaints), strict=True):
            advice = suggestion(prediction.category, prediction.priority, bundle.version)
            before = audit.snapshot(ticket, RECORDED)
            # and the confirmed category: it decides whether the ticket has deadlines
            labels_before = (routed_labels(ticket), ticket.category)
            take_suggestion(ticket, advice)
            review_if_unsure(ticket, advice)
            if (routed_labels(ticket), ticket.category) != labels_before:
                store.follow_labels(session, ticket, _intake(), "backfill", now)
            after = audit.snapshot(ticket, RECORDED)
            if after != before:
                changed += 1
                audit.record(session, ticket.id, "backfill", "reclassified", now, before, after)
    return changed


# threads in one process: in ephemeral mode each Dask worker process would start its own
# Prefect server; point PREFECT_API_URL at a real server before using worker processes
RUNNER = DaskTaskRunner(cluster_kwargs={"processes": False})


@flow(name="backfill-reclassify", task_runner=RUNNER)  # type: ignore[arg-type]
def reclassify_archive(since: datetime | None = None, bundle: Path | None = None) -> int:
    """Classify every ticket received since `since` (all if None) with the given bundle."""
    path = str(bundle or get_path_settings().default_bundle)
    query = select(Ticket.id).order_by(Ticket.id)
    if since is not None:
        query = query.where(Ticket.received_at >= since)
    with get_database().session() as session:
        ids = list(session.scalars(query))
    batches = [ids[start : start + BATCH] for start in range(0, len(ids), BATCH)]
    futures = reclassify_batch.map(batches, bundle_path=unmapped(path))
    return sum(future.result() for future in futures)
