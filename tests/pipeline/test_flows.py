"""The Prefect flows: schedules as the issue asks, and a real flow run end to end."""

import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from tests.imap_server import imap_server
from tests.pipeline import messy_mail
from tests.pipeline.subprocess_env import tousu_environment
from tests.tickets.test_relabelling import recipients
from tickets.creation import Intake, create_ticket
from tickets.db import Database
from tickets.intake_policy import REVIEW, HeadDecision, Suggestion
from tickets.store import NewTicket, correct_labels, get_ticket, history
from tickets.taxonomy import Taxonomy


def test_schedules_email_and_notifications_every_minute_weibo_and_sweep_every_five() -> None:
    from pipeline.flows import deployments

    schedules = {d.name: d.schedules[0].schedule.interval.total_seconds() for d in deployments()}
    assert schedules == {
        "email-intake-every-60s": 60,
        "weibo-intake-every-300s": 300,
        "sla-sweep-every-300s": 300,
        "notifications-every-60s": 60,
    }


def run_python(script: str, environment: dict[str, str]) -> str:
    """What a fresh Python process running `script` prints; the test fails if the process does."""
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.parametrize("module", ["pipeline.flows", "pipeline.backfill"])
def test_importing_the_flows_applies_the_offline_settings(tmp_path: Path, module: str) -> None:
    # Prefect reads its settings when first imported; were it imported before
    # pipeline.prefect_offline, the home would be ~/.prefect, a cold temporary server would get
    # 20 s to start instead of 90, and runs would be booked an hour ahead and marked Late
    script = (
        f"import {module}; from prefect.settings import PREFECT_HOME, "
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS as TIMEOUT, "
        "PREFECT_SERVER_SERVICES_SCHEDULER_MIN_SCHEDULED_TIME as AHEAD, "
        "PREFECT_SERVER_SERVICES_LATE_RUNS_ENABLED as MARK_LATE; "
        "print(PREFECT_HOME.value(), TIMEOUT.value(), AHEAD.value().total_seconds(), "
        "MARK_LATE.value())"
    )
    printed = run_python(script, tousu_environment(tmp_path))
    home = str((tmp_path / "prefect").resolve())
    assert printed.split() == [home, "90", "300.0", "False"]


def test_email_flow_runs_offline_and_takes_in_the_mailbox(tmp_path: Path, bundle_dir: Path) -> None:
    shutil.copytree(bundle_dir, tmp_path / "models" / "default")
    with imap_server() as server:
        server.deliver(messy_mail.gbk_subject(), messy_mail.big5_body())
        environment = tousu_environment(tmp_path, **server.environment())
        script = (
            "from pipeline.flows import email_intake, sla_sweep; "
            "print(email_intake()); print(sla_sweep())"
        )
        lines = run_python(script, environment).strip().splitlines()
    assert "'created': 2" in lines[-2] and "'warned'" in lines[-1]
    assert (tmp_path / "prefect").is_dir()  # Prefect kept its state under TOUSU_HOME


def test_a_flow_runs_with_a_tousu_home_not_made_yet(tmp_path: Path) -> None:
    # Prefect makes its own home directory but not the ones above it
    home = tmp_path / "new" / "home"
    script = "from pipeline.flows import sla_sweep; print(sla_sweep())"
    assert "'warned': 0" in run_python(script, tousu_environment(home))
    assert (home / "prefect").is_dir() and (home / "tousu.db").is_file()


def test_backfill_reclassifies_the_archive_and_keeps_agents_labels(
    tmp_path: Path, bundle_dir: Path, intake: Intake, taxonomy: Taxonomy
) -> None:
    database = Database(f"sqlite:///{tmp_path / 'tousu.db'}")
    stale = Suggestion(
        HeadDecision("suggestion", 0.3, REVIEW), HeadDecision("P2", 0.3, REVIEW), "old-model"
    )
    texts = ["快递一周了还没到，物流也不更新", "客服态度极差，挂我电话", "热水器漏电，孩子被电到了"]
    made = [create_ticket(database, NewTicket("email", t), stale, intake, "a")[0] for t in texts]
    correct_labels(database, made[1].number or "", "agent:li", "service", None, intake)
    unsure_thanks = replace(stale, category=HeadDecision("non_complaint", 0.3, REVIEW))
    thanks = create_ticket(
        database, NewTicket("email", "收到了，谢谢！"), unsure_thanks, intake, "b"
    )
    assert thanks[0].first_response_due is not None  # timed until the category is confirmed
    script = (
        "from pathlib import Path; from pipeline.backfill import reclassify_archive; "
        f"print(reclassify_archive(bundle=Path({str(bundle_dir)!r})))"
    )
    printed = run_python(script, tousu_environment(tmp_path))
    assert printed.strip().splitlines()[-1] == "4"
    # the same labels, now confirmed: a message that is no complaint waits for no answer
    confirmed = get_ticket(database, thanks[0].number or "")
    assert (confirmed.category, confirmed.first_response_due) == ("non_complaint", None)
    after = {t.number: get_ticket(database, t.number or "") for t in made}
    delivery, service, danger = (after[t.number] for t in made)
    assert delivery.suggested_category == "delivery" and delivery.model_version != "old-model"
    assert (service.category, service.category_source) == ("service", "agent")  # kept
    assert danger.suggested_priority == "P0" and danger.priority == "P0"
    # the tickets the old model left in review follow the new labels: routed, timed, told
    assert (delivery.status, delivery.department) == ("triaged", "物流部")
    assert danger.department == "质量部" and danger.first_response_due is not None
    assert danger.first_response_due - danger.received_at == timedelta(hours=2)
    assert "客服总监" in recipients(database, danger.id)  # a P0 tells the director
    assert service.department == "客服运营部"  # routed on the agent's label already
    moved = history(database, delivery.id)[-1]
    assert (moved.actor, moved.action) == ("backfill", "reclassified")
    assert moved.before is not None and moved.after is not None
    assert (moved.before["status"], moved.after["department"]) == ("needs_review", "物流部")
