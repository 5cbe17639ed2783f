"""The kind of a distinctive term: the outlet's own name, a formula, a spelling habit, or content.

Distinctive-term lists (``framing discover``, loadedness) put at the top what
sets an outlet apart on the page, and much of that is not framing. Each term
gets one ``kind`` (:func:`term_kinds`), the first that applies:

``self``
    the outlet's own name and its variants (in bylines, datelines, credits,
    «قال لـX»), learned from the corpus
    (:func:`framing.analysis.style.learn_self_names`);
``formula``
    dates, weekdays, months, bylines and religious formulas
    (:data:`FORMULA_WORDS`, :data:`FORMULA_PHRASES`), and numbers;
``spelling``
    a word whose form differs from the form the other groups use only in
    the seat of the hamza (مسئول / مسؤول, الشئون / الشؤون): :func:`fold_hamza`
    over the corpus's word forms (:func:`variant_table`);
``content``
    everything else: the candidates for framing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ..text.normalizer import Normalizer
from ..text.stemming import light_stems

__all__ = ["CREDIT_RE", "EDGE_WORDS", "FORMULA_PHRASES", "FORMULA_WORDS", "KINDS", "fold_hamza",
           "hamza_forms", "names_from", "names_from_arrays", "stems_of", "term_kinds", "variant_table",
           "words_of"]

#: A credit: the one or two words after «لـ» written with a tatweel («قال لـ"عكاظ"»).
CREDIT_RE = re.compile(r"ل\u0640+\s*[«\"“'(]?\s*(\w+(?:\s+\w+)?)")

KINDS = ("self", "formula", "spelling", "content")

#: Only the hamza-seat step: what :func:`fold_hamza` does to a normalised word.
_FOLD = Normalizer(unicode=False, diacritics=False, tatweel=False, alef=False, alef_maksura=False,
                   teh_marbuta=False, digits=False, variants=(), hamza_seats=True)

#: Words that date, sign or open a text, in normalised spelling (clitic-stripped forms too).
FORMULA_WORDS: frozenset[str] = frozenset("""
يوم اليوم امس غدا صباح مساء ظهر الموافق اسبوع الاسبوع
احد الاحد اثنين الاثنين ثلاثاء الثلاثاء اربعاء الاربعاء خميس الخميس جمعه الجمعه سبت السبت
يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر
كانون تشرين شباط اذار نيسان ايار حزيران تموز ايلول
محرم جمادي رجب شعبان رمضان شوال القعده الحجه هجري هجريه ميلادي ميلاديه
كتب يكتب كتبت تكتب بقلم مراسل مراسله مراسلنا مراسلتنا تصوير تحرير حرر المحرر متابعه
د م ه ا ص ت
""".split())  # the last line: one-letter abbreviations (د. doctor, م/هـ Gregorian/Hijri year, أ. Mr)

#: Religious and courtesy formulas, in normalised spelling; a term inside one, or holding one, is ``formula``.
FORMULA_PHRASES: tuple[str, ...] = (
    "صلي الله عليه وسلم", "عليه الصلاه والسلام", "رضي الله عنه", "رضي الله عنها", "رضي الله عنهم",
    "رحمه الله", "رحمها الله", "عز وجل", "سبحانه وتعالي", "جل جلاله", "بسم الله الرحمن الرحيم",
    "ان شاء الله", "الحمد لله", "حفظه الله", "يرحمه الله", "تغمده الله بواسع رحمته",
)


def fold_hamza(word: str) -> str:
    """The word with every hamza seat (ؤ, ئ) written as a bare hamza ء: a key for spelling variants.

    Meant for normalised words (:class:`framing.text.Normalizer` has already
    made أ إ آ into ا). The old spelling of «مئة» with an alef (مائة, مائتان)
    folds to the same key. It is the normaliser's ``hamza_seats`` step
    (``Normalizer(hamza_seats=True)``) on a word already normalised.

    Examples
    --------
    >>> fold_hamza("مسئول") == fold_hamza("مسؤول") == "مسءول"
    True
    >>> fold_hamza("المائه") == fold_hamza("المئه")
    True
    """
    return _FOLD(word)


def words_of(text: str, norm: Normalizer) -> list[str]:
    """The normalised words of ``text``."""
    from ..text.tokens import WORD_RE

    return norm.many(WORD_RE.findall(text))


def stems_of(words: list[str], norm: Normalizer) -> list[str]:
    """The clitic-stripped stems of normalised words (each other's vocabulary)."""
    return light_stems(words, teh_marbuta=norm.teh_marbuta_char) if words else []


def term_kinds(groups: Sequence[str], terms: Sequence[str], *,
               self_names: Mapping[str, Iterable[str]] | None = None,
               variants: Mapping[str, Mapping[str, int]] | None = None, stemmed: bool = False) -> list[str]:
    """The kind of each (group, term): ``self``, ``formula``, ``spelling`` or ``content``.

    Parameters
    ----------
    groups, terms : sequences of str
        The ``group`` and ``term`` columns of a distinctive-terms table
        (``framing discover``'s, or loadedness's).
    self_names : mapping, optional
        ``{group: n-grams}`` from :func:`~framing.analysis.style.learn_self_names`.
        A term is ``self`` when it contains one of its group's names or lies
        inside one (as whole words).
    variants : mapping, optional
        From :func:`~framing.analysis.style.hamza_variants` (or
        :func:`variant_table`). A term is ``spelling`` when one of its words,
        as normalised, has a hamza twin that the other groups use more than
        this form while the term's group uses this form more than the twin.
    stemmed : bool
        The terms are already normalised, clitic-stripped stems joined by
        spaces (as ``framing discover`` counts them), and so are the keys of
        ``variants``: they are compared as they are.

    Returns
    -------
    list of str
        One of :data:`KINDS` per row.

    Examples
    --------
    >>> term_kinds(["a", "a", "a", "a"], ["صلى الله عليه", "يوم الثلاثاء", "مسئول", "الاحتلال"],
    ...            variants={"مسئول": {"a": 9}, "مسؤول": {"a": 1, "b": 20}})
    ['formula', 'formula', 'spelling', 'content']
    """
    norm = Normalizer()
    names = {g: [f" {n} " for n in ns] for g, ns in (self_names or {}).items()}
    phrases = [f" {p} " for p in (_stemmed_phrases() if stemmed else FORMULA_PHRASES)]
    twins: dict[str, list[str]] = defaultdict(list)
    for form in variants or {}:
        twins[fold_hamza(form)].append(form)
    out = []
    for group, term in zip(groups, terms, strict=True):
        words = str(term).split() if stemmed else words_of(str(term), norm)
        stems = words if stemmed else stems_of(words, norm)
        padded = f" {' '.join(stems)} "
        plain = f" {' '.join(words)} "
        own = names.get(str(group), [])
        if stems and any(n in padded or padded in n for n in own):
            out.append("self")
        elif words and (all(w in FORMULA_WORDS or s in FORMULA_WORDS or w.isdigit()
                            for w, s in zip(words, stems, strict=True))
                        or any(p in plain or (len(words) > 1 and plain in p) for p in phrases)):
            out.append("formula")
        elif variants and any(_prefers(str(group), w, twins, variants) for w in words):
            out.append("spelling")
        else:
            out.append("content")
    return out


@lru_cache(maxsize=1)
def _stemmed_phrases() -> tuple[str, ...]:
    norm = Normalizer()
    return tuple(" ".join(stems_of(phrase.split(), norm)) for phrase in FORMULA_PHRASES)


_HAMZA = re.compile("[ءؤئ]")


def hamza_forms(forms: Sequence[str]) -> list[bool]:
    """Which normalised forms could have a twin that differs only in the hamza seat (a form with ء,
    ؤ or ئ: every such form has a letter)."""
    return list(map(bool, map(_HAMZA.search, forms)))


def variant_table(counts: Mapping[str, Mapping[str, int]], *, min_count: int = 5
                  ) -> dict[str, dict[str, int]]:
    """The forms of ``counts`` (``{form: {group: count}}``) seen at least ``min_count`` times whose
    :func:`fold_hamza` key another such form shares: what ``spelling`` kinds compare.

    Examples
    --------
    >>> variant_table({"مسئول": {"a": 9}, "مسؤول": {"b": 7}, "سؤال": {"a": 8}}) == {
    ...     "مسئول": {"a": 9}, "مسؤول": {"b": 7}}
    True
    """
    folded: dict[str, list[str]] = defaultdict(list)
    for form, by_group in counts.items():
        key = fold_hamza(form)
        if "ء" in key and sum(by_group.values()) >= min_count:
            folded[key].append(form)
    out: dict[str, dict[str, int]] = {}
    for key in sorted(folded):
        if len(folded[key]) > 1:
            for form in sorted(folded[key]):
                out[form] = {g: int(c) for g, c in sorted(counts[form].items()) if c}
    return out


def _prefers(group: str, word: str, twins: Mapping[str, list[str]],
             variants: Mapping[str, Mapping[str, int]]) -> bool:
    """Does ``group`` write ``word`` where the other groups write a hamza twin of it?"""
    if word not in variants:
        return False
    mine = variants[word]
    for other in twins.get(fold_hamza(word), []):
        if other == word:
            continue
        theirs = variants[other]
        own_here, own_there = mine.get(group, 0), theirs.get(group, 0)
        rest_here = sum(mine.values()) - own_here
        rest_there = sum(theirs.values()) - own_there
        if own_here > own_there and rest_there > rest_here:
            return True
    return False


#: Words read at each end of a document for the outlet's name (and the next as many, inside).
EDGE_WORDS = 12


def names_from(seen: Mapping[str, Mapping[str, Mapping[Any, int]]], n_docs: Mapping[str, int], *,
               min_share: float = 0.05, min_credit_share: float = 0.01, min_purity: float = 0.9,
               min_docs: int = 5, concentration: float = 4.0) -> dict[str, set[Any]]:
    """The rule of :func:`~framing.analysis.style.learn_self_names`, from its counts.

    ``seen[where][group][gram]`` counts the documents of ``group`` where
    ``gram`` sits at an edge (``"edge"``), in the words next to an edge
    (``"inner"``) or in a credit (``"credit"``); ``n_docs`` the documents per
    group. A gram is a name of *g* when *g*'s count reaches ``min_share``
    (edges) or ``min_credit_share`` (credits) of *g*'s documents and
    ``min_docs`` documents, and ``min_purity`` of the gram's count over all
    groups; at the edges it must also be ``concentration`` times as frequent
    as in the words next to them (a byline is; a word the outlet uses all
    through its texts is not). :func:`names_from_arrays` is the same rule on
    arrays.
    """
    groups = sorted(n_docs)
    gindex = {g: i for i, g in enumerate(groups)}
    grams: dict[Any, int] = {}
    cols: dict[str, tuple[list[int], list[int], list[int]]] = {}
    for where in ("edge", "inner", "credit"):
        g_col, k_col, c_col = [], [], []
        for group, counts in seen.get(where, {}).items():
            for gram, c in counts.items():
                g_col.append(gindex[group])
                k_col.append(grams.setdefault(gram, len(grams)))
                c_col.append(c)
        cols[where] = (g_col, k_col, c_col)
    arrays = {w: (np.asarray(cols[w][0], dtype=np.int64), np.asarray(cols[w][1], dtype=np.int64),
                  np.asarray(cols[w][2], dtype=np.int64)) for w in cols}
    found = names_from_arrays(arrays, np.asarray([n_docs[g] for g in groups], dtype=np.int64),
                              min_share=min_share, min_credit_share=min_credit_share, min_purity=min_purity,
                              min_docs=min_docs, concentration=concentration)
    names_of = list(grams)
    out: dict[str, set[Any]] = {g: set() for g in groups}
    for gi, k in zip(*found, strict=True):
        out[groups[gi]].add(names_of[k])
    return out


def names_from_arrays(seen: Mapping[str, tuple[np.ndarray, np.ndarray, np.ndarray]], n_docs: np.ndarray,
                      *,
                      min_share: float = 0.05, min_credit_share: float = 0.01, min_purity: float = 0.9,
                      min_docs: int = 5, concentration: float = 4.0) -> tuple[list[int], list[int]]:
    """:func:`names_from` on arrays: ``seen[where] = (group, gram, count)`` with integer groups (into
    ``n_docs``) and grams, each (group, gram) once. Returns the names as ``(groups, grams)``."""
    out_g: list[int] = []
    out_k: list[int] = []
    inner_g, inner_k, inner_c = seen.get("inner", (np.zeros(0, np.int64),) * 3)
    n_groups = len(n_docs)
    for where, share in (("edge", min_share), ("credit", min_credit_share)):
        g, k, c = seen.get(where, (np.zeros(0, np.int64),) * 3)
        if not len(g):
            continue
        width = int(max(k.max(initial=0), inner_k.max(initial=0))) + 1
        total = np.bincount(k, weights=c, minlength=width)
        ok = (c >= np.maximum(share * n_docs[g], min_docs)) & (c >= min_purity * total[k])
        if where == "edge" and len(inner_g):
            key, inner_key = k * n_groups + g, inner_k * n_groups + inner_g
            order = np.argsort(inner_key)
            at = np.searchsorted(inner_key[order], key)
            hit = (at < len(order)) & (inner_key[order][np.minimum(at, len(order) - 1)] == key)
            near = np.where(hit, inner_c[order][np.minimum(at, len(order) - 1)], 0)
            ok &= c >= concentration * near
        out_g += g[ok].tolist()
        out_k += k[ok].tolist()
    return out_g, out_k
