"""The `tousu` command end to end, as a user runs it (a real process)."""

import csv
import json
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from models.word_vectors import WordVectors
from training.datasets import LabelledComplaint

TOUSU = str(Path(sys.executable).parent / "tousu")


def tousu(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TOUSU, *args], capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def small_data(
    tmp_path_factory: pytest.TempPathFactory, seed_rows: list[LabelledComplaint]
) -> Path:
    """Every fifth seed complaint: enough of each label for a quick model."""
    path = tmp_path_factory.mktemp("data") / "small.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for row in seed_rows[::5]:
            fields = {key: value for key, value in asdict(row).items() if value is not None}
            handle.write(json.dumps(fields, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory: pytest.TempPathFactory, small_data: Path) -> Path:
    out = tmp_path_factory.mktemp("cli") / "bundle"
    result = tousu("train", "--data", str(small_data), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "trained" in result.stderr
    return out


def test_train_writes_a_bundle(small_bundle: Path, small_data: Path) -> None:
    metadata = json.loads((small_bundle / "metadata.json").read_text())
    assert metadata["producer"] == "tousu"
    assert metadata["training_rows"] == len(small_data.read_text().splitlines())


def test_predict_follows_the_file_contract(small_bundle: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "快递一周了还没到"}, ensure_ascii=False),
                json.dumps(
                    {"id": "b", "text": "退款", "subject": "售后", "channel": "email", "extra": 1},
                    ensure_ascii=False,
                ),
                "not json",
                json.dumps({"id": "c", "text": ""}),
            ]
        ),
        encoding="utf-8",
    )
    output = tmp_path / "out.jsonl"
    result = tousu(
        "predict", "--input", str(source), "--output", str(output), "--bundle", str(small_bundle)
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    for line in lines:
        assert isinstance(line["category"], str) and len(line["category_top3"]) == 3
        assert 0 <= line["category_confidence"] <= 1 and 0 <= line["priority_confidence"] <= 1
        assert line["priority"] in {"P0", "P1", "P2"}
        assert isinstance(line["abstained"], bool)
        assert line["model_version"]
    assert lines[1]["extra"] == 1 and lines[1]["subject"] == "售后"  # the input is kept
    rejected = [
        json.loads(x) for x in (tmp_path / "out.jsonl.rejected.jsonl").read_text().splitlines()
    ]
    assert [r["line"] for r in rejected] == [3, 4]
    assert "empty" in rejected[1]["error"]


def test_predict_reads_a_gbk_file_and_drops_a_stale_rejected_list(
    small_bundle: Path, tmp_path: Path
) -> None:
    """A desk's export from Chinese Windows is GBK; a rerun without bad lines leaves no
    rejected list from the run before beside its output."""
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    stale = tmp_path / "out.jsonl.rejected.jsonl"
    stale.write_text('{"line": 1, "error": "from an earlier run"}\n', encoding="utf-8")
    source.write_bytes('{"id": "a", "text": "快递一周了还没到"}\n'.encode("gbk"))
    result = tousu(
        "predict", "--input", str(source), "--output", str(output), "--bundle", str(small_bundle)
    )
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(x) for x in output.read_text(encoding="utf-8").splitlines()]
    assert line["text"] == "快递一周了还没到" and line["category"]
    assert not stale.exists()


def test_predict_and_redact_read_a_desk_spreadsheet_and_write_one_for_excel(
    small_bundle: Path, tmp_path: Path
) -> None:
    """A CSV saved from Excel on Chinese Windows: GBK, the desk's own column names, an empty
    complaint and empty rows; the output is a CSV Excel opens (UTF-8 with a BOM)."""
    source = tmp_path / "投诉记录.csv"
    source.write_bytes(
        "编号,投诉内容,渠道,处理人\n"
        "1,快递一周了还没到，电话13812345678,电话,王\n"
        '2,"冰箱不制冷\n已经报修两次",微信,李\n'
        "3,,电话,王\n"
        ",,,\n".encode("gbk")
    )
    output = tmp_path / "结果.csv"
    result = tousu(
        "predict", "--input", str(source), "--output", str(output), "--bundle", str(small_bundle)
    )
    assert result.returncode == 0, result.stderr
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["编号"] for r in rows] == ["1", "2"] and rows[1][
        "投诉内容"
    ] == "冰箱不制冷\n已经报修两次"
    assert rows[0]["处理人"] == "王" and rows[0]["priority"] in {"P0", "P1", "P2"}
    assert len(rows[0]["category_top3"].split("|")) == 3 and rows[0]["abstained"] in {
        "true",
        "false",
    }
    rejected = json.loads((tmp_path / "结果.csv.rejected.jsonl").read_text(encoding="utf-8"))
    assert rejected["line"] == 5 and "投诉内容" in rejected["error"]
    masked = tmp_path / "masked.csv"
    assert tousu("redact", "--input", str(source), "--output", str(masked)).returncode == 0
    text = masked.read_text(encoding="utf-8-sig")
    assert "13812345678" not in text and "电话,王" in text


def test_a_spreadsheet_without_a_text_column_names_the_fix(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("编号,备注\n1,快递没到\n", encoding="utf-8")
    result = tousu("redact", "--input", str(source), "--output", str(tmp_path / "out.csv"))
    assert result.returncode == 2 and "csv-columns" in result.stderr and "投诉内容" in result.stderr


def test_evaluate_reports_every_figure_and_a_confusion_png(
    small_bundle: Path, small_data: Path, tmp_path: Path
) -> None:
    png = tmp_path / "confusion.png"
    result = tousu(
        "evaluate",
        "--bundle",
        str(small_bundle),
        "--data",
        str(small_data),
        "--json",
        "--confusion-png",
        str(png),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for key in (
        "accuracy",
        "macro_f1",
        "per_class",
        "confusion",
        "top3_accuracy",
        "coverage_at_90_precision",
        "calibration_error",
    ):
        assert key in report["category"] and key in report["priority"]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_cross_validates(small_data: Path) -> None:
    result = tousu("evaluate", "--data", str(small_data), "--cv", "3", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["category"]["n"] == len(small_data.read_text().splitlines())
    assert 0.4 < report["category"]["accuracy"] < 0.95  # held out: never perfect


def test_bad_training_data_fails_with_line_and_fix(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "1", "text": "x", "category": "nope", "priority": "P2"}\n')
    result = tousu("train", "--data", str(bad), "--out", str(tmp_path / "b"))
    assert result.returncode == 2
    assert f"{bad}:1" in result.stderr and "unknown category 'nope'" in result.stderr
    assert "fix:" in result.stderr


def test_missing_bundle_fails_with_fix(tmp_path: Path) -> None:
    result = tousu(
        "predict",
        "--input",
        str(tmp_path / "x"),
        "--output",
        str(tmp_path / "y"),
        "--bundle",
        str(tmp_path / "nothing"),
    )
    assert result.returncode == 2
    assert "tousu train" in result.stderr


def test_redact_masks_text_and_keeps_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        {
            "id": "a",
            "text": "身份证11010519491231002X，卡号6222 0212 3456 7890 128",
            "channel": "x",
        },
        {"id": "b", "text": "订单号202405201187，电话13800138000", "subject": "邮箱a@b.com"},
    ]
    source.write_text(
        "\n".join([*(json.dumps(x, ensure_ascii=False) for x in lines), "{}"]), encoding="utf-8"
    )
    output = tmp_path / "out.jsonl"
    result = tousu("redact", "--input", str(source), "--output", str(output))
    assert result.returncode == 0, result.stderr
    masked = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [m["id"] for m in masked] == ["a", "b"] and masked[0]["channel"] == "x"
    assert "11010519491231002X" not in masked[0]["text"] and "[身份证]" in masked[0]["text"]
    assert "6222 0212 3456 7890 128" not in masked[0]["text"]
    assert masked[1]["text"] == "订单号202405201187，电话[手机号]"
    assert masked[1]["subject"] == "邮箱[邮箱]"
    assert (tmp_path / "out.jsonl.rejected.jsonl").is_file()


def test_evaluate_leave_source_out_reports_each_unseen_source(
    seed_rows: list[LabelledComplaint], tmp_path: Path
) -> None:
    # every fifth complaint, and every P0 one, so that each source's model knows P0
    rows = [row for i, row in enumerate(seed_rows) if i % 5 == 0 or row.priority == "P0"]
    data = tmp_path / "sources.jsonl"
    with data.open("w", encoding="utf-8") as handle:
        for row in rows:
            fields = {key: value for key, value in asdict(row).items() if value is not None}
            handle.write(json.dumps(fields, ensure_ascii=False) + "\n")
    result = tousu("evaluate", "--data", str(data), "--leave-source-out", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["category"]["n"] == len(rows)
    sources = {"authored", "car_12365", "cocc", "online_shopping", "waimai", "written"}
    assert set(report["by_group"]) == sources
    assert 0.2 < report["category"]["accuracy"] < 0.8  # a source never seen is hard


def test_leave_source_out_needs_sources(tmp_path: Path) -> None:
    data = tmp_path / "one_source.jsonl"
    rows = [
        {"id": str(i), "text": text, "category": category, "priority": "P2"}
        for i, (text, category) in enumerate([("快递没到", "delivery"), ("屏幕坏了", "quality")])
    ]
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    result = tousu("evaluate", "--data", str(data), "--leave-source-out")
    assert result.returncode == 2
    assert "sources-missing" in result.stdout + result.stderr
    assert '"corpus"' in result.stdout + result.stderr


def test_vectors_learned_from_a_corpus_feed_training(
    tmp_path: Path, small_data: Path, seed_rows: list[LabelledComplaint]
) -> None:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("\n".join(row.text for row in seed_rows), encoding="utf-8")
    ratings = tmp_path / "ratings.jsonl"  # praise rated good, complaints bad
    ratings.write_text(
        "".join(
            json.dumps({"text": r.text, "label": int(r.category == "non_complaint")}) + "\n"
            for r in seed_rows
        ),
        encoding="utf-8",
    )
    vectors = tmp_path / "vectors.npz"
    result = tousu(
        "vectors",
        "--corpus",
        str(corpus),
        "--ratings",
        str(ratings),
        "--out",
        str(vectors),
        "--dimensions",
        "16",
    )
    assert result.returncode == 0, result.stderr
    assert "x 16 dimensions, with polarity" in result.stderr
    learned = WordVectors.load(vectors)
    assert learned.polarity is not None and learned.polarity.weights.any()
    with_vectors, without = tmp_path / "with", tmp_path / "without"
    assert (
        tousu(
            "train",
            "--data",
            str(small_data),
            "--out",
            str(with_vectors),
            "--word-vectors",
            str(vectors),
        ).returncode
        == 0
    )
    assert (
        tousu(
            "train", "--data", str(small_data), "--out", str(without), "--no-word-vectors"
        ).returncode
        == 0
    )
    assert json.loads((with_vectors / "metadata.json").read_text())["word_vectors_hash"] == (
        learned.digest()
    )
    assert json.loads((without / "metadata.json").read_text())["word_vectors_hash"] is None


def test_vectors_from_a_missing_corpus_fail_with_fix(tmp_path: Path) -> None:
    result = tousu("vectors", "--corpus", str(tmp_path / "none.txt"), "--out", str(tmp_path / "v"))
    assert result.returncode == 2
    assert "[corpus-missing]" in result.stderr and "fix: pass existing text files" in result.stderr
