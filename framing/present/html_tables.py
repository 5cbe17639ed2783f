"""HTML pieces of the report: cells with the right text direction, pivot tables, the heatmap, the legend.

Every element that names a label carries ``data-concept`` and ``data-label``
(and ``data-group`` when it is one group's figure), every discovered term
``data-term``: the page's script opens the explorer on them. A cell whose
text starts with Arabic gets ``dir="rtl" lang="ar"``, one that starts with
Latin letters ``dir="ltr"`` (the first strong character decides, as for
``dir="auto"``), so mixed text such as the normaliser's settings keeps its
order.
"""

from __future__ import annotations

import html
import math
import unicodedata
from typing import Any

from ..lexicon import Lexicon

__all__ = [
    "attrs",
    "cell",
    "direction",
    "esc",
    "heatmap",
    "pivot",
    "stance_colour",
    "table",
]

# ColorBrewer RdBu, 11 classes, from -1 (red) to +1 (blue).
_RDBU = ("#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de",
         "#4393c3", "#2166ac", "#053061")


def esc(value: Any) -> str:
    """HTML-escaped text ('' for None and NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value))


def direction(text: Any) -> str | None:
    """``"rtl"``, ``"ltr"`` or None (no strong character), from the first strong character.

    Examples
    --------
    >>> direction("قوات الاحتلال"), direction("Normalizer(alef='ا')"), direction("0.42")
    ('rtl', 'ltr', None)
    """
    for ch in str(text):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def attrs(**values: Any) -> str:
    """`` name="value"`` pairs (underscores become hyphens; None and False are left out)."""
    out = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        out.append(f' {name}="{esc(value)}"' if value is not True else f" {name}")
    return "".join(out)


def text_attrs(text: Any) -> str:
    """``dir`` (and ``lang="ar"`` for right-to-left) for a piece of text."""
    way = direction(text)
    return attrs(dir=way, lang="ar" if way == "rtl" else None)


def cell(value: Any, *, tag: str = "td", cls: str | None = None, sort: Any = None, **data: Any) -> str:
    """One table cell: numbers right-aligned with a sort key, text with its direction."""
    if isinstance(value, bool):
        return f"<{tag}{attrs(class_=cls, **data)}>{'yes' if value else ''}</{tag}>"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = number(value)
        key = "" if isinstance(value, float) and math.isnan(value) else value
        classes = " ".join(filter(None, ["num", cls]))
        keys = attrs(class_=classes, data_sort=key if sort is None else sort, **data)
        return f"<{tag}{keys}>{text}</{tag}>"
    return f"<{tag}{text_attrs(value)}{attrs(class_=cls, data_sort=sort, **data)}>{esc(value)}</{tag}>"


def number(value: float) -> str:
    """``1,234`` for integers, three significant decimals otherwise ('' for NaN)."""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value and abs(value) < 1e-3:
            return f"{value:.2g}"
        return f"{value:,.3f}"
    return f"{value:,}"


def table(frame: Any, *, cls: str = "", show: int = 25, caption: str = "",
          columns: list[str] | None = None) -> str:
    """A sortable table of a DataFrame; rows after ``show`` hidden behind "show all"."""
    if frame is None or len(frame) == 0:
        return '<p class="note">No rows.</p>'
    columns = columns or list(frame.columns)
    head = "".join(f'<th{attrs(scope="col")}>{esc(c)}</th>' for c in columns)
    rows = []
    records = frame[columns].to_dict("records")
    for i, rec in enumerate(records):
        hidden = ' class="more"' if i >= show else ""
        rows.append(f"<tr{hidden}>" + "".join(cell(_plain(rec[c])) for c in columns) + "</tr>")
    more = (f'<button type="button" class="show-all" data-more="{len(records) - show}">show all '
            f"{len(records):,} rows</button>" if len(records) > show else "")
    cap = f"<caption>{caption}</caption>" if caption else ""
    limit = f' data-show="{show}"' if len(records) > show else ""
    return (f'<div class="table"><table class="sortable {cls}"{limit}>{cap}<thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>{more}</div>')


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)
    return item() if callable(item) else value


def stance_colour(value: float) -> str:
    """The RdBu colour of a stance in [-1, 1] (grey-white for NaN)."""
    if value != value:
        return "#ffffff"
    x = (max(-1.0, min(1.0, value)) + 1) / 2 * (len(_RDBU) - 1)
    i = min(int(x), len(_RDBU) - 2)
    t = x - i
    a, b = _RDBU[i], _RDBU[i + 1]
    mix = [round(int(a[k:k + 2], 16) * (1 - t) + int(b[k:k + 2], 16) * t) for k in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _pole(pole: int) -> str:
    return f"{pole:+d}" if pole else "0"


def _ci(low: float, high: float, fmt: str) -> str:
    return "" if low != low else f"[{format(low, fmt)}, {format(high, fmt)}]"


def concept_head(lexicon: Lexicon, concept: str, *, tag: str = "th") -> str:
    c = lexicon.concept(concept)
    return (f'<{tag} scope="row"{attrs(data_concept=concept)} tabindex="0">{esc(concept.replace("_", " "))}'
            f'<small class="axis">{esc(c.negative)} ↔ {esc(c.positive)}</small></{tag}>')


def heatmap(stance: Any, lexicon: Lexicon) -> str:
    """Stance heatmap: concepts (rows) × groups (columns), a colour and the interval in each cell."""
    groups = list(dict.fromkeys(stance["group"]))
    used = stance.groupby("concept", sort=False)["hits"].sum()
    grid = stance.set_index(["concept", "group"])
    head = "".join(f'<th scope="col"{text_attrs(g)}>{esc(g)}</th>' for g in groups)
    rows = []
    for concept in dict.fromkeys(stance["concept"]):
        empty = used[concept] == 0
        cells = []
        for g in groups:
            r = grid.loc[(concept, g)]
            if r.hits == 0:
                cells.append('<td class="nohit" title="no hit">–</td>')
                continue
            colour = stance_colour(r.stance)
            ink = "#fff" if abs(r.stance) > 0.6 else "#111"
            few = bool(r.too_few_hits)
            note = f"n={int(r.hits)}" if few else _ci(r.ci_low, r.ci_high, "+.2f")
            title = (f"{concept} · {g}: stance {r.stance:+.2f} {note}, {int(r.hits)} hits"
                     + (" (too few hits for an interval)" if few else ""))
            keys = attrs(class_="few" if few else None, data_concept=concept, data_group=g, title=title,
                         data_sort=f"{r.stance:.4f}")
            cells.append(f'<td{keys}'
                         f' tabindex="0" style="background-color:{colour};color:{ink}">'
                         f"<b>{r.stance:+.2f}</b><small>{esc(note)}</small></td>")
        rows.append(f'<tr{attrs(class_="empty" if empty else None)}>{concept_head(lexicon, concept)}'
                    f'{"".join(cells)}</tr>')
    return (f'<div class="table"><table class="sortable heatmap"><thead><tr><th scope="col">concept '
            f'<small class="axis">negative ↔ positive end</small></th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def pivot(frame: Any, lexicon: Lexicon, concept: str, *, value: str, fmt: str, colours: dict[Any, str],
          hits_col: str = "hits", percent: bool = False) -> str:
    """One concept's labels (rows) × groups (columns) of ``value`` with its interval.

    Labels no group uses are hidden rows (class ``empty``). Each cell carries
    ``data-concept``, ``data-label`` and ``data-group``; each row head the
    label with its pole.
    """
    data = frame[frame["concept"] == concept]
    groups = list(dict.fromkeys(data["group"]))
    head = "".join(f'<th scope="col"{text_attrs(g)}>{esc(g)}</th>' for g in groups)
    grid = data.set_index(["label", "group"])
    label_hits = data.groupby("label", sort=False)["hits"].sum()
    scale = 100.0 if percent else 1.0
    rows = []
    for lab in lexicon.concept(concept).labels:
        if (lab.id, groups[0] if groups else "") not in grid.index:
            continue
        cells = []
        for g in groups:
            r = grid.loc[(lab.id, g)]
            v = getattr(r, value)
            text = "" if v != v else format(scale * v, fmt) + ("%" if percent else "")
            ci = _ci(scale * r.ci_low, scale * r.ci_high, fmt)
            cls = "num few" if bool(r.too_few_hits) else "num"
            colour = colours[(concept, lab.id)]
            bar = (f"background-image:linear-gradient(to left,{colour}40 {100 * v:.0f}%,transparent "
                   f"{100 * v:.0f}%)" if percent and v == v and not bool(r.too_few_hits) else None)
            keys = attrs(class_=cls, data_sort="" if v != v else v, data_concept=concept, data_label=lab.id,
                         data_group=g, style=bar)
            cells.append(f'<td{keys}>'
                         f'{esc(text)}{"<small>" + esc(ci) + "</small>" if ci else ""}'
                         f'<small class="n">{int(r[hits_col]):,}</small></td>')
        chip = f'<span class="chip" style="background:{colours[(concept, lab.id)]}"></span>'
        rows.append(f'<tr{attrs(class_="empty" if label_hits.get(lab.id, 0) == 0 else None)}>'
                    f'<th scope="row"{attrs(data_concept=concept, data_label=lab.id)} tabindex="0">'
                    f'{chip}{esc(lab.id)} <small class="pole">{_pole(lab.pole)}</small></th>'
                    f'{"".join(cells)}</tr>')
    n_empty = int((label_hits == 0).sum())
    toggle = (f'<button type="button" class="show-empty">show {n_empty} label'
              f'{"s" if n_empty != 1 else ""} without hits</button>' if n_empty else "")
    return (f'<div class="table"><table class="sortable pivot"><thead><tr><th scope="col">label '
            f'<small class="pole">pole</small></th>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f"</table>{toggle}</div>")


def legend(lexicon: Lexicon, colours: dict[Any, str], concept_hits: dict[str, int],
           label_hits: dict[Any, int]) -> str:
    """The lexicon: for each concept its axis ends, and each label's pole, frame, definition and
    Arabic terms (one collapsible block per concept; concepts without hits last)."""
    blocks = []
    order = sorted(lexicon.concepts, key=lambda c: -concept_hits.get(c.id, 0))
    for c in order:
        n = concept_hits.get(c.id, 0)
        rows = []
        for lab in sorted(c.labels, key=lambda lab: lab.pole):
            terms = " · ".join(f"<span>{esc(t.text)}</span>" for t in lab.terms)
            chip = f'<span class="chip" style="background:{colours[(c.id, lab.id)]}"></span>'
            rows.append(
                f'<tr><th scope="row"{attrs(data_concept=c.id, data_label=lab.id)} tabindex="0">{chip}'
                f'{esc(lab.id)}</th><td class="num">{_pole(lab.pole)}</td><td dir="ltr">{esc(lab.frame)}</td>'
                f'<td dir="ltr">{esc(lab.definition)}</td><td class="terms" dir="rtl" lang="ar">{terms}</td>'
                f'<td class="num">{label_hits.get((c.id, lab.id), 0):,}</td></tr>')
        blocks.append(
            f'<details class="concept{" unused" if not n else ""}" id="legend-{esc(c.id)}">'
            f'<summary><b>{esc(c.id.replace("_", " "))}</b> <span class="axis">'
            f'<span class="neg">{esc(c.negative)}</span> ↔ <span class="pos">{esc(c.positive)}</span></span>'
            f' <small>{len(c.labels)} labels · {n:,} hits</small></summary>'
            f'<p dir="ltr">{esc(c.description)}</p><div class="table"><table class="legend"><thead><tr>'
            f'<th scope="col">label</th><th scope="col">pole</th><th scope="col">frame</th>'
            f'<th scope="col">definition</th><th scope="col">terms (Arabic)</th><th scope="col">hits</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div></details>')
    return "".join(blocks)
