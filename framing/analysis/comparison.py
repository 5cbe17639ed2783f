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

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..count import count_documents
from ..count.dedup import DedupMode, NearCopies, check_dedup
from ..engines import Engine, resolve
from ..errors import FramingError
from ..io import as_corpus, read_groups
from ..lexicon import Lexicon
from ..match import Matcher
from .matched import matched_comparison
from .stance import (
    PAIRWISE_COLUMNS,
    RATE_COLUMNS,
    SHARE_COLUMNS,
    STANCE_COLUMNS,
    CompareResult,
    compare_counts,
)

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
    dedup: DedupMode = "flag",
    matched: bool = False,
    stories: Any = None,
    min_stories: int = 5,
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
    dedup : {"flag", "drop", "keep-first", "off"}
        Near-copies, as in :func:`framing.score`: counted and reported
        (``copies``), left out of every table, or not looked for (``off``).
    matched : bool
        Also compare each pair of groups within the stories both covered
        (:mod:`framing.analysis.matched`): ``matched``, one row per concept ×
        pair (:data:`~framing.analysis.matched.MATCHED_COLUMNS`).
    stories : DataFrame or path, optional
        The stories table of :func:`framing.analysis.find_stories` for this
        corpus (or ``stories.csv`` of ``framing stories``). Default: found
        here when ``matched`` is true. Its ``duplicate_of`` then also serves
        ``dedup``.
    min_stories : int
        With ``matched``: fewer stories than this with hits of both groups
        are flagged ``too_few_stories`` (no interval or test).
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
    check_dedup(dedup)
    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    runner = resolve(jobs, engine)
    with runner:
        table = _stories(corpus, stories, matched, show_progress, runner)
        copies = NearCopies.from_table(table) if table is not None else None
        counted = count_documents(corpus, matcher, by=by, groups=groups, voice=voice, dedup=dedup,
                                  copies=copies, engine=runner, show_progress=show_progress)
    result = compare_counts(counted.doc_ids, counted.groups, counted.n_tokens, counted.counts,
                            matcher.lexicon,
                      n_boot=n_boot, n_perm=n_perm, seed=seed, min_hits=min_hits, level=level)
    result.report = corpus.report
    result.settings.update(by=by, voice=voice, dedup=dedup)
    result.copies = counted.copies
    if matched:
        result.matched = matched_comparison(counted.doc_ids, counted.groups, counted.counts, matcher.lexicon,
                                            table, n_boot=n_boot, n_perm=n_perm, seed=seed, level=level,
                                            min_stories=min_stories)
    return result


def _stories(corpus: Any, stories: Any, matched: bool, show_progress: bool | None, engine: Engine) -> Any:
    """The stories table given (a DataFrame or a file), or found when ``matched`` needs it."""
    from .stories import find_stories, read_stories

    if stories is None:
        return find_stories(corpus, show_progress=show_progress, engine=engine) if matched else None
    return read_stories(stories) if not hasattr(stories, "columns") else stories


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
    return compare_counts(documents["doc_id"].astype(str).tolist(), documents[group_col].astype(str).tolist(),
                    documents["n_tokens"].to_numpy(dtype=np.int64), counts, lex, n_boot=n_boot,
                    n_perm=n_perm, seed=seed, min_hits=min_hits, level=level)
