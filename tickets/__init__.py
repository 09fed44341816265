"""The complaint domain shared by intake and serving: taxonomy, records, paths."""
