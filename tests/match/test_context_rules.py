"""Context rules at matching time: which occurrences a rule admits, which it rejects and why.

Every sentence here was written for these tests.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from framing.lexicon import load_lexicon
from framing.match import Matcher

RULED = """name: ruled
concepts:
  c:
    axis: {negative: a, positive: b}
    labels:
      coalition:
        pole: 1
        terms:
          - term: التحالف
            not_followed_by: [الوطني, العربي]
      regime:
        pole: -1
        terms:
          - term: النظام
            near: [الأسد, السوري]
      regime_near:
        pole: -1
        terms:
          - term: الحكم
            near: [العسكري]
            window: 2
      state:
        pole: 1
        terms:
          - term: الدولة
            document_has: [داعش, تنظيم الدولة]
            not_preceded_by: [رئيس, مؤسسات]
      enemy:
        pole: -1
        terms:
          - term: العدو
            not_near: [الحوثي, الفارسي]
      plain:
        pole: 0
        terms: [قوات التحالف]
"""


@pytest.fixture(scope="module")
def ruled(tmp_path_factory: pytest.TempPathFactory) -> Matcher:
    path = tmp_path_factory.mktemp("lex") / "ruled.yaml"
    path.write_text(RULED, encoding="utf-8")
    return Matcher(load_lexicon(path))


def admitted(m: Matcher, text: str) -> list[str]:
    return [text[h.start:h.end] for h in m.find(text)]


def rejected(m: Matcher, text: str) -> list[tuple[str, str]]:
    return [(text[r.start:r.end], r.reason) for r in m.find_rejected(text)]


@pytest.mark.parametrize(
    ("text", "kept", "refused"),
    [
        # not_followed_by: the next word of the sentence, clitics and spelling folded
        ("شن التحالف غارات جديدة", ["التحالف"], []),
        ("فاز التحالف الوطني بالانتخابات", [], [("التحالف", "followed by الوطني")]),
        ("فاز التحالف «والوطنيّ» بالانتخابات", [], [("التحالف", "followed by الوطني")]),
        ("انسحب التحالف. الوطني يعود", ["التحالف"], []),      # the sentence ended
        ("وللتحالف العربي دور", [], [("وللتحالف", "followed by العربي")]),
        ("قوات التحالف الوطني", ["قوات التحالف"], []),         # the longer term has no rule
        # near: in the same sentence
        ("قصف النظام السوري البلدة", ["النظام"], []),
        ("قال إن النظام قصف حلب بأوامر من الأسد", ["النظام"], []),
        ("عدل النظام الداخلي للحزب", [], [("النظام", "none of الأسد | السوري in the sentence")]),
        ("عدل النظام الداخلي. وقال الأسد", [], [("النظام", "none of الأسد | السوري in the sentence")]),
        # near with a window of words
        ("عاد الحكم العسكري", ["الحكم"], []),
        ("عاد الحكم بعد ثلاث سنوات العسكري", [], [("الحكم", "none of العسكري within 2 words")]),
        # document_has, and not_preceded_by
        ("أعلنت الدولة مسؤوليتها. وكان داعش قد هدد", ["الدولة"], []),
        ("أعلنت الدولة مسؤوليتها عن الهجوم", [],
         [("الدولة", "none of داعش | تنظيم الدولة in the document")]),
        ("قال رئيس الدولة إن داعش هزم", [], [("الدولة", "preceded by رئيس")]),
        ("تحدث لرئيس الدولة عن داعش", [], [("الدولة", "preceded by رئيس")]),
        # not_near
        ("قصف العدو البلدة", ["العدو"], []),
        ("واجه الجيش العدو الحوثي في الجبل", [], [("العدو", "الحوثي in the sentence")]),
    ],
)
def test_rules_admit_and_reject(ruled: Matcher, text: str, kept: list[str],
                                refused: list[tuple[str, str]]) -> None:
    assert admitted(ruled, text) == kept
    assert rejected(ruled, text) == refused


def test_hits_carry_their_rule_and_counts_leave_out_rejections(ruled: Matcher) -> None:
    text = "شن التحالف غارات، وفاز التحالف الوطني بالانتخابات"
    (hit,) = [h for h in ruled.find(text) if ruled.terms[h.term].term == "التحالف"]
    assert ruled.terms[hit.term].rule == "not_followed_by: الوطني | العربي"
    assert text[hit.start:hit.end] == "التحالف" and hit.start == 3
    n_tokens, counts = ruled.count(text)
    assert n_tokens == 7 and counts[hit.term] == 1
    (rejection,) = ruled.find_rejected(text)
    assert text[rejection.start:rejection.end] == "التحالف" and rejection.start > hit.end


def test_batches_with_and_without_offsets_agree(ruled: Matcher) -> None:
    texts = ["فاز التحالف الوطني", "", "شن التحالف غارات. قصف النظام السوري البلدة",
             "أعلنت الدولة مسؤوليتها عن الهجوم", "قال إن داعش هزم. أعلنت الدولة مسؤوليتها"]
    with_offsets = ruled.scan_many(texts)
    without = ruled.scan_many(texts, offsets=False)
    assert [[h.term for h in found] for _, found in with_offsets] == [
        [h.term for h in found] for _, found in without]
    assert [[h.term for h in found] for _, found in with_offsets] == [
        [h.term for h in ruled.find(t)] for t in texts]
    assert ruled.scan_rejected(texts) == [ruled.find_rejected(t) for t in texts]


def test_ruled_matcher_pickles_for_worker_processes(ruled: Matcher) -> None:
    text = "فاز التحالف الوطني ثم شن التحالف غارات"
    copy = pickle.loads(pickle.dumps(ruled))
    assert copy.find(text) == ruled.find(text)
    assert copy.find_rejected(text) == ruled.find_rejected(text)


def test_lexicon_without_rules_rejects_nothing() -> None:
    m = Matcher(str(Path(__file__).parents[1] / "data" / "mini.yaml"))
    assert m.find_rejected("فاز التحالف الوطني") == []
    assert all(info.rule == "" for info in m.terms)


def test_a_filter_that_rules_out_little_stops_running_and_nothing_changes(tmp_path: Path) -> None:
    """«النظام» near «السوري»: in a corpus where nearly every document that names the regime
    also has «السوري», the document filter is tried, judged useless and left off; the documents
    without the word (one in five, then none) are still rejected by the check itself."""
    from framing.match.context import FILTER_TRIAL

    path = tmp_path / "ruled.yaml"
    path.write_text(RULED, encoding="utf-8")
    fresh = Matcher(load_lexicon(path))
    texts = [("قصف النظام السوري البلدة" if i % 20 else "اعتمد النظام الجديد للتعليم") + f" {i}"
             for i in range(3 * FILTER_TRIAL)]
    batches = [texts[i:i + 100] for i in range(0, len(texts), 100)]
    found = [fresh.scan_many(batch, offsets=False) for batch in batches]
    context = fresh._context
    (pattern,) = [p for c in context.rules.values() if c.rule.near == ("الأسد", "السوري")
                  for _, p in c.filters]
    assert not context.worth_filtering(pattern)
    assert context._filter_runs[pattern][0] < len(texts)  # it stopped before the end
    assert [h for part in found for h in part] == [ruled_alone for t in texts
                                                   for ruled_alone in fresh.scan_many([t], offsets=False)]
    assert sum(len(f) for part in found for _, f in part) == len(texts) - len(texts) // 20


def test_a_phrase_is_found_wherever_its_longest_word_repeats(tmp_path: Path) -> None:
    """«الجيش الحر» near «النظام»: the longest word «الجيش» also stands alone just before it, at
    every distance; the phrase is found at each (the words around one place where a long word
    is written are read again when the phrase can run past them)."""
    path = tmp_path / "near.yaml"
    path.write_text("name: near\nconcepts:\n  c:\n    axis: {negative: a, positive: b}\n"
                    "    labels:\n      regime:\n        pole: -1\n        terms:\n"
                    "          - term: النظام\n            near: [الجيش الحر]\n", encoding="utf-8")
    m = Matcher(load_lexicon(path))
    for k in range(60):
        filler = " من" * k
        assert admitted(m, f"قصف النظام الجيش{filler} الجيش الحر في المدينة") == ["النظام"], k
        assert admitted(m, f"قصف النظام الجيش{filler} الجيش في المدينة") == [], k
