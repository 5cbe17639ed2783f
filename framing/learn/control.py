"""``framing train --control style|stories``: loadedness without house style, folds without shared stories.

``style``
    each n-gram feature of the loadedness table gets its house-style
    ``term_kind`` (:mod:`framing.analysis.kinds`: the class's own name,
    formulas, spelling habits, or ``content``, learned from the corpus by
    :func:`~framing.analysis.style.learn_self_names` and
    :func:`~framing.analysis.style.hamza_variants`, grouped by the target);
    each class's rows are ranked, the rows that are not ``content`` set
    aside, then cut at ``top``.
``stories``
    the folds keep every story (:func:`framing.analysis.find_stories`)
    together, and every near-copy with its original's story, so no wire copy
    sits on both sides of a split; and each class's features are ranked by
    their log-odds *within* stories (the stratified z of
    :func:`framing.analysis.controlled.log_odds_within_stories` on the
    documents that have the feature, one stratum per story the class shares
    with another class) instead of the classifier's weight.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..analysis.kinds import fold_hamza, term_kinds
from ..analysis.stories import find_stories, read_stories
from ..analysis.style import hamza_variants, learn_self_names
from ..engines import Engine
from ..errors import FramingError
from ..text import Normalizer, light_stems

__all__ = ["CONTROLS", "check_control", "stories_table", "story_groups", "style_kinds"]

CONTROLS = ("none", "style", "stories")


def check_control(control: str | Sequence[str]) -> frozenset[str]:
    """The controls asked for (``"none"``, or ``"style"`` and/or ``"stories"``)."""
    asked = frozenset([control] if isinstance(control, str) else control)
    bad = sorted(asked - set(CONTROLS))
    if bad or ("none" in asked and len(asked) > 1):
        raise FramingError(f"The 'control' parameter must be 'none', 'style', 'stories' or both of the last "
                           f"two. Got {sorted(asked)!r} instead.")
    return asked - {"none"}


def stories_table(corpus: Any, stories: Any, engine: Engine | None) -> Any:
    """The stories table given (a DataFrame or a file), or found on ``corpus``."""
    if stories is None:
        return find_stories(corpus, engine=engine)
    return stories if hasattr(stories, "columns") else read_stories(stories)


def story_groups(doc_ids: Sequence[str], stories: Any) -> tuple[np.ndarray, int]:
    """Each document's fold group: its story, joined with the story of the original it nearly copies.

    Returns the groups (as text) and how many documents the table does not list (each is then a
    group of its own).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "story_id": [1, 2, 2, 3],
    ...                   "duplicate_of": ["", "", "a", ""]})
    >>> groups, missing = story_groups(["a", "b", "c", "d", "e"], t)
    >>> len(set(groups[:3])), groups[3] != groups[0], missing
    (1, True, 1)
    """
    ids = stories["doc_id"].astype(str).tolist()
    story = dict(zip(ids, stories["story_id"].astype(str), strict=True))
    parent = {s: s for s in set(story.values())}

    def root(s: str) -> str:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for doc, original in zip(ids, stories["duplicate_of"].fillna("").astype(str), strict=True):
        if original and original in story:
            a, b = root(story[doc]), root(story[original])
            if a != b:
                parent[max(a, b)] = min(a, b)
    out = np.array([f"story {root(story[d])}" if d in story else f"\x00{d}" for d in doc_ids], dtype=object)
    return out, sum(1 for d in doc_ids if d not in story)


def style_kinds(corpus: Any, by: str) -> Callable[[Sequence[str], Sequence[str]], list[str]]:
    """A function ``(classes, n-gram features) -> kinds``, from the corpus grouped by ``by``.

    The features are the analyser's normalised, clitic-stripped n-grams; the
    spelling variants are merged by stem to match them.
    """
    names = learn_self_names(corpus, by=by)
    forms = hamza_variants(corpus, by=by)
    stems = light_stems(list(forms), teh_marbuta=Normalizer().teh_marbuta_char) if forms else []
    by_stem: dict[str, Counter[str]] = defaultdict(Counter)
    for form, stem in zip(forms, stems, strict=True):
        by_stem[stem].update(forms[form])
    twins = Counter(fold_hamza(s) for s in by_stem)
    variants = {s: dict(c) for s, c in by_stem.items() if twins[fold_hamza(s)] > 1}

    def kinds(classes: Sequence[str], terms: Sequence[str]) -> list[str]:
        return term_kinds(classes, terms, self_names=names, variants=variants, stemmed=True)

    return kinds
