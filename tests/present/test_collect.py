"""What the report gathers from a corpus: counts, sampled lines, the documents behind them."""

from __future__ import annotations

import pandas as pd
import pytest

import framing
from framing.engines import LocalEngine
from framing.io import Document
from framing.match import Matcher
from framing.present.collect import collect
from tests.conftest import DOCS, corpus_rows


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    rows = corpus_rows(48)
    docs = [Document(r["id"], r["outlet"], r["text"], r["date"]) for r in rows]
    docs += [Document(i, o, t, d) for i, o, d, t in DOCS]
    # two documents sharing an id, with different texts: lines must still point at the right one
    docs += [Document("dup", "alpha", "قصفت قوات الاحتلال الأميركي الموقع.", "2024-02-03"),
             Document("dup", "beta", "وقالت الحكومة إن الإرهابيين هاجموا الحاجز.", "2024-02-04")]
    return docs


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher("arabic-conflict")


@pytest.fixture(scope="module")
def collected(documents: list[Document], matcher: Matcher) -> framing.present.collect.Collected:
    return collect(documents, matcher, seed=2, max_contexts=3, max_term_contexts=2, top=5, min_count=2)


def test_counts_are_those_of_score(collected, documents, matcher) -> None:
    reference, _ = framing.score(documents, matcher)
    mine = collected.documents
    assert mine["doc"].tolist() == list(range(len(documents)))
    assert mine["date"].tolist() == [d.date for d in documents]
    assert mine["period"].iloc[0] == documents[0].date[:7]
    names = [c for c in reference.columns if ":" in c]
    pd.testing.assert_frame_equal(mine[["doc_id", "outlet", "n_tokens", *names]],
                                  reference[["doc_id", "outlet", "n_tokens", *names]])


def test_lines_point_into_their_documents_and_are_hits(collected, documents, matcher) -> None:
    ctx = collected.contexts
    assert len(ctx) and set(ctx["kind"]) == {"label", "term"}
    hits = framing.find_hits(documents, matcher)
    keys = set(zip(hits["doc_id"], hits["start"], hits["end"], hits["label"], hits["voice"], strict=True))
    for r in ctx.itertuples(index=False):
        text = documents[r.doc].text
        assert text[r.start:r.end] == r.match
        assert r.doc_id == documents[r.doc].doc_id and r.group == documents[r.doc].outlet
        assert r.before == " ".join(text[max(0, r.start - 60):r.start].split())
        if r.kind == "label":
            assert (r.doc_id, r.start, r.end, r.label, r.voice) in keys
    per_cell = ctx[ctx["kind"] == "label"].groupby(["concept", "label", "group"]).size()
    assert per_cell.max() <= 3
    terms = ctx[ctx["kind"] == "term"]
    assert set(terms["term"]) <= set(collected.discovered["term"])
    assert terms.groupby(["term", "group"]).size().max() <= 2


def test_documents_shown_carry_every_hit(collected, documents, matcher) -> None:
    shown = collected.shown
    assert set(shown["doc"]) == set(collected.contexts["doc"])
    for r in shown.itertuples(index=False):
        assert r.text == documents[r.doc].text
        mine = collected.doc_hits[collected.doc_hits["doc"] == r.doc]
        ref = framing.find_hits([documents[r.doc]], matcher)
        assert mine[["start", "end", "label", "voice"]].values.tolist() == \
            ref[["start", "end", "label", "voice"]].values.tolist()


def test_documents_sharing_an_id_stay_apart(collected, documents) -> None:
    dup = collected.contexts[collected.contexts["doc_id"] == "dup"]
    assert set(dup["doc"]) <= {len(documents) - 2, len(documents) - 1}
    assert "الاحتلال" in " ".join(dup[dup["doc"] == len(documents) - 2]["match"])


def test_hit_counts_cover_every_voice(collected, documents, matcher) -> None:
    hits = framing.find_hits(documents, matcher)
    counted = collected.hit_counts.groupby("voice")["hits"].sum().to_dict()
    assert counted == hits.groupby("voice").size().to_dict()
    cells = collected.cells[collected.cells["kind"] == "label"]
    assert cells["occurrences"].sum() == len(hits)
    assert (cells["shown"] <= cells["sampled"]).all() and (cells["sampled"] <= 3).all()


def test_the_text_budget_is_kept(documents, matcher) -> None:
    small = collect(documents, matcher, seed=2, max_contexts=50, top=5, min_count=2, max_text_chars=600)
    assert small.shown["text"].str.len().sum() == small.settings["text_chars"] <= 600
    assert small.cells["cut"].any()
    assert set(small.contexts["doc"]) == set(small.shown["doc"])


def test_an_engine_gathers_the_same(collected, documents, matcher) -> None:
    with LocalEngine(2, chunk_size=8) as engine:  # several units: workers, not one in-process unit
        other = collect(documents, matcher, seed=2, max_contexts=3, max_term_contexts=2, top=5,
                        min_count=2, engine=engine)
    pd.testing.assert_frame_equal(other.contexts, collected.contexts)
    pd.testing.assert_frame_equal(other.documents, collected.documents)
