"""The report: what the page holds, how it is written, and the explorer in a real browser."""

from __future__ import annotations

import base64
import gzip
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import framing
from framing.cli import main
from framing.errors import FramingError
from framing.match import Matcher
from framing.present.report import build_report, write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCS = {d.doc_id: d for d in framing.load_sample()}
MATCHER = Matcher("arabic-conflict")


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory: pytest.TempPathFactory) -> framing.present.Report:
    out = tmp_path_factory.mktemp("report") / "report.html"
    return build_report(framing.load_sample(), n_boot=200, n_perm=200, seed=1, max_contexts=40,
                        path=out, figure_formats=("png",))


@pytest.fixture(scope="module")
def page_text(sample_report) -> str:
    return sample_report.path.read_text(encoding="utf-8")


def _blob(page: str, name: str) -> object:
    data = re.search(rf'<script type="application/octet-stream" id="{name}">([^<]*)</script>', page)
    assert data, name
    return json.loads(gzip.decompress(base64.b64decode(data.group(1))))


# ---------------------------------------------------------------------------- the page


def test_page_reads_top_down_and_is_self_contained(page_text: str) -> None:
    order = [page_text.index(f'id="{s}"') for s in ("how", "findings", "stance", "legend", "shares",
                                                      "rates", "pairwise", "trends", "voice",
                                                      "discovery", "corpus", "figures", "methods")]
    assert order == sorted(order)
    assert 'id="contexts"' in page_text and 'id="document"' in page_text
    for url in re.findall(r'(?:src|href)="([^"]*)"', page_text):
        assert url.startswith(("#", "data:image/png;base64,", "report_tables/", "report_figures/")), url
    assert "http://" not in page_text.split("<script")[0] and "@import" not in page_text
    assert "@font-face" not in page_text


def test_every_label_element_names_a_real_label(page_text: str) -> None:
    html = page_text[:page_text.index('<aside id="explorer"')]   # the page, not its script
    pairs = set(re.findall(r'data-concept="([^"]+)" data-label="([^"]+)"', html))
    known = {(lab.concept, lab.id) for lab in MATCHER.lexicon.labels}
    assert len(pairs) > 50 and pairs <= known
    assert re.search(r'data-term="[^"]+"', html)


def test_key_findings_are_generated_and_linked(sample_report, page_text: str) -> None:
    assert sample_report.findings
    section = page_text[page_text.index('id="findings"'):page_text.index('id="stance"')]
    assert section.count('class="evidence"') == len(sample_report.findings)
    for f in sample_report.findings:
        assert f.q_value < 0.05
        assert f'data-groups="{"|".join(f.groups)}"' in section


def test_small_corpus_banner_and_short_discovery_lists(tmp_path: Path) -> None:
    docs = [framing.io.Document(i, o, t, d) for i, (o, t, d) in enumerate([
        ("a", "قصفت قوات الاحتلال الأميركي مواقع للمقاومة.", "2024-01-02"),
        ("a", "وارتقى شهيد جديد برصاص الاحتلال.", "2024-02-02"),
        ("b", "قالت القوات الأميركية إن الميليشيات هاجمت قاعدة.", "2024-01-03"),
        ("b", "قتل خمسة أشخاص في هجوم للمسلحين.", "2024-02-03")])]
    for k, d in enumerate(docs):
        d.doc_id = f"d{k}"
    report = build_report(docs, n_boot=50, n_perm=50, min_count=2, top=15, path=tmp_path / "r.html",
                          figure_formats=("png",))
    page = report.path.read_text(encoding="utf-8")
    assert '<div class="banner"' in page and "Illustrative only" in page
    assert "(--min-count) in the compared documents, so the list stops there" in page
    assert report.summary["few_cells"][0] == report.summary["few_cells"][1]


def test_the_page_embeds_only_what_it_shows(sample_report, page_text: str) -> None:
    main = _blob(page_text, "fd-main")
    lines, cells = main["lines"], main["cells"]
    per_cell: dict[int, int] = {}
    for c in lines["cell"]:
        per_cell[c] = per_cell.get(c, 0) + 1
    assert max(per_cell.values()) <= 40
    assert all(per_cell.get(k, 0) == cell[4] for k, cell in enumerate(cells))
    chunks = [_blob(page_text, f"fd-{k}") for k in range(max(main["docs"]["chunk"]) + 1)]
    texts = [t for c in chunks for t in c["texts"]]
    assert len(texts) == len(main["docs"]["id"]) == len(set(lines["doc"]))
    for doc_id, text in zip(main["docs"]["id"], texts, strict=True):
        assert DOCS[doc_id].text == text
    assert len(page_text.encode()) < 3_000_000


def test_tables_and_figures_beside_the_page(sample_report) -> None:
    folder = sample_report.path.parent
    tables = {p.stem for p in (folder / "report_tables").glob("*.csv")}
    assert {"stance", "shares", "rates", "pairwise", "share_tests", "trends", "voice", "contexts",
            "discovered", "corpus", "cells"} <= tables
    assert (folder / "report_figures" / "stance.png").stat().st_size > 10_000
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report_figures", "report_tables"]


def test_write_to_a_folder_and_never_over_an_earlier_report(sample_report, tmp_path: Path) -> None:
    written = sample_report.path
    page = write_report(sample_report, tmp_path / "site", figure_formats=("png",))
    sample_report.path = written  # the other tests read the first page
    assert page == tmp_path / "site" / "index.html"
    assert 'href="tables/stance.csv"' in page.read_text(encoding="utf-8")
    with pytest.raises(FramingError, match=r"an earlier report is in the way"):
        write_report(sample_report, tmp_path / "site")
    with pytest.raises(FramingError, match=r"an earlier report is in the way"):
        build_report(framing.load_sample(), path=tmp_path / "site")   # refused before any work


@pytest.mark.parametrize(("option", "message"), [
    ({"max_contexts": 0}, r"The 'max_contexts' parameter must be an integer >= 1. Got 0 instead."),
    ({"min_count": 0}, r"The 'min_count' parameter must be an integer >= 1. Got 0 instead."),
    ({"max_n": 4}, r"The 'max_n' parameter must be one of 1, 2, 3. Got 4 instead."),
    ({"time": "day"}, r"The 'time' parameter must be one of 'week', 'month', 'year'. Got 'day' instead."),
    ({"top": 2.5}, r"The 'top' parameter must be an integer >= 1. Got 2.5 instead."),
])
def test_settings_are_checked_before_any_work(option: dict[str, object], message: str) -> None:
    with pytest.raises(FramingError, match=message):
        build_report(["نص"], **option)  # type: ignore[arg-type]


def test_cli_report_safe_outputs(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "news.html"
    args = ["report", "--sample", "--n-boot", "50", "--n-perm", "50", "--top", "5", "-o", str(out)]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "wrote" in first.output and (tmp_path / "news_figures" / "stance.svg").exists()
    stale = tmp_path / "news_figures" / "old_figure.png"
    stale.write_bytes(b"x")
    again = runner.invoke(main, args)
    assert again.exit_code == 1 and "an earlier report is in the way" in again.output
    assert stale.exists()
    forced = runner.invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert not stale.exists() and (tmp_path / "news_figures" / "stance.png").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["news.html", "news_figures", "news_tables"]
    bad = runner.invoke(main, ["report", "--sample", "-o", str(tmp_path / "r.csv")])
    assert bad.exit_code == 1 and "end " in bad.output and ".html" in bad.output


def test_cli_report_stories_from_a_file_and_dedup(tmp_path: Path) -> None:
    runner = CliRunner()
    stories = tmp_path / "stories.csv"
    made = runner.invoke(main, ["stories", "--sample", "-o", str(stories)])
    assert made.exit_code == 0, made.output
    table = pd.read_csv(stories, dtype={"doc_id": str, "duplicate_of": str}, keep_default_na=False)
    table.loc[1, "duplicate_of"] = table.loc[0, "doc_id"]  # a near-copy, as a coder might mark one
    table.to_csv(stories, index=False)
    common = ["report", "--sample", "--n-boot", "50", "--n-perm", "50", "--top", "5",
              "--stories", str(stories)]
    flagged = runner.invoke(main, [*common, "-o", str(tmp_path / "flag.html")])
    kept = runner.invoke(main, [*common, "--dedup", "keep-first", "-o", str(tmp_path / "kf.html")])
    off = runner.invoke(main, [*common, "--dedup", "off", "-o", str(tmp_path / "off.html")])
    assert flagged.exit_code == 0 and kept.exit_code == 0 and off.exit_code == 0, \
        flagged.output + kept.output + off.output
    corpus = {name: pd.read_csv(tmp_path / f"{name}_tables" / "corpus.csv") for name in ("flag", "kf", "off")}
    assert corpus["flag"]["documents"].sum() == 120 and corpus["kf"]["documents"].sum() == 119
    assert corpus["off"]["documents"].sum() == 120 and (tmp_path / "flag_tables" / "copies.csv").exists()
    assert not (tmp_path / "off_tables" / "copies.csv").exists()
    off_page = (tmp_path / "off.html").read_text(encoding="utf-8")
    assert "Near-copies were not looked for (--dedup off)" in off_page
    page = (tmp_path / "kf.html").read_text(encoding="utf-8")
    assert "1 near-copy left out of the counts" in page and 'id="same-story"' in page
    plain = runner.invoke(main, ["report", "--sample", "--n-boot", "50", "--n-perm", "50", "--no-same-story",
                                 "-o", str(tmp_path / "plain.html")])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / "plain_tables" / "same_story.csv").exists()
    assert 'id="same-story"' not in (tmp_path / "plain.html").read_text(encoding="utf-8")


def test_the_corpus_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stories, discovery, the hits and the texts shown all come from one reading of the file."""
    from framing.io import sample_path
    from tests.conftest import count_readings

    readings = count_readings(monkeypatch)
    report = build_report(sample_path(), n_boot=50, n_perm=50, top=5, jobs=1)
    assert readings == [sample_path()]
    assert len(report.tables["same_story"]) and len(report.tables["discovered"])
    assert report.summary["documents"] == 120 and len(report.data.shown)


# ---------------------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("the browser tests need Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, sample_report, request: pytest.FixtureRequest,
         tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(sample_report.path.as_uri())
    page.wait_for_function("document.documentElement.dataset.explorer", timeout=30_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        shot = tmp_path_factory.mktemp("screenshots") / f"{request.node.name}.png"
        page.screenshot(path=str(shot), full_page=False)
        print(f"screenshot of the failed page: {shot}")
    context.close()


def _open_label(page, concept: str, label: str) -> None:
    page.locator(f"#legend-{concept} summary").click()
    page.locator(f'table.legend th[data-concept="{concept}"][data-label="{label}"]').click()
    page.wait_for_selector("#contexts tr.line")


def test_the_page_opens_without_errors_or_network(page, sample_report) -> None:
    assert page.evaluate("document.documentElement.dataset.explorer") == "ready"
    assert page.errors == []
    assert page.requests == [sample_report.path.as_uri()]


def test_a_label_opens_its_lines(page) -> None:
    _open_label(page, "israel", "occupation")
    marks = page.locator("#contexts tr.line td.match mark").all_inner_texts()
    assert marks
    for text in marks:   # each line's match is a term of that label, clitics and all
        found = [MATCHER.terms[m.term] for m in MATCHER.find(text)]
        assert any((t.concept, t.label) == ("israel", "occupation") for t in found), text
    heads = page.locator("#contexts table.kwic th").all_inner_texts()
    assert heads[:3] == ["before", "match", "after"]
    kwic = page.locator("#contexts table.kwic")
    assert kwic.evaluate("el => getComputedStyle(el).direction") == "rtl"
    box = page.locator("#contexts tr.line").first.bounding_box()
    assert box["height"] < 60                      # one line, not three
    assert page.errors == []


def test_a_line_opens_its_document_with_every_hit_at_its_offsets(page) -> None:
    _open_label(page, "israel", "occupation")
    line = page.locator("#contexts tr.line").first
    doc_id, start, end = (line.get_attribute(a) for a in ("data-doc-id", "data-start", "data-end"))
    line.click()
    current = page.wait_for_selector("#document mark.current")
    text = DOCS[doc_id].text
    assert (current.get_attribute("data-start"), current.get_attribute("data-end")) == (start, end)
    assert current.inner_text() == text[int(start):int(end)]
    assert page.locator("#document .doc-text").text_content() == text
    marks = {(int(m.get_attribute("data-start")), int(m.get_attribute("data-end")))
             for m in page.locator("#document .doc-text mark.hit").element_handles()}
    hits = framing.find_hits([DOCS[doc_id]], MATCHER)
    assert marks == set(zip(hits["start"], hits["end"], strict=True))
    head = page.locator("#document .doc-head").inner_text()
    assert doc_id in head and DOCS[doc_id].outlet in head and DOCS[doc_id].date in head
    assert page.errors == []


def test_filters(page) -> None:
    page.locator("#stance td[data-concept='israel']").first.click()   # a heatmap cell: one group
    page.wait_for_selector("#contexts tr.line")
    group = page.locator("#f-group option:checked").inner_text()
    groups = page.locator("#contexts tr.line").evaluate_all("rs => rs.map(r => r.dataset.group)")
    assert set(groups) == {group}
    page.select_option("#f-group", "")
    page.select_option("#f-voice", "own")
    page.wait_for_function("[...document.querySelectorAll('#contexts tr.line')]"
                           ".every(r => r.dataset.voice === 'own')")
    months = page.locator("#f-period option").all_inner_texts()[1:]
    page.select_option("#f-period", label=months[0])
    periods = page.locator("#contexts tr.line").evaluate_all("rs => rs.map(r => r.dataset.period)")
    assert set(periods) <= {months[0]}
    assert "of" in page.locator("#contexts .ctx-count").inner_text()


def test_a_discovered_term_opens_its_lines(page) -> None:
    term = page.locator("#discovery td[data-term]").first
    word = term.get_attribute("data-term")
    term.click()
    page.wait_for_selector("#contexts tr.line")
    assert word in page.locator("#contexts .ctx-title").inner_text()


def test_text_direction_of_cells(page) -> None:
    direction = "el => getComputedStyle(el).direction"
    arabic = page.locator("table.legend td.terms").first
    assert arabic.evaluate(direction) == "rtl"
    assert page.locator("table.legend td[dir=ltr]").first.evaluate(direction) == "ltr"
    settings = page.locator("table.settings td").all()
    normaliser = next(c for c in settings if c.inner_text().startswith("Normalizer("))
    assert normaliser.evaluate(direction) == "ltr"       # the methods cell, not garbled
    terms = page.locator("#discovery td[data-term]").all()
    assert any(t.evaluate(direction) == "rtl" for t in terms)


def test_sorting_a_table(page) -> None:
    table = page.locator("#pairwise table")
    column = table.locator("thead th").all_inner_texts().index("cohens_h")
    cells = table.locator(f"tbody tr td:nth-child({column + 1})")
    table.locator("thead th").nth(column).click()
    up = [float(v) for v in cells.evaluate_all("cs => cs.map(c => c.dataset.sort)") if v]
    table.locator("thead th").nth(column).click()
    down = [float(v) for v in cells.evaluate_all("cs => cs.map(c => c.dataset.sort)") if v]
    assert up == sorted(up) and down == sorted(up, reverse=True) and len(up) > 3


@pytest.mark.parametrize("width", [390, 800, 1280, 1920])
def test_no_sideways_scrolling(page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    _open_label(page, "israel", "occupation")
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_same_story_section_links_each_document_to_its_text(page, sample_report) -> None:
    table = sample_report.tables["same_story"]
    assert len(table) and (table["n_outlets"] >= 2).all()
    link = page.locator("#same-story a[data-open-doc]").first
    doc_id = link.get_attribute("data-open-doc")
    link.click()
    page.wait_for_selector("#document .doc-text")
    assert page.locator("#document .doc-text").text_content() == DOCS[doc_id].text
    assert page.locator("#document mark.current").count() == 0  # a document, no line selected
    marks = {(int(m.get_attribute("data-start")), int(m.get_attribute("data-end")))
             for m in page.locator("#document .doc-text mark.hit").element_handles()}
    hits = framing.find_hits([DOCS[doc_id]], MATCHER)
    assert marks == set(zip(hits["start"], hits["end"], strict=True))
    assert page.errors == []
