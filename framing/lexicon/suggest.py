"""Candidate terms for a concept or label, from a corpus: ``framing lexicon suggest``.

Scholars build lexicons from their reading; this finds words they may have
missed, for them to read and decide on. It never changes a lexicon itself:
:func:`framing.lexicon.changes.merge_candidates` adds what they accept.

The corpus becomes a :class:`~framing.lexicon.wordspace.WordSpace` (light-stemmed
words as PPMI–SVD vectors, counts per group; see :mod:`framing.lexicon.wordspace`).
Then:

1. The **seeds** are the label's terms (all the concept's labels without
   ``label``): each single-word term and form found in the corpus; a label
   with no single-word term there is represented by its multi-word terms (the
   mean of their words' vectors).
2. ``similarity`` is the cosine between a word and the seeds' mean direction.
3. ``score = similarity × (1 − w + w · tanh(distinctiveness / 1.96))`` with
   ``w = distinctiveness_weight``: a word all groups use alike keeps
   ``1 − w`` of its similarity, one whose between-group z-score is past about
   4 keeps nearly all of it.

Not candidates: words the lexicon already covers (the light stem of any of its
single-word terms or forms, or a word that starts with a wildcard's prefix),
words of fewer than three letters or without Arabic letters, the ``skip_top``
most frequent words, and the function words of :data:`FUNCTION_WORDS`.

References
----------
Watanabe, K. (2021). Latent Semantic Scaling: a semisupervised text analysis
technique for new domains and languages. *Communication Methods and Measures*
15(2): 81–102 (seed words expanded through a word space, as here).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import FramingError, LexiconError
from ..text.clitics import split_article
from ..text.normalizer import Normalizer
from .load import load_lexicon
from .model import Lexicon, Term
from .wordspace import WordSpace, build_word_space

__all__ = ["FUNCTION_WORDS", "SUGGEST_COLUMNS", "suggest_terms"]

#: Columns of :func:`suggest_terms`, in order.
SUGGEST_COLUMNS = ["term", "score", "nearest_lexicon_terms", "count", "count_by_group",
                   "example_1", "example_2", "example_3", "concept", "similarity",
                   "distinctiveness", "decision"]

#: Arabic function words (prepositions, particles, pronouns, demonstratives, relatives, a
#: few auxiliaries), never candidates, also after و or ف.
FUNCTION_WORDS = tuple("""
من إلى عن على في مع بين عند لدى حتى منذ خلال حول ضد نحو دون بعد قبل أمام وراء تحت فوق عبر
إن أن إنه أنه إنها أنها إنهم أنهم لأن لكن لكنه بل أو أم ثم إذ إذا إذن لو لولا كي لكي حيث بينما
كما مثل كل بعض غير سوى إلا أما إما أيضا فقط قد لقد لن لم لا ما ماذا لماذا كيف متى أين هل نعم
هو هي هم هن هما أنت أنتم نحن أنا هذا هذه هذان هاتان ذلك تلك هؤلاء أولئك هنا هناك هنالك
الذي التي الذين اللذين اللتين اللواتي اللاتي كان كانت كانوا يكون تكون ليس ليست أصبح صار
عليه عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم به بها بهم عنه عنها عنهم إليه إليها
إليهم مما عما ممن لما بما فيما إنما مهما طالما بعدما عندما حينما كلما ربما يمكن تم يتم وفق
لدي عدة أي أيا ذاته ذاتها نفسه نفسها جميع كافة سواء أكثر أقل مدى كلا بلى
""".split())

_ARABIC = re.compile("[\u0621-\u064a]")


def suggest_terms(corpus: Any, lexicon: Lexicon | str = "arabic-conflict", *, concept: str,
                  label: str | None = None, top: int = 50, by: str = "outlet",
                  groups: Mapping[str, str] | None = None, window: int = 4, min_count: int = 10,
                  dimensions: int = 300, max_contexts: int = 20_000, skip_top: int = 100,
                  distinctiveness_weight: float = 0.3, seed: int = 0,
                  show_progress: bool | None = None) -> Any:
    """Candidate terms for a lexicon's concept or label, ranked, with contexts to read.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s), list of str, or WordSpace
        See :func:`framing.read_corpus`; or a
        :class:`~framing.lexicon.wordspace.WordSpace` built once with
        :func:`~framing.lexicon.wordspace.build_word_space` (then ``by``,
        ``groups``, ``window``, ``min_count``, ``dimensions``,
        ``max_contexts`` and ``show_progress`` are the space's own).
    lexicon : Lexicon or str
        The lexicon to grow (default: the bundled ``arabic-conflict``).
    concept : str
        The concept to find candidates for.
    label : str, optional
        One label of the concept: its terms are the seeds (default: all the
        concept's terms).
    top : int
        Candidates returned.
    by, groups
        How documents are grouped for ``distinctiveness`` and
        ``count_by_group`` (see :func:`framing.io.group_key`).
    window, min_count, dimensions, max_contexts
        The word space's settings (see :mod:`framing.lexicon.wordspace`).
    skip_top : int
        The most frequent words left out of the candidates.
    distinctiveness_weight : float
        ``w`` of the score, from 0 (similarity alone) to 1.
    seed : int
        Seed of the SVD and of the choice of examples.

    Returns
    -------
    pandas.DataFrame
        One row per candidate, best first, with the columns of
        :data:`SUGGEST_COLUMNS`: ``term`` (the word's most frequent spelling
        without clitics), ``score``, ``nearest_lexicon_terms`` (the three seeds
        closest to it, with their cosine), ``count`` (occurrences, any
        clitics), ``count_by_group``, ``example_1..3`` (concordance lines
        from different groups where possible: ``group: left [word] right``),
        ``concept``, ``similarity``, ``distinctiveness`` and an empty
        ``decision`` for the scholar to fill: ``accept:LABEL``, ``reject``, or
        empty. :func:`framing.lexicon.changes.merge_candidates` (``framing
        lexicon merge``) adds the accepted terms.

    Raises
    ------
    LexiconError
        Unknown concept or label.
    FramingError
        A bad parameter, or no seed term occurs ``min_count`` times in the corpus.

    Examples
    --------
    >>> from framing.io import load_sample
    >>> table = suggest_terms(load_sample(), concept="the_dead", label="martyr", top=3,
    ...                       min_count=3, dimensions=16, skip_top=50)
    >>> list(table.columns[:3]), len(table), set(table["decision"])
    (['term', 'score', 'nearest_lexicon_terms'], 3, {''})
    """
    lex = load_lexicon(lexicon)
    seed_terms = _seed_terms(lex, concept, label)
    for name, value, low in (("top", top, 1), ("skip_top", skip_top, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise FramingError(f"The {name!r} parameter must be a whole number >= {low}. "
                               f"Got {value!r} instead.")
    if not 0 <= distinctiveness_weight <= 1:
        raise FramingError("The 'distinctiveness_weight' parameter must be between 0 and 1. "
                           f"Got {distinctiveness_weight!r} instead.")
    space = corpus if isinstance(corpus, WordSpace) else build_word_space(
        corpus, by=by, groups=groups, window=window, min_count=min_count, dimensions=dimensions,
        max_contexts=max_contexts, seed=seed, show_progress=show_progress)
    seeds = _seed_vectors(seed_terms, space)
    if not seeds:
        raise FramingError(
            f"no term of {concept}{'/' + label if label else ''} occurs often enough in the corpus "
            "to have a vector (after clitics are stripped); lower min_count or give a larger corpus.")
    return _table(space, lex, concept, seeds, top, skip_top, distinctiveness_weight, seed)


def _table(space: WordSpace, lex: Lexicon, concept: str, seeds: list[tuple[str, np.ndarray]],
           top: int, skip_top: int, weight: float, seed: int) -> Any:
    import pandas as pd

    seed_matrix = np.vstack([v for _, v in seeds])
    centroid = seed_matrix.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    similarity = space.vectors @ centroid
    z = space.distinctiveness
    score = similarity * (1 - weight + weight * np.tanh(z / 1.96))
    excluded, listed = _excluded(lex, space, skip_top)
    ranked = []
    for i in np.argsort(-score, kind="stable").tolist():
        t = int(space.targets[i])
        if t in excluded:
            continue
        word = space.normalizer(space.spelling(t))
        if split_article(word)[0] in listed or word in listed:  # the lexicon has it already
            continue
        ranked.append(i)
        if len(ranked) == top:
            break
    rng = np.random.default_rng(seed)
    picks = {int(space.targets[i]): space.pick(int(space.targets[i]), rng) for i in ranked}
    lines = space.examples(picks)
    rows = []
    for i in ranked:
        t = int(space.targets[i])
        near = np.argsort(-(seed_matrix @ space.vectors[i]))[:3].tolist()
        per_group = sorted(((int(space.by_group[g, t]), name)
                            for g, name in enumerate(space.group_names) if space.by_group[g, t]),
                           reverse=True)
        rows.append({
            "term": space.spelling(t), "score": round(float(score[i]), 4),
            "nearest_lexicon_terms": "; ".join(
                f"{seeds[k][0]} ({float(seed_matrix[k] @ space.vectors[i]):.2f})" for k in near),
            "count": int(space.counts[t]),
            "count_by_group": "; ".join(f"{name}: {n}" for n, name in per_group),
            "example_1": lines.get((t, 0), ""), "example_2": lines.get((t, 1), ""),
            "example_3": lines.get((t, 2), ""), "concept": concept,
            "similarity": round(float(similarity[i]), 4), "distinctiveness": round(float(z[i]), 2),
            "decision": "",
        })
    return pd.DataFrame(rows, columns=SUGGEST_COLUMNS)


def _seed_terms(lex: Lexicon, concept: str, label: str | None) -> list[tuple[str, Term]]:
    """``(label id, term)`` of the seeds; a clear error for an unknown concept or label."""
    try:
        c = lex.concept(concept)
    except KeyError:
        raise LexiconError(f"no concept {concept!r} in lexicon {lex.name!r}; its concepts: "
                           f"{', '.join(x.id for x in lex.concepts)}.") from None
    labels = c.labels
    if label is not None:
        labels = tuple(lab for lab in c.labels if lab.id == label)
        if not labels:
            raise LexiconError(f"no label {label!r} in concept {concept!r}; its labels: "
                               f"{', '.join(lab.id for lab in c.labels)}.")
    return [(lab.id, t) for lab in labels for t in lab.terms]


def _stem(word: str, space: WordSpace) -> str:
    return space.stem_of(word)


def _seed_vectors(terms: list[tuple[str, Term]], space: WordSpace) -> list[tuple[str, np.ndarray]]:
    """``(display name, vector)`` of each seed with a vector (see the module docstring)."""
    def vector(surface: str) -> np.ndarray | None:
        rows = [space.row(_stem(w, space)) for w in surface.split()]
        found = [r for r in rows if r is not None]
        if not rows or len(found) < len(rows):
            return None
        v = space.vectors[found].mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    labels = list(dict.fromkeys(lab for lab, _ in terms))
    seeds: list[tuple[str, np.ndarray]] = []
    for lab in labels:
        own = [t for lab_id, t in terms if lab_id == lab]
        single = [(t, s) for t in own for s in t.surfaces if len(s.split()) == 1]
        chosen = single if any(vector(s) is not None for _, s in single) else [
            (t, s) for t in own for s in t.surfaces]
        seen: set[str] = set()
        for t, s in chosen:
            v = vector(s)
            if v is not None and t.text not in seen:
                seen.add(t.text)
                seeds.append((t.text if len(labels) == 1 else f"{t.text} [{lab}]", v))
    return seeds


def _excluded(lex: Lexicon, space: WordSpace, skip_top: int) -> tuple[set[int], set[str]]:
    """Stems that are not candidates (see the module docstring), and the lexicon's one-word
    surfaces, normalised without their article."""
    norm: Normalizer = space.normalizer
    covered: set[str] = set()
    listed: set[str] = set()
    prefixes: list[str] = []
    for term in lex.terms:
        for s in term.surfaces:
            if len(s.split()) == 1:
                if s.endswith("*"):
                    prefixes.append(norm(s[:-1]))
                else:
                    covered.add(_stem(s, space))
                    listed.add(split_article(norm(s), s)[0])
    function = {norm(w) for w in FUNCTION_WORDS}
    out = set(space.order[:skip_top].tolist())
    for t in space.targets.tolist():
        stem = space.stems[t]
        bare = stem[1:] if stem[:1] in ("و", "ف") else stem
        if (len(stem) < 3 or _ARABIC.search(stem) is None or stem in covered
                or stem in function or bare in function
                or any(stem.startswith(p) or ("ال" + stem).startswith(p) for p in prefixes)):
            out.add(t)
    return out, listed
