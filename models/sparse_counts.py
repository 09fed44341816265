"""Occurrence counts as a sparse matrix, built without scipy's conversion from (row, column)
pairs, which is the dearest step of scoring."""

import numpy as np
import scipy.sparse as sp


def keyed_counts(keys: np.ndarray, n_rows: int, n_columns: int) -> sp.csr_matrix:
    """CSR counts of each (row, column) pair, indices sorted within each row, from the key
    `row * n_columns + column` of every occurrence.

    The occurrences may come in any order; they come in a few runs of ascending rows, which a
    stable sort of the keys merges faster than scipy sorts and sums each row.
    """
    keys = np.sort(keys, kind="stable")
    starts = run_starts(keys)
    counts = np.diff(np.append(starts, len(keys))).astype(np.float32)
    unique = keys[starts]
    unique_rows = unique // n_columns
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(unique_rows, minlength=n_rows), out=indptr[1:])
    indices = (unique - unique_rows * n_columns).astype(np.int32)
    return sp.csr_matrix((counts, indices, indptr), shape=(n_rows, n_columns))


def occurrence_keys(
    rows: np.ndarray, columns: np.ndarray, n_columns: int, column_offset: int = 0
) -> np.ndarray:
    """The key of each occurrence whose column is known (not negative), its column moved by
    `column_offset` (where a block starts in the matrix)."""
    known = columns >= 0
    return rows[known].astype(np.int64) * n_columns + (columns[known] + column_offset)


def run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Where each run of equal values begins in a sorted array."""
    first = np.ones(len(sorted_values), dtype=bool)
    np.not_equal(sorted_values[1:], sorted_values[:-1], out=first[1:])
    return np.flatnonzero(first)
