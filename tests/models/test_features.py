import pickle

import numpy as np
import pytest

from models import features
from models.features import (
    LEXICON_PREFIX,
    CodeTable,
    ComplaintText,
    ComplaintVectorizer,
    char_ngram_codes,
    decode_char_code,
)
from models.segment import Segmenter, UserWord, read_user_dictionary
from tickets.paths import PathSettings


def test_code_table_finds_every_key_it_holds_and_nothing_else() -> None:
    rng = np.random.default_rng(0)
    keys = np.unique(rng.integers(1, 2**62, size=50_000, dtype=np.uint64))
    table = CodeTable(keys)
    found = table.lookup(keys)
    placed = found >= 0
    assert placed.mean() > 0.99
    assert (found[placed] == np.flatnonzero(placed)).all()
    strangers = np.setdiff1d(rng.integers(1, 2**62, size=50_000, dtype=np.uint64), keys)
    assert (table.lookup(strangers) == -1).all()


def test_code_table_pickles_as_its_keys_and_finds_the_same_columns_after() -> None:
    keys = np.unique(np.random.default_rng(1).integers(1, 2**62, size=50_000, dtype=np.uint64))
    table = CodeTable(keys)
    stored = pickle.dumps(table)
    assert len(stored) < keys.nbytes * 1.1  # not the 8x larger slots
    probes = np.concatenate([keys, keys + np.uint64(1)])
    np.testing.assert_array_equal(pickle.loads(stored).lookup(probes), table.lookup(probes))


def test_char_ngram_codes_are_exact_and_stay_inside_each_text() -> None:
    codes, docs = char_ngram_codes(["退款", "慢 了"], max_n=3)
    grams = sorted((int(d), decode_char_code(int(c))) for c, d in zip(codes, docs, strict=True))
    assert grams == sorted([(0, "退"), (0, "退款"), (0, "款"), (1, "了"), (1, "慢")])


def test_vectorizer_counts_lexicon_group_for_unseen_synonym() -> None:
    words = [UserWord("闪送员", 3000, "delivery"), UserWord("快递员", 3000, "delivery")]
    vectorizer = ComplaintVectorizer(Segmenter(words), min_df=1).fit(
        [ComplaintText("快递员没来"), ComplaintText("质量太差")]
    )
    matrix = vectorizer.transform([ComplaintText("闪送员没来")])
    names = vectorizer.feature_names()
    present = {names[i] for i in matrix.indices}
    assert "lexicon:delivery" in present
    assert "闪送员" in present  # lexicon words are in the vocabulary even if never seen


def shipped_lexicon_groups(paths: PathSettings, text: str) -> set[str]:
    """The lexicon groups a text yields with the shipped user dictionary."""
    segmenter = Segmenter(read_user_dictionary(paths.user_dictionary))
    vectorizer = ComplaintVectorizer(segmenter, min_df=1).fit([ComplaintText("一周了")])
    names = vectorizer.feature_names()
    present = {names[i] for i in vectorizer.transform([ComplaintText(text)]).indices}
    return {name for name in present if name.startswith(LEXICON_PREFIX)}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("申请Refund一周了", "after_sales"),
        ("多charge了两百", "billing"),
        ("App老是crash", "quality"),
    ],
)
def test_shipped_lexicon_reads_english_words_in_chinese_complaints(
    paths: PathSettings, text: str, group: str
) -> None:
    """No training text has them; their lexicon group is what the model can read."""
    assert f"lexicon:{group}" in shipped_lexicon_groups(paths, text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("网速太慢了，视频都卡", "quality"),
        ("电脑运行很慢", "quality"),
        ("客服回复太慢", "service"),
        ("退款审核太慢", "after_sales"),
        ("物流太慢了", "delivery"),
    ],
)
def test_shipped_lexicon_reads_slowness_under_what_is_slow(
    paths: PathSettings, text: str, group: str
) -> None:
    """The labelled slow things are nearly all deliveries; the slow thing's group is what tells
    a slow network or refund from a slow parcel."""
    assert shipped_lexicon_groups(paths, text) == {f"lexicon:{group}"}


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("我想退个货，衣服买大了", "after_sales"),  # a return said with a measure word
        ("一个问题推来推去", "service"),  # passing the buck in an idiom
        ("什么破服务", "service"),
        ("号称四星级", "misleading"),  # a claim the complaint belies, a hotel's grade
        ("理财经理说是保本的", "misleading"),
        ("到店被告知要另外加收100元", "billing"),
        ("老用户被大数据杀熟", "billing"),
    ],
)
def test_shipped_lexicon_reads_spoken_forms(paths: PathSettings, text: str, group: str) -> None:
    assert f"lexicon:{group}" in shipped_lexicon_groups(paths, text)


def test_shipped_lexicon_reads_a_hospital_as_a_place_and_its_emergency_as_harm(
    paths: PathSettings,
) -> None:
    assert "lexicon:harm" not in shipped_lexicon_groups(paths, "医院的护士态度很差")
    assert "lexicon:harm" in shipped_lexicon_groups(paths, "孩子被送到医院急诊")


def test_vectorizer_rows_are_unit_length_per_block_and_pickle_round_trips() -> None:
    texts = [ComplaintText("快递三天没到"), ComplaintText("客服态度差", channel="phone")]
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1).fit(texts)
    matrix = vectorizer.transform(texts)
    words = len(vectorizer.vocabulary_) + len(vectorizer.pair_keys_)
    for row in range(2):
        dense = matrix[row].toarray().ravel()
        assert abs(np.linalg.norm(dense[:words]) - 1) < 1e-5
        assert abs(np.linalg.norm(dense[words:]) - 1) < 1e-5
    assert "channel:phone" in {vectorizer.feature_names()[i] for i in matrix[1].indices}
    restored = pickle.loads(pickle.dumps(vectorizer))
    assert (restored.transform(texts) != matrix).nnz == 0


def test_a_text_gets_the_same_features_alone_as_in_any_batch() -> None:
    texts = [
        ComplaintText("快递三天没到", channel="weibo"),
        ComplaintText("😀"),
        ComplaintText("客服态度差，退款也没到", channel="phone"),
        ComplaintText("退款没到", subject="Re: 退款"),
    ]
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1).fit(texts)
    together = vectorizer.transform(texts)
    for row, text in enumerate(texts):
        assert (vectorizer.transform([text]) != together[row]).nnz == 0
    assert (vectorizer.transform(texts[::-1]) != together[::-1]).nnz == 0


def test_batch_by_batch_fitting_gives_what_one_batch_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    # texts sharing words and characters across batch boundaries: a key's document
    # frequency must add up over the batches, and a text's repeats count once
    texts = [
        ComplaintText("快递三天没到", channel="weibo"),
        ComplaintText("快递快递没到"),
        ComplaintText("退款没到，快递也没到", channel="weibo"),
        ComplaintText("客服态度差"),
        ComplaintText("退款太慢", channel="email"),
        ComplaintText("客服不回，退款没到"),
        ComplaintText("😀"),
    ]
    whole = ComplaintVectorizer(Segmenter(), min_df=2)
    expected = whole.fit_transform(texts)
    monkeypatch.setattr(features, "BATCH_SIZE", 2)
    batched = ComplaintVectorizer(Segmenter(), min_df=2)
    assert (batched.fit_transform(texts) != expected).nnz == 0
    assert batched.vocabulary_ == whole.vocabulary_
    np.testing.assert_array_equal(batched.pair_keys_, whole.pair_keys_)
    np.testing.assert_array_equal(batched.char_keys_, whole.char_keys_)
    np.testing.assert_array_equal(batched.idf_, whole.idf_)
    assert (batched.transform(texts) != expected).nnz == 0


def test_praise_in_a_text_that_turns_is_left_out_of_the_features_not_out_of_the_text() -> None:
    texts = [ComplaintText("包装精美，但是少了一个"), ComplaintText("包装精美")]
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1).fit(texts)
    matrix, read = vectorizer.transform_with_texts(texts[:1])
    names = vectorizer.feature_names()
    assert "精美" not in {names[i] for i in matrix.terms.indices}
    assert read.texts == ["包装精美,但是少了一个"]  # cues read the whole text


def test_min_df_counts_texts_not_occurrences() -> None:
    texts = [
        ComplaintText("快递快递快递", channel="weibo"),
        ComplaintText("退款没到", channel="weibo"),
        ComplaintText("退款太慢", channel="email"),
    ]
    vocabulary = ComplaintVectorizer(Segmenter(), min_df=2).fit(texts).vocabulary_
    assert {"退款", "channel:weibo"} <= set(vocabulary)
    assert not {"快递", "channel:email", "没到"} & set(vocabulary)


def test_vectorizer_handles_text_it_knows_nothing_of() -> None:
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1).fit([ComplaintText("快递没到")])
    matrix = vectorizer.transform([ComplaintText("😀😀"), ComplaintText("")])
    assert matrix.shape[0] == 2
    assert matrix.nnz == 0


def test_vectorizer_without_word_pairs() -> None:
    complaints = [ComplaintText("快递没到"), ComplaintText("快递太慢"), ComplaintText("退款没到")]
    vectorizer = ComplaintVectorizer(Segmenter(), word_pairs=False, min_df=1)
    features = vectorizer.fit_transform(complaints)
    assert len(vectorizer.pair_keys_) == 0
    assert features.shape == (3, len(vectorizer.feature_names()))
    assert not any(" " in name for name in vectorizer.feature_names())
