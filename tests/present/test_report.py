"""The report: content checks, and a real headless browser (Debian's chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from framing.io.corpus import load_sample
from framing.present.report import build_report, write_report

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]

# Injected into a copy of the page: records every image's decode status and any error
# event (script errors and failed resource loads) into <body data-*> for --dump-dom.
PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || (e.target && e.target.src)
  || 'error')), true);
window.addEventListener('load', () => {
  const imgs = Array.from(document.images);
  const bad = imgs.filter(i => !(i.complete && i.naturalWidth > 0 && i.naturalHeight > 0));
  document.body.dataset.images = imgs.length;
  document.body.dataset.undecoded = bad.length;
  document.body.dataset.errors = window.__errors.length;
  document.body.dataset.rtl = document.querySelectorAll('[dir=rtl][lang=ar]').length;
  document.body.dataset.width = document.documentElement.scrollWidth;
});
</script>"""


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    report = build_report(load_sample(), n_boot=200, n_perm=200, seed=1, show_progress=False)
    write_report(report, out, figure_formats=("png",))
    return out


def test_report_is_self_contained_and_complete(report_file: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    for section in ("corpus", "stance", "shares", "rates", "pairwise", "discovery", "kwic", "methods"):
        assert f'id="{section}"' in page
    # no network: every src/href is inline data or a relative link beside the page
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith(("data:image/png;base64,", "#", "report_tables/")), url
    images = re.findall(r'<img [^>]*src="data:image/png;base64,', page)
    assert len(images) >= 5
    assert page.count('dir="rtl" lang="ar"') > 20            # Arabic cells set direction
    assert "arabic-conflict" in page and "seed" in page and "version numpy" in page
    tables = sorted(p.stem for p in (report_file.parent / "report_tables").glob("*.csv"))
    assert {"stance", "shares", "rates", "pairwise", "discovered", "kwic", "corpus"} <= set(tables)
    assert (report_file.parent / "report_figures" / "stance.png").stat().st_size > 10_000


def test_report_in_headless_chromium(report_file: Path, tmp_path: Path) -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("needs chromium (apt-get install chromium); .ci/run installs it")
    probe = report_file.with_name("probe.html")
    probe.write_text(report_file.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1),
                     encoding="utf-8")
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"]
    dom = subprocess.run([*common, "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
                         capture_output=True, text=True, timeout=180, check=True).stdout
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    attrs = dict(re.findall(r'data-([a-z]+)="([^"]*)"', body.group(1)))
    assert int(attrs["images"]) >= 5
    assert attrs["undecoded"] == "0", "some figures did not decode"
    assert attrs["errors"] == "0", "the page raised errors"
    assert int(attrs["rtl"]) > 20
    assert int(attrs["width"]) <= 1280, "the page scrolls sideways at laptop width"
    shot = tmp_path / "report.png"
    subprocess.run([*common, f"--screenshot={shot}", report_file.as_uri()], capture_output=True,
                   timeout=180, check=True)
    from PIL import Image

    with Image.open(shot) as img:
        assert img.size == (1280, 900)
        colours = img.convert("L").getextrema()
        assert colours[0] < 60 and colours[1] > 200     # text and background: not a blank page
    keep = os.environ.get("FRAMING_KEEP_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
