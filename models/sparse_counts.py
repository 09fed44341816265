"""Occurrence counts as a sparse matrix, built without scipy's conversion from (row, column)
pairs, which is the dearest step of scoring when the occurrences already come row by row."""

import numpy as np
import scipy.sparse as sp


def row_counts_matrix(
    occurrences_per_row: np.ndarray, columns: np.ndarray, n_columns: int
) -> sp.csr_matrix:
    """CSR counts of each (row, column): `columns` lists each row's occurrences, row after row,
    and `occurrences_per_row` says how many each row has. Repeated columns are summed."""
    indptr = np.zeros(len(occurrences_per_row) + 1, dtype=np.int64)
    np.cumsum(occurrences_per_row, out=indptr[1:])
    counts = sp.csr_matrix(
        (np.ones(len(columns), dtype=np.float32), columns, indptr),
        shape=(len(occurrences_per_row), n_columns),
    )
    counts.sum_duplicates()
    return counts
