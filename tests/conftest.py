"""Shared fixtures: a tiny constructed lexicon and a tiny constructed corpus.

Every sentence here was written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.matching import Matcher

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.yaml"

#: Three constructed outlets reporting the same constructed event.
DOCS = [
    ("a-1", "alpha", "2024-03-01", "قصفت قوات الاحتلال الأميركي مواقع للمقاومة، وسقط ثلاثة شهداء."),
    ("a-2", "alpha", "2024-03-02", "وزعم الكيان أن المقاومة أطلقت صواريخ، وارتقى شهيد جديد."),
    ("b-1", "beta", "2024-03-01", "قالت القوات الأميركية إن الميليشيات المدعومة من إيران هاجمت قاعدة أميركية."),
    ("b-2", "beta", "2024-03-02", "قُتل خمسة أشخاص، وأعلنت إسرائيل أن قتلى المليشيات بالعشرات."),
    ("c-1", "gamma", "2024-03-01", "ذكرت مصادر أن قوات التحالف الدولي ردّت على الهجوم وأن قتيلين سقطا."),
]


@pytest.fixture(scope="session")
def mini_matcher() -> Matcher:
    return Matcher(str(MINI))


@pytest.fixture()
def jsonl_corpus(tmp_path: Path) -> Path:
    import json

    path = tmp_path / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, outlet, date, text in DOCS:
            fh.write(json.dumps({"id": doc_id, "outlet": outlet, "date": date, "text": text},
                                ensure_ascii=False) + "\n")
    return path
