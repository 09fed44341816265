"""Features of a complaint: word and word-pair counts, character n-grams, lexicon groups,
channel, and (with word vectors) the complaint's vector.

Written for throughput: a batch is normalised in one pass and cut into words by rjieba in one
call, and character n-grams are computed for the whole batch with NumPy as exact
21-bit-per-character codes (no string is built per n-gram), looked up in an open-address table.
Each block (words, characters) is TF-IDF weighted with sublinear counts and L2-normalised on its
own; the vector block, last, is a unit vector scaled by `vector_weight`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp

from models.boilerplate import complaint_body, subject_body
from models.joined_texts import JoinedTexts
from models.normalise import SEPARATOR, normalise_batch
from models.reading import what_features_read
from models.segment import TEXT_BREAK, Segmenter
from models.sparse_counts import keyed_counts, occurrence_keys, run_starts
from models.word_vectors import WordVectors

CHAR_BITS = 21
BATCH_SIZE = 2000  # texts whose feature arrays fit in cache: larger inputs go batch by batch
LEXICON_PREFIX = "lexicon:"
CHANNEL_PREFIX = "channel:"
_SPACE = ord(" ")
_BREAK_ID = -2  # token id of TEXT_BREAK
_HASH_MULTIPLIERS = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F))


@dataclass(frozen=True, slots=True)
class ComplaintText:
    """What the model reads of a complaint."""

    text: str
    subject: str | None = None
    channel: str | None = None

    def body(self) -> str:
        """Subject and text without their wrapping (`models.boilerplate`)."""
        text = complaint_body(self.text)
        subject = subject_body(self.subject) if self.subject else ""
        return f"{subject} {text}" if subject else text


class PreparedBatch(NamedTuple):
    """A batch read once: normalised texts, joined (whole: cues read them), their words (one
    flat list, `TEXT_BREAK` between texts), their channels and their character n-gram codes (of
    what the features read: `models.reading`)."""

    normalised: JoinedTexts
    words: list[str]
    channels: list[str | None]
    char_keys: np.ndarray
    char_rows: np.ndarray


def merged(batches: Sequence[PreparedBatch]) -> PreparedBatch:
    """Batches as one, for what needs every text at once (document frequencies)."""
    words: list[str] = []
    char_rows, offset = [], 0
    for batch in batches:
        if offset:
            words.append(TEXT_BREAK)
        words.extend(batch.words)
        char_rows.append(batch.char_rows + offset)
        offset += len(batch.normalised.texts)
    return PreparedBatch(
        JoinedTexts([text for batch in batches for text in batch.normalised.texts]),
        words,
        [channel for batch in batches for channel in batch.channels],
        np.concatenate([batch.char_keys for batch in batches]),
        np.concatenate(char_rows),
    )


class FeatureMatrix(NamedTuple):
    """A batch's features: the sparse term columns, then (with word vectors) the dense vector
    columns. Scoring keeps the two apart, since putting a dense block into a sparse matrix
    costs more than multiplying it; fitting joins them into one sparse matrix."""

    terms: sp.csr_matrix
    vectors: np.ndarray | None

    def __matmul__(self, coefficients: np.ndarray) -> np.ndarray:
        """`features @ coefficients`, as if the blocks were one matrix."""
        n_terms = self.terms.shape[1]
        product = np.asarray(self.terms @ coefficients[:n_terms])
        if self.vectors is not None:
            product = product + self.vectors @ coefficients[n_terms:]
        return product

    def joined(self) -> sp.csr_matrix:
        """One sparse matrix, each row's vector entries after its terms."""
        if self.vectors is None:
            return self.terms
        terms, (n_rows, width) = self.terms, self.vectors.shape
        indptr = terms.indptr + np.arange(n_rows + 1) * width
        is_vector = np.zeros(indptr[-1], dtype=bool)
        is_vector[(indptr[1:, None] - width + np.arange(width)).ravel()] = True
        data = np.empty(indptr[-1], dtype=np.float32)
        indices = np.empty(indptr[-1], dtype=np.int32)
        data[~is_vector], indices[~is_vector] = terms.data, terms.indices
        data[is_vector] = self.vectors.ravel()
        indices[is_vector] = np.tile(np.arange(terms.shape[1], terms.shape[1] + width), n_rows)
        return sp.csr_matrix((data, indices, indptr), shape=(n_rows, terms.shape[1] + width))


class CodeTable:
    """Maps 64-bit keys to column numbers: two-choice hashing, vectorised lookups.

    A key whose both slots are taken is left out at build time; with the table at most 1/8
    full that is about one key in a hundred, all of them among the rarest (keys are inserted
    most frequent first). Key and column share one record so a lookup touches one cache line.

    A table pickles as its keys and is built again on loading (a tenth of a second for 600,000
    keys): the slots are 7/8 empty, and storing them made the model of 62,000 complaints 145 MB
    before compression and 30.5 MB after (24.9 MB without them).
    """

    ENTRY = np.dtype([("key", np.uint64), ("column", np.int64)])
    EMPTY = np.uint64(2**64 - 1)  # no character or word-pair code reaches this value

    def __init__(self, keys: np.ndarray) -> None:
        self._build(keys)

    def _build(self, keys: np.ndarray) -> None:
        self.keys = keys
        self.bits = max(12, int(np.ceil(np.log2(max(len(keys), 1) * 8))))
        self.entries = np.zeros(1 << self.bits, dtype=self.ENTRY)
        self.entries["key"] = self.EMPTY
        self.entries["column"] = -1
        placed = np.zeros(len(keys), dtype=bool)
        for multiplier in _HASH_MULTIPLIERS:
            todo = np.flatnonzero(~placed)
            slots = self._slots(keys[todo], multiplier)
            free = self.entries["column"][slots] < 0
            # the first (most frequent) key wins a contested slot
            taken, first = np.unique(slots[free], return_index=True)
            winners = todo[free][first]
            self.entries["key"][taken] = keys[winners]
            self.entries["column"][taken] = winners
            placed[winners] = True

    def __getstate__(self) -> dict[str, np.ndarray]:
        return {"keys": self.keys}

    def __setstate__(self, state: dict[str, np.ndarray]) -> None:
        self._build(state["keys"])

    def _slots(self, keys: np.ndarray, multiplier: np.uint64) -> np.ndarray:
        return (keys * multiplier) >> np.uint64(64 - self.bits)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Column of each key, -1 where it is unknown."""
        first, second = _HASH_MULTIPLIERS
        # `take` gathers records three times faster than fancy indexing does
        entries = self.entries.take(self._slots(keys, first))
        result = np.where(entries["key"] == keys, entries["column"], -1)
        misses = np.flatnonzero(result < 0)
        entries = self.entries.take(self._slots(keys[misses], second))
        result[misses] = np.where(entries["key"] == keys[misses], entries["column"], -1)
        return result


def char_ngram_codes(texts: Sequence[str], max_n: int) -> tuple[np.ndarray, np.ndarray]:
    """Codes of every character 1..max_n-gram of each text, and the text each belongs to.

    A code packs the n-gram's characters at 21 bits each, so codes are exact and n-grams of
    different lengths never collide. N-grams do not span spaces.
    """
    joined = SEPARATOR.join(texts)
    chars = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    doc = np.cumsum(chars == 0)
    usable = (chars != 0) & (chars != _SPACE)
    codes, docs = [], []
    code = np.zeros(len(chars), dtype=np.uint64)
    ok = np.ones(len(chars), dtype=bool)
    for n in range(1, max_n + 1):
        end = len(chars) - n + 1
        if end <= 0:
            break
        code = (code[:end] << np.uint64(CHAR_BITS)) | chars[n - 1 :][:end]
        ok = ok[:end] & usable[n - 1 :][:end]
        codes.append(code[ok])
        docs.append(doc[:end][ok])
    if not codes:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    return np.concatenate(codes), np.concatenate(docs)


def decode_char_code(code: int) -> str:
    """The characters an n-gram code stands for."""
    chars = []
    while code:
        chars.append(chr(code & ((1 << CHAR_BITS) - 1)))
        code >>= CHAR_BITS
    return "".join(reversed(chars))


def _tfidf(keys: np.ndarray, n_rows: int, idf: np.ndarray, block_start: int) -> sp.csr_matrix:
    """Sublinear TF-IDF from the occurrences' keys (`models.sparse_counts`), each row
    L2-normalised per block.

    Columns before `block_start` form the first block, the rest the second.
    """
    counts = keyed_counts(keys, n_rows, len(idf))
    values = (1.0 + np.log(counts.data)) * idf[counts.indices]
    row = np.repeat(np.arange(n_rows), np.diff(counts.indptr))
    second = counts.indices >= block_start
    squares = values.astype(np.float64) ** 2
    norms = np.stack(
        [
            np.bincount(row[~second], weights=squares[~second], minlength=n_rows),
            np.bincount(row[second], weights=squares[second], minlength=n_rows),
        ]
    )
    counts.data = values / np.sqrt(norms[second.astype(np.intp), row]).astype(np.float32)
    return counts


def _text_rows(ids: np.ndarray, channel_ids: dict[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids of a batch cut in one flat list: the text breaks dropped, the channel id of
    each text that has one (row -> id) put after its words, and the row of each token."""
    breaks = ids == _BREAK_ID
    if channel_ids:
        ends = np.append(np.flatnonzero(breaks), len(ids))
        ids = np.insert(ids, ends[list(channel_ids)], list(channel_ids.values()))
        breaks = ids == _BREAK_ID
    return ids[~breaks], np.cumsum(breaks)[~breaks]


def _batch_token_ids(batch: PreparedBatch, ids_of: dict[str, int]) -> tuple[np.ndarray, np.ndarray]:
    """Id of every token of the batch (-1: not in `ids_of`, which maps TEXT_BREAK to
    _BREAK_ID), each text's channel token after its words, and the row of each token."""
    lookup = ids_of.get
    ids = np.fromiter(map(lookup, batch.words, repeat(-1)), dtype=np.int64, count=len(batch.words))
    channels = {
        row: lookup(CHANNEL_PREFIX + channel, -1)
        for row, channel in enumerate(batch.channels)
        if channel
    }
    return _text_rows(ids, channels)


def _document_frequencies(batch: PreparedBatch) -> dict[str, int]:
    """In how many texts each word (and channel token) of the batch occurs."""
    unique = dict.fromkeys(batch.words)
    unique.pop(TEXT_BREAK, None)
    unique.update(dict.fromkeys(CHANNEL_PREFIX + c for c in batch.channels if c))
    index = {word: i for i, word in enumerate(unique)}
    index[TEXT_BREAK] = _BREAK_ID
    ids, rows = _batch_token_ids(batch, index)
    size = len(unique)
    keys = np.sort(rows * size + ids)  # (text, word) pairs, each text's repeats together
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    counts = np.bincount(keys[first] % size, minlength=size)
    return dict(zip(unique, counts.tolist(), strict=True))


def _document_counts(rows: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and in how many documents each occurs.

    Among equal keys the rows must come in ascending order (they do for word pairs and for
    character n-grams), so a stable sort by key alone groups each key's documents.
    """
    order = np.argsort(keys, kind="stable")
    keys, rows = keys[order], rows[order]
    first_in_document = np.ones(len(keys), dtype=bool)
    first_in_document[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
    keys = keys[first_in_document]
    starts = run_starts(keys)
    return keys[starts], np.diff(np.r_[starts, len(keys)])


def _smooth_idf(document_frequency: np.ndarray, n_documents: int) -> np.ndarray:
    return (np.log((1 + n_documents) / (1 + document_frequency)) + 1).astype(np.float32)


class ComplaintVectorizer:
    """Turns `ComplaintText`s into one sparse TF-IDF matrix (words block, then characters).

    Words: jieba words and adjacent word pairs; for a word in the user dictionary with a tag,
    also `lexicon:<tag>`, so synonyms the training data never showed still count for their
    group; the channel as `channel:<name>`. Characters: 1..char_max_n-grams. Vector: with
    `word_vectors`, the complaint's vector, read from every word the vectors know, also the
    words too rare in the training data to have a column of their own.
    """

    def __init__(
        self,
        segmenter: Segmenter | None = None,
        char_max_n: int = 3,
        word_pairs: bool = True,
        min_df: int = 1,
        max_char_features: int = 400_000,
        max_word_features: int = 200_000,
        word_vectors: WordVectors | None = None,
        vector_weight: float = 1.0,
    ) -> None:
        self.segmenter = segmenter
        self.char_max_n = char_max_n
        self.word_pairs = word_pairs
        self.min_df = min_df
        self.max_char_features = max_char_features
        self.max_word_features = max_word_features
        self.word_vectors = word_vectors
        self.vector_weight = vector_weight

    # ----- shared steps
    def _segmenter(self) -> Segmenter:
        return self.segmenter if self.segmenter is not None else Segmenter()

    def _prepare(self, complaints: Sequence[ComplaintText]) -> PreparedBatch:
        normalised = JoinedTexts(normalise_batch([complaint.body() for complaint in complaints]))
        read = what_features_read(normalised)
        return PreparedBatch(
            normalised,
            self._segmenter().cut_batch(read),
            [complaint.channel for complaint in complaints],
            *char_ngram_codes(read, self.char_max_n),
        )

    def _lexicon(self) -> dict[str, str]:
        return {
            entry.word: LEXICON_PREFIX + entry.tag
            for entry in self._segmenter().user_words
            if entry.tag
        }

    def _prepare_batches(self, complaints: Sequence[ComplaintText]) -> list[PreparedBatch]:
        """`_prepare` in batches of BATCH_SIZE texts (at least one batch)."""
        return [
            self._prepare(complaints[start : start + BATCH_SIZE])
            for start in range(0, max(len(complaints), 1), BATCH_SIZE)
        ]

    # ----- fit
    def fit(self, complaints: Sequence[ComplaintText]) -> "ComplaintVectorizer":
        return self._fit_prepared(merged(self._prepare_batches(complaints)))

    def fit_transform(self, complaints: Sequence[ComplaintText]) -> sp.csr_matrix:
        """Fit and transform, normalising and segmenting the texts only once."""
        batches = self._prepare_batches(complaints)
        return self._fit_prepared(merged(batches))._transform_batches(batches)

    def _fit_prepared(self, batch: PreparedBatch) -> "ComplaintVectorizer":
        n_docs = len(batch.normalised.texts)
        lexicon = self._lexicon()
        # word unigrams: document frequency by counting each word once per document
        df = _document_frequencies(batch)
        df.pop(" ", None)
        kept = [w for w, count in df.items() if count >= self.min_df]
        kept.sort(key=lambda w: (-df[w], w))
        kept = kept[: self.max_word_features]
        vocabulary = {word: i for i, word in enumerate(kept)}
        for word in chain(lexicon, sorted(set(lexicon.values()))):
            vocabulary.setdefault(word, len(vocabulary))
        self.vocabulary_ = vocabulary
        self._index_tokens()
        for word, group in lexicon.items():
            self.lexicon_columns_[vocabulary[word]] = vocabulary[group]
        unigram_df = np.array([df.get(word, 0) for word in vocabulary], dtype=np.float64)
        # word pairs and character n-grams: keys, kept by document frequency
        token_ids, rows = self._token_ids(batch)
        pair_rows, pair_keys = self._pair_keys(self._vocabulary_ids(token_ids), rows)
        self.pair_keys_, pair_df = self._frequent_keys(pair_rows, pair_keys, self.max_word_features)
        self.pair_table_ = CodeTable(self.pair_keys_)
        self.char_keys_, char_df = self._frequent_keys(
            batch.char_rows, batch.char_keys, self.max_char_features
        )
        self.char_table_ = CodeTable(self.char_keys_)
        self.idf_ = _smooth_idf(np.concatenate([unigram_df, pair_df, char_df]), n_docs)
        return self

    def _index_tokens(self) -> None:
        """One id per known token: the vocabulary's words (their column), then the words only
        the word vectors know, so that one lookup per token serves every block."""
        token_ids = dict(self.vocabulary_)
        vector_rows: list[int] = []
        if self.word_vectors is not None:
            for word in self.word_vectors.words:
                token_ids.setdefault(word, len(token_ids))
            vector_rows = [self.word_vectors.index.get(token, -1) for token in token_ids]
        self.vector_rows_ = np.array(vector_rows, dtype=np.int64)
        token_ids[TEXT_BREAK] = _BREAK_ID
        self.token_ids_ = token_ids
        self.lexicon_columns_ = np.full(len(token_ids), -1, dtype=np.int32)

    def _pair_keys(self, ids: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Adjacent vocabulary word pairs as (row, key), key = id(first) * V + id(second)."""
        if not self.word_pairs or len(ids) < 2:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
        same_doc = (rows[1:] == rows[:-1]) & (ids[1:] >= 0) & (ids[:-1] >= 0)
        size = np.uint64(len(self.vocabulary_))
        keys = ids[:-1][same_doc].astype(np.uint64) * size + ids[1:][same_doc].astype(np.uint64)
        return rows[:-1][same_doc], keys

    def _frequent_keys(
        self, rows: np.ndarray, keys: np.ndarray, limit: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Keys seen in at least min_df documents, most frequent first, and their frequency.

        The rows come batch after batch, as `merged` lays them out; each batch is counted on
        its own: on 62,000 texts that takes a third less time than sorting all the keys at once.
        """
        if len(keys) == 0:
            return keys, np.zeros(0, dtype=np.float64)
        batch_starts = np.flatnonzero(np.diff(rows // BATCH_SIZE)) + 1
        counted = [
            _document_counts(batch_rows, batch_keys)
            for batch_rows, batch_keys in zip(
                np.split(rows, batch_starts), np.split(keys, batch_starts), strict=True
            )
        ]
        keys = np.concatenate([unique for unique, _ in counted])
        counts = np.concatenate([count for _, count in counted])
        order = np.argsort(keys)
        keys, counts = keys[order], counts[order]
        starts = run_starts(keys)
        unique, counts = keys[starts], np.add.reduceat(counts, starts)
        keep = counts >= self.min_df
        unique, counts = unique[keep], counts[keep]
        order = np.lexsort((unique, -counts))[:limit]
        return unique[order], counts[order].astype(np.float64)

    def _token_ids(self, batch: PreparedBatch) -> tuple[np.ndarray, np.ndarray]:
        """Id of every token (-1: unknown, see `_index_tokens`) and the row it belongs to."""
        return _batch_token_ids(batch, self.token_ids_)

    def _vocabulary_ids(self, token_ids: np.ndarray) -> np.ndarray:
        """Token ids with the words only the vectors know masked as unknown (-1)."""
        return np.where(token_ids < len(self.vocabulary_), token_ids, -1)

    def _vector_block(
        self, token_ids: np.ndarray, rows: np.ndarray, n_documents: int
    ) -> np.ndarray | None:
        """Each document's vector (see `WordVectors.document_vectors`), scaled; None without
        word vectors."""
        if self.word_vectors is None:
            return None
        vector_rows = np.where(token_ids >= 0, self.vector_rows_[np.maximum(token_ids, 0)], -1)
        documents = self.word_vectors.document_vectors(rows, vector_rows, n_documents)
        return documents * np.float32(self.vector_weight)

    # ----- transform
    def transform(self, complaints: Sequence[ComplaintText]) -> sp.csr_matrix:
        return self._transform_batches(self._prepare_batches(complaints))

    def _transform_batches(self, batches: Sequence[PreparedBatch]) -> sp.csr_matrix:
        # batch by batch: on 62,000 texts this takes about half the time of one pass over all
        return sp.vstack([self._transform_prepared(batch).joined() for batch in batches], "csr")

    def transform_with_texts(
        self, complaints: Sequence[ComplaintText]
    ) -> tuple[FeatureMatrix, JoinedTexts]:
        """The features of one batch (up to BATCH_SIZE texts), blocks apart, and the whole
        normalised texts, joined (what cues read; the features may leave clauses out, see
        `PreparedBatch`)."""
        batch = self._prepare(complaints)
        return self._transform_prepared(batch), batch.normalised

    def _transform_prepared(self, batch: PreparedBatch) -> FeatureMatrix:
        token_ids, rows = self._token_ids(batch)
        ids = self._vocabulary_ids(token_ids)
        groups = self.lexicon_columns_[np.maximum(ids, 0)]
        groups[ids < 0] = -1
        pair_rows, pair_keys = self._pair_keys(ids, rows)
        pair_cols = self.pair_table_.lookup(pair_keys)
        char_cols = self.char_table_.lookup(batch.char_keys)
        n_words = len(self.vocabulary_)
        char_start = n_words + len(self.pair_keys_)
        width = len(self.idf_)
        keys = np.concatenate(
            [
                occurrence_keys(rows, ids, width),
                occurrence_keys(rows, groups, width),
                occurrence_keys(pair_rows, pair_cols, width, n_words),
                occurrence_keys(batch.char_rows, char_cols, width, char_start),
            ]
        )
        n_documents = len(batch.normalised.texts)
        return FeatureMatrix(
            _tfidf(keys, n_documents, self.idf_, char_start),
            self._vector_block(token_ids, rows, n_documents),
        )

    def feature_names(self) -> list[str]:
        """Readable name of every term column, for explanations."""
        words = list(self.vocabulary_)
        size = len(words)
        pairs = [f"{words[int(k) // size]} {words[int(k) % size]}" for k in self.pair_keys_]
        chars = [decode_char_code(int(code)) for code in self.char_keys_]
        return words + pairs + chars
