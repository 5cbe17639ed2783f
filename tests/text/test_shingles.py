"""Sampled word 4-grams (framing.text.shingles), against a plain Python reference; constructed text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.text import WORD_RE, Normalizer
from framing.text.normalizer import DELETED
from framing.text.shingles import SAMPLE, sketch_texts

TABLE = Normalizer().char_table()


def reference_words(text: str) -> list[str]:
    """WORD_RE words, each character mapped by the normaliser's character steps."""
    out = []
    for word in WORD_RE.findall(text):
        chars = [c if ord(c) > 0xFFFF else ("" if TABLE[ord(c)] == DELETED else chr(TABLE[ord(c)]))
                 for c in word]
        if "".join(chars):
            out.append("".join(chars))
    return out


def reference_grams(text: str) -> list[tuple[str, ...]]:
    words = reference_words(text)
    return [tuple(words[i:i + 4]) for i in range(len(words) - 3)]


TEXTS = [
    "قال الوزير إن المشروع يبدأ غدا في المدينة",
    "قَالَ الوزيرُ، إنّ المشروعَ «يبدأ» غدًا في المدينة!",  # diacritics and punctuation
    "قـــال الوزير إن المشروع يبدأ غدا في المدينة",  # tatweel
    "أعلنت الوزارة.وقال المدير إن العمل 20 يوما",  # a word glued to punctuation: two words
    "ٱلوزارة ﻻ تقبل 😀 طلبات جديدة 😀 هذا العام 𝒜ب",  # alef wasla, a ligature, emoji, an astral letter
    "",
    "كلمة",
    "ـ ّ كلمة واحدة فقط هنا",  # a tatweel and a shadda alone are no words
    "سطر أول\nسطر ثان\tبعد جدولة\u00a0ومسافة",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_shingles_as_the_reference(text: str) -> None:
    sketch = sketch_texts([text], sample=1)
    grams = reference_grams(text)
    assert sketch.shingles.tolist() == [len(grams)]
    hashes = sketch.hashes.tolist()
    assert len(hashes) == len(grams)
    # Equal 4-grams have equal hashes, different ones different hashes.
    assert len(set(zip(grams, hashes, strict=True))) == len(set(grams)) == len(set(hashes))


def test_normalised_spellings_share_their_shingles() -> None:
    plain, marked = TEXTS[0], TEXTS[1]
    a, b = (sketch_texts([t], sample=1).hashes for t in (plain, marked))
    assert a.tolist() == b.tolist()


def test_a_text_is_sketched_alike_in_any_batch() -> None:
    alone = [sketch_texts([t], sample=1) for t in TEXTS]
    together = sketch_texts(TEXTS, sample=1)
    for i, one in enumerate(alone):
        assert together.hashes[together.text == i].tolist() == one.hashes.tolist()
        assert together.shingles[i] == one.shingles[0]


@given(st.lists(st.sampled_from(["قال", "الوزير", "إن", "المشروع", "يبدأ", "غدا", "،", ".", "😀", "\n"]),
                max_size=40))
def test_sample_is_the_low_quarter_of_every_shingle(tokens: list[str]) -> None:
    text = " ".join(tokens)
    every = sketch_texts([text], sample=1)
    sampled = sketch_texts([text])
    assert sampled.hashes.tolist() == [h for h in every.hashes.tolist() if h <= ((1 << 64) - 1) // SAMPLE]
    assert len(every.hashes) == every.shingles[0] == len(reference_grams(text))


def test_texts_and_owners() -> None:
    sketch = sketch_texts(["كلمة", TEXTS[0], "", TEXTS[2]], sample=1)
    assert sketch.shingles.tolist() == [0, 5, 0, 5]
    assert sorted(set(sketch.text.tolist())) == [1, 3]
    assert np.array_equal(sketch.hashes[sketch.text == 1], sketch.hashes[sketch.text == 3])
    assert sketch_texts([]).shingles.tolist() == []
