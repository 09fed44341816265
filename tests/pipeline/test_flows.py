"""The Prefect flows: schedules as the issue asks, and a real flow run end to end."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.imap_server import imap_server
from tests.pipeline import messy_mail


def test_schedules_email_every_minute_weibo_and_sweep_every_five() -> None:
    from pipeline.flows import deployments

    schedules = {d.name: d.schedules[0].schedule.interval.total_seconds() for d in deployments()}
    assert schedules == {
        "email-intake-every-60s": 60,
        "weibo-intake-every-300s": 300,
        "sla-sweep-every-300s": 300,
    }


def test_email_flow_runs_offline_and_takes_in_the_mailbox(tmp_path: Path, bundle_dir: Path) -> None:
    shutil.copytree(bundle_dir, tmp_path / "models" / "default")
    with imap_server() as server:
        server.deliver(messy_mail.gbk_subject(), messy_mail.big5_body())
        environment = {
            **os.environ,
            "TOUSU_HOME": str(tmp_path),
            **server.environment(),
        }
        for name in [n for n in environment if n.startswith("PREFECT_")]:
            del environment[name]
        script = (
            "from pipeline.flows import email_intake, sla_sweep; "
            "print(email_intake()); print(sla_sweep())"
        )
        result = subprocess.run(
            [sys.executable, "-c", script],
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.strip().splitlines()
    assert "'created': 2" in lines[-2] and "'warned'" in lines[-1]
    assert (tmp_path / "prefect").is_dir()  # Prefect kept its state under TOUSU_HOME
