"""House style: learn an outlet's name and its spelling habits from the corpus.

:func:`learn_self_names` and :func:`hamza_variants` gather what
:func:`~framing.analysis.kinds.term_kinds` needs to tell an outlet's name
(``self``), formulas and spelling habits from its word choices (``content``);
see :mod:`framing.analysis.kinds`, whose names are also importable from here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from ..engines import Engine, resolve
from ..io.corpus import Document, as_corpus
from ..io.groups import group_key
from ..io.units import run_units
from ..text.normalizer import Normalizer
from .kinds import (
    CREDIT_RE,
    EDGE_WORDS,
    FORMULA_PHRASES,
    FORMULA_WORDS,
    KINDS,
    fold_hamza,
    hamza_forms,
    names_from,
    stems_of,
    term_kinds,
    variant_table,
    words_of,
)
from .similarity import encode_documents

__all__ = ["FORMULA_PHRASES", "FORMULA_WORDS", "KINDS", "fold_hamza", "hamza_stage", "hamza_variants",
           "learn_self_names", "term_kinds"]


def learn_self_names(corpus: Any, *, by: str = "outlet", edge_words: int = EDGE_WORDS,
                     min_share: float = 0.05, min_credit_share: float = 0.01, min_purity: float = 0.9,
                     max_n: int = 3) -> dict[str, set[str]]:
    """Each group's own name and its variants, learned from where outlets sign their texts.

    Two places are read. **Edges**: the first and last ``edge_words`` words
    of every document of at least four times that many words, where
    datelines, bylines, credits and footers sit; an n-gram (up to ``max_n``
    words, normalised and clitic-stripped) found there in at least
    ``min_share`` of group *g*'s documents (and at least 5) is a name of *g*
    when at least ``min_purity`` of the documents where it sits at an edge
    belong to *g*, and when it sits at an edge of four times as many of *g*'s
    documents as in the ``edge_words`` next to the edges (a dateline is at
    the edge; a word an outlet uses all through its texts is not). **Credits**:
    the one or two words after «لـ» written with a tatweel, the way a text
    names the outlet it speaks to («قال لـ"عكاظ"», «أوضح لـ«الشرق الأوسط»»);
    there ``min_credit_share`` of *g*'s documents (and 5) suffice, with the
    same purity. The rule is :func:`~framing.analysis.kinds.names_from`.

    Returns
    -------
    dict
        ``{group: {n-gram, ...}}`` in normalised, clitic-stripped spelling
        (words joined by one space).

    Examples
    --------
    >>> from framing.io import Document
    >>> body = "افتتح الوزير مشروعا جديدا للمياه في المدينة بعد سنوات من الانتظار " * 4
    >>> docs = [Document(f"n{i}", "n", f"الرياض - النهار: {body} رقم {i}") for i in range(6)]
    >>> docs += [Document(f"m{i}", "m", f"جدة - الصباح: {body} رقم {i}") for i in range(6)]
    >>> sorted(learn_self_names(docs, max_n=1)["n"])
    ['رياض', 'نهار']
    """
    norm = Normalizer()
    corpus = as_corpus(corpus)
    key = group_key(by)
    places: list[tuple[str, list[list[str]], list[list[str]], list[list[str]]]] = []
    n_docs: Counter[str] = Counter()
    for doc in corpus:
        group = str(key(doc))
        n_docs[group] += 1
        words = words_of(doc.text, norm)
        e = edge_words
        long = len(words) >= 4 * e
        edges = [words[:e], words[-e:]] if long else []
        inner = [words[e:2 * e], words[-2 * e:-e]] if long else []
        credits = [words_of(m.group(1), norm) for m in CREDIT_RE.finditer(doc.text)]
        places.append((group, edges, inner, credits))
    forms = sorted({w for _, *runs in places for where in runs for run in where for w in run})
    stem = dict(zip(forms, stems_of(forms, norm), strict=True))
    seen: dict[str, defaultdict[str, Counter[str]]] = {w: defaultdict(Counter)
                                                       for w in ("edge", "inner", "credit")}
    for group, *runs in places:
        for where, found in zip(("edge", "inner", "credit"), runs, strict=True):
            grams: set[str] = set()
            for run in found:
                stems = [stem[w] for w in run]
                grams.update(" ".join(stems[i:i + n]) for n in range(1, max_n + 1)
                             for i in range(len(stems) - n + 1))
            seen[where][group].update(grams)
    names = names_from(seen, n_docs, min_share=min_share, min_credit_share=min_credit_share,
                       min_purity=min_purity)
    return {g: {gram for gram in grams if any(ch.isalpha() for ch in gram)} for g, grams in names.items()}


def hamza_stage(docs: Iterator[Document], by: str) -> dict[tuple[str, str], int]:
    """Per unit: how often each group writes each word form that could have a hamza-seat twin."""
    key = group_key(by)
    unit = list(docs)
    encoded = encode_documents(iter(unit))
    forms = Normalizer().many(encoded.types)
    wanted = np.asarray(hamza_forms(forms), dtype=bool)
    if not wanted.any():
        return {}
    names = [str(key(doc)) for doc in unit]
    doc = np.repeat(np.arange(len(unit)), encoded.lengths)
    keep = wanted[encoded.codes] if len(encoded.codes) else np.zeros(0, dtype=bool)
    out: Counter[tuple[str, str]] = Counter()
    pairs, counts = np.unique(np.column_stack([encoded.codes[keep], doc[keep]]), axis=0, return_counts=True)
    for (t, d), c in zip(pairs.tolist(), counts.tolist(), strict=True):
        out[(forms[t], names[d])] += c
    return dict(out)


def hamza_variants(corpus: Any, *, by: str = "outlet", min_count: int = 5, jobs: int = 1,
                   engine: Engine | None = None) -> dict[str, dict[str, int]]:
    """Word forms that have a twin differing only in the hamza seat, with their count per group.

    Returns
    -------
    dict
        ``{normalised form: {group: count}}`` for every form seen at least
        ``min_count`` times whose :func:`fold_hamza` key another such form
        shares (:func:`~framing.analysis.kinds.variant_table`).
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    runner = resolve(jobs, engine)
    with runner:
        for result in run_units(runner, hamza_stage, as_corpus(corpus), by, desc="spellings"):
            for (form, group), c in (result.value or {}).items():
                counts[form][group] += c
    return variant_table(counts, min_count=min_count)
