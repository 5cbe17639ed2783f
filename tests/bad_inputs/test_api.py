"""Bad input through the Python API: what a corpus argument may be, and an empty corpus in every
function that reads one."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import framing
from framing.count.scoring import score_to_folder
from framing.errors import CorpusError
from framing.io import Document, as_corpus
from framing.learn.training import train
from tests.bad_inputs.cases import TEXT
from tests.conftest import MINI


@pytest.mark.parametrize("text", ["م" * 300, "/" * 5000, "نص\x00فيه", "README.md", "."])
def test_a_list_of_strings_is_always_texts(text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    """Long texts (too long for a file name), texts with NUL, and texts that happen to name an
    existing file or folder are texts: no OSError, no switch to paths."""
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    docs = list(as_corpus([text, TEXT]))
    assert [d.text for d in docs] == [text, TEXT] and [d.doc_id for d in docs] == ["0", "1"]
    hits = framing.find_hits([text, TEXT], MINI)
    assert set(hits["doc_id"]) == {"1"}


@pytest.mark.parametrize("function", ["find_hits", "score", "kwic", "discover", "sample_hits"])
def test_a_single_str_that_is_no_path_says_what_to_pass(function: str) -> None:
    args = {"kwic": ("المقاومة",)}.get(function, ())
    with pytest.raises(CorpusError, match=r"^'م+…' is not an existing file or folder; to read files pass "
                                          r"read_corpus\(path\) or pathlib\.Path\(path\), to analyse "
                                          r"texts pass a list: \[text, \.\.\.\]\.$"):
        getattr(framing, function)("م" * 128, *args)


def test_paths_are_paths(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "a", "outlet": "x", "text": TEXT}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    for given in (path, [path], str(path)):
        assert [d.doc_id for d in as_corpus(given)] == ["a"]


@pytest.mark.parametrize(("data", "message"), [
    (["نص", Path("x.csv")], r"a list of PosixPath, str: give a list of texts \(str\), of pathlib.Path or "
                            r"of Document, not a mix\."),
    (["نص", 3], r"a list of int, str: give a list of texts"),
    (42, r"cannot read a corpus from a int; pass a path, a list of paths or a DataFrame\."),
    ([], r"no input given"),
])
def test_what_is_not_a_corpus(data: object, message: str) -> None:
    with pytest.raises(CorpusError, match=message):
        as_corpus(data)


def test_none_in_a_list_of_texts_is_an_empty_text() -> None:
    corpus = as_corpus([TEXT, None])
    assert [d.text for d in corpus] == [TEXT] and corpus.report.empty == 1


def test_non_text_values_in_a_dataframe_are_counted() -> None:
    frame = pd.DataFrame({"outlet": ["a", "b", "c"], "text": [TEXT, 5, ["قوات"]]})
    corpus = framing.read_corpus(frame)
    assert [d.outlet for d in corpus] == ["a"]
    assert (corpus.report.documents, corpus.report.unreadable) == (1, 2)
    assert corpus.report.examples == ["<DataFrame> row 2: unreadable (the text is a number, not a string)",
                                      "<DataFrame> row 3: unreadable (the text is a list, not a string)"]


def test_a_non_string_text_in_documents_is_counted() -> None:
    corpus = as_corpus([Document("a", "x", TEXT), Document("b", "x", 12)])  # type: ignore[arg-type]
    assert [d.doc_id for d in corpus] == ["a"]
    assert corpus.report.examples == ["b: unreadable (the text is a number, not a string)"]


EMPTY = ["   ", ""]
API = {
    "find_hits": lambda c: framing.find_hits(c, MINI),
    "iter_hits": lambda c: list(framing.iter_hits(c, MINI)),
    "score": lambda c: framing.score(c, MINI),
    "kwic": lambda c: framing.kwic(c, "المقاومة"),
    "discover": lambda c: framing.discover(c, lexicon=None),
    "compare": lambda c: framing.compare(c, MINI, n_boot=10, n_perm=10),
    "sample_hits": lambda c: framing.sample_hits(c, MINI),
    "build_report": lambda c: framing.build_report(c, MINI, n_boot=10, n_perm=10),
    "score_to_folder": lambda c: score_to_folder(c, str(MINI)),
    "train": lambda c: train(c, target="outlet"),
    "list": lambda c: list(as_corpus(c)),
}


@pytest.mark.parametrize("name", API)
@pytest.mark.parametrize("jobs", [1, 2])
def test_every_function_refuses_an_empty_corpus(name: str, jobs: int, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "1", "outlet": "a", "text": " "}\n', encoding="utf-8")
    texts = ("<texts>: no documents to analyse: every row was skipped (2 rows: 2 with empty text, "
             "0 unreadable; ")
    file = f"{path}: no documents to analyse: every row was skipped (1 row: 1 with empty text, 0 unreadable; "
    for data, message in ((EMPTY, texts), (framing.read_corpus(path), file)):
        if jobs == 2 and name in ("find_hits", "score", "kwic", "discover"):
            call = {"find_hits": lambda c: framing.find_hits(c, MINI, jobs=2),
                    "score": lambda c: framing.score(c, MINI, jobs=2),
                    "kwic": lambda c: framing.kwic(c, "المقاومة", jobs=2),
                    "discover": lambda c: framing.discover(c, lexicon=None, jobs=2)}[name]
        else:
            call = API[name]
        with pytest.raises(CorpusError) as caught:
            call(data)
        assert str(caught.value).startswith(message)
