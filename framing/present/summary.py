"""Plain-text summaries of result tables for the terminal."""

from __future__ import annotations

from typing import Any

__all__ = ["format_summary"]


def format_summary(groups: Any, *, max_groups: int = 8) -> str:
    """A compact text summary of a ``groups`` table from :func:`framing.score`.

    First one line per group (documents, tokens, hits per 1,000 tokens), then
    for each concept the share of its hits that each label takes in each
    group (percent; ``.`` where the group never mentions the concept).
    """
    if groups.empty:
        return "no documents."
    names = list(dict.fromkeys(groups["group"]))[:max_groups]
    width = max(8, *(len(str(g)) for g in names)) + 1
    overview = groups.groupby("group", sort=False).agg(
        n_docs=("n_docs", "first"), n_tokens=("n_tokens", "first"), hits=("hits", "sum"))
    rows = []
    for g in names:
        row = overview.loc[g]
        rate = 1000 * row.hits / row.n_tokens if row.n_tokens else float("nan")
        rows.append((str(g), f"{row.n_docs:,}", f"{row.n_tokens:,}", f"{row.hits:,}", f"{rate:.2f}"))
    # each column at least as wide as its largest value and a space, so numbers never run together
    widths = [max(default, *(len(r[k]) + 1 for r in rows))
              for k, default in ((1, 8), (2, 12), (3, 8), (4, 8))]
    heads = ("docs", "tokens", "hits", "per 1k")
    lines = [f"{'group':<{width}}" + "".join(f"{h:>{w}}" for h, w in zip(heads, widths, strict=True))]
    lines.extend(f"{r[0]:<{width}}" + "".join(f"{v:>{w}}" for v, w in zip(r[1:], widths, strict=True))
                 for r in rows)
    lines.append("")
    lines.append("share of each concept's hits by label (%)")
    label_width = max(len(f"{c}:{lab}") for c, lab in zip(groups["concept"], groups["label"],
                                                           strict=True)) + 1
    lines.append(f"{'concept:label':<{label_width}}{'pole':>5} " +
                 "".join(f"{str(g)[:width - 1]:>{width}}" for g in names))
    for (concept, label), rows in groups.groupby(["concept", "label"], sort=False):
        if rows["hits"].sum() == 0:
            continue
        by_group = rows.set_index("group")["share_within_concept"]
        cells = "".join(
            f"{'.' if by_group.get(g) != by_group.get(g) else f'{100 * by_group.get(g):.0f}':>{width}}"
            for g in names
        )
        lines.append(f"{concept + ':' + label:<{label_width}}{int(rows['pole'].iloc[0]):>+5} {cells}")
    if len(set(groups["group"])) > max_groups:
        lines.append(f"(first {max_groups} groups shown; see groups.csv for all)")
    return "\n".join(lines)
