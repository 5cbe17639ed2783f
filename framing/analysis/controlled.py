"""Distinctive terms controlled for agenda, and the "same story" table of the report.

:func:`log_odds_within_stories` is what ``discover --control stories`` (and
``train --control stories``) compute from per-document term counts: for each
group against all others, the stratified log-odds z of
:func:`framing.analysis.stats.log_odds_stratified` with one stratum per story
covered by the group and at least one other group. :func:`same_story_labels`
lays out, for the stories most outlets covered, the labels each outlet chose
for each concept (the report's "same story" section).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import FramingError
from .stats import log_odds_stratified

__all__ = ["SAME_STORY_COLUMNS", "log_odds_within_stories", "same_story_labels", "story_strata",
           "top_stories"]

SAME_STORY_COLUMNS = ["story_id", "n_outlets", "concept", "outlet", "labels", "hits", "doc_ids"]


def story_strata(counts: Any, story: Any, first: Any) -> tuple[Any, Any, np.ndarray]:
    """Per-story term counts of one group and of the others: ``(y_i, y_j, story labels)``.

    Parameters
    ----------
    counts : array or scipy sparse matrix of shape (documents, terms)
    story : array of shape (documents,)
        Each document's story.
    first : bool array of shape (documents,)
        True for the documents of the group.

    Returns
    -------
    (y_i, y_j, stories)
        Sparse matrices of shape (stories, terms): the group's counts and the
        other documents' counts in each story, over the stories that hold
        documents of both; ``stories`` names them (sorted).

    Examples
    --------
    >>> y_i, y_j, names = story_strata(np.array([[1, 0], [0, 2], [3, 3]]), [7, 7, 8],
    ...                                [True, False, True])
    >>> y_i.toarray().tolist(), y_j.toarray().tolist(), names.tolist()
    ([[1.0, 0.0]], [[0.0, 2.0]], [7])
    """
    import pandas as pd
    from scipy import sparse

    counts = sparse.csr_matrix(counts, dtype=np.float64)
    first = np.asarray(first, dtype=bool)
    codes, names = pd.factorize(pd.Series(np.asarray(story)), sort=True)
    n = len(names)
    both = (np.bincount(codes[first], minlength=n) > 0) & (np.bincount(codes[~first], minlength=n) > 0)
    index = np.full(n, -1)
    index[both] = np.arange(int(both.sum()))
    row = index[codes]
    keep = row >= 0

    def gather(mask: np.ndarray) -> Any:
        picked = np.flatnonzero(keep & mask)
        indicator = sparse.csr_matrix((np.ones(len(picked)), (row[picked], picked)),
                                      shape=(int(both.sum()), counts.shape[0]))
        return (indicator @ counts).tocsr()

    return gather(first), gather(~first), np.asarray(names)[both]


def log_odds_within_stories(counts: Any, story: Any, group: Any, *, prior_scale: float = 1.0
                            ) -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    """Each group's stratified log-odds and z against all other groups, within the stories they share.

    Parameters
    ----------
    counts : array or scipy sparse matrix of shape (documents, terms)
        Term counts per document (unigrams or n-grams).
    story, group : arrays of shape (documents,)
        Each document's story (``story_id`` of :func:`framing.analysis.find_stories`)
        and group.
    prior_scale : float
        See :func:`~framing.analysis.stats.log_odds_stratified`.

    Returns
    -------
    dict
        ``{group: (delta, z, n_stories)}``; ``delta`` and ``z`` have one value
        per term (NaN for a term absent from every shared story).

    Raises
    ------
    FramingError
        Arrays of different lengths.

    Examples
    --------
    Outlet a covers story 1 more, b story 2; within each story they write alike:

    >>> counts = np.array([[4, 0, 2], [4, 0, 2], [2, 0, 1], [0, 4, 2], [0, 2, 1], [0, 4, 2]])
    >>> out = log_odds_within_stories(counts, [1, 1, 1, 2, 2, 2], ["a", "a", "b", "a", "b", "b"])
    >>> bool(np.abs(out["a"][1]).max() < 1e-9), out["a"][2]
    (True, 2)
    """
    group = np.asarray(group).astype(str)
    story = np.asarray(story)
    n_docs = counts.shape[0]
    if not len(story) == len(group) == n_docs:
        raise FramingError(f"counts, story and group must have one row per document; got {n_docs}, "
                           f"{len(story)} and {len(group)} rows.")
    out = {}
    for name in sorted(set(group.tolist())):
        y_i, y_j, _ = story_strata(counts, story, group == name)
        out[name] = log_odds_stratified(y_i, y_j, prior_scale=prior_scale)
    return out


def top_stories(stories: Any, *, top: int = 10, min_outlets: int = 2) -> list[Any]:
    """The ``story_id`` of the ``top`` stories covered by the most outlets (at least
    ``min_outlets``), then with the most documents, then the smallest ``story_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> stories = pd.DataFrame({"story_id": [1, 1, 2, 2, 2, 3], "n_outlets": [2, 2, 2, 2, 2, 1],
    ...                         "story_size": [2, 2, 3, 3, 3, 1]})
    >>> top_stories(stories), top_stories(stories, top=1), top_stories(stories, min_outlets=1)
    ([2, 1], [2], [2, 1, 3])
    """
    heads = (stories.drop_duplicates("story_id")
             .query("n_outlets >= @min_outlets")
             .sort_values(["n_outlets", "story_size", "story_id"], ascending=[False, False, True])
             .head(top))
    return heads["story_id"].tolist()


def same_story_labels(stories: Any, hits: Any, *, top: int = 10, min_outlets: int = 2) -> Any:
    """The labels each outlet chose for each concept in the stories most outlets covered.

    Parameters
    ----------
    stories : DataFrame
        :func:`framing.analysis.find_stories`'s table (``doc_id``, ``outlet``,
        ``story_id``, ``n_outlets``, ``story_size``).
    hits : DataFrame
        :func:`framing.find_hits`'s table (``doc_id``, ``concept``, ``label``),
        already filtered as the report counts (e.g. own voice).
    top : int
        How many stories: those with the most outlets, then the most
        documents, then the smallest ``story_id``.
    min_outlets : int
        Only stories covered by at least this many outlets.

    Returns
    -------
    DataFrame
        :data:`SAME_STORY_COLUMNS`: one row per story × concept × outlet with
        hits; ``labels`` lists the outlet's labels as ``label (n)``, most used
        first; ``doc_ids`` the outlet's documents in the story that have a hit
        of the concept (``;``-separated, for links to the texts).

    Examples
    --------
    >>> import pandas as pd
    >>> stories = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet": ["x", "y", "y"],
    ...                         "story_id": [1, 1, 2], "n_outlets": [2, 2, 1], "story_size": [2, 2, 1]})
    >>> hits = pd.DataFrame({"doc_id": ["a", "a", "b"], "concept": ["victims"] * 3,
    ...                      "label": ["martyrs", "martyrs", "dead"]})
    >>> same_story_labels(stories, hits)[["outlet", "labels"]].values.tolist()
    [['x', 'martyrs (2)'], ['y', 'dead (1)']]
    """
    import pandas as pd

    for table, cols, what in ((stories, ("doc_id", "outlet", "story_id", "n_outlets", "story_size"),
                               "the stories table of framing.find_stories"),
                              (hits, ("doc_id", "concept", "label"), "the hits table of framing.find_hits")):
        missing = [c for c in cols if c not in table.columns]
        if missing:
            raise FramingError(f"a table lacks column(s) {', '.join(map(repr, missing))}; give {what}.")
    heads = top_stories(stories, top=top, min_outlets=min_outlets)
    chosen = stories[stories["story_id"].isin(heads)][["doc_id", "outlet", "story_id", "n_outlets"]]
    found = hits.astype({"doc_id": str})[["doc_id", "concept", "label"]]
    merged = chosen.astype({"doc_id": str}).merge(found, on="doc_id")
    if merged.empty:
        return pd.DataFrame(columns=SAME_STORY_COLUMNS)
    rows = []
    for (sid, n_out, concept, outlet), part in merged.groupby(["story_id", "n_outlets", "concept", "outlet"],
                                                              sort=False):
        counted = part["label"].value_counts()
        counted = counted.sort_index().sort_values(ascending=False, kind="stable")
        labels = "; ".join(f"{label} ({n})" for label, n in counted.items())
        rows.append((sid, n_out, concept, outlet, labels, len(part),
                     ";".join(sorted(part["doc_id"].unique()))))
    order = {sid: k for k, sid in enumerate(heads)}
    table = pd.DataFrame(rows, columns=SAME_STORY_COLUMNS)
    table["_order"] = table["story_id"].map(order)
    return (table.sort_values(["_order", "concept", "outlet"]).drop(columns="_order")
            .reset_index(drop=True))
