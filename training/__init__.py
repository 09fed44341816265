"""Datasets, training, evaluation and the `tousu` command line."""
