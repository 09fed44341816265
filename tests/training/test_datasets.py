import json
from collections import Counter
from pathlib import Path

import pytest

from models.redact import find_personal_numbers
from tickets.errors import TousuError
from tickets.taxonomy import Taxonomy
from training.datasets import DatasetError, LabelledComplaint, dataset_hash, load_dataset

GOOD = {"id": "1", "text": "快递没到", "category": "delivery", "priority": "P2"}


def write(path: Path, rows: list[object]) -> Path:
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def problems(path: Path, taxonomy: Taxonomy) -> list[str]:
    with pytest.raises(DatasetError) as caught:
        load_dataset(path, taxonomy)
    return caught.value.problems


def test_shipped_training_data_is_the_seed_copy_and_the_authored_rows(
    seed_rows: list[LabelledComplaint], taxonomy: Taxonomy
) -> None:
    by_corpus = Counter(row.corpus for row in seed_rows)
    assert sum(n for corpus, n in by_corpus.items() if corpus != "authored") == 2691
    authored = [row for row in seed_rows if row.corpus == "authored"]
    assert len(authored) == 766
    # written to cover every category, priority and channel, which the real sources lack
    assert {row.category for row in authored} == set(taxonomy.category_codes)
    assert {row.priority for row in authored} == set(taxonomy.priority_codes)
    assert {row.channel for row in authored} == set(taxonomy.channels)


def test_no_personal_number_is_left_in_clear_in_shipped_training_data(
    seed_rows: list[LabelledComplaint],
) -> None:
    found = [
        (row.id, number.label, number.text)
        for row in seed_rows
        for number in find_personal_numbers(f"{row.subject or ''} {row.text}")
    ]
    assert found == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({**GOOD, "category": "shipping"}, "unknown category 'shipping'"),
        ({**GOOD, "priority": "urgent"}, "unknown priority 'urgent'"),
        ({**GOOD, "text": "  "}, "text is empty"),
        ({k: v for k, v in GOOD.items() if k != "priority"}, "missing field(s) ['priority']"),
        ({**GOOD, "lable": "x"}, "unknown field(s) ['lable']"),
        ({**GOOD, "channel": "fax"}, "unknown channel 'fax'"),
        ({**GOOD, "text": 5}, "text must be a string"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "not a JSON object"),
    ],
)
def test_invalid_line_is_named_with_file_line_and_fix(
    tmp_path: Path, taxonomy: Taxonomy, row: object, expected: str
) -> None:
    path = write(tmp_path / "data.jsonl", [GOOD | {"id": "0", "text": "别的"}, row])
    found = problems(path, taxonomy)
    assert len(found) == 1
    assert found[0].startswith(f"{path}:2: ")
    assert expected in found[0]
    assert "(" in found[0]  # every problem carries its fix in brackets


def test_duplicates_point_to_the_first_occurrence(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = write(tmp_path / "d.jsonl", [GOOD, {**GOOD, "id": "2"}, {**GOOD, "text": "别的"}])
    found = problems(path, taxonomy)
    assert found == [
        f"{path}:2: duplicate text, first at {path}:1 (keep one of the two)",
        f"{path}:3: duplicate id, first at {path}:1 (keep one of the two)",
    ]


def test_a_file_saved_with_a_bom_reads_from_its_first_line(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    path = write(tmp_path / "bom.jsonl", [GOOD])
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [r.id for r in load_dataset(path, taxonomy)] == ["1"]


def test_directory_of_files_is_read_in_name_order(tmp_path: Path, taxonomy: Taxonomy) -> None:
    write(tmp_path / "b.jsonl", [{**GOOD, "id": "b", "text": "二"}])
    write(tmp_path / "a.jsonl", [{**GOOD, "id": "a", "text": "一"}])
    rows = load_dataset(tmp_path, taxonomy)
    assert [r.id for r in rows] == ["a", "b"]
    assert dataset_hash(rows) == dataset_hash(list(reversed(rows)))


def test_missing_path_and_empty_directory_are_explained(tmp_path: Path, taxonomy: Taxonomy) -> None:
    with pytest.raises(TousuError) as caught:
        load_dataset(tmp_path / "nope.jsonl", taxonomy)
    assert caught.value.code == "dataset-missing"
    with pytest.raises(TousuError) as caught:
        load_dataset(tmp_path, taxonomy)
    assert caught.value.code == "dataset-empty-dir"
