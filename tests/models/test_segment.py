import math
import pickle

import jieba
import pytest

from models.errors import ModelError
from models.normalise import normalise_batch
from models.segment import TEXT_BREAK, Segmenter, UserWord, parse_user_dictionary
from training.datasets import LabelledComplaint

GOLDEN_PLAIN = {
    "我要退款七天无理由退货": ["我", "要", "退款", "七天", "无", "理由", "退货"],
    "以旧换新活动打12315投诉": ["以旧换新", "活动", "打", "12315", "投诉"],
    "快递员态度差还不送货上门": ["快递", "员", "态度", "差", "还", "不", "送货上门"],
}
GOLDEN_WITH_DICTIONARY = {
    "我要退款七天无理由退货": ["我", "要", "退款", "七天", "无理由退货"],
    "以旧换新活动打12315投诉": ["以旧换新", "活动", "打", "12315", "投诉"],
    "快递员态度差还不送货上门": ["快递员", "态度差", "还", "不", "送货上门"],
}


@pytest.fixture(scope="module")
def reference_plain() -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@pytest.fixture(scope="module")
def reference_with_dictionary(user_words: list[UserWord]) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for entry in user_words:
        if not tokenizer.FREQ.get(entry.word):
            tokenizer.add_word(entry.word, entry.freq, entry.tag)
    return tokenizer


def route_log_probability(tokenizer: jieba.Tokenizer, words: list[str]) -> float:
    """jieba's score of a cut: the sum of each word's log frequency over the total."""
    return sum(math.log(tokenizer.FREQ.get(w) or 1) - math.log(tokenizer.total) for w in words)


def assert_same_cut(ours: list[str], tokenizer: jieba.Tokenizer, text: str, label: str) -> None:
    """Identical words, or (where jieba's model scores two cuts exactly alike) an equal score."""
    theirs = tokenizer.lcut(text, HMM=False)
    if ours != theirs:
        assert "".join(ours) == text, label
        assert route_log_probability(tokenizer, ours) == pytest.approx(
            route_log_probability(tokenizer, theirs), abs=1e-9
        ), f"{label}: {ours} != {theirs}"


@pytest.mark.parametrize(("text", "words"), GOLDEN_PLAIN.items())
def test_segment_golden_without_user_dictionary(text: str, words: list[str]) -> None:
    assert Segmenter().cut(text) == words


@pytest.mark.parametrize(("text", "words"), GOLDEN_WITH_DICTIONARY.items())
def test_segment_golden_with_user_dictionary(
    text: str, words: list[str], user_words: list[UserWord]
) -> None:
    assert Segmenter(user_words).cut(text) == words


def test_segment_cuts_like_jieba_on_seed_texts(
    seed_rows: list[LabelledComplaint],
    reference_plain: jieba.Tokenizer,
    reference_with_dictionary: jieba.Tokenizer,
    user_words: list[UserWord],
) -> None:
    plain, with_dictionary = Segmenter(), Segmenter(user_words)
    # all 62,774 public reviews: benchmarks/segmentation.py
    texts = [row.text for row in seed_rows]
    identical = 0
    for number, text in enumerate(texts):
        assert_same_cut(plain.cut(text), reference_plain, text, f"plain #{number}")
        ours = with_dictionary.cut(text)
        assert_same_cut(ours, reference_with_dictionary, text, f"dictionary #{number}")
        identical += ours == reference_with_dictionary.lcut(text, HMM=False)
    assert identical >= 0.999 * len(texts)


def test_segmenter_pickles_without_its_engine(user_words: list[UserWord]) -> None:
    segmenter = Segmenter(user_words)
    before = segmenter.cut("七天无理由退货")
    restored = pickle.loads(pickle.dumps(segmenter))
    assert restored._engine is None
    assert restored.cut("七天无理由退货") == before


def test_user_dictionary_requires_frequency() -> None:
    with pytest.raises(ModelError) as caught:
        parse_user_dictionary("七天无理由 3000 after_sales\n以旧换新\n", "dict.txt")
    assert caught.value.code == "user-dictionary-line"
    assert "dict.txt:2" in caught.value.message


def test_a_batch_cut_in_one_call_gives_each_text_its_own_words(
    seed_rows: list[LabelledComplaint], user_words: list[UserWord]
) -> None:
    segmenter = Segmenter(user_words)
    texts = [*normalise_batch([row.text for row in seed_rows]), "", "好", ""]
    flat = segmenter.cut_batch(texts)
    expected = [segmenter.cut(text) for text in texts]
    assert flat == [word for words in expected for word in [*words, TEXT_BREAK]][:-1]
