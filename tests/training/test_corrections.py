"""`tousu export-corrections`: corrected tickets become masked training data in seed format."""

import os
import subprocess
import sys
from pathlib import Path

from tests.tickets.test_store import UNSURE, new
from tickets import creation, store
from tickets.db import Database
from tickets.taxonomy import Taxonomy
from training.datasets import load_dataset

TOUSU = str(Path(sys.executable).parent / "tousu")


def test_export_writes_corrected_masked_rows(
    tmp_path: Path, intake: creation.Intake, taxonomy: Taxonomy
) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    database = Database(url)
    text = "东西不好用，联系我13800138000或zhang@example.com，卡号4111 1111 1111 1111"
    corrected, _ = creation.create_ticket(database, new(text), UNSURE, intake, "a")
    creation.create_ticket(database, new("没人改过的投诉"), UNSURE, intake, "a")
    store.correct_labels(database, corrected.number, "agent:li", "quality", "P1", intake)
    out = tmp_path / "corrections.jsonl"
    result = subprocess.run(
        [TOUSU, "export-corrections", "--since", "2026-01-01", "--output", str(out)],
        env={**os.environ, "TOUSU_DATABASE_URL": url},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    rows = load_dataset(out, taxonomy)  # the seed format, validated like any training file
    assert [(r.id, r.category, r.priority) for r in rows] == [(corrected.number, "quality", "P1")]
    assert "13800138000" not in rows[0].text and "zhang@example.com" not in rows[0].text
    assert "4111 1111 1111 1111" not in rows[0].text and "[银行卡]" in rows[0].text
