"""A constructed corpus for the classifier tests (every sentence written for these tests).

Two outlets tell the same events; only the label chosen for the troops and
the armed group differs. Every line is unique (a running number), so only
the footers recur.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

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
