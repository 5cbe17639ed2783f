"""The voice of a document's hits (framing.voice.attribute): voices_of, keep_voice, in_voice.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import FramingError
from framing.match.matcher import Matcher
from framing.voice import VOICE_FILTERS, VOICES, VoiceInfo, analyse_voice, in_voice, keep_voice, voices_of
from framing.voice.records import OWN
from tests.conftest import MINI

TEXT = ("قصفت قوات الاحتلال مواقع للمقاومة. وقال المتحدث إن «المقاومة ستواصل عملياتها في الجنوب».\n"
        "وأعلنت إسرائيل أن المقاومة أطلقت صواريخ على «التحالف».")


def hits_of(text: str) -> list:  # type: ignore[type-arg]
    return Matcher(str(MINI)).find(text)


def test_voices_of_the_hits_of_a_document() -> None:
    hits = hits_of(TEXT)
    got = {(TEXT[h.start:h.end], info) for h, info in zip(hits, voices_of(TEXT, hits), strict=True)}
    assert ("للمقاومة", OWN) in got
    assert ("المقاومة", VoiceInfo("quoted", "المتحدث", False)) in got
    assert ("المقاومة", VoiceInfo("reported", "إسرائيل", False)) in got
    assert ("إسرائيل", OWN) in got


@pytest.mark.parametrize("hits", [[], [(0, 4)], [(-3, 2), (10_000, 10_005)]])
def test_voices_of_edge_cases(hits: list[tuple[int, int]]) -> None:
    got = voices_of(TEXT, hits)
    assert len(got) == len(hits)
    if hits and hits[0][0] < 0:
        assert got == [OWN, OWN]  # offsets outside the text are own


def test_voices_of_without_speaker() -> None:
    hits = hits_of(TEXT)
    full = voices_of(TEXT, hits)
    bare = voices_of(TEXT, hits, speaker=False)
    assert [(v.voice, v.scare_quoted) for v in full] == [(v.voice, v.scare_quoted) for v in bare]
    assert all(v.speaker == "" for v in bare)
    assert any(v.speaker for v in full)


@pytest.mark.parametrize(("voice", "kept"), [
    ("own", ["قوات الاحتلال", "للمقاومة", "وقال", "إسرائيل"]),
    ("quoted", ["المقاومة"]),
    ("reported", ["المقاومة", "التحالف"]),
])
def test_keep_voice(voice: str, kept: list[str]) -> None:
    hits = hits_of(TEXT)
    got = [TEXT[h.start:h.end] for h in keep_voice(TEXT, hits, voice)]  # type: ignore[arg-type]
    assert [w for w in got if w in kept] == got
    assert len(keep_voice(TEXT, hits, "all")) == len(hits)
    # the hits of the three voices are all the hits, each once
    parts = [h for v in VOICES for h in keep_voice(TEXT, hits, v)]  # type: ignore[arg-type]
    assert sorted(parts) == sorted(hits)


def test_keep_voice_checks_the_option() -> None:
    with pytest.raises(FramingError, match=re.escape(
            "The 'voice' parameter must be one of 'own', 'quoted', 'reported', 'all'. Got 'mine' instead.")):
        keep_voice(TEXT, [], "mine")  # type: ignore[arg-type]


@pytest.mark.parametrize(("info", "voice", "kept"), [
    (OWN, "own", True), (OWN, "quoted", False), (OWN, "all", True),
    (VoiceInfo("reported", "الوزير", True), "reported", True),
    (VoiceInfo("reported", "الوزير", True), "own", False),
])
def test_in_voice(info: VoiceInfo, voice: str, kept: bool) -> None:
    assert in_voice(info, voice) is kept  # type: ignore[arg-type]


def test_the_filter_values() -> None:
    assert VOICE_FILTERS == (*VOICES, "all")


PIECES = st.sampled_from(["«", "»", "“", "”", '"', ":", "،", ".", "\n", " ", "قال", "وقال", "إن", "أن", "بأن",
                          "المقاومة", "بحسب", "وفقاً", "لوزارة", "مشيراً", "بيان", "فيما", "لـ", "و", "بـ",
                          "إسرائيل", "بعد", "المتحدث", "الاحتلال", "«التحالف»", '"إسرائيل"', "1.5"])


@settings(max_examples=150)
@given(st.lists(PIECES, max_size=40), st.randoms(use_true_random=False), st.booleans())
def test_voices_of_is_at_for_each_hit_in_any_order(parts: list[str], rnd: object, speaker: bool) -> None:
    text = " ".join(parts)
    starts = list(range(-1, len(text) + 1))
    rnd.shuffle(starts)  # type: ignore[attr-defined]
    starts = starts[: len(starts) // 2]
    one = analyse_voice(text)
    expected = [one.at(s, speaker=speaker) for s in starts]
    assert voices_of(text, [(s, s + 1) for s in starts], speaker=speaker) == expected
