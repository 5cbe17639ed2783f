"""Model files: save and load round trip, refusals (untrusted, not a text model, missing,
garbage), model files that name framing's types by their old module paths, framing predict."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import skops.io as sio
from click.testing import CliRunner
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from framing.cli import main
from framing.errors import FramingError
from framing.io import Document
from framing.learn import TRUSTED_TYPES, load_model, make_model, predict, save_model
from framing.learn.model_io import RENAMED_TYPES, check_text_model, rename_types
from tests.conftest import MINI
from tests.learn.constructed import make_corpus, write_jsonl

ROWS = make_corpus()
TEXTS = [r["text"] for r in ROWS]
OUTLETS = [r["outlet"] for r in ROWS]
NEW = ["قالت القوات الأميركية إن الميليشيات هاجمت", "وأكدت المقاومة أنها سترد"]


@pytest.fixture(scope="module")
def fitted() -> object:
    return make_model("both", lexicon=str(MINI), drop_lines=["اقرأ أيضا: أخبار بيتا"]).fit(TEXTS, OUTLETS)


@pytest.fixture(scope="module")
def model_file(fitted: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_model(fitted, tmp_path_factory.mktemp("model") / "model.skops")


# ----------------------------------------------------------------------------
# Round trip
# ----------------------------------------------------------------------------


def test_round_trip_predicts_the_same(fitted, model_file: Path) -> None:  # type: ignore[no-untyped-def]
    loaded = load_model(model_file)
    np.testing.assert_array_equal(loaded.predict(TEXTS + NEW), fitted.predict(TEXTS + NEW))
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS + NEW),  # type: ignore[attr-defined]
                                  fitted.predict_proba(TEXTS + NEW))
    assert loaded.predict(NEW).tolist() == ["beta", "alpha"]
    assert loaded.named_steps["boilerplate"].lines == ("اقرأ أيضا: أخبار بيتا",)  # type: ignore[attr-defined]


def test_model_file_holds_only_trusted_types(model_file: Path) -> None:
    assert set(sio.get_untrusted_types(file=model_file)) <= set(TRUSTED_TYPES)


def test_save_replaces_a_file_whole_and_leaves_no_temporary(fitted, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "sub" / "m.skops"
    path.parent.mkdir()
    path.write_bytes(b"an older file")
    assert save_model(fitted, path) == path
    assert [p.name for p in path.parent.iterdir()] == ["m.skops"]
    assert load_model(path).predict(NEW).tolist() == ["beta", "alpha"]


# ----------------------------------------------------------------------------
# Refusals: one line naming the file and what was expected
# ----------------------------------------------------------------------------


class Untrusted:
    """A type no model file may contain."""


def _numeric_model() -> LogisticRegression:
    return LogisticRegression().fit(np.arange(24, dtype=float).reshape(8, 3), [0, 1] * 4)


BAD_FILES = {
    "untrusted": (lambda: {"model": Untrusted()},
                  r"bad.skops: refusing to load a model that contains unexpected types: "
                  r"tests.learn.test_model_io.Untrusted. Load it with skops.io.load only if you trust"),
    "numeric classifier": (_numeric_model,
                           r"bad.skops: holds a LogisticRegression fitted on 3 numeric feature\(s\) per row, "
                           r"not a text classifier; give a model.skops written by 'framing train'"),
    "numeric pipeline": (lambda: make_pipeline(StandardScaler(), LogisticRegression()).fit(
                             np.arange(16, dtype=float).reshape(8, 2), [0, 1] * 4),
                         r"bad.skops: holds a Pipeline fitted on 2 numeric feature\(s\) per row"),
    "unfitted text model": (lambda: make_model("ngrams"),
                            r"bad.skops: holds a Pipeline that is not fitted; give a model.skops"),
    "transformer": (lambda: TfidfVectorizer().fit(["نص أول", "نص ثان"]),
                    r"bad.skops: holds a TfidfVectorizer, not a classifier; give a model.skops"),
    "plain data": (lambda: {"weights": [1, 2]}, r"bad.skops: holds a dict, not a classifier"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_load_model_refuses_with_one_line(tmp_path: Path, case: str) -> None:
    make, message = BAD_FILES[case]
    path = tmp_path / "bad.skops"
    sio.dump(make(), path)
    with pytest.raises(FramingError, match=message) as info:
        load_model(path)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"missing.skops: no such model file; give the model.skops that 'framing train' wrote"),
        (b"not a zip file", r"bad.skops: not a skops model file \(BadZipFile: File is not a zip file\)"),
        (b"", r"bad.skops: not a skops model file"),
        ("zip without schema", r"bad.skops: not a skops model file \(KeyError: "),
        ("schema not json", r"bad.skops: not a skops model file \(JSONDecodeError: "),
    ],
)
def test_load_model_refuses_missing_or_garbage_files(tmp_path: Path, content: object, message: str) -> None:
    path = tmp_path / ("missing.skops" if content is None else "bad.skops")
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("schema.json" if content == "schema not json" else "other.txt", "{not json")
    with pytest.raises(FramingError, match=message):
        load_model(path)


def test_a_folder_is_not_a_model_file(tmp_path: Path) -> None:
    with pytest.raises(FramingError, match=r"no such model file"):
        load_model(tmp_path)


def test_a_classifier_that_takes_any_input_is_accepted() -> None:
    # The check is behavioural: what classifies a raw text passes, whatever its steps.
    check_text_model(DummyClassifier().fit([[0], [1]], ["a", "b"]), source="dummy")


def test_predict_cli_with_a_numeric_model_prints_one_line(tmp_path: Path) -> None:
    path = tmp_path / "numeric.skops"
    sio.dump(_numeric_model(), path)
    corpus = write_jsonl(ROWS, tmp_path / "news.jsonl")
    result = CliRunner().invoke(main, ["predict", str(path), str(corpus)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"Error: {path}: holds a LogisticRegression fitted on 3 numeric feature(s) per row, not a "
        "text classifier; give a model.skops written by 'framing train'."
    ]
    assert "الوفد" not in result.output  # no corpus text in the message


# ----------------------------------------------------------------------------
# Model files written before framing's modules moved
# ----------------------------------------------------------------------------

#: Current name → the name an older file used (the inverse of RENAMED_TYPES, one layout at a time).
LAYOUTS = {
    "previous": {"framing.learn.analyzer.ArabicAnalyzer": "framing.learn.vectorizer.ArabicAnalyzer"},
    "flat": {"framing.learn.analyzer.ArabicAnalyzer": "framing.features.ArabicAnalyzer",
             "framing.learn.vectorizer.LexiconVectorizer": "framing.features.LexiconVectorizer",
             "framing.text.boilerplate.BoilerplateRemover": "framing.boilerplate.BoilerplateRemover"},
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_load_model_reads_files_with_old_type_names(fitted, model_file: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                    layout: str) -> None:
    old = tmp_path / "old.skops"
    old.write_bytes(rename_types(model_file.read_bytes(), LAYOUTS[layout]))
    assert set(sio.get_untrusted_types(file=old)) & set(RENAMED_TYPES)  # the file really is old-style
    loaded = load_model(old)
    np.testing.assert_array_equal(loaded.predict_proba(TEXTS + NEW),  # type: ignore[attr-defined]
                                  fitted.predict_proba(TEXTS + NEW))


def test_old_names_of_untrusted_types_are_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.skops"
    path.write_bytes(rename_types(sio.dumps({"model": Untrusted()}),
                                  {"tests.learn.test_model_io.Untrusted": "framing.features.Untrusted"}))
    with pytest.raises(FramingError, match=r"unexpected types: framing.features.Untrusted\."):
        load_model(path)


def test_every_renamed_type_is_trusted() -> None:
    assert set(RENAMED_TYPES.values()) <= set(TRUSTED_TYPES)
    assert not set(RENAMED_TYPES) & set(TRUSTED_TYPES)


# ----------------------------------------------------------------------------
# predict
# ----------------------------------------------------------------------------


def test_predict_cli(model_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.csv"
    corpus = write_jsonl(ROWS, tmp_path / "news.jsonl")
    result = CliRunner().invoke(main, ["predict", str(model_file), str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    pred = pd.read_csv(out)
    assert list(pred.columns) == ["doc_id", "outlet", "predicted", "proba:alpha", "proba:beta"]
    assert (pred["predicted"] == pred["outlet"]).all()
    assert np.allclose(pred[["proba:alpha", "proba:beta"]].sum(axis=1), 1.0)
    assert "32 predictions written" in result.stderr


def test_predict_api_keeps_documents_emptied_by_boilerplate() -> None:
    model = make_model("ngrams").fit(TEXTS, OUTLETS)
    docs = [Document("x", "alpha", ""), Document("y", "beta", "وأكدت الميليشيات أنها سترد")]
    frame = predict(model, docs)
    assert list(frame["doc_id"]) == ["x", "y"] and frame.loc[1, "predicted"] == "beta"

