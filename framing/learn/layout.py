"""The columns of a :class:`~framing.learn.vectorizer.LexiconVectorizer`.

Which features a lexicon gives at each level (their names and what each
stands for), and the sparse maps that turn a document's hits of the
matcher's term patterns into those columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import scipy.sparse as sp

from ..lexicon import Lexicon
from ..match import TermInfo

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FEATURE_INFO_COLUMNS",
    "LEVELS",
    "VALUES",
    "FeatureLayout",
    "Level",
    "Value",
    "feature_info_table",
    "feature_layout",
    "feature_names",
]

Level = Literal["term", "label", "concept"]
Value = Literal["count", "rate", "share"]
LEVELS = ("term", "label", "concept")
VALUES = ("count", "rate", "share")
#: Columns of ``LexiconVectorizer.feature_info()`` (:mod:`framing.learn.vectorizer`).
FEATURE_INFO_COLUMNS = ["feature", "kind", "concept", "label", "term", "pole"]


def base_names(lexicon: Lexicon, level: str) -> list[str]:
    """The feature names of one level, before the stance columns."""
    if level == "concept":
        return [c.id for c in lexicon.concepts]
    if level == "label":
        return [f"{lab.concept}:{lab.id}" for lab in lexicon.labels]
    names: dict[str, None] = {}
    for lab in lexicon.labels:
        for term in lab.terms:
            names.setdefault(f"{lab.concept}:{lab.id}:{term.text}", None)
    return list(names)


def feature_names(lexicon: Lexicon, level: str, *, stance: bool) -> list[str]:
    """Every feature name in column order: ``concept:label[:term]`` or ``concept``, then ``stance:<concept>``.

    Examples
    --------
    >>> from framing.lexicon import load_lexicon
    >>> feature_names(load_lexicon("tests/data/mini.yaml"), "concept", stance=True)[-1]
    'stance:claims'
    """
    names = base_names(lexicon, level)
    if stance:
        names += [f"stance:{c.id}" for c in lexicon.concepts]
    return names


def feature_info_table(lexicon: Lexicon, level: str, *, stance: bool) -> pd.DataFrame:
    """One row per feature, in column order: :data:`FEATURE_INFO_COLUMNS`.

    ``kind`` is the level (``term``, ``label``, ``concept``) or ``stance``;
    ``term`` is the term's text for term features and empty otherwise;
    ``pole`` is empty (NaN) for concept and stance features.
    """
    import pandas as pd

    rows: list[tuple[str, str, str, str, str, float]] = []
    if level == "concept":
        rows += [(c.id, "concept", c.id, "", "", np.nan) for c in lexicon.concepts]
    else:
        seen: set[str] = set()
        for concept in lexicon.concepts:
            for label in concept.labels:
                if level == "label":
                    rows.append((f"{concept.id}:{label.id}", "label", concept.id, label.id, "",
                                 label.pole))
                    continue
                for term in label.terms:
                    name = f"{concept.id}:{label.id}:{term.text}"
                    if name not in seen:
                        seen.add(name)
                        rows.append((name, "term", concept.id, label.id, term.text, label.pole))
    if stance:
        rows += [(f"stance:{c.id}", "stance", c.id, "", "", np.nan) for c in lexicon.concepts]
    return pd.DataFrame(rows, columns=FEATURE_INFO_COLUMNS)


@dataclass(frozen=True)
class FeatureLayout:
    """Sparse maps from the matcher's term patterns (rows) to columns.

    ``hits @ to_feature`` gives the base features, ``hits @ to_concept`` the
    hits per concept and ``hits @ to_concept_poles`` their summed poles;
    ``feature_concept[j]`` is the concept (column of ``to_concept``) of base
    feature ``j``.
    """

    to_feature: sp.csr_matrix
    to_concept: sp.csr_matrix
    to_concept_poles: sp.csr_matrix
    feature_concept: np.ndarray


def feature_layout(terms: Sequence[TermInfo], concepts: Sequence[str], vocabulary: Mapping[str, int],
                   level: str, n_base: int) -> FeatureLayout:
    """The :class:`FeatureLayout` of a matcher's ``terms`` for the columns in ``vocabulary``.

    Parameters
    ----------
    terms : sequence of TermInfo
        ``Matcher.terms``: one entry per term pattern, in the matcher's order.
    concepts : sequence of str
        Concept ids in column order.
    vocabulary : mapping
        Feature name → column index (``LexiconVectorizer.vocabulary_``).
    level : {"term", "label", "concept"}
    n_base : int
        Number of base (non-stance) columns.
    """
    concept_index = {c: i for i, c in enumerate(concepts)}
    n_terms = len(terms)
    feature_of_term = np.empty(n_terms, dtype=np.intp)
    feature_concept = np.zeros(n_base, dtype=np.intp)
    for t, info in enumerate(terms):
        if level == "concept":
            name = info.concept
        elif level == "label":
            name = f"{info.concept}:{info.label}"
        else:
            name = f"{info.concept}:{info.label}:{info.term}"
        feature_of_term[t] = vocabulary[name]
        feature_concept[vocabulary[name]] = concept_index[info.concept]
    concept_of_term = np.array([concept_index[i.concept] for i in terms], dtype=np.intp)
    poles = np.array([i.pole for i in terms], dtype=np.float64)
    ones = np.ones(n_terms)
    idx = np.arange(n_terms)
    return FeatureLayout(
        to_feature=sp.csr_matrix((ones, (idx, feature_of_term)), shape=(n_terms, n_base)),
        to_concept=sp.csr_matrix((ones, (idx, concept_of_term)), shape=(n_terms, len(concepts))),
        to_concept_poles=sp.csr_matrix((poles, (idx, concept_of_term)),
                                       shape=(n_terms, len(concepts))),
        feature_concept=feature_concept,
    )
