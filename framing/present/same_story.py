"""The report's stories: the same event told by several outlets, and the near-copies among them.

:func:`story_table` finds the stories (:func:`framing.find_stories`, one more
pass over the corpus) or reads the table ``framing stories`` wrote;
:func:`same_story_table` lists, for the stories covered by the most outlets,
the labels each outlet chose for each concept
(:func:`framing.analysis.controlled.same_story_labels`), from the report's
per-document counts; :func:`apply_dedup` leaves near-copies out of those
counts under ``dedup="drop"`` or ``"keep-first"`` (:mod:`framing.count.dedup`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..analysis import dedup_mask, find_stories
from ..analysis.controlled import same_story_labels, top_stories
from ..analysis.stories import read_stories
from ..count.dedup import DedupMode, looks_for_copies
from ..engines import Engine
from ..errors import FramingError
from ..utils import plural

__all__ = ["TOP_STORIES", "apply_dedup", "listed_note", "same_story_table", "story_table",
           "top_story_ids"]

#: Stories the report's same-story section shows (those covered by the most outlets).
TOP_STORIES = 10


def story_table(corpus: Any, stories: Any, *, window_days: int, threshold: float,
                engine: Engine | None, show_progress: bool | None) -> Any:
    """The stories table: ``stories`` itself (a DataFrame), read from its path, or found in ``corpus``."""
    import pandas as pd

    if isinstance(stories, pd.DataFrame):
        return stories
    if isinstance(stories, str | Path):
        return read_stories(stories)
    return find_stories(corpus, window_days=window_days, threshold=threshold, engine=engine,
                        show_progress=show_progress)


def top_story_ids(stories: Any) -> frozenset[str]:
    """The ``doc_id`` of every document of the stories the section shows."""
    chosen = stories[stories["story_id"].isin(top_stories(stories, top=TOP_STORIES))]
    return frozenset(chosen["doc_id"].astype(str))


def listed_note(stories: Any, documents: Any) -> str:
    """A sentence for the page when the stories table leaves out documents of the corpus, else "".

    Raises
    ------
    FramingError
        The table lists none of the corpus's documents (it was written for another corpus, or
        with other ids).
    """
    ids = documents["doc_id"].astype(str)
    unlisted = int((~ids.isin(set(stories["doc_id"].astype(str)))).sum())
    if unlisted and unlisted == len(ids):
        raise FramingError(f"the stories table lists none of the {len(ids):,} documents of this corpus (ids "
                           f"such as {ids.iloc[0]!r}); write it for this corpus with 'framing stories "
                           "PATH... -o stories.csv', with the same --id-col.")
    if not unlisted:
        return ""
    return (f"The stories table does not list {unlisted:,} of the {len(ids):,} documents: each counts as a "
            "story of its own and as no near-copy.")


def apply_dedup(documents: Any, stories: Any, dedup: DedupMode) -> tuple[Any, str]:
    """The documents ``dedup`` keeps, and a sentence for the page about the near-copies.

    Raises
    ------
    FramingError
        ``dedup`` leaves documents out but their ids are not unique (a near-copy
        could not be told from another document with its id).
    """
    if not looks_for_copies(dedup):
        return documents, "Near-copies were not looked for (--dedup off): every document is counted."
    dup = stories["duplicate_of"].fillna("").astype(str) != ""
    note = (f"Near-copies: {int(dup.sum()):,} of {len(stories):,} documents nearly copy an earlier one "
            f"(--dedup {dedup}: ")
    if dedup == "flag":
        return documents, note + "all counted; copies.csv lists them per pair of outlets)."
    ids = documents["doc_id"].astype(str)
    if ids.duplicated().any():
        raise FramingError(f"--dedup {dedup} needs unique document ids; {int(ids.duplicated().sum()):,} "
                           "repeat one. Name a unique id column with --id-col, or use --dedup flag.")
    keep = dedup_mask(stories, dedup)
    kept = documents[ids.map(keep).fillna(True).astype(bool).to_numpy()].reset_index(drop=True)
    n = len(documents) - len(kept)
    left = (plural(n, "near-copy", "near-copies") if dedup == "keep-first"
            else plural(n, "document") + " of copy sets (originals and near-copies)")
    return kept, note + f"{left} left out of the counts)."


def same_story_table(stories: Any, documents: Any) -> Any:
    """Per story shown × concept × outlet, the labels chosen, from the documents' label counts."""
    import numpy as np
    import pandas as pd

    columns = [c for c in documents.columns if ":" in c]
    counts = documents[columns].to_numpy()
    rows, cols = np.nonzero(counts)
    n = counts[rows, cols]
    concept_label = [columns[c].split(":", 1) for c in cols]
    hits = pd.DataFrame({
        "doc_id": np.repeat(documents["doc_id"].astype(str).to_numpy()[rows], n),
        "concept": np.repeat(np.array([c for c, _ in concept_label], dtype=object), n),
        "label": np.repeat(np.array([lab for _, lab in concept_label], dtype=object), n),
    })
    return same_story_labels(stories, hits, top=TOP_STORIES)
