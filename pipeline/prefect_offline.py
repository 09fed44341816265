"""Prefect settings for a machine that must not call home: imported before Prefect itself.

Prefect reads its settings from the environment when it is first imported, so this module sets
them (unless the operator did) and is imported first by everything that uses Prefect.
"""

import os
from pathlib import Path

from tickets.paths import get_path_settings

OFFLINE = {
    "PREFECT_HOME": str((get_path_settings().home / "prefect").resolve()),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # The scheduler books runs an hour ahead by default: 60 for each flow that runs every
    # minute. After Tousu was stopped for a while, all of them were late at the next start; the
    # server marked them Late while the runner started them, and SQLite answered "database is
    # locked" hundreds of times. Five minutes ahead is enough for a runner that polls every few
    # seconds, and an overdue run is simply run, without first being marked Late.
    "PREFECT_SERVER_SERVICES_SCHEDULER_MIN_SCHEDULED_TIME": "PT5M",
    "PREFECT_SERVER_SERVICES_SCHEDULER_MAX_RUNS": "10",
    "PREFECT_SERVER_SERVICES_LATE_RUNS_ENABLED": "false",
}
for name, value in OFFLINE.items():
    os.environ.setdefault(name, value)
# Prefect makes its home directory but not the ones above it: a TOUSU_HOME not made yet
Path(os.environ["PREFECT_HOME"]).parent.mkdir(parents=True, exist_ok=True)
