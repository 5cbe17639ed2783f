"""Rendering a :class:`~framing.present.report.Report` as one self-contained HTML page.

The page reads top-down: what it shows and how to read it, the key findings
(each linked to its evidence), the stance heatmap, the lexicon, then the
tables (shares, rates, tests), trends, voice, discovered terms, corpus,
figures and methods. Its script and style come from ``static/`` and are
inlined with the data (:mod:`framing.present.payload`): the page loads
nothing from anywhere, and works from ``file://``.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from .colours import label_colours
from .findings import Finding
from .html_sections import corpus_section, methods_section, same_story_section, trends_section, voice_section
from .html_tables import attrs, esc, heatmap, legend, pivot, table, text_attrs
from .model import Report
from .payload import build_payload

__all__ = ["render_html"]

_AR = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff"
# a «quotation» holding Arabic, or a run of Arabic words
_ARABIC_RUN = re.compile(f"«[^»]*[{_AR}][^»]*»|[{_AR}][{_AR}\\s]*")
_SECTIONS = [("how", "How to read"), ("findings", "Key findings"), ("stance", "Stance"),
             ("legend", "Lexicon"), ("shares", "Label shares"), ("rates", "Rates"),
             ("pairwise", "Tests"), ("trends", "Trends"), ("voice", "Voice"),
             ("same-story", "Same story"), ("discovery", "Discovered terms"), ("corpus", "Corpus"),
             ("figures", "Figures"), ("methods", "Methods")]


def _static(name: str) -> str:
    return resources.files("framing.present").joinpath("static", name).read_text(encoding="utf-8")


def _prose(text: str, bold: tuple[str, ...] = ()) -> str:
    """Escaped text: each «quotation» or run of Arabic isolated right to left, ``bold`` names in bold."""
    out, last = [], 0
    for m in _ARABIC_RUN.finditer(text):
        run = m.group().rstrip()
        out.append(_bold(text[last:m.start()], bold))
        out.append(f'<bdi dir="rtl" lang="ar">{esc(run)}</bdi>')
        last = m.start() + len(run)
    out.append(_bold(text[last:], bold))
    return "".join(out)


def _bold(text: str, names: tuple[str, ...]) -> str:
    if not names:
        return esc(text)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return "".join(f"<b>{esc(part)}</b>" if i % 2 else esc(part)
                   for i, part in enumerate(pattern.split(text)))


def _finding(f: Finding) -> str:
    label = attrs(data_concept=f.concept, data_label=f.label or None, data_groups="|".join(f.groups))
    anchor = "stance" if f.kind == "stance" else f"shares-{f.concept}"
    return (f'<li class="finding {f.kind}">{_prose(f.sentence, f.groups)} <a href="#" class="evidence"'
            f'{label}>read the lines</a> · <a href="#{esc(anchor)}">table</a></li>')


def _voice_words(voice: str) -> str:
    return {"own": "the outlet's own narration, not the words it quotes or reports",
            "quoted": "only the words the outlet quotes", "reported": "only reported speech",
            "all": "every hit, whoever speaks"}.get(voice, voice)


def _how(report: Report, few: tuple[int, int]) -> str:
    s = report.settings
    return f"""<section id="how"><h2>What this shows and how to read it</h2>
<p>The report counts, for each group of documents ({esc(s['by'])}), how often it uses each label of the
lexicon <b>{esc(s['lexicon'])}</b>. A <b>concept</b> is a referent (foreign troops, the dead, …); its
<b>labels</b> are competing ways to name it, each at a <b>pole</b> of the concept's own axis: −1 at the
negative end (e.g. <i>delegitimising</i>), 0 neutral, +1 at the positive end. The poles describe the
wording, not the truth of it.</p>
<ul>
<li><b>Stance</b>: the mean pole of a group's hits of a concept, from −1 to +1.
<b>Share</b>: the part of the concept's hits that one label takes.</li>
<li><b>[brackets]</b>: 95% intervals from resampling whole documents ({s['bootstrap_resamples']:,}
bootstrap resamples), so repeated wording within one article is not mistaken for precision.</li>
<li><b>q</b>: a permutation-test p-value adjusted for the number of tests (false discovery rate);
q &lt; 0.05 is the usual bar. <b>Cohen's h</b>: the size of a difference (0.2 small, 0.5 medium,
0.8 large).</li>
<li><span class="few-sample">Hatched, grey</span> cells have <b>too few hits</b> (fewer than
{s['min_hits']}, or all from one document): a point estimate, no interval, no test.</li>
<li>Counts use the <b>{esc(s['voice'])}</b> voice ({_voice_words(s['voice'])}); the explorer shows
every voice, marked.</li>
<li><b>Click</b> any label, table cell, heatmap cell or discovered term to read its concordance lines;
click a line to read the whole document with every hit marked.</li>
</ul>
<p class="note">Cells with a hit: {few[1]:,}; with too few hits: {few[0]:,}.</p></section>"""


def _banner(report: Report) -> str:
    few, total = report.summary["few_cells"]
    if total and few / total > 0.5:
        return (f'<div class="banner" role="note"><b>Illustrative only.</b> {few:,} of {total:,} group × '
                f"concept cells with a hit have too few hits (fewer than {report.settings['min_hits']}, or "
                "all in one document): they show a point estimate without an interval or a test. Read "
                "these numbers as a demonstration of the method, not as findings about the outlets; a "
                "larger corpus (or --min-hits, with care) is needed for claims.</div>")
    return ""


def _findings(report: Report) -> str:
    items = "".join(_finding(f) for f in report.findings)
    tested = report.tables["pairwise"]["q_value"].notna().sum()
    contrasts = len(report.tables["share_tests"])
    if not items:
        items = (f"<li>No stance difference ({tested:,} tests) and no label-share contrast ({contrasts:,} "
                 "tests) reaches q &lt; 0.05. Differences may still exist: too few hits give wide "
                 "intervals.</li>")
    return (f'<section id="findings"><h2>Key findings</h2><p class="note">Generated from the tables: '
            f"the largest stance differences with q &lt; 0.05 ({tested:,} pairwise tests) and label-share "
            f"contrasts with q &lt; 0.05 ({contrasts:,} tests), one per concept, largest effect first."
            f"</p><ul>{items}</ul></section>")


def _shares(report: Report, colours: dict[Any, str]) -> str:
    shares = report.tables["shares"]
    totals = shares.groupby("concept", sort=False)["hits"].sum()
    used = [c for c in totals.sort_values(ascending=False, kind="stable").index if totals[c] > 0]
    blocks = []
    for i, concept in enumerate(used):
        c = report.lexicon.concept(concept)
        body = pivot(shares, report.lexicon, concept, value="share", fmt=".0f", colours=colours,
                      percent=True)
        blocks.append(f'<div class="block{" more" if i >= 6 else ""}" id="shares-{esc(concept)}">'
                      f'<h3{attrs(data_concept=concept)}>{esc(concept.replace("_", " "))} '
                      f'<small class="axis">'
                      f'{esc(c.negative)} ↔ {esc(c.positive)} · {int(totals[concept]):,} hits</small></h3>'
                      f"{body}</div>")
    more = (f'<button type="button" class="show-all">show all {len(used)} concepts</button>'
            if len(used) > 6 else "")
    unused = len(totals) - len(used)
    tests = report.tables["share_tests"].sort_values("q_value")
    cols = ["concept", "label", "groups_tested", "group_high", "share_high", "group_low", "share_low",
            "range", "p_value", "q_value"]
    return (f'<section id="shares"><h2>Label shares within each concept</h2><p>Percent of the '
            f"concept's hits (in each column: one group) that each label takes, with 95% intervals "
            f"and the concept's hits in small print. Labels without hits are hidden; {unused} concepts "
            f'without hits are left out (see the lexicon).</p>{"".join(blocks)}{more}'
            f"<h3>Label-share contrasts</h3><p>For each label, the range of its share across the groups "
            f"with enough hits, tested by shuffling documents between groups (see methods).</p>"
            f"{table(tests, columns=cols, show=15) if len(tests) else _NO_TESTS}"
            "</section>")


_NO_TESTS = '<p class="note">No concept has two groups with enough hits.</p>'


def _rates(report: Report) -> str:
    rates = report.tables["rates"]
    wide = rates[rates.groupby(["concept", "label"])["hits"].transform("sum") > 0].copy()
    wide["label "] = wide["concept"] + ":" + wide["label"]
    pivoted = wide.pivot_table(index="label ", columns="group", values="rate_per_1k_tokens", sort=False)
    pivoted = pivoted.reindex(pivoted.mean(axis=1).sort_values(ascending=False).index).reset_index()
    return (f'<section id="rates"><h2>Rates per 1,000 tokens</h2><p>Hits of each label per 1,000 '
            f"words of the group, labels with a hit only (intervals in <code>rates.csv</code>).</p>"
            f"{table(pivoted.round(3), show=25)}</section>")


def _pairwise(report: Report) -> str:
    pw = report.tables["pairwise"]
    tested = pw[pw["q_value"].notna()].sort_values(["q_value", "concept"])
    cols = ["concept", "group_a", "group_b", "stance_a", "stance_b", "difference", "ci_low", "ci_high",
            "p_value", "q_value", "cohens_h", "hits_a", "hits_b"]
    return (f'<section id="pairwise"><h2>Pairwise stance tests</h2><p>Difference in stance between two '
            f"groups (A − B) with its 95% interval; p: permutation test (group labels shuffled over "
            f"documents); q: Benjamini–Hochberg over all {len(tested):,} tests; Cohen's h on the stances "
            f"rescaled to [0, 1]. {len(pw) - len(tested):,} pairs with too few hits are not tested.</p>"
            f"{table(tested, columns=cols, show=20)}</section>")


def _discovery(report: Report) -> str:
    d = report.tables["discovered"]
    s = report.settings
    if not len(d):
        notes = " ".join(esc(n) for n in report.data.notes if n.startswith("No discovered"))
        return (f'<section id="discovery"><h2>Discovered terms</h2><p class="note">{notes or "No terms."}'
                "</p></section>")
    top = int(re.search(r"top (\d+)", s["discovery"]).group(1))  # type: ignore[union-attr]
    min_count = re.search(r"min_count (\d+)", s["discovery"]).group(1)  # type: ignore[union-attr]
    cards = []
    for group, rows in d.groupby("group", sort=False):
        strong = int((rows["z"] >= 1.96).sum())
        why = (f"Only {len(rows)} n-grams occur at least {min_count} times (--min-count) in the compared "
               "documents, so the list stops there. " if len(rows) < top else "")
        why += (f"{strong} of {len(rows)} have z ≥ 1.96." if strong < len(rows) else "")
        body = []
        for r in rows.itertuples(index=False):
            known = "".join(f'<span{attrs(data_concept=c, data_label=lab)}>{esc(c)}:{esc(lab)}</span> '
                            for c, _, lab in (k.partition(":") for k in str(r.in_lexicon or "").split(";"))
                            if lab)
            term = attrs(data_term=r.term, data_group=group)
            body.append(f'<tr><td{text_attrs(r.term)}{term} tabindex="0">'
                        f'{esc(r.term)}</td><td class="num" data-sort="{r.z}">{r.z:.1f}</td>'
                        f'<td class="num">{r.count_group:,}</td><td class="num">{r.count_rest:,}</td>'
                        f"<td>{known}</td></tr>")
        cards.append(f'<div class="card"><h3{text_attrs(group)}>{esc(group)}</h3>'
                     f'{f"<p class=note>{esc(why)}</p>" if why else ""}<table class="sortable terms">'
                     f"<thead><tr><th>term</th><th>z</th><th>here</th><th>rest</th><th>lexicon</th></tr>"
                     f'</thead><tbody>{"".join(body)}</tbody></table></div>')
    return (f'<section id="discovery"><h2>Discovered terms</h2><p>Words and phrases (1–3-grams of '
            f"normalised, clitic-stripped words) that set each group apart from the rest: log-odds ratio "
            f"with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008) as a z-score; "
            f"|z| ≥ 1.96 is roughly p &lt; 0.05 for one term (no correction for the many terms). "
            f"<i>lexicon</i> names the labels that cover a term; empty: a candidate the lexicon lacks. "
            f'Click a term for its lines in every group.</p><div class="cards">{"".join(cards)}</div>'
            "</section>")


def _figures_section(figures: dict[str, tuple[str, list[str]]], href: str) -> str:
    items = []
    for name, (uri, files) in figures.items():
        links = " · ".join(f'<a href="{esc(href)}/{esc(f)}">{esc(f.rsplit(".", 1)[1])}</a>' for f in files)
        items.append(f'<figure><img loading="lazy" alt="{esc(name)}" src="{uri}"><figcaption>'
                     f"{esc(name.replace('_', ' '))} · {links}</figcaption></figure>")
    return (f'<section id="figures"><h2>Figures for papers</h2><p>PNG (300 dpi), SVG and PDF in '
            f'<code>{esc(href)}/</code>.</p><details><summary>show {len(figures)} figures</summary>'
            f'<div class="figs">{"".join(items)}</div></details></section>')


def render_html(report: Report, *, tables_href: str = "tables", figures_href: str = "figures",
                figures: dict[str, tuple[str, list[str]]] | None = None) -> str:
    """The report as one self-contained HTML page (a string).

    Parameters
    ----------
    report : Report
    tables_href, figures_href : str
        The folders of the CSV tables and figure files, relative to the page.
    figures : dict, optional
        ``name → (data URI of a PNG, [file names])``.
    """
    lex = report.lexicon
    labels = sorted(lex.labels, key=lambda lab: lab.pole)
    colours = label_colours((lab.concept, lab.id, lab.pole) for lab in labels)
    stance = report.tables["stance"]
    groups = sorted(set(stance["group"]))
    shares = report.tables["shares"]
    concept_hits = shares.groupby("concept")["hits"].sum().to_dict()
    label_hits = report.data.hit_counts.groupby(["concept", "label"])["hits"].sum().to_dict()
    payload = build_payload(report.data, lex, report.tables["trends"], colours, groups=groups,
                            title=report.title)
    s = report.summary
    dates = f"{s['first_date']} to {s['last_date']}" if s["first_date"] else "no dates"
    nav = "".join(f'<a href="#{k}">{v}</a>' for k, v in _SECTIONS
                  if k != "same-story" or "same_story" in report.tables)
    chunks = "".join(f'<script type="application/octet-stream" id="fd-{i}">{c}</script>'
                     for i, c in enumerate(payload.chunks))
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(report.title)}</title><style>{_static('report.css')}</style></head><body>",
        f'<header class="top"><h1>{esc(report.title)}</h1><p class="lede">{s["documents"]:,} documents in '
        f"{s['groups']:,} groups ({esc(dates)}), {s['tokens']:,} words; {s['hits']:,} hits of the lexicon "
        f"{esc(report.settings['lexicon'])} counted ({esc(report.settings['voice'])} voice; "
        f"{s['all_hits']:,} in every voice).</p><nav>{nav}</nav></header><main>",
        _banner(report),
        *(f'<p class="note">{esc(n)}</p>' for n in report.notes),
        _how(report, s["few_cells"]),
        _findings(report),
        f'<section id="stance"><h2>Stance by group and concept</h2><p>Mean pole of each group\'s hits of '
        f"each concept (−1 red … +1 blue on the concept's own axis, named under it), its 95% interval, or "
        f"the number of hits where there are too few (hatched). Click a cell for its lines; a column head "
        f"sorts.</p>{heatmap(stance, lex)}"
        f'<button type="button" class="show-empty">show concepts without hits</button></section>',
        f'<section id="legend"><h2>The lexicon</h2><p>{esc(lex.description)}</p>'
        f"{legend(lex, colours, concept_hits, label_hits)}</section>",
        _shares(report, colours),
        _rates(report),
        _pairwise(report),
        trends_section(report),
        voice_section(report),
        same_story_section(report),
        _discovery(report),
        corpus_section(report, tables_href),
        _figures_section(figures or {}, figures_href),
        methods_section(report),
        "</main>",
        _static("explorer.html"),
        f'<script type="application/octet-stream" id="fd-main">{payload.main}</script>{chunks}',
        f"<script>{_static('explorer.js')}</script></body></html>",
    ]
    return "\n".join(parts)

