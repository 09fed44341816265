"""Labelled complaint datasets in JSONL: loading with validation that names the line and the fix.

One JSON object per line: `{"id", "text", "category", "priority", "channel"?, "subject"?,
"corpus"?}`. A path may be one file or a directory of `*.jsonl` files (read in name order).
"""

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from models.features import ComplaintText
from tickets.errors import TousuError
from tickets.taxonomy import Taxonomy
from training.text_files import open_text

REQUIRED = ("id", "text", "category", "priority")
OPTIONAL = ("channel", "subject", "corpus")
MAX_ERRORS_SHOWN = 20


@dataclass(frozen=True, slots=True)
class LabelledComplaint:
    id: str
    text: str
    category: str
    priority: str
    channel: str | None = None
    subject: str | None = None
    corpus: str | None = None

    def as_complaint(self) -> ComplaintText:
        return ComplaintText(self.text, self.subject, self.channel)


class DatasetError(TousuError):
    """One or more invalid lines; `problems` lists them all as `file:line: what (fix)`."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_ERRORS_SHOWN]
        more = len(problems) - len(shown)
        summary = "\n  ".join(shown) + (f"\n  ... and {more} more" if more else "")
        super().__init__(
            "dataset-invalid",
            f"{len(problems)} problem(s) in the labelled data:\n  {summary}\n",
            "correct or remove the lines named above, then run the command again.",
        )
        self.problems = problems


def dataset_files(path: Path) -> list[Path]:
    """The JSONL files a dataset path stands for."""
    if path.is_dir():
        files = sorted(path.glob("*.jsonl"))
        if not files:
            raise TousuError(
                "dataset-empty-dir",
                f"{path} holds no *.jsonl file.",
                "put labelled complaints in .jsonl files there, or pass a file.",
            )
        return files
    if not path.is_file():
        raise TousuError(
            "dataset-missing",
            f"{path} does not exist.",
            "pass a JSONL file or a directory of them (default: data/tousu-zh).",
        )
    return [path]


def _lines(files: Iterable[Path]) -> Iterator[tuple[str, int, str]]:
    for file in files:
        with open_text(file) as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield str(file), number, line


def _check_row(row: object, taxonomy: Taxonomy) -> list[str]:
    """Problems of one decoded row, each with its fix."""
    if not isinstance(row, dict):
        return ["not a JSON object (write one {...} object per line)"]
    problems = []
    missing = [field for field in REQUIRED if field not in row]
    if missing:
        problems.append(f"missing field(s) {missing} (every line needs {list(REQUIRED)})")
    unknown = sorted(set(row) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        problems.append(f"unknown field(s) {unknown} (allowed: {list(REQUIRED + OPTIONAL)})")
    for field in ("id", "text", *OPTIONAL):
        value = row.get(field)
        if value is not None and not isinstance(value, str):
            problems.append(
                f"{field} must be a string, got {type(value).__name__} (quote the value)"
            )
    if isinstance(row.get("text"), str) and not row["text"].strip():
        problems.append("text is empty (remove the line or write the complaint)")
    if "category" in row and row["category"] not in taxonomy.category_codes:
        problems.append(
            f"unknown category {row['category']!r} (use one of {list(taxonomy.category_codes)}"
            " or add it to data/taxonomy.yaml)"
        )
    if "priority" in row and row["priority"] not in taxonomy.priority_codes:
        problems.append(
            f"unknown priority {row['priority']!r} (use one of {list(taxonomy.priority_codes)})"
        )
    channel = row.get("channel")
    if isinstance(channel, str) and channel not in taxonomy.channels:
        problems.append(f"unknown channel {channel!r} (use one of {list(taxonomy.channels)})")
    return problems


def load_dataset(path: Path, taxonomy: Taxonomy) -> list[LabelledComplaint]:
    """All labelled complaints under `path`; raises DatasetError listing every bad line."""
    rows: list[LabelledComplaint] = []
    problems: list[str] = []
    first_seen_id: dict[str, str] = {}
    first_seen_text: dict[str, str] = {}
    for file, number, line in _lines(dataset_files(path)):
        where = f"{file}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(f"{where}: not valid JSON ({error.msg}); fix the quoting or commas")
            continue
        found = _check_row(row, taxonomy)
        if found:
            problems.extend(f"{where}: {problem}" for problem in found)
            continue
        key = row["text"].strip()
        for seen, value, what in ((first_seen_id, row["id"], "id"), (first_seen_text, key, "text")):
            if value in seen:
                problems.append(
                    f"{where}: duplicate {what}, first at {seen[value]} (keep one of the two)"
                )
            else:
                seen[value] = where
        rows.append(LabelledComplaint(**{k: row.get(k) for k in REQUIRED + OPTIONAL}))
    if problems:
        raise DatasetError(problems)
    if not rows:
        raise TousuError(
            "dataset-empty",
            f"{path} holds no labelled complaint.",
            "add at least one line per label you want the model to learn.",
        )
    return rows


def dataset_hash(rows: Iterable[LabelledComplaint]) -> str:
    """Digest of the texts and labels (order-independent), recorded in the bundle."""
    lines = sorted(
        json.dumps([r.text, r.subject, r.channel, r.category, r.priority], ensure_ascii=False)
        for r in rows
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
