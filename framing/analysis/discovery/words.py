"""Words of the compared documents: splitting, numbering, normalised forms, stems and stop words.

Texts become streams of word-type ids (:func:`encode_texts`), each distinct
word type is normalised once and each distinct normalised form is stemmed
once against the vocabulary of the whole corpus (:func:`stem_table`, with
:func:`framing.text.light_stems`); stop words are marked per form.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from itertools import compress, repeat
from pathlib import Path
from typing import Any

import numpy as np

from ...errors import FramingError
from ...match import BATCH_DOCS
from ...text import Normalizer, light_stems
from ...text.stopwords import DEFAULT_STOPWORDS
from ...text.tokens import nonword_run_re2
from ...utils import with_arrow

__all__ = [
    "BOUNDARY",
    "DEFAULT_STOPWORDS",
    "PARA",
    "Ids",
    "encode_texts",
    "is_stop",
    "number_strings",
    "read_stopwords",
    "stem_forms",
    "stem_ids",
    "stem_table",
    "stop_forms",
]

LETTER = re.compile(r"[^\W\d_]")  # a word has at least one letter (not a number, not a mark)
PARA = "\ue001"  # private-use marker for a line or document break inside the token stream
BOUNDARY = -1
NONWORD_RUN = nonword_run_re2()  # a run of what WORD_RE leaves out, in RE2 syntax (pyarrow)


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


class Ids(dict[str, int]):
    """A dict that gives each new key the next integer id."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


def encode_texts(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Split texts into word types: ``(word type id per position, -1 at boundaries), tokens per
    document, word types)``.

    Every line and document ends with the word type ``PARA`` (a boundary once
    normalised: it has no letter); punctuation inside a whitespace chunk is a
    boundary (-1), one per run. In pyarrow's compiled kernels, a batch of
    texts at a time (memory stays bounded): line breaks become ``PARA``, runs
    of the characters :data:`framing.text.tokens.WORD_RE` leaves out separate
    tokens of their own, then a whitespace split numbers each batch's distinct
    tokens. ``tests/analysis/test_discover.py`` checks every position against a
    plain Python reference built on :data:`~framing.text.tokens.WORD_RE`.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not texts:  # a unit whose rows were all skipped, or (with a pair) all of other groups
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64), []

    def split(k: int) -> tuple[Any, np.ndarray, np.ndarray]:
        arr = pa.array(texts[k:k + BATCH_DOCS], type=pa.large_string())
        arr = pc.replace_substring(arr, "\n", f" {PARA} ")
        arr = pc.replace_substring_regex(arr, NONWORD_RUN, " \\0 ")
        lists = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(arr))
        encoded = pc.list_flatten(lists).dictionary_encode()
        return (encoded.dictionary, encoded.indices.to_numpy(zero_copy_only=False),
                pc.list_value_length(lists).to_numpy(zero_copy_only=False).astype(np.int64))

    dicts = [pa.array([PARA], type=pa.large_string())]  # token type 0: PARA
    codes: list[np.ndarray] = []
    lengths: list[np.ndarray] = []
    for dictionary, code, length in map(split, range(0, len(texts), BATCH_DOCS)):
        dicts.append(dictionary)
        codes.append(code)
        lengths.append(length)
    # Token types numbered over all batches; a run of punctuation is a boundary (-1), the
    # empty string (the one token of an empty text) is dropped (-2), others are word types.
    merged = pa.concat_arrays(dicts).dictionary_encode()
    types = merged.dictionary
    boundary = pc.match_substring_regex(types, f"^{NONWORD_RUN}$").to_numpy(zero_copy_only=False)
    empty = pc.equal(pc.binary_length(types), 0).to_numpy(zero_copy_only=False)
    word = ~(boundary | empty)
    type_word = np.full(len(types), BOUNDARY, dtype=np.int32)
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
    # Every document ends with PARA (word type 0).
    out = np.insert(out, np.cumsum(doc_len), np.int32(0))
    surfaces = types.filter(pa.array(word)).to_pylist()
    del dicts, merged, types
    pa.default_memory_pool().release_unused()  # hand the batches' buffers back to the system
    return out, doc_len + 1, surfaces


def number_strings(strings: list[str]) -> tuple[np.ndarray, list[str]]:
    """``(id of each string, the distinct strings)``, ids in order of first occurrence."""
    import pyarrow as pa

    encoded = pa.array(strings, type=pa.large_string()).dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int32), encoded.dictionary.to_pylist()


def stem_table(forms: list[str], teh: str, stopwords: frozenset[str]
                ) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Stem the distinct normalised forms of the corpus (each other's vocabulary).

    Returns the stem id of each form (-1: no letter, a boundary), the stems
    in order of first occurrence, and per stem whether it is a stop word
    (when any of its spellings is one).
    """
    return stem_ids(*stem_forms(forms, None, teh, stopwords))


def stem_forms(forms: list[str], vocabulary: Collection[str] | None, teh: str,
                stopwords: frozenset[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Stem, "has a letter" and "is a stop word" of each form (``vocabulary=None``: the forms)."""
    stem_of = light_stems(forms, vocabulary, teh_marbuta=teh)
    letter = np.fromiter(map(bool, map(LETTER.search, forms)), dtype=bool, count=len(forms))
    return stem_of, letter, stop_forms(forms, stem_of, stopwords)


def stem_ids(stem_of: list[str], letter: np.ndarray, is_stop: np.ndarray
              ) -> tuple[np.ndarray, list[str], np.ndarray]:
    """:func:`stem_table` from the output of :func:`stem_forms`."""
    form_stem = np.full(len(stem_of), BOUNDARY, dtype=np.int32)
    stem_id, stem_names = number_strings(list(compress(stem_of, letter)))
    form_stem[letter] = stem_id
    stop = np.zeros(len(stem_names), dtype=bool)
    stop[form_stem[is_stop & (form_stem >= 0)]] = True
    return form_stem, stem_names, stop


def stop_forms(forms: list[str], stems: list[str], stopwords: frozenset[str]) -> np.ndarray:
    """:func:`is_stop` of every form and its stem, in pyarrow when it is installed."""
    return with_arrow(_stop_forms_arrow, _stop_forms_python, forms, stems, stopwords)


def _stop_forms_python(forms: list[str], stems: list[str], stopwords: frozenset[str]) -> np.ndarray:
    return np.fromiter(map(is_stop, forms, stems, repeat(stopwords)), dtype=bool, count=len(forms))


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


def is_stop(norm: str, stem: str, stopwords: frozenset[str]) -> bool:
    if len(stem) < 2 or norm in stopwords or stem in stopwords:
        return True
    rest = norm[1:] if norm[:1] in ("و", "ف") else norm
    if rest in stopwords:
        return True
    return rest[:1] in ("ب", "ك", "ل") and rest[1:] in stopwords
