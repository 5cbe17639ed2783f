"""Clitic readings and the article of lexicon words."""

from __future__ import annotations

import pytest

from framing.text.clitics import allows, hamza_initial, segment, split_article
from framing.text.normalizer import normalize


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("الاحتلال", ("احتلال", True)),
        ("ٱلاحتلال", ("احتلال", True)),        # alef wasla: the article
        ("ألغام", ("الغام", False)),           # hamza: part of the word
        ("إلغاء", ("الغاء", False)),
        ("آليات", ("اليات", False)),
        ("أَلغام", ("الغام", False)),           # a diacritic after the hamza
        ("\u0627\u0654لغام", ("الغام", False)),  # hamza written as a combining mark
        ("\u200fألغام", ("الغام", False)),     # an invisible mark first
        ("الألغام", ("الغام", True)),
        ("الي", ("الي", False)),               # too short to hold the article
    ],
)
def test_split_article_knows_how_the_word_was_written(written: str, expected: tuple) -> None:
    assert split_article(normalize(written), written) == expected


def test_without_the_written_form_hamza_is_lost() -> None:
    assert split_article(normalize("ألغام")) == ("غام", True)
    assert not hamza_initial("") and not hamza_initial("\u0640")


@pytest.mark.parametrize(
    ("word", "stem", "kind", "allowed"),
    [
        ("وبالاحتلال", "احتلال", "all", True),
        ("قاعدتها", "قاعده", "all", True),
        ("كمال", "مال", "all", False),        # a short stem takes only و/ف and the article
        ("والمال", "مال", "all", True),
        ("احتلالهم", "احتلال", "strict", False),
        ("الاحتلال", "احتلال", "none", False),  # none: the word exactly
    ],
)
def test_readings_and_policies(word: str, stem: str, kind: str, allowed: bool) -> None:
    readings = [r for r in segment(normalize(word)) if r.stem == stem]
    assert readings
    assert any(allows(r, needs_article=False, policy=kind) for r in readings) is allowed
