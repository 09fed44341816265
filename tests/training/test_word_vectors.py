import json
from pathlib import Path

import numpy as np
import pytest

from models.errors import ModelError
from models.segment import Segmenter
from training.word_vectors import fit_word_vectors, read_corpus


def synthetic_corpus() -> list[str]:
    """退款 and 退钱 keep the same company, 快递 and 物流 another; nothing else ties them."""
    rng = np.random.default_rng(0)
    money = ["申请", "多久", "商家", "拒绝", "金额"]
    parcel = ["包裹", "派送", "签收", "小哥", "站点"]
    texts = []
    for _ in range(400):
        word = rng.choice(["退款", "退钱"])
        texts.append(" ".join([word, *rng.choice(money, 3)]))
        word = rng.choice(["快递", "物流"])
        texts.append(" ".join([word, *rng.choice(parcel, 3)]))
    return texts


def test_words_in_the_same_company_get_near_vectors() -> None:
    vectors = fit_word_vectors(synthetic_corpus(), Segmenter(), dimensions=4, window=3)
    index = vectors.index

    def similarity(first: str, second: str) -> float:
        return float(vectors.vectors[index[first]] @ vectors.vectors[index[second]])

    assert similarity("退款", "退钱") > 0.9
    assert similarity("快递", "物流") > 0.9
    assert similarity("退款", "快递") < 0.3
    np.testing.assert_allclose(np.linalg.norm(vectors.vectors, axis=1), 1.0, rtol=1e-3)


def test_a_corpus_too_small_for_the_dimensions_is_refused() -> None:
    with pytest.raises(ModelError) as error:
        fit_word_vectors(["退款没到账"] * 10, Segmenter(), dimensions=64)
    assert error.value.code == "corpus-too-small" and "--min-count" in error.value.fix


def test_corpus_files_of_each_kind_are_read(tmp_path: Path) -> None:
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text(json.dumps({"text": "退款慢", "id": 1}, ensure_ascii=False) + "\n\n")
    csv = tmp_path / "b.csv"
    csv.write_text("label,review\n0,快递慢\n1,很好\n", encoding="utf-8-sig")
    plain = tmp_path / "c.txt"
    plain.write_text("话费乱扣\t计费\r\n流量没了\n")
    assert read_corpus(jsonl) == ["退款慢", ""]
    assert read_corpus(csv) == ["快递慢", "很好"]
    assert read_corpus(plain) == ["话费乱扣", "流量没了"]


def test_unreadable_corpora_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        read_corpus(tmp_path / "none.txt")
    csv = tmp_path / "b.csv"
    csv.write_text("label,comment\n0,快递慢\n")
    with pytest.raises(ModelError) as columns:
        read_corpus(csv)
    assert columns.value.code == "corpus-columns" and "'review'" in columns.value.fix
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "好"}\n["not", "an", "object"]\n')
    with pytest.raises(ModelError, match=r"a.jsonl:2"):
        read_corpus(jsonl)
