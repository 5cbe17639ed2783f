"""The explorer's samples: reservoirs per cell, and the text budget."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.present.sampling import ContextSampler, Line


def test_each_cell_keeps_at_most_cap_lines_and_counts_every_offer() -> None:
    sampler = ContextSampler(seed=3)
    for i in range(500):
        sampler.offer("a", Line(i, 0, 1), cap=20)
    for i in range(7):
        sampler.offer("b", Line(1000 + i, 0, 1), cap=20)
    chosen = sampler.choose([1] * 2000, max_chars=10**6)
    assert (sampler.seen("a"), sampler.seen("b")) == (500, 7)
    assert len(chosen.lines["a"]) == 20 and len({x.doc for x in chosen.lines["a"]}) == 20
    assert sorted(x.doc for x in chosen.lines["b"]) == list(range(1000, 1007))   # small cells: all
    assert chosen.cut == []


def test_reservoir_is_uniform() -> None:
    # 400 seeded runs keeping 5 of 50: every item should be kept about 400 * 5 / 50 = 40 times.
    kept: Counter[int] = Counter()
    for seed in range(400):
        sampler = ContextSampler(seed=seed)
        for i in range(50):
            sampler.offer("c", Line(i, 0, 1), cap=5)
        kept.update(x.doc for x in sampler.choose([1] * 50, 10**6).lines["c"])
    assert sum(kept.values()) == 2000
    chi2 = sum((kept[i] - 40) ** 2 / 40 for i in range(50))
    assert chi2 < 90, chi2   # 49 degrees of freedom: p ~ 0.0003 at 90


def test_same_seed_same_sample_and_cells_are_independent() -> None:
    def run(extra: bool) -> list[int]:
        sampler = ContextSampler(seed=1)
        for i in range(300):
            sampler.offer("x", Line(i, 0, 1), cap=10)
            if extra:
                sampler.offer("y", Line(i, 0, 1), cap=3)
        return sorted(x.doc for x in sampler.choose([1] * 300, 10**6).lines["x"])

    assert run(False) == run(False) == run(True)


def test_budget_is_never_exceeded_and_cut_cells_are_reported() -> None:
    sampler = ContextSampler(seed=0)
    for i in range(100):
        sampler.offer("big", Line(i, 0, 1), cap=50)
        sampler.offer("small", Line(200 + i % 3, 0, 1), cap=50)
    lengths = [10] * 300
    chosen = sampler.choose(lengths, max_chars=205)
    assert chosen.chars <= 205 and chosen.chars == 10 * len(chosen.docs)
    assert "big" in chosen.cut and "small" not in chosen.cut
    assert len(chosen.lines["small"]) == 50            # its three documents fit first
    assert all(x.doc in chosen.docs for lines in chosen.lines.values() for x in lines)


@given(st.lists(st.integers(0, 30), min_size=1, max_size=200), st.integers(0, 400))
def test_chosen_lines_are_a_prefix_of_each_cells_random_order(docs: list[int], budget: int) -> None:
    def fill() -> ContextSampler:
        sampler = ContextSampler(seed=5)
        for k, d in enumerate(docs):
            sampler.offer(k % 3, Line(d, k, k + 1), cap=8)
        return sampler

    unlimited = fill().choose([7] * 31, max_chars=10**6)
    limited = fill().choose([7] * 31, max_chars=budget)
    assert limited.chars <= budget
    for cell, lines in limited.lines.items():
        assert lines == unlimited.lines[cell][:len(lines)]


def test_released_documents_are_reported() -> None:
    released: list[int] = []
    sampler = ContextSampler(seed=0, on_release=released.append)
    accepted = [i for i in range(200) if sampler.offer("c", Line(i, 0, 1), cap=2)]
    kept = {x.doc for x in sampler.choose([1] * 200, 10**6).lines["c"]}
    assert len(kept) == 2 and not kept & set(released)
    assert all(sampler.wanted(d) for d in kept) and not any(sampler.wanted(d) for d in released)
    assert sorted([*released, *kept]) == accepted      # every document let go is reported once


@pytest.mark.parametrize("cap", [1, 4])
def test_one_document_with_many_lines_is_embedded_once(cap: int) -> None:
    sampler = ContextSampler(seed=0)
    for k in range(10):
        sampler.offer("c", Line(7, k, k + 1), cap=cap)
    chosen = sampler.choose([0] * 7 + [100], max_chars=100)
    assert chosen.docs == [7] and chosen.chars == 100 and len(chosen.lines["c"]) == cap
