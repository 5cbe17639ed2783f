"""Clitic segmentation of normalised Arabic words.

Arabic attaches conjunctions, prepositions, the article and object/possessive
pronouns to the word they govern: «وبالاحتلال» is و + ب + ال + احتلال and
«قاعدتها» is قاعدة + ها (teh marbuta written ت before the suffix). A lexicon
term must be found whatever clitics the text attaches, without hitting words
that merely *look* like clitic + term (كمال is not ك + مال).

:func:`segment` lists every orthographically valid reading of a word as
``(stem, article, prep, enclitic, conj)``. Which readings may match a given
lexicon word is decided by :func:`allows`, under one of three policies:

``"all"`` (default)
    any valid combination: (و|ف)? (ب|ك|ل)? (ال)? STEM (pronoun)? ; ل + ال is
    written لل; the article and a pronoun suffix never co-occur.
``"strict"``
    only و/ف and the article (with or without a preposition before it); no
    bare preposition, no pronoun suffix. Applied automatically to stems shorter
    than ``min_stem`` letters (4 by default), which is what keeps مال out of
    كمال and امن out of امني.
``"none"``
    the normalised word must equal the term word exactly.

A lexicon word written with the article (``الاحتلال``) requires the article in
the text (ال or fused لل); one written without it (``شهيد``) matches with or
without it. A word written with a hamza on its first alef (``ألغام``, ``إلغاء``,
``آليات``) does not begin with the article, although normalisation spells it
like one (``الغام``): :func:`split_article` is told how it was written.
"""

from __future__ import annotations

import unicodedata
from typing import Literal, NamedTuple

__all__ = [
    "CONJUNCTIONS",
    "ENCLITICS",
    "PREPOSITIONS",
    "CliticPolicy",
    "Reading",
    "allows",
    "hamza_initial",
    "segment",
    "split_article",
]

CliticPolicy = Literal["all", "strict", "none"]

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ك", "ل")
#: Pronoun enclitics, longest first.
ENCLITICS = ("هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ي", "ك")
ARTICLE = "ال"
MIN_STEM = 2


class Reading(NamedTuple):
    """One segmentation of a word: its stem and which clitics it carries."""

    stem: str
    article: bool
    prep: bool
    enclitic: bool
    conj: bool


def split_article(word: str, written: str | None = None) -> tuple[str, bool]:
    """Split a leading article off a normalised lexicon word.

    Parameters
    ----------
    word : str
        The normalised word.
    written : str, optional
        The word as written in the lexicon, before normalisation. When its
        first letter is an alef with hamza or madda (أ إ آ), the word does not
        begin with the article («ألغام», «إلغاء», «آليات») although its
        normalised form does (``الغام``).

    Examples
    --------
    >>> split_article("الاحتلال")
    ('احتلال', True)
    >>> split_article("شهيد")
    ('شهيد', False)
    >>> split_article("الغام", "ألغام")
    ('الغام', False)
    """
    if word.startswith(ARTICLE) and len(word) - 2 >= MIN_STEM and not (
            written and hamza_initial(written)):
        return word[2:], True
    return word, False


_HAMZA_ALEFS = frozenset("\u0622\u0623\u0625")  # آ أ إ


def hamza_initial(written: str) -> bool:
    """Whether the first letter of ``written`` is an alef with hamza or madda (أ إ آ).

    The alef may be spelled with a combining hamza or madda (ا + U+0654/U+0655/U+0653),
    and invisible marks or tatweel may come first.

    Examples
    --------
    >>> hamza_initial("ألغام"), hamza_initial("الألغام"), hamza_initial("\u200fإلغاء")
    (True, False, True)
    """
    for i, ch in enumerate(written):
        if unicodedata.category(ch) == "Cf" or ch == "\u0640":
            continue
        return unicodedata.normalize("NFC", written[i:i + 3])[:1] in _HAMZA_ALEFS
    return False


def segment(word: str, teh_marbuta: str = "ه", *, final_teh_marbuta: bool = False
            ) -> list[Reading]:
    """Return every valid clitic reading of the normalised ``word``.

    Parameters
    ----------
    word : str
        A normalised word (see :class:`framing.text.normalizer.Normalizer`).
    teh_marbuta : str
        The letter teh marbuta is normalised to (``"ه"`` by default, ``"ة"``
        when that step is off); a stem ending in ت before a pronoun suffix is
        also read with teh marbuta restored.
    final_teh_marbuta : bool
        The word was *written* with a final ة (before normalisation turned it
        into ه): its last letter cannot be the pronoun ـه, so «محتلة» is not
        read as محتل + ه.

    Examples
    --------
    >>> [r.stem for r in segment("وبالاحتلال") if r.article]
    ['احتلال']
    >>> sorted({r.stem for r in segment("قاعدتها")})
    ['قاعدت', 'قاعدتها', 'قاعده']
    """
    # The bare word is always a reading, however short (digits, «من»).
    readings: list[Reading] = [Reading(word, False, False, False, False)]
    for conj in ("", *CONJUNCTIONS):
        if conj and not word.startswith(conj):
            continue
        rest1 = word[len(conj) :]
        for prep in ("", *PREPOSITIONS):
            if prep and not rest1.startswith(prep):
                continue
            rest2 = rest1[len(prep) :]
            if len(rest2) >= MIN_STEM:
                _add_with_enclitics(readings, rest2, False, bool(prep), bool(conj), teh_marbuta,
                                    bare=not (conj or prep), final_teh=final_teh_marbuta)
            # The article: ل + ال is written لل; otherwise ال follows directly.
            if prep == "ل":
                if rest2.startswith("ل") and len(rest2) - 1 >= MIN_STEM:
                    readings.append(Reading(rest2[1:], True, True, False, bool(conj)))
            elif rest2.startswith(ARTICLE) and len(rest2) - 2 >= MIN_STEM:
                readings.append(Reading(rest2[2:], True, bool(prep), False, bool(conj)))
    return readings


def _add_with_enclitics(
    out: list[Reading], rest: str, article: bool, prep: bool, conj: bool, teh: str, *, bare: bool,
    final_teh: bool = False,
) -> None:
    if not bare:  # the bare word is already the first reading
        out.append(Reading(rest, article, prep, False, conj))
    for suffix in ENCLITICS:
        if final_teh and suffix == "ه":
            continue
        if rest.endswith(suffix) and len(rest) - len(suffix) >= MIN_STEM:
            base = rest[: -len(suffix)]
            out.append(Reading(base, article, prep, True, conj))
            if base.endswith("ت"):
                out.append(Reading(base[:-1] + teh, article, prep, True, conj))


def allows(
    reading: Reading,
    *,
    needs_article: bool,
    policy: CliticPolicy,
    min_stem: int = 4,
) -> bool:
    """Whether ``reading`` may instantiate a lexicon word with this policy.

    Examples
    --------
    >>> kamal = [r for r in segment("كمال") if r.stem == "مال"][0]
    >>> allows(kamal, needs_article=False, policy="all")
    False
    >>> wal = [r for r in segment("والمال") if r.stem == "مال"][0]
    >>> allows(wal, needs_article=False, policy="all")
    True
    """
    if needs_article and not reading.article:
        return False
    if policy == "all" and len(reading.stem) < min_stem:
        policy = "strict"
    if policy == "none":
        return not (reading.conj or reading.prep or reading.enclitic) and (
            reading.article == needs_article
        )
    if policy == "strict":
        return not reading.enclitic and (not reading.prep or reading.article)
    return True
