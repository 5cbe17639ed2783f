"""Label shares of each concept by group × period (week, month or year), with intervals.

For group *g*, period *t*, concept *c* and label *l*, the **share** is the
label's hits over the concept's hits among the documents of *g* dated in *t*
(the same ratio as ``compare``'s ``shares`` table, per period). Its 95%
interval is a percentile interval of a document-level (cluster) bootstrap of
that cell's documents (Efron & Tibshirani 1993; Field & Welsh 2007), drawn
with :func:`framing.analysis.stats.bootstrap_sums`. A cell with fewer than
``min_hits`` hits of the concept, or whose hits come from one document, keeps
its share and gets no interval (``too_few_hits``), as in ``compare``.

Periods come from the date column's leading ``YYYY-MM-DD`` (``YYYY-MM`` is
enough for months and years); weeks are named by their Monday
(``2015-07-20``). Undated documents are left out and counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np

from ..analysis.stats import bootstrap_sums, percentile_interval, rng_for
from ..errors import check_option
from ..lexicon import Lexicon

__all__ = ["TIME_UNITS", "TREND_COLUMNS", "TimeUnit", "label_trends", "period_of"]

TimeUnit = Literal["week", "month", "year"]
TIME_UNITS = ("week", "month", "year")
TREND_COLUMNS = ["group", "period", "concept", "label", "pole", "share", "ci_low", "ci_high", "hits",
                 "concept_hits", "docs", "too_few_hits"]

_DATE = re.compile(r"\s*(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?")


def period_of(date: str | None, time: TimeUnit = "month") -> str | None:
    """The period of a date as written in the corpus, or None when it cannot tell.

    Examples
    --------
    >>> period_of("2015-07-23 02:51:32", "week"), period_of("2015-07-23", "month")
    ('2015-07-20', '2015-07')
    >>> period_of("2024", "month") is None
    True
    """
    match = _DATE.match(date or "")
    if not match:
        return None
    year, month, day = match.groups()
    if time == "year":
        return year
    if month is None or not 1 <= int(month) <= 12:
        return None
    if time == "month":
        return f"{year}-{int(month):02d}"
    if day is None:
        return None
    try:
        when = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return (when - dt.timedelta(days=when.weekday())).isoformat()


def label_trends(documents: Any, lexicon: Lexicon, *, time: TimeUnit = "month",
                 group_col: str | None = None, date_col: str = "date", n_boot: int = 2000,
                 seed: int = 0, min_hits: int = 10, level: float = 0.95,
                 concepts: Iterable[str] | None = None) -> Any:
    """Label shares of each concept by group × period, with bootstrap intervals.

    Parameters
    ----------
    documents : DataFrame
        One row per document: a group column, a date column and one count
        column ``concept:label`` per label (``framing.score``'s documents
        table with the dates added).
    lexicon : Lexicon
        The lexicon the counts came from.
    time : {"week", "month", "year"}
        The period.
    group_col : str, optional
        Default: ``group`` if present, else ``outlet``.
    n_boot, seed, min_hits, level
        As for :func:`framing.compare`.
    concepts : iterable of str, optional
        The concepts to follow; default: every concept with a hit.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`TREND_COLUMNS`, one row per group × period × label of
        each concept; ``docs`` counts the cell's documents. ``attrs["undated"]``
        holds the number of documents left out for want of a usable date.

    Raises
    ------
    FramingError
        If ``time`` is not one of the three units.

    References
    ----------
    Efron & Tibshirani (1993), ch. 13; Field & Welsh (2007).

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.lexicon import load_lexicon
    >>> lex = load_lexicon("arabic-conflict")
    >>> docs = pd.DataFrame({"group": ["a", "a"], "date": ["2024-01-02", "2024-02-03"],
    ...                      **{f"{lab.concept}:{lab.id}": [0, 0] for lab in lex.labels}})
    >>> docs["israel:occupation"] = [3, 1]
    >>> table = label_trends(docs, lex, n_boot=50, min_hits=1)
    >>> table.query("label == 'occupation'")[["period", "share", "hits"]].values.tolist()
    [['2024-01', 1.0, 3], ['2024-02', 1.0, 1]]
    """
    import pandas as pd

    check_option("time", time, TIME_UNITS)
    if group_col is None:
        group_col = "group" if "group" in documents.columns else "outlet"
    wanted = set(concepts) if concepts is not None else None
    labels = [lab for lab in lexicon.labels if f"{lab.concept}:{lab.id}" in documents.columns
              and (wanted is None or lab.concept in wanted)]
    names = [f"{lab.concept}:{lab.id}" for lab in labels]
    counts = documents[names].to_numpy(dtype=np.int64) if names else np.zeros((len(documents), 0))
    if wanted is None and names:  # only the concepts someone mentions
        used = {lab.concept for lab, total in zip(labels, counts.sum(axis=0), strict=True) if total}
        keep = [i for i, lab in enumerate(labels) if lab.concept in used]
        labels, counts = [labels[i] for i in keep], counts[:, keep]
    periods = [period_of(d, time) for d in documents[date_col].astype(object).where(
        documents[date_col].notna(), None)]
    dated = np.array([p is not None for p in periods], dtype=bool)
    concept_ids = list(dict.fromkeys(lab.concept for lab in labels))
    member = np.zeros((len(labels), len(concept_ids)))
    for i, lab in enumerate(labels):
        member[i, concept_ids.index(lab.concept)] = 1.0
    label_concept = member.argmax(axis=1) if len(labels) else np.zeros(0, dtype=int)
    frame = pd.DataFrame({"group": documents[group_col].astype(str).to_numpy()[dated],
                          "period": np.asarray(periods, dtype=object)[dated]})
    cell_counts = counts[dated]
    rows = []
    for (group, period), index in frame.groupby(["group", "period"], sort=True).indices.items():
        values = cell_counts[index]
        hits = values.sum(axis=0).astype(float)
        den = hits @ member
        concept_docs = ((values @ member) > 0).sum(axis=0)
        few = (den < min_hits) | (concept_docs < 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(den[label_concept] > 0, hits / np.where(den > 0, den, 1)[label_concept],
                             np.nan)
        low = np.full(len(labels), np.nan)
        high = np.full(len(labels), np.nan)
        if (~few).any():
            boot = bootstrap_sums(values, n_boot, rng_for(seed, "trend", group, period))
            b_den = boot @ member
            with np.errstate(invalid="ignore", divide="ignore"):
                b_share = np.where(b_den[:, label_concept] > 0,
                                   boot / np.where(b_den > 0, b_den, 1)[:, label_concept], np.nan)
            low, high = percentile_interval(b_share, level)
            low[few[label_concept]] = np.nan
            high[few[label_concept]] = np.nan
        for i, lab in enumerate(labels):
            k = label_concept[i]
            rows.append((group, period, lab.concept, lab.id, lab.pole, share[i], low[i], high[i],
                         int(hits[i]), int(den[k]), len(index), bool(few[k])))
    table = pd.DataFrame(rows, columns=TREND_COLUMNS)
    table.attrs["undated"] = int((~dated).sum())
    return table
