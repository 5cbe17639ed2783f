"""Compare groups of documents (outlets, outlet families, months) with honest uncertainty.

:func:`compare` answers "does outlet A name this differently from outlet B,
and how sure are we?" with four tables, all computed from one documents ×
labels count matrix (:func:`framing.count.scoring.score_documents`).

The stance index
    For group *g* and concept *c*, the **stance** is the mean pole of the
    group's hits of *c*: ``sum_l pole_l * hits_l / sum_l hits_l`` over the
    labels *l* of *c*. It lies in [-1, +1]; -1 means every mention used a
    label at the concept's negative end (e.g. *delegitimising*). It weights
    every *hit* equally, so long articles that mention the concept often
    weigh more. Alternatives, not computed here but easy from
    ``framing score``'s documents table: the mean of per-document stances
    (every article weighs the same), the log-ratio of positive to negative
    hits (unbounded, undefined when one side is absent), or the share of the
    dominant label (see ``shares``).

Confidence intervals
    The hits of one article are not independent (an outlet's house style
    repeats within an article), so intervals come from a **document-level
    (cluster) bootstrap** (Field & Welsh 2007): documents of a group are
    resampled with replacement ``n_boot`` times (default 2,000) and every
    statistic is recomputed as a ratio of resampled sums. Intervals are
    **percentile** intervals (Efron & Tibshirani 1993, ch. 13); BCa
    (ch. 14) is the usual refinement when the bootstrap distribution is
    skewed. At a boundary (a share of 0 or 1) percentile intervals collapse
    to a point; read them with the ``hits`` column.

Pairwise tests
    For each concept and each pair of groups: the stance difference A − B,
    its bootstrap interval (the two groups resampled independently), a
    **permutation test** p-value (group labels shuffled over the two
    groups' documents ``n_perm`` times, default 5,000; ``p = (1 + #extreme)
    / (1 + n_perm)``, Phipson & Smyth 2010), the Benjamini–Hochberg q-value
    over every test in the table (Benjamini & Hochberg 1995), and **Cohen's
    h** (Cohen 1988) on the stances rescaled to [0, 1] (``(stance + 1) /
    2``): for a concept whose labels are all −1 or +1 this is exactly
    Cohen's h for the share of positive-pole hits; it stays finite when a
    group uses one label only, where a standardised mean difference would be
    infinite.

Too few hits
    A group × concept with fewer than ``min_hits`` hits, or whose hits all
    come from a single document (a cluster bootstrap cannot estimate the
    variance from one cluster), is kept with its point estimate and
    ``too_few_hits = True``; its interval, p-value, q-value and effect size
    are left empty rather than made up. For ``rates`` the rule applies to
    the label's own hits.

Randomness is seeded (``seed``) and each group, pair and concept draws from
its own stream, and documents are put in ``doc_id`` order first, so results
do not depend on the order of the input rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

from ..count import count_documents
from ..engines import Engine
from ..errors import FramingError
from ..io import ReadReport, as_corpus, read_groups
from ..lexicon import Lexicon
from ..match import Matcher
from .stats import (
    bh_adjust,
    bootstrap_sums,
    cohens_h,
    percentile_interval,
    permutation_test_ratio,
    rng_for,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PAIRWISE_COLUMNS",
    "RATE_COLUMNS",
    "SHARE_COLUMNS",
    "STANCE_COLUMNS",
    "CompareResult",
    "compare",
    "compare_documents",
    "read_groups",
]

STANCE_COLUMNS = ["group", "concept", "stance", "ci_low", "ci_high", "hits", "docs", "tokens",
                  "too_few_hits"]
SHARE_COLUMNS = ["group", "concept", "label", "pole", "share", "ci_low", "ci_high", "hits",
                 "concept_hits", "too_few_hits"]
RATE_COLUMNS = ["group", "concept", "label", "pole", "rate_per_1k_tokens", "ci_low", "ci_high", "hits",
                "tokens", "too_few_hits"]
PAIRWISE_COLUMNS = ["concept", "group_a", "group_b", "stance_a", "stance_b", "difference",
                    "ci_low", "ci_high", "p_value", "q_value", "cohens_h", "hits_a", "hits_b",
                    "too_few_hits"]


@dataclass
class CompareResult:
    """The four tables of :func:`compare`.

    Unpacks as ``stance, shares, rates, pairwise = compare(...)``; ``tables``
    maps the file names used by ``framing compare`` to the tables.
    """

    stance: pd.DataFrame
    shares: pd.DataFrame
    rates: pd.DataFrame
    pairwise: pd.DataFrame
    report: ReadReport | None = None
    settings: dict[str, Any] = field(default_factory=dict)

    def __iter__(self) -> Iterator[pd.DataFrame]:
        return iter((self.stance, self.shares, self.rates, self.pairwise))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """``{"stance": ..., "shares": ..., "rates": ..., "pairwise": ...}``."""
        return {"stance": self.stance, "shares": self.shares, "rates": self.rates,
                "pairwise": self.pairwise}


def _check_settings(n_boot: int, n_perm: int, min_hits: int, level: float) -> None:
    for name, value in (("n_boot", n_boot), ("n_perm", n_perm)):
        if not isinstance(value, (int, np.integer)) or value < 1:
            raise FramingError(f"The {name!r} parameter must be a positive integer. Got {value!r} instead.")
    if not isinstance(min_hits, (int, np.integer)) or min_hits < 0:
        raise FramingError(f"The 'min_hits' parameter must be an integer >= 0. Got {min_hits!r} instead.")
    if not 0.0 < float(level) < 1.0:
        raise FramingError(f"The 'level' parameter must be between 0 and 1. Got {level!r} instead.")


def compare(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    min_hits: int = 10,
    level: float = 0.95,
    voice: str = "own",
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> CompareResult:
    """Compare how groups of documents name each concept, with intervals and tests.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        Default: the bundled ``arabic-conflict`` lexicon.
    by : str
        Grouping: ``"outlet"``, ``"month"``, ``"year"`` or any input column.
    groups : mapping, optional
        Map from the ``by`` value to a group (e.g. outlet → outlet family);
        see :func:`~framing.io.groups.read_groups`.
    n_boot : int
        Bootstrap resamples of documents (default 2,000; use at least 1,000).
    n_perm : int
        Permutations per test (default 5,000; use at least 2,000).
    seed : int
        Seed of every random draw; the same seed gives the same tables.
    min_hits : int
        Below this many hits a group × concept is flagged ``too_few_hits``.
    level : float
        Confidence level of the intervals (default 0.95).
    voice : {"own", "quoted", "reported", "all"}
        Whose words to count, as in :func:`framing.score`. Default ``"own"``:
        the outlet's narration, not the words it quotes or reports.
    show_progress : bool, optional
        Progress bar on stderr (default: when stderr is a terminal).
    jobs : int
        Count the documents in this many worker processes (``0``: every
        core); the tables are identical to ``jobs=1``.
    engine : Engine, optional
        Where to count instead: a :class:`framing.engines.LocalEngine` or
        :class:`framing.engines.DaskEngine` (see ``docs/cluster.md``). The
        per-document counts come back as an int32 documents × labels matrix
        (4 bytes per label per document); the statistics then run in this
        process.

    Returns
    -------
    CompareResult
        ``stance`` (one row per group × concept: :data:`STANCE_COLUMNS`),
        ``shares`` (group × concept × label share of the concept's hits:
        :data:`SHARE_COLUMNS`), ``rates`` (hits per 1,000 tokens:
        :data:`RATE_COLUMNS`) and ``pairwise`` (concept × pair of groups:
        :data:`PAIRWISE_COLUMNS`). The statistics are defined in the module
        docstring.

    Raises
    ------
    FramingError
        No documents, or invalid settings.

    References
    ----------
    Efron & Tibshirani (1993); Field & Welsh (2007); Phipson & Smyth (2010);
    Benjamini & Hochberg (1995); Cohen (1988). Full references in
    :mod:`framing.analysis.stats`.

    Examples
    --------
    >>> stance, shares, rates, pairwise = compare(load_sample(), n_boot=200, n_perm=200)  # doctest: +SKIP
    """
    _check_settings(n_boot, n_perm, min_hits, level)
    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    counted = count_documents(corpus, matcher, by=by, groups=groups, voice=voice, jobs=jobs, engine=engine,
                              show_progress=show_progress)
    result = _compare(counted.doc_ids, counted.groups, counted.n_tokens, counted.counts, matcher.lexicon,
                      n_boot=n_boot, n_perm=n_perm, seed=seed, min_hits=min_hits, level=level)
    result.report = corpus.report
    result.settings.update(by=by, voice=voice)
    return result


def compare_documents(
    documents: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    group_col: str | None = None,
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    min_hits: int = 10,
    level: float = 0.95,
) -> CompareResult:
    """:func:`compare` from a documents table already counted by :func:`framing.score`.

    Parameters
    ----------
    documents : DataFrame
        ``doc_id``, a group column, ``n_tokens`` and one count column
        ``concept:label`` per label of ``lexicon`` (the ``documents`` table of
        :func:`framing.score`, or ``documents.csv`` of ``framing score``).
    lexicon : Lexicon, str or Matcher
        The lexicon the counts came from (for the concepts and poles).
    group_col : str, optional
        Default: ``group`` if present, else ``outlet``.

    Notes
    -----
    Other parameters and the result are those of :func:`compare`.
    """
    _check_settings(n_boot, n_perm, min_hits, level)
    lex = lexicon.lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon).lexicon
    if group_col is None:
        group_col = "group" if "group" in documents.columns else "outlet"
    names = [f"{lab.concept}:{lab.id}" for lab in lex.labels]
    needed = ["doc_id", group_col, "n_tokens", *names]
    missing = [c for c in needed if c not in documents.columns]
    if missing:
        raise FramingError(
            f"the documents table lacks column(s) {', '.join(map(repr, missing[:5]))}; it must have "
            "doc_id, the group column, n_tokens and one concept:label count per label of the lexicon "
            "(the documents table of framing score with the same lexicon)."
        )
    counts = documents[names].to_numpy(dtype=np.int64)
    return _compare(documents["doc_id"].astype(str).tolist(), documents[group_col].astype(str).tolist(),
                    documents["n_tokens"].to_numpy(dtype=np.int64), counts, lex, n_boot=n_boot,
                    n_perm=n_perm, seed=seed, min_hits=min_hits, level=level)


# ----------------------------------------------------------------------------
# The computation, on arrays
# ----------------------------------------------------------------------------


@dataclass
class _Group:
    name: str
    counts: np.ndarray  # (n_docs, n_labels), rows in canonical order
    tokens: np.ndarray  # (n_docs,)
    stance: np.ndarray = field(default_factory=lambda: np.zeros(0))  # point estimates (K,)
    boot: np.ndarray = field(default_factory=lambda: np.zeros(0))  # stance resamples (B, K)
    few: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # (K,)


def _canonical_order(doc_ids: list[str], tokens: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Row order by doc_id, ties broken by the counts, so input order never matters."""
    keys = [counts[:, j] for j in range(counts.shape[1] - 1, -1, -1)]
    ids = np.asarray(doc_ids, dtype=object).astype(str)
    return np.lexsort([*keys, tokens, ids])


def _compare(doc_ids: list[str], group_of: list[str], tokens: np.ndarray, counts: np.ndarray,
             lexicon: Lexicon, *, n_boot: int, n_perm: int, seed: int, min_hits: int,
             level: float) -> CompareResult:
    import pandas as pd

    if len(doc_ids) == 0:
        raise FramingError("no documents to compare; check the input and its text column.")
    labels = list(lexicon.labels)
    concepts = [c.id for c in lexicon.concepts]
    concept_index = {c: k for k, c in enumerate(concepts)}
    n_labels, n_concepts = len(labels), len(concepts)
    poles = np.zeros((n_labels, n_concepts))
    member = np.zeros((n_labels, n_concepts))
    for i, lab in enumerate(labels):
        member[i, concept_index[lab.concept]] = 1.0
        poles[i, concept_index[lab.concept]] = lab.pole
    label_concept = np.array([concept_index[lab.concept] for lab in labels], dtype=np.intp)

    order = _canonical_order(doc_ids, tokens, counts)
    group_arr = np.asarray(group_of, dtype=object)[order]
    counts, tokens = counts[order], tokens[order]
    names = sorted(set(group_arr.tolist()))
    groups = []
    stance_rows, share_rows, rate_rows = [], [], []
    for name in names:
        rows = group_arr == name
        g = _Group(name, counts[rows], tokens[rows])
        groups.append(g)
        hits = g.counts.sum(axis=0).astype(float)
        n_tok = float(g.tokens.sum())
        num, den = hits @ poles, hits @ member
        docs_with = (g.counts @ member > 0).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            g.stance = np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)
            share = np.where(den[label_concept] > 0, hits / np.where(den > 0, den, 1)[label_concept],
                             np.nan)
            rate = 1000.0 * hits / n_tok if n_tok else np.full(n_labels, np.nan)
        g.few = (den < min_hits) | (docs_with < 2)
        label_docs = (g.counts > 0).sum(axis=0)
        label_few = (hits < min_hits) | (label_docs < 2)

        sums = bootstrap_sums(np.column_stack([g.counts, g.tokens]), n_boot, rng_for(seed, "boot", name))
        b_hits, b_tok = sums[:, :n_labels], sums[:, n_labels]
        b_num, b_den = b_hits @ poles, b_hits @ member
        with np.errstate(invalid="ignore", divide="ignore"):
            g.boot = np.where(b_den > 0, b_num / np.where(b_den > 0, b_den, 1), np.nan)
            b_share = np.where(b_den[:, label_concept] > 0,
                               b_hits / np.where(b_den > 0, b_den, 1)[:, label_concept], np.nan)
            b_rate = np.where(b_tok[:, None] > 0, 1000.0 * b_hits / np.where(b_tok > 0, b_tok, 1)[:, None],
                              np.nan)
        s_low, s_high = _masked_interval(g.boot, g.few, level)
        sh_low, sh_high = _masked_interval(b_share, g.few[label_concept], level)
        r_low, r_high = _masked_interval(b_rate, label_few, level)

        for k, concept in enumerate(concepts):
            stance_rows.append((name, concept, g.stance[k], s_low[k], s_high[k], int(den[k]),
                                len(g.tokens), int(n_tok), bool(g.few[k])))
        for i, lab in enumerate(labels):
            share_rows.append((name, lab.concept, lab.id, lab.pole, share[i], sh_low[i], sh_high[i],
                               int(hits[i]), int(den[label_concept[i]]), bool(g.few[label_concept[i]])))
            rate_rows.append((name, lab.concept, lab.id, lab.pole, rate[i], r_low[i], r_high[i],
                              int(hits[i]), int(n_tok), bool(label_few[i])))

    pair_rows = []
    for a, b in combinations(groups, 2):
        both = np.concatenate([a.counts, b.counts])
        first = np.arange(len(both)) < len(a.counts)
        doc_num, doc_den = both @ poles, both @ member
        diff_low, diff_high = percentile_interval(a.boot - b.boot, level)
        for k, concept in enumerate(concepts):
            few = bool(a.few[k] or b.few[k])
            p = h = low = high = float("nan")
            if not few:
                _, p, _ = permutation_test_ratio(doc_num[:, k], doc_den[:, k], first, n_perm=n_perm,
                                                 rng=rng_for(seed, "perm", a.name, b.name, concept))
                h = float(cohens_h((a.stance[k] + 1) / 2, (b.stance[k] + 1) / 2))
                low, high = diff_low[k], diff_high[k]
            pair_rows.append((concept, a.name, b.name, a.stance[k], b.stance[k],
                              a.stance[k] - b.stance[k], low, high, p, float("nan"), h,
                              int(doc_den[first, k].sum()), int(doc_den[~first, k].sum()), few))
    pairwise = pd.DataFrame(pair_rows, columns=PAIRWISE_COLUMNS)
    pairwise["q_value"] = bh_adjust(pairwise["p_value"].to_numpy(dtype=float))
    settings = {"n_boot": n_boot, "n_perm": n_perm, "seed": seed, "min_hits": min_hits,
                "level": level}
    return CompareResult(
        pd.DataFrame(stance_rows, columns=STANCE_COLUMNS),
        pd.DataFrame(share_rows, columns=SHARE_COLUMNS),
        pd.DataFrame(rate_rows, columns=RATE_COLUMNS),
        pairwise,
        settings=settings,
    )


def _masked_interval(samples: np.ndarray, few: np.ndarray, level: float
                     ) -> tuple[np.ndarray, np.ndarray]:
    low, high = percentile_interval(samples, level)
    low[few] = np.nan
    high[few] = np.nan
    return low, high
