"""train --control: story groups for the folds, loadedness without house style or agenda (constructed)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framing.errors import FramingError
from framing.learn import make_model
from framing.learn.control import check_control, story_groups
from framing.learn.cv import make_folds
from framing.learn.loaded_terms import loadedness


@pytest.mark.parametrize(("control", "expected"), [
    ("none", frozenset()),
    ("style", {"style"}),
    (["stories", "style"], {"stories", "style"}),
])
def test_check_control(control, expected) -> None:
    assert check_control(control) == expected


@pytest.mark.parametrize("control", ["agenda", ["none", "style"]])
def test_check_control_refuses(control) -> None:
    with pytest.raises(FramingError, match=r"'control' parameter must be 'none', 'style', 'stories'"):
        check_control(control)


def test_copies_join_their_original_story_and_never_straddle_a_split() -> None:
    # Story 1: a1, b1; story 2: c1 (a near-copy of a1 the clustering put apart); stories 3-8 alone.
    table = pd.DataFrame({"doc_id": ["a1", "b1", "c1", *(f"x{i}" for i in range(6))],
                          "story_id": [1, 1, 2, *range(3, 9)],
                          "duplicate_of": ["", "", "a1", *[""] * 6]})
    groups, missing = story_groups(table["doc_id"].tolist(), table)
    assert missing == 0 and groups[0] == groups[1] == groups[2] and len(set(groups)) == 7
    y = np.array(["p", "q", "p", "q", "p", "q", "p", "q", "p"], dtype=object)
    for train_idx, test_idx in make_folds(y, groups, 2, 0):
        assert not {groups[i] for i in train_idx} & {groups[i] for i in test_idx}


def test_loadedness_sets_house_style_aside_and_ranks_within_stories() -> None:
    texts, y, story = [], [], []
    for k in range(8):  # alpha signs «مراسل ألفا»; both tell each story, alpha says الاحتلال
        texts.append(f"مراسل ألفا: قصفت قوات الاحتلال مواقع في البلدة رقم {k} ثم انسحبت الدوريات")
        texts.append(f"قصفت القوات الأجنبية مواقع في البلدة رقم {k} ثم انسحبت الدوريات")
        y += ["alpha", "beta"]
        story += [k, k]
    model = make_model("ngrams").fit(texts, y)

    def kinds(classes, terms):
        return ["self" if "الفا" in t else "content" for t in terms]

    plain = loadedness(model, texts, y, top=3)
    assert any("الفا" in t for t in plain[plain["class"] == "alpha"]["term"])
    styled = loadedness(model, texts, y, top=3, term_kinds=kinds)
    assert not styled["term"].str.contains("الفا").any() and styled.attrs["set_aside"]["self"] >= 1
    assert set(styled["term_kind"]) == {"content"}
    within = loadedness(model, texts, y, top=2, story=story)
    top = within[within["class"] == "alpha"]
    assert top["z_stories"].iloc[0] > 0 and list(plain.columns) + ["z_stories"] == list(within.columns)
