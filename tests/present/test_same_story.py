"""The report's stories: the same-story table from the documents' counts, and --dedup."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.errors import FramingError
from framing.present.same_story import apply_dedup, same_story_table, top_story_ids

STORIES = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d", "e"], "outlet": ["x", "y", "z", "x", "y"],
    "story_id": [1, 1, 1, 2, 3], "story_size": [3, 3, 3, 1, 1], "n_outlets": [3, 3, 3, 1, 1],
    "duplicate_of": ["", "a", "", "", ""],
})
DOCUMENTS = pd.DataFrame({
    "doc": range(5), "doc_id": ["a", "b", "c", "d", "e"], "outlet": ["x", "y", "z", "x", "y"],
    "n_tokens": [100] * 5,
    "the_dead:martyr": [2, 0, 0, 5, 0], "the_dead:dead": [0, 1, 3, 0, 0], "israel:entity": [0, 0, 1, 0, 4],
})


def test_same_story_table_counts_each_outlets_labels_in_the_shared_stories() -> None:
    table = same_story_table(STORIES, DOCUMENTS)
    assert table[["concept", "outlet", "labels", "hits", "doc_ids"]].values.tolist() == [
        ["israel", "z", "entity (1)", 1, "c"],
        ["the_dead", "x", "martyr (2)", 2, "a"],
        ["the_dead", "y", "dead (1)", 1, "b"],
        ["the_dead", "z", "dead (3)", 3, "c"],
    ]
    assert set(table["story_id"]) == {1}  # stories of one outlet are not shown
    assert top_story_ids(STORIES) == {"a", "b", "c"}


@pytest.mark.parametrize(("mode", "kept"), [("flag", list("abcde")), ("keep-first", list("acde")),
                                            ("drop", list("cde"))])
def test_dedup_leaves_out_what_it_says(mode: str, kept: list[str]) -> None:
    documents, note = apply_dedup(DOCUMENTS, STORIES, mode)  # type: ignore[arg-type]
    assert documents["doc_id"].tolist() == kept
    assert note.startswith("Near-copies: 1 of 5 documents nearly copy an earlier one")


def test_dedup_needs_unique_ids() -> None:
    twice = DOCUMENTS.assign(doc_id=["a", "a", "c", "d", "e"])
    with pytest.raises(FramingError, match="unique document ids"):
        apply_dedup(twice, STORIES, "drop")


def test_documents_the_stories_table_does_not_list_are_said() -> None:
    from framing.present.same_story import listed_note

    assert listed_note(STORIES, DOCUMENTS) == ""
    more = pd.concat([DOCUMENTS, DOCUMENTS.iloc[:1].assign(doc_id="z")], ignore_index=True)
    assert listed_note(STORIES, more).startswith("The stories table does not list 1 of the 6 documents")
    with pytest.raises(FramingError, match="lists none of the 5 documents"):
        listed_note(STORIES, DOCUMENTS.assign(doc_id=list("vwxyz")))
