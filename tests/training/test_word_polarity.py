import json
from pathlib import Path

import numpy as np
import pytest

from models.errors import ModelError
from models.segment import Segmenter
from training.word_polarity import fit_word_polarity, read_ratings


def rated_corpus() -> tuple[list[str], list[int]]:
    """喜欢 and 满意 only in good reviews, 垃圾 and 敷衍 only in bad ones, 快递 in both."""
    rng = np.random.default_rng(0)
    texts, ratings = [], []
    for _ in range(200):
        texts.append(" ".join(["快递", *rng.choice(["喜欢", "满意"], 2)]))
        ratings.append(1)
        texts.append(" ".join(["快递", *rng.choice(["垃圾", "敷衍"], 2)]))
        ratings.append(0)
    return texts, ratings


def test_words_of_good_reviews_lean_good_and_words_of_both_lean_neither() -> None:
    texts, ratings = rated_corpus()
    words = ["喜欢", "满意", "垃圾", "敷衍", "快递", "屏幕"]
    polarity = fit_word_polarity(texts, ratings, Segmenter(), words)
    weight = dict(zip(words, polarity.weights, strict=True))
    assert min(weight["喜欢"], weight["满意"]) > 1.0
    assert max(weight["垃圾"], weight["敷衍"]) < -1.0
    assert abs(weight["快递"]) < 0.5 and weight["屏幕"] == 0.0  # 屏幕 never occurs


def test_one_sided_ratings_are_refused() -> None:
    with pytest.raises(ModelError) as error:
        fit_word_polarity(["喜欢", "满意"], [1, 1], Segmenter(), ["喜欢"])
    assert error.value.code == "ratings-one-sided" and "rated good (1) and bad (0)" in (
        error.value.fix
    )


def test_ratings_are_read_from_csv_and_jsonl(tmp_path: Path) -> None:
    csv_file = tmp_path / "reviews.csv"
    csv_file.write_text("label,review\n1,很喜欢\n0,太差了\n0,\n", encoding="utf-8")
    assert read_ratings(csv_file) == (["很喜欢", "太差了"], [1, 0])  # an empty review is skipped
    jsonl_file = tmp_path / "reviews.jsonl"
    rows = [{"text": "满意", "label": 1}, {"text": "垃圾", "label": "0"}]
    jsonl_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    assert read_ratings(jsonl_file) == (["满意", "垃圾"], [1, 0])


@pytest.mark.parametrize(
    ("name", "content", "code", "says"),
    [
        ("no_label.csv", "review\n很好\n", "ratings-columns", "'label' column"),
        ("bad_label.csv", "label,review\n1,很好\n5,一般\n", "ratings-line", "bad_label.csv:3"),
        ("no_text.jsonl", '{"label": 1}\n', "ratings-line", "no_text.jsonl:1"),
        (
            "broken.jsonl",
            '{"text": "好", "label": 1}\n{"text":\n',
            "ratings-line",
            "broken.jsonl:2",
        ),
        ("reviews.txt", "很好\n", "ratings-format", "neither CSV nor JSONL"),
    ],
)
def test_a_malformed_ratings_file_names_the_problem(
    tmp_path: Path, name: str, content: str, code: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as error:
        read_ratings(path)
    assert error.value.code == code and says in str(error.value)
    with pytest.raises(ModelError, match="does not exist"):
        read_ratings(tmp_path / "none.csv")
