"""Pieces of the page: text direction, cells, colours, Arabic in prose."""

from __future__ import annotations

import pytest

from framing.present.html import _prose
from framing.present.html_tables import attrs, cell, direction, stance_colour


@pytest.mark.parametrize(("text", "way"), [
    ("قوات الاحتلال", "rtl"),
    ("«المقاومة» (resistance)", "rtl"),
    ("Normalizer(alef='ا', teh='ه')", "ltr"),     # the methods cell: Latin first, stays left to right
    ("resistance «المقاومة»", "ltr"),
    ("0.42 [0.1, 0.6]", None),
    ("", None),
    ("עברית", "rtl"),
])
def test_direction_follows_the_first_strong_character(text: str, way: str | None) -> None:
    assert direction(text) == way


@pytest.mark.parametrize(("value", "html"), [
    ("قوات", '<td dir="rtl" lang="ar">قوات</td>'),
    ("occupation", '<td dir="ltr">occupation</td>'),
    (1234, '<td class="num" data-sort="1234">1,234</td>'),
    (0.5, '<td class="num" data-sort="0.5">0.500</td>'),
    (float("nan"), '<td class="num" data-sort=""></td>'),
    (True, "<td>yes</td>"),
    ("<b>", '<td dir="ltr">&lt;b&gt;</td>'),
    ("«»", "<td>«»</td>"),
])
def test_cells(value: object, html: str) -> None:
    assert cell(value) == html


def test_attrs_escape_and_skip_empty() -> None:
    assert attrs(data_concept="a\"b", data_label=None, hidden=True, class_="x") == \
        ' data-concept="a&quot;b" hidden class="x"'


def test_stance_colours_run_from_red_to_blue() -> None:
    assert stance_colour(-1.0) == "#67001f" and stance_colour(1.0) == "#053061"
    assert stance_colour(0.0) == "#f7f7f7" and stance_colour(float("nan")) == "#ffffff"
    assert stance_colour(-5) == stance_colour(-1)


def test_arabic_in_prose_is_isolated_right_to_left() -> None:
    html = _prose("thura uses «قوات الاحتلال» and الكيان for 69% of was", ("thura", "was"))
    assert html == ('<b>thura</b> uses <bdi dir="rtl" lang="ar">«قوات الاحتلال»</bdi> and '
                    '<bdi dir="rtl" lang="ar">الكيان</bdi> for 69% of <b>was</b>')
    assert _prose("was wasted") == "was wasted"
    assert _prose("a <b> & c", ("a",)) == "<b>a</b> &lt;b&gt; &amp; c"
