"""Complaint files for `tousu predict` and `tousu redact`.

JSONL is the contract other tools use: one `{"id", "text", "subject"?, "channel"?}` object per
line, written back with the results added. A complaint desk keeps its complaints in Excel, so a
`.csv` file is read too, with a header row naming its columns in English or in the desk's words
(投诉内容, 标题, 渠道). The output follows its own suffix; a CSV is written with a byte-order mark,
without which Excel shows Chinese as mojibake. A line or row that cannot be classified is
rejected with its reason, and the rest of the file goes on.
"""

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from models.classifier import MAX_TEXT_LENGTH
from models.features import ComplaintText
from tickets.errors import TousuError
from training.text_files import open_text

# the columns a CSV may name for each field, first match wins
CSV_COLUMNS = {
    "text": ("text", "投诉内容", "内容", "问题描述", "描述"),
    "subject": ("subject", "标题", "主题"),
    "channel": ("channel", "渠道", "来源渠道"),
}


@dataclass(frozen=True)
class ComplaintRow:
    """A line or row as read (written back with the results), and where its fields are."""

    fields: dict[str, Any]
    text_key: str = "text"
    subject_key: str = "subject"
    channel_key: str = "channel"

    def complaint(self) -> ComplaintText:
        return ComplaintText(
            self.fields[self.text_key],
            self.fields.get(self.subject_key) or None,
            self.fields.get(self.channel_key) or None,
        )

    def with_text(self, text: str, subject: str | None) -> dict[str, Any]:
        """The fields with the text (and subject, when there is one) replaced."""
        replaced = {**self.fields, self.text_key: text}
        if subject is not None:
            replaced[self.subject_key] = subject
        return replaced


Rejected = dict[str, Any]


def _problem(row: ComplaintRow) -> str | None:
    """Why a decoded line or row cannot be classified, with what to send instead."""
    text = row.fields.get(row.text_key)
    if not isinstance(text, str) or not text.strip():
        return f'missing or empty "{row.text_key}"; send the complaint as a non-empty string'
    if len(text) > MAX_TEXT_LENGTH:
        return f"text has {len(text)} characters; send at most {MAX_TEXT_LENGTH}"
    for key in (row.subject_key, row.channel_key):
        if row.fields.get(key) is not None and not isinstance(row.fields[key], str):
            return f'"{key}" must be a string or absent'
    return None


# each line or row read: its number, the row (or why it is no row) and its raw text
Read = tuple[int, ComplaintRow | str, str]


def _jsonl_rows(lines: Iterator[str]) -> Iterator[Read]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        raw = line.rstrip("\n")
        try:
            decoded = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, f"not valid JSON ({error.msg})", raw
            continue
        if not isinstance(decoded, dict):
            yield number, 'not a JSON object; send {"id": ..., "text": ...}', raw
            continue
        yield number, ComplaintRow(decoded), raw


def _column(header: list[str], field: str) -> str | None:
    return next((name for name in CSV_COLUMNS[field] if name in header), None)


def _csv_rows(path: Path, lines: Iterator[str]) -> Iterator[Read]:
    reader = csv.DictReader(lines)
    header = [name.strip() for name in reader.fieldnames or []]
    reader.fieldnames = header
    text_key = _column(header, "text")
    if text_key is None:
        raise TousuError(
            "csv-columns",
            f"{path} has the columns {header}, none of {list(CSV_COLUMNS['text'])}.",
            "name the column holding the complaints text (or 投诉内容) in the header row.",
        )
    keys = {
        "text_key": text_key,
        "subject_key": _column(header, "subject") or "subject",
        "channel_key": _column(header, "channel") or "channel",
    }
    for fields in reader:
        if not any(isinstance(v, str) and v.strip() for v in fields.values()):
            continue  # a spreadsheet's empty rows
        row = ComplaintRow({k: v for k, v in fields.items() if k is not None}, **keys)
        raw = ",".join(str(v) for v in fields.values() if v is not None)
        yield reader.line_num, row, raw


def read_complaints(path: Path) -> tuple[list[ComplaintRow], list[Rejected]]:
    """The complaints of a JSONL or CSV file, and the rejected lines with their reasons."""
    if not path.is_file():
        raise TousuError(
            "input-missing", f"{path} does not exist.", "pass an existing JSONL or CSV file."
        )
    rows, rejected = [], []
    with open_text(path) as handle:
        lines = iter(handle)
        read = _csv_rows(path, lines) if path.suffix.lower() == ".csv" else _jsonl_rows(lines)
        for number, row, raw in read:
            problem = row if isinstance(row, str) else _problem(row)
            if problem:
                rejected.append({"line": number, "error": problem, "raw": raw[:500]})
            elif isinstance(row, ComplaintRow):
                rows.append(row)
    return rows, rejected


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "|".join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class _CsvWriter:
    def __init__(self, handle: Any) -> None:
        self.handle = handle
        self.writer: csv.DictWriter[str] | None = None

    def write(self, record: dict[str, Any]) -> None:
        if self.writer is None:  # every row of a file has the same columns
            self.writer = csv.DictWriter(self.handle, fieldnames=list(record))
            self.writer.writeheader()
        self.writer.writerow({key: _cell(value) for key, value in record.items()})


class _JsonlWriter:
    def __init__(self, handle: Any) -> None:
        self.handle = handle

    def write(self, record: dict[str, Any]) -> None:
        self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@contextmanager
def record_writer(path: Path) -> Iterator[RecordWriter]:
    """A writer of result records: CSV (with a BOM, for Excel) for a `.csv` path, else JSONL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            yield _CsvWriter(handle)
    else:
        with path.open("w", encoding="utf-8") as handle:
            yield _JsonlWriter(handle)
