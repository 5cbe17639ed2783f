"""A corpus's words as vectors, counts per group and concordance lines: what ``suggest`` reads.

:func:`build_word_space` reads a corpus once:

1. Every word (:data:`framing.text.tokens.WORD_RE`) is normalised
   (:class:`framing.text.normalizer.Normalizer`) and its clitics stripped
   (:func:`framing.text.stemming.light_stems`, the corpus's own words as
   evidence): «وبالاحتلال» and «الاحتلال» are both ``احتلال``.
2. Word–context counts within ``window`` words on each side (inside a
   document) become positive pointwise mutual information with context
   distribution smoothing (PPMI, α = 0.75; Levy, Goldberg & Dagan 2015), over
   the ``max_contexts`` most frequent words as contexts and the words seen
   ``min_count`` times or more as targets.
3. The PPMI matrix is reduced with scikit-learn's randomized truncated SVD to
   ``dimensions`` components weighted by the square root of the singular
   values (``U Σ^0.5``, Levy et al.'s eigenvalue weighting ``p = 0.5``); the
   vectors are centred and their two main directions removed (Mu & Viswanath's
   "all-but-the-top", which keeps frequent function words from looking
   similar to everything), then scaled to length 1.
4. ``distinctiveness`` of a word is how differently the groups (``by``) use
   it: the largest absolute z-score of the log-odds ratio with an informative
   Dirichlet prior (Monroe, Colaresi & Quinn 2008; the prior is the word's
   corpus count) of one group against all others; 0 with a single group.

References
----------
Levy, O., Goldberg, Y. & Dagan, I. (2015). Improving distributional similarity
with lessons learned from word embeddings. *Transactions of the ACL* 3: 211–225.

Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical
feature selection and evaluation for identifying the content of political
conflict. *Political Analysis* 16(4): 372–403.

Mu, J. & Viswanath, P. (2018). All-but-the-top: simple and effective
postprocessing for word representations. *ICLR 2018*.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import FramingError
from ..io import as_corpus, group_key
from ..progress import progress
from ..text.clitics import hamza_initial
from ..text.normalizer import INVISIBLE, Normalizer
from ..text.stemming import light_stem, light_stems
from ..text.tokens import WORD_RE

__all__ = ["WordSpace", "build_word_space"]

_MARKS = re.compile(f"[\u064b-\u0652\u0670\u0640{INVISIBLE}]")
_CONTEXT_CHARS = 60


class WordSpace:
    """What :func:`build_word_space` learned from a corpus (see the module docstring).

    Attributes
    ----------
    stems : list of str
        The distinct light stems; ``vectors`` has a row for each of ``targets``.
    counts : ndarray
        Occurrences of each stem.
    by_group : ndarray
        Occurrences of each stem in each group (groups × stems).
    group_names : list of str
    targets : ndarray
        The stems with a vector (seen ``min_count`` times or more).
    vectors : ndarray
        One unit-length row per target.
    distinctiveness : ndarray
        Per target (see the module docstring).
    """

    def __init__(self, corpus: Any, normalizer: Normalizer, forms: list[str], tokens: np.ndarray,
                 doc_starts: np.ndarray, doc_groups: np.ndarray, group_names: list[str]) -> None:
        self.corpus = corpus
        self.normalizer = normalizer
        self.forms = forms
        self.tokens = tokens
        self.doc_starts = doc_starts
        self.doc_groups = doc_groups
        self.group_names = group_names
        self.stems, self.form_stem = _stems(forms, normalizer)
        self.stem_tokens = self.form_stem[tokens]
        n = len(self.stems)
        self.counts = np.bincount(self.stem_tokens, minlength=n)
        token_groups = np.repeat(doc_groups, np.diff(doc_starts))
        self.by_group = np.bincount(token_groups * n + self.stem_tokens,
                                    minlength=len(group_names) * n).reshape(len(group_names), n)
        self.order = np.argsort(-self.counts, kind="stable")
        self.stem_index = {s: i for i, s in enumerate(self.stems)}
        self.targets = np.zeros(0, dtype=np.int64)
        self.vectors = np.zeros((0, 0))
        self.distinctiveness = np.zeros(0)
        self._rows: dict[int, int] = {}
        self._freq: np.ndarray | None = None
        self._form_ids: dict[str, int] | None = None
        self._evidence_set: set[str] | None = None

    def stem_of(self, word: str) -> str:
        """The stem a word written this way has in the space (``*`` dropped)."""
        word = word.rstrip("*")
        if self._form_ids is None:
            self._form_ids = {f: i for i, f in enumerate(self.forms)}
        i = self._form_ids.get(word)
        if i is not None:
            return self.stems[int(self.form_stem[i])]
        teh = self.normalizer.teh_marbuta_char
        marked = _mark(word, self.normalizer(word), teh)
        stem = light_stem(marked, self._evidence(), teh_marbuta="\u0629")
        return stem.replace("\u0629", teh).replace("\u0623", "\u0627")

    def _evidence(self) -> set[str]:
        if self._evidence_set is None:
            self._evidence_set = {s for s in self.stems if not s.startswith("ال")}
        return self._evidence_set

    def row(self, stem: str) -> int | None:
        """The row of ``stem`` in :attr:`vectors`, or ``None`` when it has none."""
        return self._rows.get(self.stem_index.get(stem, -1))

    def fit(self, *, window: int, min_count: int, dimensions: int, max_contexts: int,
            seed: int) -> WordSpace:
        """Compute the vectors and the distinctiveness of the targets."""
        self.targets = np.flatnonzero(self.counts >= min_count)
        if len(self.targets) < 3:
            raise FramingError(f"fewer than 3 words occur {min_count} times or more; give a larger "
                               "corpus or lower min_count.")
        top = self.order[:max_contexts]
        contexts = top[self.counts[top] > 0]
        counts = _cooccurrence(self.stem_tokens, self.doc_starts, self.targets, contexts, window,
                               len(self.stems))
        self.vectors = _embed(_ppmi(counts), dimensions, seed)
        self._rows = dict(zip(self.targets.tolist(), range(len(self.targets)), strict=True))
        self.distinctiveness = _distinctiveness(self.by_group, self.targets)
        return self

    def spelling(self, stem: int) -> str:
        """The stem's most frequent spelling as a word of its own: no clitics, no diacritics.

        Among the forms read as ``stem``, those whose normalised form is the
        stem, or the stem written with a final ة (``مجزرة`` for ``مجزر``), with
        or without the article (which is dropped); a form whose first letter is
        أ/إ/آ is kept whole. The stem itself when none is found.
        """
        stem_text = self.stems[stem]
        if self._freq is None:
            self._freq = np.bincount(self.tokens, minlength=len(self.forms))
        freq = self._freq
        best: tuple[int, str] = (-1, stem_text)
        for f in np.flatnonzero(self.form_stem == stem).tolist():
            surface = _MARKS.sub("", self.forms[f])
            norm = self.normalizer(surface)
            bare = surface
            if norm.startswith("ال") and not hamza_initial(surface):
                norm, bare = norm[2:], surface[2:]
            teh = self.normalizer.teh_marbuta_char
            if norm == stem_text or (norm == stem_text + teh and bare.endswith("ة")):
                best = max(best, (int(freq[f]), bare))
        return best[1]

    def examples(self, picks: dict[int, list[int]]) -> dict[tuple[int, int], str]:
        """Concordance lines at token positions: ``{(stem, k): "group: left [word] right"}``."""
        wanted: dict[int, list[tuple[int, int, int]]] = {}
        for stem, positions in picks.items():
            for k, pos in enumerate(positions):
                doc = int(np.searchsorted(self.doc_starts, pos, side="right") - 1)
                wanted.setdefault(doc, []).append((pos - int(self.doc_starts[doc]), int(stem), k))
        out: dict[tuple[int, int], str] = {}
        for d, doc in enumerate(self.corpus):
            if d not in wanted:
                continue
            spans = [m.span() for m in WORD_RE.finditer(doc.text)]
            for index, stem, k in wanted[d]:
                if index < len(spans):
                    a, b = spans[index]
                    left = " ".join(doc.text[max(0, a - _CONTEXT_CHARS):a].split())
                    right = " ".join(doc.text[b:b + _CONTEXT_CHARS].split())
                    out[(stem, k)] = (f"{self.group_names[self.doc_groups[d]]}: {left} "
                                      f"[{doc.text[a:b]}] {right}").strip()
        return out

    def pick(self, stem: int, rng: np.random.Generator, n: int = 3) -> list[int]:
        """Up to ``n`` token positions of ``stem`` at random, from different groups where possible."""
        shuffled = rng.permutation(np.flatnonzero(self.stem_tokens == stem))[:500].tolist()
        groups = self.doc_groups[np.searchsorted(self.doc_starts, shuffled, side="right") - 1]
        chosen: list[int] = []
        seen: set[int] = set()
        for pos, g in zip(shuffled, groups.tolist(), strict=True):
            if g not in seen and len(chosen) < n:
                chosen.append(pos)
                seen.add(g)
        return chosen + [p for p in shuffled if p not in chosen][:n - len(chosen)]


def build_word_space(corpus: Any, *, by: str = "outlet", groups: Mapping[str, str] | None = None,
                     window: int = 4, min_count: int = 10, dimensions: int = 300,
                     max_contexts: int = 20_000, seed: int = 0,
                     show_progress: bool | None = None) -> WordSpace:
    """Read ``corpus`` once into a :class:`WordSpace` (see the module docstring).

    A one-pass stream is held in memory (concordance lines are read in a
    second pass). Build it once to suggest terms for several concepts:
    :func:`framing.lexicon.suggest.suggest_terms` accepts it instead of a corpus.
    """
    for name, value, low in (("window", window, 1), ("min_count", min_count, 1),
                             ("dimensions", dimensions, 2), ("max_contexts", max_contexts, 2)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise FramingError(f"The {name!r} parameter must be a whole number >= {low}. "
                               f"Got {value!r} instead.")
    corpus = as_corpus(corpus)
    if not corpus.paths and not corpus.in_memory:
        corpus = as_corpus(list(corpus))
    space = _encode(corpus, group_key(by, groups=groups), Normalizer(), show_progress)
    return space.fit(window=window, min_count=min_count, dimensions=dimensions,
                     max_contexts=max_contexts, seed=seed)


def _encode(corpus: Any, key: Any, normalizer: Normalizer, show_progress: bool | None) -> WordSpace:
    """The corpus as word ids (one pass; pyarrow numbers each batch's distinct words)."""
    import pyarrow as pa

    form_ids: dict[str, int] = {}
    group_ids: dict[str, int] = {}
    parts: list[np.ndarray] = []
    lengths: list[int] = []
    doc_groups: list[int] = []
    batch: list[str] = []

    def flush() -> None:
        if batch:
            encoded = pa.array(batch, type=pa.large_string()).dictionary_encode()
            local = encoded.dictionary.to_pylist()
            mapping = np.fromiter((form_ids.setdefault(w, len(form_ids)) for w in local),
                                  dtype=np.int64, count=len(local))
            parts.append(mapping[encoded.indices.to_numpy(zero_copy_only=False)])
            batch.clear()

    for doc in progress(corpus, desc="reading", enable=show_progress):
        words = WORD_RE.findall(doc.text)
        batch.extend(words)
        lengths.append(len(words))
        doc_groups.append(group_ids.setdefault(key(doc), len(group_ids)))
        if len(batch) > 500_000:
            flush()
    flush()
    tokens = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    if len(tokens) == 0:
        raise FramingError("the corpus has no words; nothing to suggest from.")
    return WordSpace(corpus, normalizer, list(form_ids), tokens,
                     np.concatenate(([0], np.cumsum(lengths, dtype=np.int64))),
                     np.asarray(doc_groups, dtype=np.int64), list(group_ids))


def _stems(forms: list[str], normalizer: Normalizer) -> tuple[list[str], np.ndarray]:
    """The light stem of each form (normalised), as distinct stems and each form's stem id.

    Guards keep :func:`~framing.text.stemming.light_stems` to the readings the
    spelling allows: a word written with a final ة keeps it while it is stemmed
    (``قاعدة`` is not قاعد + ه); an alef written with hamza among the first
    three letters is not the article's (``ألغام``, ``وألغامهم``); and words that
    begin with the article are no evidence for a pronoun reading (the article
    and a pronoun never meet: ``الحوثي`` is not الحوث + ي).
    """
    normed = normalizer.many(forms)
    teh = normalizer.teh_marbuta_char
    marked = [_mark(f, n, teh) for f, n in zip(forms, normed, strict=True)]
    distinct = list(dict.fromkeys(marked))
    evidence = {n for n in distinct if not n.startswith("ال")}
    stems = light_stems(distinct, evidence, teh_marbuta="\u0629")
    stem_of = {n: st.replace("\u0629", teh).replace("\u0623", "\u0627")
               for n, st in zip(distinct, stems, strict=True)}
    ids: dict[str, int] = {}
    form_stem = np.fromiter((ids.setdefault(stem_of[n], len(ids)) for n in marked),
                            dtype=np.int64, count=len(marked))
    return list(ids), form_stem


def _mark(form: str, norm: str, teh: str) -> str:
    """``norm`` with a written final ة kept as ة and an early hamza alef kept as أ."""
    raw = _MARKS.sub("", form)
    if len(raw) != len(norm):  # spelling variants or NFKC changed the length: no marks
        return norm
    if teh != "\u0629" and norm.endswith(teh) and raw.endswith("\u0629"):
        norm = norm[:-1] + "\u0629"
    for i in range(min(3, len(raw))):
        if raw[i] in "\u0622\u0623\u0625" and norm[i] == "\u0627":
            norm = norm[:i] + "\u0623" + norm[i + 1:]
    return norm


def _cooccurrence(tok: np.ndarray, doc_starts: np.ndarray, targets: np.ndarray,
                  contexts: np.ndarray, window: int, n_stems: int) -> Any:
    """Targets × contexts counts of context words within ``window`` words, inside documents."""
    import scipy.sparse as sp

    row = np.full(n_stems, -1, dtype=np.int64)
    row[targets] = np.arange(len(targets))
    col = np.full(n_stems, -1, dtype=np.int64)
    col[contexts] = np.arange(len(contexts))
    doc = np.repeat(np.arange(len(doc_starts) - 1), np.diff(doc_starts))
    total = sp.csr_matrix((len(targets), len(contexts)), dtype=np.float64)
    for d in range(1, window + 1):
        same = doc[:-d] == doc[d:]
        left, right = tok[:-d][same], tok[d:][same]
        for a, b in ((left, right), (right, left)):
            r, c = row[a], col[b]
            ok = (r >= 0) & (c >= 0)
            total = total + sp.csr_matrix((np.ones(int(ok.sum())), (r[ok], c[ok])),
                                          shape=total.shape)
    return total


def _ppmi(counts: Any, alpha: float = 0.75) -> Any:
    """Positive PMI with the context distribution raised to ``alpha`` (Levy et al. 2015)."""
    counts = counts.tocsr()
    counts.sum_duplicates()
    total = counts.sum()
    if total == 0:
        raise FramingError("no word occurs near another often enough; give a larger corpus.")
    rows = np.asarray(counts.sum(axis=1)).ravel()
    cols = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    p_context = cols / cols.sum()
    r = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    pmi = (np.log(counts.data) - np.log(total) - np.log(rows[r] / total)
           - np.log(p_context[counts.indices]))
    out = counts.copy()
    out.data = np.maximum(pmi, 0.0)
    out.eliminate_zeros()
    return out


def _embed(ppmi: Any, dimensions: int, seed: int, drop: int = 2) -> np.ndarray:
    """``U Σ^0.5`` of a truncated SVD, all-but-the-top (centred, ``drop`` directions removed), unit rows."""
    from sklearn.decomposition import TruncatedSVD

    k = max(1, min(dimensions, min(ppmi.shape) - 1))
    svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=5, random_state=seed)
    vectors = svd.fit_transform(ppmi) / np.sqrt(np.maximum(svd.singular_values_, 1e-12))
    vectors -= vectors.mean(axis=0)
    if drop and k > drop:
        _, _, top = np.linalg.svd(vectors, full_matrices=False)
        vectors -= (vectors @ top[:drop].T) @ top[:drop]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def _distinctiveness(by_group: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Largest |z| of the log-odds ratio with an informative Dirichlet prior, one group vs the rest.

    Monroe, Colaresi & Quinn (2008), eqs. 16, 18–20 (as ``discover`` computes
    it), with the prior pseudo-count of a word equal to its corpus count.
    """
    n_groups = by_group.shape[0]
    if n_groups < 2:
        return np.zeros(len(targets))
    totals = by_group.sum(axis=1).astype(float)
    prior = by_group.sum(axis=0)[targets].astype(float)
    a0 = float(totals.sum())
    best = np.zeros(len(targets))
    for g in range(n_groups):
        y_i = by_group[g, targets].astype(float)
        y_j = prior - y_i
        n_i, n_j = totals[g], a0 - totals[g]
        delta = (np.log(y_i + prior) - np.log(n_i + a0 - y_i - prior)
                 - np.log(y_j + prior) + np.log(n_j + a0 - y_j - prior))
        z = delta / np.sqrt(1.0 / (y_i + prior) + 1.0 / (y_j + prior))
        best = np.maximum(best, np.abs(z))
    return best
