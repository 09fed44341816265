"""The tickets as a spreadsheet for Excel: rows, filters, encoding and the command."""

import csv
import io
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.tickets.test_store import CONFIDENT, UNSURE, new
from tickets import creation, export, store
from tickets.db import Database
from tickets.sla import desk_time, desk_zone

TOUSU = str(Path(sys.executable).parent / "tousu")


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(export.BYTE_ORDER_MARK))))


def test_rows_name_labels_statuses_and_times_in_chinese(
    database: Database, intake: creation.Intake
) -> None:
    store.add_agent(database, "李娜", "物流部")
    text = '快递一周没到，"急"，身份证11010519491231002X\n第二行'
    late, _ = creation.create_ticket(database, new(text), CONFIDENT, intake, "a")
    unsure, _ = creation.create_ticket(database, new("东西不太好"), UNSURE, intake, "a")
    now = datetime.now(UTC) + timedelta(days=30)

    sheet = "".join(
        export.csv_chunks(export.ticket_rows(database, store.TicketFilter(), intake.taxonomy, now))
    )

    assert sheet.startswith(export.BYTE_ORDER_MARK)  # Excel reads it as UTF-8
    header, *rows = rows_of(sheet)
    assert header[:3] == ["工单号", "接收时间", "渠道"] and header[-1] == "问题描述"
    by_number = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_number) == [unsure.number, late.number]  # newest first
    first = by_number[late.number]
    assert (first["渠道"], first["分类"], first["优先级"]) == ("邮件", "物流配送", "P2 一般")
    assert (first["状态"], first["处理人"], first["是否超期"]) == ("已分派", "李娜", "是")
    beijing = desk_time(late.received_at)
    assert first["接收时间"] == f"{beijing:%Y-%m-%d %H:%M}"
    described = first["问题描述"]  # quotes, commas and lines survive; the ID number is masked
    assert described.startswith('快递一周没到，"急"，身份证') and described.endswith("\n第二行")
    assert "11010519491231002X" not in described and "[身份证]" in described
    second = by_number[unsure.number]
    assert (second["分类"], second["模型建议分类"], second["状态"]) == (
        "",
        "产品质量",
        "待人工审核",
    )


def test_the_queue_filters_choose_the_rows(database: Database, intake: creation.Intake) -> None:
    old_time = datetime(2026, 10, 31, 20, 0, tzinfo=UTC)  # 1 November, 04:00 in Beijing
    october, _ = creation.create_ticket(
        database, new("快递丢了", received_at=old_time), CONFIDENT, intake, "a"
    )
    creation.create_ticket(database, new("运费多收了"), CONFIDENT, intake, "a")
    november = datetime(2026, 11, 1, tzinfo=desk_zone())
    wanted = store.TicketFilter(received_from=november, received_before=november + timedelta(1))
    rows = list(export.ticket_rows(database, wanted, intake.taxonomy, datetime.now(UTC)))
    assert [row[0] for row in rows[1:]] == [october.number]
    nobody = store.TicketFilter(department="财务部")
    assert list(export.ticket_rows(database, nobody, intake.taxonomy, datetime.now(UTC)))[1:] == []


def test_the_command_writes_the_file_excel_opens(tmp_path: Path, intake: creation.Intake) -> None:
    url = f"sqlite:///{tmp_path / 'desk.db'}"
    database = Database(url)
    made = [
        creation.create_ticket(database, new(f"快递{i}天没到"), CONFIDENT, intake, "a")[0]
        for i in range(3)
    ]
    out = tmp_path / "工单.csv"
    result = subprocess.run(
        [TOUSU, "export-tickets", "--output", str(out), "--status", "triaged"],
        env={**os.environ, "TOUSU_DATABASE_URL": url, "TOUSU_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 3 tickets" in result.stdout + result.stderr
    assert out.read_bytes().startswith("\ufeff工单号".encode())
    rows = rows_of(out.read_text(encoding="utf-8"))
    assert sorted(row[0] for row in rows[1:]) == sorted(t.number for t in made)
