"""Shared fixtures: a tiny constructed lexicon and a tiny constructed corpus.

Every sentence here was written for these tests. The helpers below build the
larger constructed corpus (and its shards) read by ``test_parallel.py`` and
``test_dask.py``.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

from framing.match.matcher import Matcher

# Timings belong in bench/, not in tests: no hypothesis deadline, which a first call that builds
# a cache (the normaliser's table on a fresh machine) or a busy CI machine would overrun.
settings.register_profile("framing", deadline=None)
settings.load_profile("framing")

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"

#: Three constructed outlets reporting the same constructed event.
DOCS = [
    ("a-1", "alpha", "2024-03-01", "قصفت قوات الاحتلال الأميركي مواقع للمقاومة، وسقط ثلاثة شهداء."),
    ("a-2", "alpha", "2024-03-02", "وزعم الكيان أن المقاومة أطلقت صواريخ، وارتقى شهيد جديد."),
    ("b-1", "beta", "2024-03-01",
     "قالت القوات الأميركية إن الميليشيات المدعومة من إيران هاجمت قاعدة أميركية."),
    ("b-2", "beta", "2024-03-02", "قُتل خمسة أشخاص، وأعلنت إسرائيل أن قتلى المليشيات بالعشرات."),
    ("c-1", "gamma", "2024-03-01", "ذكرت مصادر أن قوات التحالف الدولي ردّت على الهجوم وأن قتيلين سقطا."),
]


@pytest.fixture(scope="session")
def mini_matcher() -> Matcher:
    return Matcher(str(MINI))


@pytest.fixture()
def jsonl_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, outlet, date, text in DOCS:
            fh.write(json.dumps({"id": doc_id, "outlet": outlet, "date": date, "text": text},
                                ensure_ascii=False) + "\n")
    return path


# ----------------------------------------------------------------------------
# a larger corpus, as files and shards (test_parallel.py, test_dask.py)
# ----------------------------------------------------------------------------

EXTRA = [
    "وقالت الحكومة إن الإرهابيين هاجموا الحاجز، فيما وصفت المقاومة العملية بأنها رد على الاحتلال.",
    "نددت الفصائل بالعدوان الإسرائيلي وقالت إن قوات الاحتلال قصفت المنازل.",
    "أعلن الجيش مقتل عناصر من الميليشيات في اشتباك قرب الحدود.",
    "«المقاومة» كما تسميها القناة أطلقت صواريخ على المستوطنات.",
]
OUTLETS = ["alpha", "beta", "gamma", "delta"]


def corpus_rows(n: int = 48) -> list[dict[str, str]]:
    """n constructed documents: sentences combined in turn, four outlets, two months."""
    texts = [t for _, _, _, t in DOCS] + EXTRA
    rows = []
    for i in range(n):
        body = " ".join(texts[(i + k) % len(texts)] for k in range(1 + i % 3))
        if i % 5 == 0:
            body += "\n" + texts[(i * 7) % len(texts)]
        rows.append({"id": f"d{(i * 37) % n:03d}", "outlet": OUTLETS[i % 4],
                     "date": f"2024-0{1 + i % 2}-1{i % 9}", "text": body})
    return rows


def write_jsonl(path: Path, rows: list[dict[str, str]], *, extra_lines: tuple[str, ...] = ()) -> Path:
    """Write ``rows`` as JSON lines (gzipped if ``path`` ends in ``.gz``), then ``extra_lines`` verbatim."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


def write_shards(folder: Path, *, prefix: str, first: int, bad_line: str) -> Path:
    """The 48 rows of :func:`corpus_rows` as three shards of ``folder``.

    ``PREFIX-0.jsonl.gz`` (rows ``[:first]``, then the unreadable ``bad_line``),
    ``PREFIX-1.jsonl.gz`` (rows ``[first:30]``) and ``PREFIX-2.parquet`` (the rest).
    """
    rows = corpus_rows()
    write_jsonl(folder / f"{prefix}-0.jsonl.gz", rows[:first], extra_lines=(bad_line,))
    write_jsonl(folder / f"{prefix}-1.jsonl.gz", rows[first:30])
    pd.DataFrame(rows[30:]).to_parquet(folder / f"{prefix}-2.parquet")
    return folder


def die_on_marker(docs: object, state: object) -> int:
    """An engine stage that kills its worker at a document containing ☠ (else counts the documents)."""
    n = 0
    for doc in docs:  # type: ignore[attr-defined]
        if "☠" in doc.text:
            os._exit(3)
        n += 1
    return n


def count_readings(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The JSON Lines files cut into units from now on, one entry per reading (a list that grows)."""
    import framing.io.lines

    readings: list[Path] = []
    real = framing.io.lines.line_chunks

    def counting(path: Path, *args: object, **kwargs: object) -> object:
        readings.append(path)
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("framing.io.units.line_chunks", counting)
    return readings
