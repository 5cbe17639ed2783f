"""Key findings in words, generated from the tables, and the tests behind label-share contrasts.

Stance differences
    come from ``compare``'s ``pairwise`` table: the pairs with ``q < 0.05``,
    largest effect (Cohen's *h*) first, one per concept.

Label-share contrasts
    are tested here (:func:`share_range_tests`). For each label of a concept,
    the statistic is the **range** of its share across the groups with
    enough hits of the concept (largest group share − smallest), and the null
    hypothesis is that, among the documents that mention the concept, the
    group a document belongs to does not matter to the labels it uses. The
    groups of those documents are shuffled ``n_perm`` times (each group
    keeps its number of documents); ``p = (1 + #{range* ≥ range}) /
    (1 + n_perm)`` (Phipson & Smyth 2010); q-values are Benjamini–Hochberg
    over every label tested (Benjamini & Hochberg 1995). The test is about
    the range, the statistic the finding reports (the two extreme groups),
    so choosing those two groups after looking is accounted for. Documents
    are the units shuffled, so hits of one article are never treated as
    independent.

References
----------
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be
zero. *SAGMB* 9(1). Benjamini, Y. & Hochberg, Y. (1995). *JRSS B* 57(1).
Cohen, J. (1988). *Statistical Power Analysis*, §6.2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..analysis.stats import bh_adjust, rng_for
from ..lexicon import Lexicon

__all__ = ["SHARE_TEST_COLUMNS", "Finding", "key_findings", "share_range_tests", "too_few_summary"]

SHARE_TEST_COLUMNS = [
    "concept", "label", "pole", "groups_tested", "group_high", "share_high", "ci_low_high",
    "ci_high_high", "hits_high", "group_low", "share_low", "ci_low_low", "ci_high_low", "hits_low",
    "range", "p_value", "q_value",
]
_BLOCK = 1 << 21  # shuffled documents per block: a few arrays of this many cells


@dataclass(frozen=True)
class Finding:
    """One key finding: a sentence and what it is about (for the link to its evidence)."""

    kind: str  # "stance" or "share"
    sentence: str
    concept: str
    label: str
    groups: tuple[str, ...]
    q_value: float


def _range_exceedances(num: np.ndarray, den: np.ndarray, group: np.ndarray, n_groups: int,
                       n_perm: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Observed range of each column's ratio across groups, and how often a shuffle reaches it."""
    from scipy import sparse

    m, n_labels = num.shape
    den_g = np.bincount(group, weights=den, minlength=n_groups)
    observed = np.empty(n_labels)
    for j in range(n_labels):
        ratio = np.bincount(group, weights=num[:, j], minlength=n_groups) / den_g
        observed[j] = ratio.max() - ratio.min()
    tol = 1e-12
    exceed = np.zeros(n_labels, dtype=np.int64)
    block = max(1, _BLOCK // max(m, 1))
    weights = np.column_stack([den, num])  # (m, 1 + labels)
    for start in range(0, n_perm, block):
        size = min(block, n_perm - start)
        shuffled = rng.permuted(np.broadcast_to(group, (size, m)), axis=1)
        # One (shuffle, group) × document indicator matrix, built column by column (each
        # document is in one group per shuffle), times the counts: every group sum of every
        # shuffle in one product. The sums are of whole numbers, so exact in any order.
        rows = (shuffled + n_groups * np.arange(size)[:, None]).T.ravel()
        del shuffled
        member = sparse.csc_matrix((np.ones(size * m), rows, np.arange(0, size * m + 1, size)),
                                   shape=(size * n_groups, m))
        sums = (member @ weights).reshape(size, n_groups, 1 + n_labels)
        ratio = sums[:, :, 1:] / sums[:, :, :1]
        spread = ratio.max(axis=1) - ratio.min(axis=1)  # (shuffles, labels)
        exceed += (spread >= observed - tol).sum(axis=0)
    return observed, exceed


def share_range_tests(documents: Any, shares: Any, lexicon: Lexicon, *, group_col: str = "group",
                      n_perm: int = 5000, seed: int = 0) -> Any:
    """Permutation tests of the range of each label's share across groups (module docstring).

    Parameters
    ----------
    documents : DataFrame
        One row per document: ``group_col`` and one count column
        ``concept:label`` per label (``framing.score``'s documents table).
    shares : DataFrame
        ``framing.compare(...).shares`` for the same documents; its
        ``too_few_hits`` decides which groups take part for each concept.
    lexicon : Lexicon
    n_perm, seed
        Shuffles per concept and the seed (each concept its own stream).

    Returns
    -------
    pandas.DataFrame
        :data:`SHARE_TEST_COLUMNS`, one row per label with a hit in a
        concept that at least two groups mention enough: the groups with
        the largest and smallest share (with their shares, 95% intervals and
        hits of the concept), the range, p and q.

    Examples
    --------
    >>> import pandas as pd
    >>> from framing.analysis import compare_documents
    >>> from framing.lexicon import load_lexicon
    >>> lex = load_lexicon("arabic-conflict")
    >>> rows = {f"{lab.concept}:{lab.id}": [0] * 40 for lab in lex.labels}
    >>> rows["israel:occupation"] = [3] * 20 + [0] * 20
    >>> rows["israel:neutral_name"] = [0] * 20 + [3] * 20
    >>> docs = pd.DataFrame({"doc_id": [str(i) for i in range(40)], "group": ["a"] * 20 + ["b"] * 20,
    ...                      "n_tokens": 100, **rows})
    >>> shares = compare_documents(docs, lex, n_boot=50, n_perm=50).shares
    >>> tests = share_range_tests(docs, shares, lex, n_perm=200)
    >>> tests[["label", "group_high", "range", "p_value"]].round(3).values.tolist()[0]
    ['occupation', 'a', 1.0, 0.005]
    """
    import pandas as pd

    rows = []
    cells = shares.set_index(["concept", "group"])
    ok = shares.drop_duplicates(["concept", "group"]).set_index(["concept", "group"])["too_few_hits"]
    group_values = documents[group_col].astype(str).to_numpy()
    for concept in lexicon.concepts:
        labels = [lab for lab in concept.labels if f"{concept.id}:{lab.id}" in documents.columns]
        if not labels:
            continue
        eligible = sorted(g for (c, g), few in ok.items() if c == concept.id and not few)
        if len(eligible) < 2:
            continue
        num = documents[[f"{concept.id}:{lab.id}" for lab in labels]].to_numpy(dtype=float)
        den = num.sum(axis=1)
        gindex = {g: i for i, g in enumerate(eligible)}
        member = np.array([g in gindex for g in group_values]) & (den > 0)
        group = np.array([gindex[g] for g in group_values[member]], dtype=np.int64)
        used = num[member].sum(axis=0) > 0
        if not used.any():
            continue
        observed, exceed = _range_exceedances(num[member][:, used], den[member], group, len(eligible),
                                              n_perm, rng_for(seed, "share-range", concept.id))
        for k, lab in enumerate(lab for lab, u in zip(labels, used, strict=True) if u):
            table = cells.loc[concept.id].loc[eligible]
            table = table[table["label"] == lab.id]
            high, low = table["share"].idxmax(), table["share"].idxmin()
            rows.append((concept.id, lab.id, lab.pole, len(eligible),
                         high, *table.loc[high, ["share", "ci_low", "ci_high", "concept_hits"]],
                         low, *table.loc[low, ["share", "ci_low", "ci_high", "concept_hits"]],
                         observed[k], (1 + exceed[k]) / (1 + n_perm), float("nan")))
    out = pd.DataFrame(rows, columns=SHARE_TEST_COLUMNS)
    if len(out):
        out["q_value"] = bh_adjust(out["p_value"].to_numpy(dtype=float))
        out = out.astype({"hits_high": int, "hits_low": int})
    return out


def too_few_summary(stance: Any) -> tuple[int, int]:
    """``(cells with too few hits, cells with a hit)`` over the group × concept cells."""
    mentioned = stance[stance["hits"] > 0]
    return int(mentioned["too_few_hits"].sum()), len(mentioned)


def _q(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}"


def _size(h: float) -> str:
    h = abs(h)
    return "negligible" if h < 0.2 else "small" if h < 0.5 else "medium" if h < 0.8 else "large"


def _ci(low: float, high: float, fmt: str) -> str:
    if low != low:
        return "no interval"
    return f"[{format(low, fmt)}, {format(high, fmt)}]"


def _name(concept: str) -> str:
    return concept.replace("_", " ")


def key_findings(stance: Any, pairwise: Any, share_tests: Any, lexicon: Lexicon,
                 term_counts: Any = None, *, alpha: float = 0.05, per_kind: int = 4) -> list[Finding]:
    """The largest significant stance differences and label-share contrasts, as sentences.

    Parameters
    ----------
    stance, pairwise : DataFrame
        ``framing.compare``'s tables.
    share_tests : DataFrame
        :func:`share_range_tests`.
    lexicon : Lexicon
    term_counts : DataFrame, optional
        ``concept, label, term, hits``: the label's most used terms are
        quoted in the sentence.
    alpha : float
        The q-value threshold.
    per_kind : int
        Findings of each kind, at most one per concept, largest effect first.

    Returns
    -------
    list of Finding
    """
    out: list[Finding] = []
    cell = stance.set_index(["concept", "group"])
    tested = pairwise[(pairwise["q_value"] < alpha) & ~pairwise["too_few_hits"]]
    tested = tested.reindex(tested["cohens_h"].abs().sort_values(ascending=False).index)
    seen: set[str] = set()
    for r in tested.itertuples(index=False):
        if r.concept in seen or len(seen) >= per_kind:
            continue
        seen.add(r.concept)
        concept = lexicon.concept(r.concept)
        a, b, sa, sb = r.group_a, r.group_b, r.stance_a, r.stance_b
        low, high, hits_a, hits_b = r.ci_low, r.ci_high, r.hits_a, r.hits_b
        if r.difference > 0:  # the sentence names first the group nearer the negative end
            a, b, sa, sb, hits_a, hits_b = b, a, sb, sa, hits_b, hits_a
            low, high = -high, -low
        ca, cb = cell.loc[(r.concept, a)], cell.loc[(r.concept, b)]
        out.append(Finding(
            "stance",
            f"On {_name(r.concept)} ({concept.negative} ↔ {concept.positive}), {a} stands closer to "
            f"the {concept.negative} end than {b}: {sa:+.2f} {_ci(ca.ci_low, ca.ci_high, '+.2f')} against "
            f"{sb:+.2f} {_ci(cb.ci_low, cb.ci_high, '+.2f')}, a difference of {sa - sb:+.2f} "
            f"{_ci(low, high, '+.2f')} (Cohen's h {abs(r.cohens_h):.2f}, {_size(r.cohens_h)}; "
            f"{_q(r.q_value)}; {hits_a:,} vs {hits_b:,} hits).",
            r.concept, "", (a, b), float(r.q_value)))
    terms = {}
    if term_counts is not None and len(term_counts):
        for (c, lab), rows in term_counts.groupby(["concept", "label"], sort=False):
            terms[(c, lab)] = rows.sort_values("hits", ascending=False)["term"].head(2).tolist()
    significant = share_tests[share_tests["q_value"] < alpha] if len(share_tests) else share_tests
    if len(significant):
        significant = significant.sort_values(["range", "q_value"], ascending=[False, True])
    seen = set()
    for r in significant.itertuples(index=False):
        if r.concept in seen or len(seen) >= per_kind:
            continue
        seen.add(r.concept)
        quoted = ", ".join(f"«{t}»" for t in terms.get((r.concept, r.label), []))
        out.append(Finding(
            "share",
            f"{r.group_high} uses the label {r.label}{f' ({quoted}…)' if quoted else ''} for "
            f"{100 * r.share_high:.0f}% {_ci(100 * r.ci_low_high, 100 * r.ci_high_high, '.0f')} of its "
            f"mentions of {_name(r.concept)}, {r.group_low} for {100 * r.share_low:.0f}% "
            f"{_ci(100 * r.ci_low_low, 100 * r.ci_high_low, '.0f')} (range across {r.groups_tested} "
            f"groups, permutation test, {_q(r.q_value)}; {r.hits_high:,} vs {r.hits_low:,} hits).",
            r.concept, r.label, (r.group_high, r.group_low), float(r.q_value)))
    return out
