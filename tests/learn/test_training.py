"""framing train: what train computes, TrainResult.save (all files or none), the command,
and boilerplate stripping before training."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import FramingError
from framing.io import Document
from framing.learn import LOADEDNESS_COLUMNS, TRAIN_FILES, TrainResult, load_model, train
from framing.learn import training as training_module
from tests.conftest import MINI
from tests.learn.constructed import (
    EXPECTED_LABELS,
    EXPECTED_STEMS,
    FOOTER,
    make_corpus,
    write_jsonl,
)


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


def test_an_output_folder_under_a_file_is_refused_before_training(corpus_path: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file", encoding="utf-8")
    result = run("train", str(corpus_path), "-l", str(MINI), "--target", "outlet",
                 "-o", str(tmp_path / "taken" / "out"))
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: cannot write {tmp_path / 'taken' / 'out'}: {tmp_path / 'taken'} is a file, not a "
        "folder; choose another output path (-o)."
    ]
    assert "documents read" not in result.output  # refused before the corpus was read


def test_one_class_is_an_error(tmp_path: Path) -> None:
    rows = [r for r in make_corpus() if r["outlet"] == "alpha"]
    with pytest.raises(FramingError, match=r"the target has 1 class\(es\) \('alpha'\); a classifier needs"):
        train(pd.DataFrame(rows), target="outlet", lexicon=str(MINI), cv=3)


# ----------------------------------------------------------------------------
# train computes; TrainResult.save writes, all files or none
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def computed() -> TrainResult:
    return train(pd.DataFrame(make_corpus()), target="outlet", lexicon=str(MINI), cv=3, top=5)


def test_train_returns_everything(computed: TrainResult) -> None:
    assert computed.metrics["n_documents"] == 32 and computed.metrics["features"] == "both"
    assert list(computed.ablation["features"]) == ["majority", "lexicon", "ngrams", "both"]
    assert computed.confusion.index.name == "true \\ predicted"
    assert list(computed.loadedness.columns) == LOADEDNESS_COLUMNS and len(computed.loadedness) == 10
    assert computed.model.predict(["وأكدت المقاومة أنها سترد"]).tolist() == ["alpha"]
    assert computed.boilerplate is None


def test_train_leaves_the_working_folder_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    train(pd.DataFrame(make_corpus(8)), target="outlet", features="lexicon", lexicon=str(MINI), cv=2)
    assert list(tmp_path.iterdir()) == []


def test_save_writes_the_five_files(computed: TrainResult, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    written = computed.save(out)
    assert written == [out / name for name in TRAIN_FILES]
    assert sorted(p.name for p in out.iterdir()) == sorted(TRAIN_FILES)  # no temporary file left
    assert json.loads((out / "metrics.json").read_text(encoding="utf-8")) == computed.metrics
    assert (out / "metrics.json").read_text(encoding="utf-8") == computed.metrics_json()
    confusion = pd.read_csv(out / "confusion.csv", index_col=0)
    pd.testing.assert_frame_equal(confusion, computed.confusion, check_names=False)
    pd.testing.assert_frame_equal(pd.read_csv(out / "ablation.csv"), computed.ablation)
    loaded = pd.read_csv(out / "loadedness.csv", keep_default_na=False)
    assert loaded["feature"].tolist() == computed.loadedness["feature"].tolist()
    np.testing.assert_allclose(loaded["weight"], computed.loadedness["weight"])
    texts = [r["text"] for r in make_corpus()]
    reloaded = load_model(out / "model.skops")
    np.testing.assert_array_equal(reloaded.predict(texts), computed.model.predict(texts))


@pytest.mark.parametrize("failing", ["metrics.json", "model.skops", "loadedness.csv"])
def test_save_is_all_or_none(computed: TrainResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                             failing: str) -> None:
    """A save that fails part-way leaves the folder as it was: old files untouched, no new ones."""
    for name in TRAIN_FILES:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "metrics.json":
        monkeypatch.setattr(TrainResult, "metrics_json", lambda self: disk_full())
    elif failing == "model.skops":
        monkeypatch.setattr(training_module, "save_model", disk_full)
    else:
        real = pd.DataFrame.to_csv

        def to_csv(frame: pd.DataFrame, *args: object, **kwargs: object) -> object:
            if "class" in frame.columns:  # the loadedness table
                disk_full()
            return real(frame, *args, **kwargs)

        monkeypatch.setattr(pd.DataFrame, "to_csv", to_csv)
    message = (rf"cannot write {re.escape(str(tmp_path))}: No space left on device; free some space "
               r"or write elsewhere \(-o\)\. Nothing was written\.")
    with pytest.raises(FramingError, match=message):
        computed.save(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(TRAIN_FILES)
    for name in TRAIN_FILES:
        assert (tmp_path / name).read_text(encoding="utf-8") == f"old {name}"


def test_save_refuses_a_folder_under_a_file(computed: TrainResult, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(FramingError, match=r"cannot write into .*file/out: it is a file, not a folder|"
                                           r"cannot write .*file/out: .*file is a file, not a folder"):
        computed.save(tmp_path / "file" / "out")


# ----------------------------------------------------------------------------
# Boilerplate
# ----------------------------------------------------------------------------


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
