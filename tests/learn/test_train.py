"""framing train / predict: cross-validation, loadedness, safe model files, boilerplate."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from click.testing import CliRunner

from framing.cli import main
from framing.errors import FramingError
from framing.io.corpus import Document
from framing.learn.training import (
    LOADEDNESS_COLUMNS,
    _splits,
    cross_validate,
    labelled_documents,
    load_model,
    loadedness,
    make_model,
    predict,
    save_model,
    train,
)
from framing.text.boilerplate import find_boilerplate, strip_boilerplate
from tests.conftest import MINI

# ----------------------------------------------------------------------------
# A constructed corpus: two outlets tell the same events; only the label
# chosen for the troops and the armed group differs. Every line is unique
# (a running number), so only the footers recur.
# ----------------------------------------------------------------------------

PLACES = ["الجنوب", "الشمال", "المدينة", "الساحل", "الوادي"]
FILLER = [
    "وصل الوفد إلى {p} صباح اليوم {i} بعد رحلة طويلة.",
    "عقد المجلس في {p} اجتماعا رقم {i} لمناقشة الميزانية.",
    "ارتفعت أسعار الخبز في أسواق {p} للمرة {i} هذا العام.",
    "أعلنت الوزارة خطة رقم {i} لتحسين الطرق في {p}.",
    "شهدت {p} أمطارا غزيرة خلال الليلة {i}.",
    "افتتح في {p} معرض الكتاب {i} بمشاركة دور النشر.",
]
LOADED = {
    "alpha": ["وقصفت قوات الاحتلال مواقع في {p} يوم {i}.", "وأكدت المقاومة أنها سترد في {p} يوم {i}."],
    "beta": ["وقصفت القوات الأميركية مواقع في {p} يوم {i}.", "وأكدت الميليشيات أنها سترد في {p} يوم {i}."],
}
FOOTER = {"alpha": "جميع الحقوق محفوظة لصحيفة ألفا", "beta": "اقرأ أيضا: أخبار بيتا"}
#: What must top each class's loadedness: the labels (or their concepts) and the n-gram stems.
EXPECTED_LABELS = {
    "alpha": {"foreign_troops:occupation", "armed_groups:resistance", "israel:occupation",
              "foreign_troops", "armed_groups"},
    "beta": {"foreign_troops:neutral", "armed_groups:militia", "foreign_troops", "armed_groups"},
}
EXPECTED_STEMS = {"alpha": {"احتلال", "مقاومه"}, "beta": {"اميركيه", "ميليشيات"}}


def make_corpus(n_per_outlet: int = 16, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for outlet in ("alpha", "beta"):
        for i in range(n_per_outlet):
            k = 100 * i + (0 if outlet == "alpha" else 50)
            lines = [t.format(p=rng.choice(PLACES), i=k + j) for j, t in enumerate(rng.sample(FILLER, 3))]
            lines.append(rng.choice(LOADED[outlet]).format(p=rng.choice(PLACES), i=k + 9))
            rng.shuffle(lines)
            rows.append({
                "id": f"{outlet}-{i}", "outlet": outlet, "story": f"story-{i % 8}",
                # a paragraph-level label: does the text use a delegitimising label?
                "loaded": "yes" if ("الاحتلال" in " ".join(lines) or "الميليشيات" in " ".join(lines))
                else "no",
                "text": "\n".join([*lines, FOOTER[outlet]]),
            })
    return rows


def write_jsonl(rows: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(make_corpus(), tmp_path_factory.mktemp("train") / "news.jsonl")


@pytest.fixture(scope="module")
def trained(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("model")
    result = CliRunner().invoke(main, ["train", str(corpus_path), "-l", str(MINI), "--target", "outlet",
                                       "--cv", "4", "--group-col", "story", "--strip-boilerplate",
                                       "-o", str(out)])
    return out, result


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


# ----------------------------------------------------------------------------
# framing train
# ----------------------------------------------------------------------------


def test_train_writes_every_output(trained) -> None:  # type: ignore[no-untyped-def]
    out, result = trained
    assert result.exit_code == 0, result.output
    for name in ("metrics.json", "confusion.csv", "ablation.csv", "loadedness.csv", "model.skops"):
        assert (out / name).is_file(), name
    assert "macro-F1 (both): 1.000" in result.stdout
    assert "32 documents read" in result.stderr


def test_metrics_json(trained) -> None:  # type: ignore[no-untyped-def]
    metrics = json.loads((trained[0] / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["split"] == "StratifiedGroupKFold" and metrics["group_col"] == "story"
    assert metrics["classes"] == {"alpha": 16, "beta": 16}
    assert len(metrics["macro_f1_folds"]) == 4
    assert metrics["macro_f1_mean"] == pytest.approx(np.mean(metrics["macro_f1_folds"]))
    assert metrics["macro_f1_std"] == pytest.approx(np.std(metrics["macro_f1_folds"]))
    assert set(metrics["per_class"]["alpha"]) == {"precision", "recall", "f1", "support"}
    assert metrics["skipped_empty_target"] == 0


def test_ablation_compares_feature_sets_on_same_folds(trained) -> None:  # type: ignore[no-untyped-def]
    ablation = pd.read_csv(trained[0] / "ablation.csv").set_index("features")
    assert list(ablation.index) == ["majority", "lexicon", "ngrams", "both"]
    assert ablation.loc["majority", "macro_f1_mean"] < 0.5
    assert ablation.loc["lexicon", "macro_f1_mean"] == 1.0  # the classes are separable by label choice
    assert ablation.loc["both", "macro_f1_mean"] == 1.0


def test_confusion_csv(trained) -> None:  # type: ignore[no-untyped-def]
    confusion = pd.read_csv(trained[0] / "confusion.csv", index_col=0)
    assert list(confusion.columns) == ["alpha", "beta"]
    assert confusion.to_numpy().sum() == 32 and np.trace(confusion.to_numpy()) == 32


def test_loadedness_tops_are_the_loaded_terms(trained) -> None:  # type: ignore[no-untyped-def]
    table = pd.read_csv(trained[0] / "loadedness.csv", keep_default_na=False)
    assert list(table.columns) == LOADEDNESS_COLUMNS
    for cls in ("alpha", "beta"):
        top = table[table["class"] == cls].head(4)
        assert (top["weight"] > 0).all()
        for row in top.itertuples():
            if row.kind == "ngram":
                assert set(row.term.split()) & EXPECTED_STEMS[cls], row
            else:
                assert row.in_lexicon in EXPECTED_LABELS[cls], row
        assert (top[top["kind"] != "stance"]["count_in_class"] > 0).all()


@pytest.mark.parametrize("features", ["lexicon", "ngrams"])
def test_loadedness_api_per_feature_set(features: str) -> None:
    # Without stripping the footers, n-grams would learn «جميع الحقوق محفوظة» instead.
    docs, _ = strip_boilerplate(Document(r["id"], r["outlet"], r["text"]) for r in make_corpus())
    texts, y = [d.text for d in docs], [d.outlet for d in docs]
    model = make_model(features, lexicon=str(MINI)).fit(texts, y)  # type: ignore[arg-type]
    table = loadedness(model, texts, y, top=3, lexicon=str(MINI))
    for cls in ("alpha", "beta"):
        top = table[table["class"] == cls]
        assert list(top["rank"]) == [1, 2, 3]
        if features == "lexicon":
            assert set(top["in_lexicon"]) <= EXPECTED_LABELS[cls]
            terms = top[top["kind"] == "term"]
            assert len(terms) and (terms["count_in_class"] > 0).all() and (terms["count_other"] == 0).all()
        else:
            assert all(set(t.split()) & EXPECTED_STEMS[cls] for t in top["term"])
    ngram = table[(table["kind"] == "ngram") & (table["term"] == "احتلال")]
    if len(ngram):
        assert ngram.iloc[0]["in_lexicon"] == "israel:occupation"  # «الاحتلال» is a mini term


def test_paragraph_level_binary_target_with_empty_rows(tmp_path: Path) -> None:
    rows = make_corpus()
    for row in rows[:3]:
        row["loaded"] = ""
    path = write_jsonl(rows, tmp_path / "paragraphs.jsonl")
    out = tmp_path / "out"
    result = run("train", str(path), "-l", str(MINI), "--target", "loaded", "--features", "lexicon",
                 "--cv", "3", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "left out 3 documents with an empty 'loaded'" in result.stderr
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["skipped_empty_target"] == 3 and metrics["n_documents"] == len(rows) - 3
    assert set(metrics["classes"]) == {"yes", "no"}
    table = pd.read_csv(out / "loadedness.csv", keep_default_na=False)
    assert set(table["class"]) == {"yes", "no"}  # binary: both directions


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--target", "stance"], r"no column 'stance' \(--target\) in the corpus; columns present: "
                                 r"outlet, date, loaded, story"),
        (["--target", "outlet", "--group-col", "topic"], r"no column 'topic' \(--group-col\)"),
        (["--target", "outlet", "--cv", "40"], r"class\(es\) with fewer documents than folds \(--cv 40\)"),
        (["--target", "outlet", "--cv", "1"], r"The 'cv' parameter must be an integer >= 2. Got 1"),
        (["--target", "outlet", "--cv", "9", "--group-col", "story"],
         r"only 8 distinct group\(s\) for 9 folds; lower --cv"),
        (["--target", "outlet", "--features", "words"], r"Invalid value for '--features'"),
    ],
)
def test_train_errors(corpus_path: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = run("train", str(corpus_path), "-l", str(MINI), *args, "-o", str(tmp_path / "x"))
    assert result.exit_code != 0
    assert re.search(message, result.output), result.output


def test_one_class_is_an_error(tmp_path: Path) -> None:
    rows = [r for r in make_corpus() if r["outlet"] == "alpha"]
    with pytest.raises(FramingError, match=r"the target has 1 class\(es\) \('alpha'\); a classifier needs"):
        train(pd.DataFrame(rows), target="outlet", lexicon=str(MINI), cv=3)


# ----------------------------------------------------------------------------
# Folds
# ----------------------------------------------------------------------------


def test_grouped_folds_keep_each_story_on_one_side() -> None:
    rows = make_corpus()
    data = labelled_documents(pd.DataFrame(rows), target="outlet", group_col="story")
    assert data.groups is not None
    for train_idx, test_idx in _splits(data.y, data.groups, 4, 0):
        assert not set(data.groups[train_idx]) & set(data.groups[test_idx])
        assert set(data.y[test_idx]) == {"alpha", "beta"}  # stratified


def test_cross_validate_scores_a_reference_on_the_same_folds() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    rows = make_corpus()
    texts, y = [r["text"] for r in rows], [r["outlet"] for r in rows]
    reference = make_pipeline(TfidfVectorizer(), LogisticRegression())
    result = cross_validate(texts, y, cv=4, lexicon=str(MINI), extra={"reference": reference},
                            feature_sets=["majority", "lexicon", "reference"])
    assert list(result.ablation()["features"]) == ["majority", "lexicon", "reference"]
    assert all(p is not None for p in result.predictions["reference"])


def test_manual_folds_equal_pipeline_folds() -> None:
    """The shortcut of computing lexicon counts once gives what per-fold pipelines give."""
    from sklearn.base import clone
    from sklearn.metrics import f1_score

    rows = make_corpus(12, seed=3)
    texts = np.asarray([r["text"] for r in rows], dtype=object)
    y = np.asarray([r["loaded"] for r in rows], dtype=object)
    result = cross_validate(texts, y, cv=3, lexicon=str(MINI), feature_sets=["both"])
    model = make_model("both", lexicon=str(MINI))
    for (train_idx, test_idx), f1 in zip(result.folds, result.fold_macro_f1["both"], strict=True):
        pred = clone(model).fit(texts[train_idx], y[train_idx]).predict(texts[test_idx])
        assert f1_score(y[test_idx], pred, average="macro", zero_division=0) == pytest.approx(f1)


# ----------------------------------------------------------------------------
# Model files and framing predict
# ----------------------------------------------------------------------------


def test_pipeline_round_trip(tmp_path: Path) -> None:
    rows = make_corpus()
    texts, y = [r["text"] for r in rows], [r["outlet"] for r in rows]
    model = make_model("both", lexicon=str(MINI)).fit(texts, y)
    path = save_model(model, tmp_path / "m.skops")
    loaded = load_model(path)
    new = ["قالت القوات الأميركية إن الميليشيات هاجمت", "وأكدت المقاومة أنها سترد"]
    np.testing.assert_array_equal(loaded.predict(texts + new), model.predict(texts + new))
    np.testing.assert_array_equal(loaded.predict_proba(texts + new), model.predict_proba(texts + new))
    assert loaded.predict(new).tolist() == ["beta", "alpha"]


def test_predict_cli(trained, corpus_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "pred.csv"
    result = run("predict", str(trained[0] / "model.skops"), str(corpus_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    pred = pd.read_csv(out)
    assert list(pred.columns) == ["doc_id", "outlet", "predicted", "proba:alpha", "proba:beta"]
    assert (pred["predicted"] == pred["outlet"]).all()
    assert np.allclose(pred[["proba:alpha", "proba:beta"]].sum(axis=1), 1.0)
    assert "32 predictions written" in result.stderr


def test_predict_api_keeps_documents_emptied_by_boilerplate() -> None:
    rows = make_corpus()
    model = make_model("ngrams").fit([r["text"] for r in rows], [r["outlet"] for r in rows])
    docs = [Document("x", "alpha", ""), Document("y", "beta", "وأكدت الميليشيات أنها سترد")]
    assert list(predict(model, docs)["doc_id"]) == ["x", "y"]


class Untrusted:
    """A type no model file may contain."""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("object", r"refusing to load a model that contains unexpected types: "
                   r"tests.learn.test_train.Untrusted"),
        ("garbage", r"not a skops model file"),
        ("missing", r"no such model file"),
    ],
)
def test_load_model_refuses_unsafe_or_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.skops"
    if content == "object":
        sio.dump({"model": Untrusted()}, path)
    elif content == "garbage":
        path.write_bytes(b"not a zip file")
    with pytest.raises(FramingError, match=message):
        load_model(path)


# ----------------------------------------------------------------------------
# Boilerplate
# ----------------------------------------------------------------------------


def test_strip_boilerplate_removes_only_recurring_lines() -> None:
    docs = [Document(r["id"], r["outlet"], r["text"]) for r in make_corpus()]
    stripped, report = strip_boilerplate(docs)
    assert report.lines == {"alpha": [FOOTER["alpha"]], "beta": [FOOTER["beta"]]}
    assert report.outlets["alpha"] == {"documents": 16, "lines": 1, "removed": 16,
                                       "documents_changed": 16, "emptied": 0}
    assert report.removed == 32
    for before, after in zip(docs, stripped, strict=True):
        assert after.doc_id == before.doc_id
        assert after.text.split("\n") == before.text.split("\n")[:-1]
    assert "alpha: 1 recurring line(s), 16 removed from 16 of 16 documents" in report.summary()


@pytest.mark.parametrize(
    ("n_docs", "n_with_line", "kwargs", "found"),
    [
        (10, 4, {}, False),  # fewer than 5 documents
        (10, 5, {}, True),
        (200, 9, {}, False),  # fewer than 5 % of 200
        (200, 10, {}, True),
        (10, 2, {"min_docs": 2}, True),
    ],
)
def test_boilerplate_threshold(n_docs: int, n_with_line: int, kwargs: dict, found: bool) -> None:
    docs = [Document(str(i), "o", f"نص رقم {i}" + ("\n  تابعونا على الشبكات  " if i < n_with_line else ""))
            for i in range(n_docs)]
    assert (find_boilerplate(docs, **kwargs)["o"] == ["تابعونا على الشبكات"]) is found


def test_boilerplate_found_per_outlet_is_removed_everywhere() -> None:
    docs = [Document(f"a{i}", "a", "سطر مكرر") for i in range(5)]
    docs += [Document(f"b{i}", "b", f"سطر مكرر\nخبر {i}") for i in range(4)]
    stripped, report = strip_boilerplate(docs)
    assert report.lines == {"a": ["سطر مكرر"], "b": []}  # only 4 documents of b have it...
    assert [d.text for d in stripped[:5]] == [""] * 5 and report.outlets["a"]["emptied"] == 5
    # ...but it is removed from b too, or it would become a cue for b.
    assert [d.text for d in stripped[5:]] == [f"خبر {i}" for i in range(4)]
    assert report.outlets["b"] == {"documents": 4, "lines": 0, "removed": 4, "documents_changed": 4,
                                   "emptied": 0}
    assert report.to_dict()["outlets"]["a"]["examples"] == ["سطر مكرر"]


def test_model_trained_with_boilerplate_strips_it_when_predicting() -> None:
    docs = [Document(r["id"], r["outlet"], r["text"]) for r in make_corpus()]
    result = train(docs, target="outlet", features="ngrams", lexicon=str(MINI), cv=3,
                   strip_boilerplate=True)
    model = result.model
    assert model.named_steps["boilerplate"].lines == tuple(sorted(FOOTER.values()))
    # The footer alone is now no evidence: an alpha text with beta's footer is still alpha.
    text = "وأكدت المقاومة أنها سترد في الجنوب يوم 3.\n" + FOOTER["beta"]
    assert model.predict([text]).tolist() == ["alpha"]
    assert not result.loadedness["term"].str.contains("ايضا|حقوق").any()


def test_train_reports_boilerplate(trained) -> None:  # type: ignore[no-untyped-def]
    out, result = trained
    assert "boilerplate: removed 32 line occurrence(s)" in result.stderr
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["boilerplate"]["outlets"]["beta"]["examples"] == [FOOTER["beta"]]
