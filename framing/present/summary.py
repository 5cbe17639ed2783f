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
    lines = [f"{'group':<{width}}{'docs':>8}{'tokens':>12}{'hits':>8}{'per 1k':>8}"]
    for g in names:
        row = overview.loc[g]
        rate = 1000 * row.hits / row.n_tokens if row.n_tokens else float("nan")
        lines.append(f"{g!s:<{width}}{row.n_docs:>8,}{row.n_tokens:>12,}{row.hits:>8,}{rate:>8.2f}")
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
