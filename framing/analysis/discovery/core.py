"""Discover the words and phrases that set a group of documents apart: ``framing discover``.

Finds candidate loaded terms, including ones the lexicon lacks, by comparing
each group's n-gram counts with the rest of the corpus (or with one other
group).

Units
    1- to 3-grams over **normalised, clitic-stripped** words: the same Arabic
    layer as matching (:mod:`framing.text.normalizer`), then
    :func:`framing.text.clitics.light_stem` with the corpus vocabulary as
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

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import partial
from itertools import compress, repeat
from pathlib import Path
from typing import Any

import numpy as np

from ...engines import Engine, LocalEngine, resolve
from ...errors import FramingError
from ...io.corpus import as_corpus
from ...io.groups import group_key
from ...lexicon.model import Lexicon
from ...match import BATCH_DOCS, Matcher, split_chunks
from ...progress import progress
from ...text.clitics import CONJUNCTIONS, PREPOSITIONS
from ...text.normalizer import Normalizer
from ...text.stemming import light_stems
from ...text.tokens import WORD_RE, nonword_run_re2
from ...utils import threaded, with_arrow
from ..stats import log_odds_dirichlet

__all__ = ["DEFAULT_STOPWORDS", "DISCOVER_COLUMNS", "discover", "read_stopwords"]

DISCOVER_COLUMNS = ["group", "term", "z", "count_group", "count_rest", "in_lexicon", "example"]

#: Arabic function words, in normalised spelling (أ/إ/آ → ا, ى → ي, ة → ه).
DEFAULT_STOPWORDS: frozenset[str] = frozenset("""
في من علي الي عن ان او ام ثم حتي قد لقد لا لم لن ما ماذا مما مع بين كما كان كانت يكون تكون
كانوا اصبح هذا هذه هذان هاتان هؤلاء ذلك تلك اولئك هو هي هما هم هن انا نحن انت انتم
التي الذي الذين اللذين اللتين اللواتي اللاتي عند عندما منذ خلال بعد قبل حيث كل بعض غير اي ايضا
لكن لكنه لكنها الا اذا اذ اذن لدي لو لولا لان كي ليس ليست مثل نحو دون ضد حول لدي عليه عليها
عليهم فيه فيها فيهم منه منها منهم اليه اليها اليهم به بها بهم له لها لهم هناك هنا الان كذلك
وقد بل اما سوف ان يا تم يتم عدد اكثر اقل جدا فقط
""".split())

_LETTER = re.compile(r"[^\W\d_]")  # a word has at least one letter (not a number, not a mark)
_PARA = "\ue001"  # private-use marker for a line or document break inside the token stream
_BOUNDARY = -1
_NONWORD_RUN = nonword_run_re2()  # a run of what WORD_RE leaves out, in RE2 syntax (pyarrow)
_CONJ = ("", *CONJUNCTIONS)
_PREP = ("", *PREPOSITIONS)
_MIN_READING = 2  # framing.text.clitics.MIN_STEM: the shortest stem segment() produces


def read_stopwords(path: str | Path, normalizer: Normalizer | None = None) -> frozenset[str]:
    """Read a stop-word file: one word per line, ``#`` starts a comment; words are normalised."""
    path = Path(path)
    if not path.is_file():
        raise FramingError(f"stop-word file {str(path)!r} not found; give a text file, one word a line.")
    norm = normalizer or Normalizer()
    words = set()
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(norm(word))
    return frozenset(words)


class _Ids(dict[str, int]):
    """A dict that gives each new key the next integer id."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


@dataclass
class _Stream:
    """The compared documents as one stream of stem ids (-1 = boundary)."""

    stems: np.ndarray  # stem id per position, -1 at boundaries
    groups: np.ndarray  # group index per position
    doc_start: np.ndarray  # first position of each document
    doc_ids: list[str]
    doc_group: np.ndarray
    texts: list[str]
    surfaces: list[str]  # word types (surface forms)
    type_stem: np.ndarray  # word type -> stem id (-1: not a word, e.g. a number)
    stem_names: list[str]
    stop: np.ndarray  # per stem
    word_index: dict[str, int] | None  # surface -> word type id, built when first needed
    words: np.ndarray  # word type id per position (-1 at boundaries)


def _encode(texts: list[str], threads: int = 1) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Split texts into word types: ``(word type id per position, -1 at boundaries), tokens per
    document, word types)``. The first two steps of :func:`_tokenise`, per unit in the engines.

    Every line and document ends with the word type ``_PARA`` (a boundary once
    normalised: it has no letter); punctuation inside a whitespace chunk is a
    boundary (-1), one per run. Runs in pyarrow's compiled kernels when it is
    installed; :func:`_encode_python` is the reference (``tests/test_discover.py``
    checks that both give the same words at every position). pyarrow's kernels release the
    GIL, so ``threads`` threads split batches of texts at once.
    """
    return with_arrow(partial(_encode_arrow, threads=threads), _encode_python, texts)


def _encode_arrow(pa: Any, texts: list[str], threads: int = 1) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """:func:`_encode` in pyarrow's compiled kernels, a batch of texts at a time (memory stays
    bounded): line breaks become ``_PARA``, runs of punctuation separate tokens of their own
    (one boundary each), then a whitespace split numbers each batch's distinct tokens."""
    import pyarrow.compute as pc

    def split(k: int) -> tuple[Any, np.ndarray, np.ndarray]:
        arr = pa.array(texts[k:k + BATCH_DOCS], type=pa.large_string())
        arr = pc.replace_substring(arr, "\n", f" {_PARA} ")
        arr = pc.replace_substring_regex(arr, _NONWORD_RUN, " \\0 ")
        lists = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(arr))
        encoded = pc.list_flatten(lists).dictionary_encode()
        return (encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False),
                pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64))

    dicts = [pa.array([_PARA], type=pa.large_string())]  # token type 0: _PARA
    codes: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for dictionary, code, length in threaded(split, range(0, len(texts), BATCH_DOCS), threads):
        dicts.append(dictionary)
        codes.append(code)
        lengths.append(length)
    # Token types numbered over all batches; a run of punctuation is a boundary (-1), the
    # empty string (the one token of an empty text) is dropped (-2), others are word types.
    merged = pa.concat_arrays(dicts).dictionary_encode()
    types = merged.dictionary
    boundary = pc.match_substring_regex(types, f"^{_NONWORD_RUN}$").to_numpy(zero_copy_only=False)
    empty = pc.equal(pc.binary_length(types), 0).to_numpy(zero_copy_only=False)
    word = ~(boundary | empty)
    type_word = np.full(len(types), _BOUNDARY, dtype=np.int32)
    type_word[word] = np.arange(int(word.sum()), dtype=np.int32)
    type_word[empty] = -2
    entry_word = type_word[merged.indices.to_numpy(zero_copy_only=False)]
    offsets = np.cumsum([0, *(len(d) for d in dicts)])
    out = np.concatenate([entry_word[offsets[b + 1]:offsets[b + 2]][c] for b, c in enumerate(codes)])
    doc_len = np.concatenate(lengths)
    if empty.any():
        drop = out == -2
        doc_len -= np.bincount(np.repeat(np.arange(len(doc_len)), doc_len)[drop], minlength=len(doc_len))
        out = out[~drop]
    # Every document ends with _PARA (word type 0).
    out = np.insert(out, np.cumsum(doc_len), np.int32(0))
    surfaces = types.filter(pa.array(word)).to_pylist()
    del dicts, merged, types
    pa.default_memory_pool().release_unused()  # hand the batches' buffers back to the system
    return out, doc_len + 1, surfaces


def _encode_python(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """:func:`_encode` with the matcher's whitespace split (:func:`split_chunks`) and each
    distinct chunk cut at punctuation by :data:`WORD_RE` in Python: the reference, and the
    path for text that pyarrow cannot hold."""
    # 1. Whitespace chunks -> chunk ids in order of first occurrence, _PARA (0) closing
    #    every line and document. A batch of texts at a time (memory stays bounded):
    #    pyarrow's compiled split numbers the batch's distinct chunks, a dict makes the
    #    numbers global; without pyarrow, every chunk goes through the dict.
    chunk_ids = _Ids()
    chunk_ids[_PARA] = 0
    get = chunk_ids.__getitem__
    parts: list[np.ndarray] = []
    counts: list[np.ndarray] = []
    for k in range(0, len(texts), BATCH_DOCS):
        marked = [text.replace("\n", f" {_PARA} ") + f" {_PARA}" if "\n" in text
                  else text + f" {_PARA}" for text in texts[k:k + BATCH_DOCS]]
        found, codes, lengths = split_chunks(marked)
        ids = np.fromiter(map(get, found), dtype=np.int32, count=len(found))
        parts.append(ids if codes is None else ids[codes])
        counts.append(lengths)
    chunks = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    n_chunks = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
    chunk_types = list(chunk_ids)

    # 2. Each chunk type -> its words, with a boundary wherever punctuation sits.
    #    Letters-only chunks (the vast majority) are one word each: looked up in C loops.
    alpha = np.fromiter(map(str.isalpha, chunk_types), dtype=bool, count=len(chunk_types))
    word_index = _Ids()
    alpha_words = np.fromiter(map(word_index.__getitem__, compress(chunk_types, alpha)),
                              dtype=np.int64, count=int(alpha.sum()))
    other: list[tuple[int, list[int]]] = []
    finditer = WORD_RE.finditer
    for c in np.flatnonzero(~alpha).tolist():
        chunk = chunk_types[c]
        seq: list[int] = []
        end = 0
        for m in finditer(chunk):
            if m.start() > end:
                seq.append(_BOUNDARY)
            seq.append(word_index[m.group()])
            end = m.end()
        if end < len(chunk) or not seq:
            seq.append(_BOUNDARY)
        other.append((c, seq))
    lengths = np.ones(len(chunk_types), dtype=np.int64)
    for c, seq in other:
        lengths[c] = len(seq)
    starts = np.cumsum(lengths) - lengths
    flat = np.empty(int(lengths.sum()), dtype=np.int64)
    flat[starts[alpha]] = alpha_words
    for c, seq in other:
        flat[starts[c]:starts[c] + len(seq)] = seq
    per_chunk = lengths[chunks]
    total = int(per_chunk.sum())
    out_start = np.cumsum(per_chunk) - per_chunk
    words = flat[np.repeat(starts[chunks] - out_start, per_chunk) + np.arange(total)]
    chunk_doc_start = np.concatenate([[0], np.cumsum(n_chunks)[:-1]])
    doc_len = np.add.reduceat(per_chunk, chunk_doc_start) if len(texts) else np.zeros(0, np.int64)
    return words.astype(np.int32), doc_len, list(word_index)


def _tokenise(texts: list[str], doc_group: np.ndarray, normalizer: Normalizer,
              stopwords: frozenset[str], threads: int = 1) -> _Stream:
    """Split, identify word types once, normalise and stem each type once, build the stream."""
    words32, doc_len, surfaces = _encode(texts, threads)
    doc_start = np.cumsum(doc_len) - doc_len

    # 3. Word types -> normalised forms -> stems, each distinct form once.
    normed = normalizer.many(surfaces)
    type_form, forms = _number(normed)
    form_stem, stem_names, stop = _stem_table(forms, normalizer.teh_marbuta_char, stopwords)
    type_stem = form_stem[type_form]
    # Stem id per position: index 0 of the table stands for a boundary (-1).
    stems = np.concatenate([[_BOUNDARY], type_stem]).astype(np.int32)[words32 + 1]
    groups = np.repeat(doc_group.astype(np.int32), doc_len)
    return _Stream(stems, groups, doc_start, [], doc_group, texts, surfaces, type_stem,
                   stem_names, stop, None, words32)


def _stem_table(forms: list[str], teh: str, stopwords: frozenset[str]
                ) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Stem the distinct normalised forms of the corpus (each other's vocabulary).

    Returns the stem id of each form (-1: no letter, a boundary), the stems
    in order of first occurrence, and per stem whether it is a stop word
    (when any of its spellings is one).
    """
    return _stem_ids(*_stem_forms(forms, None, teh, stopwords))


def _stem_forms(forms: list[str], vocabulary: Collection[str] | None, teh: str,
                stopwords: frozenset[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Stem, "has a letter" and "is a stop word" of each form (``vocabulary=None``: the forms)."""
    stem_of = light_stems(forms, vocabulary, teh_marbuta=teh)
    letter = np.fromiter(map(bool, map(_LETTER.search, forms)), dtype=bool, count=len(forms))
    return stem_of, letter, _stop_forms(forms, stem_of, stopwords)


def _stem_ids(stem_of: list[str], letter: np.ndarray, is_stop: np.ndarray
              ) -> tuple[np.ndarray, list[str], np.ndarray]:
    """:func:`_stem_table` from the output of :func:`_stem_forms`."""
    form_stem = np.full(len(stem_of), _BOUNDARY, dtype=np.int32)
    stem_id, stem_names = _number(list(compress(stem_of, letter)))
    form_stem[letter] = stem_id
    stop = np.zeros(len(stem_names), dtype=bool)
    stop[form_stem[is_stop & (form_stem >= 0)]] = True
    return form_stem, stem_names, stop


def _number(strings: list[str]) -> tuple[np.ndarray, list[str]]:
    """``(id of each string, the distinct strings)``, ids in order of first occurrence."""
    return with_arrow(_number_arrow, _number_python, strings)


def _number_arrow(pa: Any, strings: list[str]) -> tuple[np.ndarray, list[str]]:
    encoded = pa.array(strings, type=pa.large_string()).dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32), encoded.dictionary.to_pylist()


def _number_python(strings: list[str]) -> tuple[np.ndarray, list[str]]:
    ids = _Ids()
    return np.fromiter(map(ids.__getitem__, strings), dtype=np.int32, count=len(strings)), list(ids)


def _stop_forms(forms: list[str], stems: list[str], stopwords: frozenset[str]) -> np.ndarray:
    """:func:`_is_stop` of every form and its stem, in pyarrow when it is installed."""
    return with_arrow(_stop_forms_arrow, _stop_forms_python, forms, stems, stopwords)


def _stop_forms_python(forms: list[str], stems: list[str], stopwords: frozenset[str]) -> np.ndarray:
    return np.fromiter(map(_is_stop, forms, stems, repeat(stopwords)), dtype=bool, count=len(forms))


def _stop_forms_arrow(pa: Any, forms: list[str], stems: list[str], stopwords: frozenset[str]
                      ) -> np.ndarray:
    import pyarrow.compute as pc

    words = pa.array(sorted(stopwords), type=pa.large_string())
    norm = pa.array(forms, type=pa.large_string())
    stem = pa.array(stems, type=pa.large_string())

    def stop(strings: Any) -> np.ndarray:
        return pc.is_in(strings, value_set=words).to_numpy(zero_copy_only=False)

    def starts(strings: Any, letters: str) -> np.ndarray:
        return pc.match_substring_regex(strings, f"^[{letters}]").to_numpy(zero_copy_only=False)

    out = (pc.utf8_length(stem).to_numpy(zero_copy_only=False) < 2) | stop(norm) | stop(stem)
    rest = pc.if_else(pa.array(starts(norm, "وف")), pc.utf8_slice_codeunits(norm, 1), norm)
    return out | stop(rest) | (starts(rest, "بكل") & stop(pc.utf8_slice_codeunits(rest, 1)))


def _is_stop(norm: str, stem: str, stopwords: frozenset[str]) -> bool:
    if len(stem) < 2 or norm in stopwords or stem in stopwords:
        return True
    rest = norm[1:] if norm[:1] in ("و", "ف") else norm
    if rest in stopwords:
        return True
    return rest[:1] in ("ب", "ك", "ل") and rest[1:] in stopwords


def _position_masks(stems: np.ndarray, stop: np.ndarray, kept: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per position: a word; a word that may begin or end an n-gram (not a stop word); a word
    frequent enough to be kept (``stop`` and ``kept`` are per stem; -1 is a boundary)."""
    shifted = stems + 1  # index 0 of each table stands for a boundary
    no = np.zeros(1, dtype=bool)
    edge = np.concatenate([no, ~stop])[shifted]
    return stems >= 0, edge, np.concatenate([no, kept])[shifted]


def _ngram_counts(stems: np.ndarray, groups: np.ndarray, n_stems: int, n: int, n_groups: int,
                  masks: tuple[np.ndarray, np.ndarray, np.ndarray], min_count: int = 1
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct n-grams (an (m, n) array of stem ids), their (m, G) counts, and group totals;
    when the keys fit in int64, only the n-grams counted at least ``min_count`` times.

    ``masks`` are, per position: a word; a word that may begin or end an
    n-gram (not a stop word); a word frequent enough to be kept. Group totals
    count every valid n-gram; the returned n-grams are limited to those whose
    words are all kept (a word rarer than ``min_count`` cannot make an
    n-gram that frequent).
    """
    keys, counts, totals, picked = _ngram_keys(stems, groups, n_stems, n, n_groups, masks)
    if keys is not None:
        grams, table = _unpack_keys(keys, counts, n_stems, n, n_groups, min_count)
        return grams, table, totals
    uniq, counts = np.unique(np.column_stack(picked), axis=0, return_counts=True)
    grams, row = np.unique(uniq[:, :n], axis=0, return_inverse=True)
    table = np.zeros((len(grams), n_groups), dtype=np.int64)
    table[row.ravel(), uniq[:, n]] = counts
    return grams, table, totals


def _ngram_keys(stems: np.ndarray, groups: np.ndarray, n_stems: int, n: int, n_groups: int,
                masks: tuple[np.ndarray, np.ndarray, np.ndarray]
                ) -> tuple[np.ndarray | None, np.ndarray, np.ndarray, list[np.ndarray]]:
    """The kept n-grams as sorted distinct keys ``(n-gram in base n_stems) * G + group`` with their
    counts, and group totals; when keys would not fit in int64, ``None`` and the picked columns
    (stem ids of each word, then the group) instead."""
    word, edge, kept = masks
    length = len(stems) - n + 1
    if length <= 0:
        empty = np.zeros(0, np.int64)
        return empty, empty, np.zeros(n_groups, np.int64), []
    valid = edge[:length].copy()
    if n > 1:
        valid &= edge[n - 1:n - 1 + length]
    for k in range(1, n - 1):
        valid &= word[k:k + length]
    totals = _group_totals(groups[:length], valid, n_groups)
    for k in range(n):
        valid &= kept[k:k + length]
    where = np.flatnonzero(valid)
    picked = [stems.take(where + k) if k else stems.take(where) for k in range(n)]
    gp = groups.take(where)
    if not _keys_fit(n_stems, n, n_groups):
        return None, np.zeros(0, np.int64), totals, [*picked, gp]
    v = max(n_stems, 1)
    key = picked[0].astype(np.int64)
    for c in picked[1:]:
        key *= v
        key += c
    key *= n_groups
    key += gp
    size = v ** n * n_groups
    if size <= 4 * len(key):  # dense enough to count in an array (unigrams): no sort
        tally = np.bincount(key, minlength=size)
        uniq = np.flatnonzero(tally)
        return uniq, tally[uniq], totals, []
    key.sort()
    if not len(key):
        return key, np.zeros(0, np.int64), totals, []
    first = np.concatenate([[True], key[1:] != key[:-1]])
    return key[first], np.diff(np.append(np.flatnonzero(first), len(key))), totals, []


def _group_totals(groups: np.ndarray, valid: np.ndarray, n_groups: int) -> np.ndarray:
    """Valid positions per group: counted per run of one group (a document or more) by a
    running sum, rather than gathering every valid position's group."""
    if not len(groups):
        return np.zeros(n_groups, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], groups[1:] != groups[:-1]]))
    running = np.cumsum(valid, dtype=np.int64 if len(valid) >= 2**31 else np.int32)
    ends = running[np.append(starts[1:], len(groups)) - 1]
    return np.bincount(groups[starts], weights=np.diff(np.concatenate([[0], ends])),
                       minlength=n_groups).astype(np.int64)


def _keys_fit(n_stems: int, n: int, n_groups: int) -> bool:
    return float(max(n_stems, 1)) ** n * n_groups < 2.0 ** 62


def _unpack_keys(uniq: np.ndarray, counts: np.ndarray, n_stems: int, n: int, n_groups: int,
                 min_count: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct keys of :func:`_ngram_keys` and their counts -> n-grams and (m, G) table,
    for the n-grams counted at least ``min_count`` times in all (most n-grams are rarer)."""
    v = max(n_stems, 1)
    gram_key, grp = np.divmod(uniq, n_groups)
    new = np.ones(len(uniq), dtype=bool)
    new[1:] = gram_key[1:] != gram_key[:-1]
    starts = np.flatnonzero(new)
    if min_count > 1 and len(starts):
        run = np.diff(np.append(starts, len(uniq)))
        keep = np.repeat(np.add.reduceat(counts, starts) >= min_count, run)
        gram_key, grp, counts, new = gram_key[keep], grp[keep], counts[keep], new[keep]
        starts = np.flatnonzero(new)
    if not len(starts):
        return np.zeros((0, n), np.int64), np.zeros((0, n_groups), np.int64)
    m = len(starts)
    table = np.zeros((m, n_groups), dtype=np.int64)
    row = np.cumsum(new) - 1
    table[row, grp] = counts
    grams = np.empty((m, n), dtype=np.int64)
    rest = gram_key[starts]
    for k in range(n - 1, -1, -1):
        rest, grams[:, k] = np.divmod(rest, v)
    return grams, table


def discover(
    corpus: Any,
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    pair: tuple[str, str] | None = None,
    top: int | None = 30,
    min_count: int = 5,
    max_n: int = 3,
    stopwords: Iterable[str] | None = None,
    lexicon: Lexicon | str | Matcher | None = "arabic-conflict",
    alpha0: float | None = None,
    window: int = 30,
    normalizer: Normalizer | None = None,
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
) -> Any:
    """The n-grams most typical of each group, by log-odds with an informative Dirichlet prior.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    by : str
        Grouping: ``"outlet"``, ``"month"``, ``"year"`` or any input column.
    groups : mapping, optional
        Map from the ``by`` value to a group (e.g. outlet → outlet family).
    pair : (str, str), optional
        Compare these two groups with each other only (other documents are
        not used); by default each group is compared with all the others.
    top : int or None
        Rows per group: the ``top`` n-grams with the largest z (``None``:
        every n-gram, with its signed z).
    min_count : int
        N-grams seen fewer times in the compared documents are not scored.
    max_n : int
        Longest n-gram (1 to 3).
    stopwords : iterable of str, optional
        Replaces :data:`DEFAULT_STOPWORDS` (see :func:`read_stopwords`).
    lexicon : Lexicon, str, Matcher or None
        Fills ``in_lexicon``; ``None`` leaves it empty.
    alpha0 : float, optional
        Total prior pseudo-count (see the module docstring). Default: the
        number of n-grams of that length in the compared documents.
    window : int
        Characters of context on each side of ``example``.
    normalizer : Normalizer, optional
        Default: :class:`~framing.text.normalizer.Normalizer` ().
    jobs : int
        Cores to use (``0``: every core); the table is identical. A corpus
        read from files goes to ``jobs`` worker processes, read once in
        units, and memory stays flat in the number of documents
        (:mod:`framing.analysis.discovery.stream`). A corpus already in memory
        (documents, texts or a DataFrame) is split and counted in ``jobs``
        threads of this process (pyarrow's and numpy's loops release the GIL).
    engine : Engine, optional
        A :class:`framing.engines.LocalEngine` (``LocalEngine(1)``: the
        flat-memory path in this process) or
        :class:`framing.engines.DaskEngine`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISCOVER_COLUMNS`: ``group, term, z, count_group,
        count_rest, in_lexicon, example``; for each group (sorted) its rows by
        decreasing z. ``count_rest`` counts the other side of the comparison
        (all other groups, or the other group of ``pair``).

    Raises
    ------
    FramingError
        Fewer than two groups, an unknown ``pair`` group or invalid settings.

    References
    ----------
    Monroe, Colaresi & Quinn (2008), *Political Analysis* 16(4): 372–403.

    Examples
    --------
    >>> table = discover(load_sample(), top=5, lexicon=None)  # doctest: +SKIP
    """
    import pandas as pd

    corpus = as_corpus(corpus)
    threads = 1
    if engine is None and corpus.in_memory:  # threads, not processes (the texts are here)
        threads, jobs = LocalEngine(jobs).jobs, 1  # (checks jobs, 0 -> every core)
    runner = resolve(jobs, engine)
    if runner is not None:
        from .stream import discover_chunked

        return discover_chunked(corpus, engine=runner, by=by, groups=groups, pair=pair, top=top,
                                min_count=min_count, max_n=max_n, stopwords=stopwords, lexicon=lexicon,
                                alpha0=alpha0, window=window, normalizer=normalizer,
                                show_progress=show_progress)
    _check(top, min_count, max_n, window, alpha0)
    normalizer = normalizer or Normalizer()
    stops = DEFAULT_STOPWORDS if stopwords is None else frozenset(normalizer(w) for w in stopwords)
    key = group_key(by, groups=groups)
    doc_ids, names_of, texts = [], [], []
    for doc in progress(corpus, desc="reading", enable=show_progress):
        doc_ids.append(doc.doc_id)
        names_of.append(key(doc))
        texts.append(doc.text)
    if pair is not None:
        pair = (str(pair[0]), str(pair[1]))
    names = _compared_groups(names_of, pair)
    if pair is not None:
        keep = [i for i, g in enumerate(names_of) if g in pair]
        doc_ids = [doc_ids[i] for i in keep]
        names_of = [names_of[i] for i in keep]
        texts = [texts[i] for i in keep]
    gindex = {g: i for i, g in enumerate(names)}
    doc_group = np.array([gindex[g] for g in names_of], dtype=np.int64)
    stream = _tokenise(texts, doc_group, normalizer, stops, threads)
    stream.doc_ids = doc_ids
    n_groups = len(names)

    word_freq = np.bincount(stream.stems + 1, minlength=len(stream.stem_names) + 1)[1:]
    masks = _position_masks(stream.stems, stream.stop, word_freq >= min_count)
    counts = list(threaded(  # the longest n-grams (the slowest) first
        lambda n: _ngram_counts(stream.stems, stream.groups, len(stream.stem_names), n, n_groups,
                                masks, min_count), range(max_n, 0, -1), threads))[::-1]
    table = _rank(counts, n_groups, stream.stem_names, top=top, min_count=min_count, alpha0=alpha0,
                  threads=threads)
    if table.empty:
        return pd.DataFrame(columns=DISCOVER_COLUMNS)
    examples, spelling = _examples(stream, _keys(table), window, threads)
    return _finish(table, names, examples, spelling, lexicon=lexicon, normalizer=normalizer)


def _compared_groups(seen: Iterable[str], pair: tuple[str, str] | None) -> list[str]:
    """The groups to compare (sorted), or an error for a bad ``pair`` or fewer than two groups."""
    names = sorted(set(seen))
    if pair is not None:
        for name in pair:
            if name not in names:
                raise FramingError(
                    f"--pair group {name!r} not found; groups are: {', '.join(names[:20])}."
                )
        if pair[0] == pair[1]:
            raise FramingError(f"--pair needs two different groups; got {pair[0]!r} twice.")
        names = sorted(pair)
    if len(names) < 2:
        raise FramingError(
            f"discover compares groups, but found only {names[0] if names else 'no'} group; "
            "group by another column (--by) or add documents of other groups."
            if names else "no documents to compare; check the input and its text column."
        )
    return names


def _rank(counts: list[tuple[np.ndarray, np.ndarray, np.ndarray]], n_groups: int, stem_names: list[str],
          *, top: int | None, min_count: int, alpha0: float | None, threads: int = 1) -> Any:
    """Score every n-gram of ``counts`` (per n: n-grams, their counts per group, group totals),
    each length in a thread of its own with ``threads``.

    Returns the ranked rows ``gi, gram, z, count_group, count_rest``, ``top`` per group by
    decreasing z, ties by the n-gram's stems.
    """
    scored = threaded(lambda c: _score_grams(*c, n_groups, top=top, min_count=min_count, alpha0=alpha0),
                      counts, threads)
    return _order([part for parts in scored for part in parts], stem_names, top)


def _score_grams(grams: np.ndarray, table: np.ndarray, totals: np.ndarray, n_groups: int, *,
                 top: int | None, min_count: int, alpha0: float | None) -> list[Any]:
    """The ``top`` rows per group (every tie at the cut) of some n-grams of one length.

    ``totals`` are the group totals of every n-gram of that length, so any subset of the
    n-grams (a bucket of :mod:`framing.analysis.discovery.stream`) gets the same z as in the
    whole table.
    """
    import pandas as pd

    all_total = float(totals.sum())
    frequent = table.sum(axis=1) >= min_count
    grams, table = grams[frequent], table[frequent]
    if not len(grams):
        return []
    corpus_count = table.sum(axis=1)
    a0 = all_total if alpha0 is None else float(alpha0)
    prior = a0 * corpus_count / all_total
    parts = []
    for gi in range(n_groups):
        y_i = table[:, gi]
        y_j = corpus_count - y_i
        n_i = float(totals[gi])
        # An n-gram that is every n-gram of its length in the compared documents (a toy corpus)
        # has no log-odds: its z is NaN, ranked last, without a warning.
        with np.errstate(divide="ignore", invalid="ignore"):
            _, z = log_odds_dirichlet(y_i, y_j, prior, n_i=n_i, n_j=all_total - n_i, a0=a0)
        rows = _top_rows(z, top)
        parts.append(pd.DataFrame({
            "gi": gi, "gram": [tuple(g) for g in grams[rows].tolist()], "z": z[rows],
            "count_group": y_i[rows], "count_rest": y_j[rows],
        }))
    return parts


def _order(parts: list[Any], stem_names: list[str], top: int | None) -> Any:
    """Rows of :func:`_score_grams` (in any order) sorted by group, decreasing z and stems; ``top``
    per group."""
    import pandas as pd

    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["gi", "gram", "z", "count_group", "count_rest"])
    # Order by the stems' text with Python's comparison (code points, as UTF-8 bytes would
    # order them), which also takes text that has no UTF-8 form (a lone surrogate).
    keys = [" ".join(stem_names[w] for w in g) for g in table["gram"]]
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}
    key_rank = np.fromiter(map(rank.__getitem__, keys), dtype=np.int64, count=len(keys))
    order = np.lexsort([key_rank, -table["z"].to_numpy(dtype=float), table["gi"].to_numpy(dtype=np.int64)])
    table = table.iloc[order]
    if top is not None:
        table = table.groupby("gi", sort=False).head(top)
    return table


def _keys(table: Any) -> list[tuple[int, tuple[int, ...]]]:
    return list(zip(table["gi"].tolist(), table["gram"], strict=True))


def _top_rows(z: np.ndarray, top: int | None) -> np.ndarray:
    """Indices of the ``top`` largest z, with every tie at the cut (broken later by term)."""
    if top is None or top >= len(z):
        return np.arange(len(z))
    cut = np.partition(z, len(z) - top)[len(z) - top]
    return np.flatnonzero(z >= cut)


def _check(top: int | None, min_count: int, max_n: int, window: int, alpha0: float | None) -> None:
    if top is not None and (not isinstance(top, (int, np.integer)) or top < 1):
        raise FramingError(f"The 'top' parameter must be a positive integer or None. Got {top!r} instead.")
    if not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise FramingError(f"The 'min_count' parameter must be an integer >= 1. Got {min_count!r} instead.")
    if max_n not in (1, 2, 3):
        raise FramingError(f"The 'max_n' parameter must be 1, 2 or 3. Got {max_n!r} instead.")
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise FramingError(f"The 'window' parameter must be an integer >= 0. Got {window!r} instead.")
    if alpha0 is not None and not alpha0 > 0:
        raise FramingError(f"The 'alpha0' parameter must be > 0. Got {alpha0!r} instead.")


def _finish(table: Any, names: list[str], examples: dict[tuple[int, tuple[int, ...]], tuple[str, str]],
            spelling: dict[tuple[int, ...], str], *, lexicon: Any, normalizer: Normalizer) -> Any:
    """The output table from the ranked rows, their concordance lines and spellings."""
    import pandas as pd

    keys = _keys(table)
    matcher = None
    if lexicon is not None:
        matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon, normalizer=normalizer)
    in_lexicon, lines = [], []
    for k in keys:
        line, match = examples.get(k, ("", ""))
        lines.append(line)
        in_lexicon.append(_covered(matcher, match) if matcher is not None and match else "")
    out = pd.DataFrame({
        "group": [names[gi] for gi, _ in keys],
        "term": [spelling.get(g, "") for _, g in keys],
        "z": table["z"].to_numpy(dtype=float),
        "count_group": table["count_group"].to_numpy(dtype=np.int64),
        "count_rest": table["count_rest"].to_numpy(dtype=np.int64),
        "in_lexicon": in_lexicon,
        "example": lines,
    })
    return out.reset_index(drop=True)


def _covered(matcher: Matcher, text: str) -> str:
    found = {f"{matcher.terms[m.term].concept}:{matcher.terms[m.term].label}" for m in matcher.find(text)}
    return ";".join(sorted(found))


def _examples(s: _Stream, keys: list[tuple[int, tuple[int, ...]]], window: int, threads: int = 1
              ) -> tuple[dict[tuple[int, tuple[int, ...]], tuple[str, str]], dict[tuple[int, ...], str]]:
    """Concordance lines and display spellings of the chosen n-grams.

    Returns ``{(group, n-gram): (concordance line, matched surface)}``, from
    the first occurrence in the group's document with the smallest doc_id,
    and ``{n-gram: most frequent spelling}`` (the most frequent sequence of
    surface words over all its occurrences; ties: alphabetical). Neither
    depends on the input order. With ``threads``, the n-grams of each length are located in a
    thread of their own.
    """
    doc_rank = np.empty(len(s.doc_ids), dtype=np.int64)
    doc_rank[sorted(range(len(s.doc_ids)), key=s.doc_ids.__getitem__)] = np.arange(len(s.doc_ids))
    # Work on compact ids of the stems that occur in the wanted n-grams only.
    used = sorted({w for _, g in keys for w in g})
    compact = np.full(len(s.stem_names) + 1, -1, dtype=np.int64)
    compact[used] = np.arange(len(used))
    stems = compact[s.stems]  # boundaries (-1) index the last entry, which is -1
    v = len(used)
    para = s.surfaces.index(_PARA) if _PARA in s.surfaces else -2
    out = {}
    spelling: dict[tuple[int, ...], str] = {}
    by_len: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
    for k in keys:
        by_len.setdefault(len(k[1]), []).append(k)

    def one_length(n: int) -> tuple[dict[Any, tuple[int, int]], dict[tuple[int, ...], str]]:
        grams = sorted({g for _, g in by_len[n]})
        pos, gram_idx = _locate(stems, grams, compact, v)
        doc = np.searchsorted(s.doc_start, pos, side="right") - 1
        gi = s.doc_group[doc]
        firsts = _firsts(pos, doc_rank[doc], doc, gi, gram_idx)
        return {(g, grams[j]): (d, p) for g, j, d, p in firsts}, _spellings(s, grams, gram_idx, pos, n)

    for n, (found, spelled) in zip(by_len, threaded(one_length, by_len, threads), strict=True):
        spelling.update(spelled)
        for k in by_len[n]:
            if k in found:
                out[k] = _quote_at(s, *found[k], k[1], window, para)
    return out, spelling


def _quote_at(s: _Stream, doc: int, pos: int, gram: tuple[int, ...], window: int, para: int
              ) -> tuple[str, str]:
    """The concordance line of ``gram`` at stream position ``pos`` of document ``doc``.

    The stream holds the words of :data:`WORD_RE` in order, plus boundaries
    and ``_PARA`` marks: the words before ``pos`` tell which match of the
    text it is. Should the spelling there differ (a text holding the
    ``_PARA`` character itself), the text is searched as :func:`_concordance`
    does.
    """
    text, n = s.texts[doc], len(gram)
    before = s.words[s.doc_start[doc]:pos]
    k = int(np.count_nonzero((before >= 0) & (before != para)))
    spans = []
    for m in WORD_RE.finditer(text):
        if k:
            k -= 1
            continue
        spans.append(m.span())
        if len(spans) == n:
            break
    if [text[a:b] for a, b in spans] != [s.surfaces[w] for w in s.words[pos:pos + n].tolist()]:
        if s.word_index is None:
            s.word_index = {w: i for i, w in enumerate(s.surfaces)}
        return _concordance(s, text, gram, window)
    start, end = spans[0][0], spans[-1][1]
    left = " ".join(text[max(0, start - window):start].split())
    right = " ".join(text[end:end + window].split())
    return f"{left} [{text[start:end]}] {right}".strip(), text[start:end]


def _locate(stems: np.ndarray, grams: list[tuple[int, ...]], compact: np.ndarray, v: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """Every position where one of ``grams`` (all of one length) starts, and which one.

    ``stems`` are compact stem ids per position (-1: boundary), ``compact`` maps a stem
    id to its compact id, ``v`` is the number of compact ids: an n-gram is a base-``v``
    key, looked up for every position with one ``searchsorted``.
    """
    n = len(grams[0]) if grams else 1
    length = len(stems) - n + 1
    if length <= 0 or not grams:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    gram_keys = np.array([_key(tuple(int(compact[w]) for w in g), v) for g in grams], dtype=np.int64)
    order = np.argsort(gram_keys)
    gram_keys = gram_keys[order]
    # Only positions whose stem begins a wanted n-gram can match (a few per cent of them).
    begins = np.zeros(v + 1, dtype=bool)  # the last entry stands for a boundary (-1)
    begins[[int(compact[g[0]]) for g in grams]] = True
    cand = np.flatnonzero(begins[stems[:length]])
    pos_key = np.zeros(len(cand), dtype=np.int64)
    valid = np.ones(len(cand), dtype=bool)
    for step in range(n):
        col = stems[cand + step]
        valid &= col >= 0
        pos_key = pos_key * v + np.maximum(col, 0)
    where = np.searchsorted(gram_keys, pos_key)
    hit = valid & (where < len(gram_keys))
    hit[hit] &= gram_keys[where[hit]] == pos_key[hit]
    return cand[hit], order[where[hit]]


def _firsts(pos: np.ndarray, rank: np.ndarray, doc: np.ndarray, gi: np.ndarray,
            gram_idx: np.ndarray) -> list[tuple[int, int, int, int]]:
    """``(group, n-gram index, document, position)`` of the first occurrence per group and
    n-gram: the document of smallest ``rank`` (its doc_id's place), then the smallest position."""
    first = np.lexsort([pos, rank, gi, gram_idx])
    gi, gram_idx, doc, pos = gi[first], gram_idx[first], doc[first], pos[first]
    lead = np.ones(len(first), dtype=bool)
    lead[1:] = (gi[1:] != gi[:-1]) | (gram_idx[1:] != gram_idx[:-1])
    return list(zip(gi[lead].tolist(), gram_idx[lead].tolist(), doc[lead].tolist(), pos[lead].tolist(),
                    strict=True))


def _spellings(s: _Stream, grams: list[tuple[int, ...]], gram_idx: np.ndarray, pos: np.ndarray,
               n: int) -> dict[tuple[int, ...], str]:
    """The most frequent surface sequence of each n-gram over its occurrences ``pos``."""
    rows, counts = _count_rows([gram_idx, *(s.words[pos + k].astype(np.int64) for k in range(n))])
    return _most_frequent((grams[row[0]], count, " ".join(s.surfaces[t] for t in row[1:]))
                          for row, count in zip(rows.tolist(), counts.tolist(), strict=True))


def _count_rows(columns: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct rows of the stacked ``columns`` (sorted) and how often each occurs."""
    order = np.lexsort(columns[::-1])
    rows = np.column_stack(columns)[order]
    if not len(rows):
        return rows, np.zeros(0, dtype=np.int64)
    new = np.ones(len(rows), dtype=bool)
    new[1:] = (rows[1:] != rows[:-1]).any(axis=1)
    starts = np.flatnonzero(new)
    return rows[starts], np.diff(np.append(starts, len(rows)))


def _most_frequent(spellings: Iterable[tuple[Any, int, str]]) -> dict[Any, str]:
    """The text seen most often per key, from ``(key, count, text)`` (ties: alphabetical)."""
    best: dict[Any, tuple[int, str]] = {}
    for key, count, text in spellings:
        current = best.get(key)
        if current is None or count > current[0] or (count == current[0] and text < current[1]):
            best[key] = (count, text)
    return {key: text for key, (_, text) in best.items()}


def _key(gram: tuple[int, ...], v: int) -> int:
    key = 0
    for w in gram:
        key = key * v + w
    return key


def _concordance(s: _Stream, text: str, gram: tuple[int, ...], window: int,
                 words: tuple[list[tuple[int, int, str]], list[int]] | None = None) -> tuple[str, str]:
    """The first occurrence of ``gram`` in ``text`` as ``left [match] right``.

    ``words`` is ``_words(s, text)`` when the caller already has it (several n-grams quoted
    from one document).
    """
    spans, ids = words if words is not None else _words(s, text)
    n = len(gram)
    first = gram[0]
    for i in range(len(spans) - n + 1):
        if ids[i] != first or tuple(ids[i:i + n]) != gram:
            continue
        gaps = [text[spans[k][1]:spans[k + 1][0]] for k in range(i, i + n - 1)]
        if all(gap.isspace() and "\n" not in gap for gap in gaps):
            start, end = spans[i][0], spans[i + n - 1][1]
            left = " ".join(text[max(0, start - window):start].split())
            right = " ".join(text[end:end + window].split())
            return f"{left} [{text[start:end]}] {right}".strip(), text[start:end]
    return "", ""


def _words(s: _Stream, text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """The words of ``text`` with their offsets, and the stem id of each (-1: unknown)."""
    spans = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    get = s.word_index.get
    index = np.fromiter((get(w, -1) for _, _, w in spans), dtype=np.int64, count=len(spans))
    ids = np.where(index >= 0, s.type_stem[np.maximum(index, 0)], -1) if len(index) else index
    return spans, ids.tolist()
