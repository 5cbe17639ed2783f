"""Discover the words and phrases that set a group of documents apart: ``framing discover``.

Modules: :mod:`.words` (splitting, numbering, stemming, stop words),
:mod:`.ngrams` (n-gram counts as int64 keys), :mod:`.rank` (the statistic and
the top rows), :mod:`.examples` (concordance lines, spellings, the output
table), :mod:`.stages` (the per-unit stages) and :mod:`.run` (the passes and
:func:`discover`).

Finds candidate loaded terms, including ones the lexicon lacks, by comparing
each group's n-gram counts with the rest of the corpus (or with one other
group).

Units
    1- to 3-grams over **normalised, clitic-stripped** words: the same Arabic
    layer as matching (:mod:`framing.text.normalizer`), then
    :func:`framing.text.light_stems` with the corpus vocabulary as
    evidence, so «والاحتلال», «بالاحتلال» and «الاحتلال» are one unit. An
    n-gram never spans punctuation, a line break or a number, and n-grams
    that begin or end with a stop word (:data:`DEFAULT_STOPWORDS`, also with
    و/ف and ب/ك/ل attached) are dropped; a stop word may sit inside a
    trigram («قوات من الجيش»).

Statistic
    The log-odds ratio with an informative Dirichlet prior of Monroe,
    Colaresi & Quinn (2008), as a z-score (:func:`framing.analysis.stats.log_odds_dirichlet`),
    for each group against all other documents, or for one pair of groups.
    The prior pseudo-count of an n-gram is ``alpha0 * count / total`` over
    the compared documents (n-grams of the same length); by default
    ``alpha0`` is the total itself, so the prior is the corpus count of the
    n-gram (as in Jurafsky et al. 2014 and scattertext's default), which
    shrinks rare n-grams strongly and lets frequent ones with a small shift
    rank below clearly distinctive ones. Swapping the two sides negates
    every z; an n-gram absent from one side still gets a finite z. An
    n-gram that is the only one of its length in the compared documents
    (a toy corpus) has no log-odds: its z is NaN and it ranks last.

Display
    ``term`` is the n-gram's most frequent spelling: the most frequent
    sequence of surface words over all its occurrences in the compared
    documents (ties: alphabetical), while the counts cover every clitic and
    spelling variant. ``example`` is one concordance line from the group:
    the first occurrence in the group's document with the smallest
    ``doc_id``. ``in_lexicon`` lists the ``concept:label`` of every lexicon
    term the lexicon's :class:`~framing.match.matcher.Matcher` finds inside that
    example occurrence (empty when the lexicon does not cover it). Rows with
    equal z are ordered by their normalised stems. None of this depends on
    the order of the input rows.

References
----------
Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words. *Political
Analysis*, 16(4), 372–403. Jurafsky, D., Chahuneau, V., Routledge, B. R. &
Smith, N. A. (2014). Narrative framing of consumer sentiment in online
restaurant reviews. *First Monday*, 19(4).
"""

from __future__ import annotations

from .run import DISCOVER_COLUMNS, discover, unit_size
from .words import DEFAULT_STOPWORDS, read_stopwords

__all__ = ["DEFAULT_STOPWORDS", "DISCOVER_COLUMNS", "discover", "read_stopwords", "unit_size"]
