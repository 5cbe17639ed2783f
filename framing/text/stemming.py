"""Light stemming: clitics stripped from a normalised word without a lexicon.

Used where there is no lexicon to guide segmentation (discovery of
distinctive terms, the scikit-learn analyzer). :func:`light_stem` takes the
reading of :func:`framing.text.clitics.segment` that strips the most clitics
among those with evidence; :func:`light_stems` does the same for many words
at once, in pyarrow's kernels.
"""

from __future__ import annotations

from collections.abc import Collection, Container
from typing import Any

import numpy as np

from ..utils import with_arrow
from .clitics import CONJUNCTIONS, ENCLITICS, MIN_STEM, PREPOSITIONS

__all__ = ["light_stem", "light_stems"]

_CONJ = ("", *CONJUNCTIONS)
_PREP = ("", *PREPOSITIONS)


def light_stem(word: str, vocabulary: Container[str] | None = None, *, teh_marbuta: str = "ه",
               min_stem: int = 3) -> str:
    """Strip clitics from a normalised word without a lexicon.

    Two kinds of evidence make a clitic reading of :func:`framing.text.clitics.segment`
    acceptable:

    * the reading has the article (ال, or fused لل): «والاحتلال», «للمقاومه»
      and «الاحتلال» all give ``احتلال``; the article itself is stripped too;
    * otherwise, when ``vocabulary`` is given, the stem occurs in it as a word
      of its own: «وقواتها» gives ``قوات`` if ``قوات`` is a word of the corpus.
      Without a vocabulary only و/ف before at least four letters is stripped.

    Among acceptable readings the one that strips the most clitics wins (the
    first in :func:`~framing.text.clitics.segment`'s order among equals);
    stems shorter than ``min_stem`` letters are never produced. The readings
    are visited without building them, which is several times faster
    (``tests/text/test_stemming.py`` checks the result against the readings).

    Examples
    --------
    >>> light_stem("وبالاحتلال")
    'احتلال'
    >>> light_stem("وقواتها", {"قوات"})
    'قوات'
    >>> light_stem("وزير")   # و + زير is not read without evidence
    'وزير'
    """
    best, best_weight = word, 0
    for conj in _CONJ:
        if conj and not word.startswith(conj):
            continue
        rest1 = word[len(conj):]
        c = 1 if conj else 0
        for prep in _PREP:
            if prep and not rest1.startswith(prep):
                continue
            rest2 = rest1[len(prep):]
            weight = c + (1 if prep else 0)
            if len(rest2) >= MIN_STEM:
                if weight > best_weight and len(rest2) >= min_stem and (
                        rest2 in vocabulary if vocabulary is not None
                        else conj and not prep and len(rest2) >= 4):
                    best, best_weight = rest2, weight
                if vocabulary is not None and weight + 1 > best_weight:
                    for suffix in ENCLITICS:
                        if rest2.endswith(suffix) and len(rest2) - len(suffix) >= MIN_STEM:
                            base = rest2[:-len(suffix)]
                            if len(base) >= min_stem and base in vocabulary:
                                best, best_weight = base, weight + 1
                                break
                            if base.endswith("ت"):
                                alt = base[:-1] + teh_marbuta
                                if len(alt) >= min_stem and alt in vocabulary:
                                    best, best_weight = alt, weight + 1
                                    break
            if prep == "ل":
                if rest2.startswith("ل") and len(rest2) - 1 >= MIN_STEM:
                    if weight + 1 > best_weight and len(rest2) - 1 >= min_stem:
                        best, best_weight = rest2[1:], weight + 1
            elif rest2.startswith("ال") and len(rest2) - 2 >= MIN_STEM:
                if weight + 1 > best_weight and len(rest2) - 2 >= min_stem:
                    best, best_weight = rest2[2:], weight + 1
    return best


def light_stems(forms: list[str], vocabulary: Collection[str] | None = None, *, teh_marbuta: str = "ه",
                min_stem: int = 3) -> list[str]:
    """:func:`light_stem` of every form with one vocabulary (``None``: the forms themselves).

    With pyarrow the readings of all forms are tried at once: every reading of
    every form is listed in the order :func:`light_stem` visits them, all
    candidate stems are looked up in the vocabulary at once, and a reading
    replaces the best so far only with a larger weight, exactly as
    :func:`light_stem` does, so the stems are identical
    (``tests/text/test_stemming.py`` checks this). A reading that
    :func:`light_stem` skips because an earlier one of the same weight was
    accepted never wins here either.

    Examples
    --------
    >>> light_stems(["وقواتها", "قوات", "والاحتلال"])
    ['قوات', 'قوات', 'احتلال']
    """
    return with_arrow(_light_stems_arrow, _light_stems_python, forms, vocabulary, teh_marbuta, min_stem)


def _light_stems_python(forms: list[str], vocabulary: Collection[str] | None, teh: str,
                        min_stem: int) -> list[str]:
    known = set(forms) if vocabulary is None else vocabulary
    return [light_stem(w, known, teh_marbuta=teh, min_stem=min_stem) for w in forms]


def _light_stems_arrow(pa: Any, forms: list[str], vocabulary: Collection[str] | None, teh: str,
                       min_stem: int) -> list[str]:
    import pyarrow.compute as pc

    every = pa.array(forms, type=pa.large_string())
    size = pc.utf8_length(every).to_numpy(zero_copy_only=False).astype(np.int64)
    shortest = max(MIN_STEM, min_stem)
    # (forms, weight, start, trim, ends with teh, candidate stems to look up or None), in order
    readings: list[tuple[np.ndarray, int, int, int, bool, Any]] = []
    for conj in _CONJ:
        for prep in _PREP:
            p = len(conj) + len(prep)
            weight = (1 if conj else 0) + (1 if prep else 0)
            if p:
                idx = np.flatnonzero(pc.starts_with(every, conj + prep).to_numpy(zero_copy_only=False))
                sub = every.take(pa.array(idx))
            else:
                idx, sub = np.arange(len(forms)), every
            rest = size[idx] - p
            if weight:  # the form without its proclitics
                m = np.flatnonzero(rest >= shortest)
                readings.append((idx[m], weight, p, 0, False,
                                 pc.utf8_slice_codeunits(sub.take(pa.array(m)), p)))
            for suffix in ENCLITICS:
                k = len(suffix)
                m = np.flatnonzero((rest - k >= shortest)
                                   & pc.ends_with(sub, suffix).to_numpy(zero_copy_only=False))
                base = pc.utf8_slice_codeunits(sub.take(pa.array(m)), p, -k)
                readings.append((idx[m], weight + 1, p, k, False, base))
                # the same base spelled with teh marbuta (قواته -> قوات -> قوة)
                t = pc.ends_with(base, "ت").to_numpy(zero_copy_only=False)
                spelled = pa.array([b[:-1] + teh for b in base.filter(pa.array(t)).to_pylist()],
                                   type=pa.large_string())
                readings.append((idx[m[t]], weight + 1, p, k + 1, True, spelled))
            article = "ل" if prep == "ل" else "ال"
            m = np.flatnonzero((rest - len(article) >= shortest)
                               & pc.starts_with(sub, conj + prep + article).to_numpy(zero_copy_only=False))
            readings.append((idx[m], weight + 1, p + len(article), 0, False, None))
    # One look-up of every candidate stem.
    asked = [r[5] for r in readings if r[5] is not None]
    known = every if vocabulary is None else pa.array(
        vocabulary if isinstance(vocabulary, list) else list(vocabulary), type=pa.large_string())
    found = pc.is_in(pa.concat_arrays(asked), value_set=known).to_numpy(zero_copy_only=False)
    best = np.zeros(len(forms), dtype=np.int8)
    cut = np.zeros((len(forms), 3), dtype=np.int64)  # stem = form[start:len - trim] (+ teh)
    at = 0
    for idx, weight, start, trim, add_teh, candidates in readings:
        if candidates is not None:
            idx, at = idx[found[at:at + len(candidates)]], at + len(candidates)
        idx = idx[weight > best[idx]]
        best[idx] = weight
        cut[idx] = (start, trim, add_teh)
    stems = list(forms)
    changed = np.flatnonzero(best)
    for i, start, trim, add in zip(changed.tolist(), *cut[changed].T.tolist(), strict=True):
        w = forms[i]
        stems[i] = w[start:len(w) - trim] + teh if add else w[start:len(w) - trim]
    return stems


