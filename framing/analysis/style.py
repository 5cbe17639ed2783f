"""House style: tell an outlet's name, formulas and spelling from its word choices.

Distinctive-term lists (``framing discover``, loadedness) put at the top what
sets an outlet apart on the page, and much of that is not framing. Each term
gets one ``kind`` (:func:`term_kinds`), the first that applies:

``self``
    the outlet's own name and its variants (in bylines, datelines, credits,
    «قال لـX»), learned from the corpus by :func:`learn_self_names`;
``formula``
    dates, weekdays, months, bylines and religious formulas
    (:data:`FORMULA_WORDS`, :data:`FORMULA_PHRASES`), and numbers;
``spelling``
    a word whose form differs from the form the other groups use only in
    the seat of the hamza (مسئول / مسؤول, الشئون / الشؤون), found by
    :func:`fold_hamza` over the corpus's word forms (:func:`hamza_variants`);
``content``
    everything else: the candidates for framing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..io.corpus import as_corpus
from ..io.groups import group_key
from ..text.normalizer import Normalizer
from ..text.stemming import light_stems
from .similarity import encode_documents, merge_encoded

__all__ = ["FORMULA_PHRASES", "FORMULA_WORDS", "KINDS", "fold_hamza", "hamza_variants",
           "learn_self_names", "term_kinds"]

KINDS = ("self", "formula", "spelling", "content")

_HAMZA = str.maketrans({"ؤ": "ء", "ئ": "ء"})

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
    folds to the same key. A normaliser option doing the same would sit after
    the ``alef`` step.

    Examples
    --------
    >>> fold_hamza("مسئول") == fold_hamza("مسؤول") == "مسءول"
    True
    >>> fold_hamza("المائه") == fold_hamza("المئه")
    True
    """
    word = word.translate(_HAMZA)
    return word.replace("ماءه", "مءه").replace("ماءت", "مءت") if "ماء" in word else word


def _words(text: str, norm: Normalizer) -> list[str]:
    from ..text.tokens import WORD_RE

    return norm.many(WORD_RE.findall(text))


def _stems(words: list[str], norm: Normalizer) -> list[str]:
    return light_stems(words, teh_marbuta=norm.teh_marbuta_char) if words else []


def learn_self_names(corpus: Any, *, by: str = "outlet", edge_words: int = 12, min_share: float = 0.05,
                     min_credit_share: float = 0.01, min_purity: float = 0.9, max_n: int = 3
                     ) -> dict[str, set[str]]:
    """Each group's own name and its variants, learned from where outlets sign their texts.

    Two places are read. **Edges**: the first and last ``edge_words`` words
    of every document, where datelines, bylines, credits and footers sit; an
    n-gram (up to ``max_n`` words, normalised and clitic-stripped) found there
    in at least ``min_share`` of group *g*'s documents is a name of *g* when
    at least ``min_purity`` of the documents where it sits at an edge belong
    to *g*. **Credits**: the one or two words after «لـ» written with a
    tatweel, the way a text names the outlet it speaks to («قال لـ"عكاظ"»,
    «أوضح لـ«الشرق الأوسط»»); there ``min_credit_share`` of *g*'s documents
    suffice, with the same purity.

    Returns
    -------
    dict
        ``{group: {n-gram, ...}}`` in normalised, clitic-stripped spelling
        (words joined by one space).

    Examples
    --------
    >>> from framing.io import Document
    >>> docs = [Document(str(i), "n", f"الرياض - النهار: خبر رقم {i} عن الطقس") for i in range(5)]
    >>> docs += [Document(f"m{i}", "m", f"جده - الصباح: خبر رقم {i} عن الطقس") for i in range(5)]
    >>> sorted(learn_self_names(docs, max_n=1)["n"])
    ['رياض', 'نهار']
    """
    norm = Normalizer()
    corpus = as_corpus(corpus)
    key = group_key(by)
    credit = re.compile(r"ل\u0640+\s*[«\"“'(]?\s*(\w+(?:\s+\w+)?)")
    places: list[tuple[str, list[list[str]], list[list[str]]]] = []  # group, edges, credits
    n_docs: Counter[str] = Counter()
    for doc in corpus:
        group = str(key(doc))
        n_docs[group] += 1
        words = _words(doc.text, norm)
        edges = [words[:edge_words], words[-edge_words:]] if len(words) > edge_words else [words]
        places.append((group, edges, [_words(m.group(1), norm) for m in credit.finditer(doc.text)]))
    forms = sorted({w for _, edges, credits in places for run in edges + credits for w in run})
    stem = dict(zip(forms, _stems(forms, norm), strict=True))
    seen: dict[str, defaultdict[str, Counter[str]]] = {"edge": defaultdict(Counter),
                                                       "credit": defaultdict(Counter)}
    for group, edges, credits in places:
        for where, runs in (("edge", edges), ("credit", credits)):
            grams: set[str] = set()
            for run in runs:
                stems = [stem[w] for w in run]
                grams.update(" ".join(stems[i:i + n]) for n in range(1, max_n + 1)
                             for i in range(len(stems) - n + 1))
            seen[where][group].update(grams)
    names: dict[str, set[str]] = {g: set() for g in n_docs}
    for where, share in (("edge", min_share), ("credit", min_credit_share)):
        total: Counter[str] = Counter()
        for counts in seen[where].values():
            total.update(counts)
        for group, counts in seen[where].items():
            names[group] |= {gram for gram, c in counts.items()
                             if c >= share * n_docs[group] and c >= min_purity * total[gram]
                             and any(ch.isalpha() for ch in gram)}
    return names


def hamza_variants(corpus: Any, *, by: str = "outlet", min_count: int = 5) -> dict[str, dict[str, int]]:
    """Word forms that have a twin differing only in the hamza seat, with their count per group.

    Returns
    -------
    dict
        ``{normalised form: {group: count}}`` for every form seen at least
        ``min_count`` times whose :func:`fold_hamza` key another such form shares.
    """
    corpus = as_corpus(corpus)
    key = group_key(by)
    parts, groups = [], []
    batch: list[Any] = []
    for doc in corpus:
        batch.append(doc)
        groups.append(str(key(doc)))
        if len(batch) == 2000:
            parts.append(encode_documents(iter(batch)))
            batch = []
    if batch:
        parts.append(encode_documents(iter(batch)))
    enc = merge_encoded(parts)
    forms = Normalizer().many(enc.types)
    form_index: dict[str, int] = {}
    type_form = np.fromiter((form_index.setdefault(f, len(form_index)) for f in forms), dtype=np.int64,
                            count=len(forms))
    names = list(form_index)
    folded: dict[str, list[int]] = defaultdict(list)
    for i, form in enumerate(names):
        if "ء" in fold_hamza(form) and any(ch.isalpha() for ch in form):
            folded[fold_hamza(form)].append(i)
    wanted = np.zeros(len(names), dtype=bool)
    for ids in folded.values():
        if len(ids) > 1:
            wanted[ids] = True
    group_names = sorted(set(groups))
    gi = {g: i for i, g in enumerate(group_names)}
    doc_group = np.asarray([gi[g] for g in groups], dtype=np.int64)
    pos_group = np.repeat(doc_group, enc.lengths)
    pos_form = type_form[enc.codes]
    keep = wanted[pos_form]
    table = np.zeros((len(names), len(group_names)), dtype=np.int64)
    np.add.at(table, (pos_form[keep], pos_group[keep]), 1)
    out: dict[str, dict[str, int]] = {}
    for ids in folded.values():
        ids = [i for i in ids if table[i].sum() >= min_count]
        if len(ids) > 1:
            for i in ids:
                out[names[i]] = {g: int(table[i, j]) for j, g in enumerate(group_names) if table[i, j]}
    return out


def term_kinds(groups: Sequence[str], terms: Sequence[str], *,
               self_names: Mapping[str, Iterable[str]] | None = None,
               variants: Mapping[str, Mapping[str, int]] | None = None) -> list[str]:
    """The kind of each (group, term): ``self``, ``formula``, ``spelling`` or ``content``.

    Parameters
    ----------
    groups, terms : sequences of str
        The ``group`` and ``term`` columns of a distinctive-terms table
        (``framing discover``'s, or loadedness's).
    self_names : mapping, optional
        ``{group: n-grams}`` from :func:`learn_self_names`. A term is ``self``
        when it contains one of its group's names or lies inside one (as
        whole words).
    variants : mapping, optional
        From :func:`hamza_variants`. A term is ``spelling`` when one of its
        words, as normalised, has a hamza twin that the other groups use more
        than this form while the term's group uses this form more than the
        twin.

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
    phrases = [f" {p} " for p in FORMULA_PHRASES]
    twins: dict[str, list[str]] = defaultdict(list)
    for form in variants or {}:
        twins[fold_hamza(form)].append(form)
    out = []
    for group, term in zip(groups, terms, strict=True):
        words = _words(str(term), norm)
        stems = _stems(words, norm)
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
