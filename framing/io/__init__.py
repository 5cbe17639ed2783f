"""Reading and writing: documents, corpora in every format, grouping maps, output tables."""

from __future__ import annotations

from .corpus import Corpus, Document, ReadReport, as_corpus, load_sample, read_corpus, sample_path
from .groups import group_key, read_groups
from .records import write_records, write_rows
from .write import Outputs, output_format, write_table, write_tables

__all__ = [
    "Corpus",
    "Document",
    "Outputs",
    "ReadReport",
    "as_corpus",
    "group_key",
    "load_sample",
    "output_format",
    "read_corpus",
    "read_groups",
    "sample_path",
    "write_records",
    "write_rows",
    "write_table",
    "write_tables",
]
