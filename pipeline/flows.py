"""Prefect 3 flows: one intake flow per channel, the SLA sweep and notifications, and their
schedules.

Each flow is a thin wrapper around a function that does the work and is tested on its own
(`fetch_mailbox`, `poll_weibo`, `sweep`). Transient failures (server down, database locked)
are retried by Prefect with backoff; a message that cannot be processed never fails a flow,
it is quarantined. `serve_flows` runs the schedules: e-mail and notifications every minute,
Weibo and the SLA sweep every five minutes.
"""

from pathlib import Path
from typing import cast

# Prefect reads its settings when first imported: the offline ones must be set before
import pipeline.prefect_offline  # noqa: F401

# isort: split
from prefect import flow, serve, task
from prefect.deployments.runner import RunnerDeployment
from prefect.logging import get_run_logger

from pipeline.intake import IntakeContext
from pipeline.notify import deliver
from pipeline.smtp import SmtpSettings
from pipeline.sources.email_imap import MailboxSettings, fetch_mailbox
from pipeline.sources.mail_folder import FolderSettings, take_in_folder
from pipeline.sources.weibo import WeiboSettings, poll_weibo
from tickets.db import get_database
from tickets.notifications import load_contacts
from tickets.paths import get_path_settings
from tickets.sweep import sweep
from tickets.taxonomy import load_taxonomy

RETRY_DELAYS: list[float] = [10.0, 60.0, 300.0]


@task(retries=len(RETRY_DELAYS), retry_delay_seconds=RETRY_DELAYS)
def fetch_mailbox_task(settings: MailboxSettings) -> dict[str, int]:
    return fetch_mailbox(IntakeContext.from_settings(), settings)


@task(retries=len(RETRY_DELAYS), retry_delay_seconds=RETRY_DELAYS)
def poll_weibo_task(settings: WeiboSettings) -> dict[str, int]:
    return poll_weibo(IntakeContext.from_settings(), settings)


@task
def take_in_folder_task(folder: Path) -> dict[str, int]:
    return take_in_folder(IntakeContext.from_settings(), folder)


@flow(name="email-intake")
def email_intake() -> dict[str, int]:
    """New mail of the configured mailbox (and of the sample inbox, if set) into tickets."""
    settings, folder = MailboxSettings(), FolderSettings().sample_inbox
    counts: dict[str, int] = {}
    if folder is not None:
        counts = take_in_folder_task(folder)
    if settings.user:
        for name, value in fetch_mailbox_task(settings).items():
            counts[name] = counts.get(name, 0) + value
    elif folder is None:
        get_run_logger().warning("no mailbox configured (TOUSU_IMAP_USER): nothing to fetch")
    return counts


@flow(name="weibo-intake")
def weibo_intake() -> dict[str, int]:
    """New Weibo mentions and comments into tickets."""
    settings = WeiboSettings()
    if not settings.token:
        get_run_logger().warning("no Weibo token configured (TOUSU_WEIBO_TOKEN): nothing to poll")
        return {}
    return poll_weibo_task(settings)


@flow(name="sla-sweep")
def sla_sweep() -> dict[str, int]:
    """Warnings and escalations for deadlines (safe to run at any rate)."""
    report = sweep(get_database(), load_taxonomy(get_path_settings().taxonomy_file))
    return {"warned": len(report.warned), "escalated": len(report.escalated)}


@flow(name="notifications")
def send_notifications() -> dict[str, int]:
    """Queued notifications out by e-mail (stay queued without a mail server or address)."""
    settings = SmtpSettings()
    if not settings.host:
        get_run_logger().warning("no mail server (TOUSU_SMTP_HOST): notifications stay queued")
    contacts = load_contacts(get_path_settings().contacts)
    report = deliver(get_database(), contacts, settings)
    return {"sent": len(report.sent), "waiting": len(report.waiting)}


# seconds between runs
SCHEDULES = {email_intake: 60, weibo_intake: 300, sla_sweep: 300, send_notifications: 60}


def deployments() -> list[RunnerDeployment]:
    return [
        cast(
            RunnerDeployment,
            each.to_deployment(name=f"{each.name}-every-{seconds}s", interval=seconds),
        )
        for each, seconds in SCHEDULES.items()
    ]


def serve_flows() -> None:
    """Run the scheduled flows (needs a Prefect server: PREFECT_API_URL)."""
    serve(*deployments())
