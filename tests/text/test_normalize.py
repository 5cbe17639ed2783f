from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.text.normalizer import Normalizer, normalize

ARABIC = st.text(
    alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإؤئىةٱ") + ["\u064e", "\u064f",
                             "\u0650", "\u0651", "\u0652", "\u064b", "\u0640", "٣", "۷", "\ufefb"]),
    max_size=30,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("شَهِيدٌ", "شهيد"),                # diacritics
        ("شـــهيد", "شهيد"),                # tatweel
        ("أميركا", "اميركا"),               # hamza on alef
        ("إسرائيل", "اسرائيل"),
        ("آثار", "اثار"),
        ("ٱلله", "الله"),                   # alef wasla
        ("قتلى", "قتلي"),                   # alef maksura
        ("المقاومة", "المقاومه"),           # teh marbuta
        ("٢٠٢٤", "2024"),                   # Arabic-Indic digits
        ("۱۴", "14"),                       # Persian digits
        ("الأمريكية", "الاميركيه"),        # spelling variant
        ("مليشيات", "ميليشيات"),
        ("ﻻ", "لا"),                        # presentation-form ligature (NFKC)
        ("ی", "ي"),                         # Farsi yeh
    ],
)
def test_default_steps(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("step", "raw", "kept"),
    [
        ("diacritics", "شَهِيد", "شَهِيد"),
        ("tatweel", "شـهيد", "شـهيد"),
        ("alef", "أمن", "أمن"),
        ("alef_maksura", "قتلى", "قتلى"),
        ("teh_marbuta", "ثورة", "ثورة"),
        ("digits", "٣", "٣"),
    ],
)
def test_each_step_can_be_switched_off(step: str, raw: str, kept: str) -> None:
    assert Normalizer(**{step: False}, variants=())(raw) == kept


def test_variants_can_be_switched_off() -> None:
    assert Normalizer(variants=())("امريكي") == "امريكي"
    assert Normalizer()("امريكي") == "اميركي"


@given(ARABIC)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


STEPS = ("unicode", "invisible", "diacritics", "tatweel", "alef", "alef_maksura", "teh_marbuta", "digits")


@given(st.text(alphabet=st.sampled_from("\ufdfc\ufdfd\ufefb\ufe8d\ufee3\u0644\u0627 \u00bd"),
               max_size=12) | st.text(max_size=40))
def test_unicode_step_equals_camel_tools(text: str) -> None:
    from camel_tools.utils.normalize import normalize_unicode

    from framing.text.normalizer import _normalize_unicode

    assert _normalize_unicode(text) == normalize_unicode(text)


@given(st.text(max_size=40) | ARABIC, st.sampled_from([None, *STEPS]))
def test_translate_table_equals_camel_tools_steps(text: str, off: str | None) -> None:
    # __call__ runs one str.translate table derived from camel-tools; stepwise calls camel-tools
    norm = Normalizer(**{off: False}) if off else Normalizer()
    assert norm(text) == norm.stepwise(text)


@given(st.lists(st.text(max_size=12).filter(lambda w: "\n" not in w) | ARABIC, max_size=30),
       st.sampled_from([None, *STEPS]))
def test_many_long_batches_equal_word_by_word(words: list[str], off: str | None) -> None:
    # past 4096 characters the table runs as a numpy look-up over code points
    norm = Normalizer(**{off: False}) if off else Normalizer()
    words = words * 40
    assert norm.many(words) == [norm(w) for w in words] == [norm.stepwise(w) for w in words]


def test_character_table_is_kept_on_disk_and_rederived_when_damaged(tmp_path, monkeypatch) -> None:
    from framing.text import normalizer as module

    monkeypatch.setenv("FRAMING_CACHE_DIR", str(tmp_path / "cache"))
    steps = Normalizer(digits=False)._char_steps()
    module._table.cache_clear()
    try:
        derived = module._table(steps)
        (path,) = (tmp_path / "cache").iterdir()
        assert "camel" in path.name and path.name.endswith("-111111100.json")
        module._table.cache_clear()
        assert module._table(steps) == derived  # read back from the file
        assert derived[ord("\u0623")] == "\u0627" and ord("\u0663") not in derived
        path.write_text("{not json", encoding="utf-8")
        module._table.cache_clear()
        assert module._table(steps) == derived  # damaged: derived again and rewritten
        assert module._table.__wrapped__(steps) == derived
        monkeypatch.setenv("FRAMING_CACHE_DIR", str(path / "not-a-folder"))
        module._table.cache_clear()
        assert module._table(steps) == derived  # unwritable: still derived
    finally:
        module._table.cache_clear()


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\u200c", "\u200d", "\u200b",
                                  "\ufeff", "\u00ad", "\u202a", "\u202b", "\u202c", "\u202d",
                                  "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u2060"])
def test_invisible_marks_are_removed(mark: str) -> None:
    assert normalize(f"{mark}المقا{mark}ومة{mark}") == "المقاومه"
    assert Normalizer(invisible=False)(f"ا{mark}ب") == f"ا{mark}ب"


@pytest.mark.parametrize(("raw", "seats", "plain"), [
    ("الشئون", "الشءون", "الشئون"),
    ("الشؤون", "الشءون", "الشؤون"),
    ("مسئول", "مسءول", "مسئول"),
    ("مائة", "مءه", "مائه"),          # the old spelling of «مئة»
    ("مائتان", "مءتان", "مائتان"),
    ("مئة", "مءه", "مئه"),
    ("سأل", "سال", "سال"),            # hamza on alef: the alef step, on or off
])
def test_hamza_seats_step(raw: str, seats: str, plain: str) -> None:
    assert Normalizer(hamza_seats=True)(raw) == seats
    assert Normalizer()(raw) == plain


def test_hamza_seats_table_equals_stepwise_and_fold_hamza() -> None:
    from framing.analysis.kinds import fold_hamza

    norm = Normalizer(hamza_seats=True)
    for word in ("المسئولين", "الشؤون", "رئيس", "مائتي", "ماء"):
        assert norm(word) == norm.stepwise(word) == fold_hamza(Normalizer()(word))
