"""Group commit for ticket intake: the tickets of requests that arrive together are classified
in one model call and stored in one transaction, by one writer thread.

Why: on SQLite every commit and every model call has a fixed cost, and request threads that
write at once wait on each other's locks. One writer that takes whatever is queued pays those
costs once per batch, and a quiet server still answers a lone request at once (a batch of one).
A batch is all or nothing: if any of its tickets fails, each is created alone (see
`tickets.creation.create_tickets`), so no request gets another's error.
"""

import asyncio
import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from models.bundle import ModelBundle
from tickets.creation import Created, Intake, TicketRequest, create_tickets, suggest
from tickets.db import Database
from tickets.store import NewTicket

LOG = logging.getLogger(__name__)
MAX_BATCH = 64


@dataclass(frozen=True)
class _Job:
    new: NewTicket
    actor: str
    answer: "Future[Created]"


class IntakeBatcher:
    """Creates tickets for concurrent requests in batches (the ticket API, the web form and
    WeChat pushes); `create` awaits one's ticket."""

    def __init__(self, bundle: ModelBundle, database: Database, intake: Intake) -> None:
        self._bundle, self._database, self._intake = bundle, database, intake
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._run, name="tousu-intake", daemon=True)
        self._writer.start()

    @property
    def intake(self) -> Intake:
        """The routing rules, taxonomy and business hours tickets are created with."""
        return self._intake

    async def create(self, new: NewTicket, actor: str) -> Created:
        """The ticket for `new` and whether it is new (see `tickets.creation.create_ticket`)."""
        return await asyncio.wrap_future(self._submit(new, actor))

    def create_waiting(self, new: NewTicket, actor: str) -> Created:
        """`create` for a caller on a worker thread: it waits for the batch."""
        return self._submit(new, actor).result()

    def _submit(self, new: NewTicket, actor: str) -> "Future[Created]":
        answer: Future[Created] = Future()
        self._jobs.put(_Job(new, actor, answer))
        return answer

    def close(self) -> None:
        """Finish what is queued, then stop the writer."""
        self._jobs.put(None)
        self._writer.join()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            batch = [job]
            while len(batch) < MAX_BATCH:
                try:
                    queued = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if queued is None:
                    self._jobs.put(None)  # stop after this batch
                    break
                batch.append(queued)
            self._create(batch)

    def _create(self, queued: list[_Job]) -> None:
        # a request whose caller went away (cancelled) is dropped, not created unseen
        batch = [job for job in queued if job.answer.set_running_or_notify_cancel()]
        if not batch:
            return
        try:
            suggestions = suggest(self._bundle, [job.new for job in batch])
            requests = [
                TicketRequest(job.new, proposed, job.actor)
                for job, proposed in zip(batch, suggestions, strict=True)
            ]
            results = create_tickets(self._database, requests, self._intake)
        except Exception as error:  # the model failed: every request of the batch hears it
            LOG.exception("intake batch of %d failed", len(batch))
            results = [error] * len(batch)
        for job, result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                job.answer.set_exception(result)
            else:
                job.answer.set_result(result)
