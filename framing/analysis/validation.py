"""Validate a lexicon against human judgement: ``framing sample-hits`` and ``framing validate``.

The question reviewers ask of a dictionary method is "when it fires, is it
right?". :func:`sample_hits` draws a stratified random sample of hits (the
same number per label) with their context and empty coding columns; coders
mark each hit ``1`` (the term is used in the labelled sense) or ``0``;
:func:`validate` reports per label the **precision** with a **Wilson** 95 %
interval (Wilson 1927) and, when a second coder's column is filled in,
**Krippendorff's alpha** for nominal codes (Krippendorff 2004, 2011), the
agreement statistic content analysis expects.
"""

from __future__ import annotations

import hashlib
import heapq
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..count.hits import iter_hits
from ..errors import FramingError
from ..lexicon import Lexicon
from ..match import Matcher
from .stats import krippendorff_alpha_nominal, wilson_interval

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SAMPLE_COLUMNS", "VALIDATE_COLUMNS", "parse_code", "sample_hits", "validate"]

#: Columns of :func:`sample_hits`; ``code``, ``coder2`` and ``note`` are left empty for coders.
SAMPLE_COLUMNS = ["sample_id", "doc_id", "outlet", "start", "end", "left", "match", "right",
                  "concept", "label", "pole", "code", "coder2", "note"]

#: Columns of :func:`validate`.
VALIDATE_COLUMNS = ["concept", "label", "hits", "coded", "uncoded", "correct", "precision",
                    "ci_low", "ci_high", "both_coded", "alpha"]

_YES = {"1", "yes", "y", "true"}
_NO = {"0", "no", "n", "false"}


def _key(seed: int, doc_id: str, start: int, end: int) -> int:
    data = f"{seed}\x1f{doc_id}\x1f{start}\x1f{end}".encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def sample_hits(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    per_label: int = 20,
    seed: int = 0,
    window: int = 60,
    show_progress: bool | None = None,
) -> pd.DataFrame:
    """A stratified random sample of hits, ``per_label`` per concept × label, for human coding.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
    lexicon : Lexicon, str or Matcher
    per_label : int
        Hits drawn per label (all of them when a label has fewer).
    seed : int
        The same seed draws the same sample.
    window : int
        Characters of context on each side.

    Returns
    -------
    pandas.DataFrame
        :data:`SAMPLE_COLUMNS`, grouped by concept and label in lexicon order,
        in random order within a label; ``code``, ``coder2`` and ``note``
        empty.

    Notes
    -----
    Each hit gets a pseudo-random key from a hash of ``(seed, doc_id, start,
    end)`` and each label keeps the ``per_label`` hits with the smallest keys
    (bottom-k sampling): a uniform sample without replacement that streams in
    constant memory and does not depend on the order of the documents.
    """
    import pandas as pd

    if not isinstance(per_label, (int, np.integer)) or per_label < 1:
        raise FramingError(
            f"The 'per_label' parameter must be a positive integer. Got {per_label!r} instead."
        )
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    heaps: dict[tuple[str, str], list[tuple[int, int, dict[str, Any]]]] = {}
    for n, hit in enumerate(iter_hits(corpus, matcher, window=window, show_progress=show_progress)):
        heap = heaps.setdefault((hit["concept"], hit["label"]), [])
        item = (-_key(seed, hit["doc_id"], hit["start"], hit["end"]), n, hit)
        if len(heap) < per_label:
            heapq.heappush(heap, item)
        elif item[0] > heap[0][0]:
            heapq.heapreplace(heap, item)
    rows = []
    for lab in matcher.lexicon.labels:
        chosen = sorted(heaps.get((lab.concept, lab.id), []), key=lambda it: (-it[0], it[2]["doc_id"]))
        for _, _, hit in chosen:
            rows.append({**{c: hit[c] for c in ("doc_id", "outlet", "start", "end", "left", "match",
                                                "right", "concept", "label", "pole")},
                         "code": "", "coder2": "", "note": ""})
    frame = pd.DataFrame(rows, columns=SAMPLE_COLUMNS[1:])
    frame.insert(0, "sample_id", np.arange(1, len(frame) + 1))
    return frame


def parse_code(value: Any, *, where: str = "") -> int | None:
    """``1/yes/y/true`` → 1, ``0/no/n/false`` → 0 (any case), empty → None; else an error.

    Examples
    --------
    >>> [parse_code(v) for v in ["Yes", "0", " ", "TRUE"]]
    [1, 0, None, 1]
    """
    text = "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)
    text = text.strip().lower()
    if text.endswith(".0") and text[:-2] in ("0", "1"):
        text = text[:-2]  # a spreadsheet turned 1 into 1.0
    if not text:
        return None
    if text in _YES:
        return 1
    if text in _NO:
        return 0
    raise FramingError(
        f"{where}invalid code {value!r}; use 1/0, yes/no, y/n or true/false, or leave it empty."
    )


def _read_sample(sample: Any) -> Any:
    import pandas as pd

    if isinstance(sample, pd.DataFrame):
        return sample.copy()
    path = Path(sample)
    if not path.is_file():
        raise FramingError(f"coded sample {str(path)!r} not found; give the CSV written by framing "
                           "sample-hits, with the code column filled in.")
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
        reason = "it is empty" if isinstance(exc, pd.errors.EmptyDataError) else "it is not a UTF-8 CSV file"
        raise FramingError(f"{path}: cannot read the coded sample ({reason}); give the CSV written by "
                           "framing sample-hits, saved as 'CSV UTF-8' after coding.") from None


def validate(sample: Any, *, level: float = 0.95) -> pd.DataFrame:
    """Precision per label from a coded sample, with Wilson intervals and inter-coder agreement.

    Parameters
    ----------
    sample : DataFrame or path
        The table of :func:`sample_hits` (or its CSV/TSV file) with ``code``
        filled in; ``coder2`` optionally filled in by a second coder.
    level : float
        Confidence level of the Wilson interval.

    Returns
    -------
    pandas.DataFrame
        :data:`VALIDATE_COLUMNS`, one row per concept × label in the sample,
        then a row ``(all)``: ``hits`` (rows), ``coded`` / ``uncoded`` (rows
        with / without a code; uncoded rows are left out of precision),
        ``correct`` (codes of 1), ``precision = correct / coded`` with its
        Wilson interval ``ci_low, ci_high``, ``both_coded`` (rows coded by
        both coders) and Krippendorff's ``alpha`` between ``code`` and
        ``coder2`` (nominal; empty without a second coder, or when every
        code is the same and agreement cannot be measured).

    Raises
    ------
    FramingError
        A required column is missing or a code is not one of the accepted
        values (the message names the row and the value).

    References
    ----------
    Wilson, E. B. (1927). JASA 22(158), 209–212. Krippendorff, K. (2011).
    Computing Krippendorff's alpha-reliability; Krippendorff, K. (2004).
    *Content Analysis*, 2nd ed., ch. 11.
    """
    import pandas as pd

    frame = _read_sample(sample)
    missing = [c for c in ("concept", "label", "code") if c not in frame.columns]
    if missing:
        raise FramingError(
            f"the coded sample lacks column(s) {', '.join(map(repr, missing))}; use the file written "
            "by framing sample-hits."
        )
    ids = frame["sample_id"].tolist() if "sample_id" in frame.columns else [None] * len(frame)

    def codes(column: str) -> list[int | None]:
        out = []
        for i, (value, sid) in enumerate(zip(frame[column].tolist(), ids, strict=True)):
            where = f"row {i + 2}" + (f" (sample_id {sid})" if sid not in (None, "") else "")
            out.append(parse_code(value, where=f"{column}, {where}: "))
        return out

    first = codes("code")
    second = codes("coder2") if "coder2" in frame.columns else [None] * len(frame)
    has_second = any(c is not None for c in second)
    concepts, labels = frame["concept"].astype(str).tolist(), frame["label"].astype(str).tolist()
    rows = []
    for concept, label in [*dict.fromkeys(zip(concepts, labels, strict=True)), ("(all)", "(all)")]:
        idx = [i for i in range(len(frame))
               if concept == "(all)" or (concepts[i] == concept and labels[i] == label)]
        c1 = [code for i in idx if (code := first[i]) is not None]
        pairs = [(first[i], second[i]) for i in idx if first[i] is not None and second[i] is not None]
        correct = int(sum(c1))
        low, high = wilson_interval(correct, len(c1), level)
        rows.append({
            "concept": concept, "label": label, "hits": len(idx), "coded": len(c1),
            "uncoded": len(idx) - len(c1), "correct": correct,
            "precision": correct / len(c1) if c1 else float("nan"),
            "ci_low": float(low), "ci_high": float(high), "both_coded": len(pairs),
            "alpha": krippendorff_alpha_nominal(pairs) if has_second and pairs else float("nan"),
        })
    return pd.DataFrame(rows, columns=VALIDATE_COLUMNS)
