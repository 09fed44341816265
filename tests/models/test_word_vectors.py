import re
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

from models.errors import ModelError
from models.features import ComplaintText, ComplaintVectorizer, FeatureMatrix
from models.segment import Segmenter
from models.word_polarity import SCORE_SCALE, WordPolarity
from models.word_vectors import WordVectors, unit_rows
from tickets.paths import PathSettings


@pytest.fixture
def vectors() -> WordVectors:
    # 退款 and 退钱 point the same way, 快递 elsewhere
    return WordVectors(
        ["退款", "退钱", "快递"], unit_rows(np.array([[1.0, 0.1, 0.0], [0.9, 0.2, 0.0], [0, 0, 1]]))
    )


def test_file_round_trip_keeps_words_vectors_and_digest(
    tmp_path: Path, vectors: WordVectors
) -> None:
    path = tmp_path / "vectors.npz"
    vectors.save(path)
    loaded = WordVectors.load(path)
    assert loaded.words == vectors.words
    np.testing.assert_array_equal(loaded.vectors, vectors.vectors)
    assert loaded.digest() == vectors.digest()
    assert WordVectors(["a"], np.ones((1, 3))).digest() != vectors.digest()


def test_missing_or_foreign_files_are_refused_with_a_fix(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as missing:
        WordVectors.load(tmp_path / "none.npz")
    assert missing.value.code == "word-vectors-missing" and "tousu vectors" in missing.value.fix
    foreign = tmp_path / "foreign.npz"
    foreign.write_bytes(b"not a numpy archive")
    with pytest.raises(ModelError) as invalid:
        WordVectors.load(foreign)
    assert invalid.value.code == "word-vectors-invalid"
    with pytest.raises(ModelError, match="repeated"):
        WordVectors(["退款", "退款"], np.ones((2, 3)))


@pytest.fixture
def with_polarity(vectors: WordVectors) -> WordVectors:
    # 退款 leans good, 退钱 bad, 快递 neither; the intercept leans slightly bad
    return vectors.with_polarity(WordPolarity(np.array([2.0, -3.0, 0.0], np.float32), -0.5))


def test_polarity_travels_in_the_file_and_the_digest(
    tmp_path: Path, vectors: WordVectors, with_polarity: WordVectors
) -> None:
    path = tmp_path / "vectors.npz"
    with_polarity.save(path)
    loaded = WordVectors.load(path)
    assert loaded.polarity is not None and loaded.polarity.bias == -0.5
    np.testing.assert_array_equal(loaded.polarity.weights, [2.0, -3.0, 0.0])
    assert loaded.digest() == with_polarity.digest() != vectors.digest()
    with pytest.raises(ModelError, match="2 polarity weights for 3 words"):
        vectors.with_polarity(WordPolarity(np.ones(2, np.float32), 0.0))
    with pytest.raises(ModelError, match="one finite weight per word"):
        WordPolarity(np.array([np.nan, 1.0, 1.0]), 0.0)


def test_polarity_follows_the_document_vector_as_its_lean(
    vectors: WordVectors, with_polarity: WordVectors
) -> None:
    # document 0: 退款 twice and 快递; document 1: 退钱; document 2: no known word
    rows, words = np.array([0, 0, 0, 1, 2]), np.array([0, 0, 2, 1, -1])
    plain = vectors.document_vectors(rows, words, 3)
    leaning = with_polarity.document_vectors(rows, words, 3)
    assert leaning.shape == (3, vectors.dimensions + 1)
    np.testing.assert_array_equal(leaning[:, :-1], plain)
    # each distinct word counts once, the sum L2-normalised as the regression was fitted
    expected = np.tanh(np.array([2.0 / np.sqrt(2) - 0.5, -3.0 - 0.5, -0.5]) * SCORE_SCALE)
    np.testing.assert_allclose(leaning[:, -1], expected, rtol=1e-6)


def test_a_bundle_pickled_before_polarity_loads_without_it(vectors: WordVectors) -> None:
    state = vectors.__getstate__()
    del state["polarity"]
    restored = WordVectors.__new__(WordVectors)
    restored.__setstate__(state)
    assert restored.polarity is None
    np.testing.assert_array_equal(
        restored.document_vectors(np.array([0]), np.array([0]), 1),
        vectors.document_vectors(np.array([0]), np.array([0]), 1),
    )


def test_document_vector_is_unit_length_and_zero_without_known_words(
    vectors: WordVectors,
) -> None:
    documents = vectors.document_vectors(np.array([0, 0, 0]), np.array([0, 0, 2]), 2)
    assert documents.shape == (2, 3)
    np.testing.assert_allclose(np.linalg.norm(documents[0]), 1.0, rtol=1e-6)
    assert not documents[1].any()
    # a word without a vector (row -1) counts for nothing
    with_unknown = vectors.document_vectors(
        np.array([0, 0, 0, 0, 1]), np.array([0, 0, 2, -1, -1]), 2
    )
    np.testing.assert_array_equal(with_unknown, documents)


def test_a_word_missing_from_the_training_texts_still_reads_like_its_neighbour(
    vectors: WordVectors,
) -> None:
    """The point of the vectors: 退钱 never occurs in training, yet its complaint's vector is
    the one of the 退款 complaint, and far from the 快递 one."""
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1, word_vectors=vectors).fit(
        [ComplaintText("退款"), ComplaintText("快递")]
    )
    assert "退钱" not in vectorizer.vocabulary_
    features, _ = vectorizer.transform_with_texts(
        [ComplaintText("退钱"), ComplaintText("退款"), ComplaintText("快递")]
    )
    assert features.vectors is not None
    similarity = features.vectors @ features.vectors.T
    assert similarity[0, 1] > 0.99 and similarity[0, 2] < 0.1


def test_blocks_apart_score_like_the_joined_matrix(vectors: WordVectors) -> None:
    texts = [ComplaintText("退款没到账"), ComplaintText("快递太慢"), ComplaintText("😀")]
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1, word_vectors=vectors).fit(texts)
    features, _ = vectorizer.transform_with_texts(texts)
    joined = features.joined()
    assert features.vectors is not None
    expected = sp.hstack([features.terms, sp.csr_matrix(features.vectors)], format="csr")
    assert joined.shape == expected.shape and (joined != expected).nnz == 0
    coefficients = np.random.default_rng(0).normal(size=(joined.shape[1], 4)).astype(np.float32)
    np.testing.assert_allclose(features @ coefficients, joined @ coefficients, rtol=1e-5)
    assert (FeatureMatrix(features.terms, None).joined() != features.terms).nnz == 0


def test_shipped_vectors_put_synonyms_nearer_than_unrelated_words() -> None:
    shipped = WordVectors.load(PathSettings().word_vectors)
    index = shipped.index

    def similarity(first: str, second: str) -> float:
        return float(shipped.vectors[index[first]] @ shipped.vectors[index[second]])

    assert similarity("退款", "退货") > similarity("退款", "屏幕") + 0.2
    assert similarity("快递", "物流") > similarity("快递", "流量") + 0.2
    assert similarity("骗子", "忽悠") > similarity("骗子", "物流") + 0.2


def test_shipped_vectors_hold_no_personal_numbers() -> None:
    """Phone, ID-card and bank-card numbers are folded before counting, so none is a word."""
    words = WordVectors.load(PathSettings().word_vectors).words
    assert not [word for word in words if re.search(r"\d{6,}", word)]
    assert "12315" in words  # short service numbers stay: they carry meaning


def test_shipped_polarity_tells_praise_from_complaints() -> None:
    """The shipped weights come from rated reviews (`tousu vectors --ratings`)."""
    shipped = WordVectors.load(PathSettings().word_vectors)
    vectorizer = ComplaintVectorizer(Segmenter(), min_df=1, word_vectors=shipped)
    texts = ["师傅很专业，服务周到，非常满意", "质量太差了，客服敷衍，再也不买了"]
    features, _ = vectorizer.fit([ComplaintText(t) for t in texts]).transform_with_texts(
        [ComplaintText(t) for t in texts]
    )
    assert features.vectors is not None and features.vectors.shape[1] == shipped.dimensions + 1
    praise, complaint = features.vectors[:, -1]
    assert praise > 0.3 and complaint < -0.3
