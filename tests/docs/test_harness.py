"""The docs harness itself: a failing block fails, marks do what they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.docs.harness import DocsError, Page, check_marks, commands, parse

FENCE = "```"


def page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch, update: bool = False) -> Path:
    import tests.docs.harness as harness

    monkeypatch.setattr(harness, "ROOT", tmp_path)
    path = page(tmp_path, text)
    work = tmp_path / "work"
    work.mkdir()
    Page(path, work).run(update=update)
    return work


def test_parse_reads_language_marks_and_hidden_blocks(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.docs.harness as harness

    monkeypatch.setattr(harness, "ROOT", tmp_path)
    path = page(tmp_path, f"# T\n\n<!-- docs-test: skip needs a cluster -->\n{FENCE}bash\n"
                          f"framing x\n{FENCE}\n\ntext\n\n"
                          f"<!-- docs-test: hidden\n{FENCE}python\nx = 1\n{FENCE}\n-->\n\n"
                          f"1. a list\n\n    {FENCE}python\n    y = 2\n    {FENCE}\n")
    blocks = parse(path)
    assert [(b.lang, b.marks, b.hidden, b.code) for b in blocks] == [
        ("bash", {"skip": "needs a cluster"}, False, "framing x\n"),
        ("python", {}, True, "x = 1\n"),
        ("python", {}, False, "y = 2\n"),
    ]
    assert blocks[0].line == 4


@pytest.mark.parametrize(("text", "problem"), [
    (f"{FENCE}\nls\n{FENCE}\n", "needs a language"),
    (f"<!-- docs-test: skip -->\n{FENCE}bash\nls\n{FENCE}\n", "needs an argument"),
    (f"<!-- docs-test: nope -->\n{FENCE}bash\nls\n{FENCE}\n", "unknown mark"),
    (f"<!-- docs-test: output -->\n{FENCE}bash\nls\n{FENCE}\n", "belongs on the text block"),
])
def test_malformed_blocks_are_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
                                       problem: str) -> None:
    import tests.docs.harness as harness

    monkeypatch.setattr(harness, "ROOT", tmp_path)
    (block,) = parse(page(tmp_path, text))
    assert any(problem in p for p in check_marks(block))


def test_commands_join_continuations_and_drop_comments() -> None:
    assert commands("# set-up\nframing score --sample \\\n    -o out/   # here\n\nls\n") == [
        "framing score --sample -o out/   # here", "ls"]


def test_framing_commands_run_and_write_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = run(tmp_path, f"{FENCE}bash\nuv run framing lexicon show arabic-conflict --terms > terms.csv\n"
                         f"framing hits news.csv -o hits.csv\n{FENCE}\n", monkeypatch)
    assert (work / "terms.csv").read_text(encoding="utf-8").startswith("concept,label,pole")
    assert (work / "hits.csv").read_text(encoding="utf-8").startswith("doc_id,")


def test_a_failing_command_fails_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocsError, match=r"page.md:1: `framing score missing.csv` failed"):
        run(tmp_path, f"{FENCE}bash\nframing score missing.csv\n{FENCE}\n", monkeypatch)


def test_a_failing_python_block_fails_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocsError, match="the Python block raised"):
        run(tmp_path, f"{FENCE}python\nimport framing\nframing.no_such_function()\n{FENCE}\n", monkeypatch)


def test_fails_mark_expects_a_failure_and_shows_its_message(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    text = (f"<!-- docs-test: fails -->\n{FENCE}bash\nframing score --sample --by nothing\n{FENCE}\n\n"
            f"<!-- docs-test: output -->\n{FENCE}text\nError: wrong\n{FENCE}\n")
    with pytest.raises(DocsError, match=r"(?s)--- printed\nError: no column 'nothing'"):
        run(tmp_path, text, monkeypatch)
    with pytest.raises(DocsError, match="marked 'fails' but succeeded"):
        run(tmp_path / "b", f"<!-- docs-test: fails -->\n{FENCE}bash\nframing lexicon list\n{FENCE}\n",
            monkeypatch)


def test_output_blocks_are_compared_and_can_be_rewritten(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = (f"{FENCE}python\nprint('one')\nprint('two')\n{FENCE}\n\n"
            f"<!-- docs-test: output -->\n{FENCE}text\none\nthree\n{FENCE}\n")
    with pytest.raises(DocsError, match="the output shown differs"):
        run(tmp_path, text, monkeypatch)
    run(tmp_path / "b", text, monkeypatch, update=True)
    assert (tmp_path / "b" / "docs" / "page.md").read_text(encoding="utf-8").endswith(
        f"{FENCE}text\none\ntwo\n{FENCE}\n")


def test_file_mark_and_shared_python_namespace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (f"<!-- docs-test: file map.csv -->\n{FENCE}csv\n"
            f"sindyan,local\nwaha,local\nufuq,foreign\n{FENCE}\n"
            f"{FENCE}python\nimport framing\nfrom framing.io import read_groups\n"
            f"groups = read_groups('map.csv')\n{FENCE}\n"
            f"{FENCE}python\nprint(sorted(set(groups.values())))\n{FENCE}\n"
            f"<!-- docs-test: output -->\n{FENCE}text\n['foreign', 'local']\n{FENCE}\n")
    run(tmp_path, text, monkeypatch)


def test_a_block_where_nothing_runs_must_be_marked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DocsError, match="nothing ran in this block"):
        run(tmp_path, f"<!-- docs-test: framing-only -->\n{FENCE}bash\npip install uv\n{FENCE}\n",
            monkeypatch)
