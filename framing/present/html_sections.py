"""The report's later sections: trends, voice, corpus and methods (see :mod:`framing.present.html`)."""

from __future__ import annotations

from .html_tables import cell, esc, table
from .model import Report

__all__ = ["corpus_section", "methods_section", "same_story_section", "trends_section", "voice_section"]

REFERENCES = (
    "Efron, B. &amp; Tibshirani, R. J. (1993). <i>An Introduction to the Bootstrap</i>. Chapman &amp; Hall.",
    "Field, C. A. &amp; Welsh, A. H. (2007). Bootstrapping clustered data. <i>JRSS B</i> 69(3), 369–390.",
    "Phipson, B. &amp; Smyth, G. K. (2010). Permutation p-values should never be zero. <i>SAGMB</i> 9(1).",
    "Benjamini, Y. &amp; Hochberg, Y. (1995). Controlling the false discovery rate. <i>JRSS B</i> 57(1).",
    "Cohen, J. (1988). <i>Statistical Power Analysis for the Behavioral Sciences</i>, 2nd ed.",
    "Monroe, B. L., Colaresi, M. P. &amp; Quinn, K. M. (2008). Fightin' words. <i>Political Analysis</i> "
    "16(4), 372–403.",
    "Vitter, J. S. (1985). Random sampling with a reservoir. <i>ACM TOMS</i> 11(1), 37–57.",
)


def trends_section(report: Report) -> str:
    """Controls for the script's small multiples (one panel per group) of one concept's label shares."""
    trends = report.tables["trends"]
    time = report.settings["time"]
    undated = trends.attrs.get("undated", 0)
    periods = sorted(set(trends["period"])) if len(trends) else []
    intro = (f"<p>Share of each label in the concept's hits, per {esc(time)} and group, with 95% "
             "intervals (document bootstrap) as bands; open circles: too few hits for an interval. "
             "Click a label in the legend for its lines.</p>")
    if len(periods) < 2:
        note = ("the corpus has no usable dates" if not periods
                else f"all dated documents fall in one {time} ({esc(periods[0])})")
        return (f'<section id="trends"><h2>Trends</h2>{intro}<p class="note">No trend to draw: {note}. '
                f"Try --time week, or --date-col to name the date column.</p></section>")
    hits = trends.groupby("concept", sort=False)["hits"].sum().sort_values(ascending=False)
    options = "".join(f'<option value="{esc(c)}">{esc(c.replace("_", " "))} ({int(n):,} hits)</option>'
                      for c, n in hits.items() if n > 0)
    left_out = f" {undated:,} undated documents are left out." if undated else ""
    return (f'<section id="trends"><h2>Trends by {esc(time)}</h2>{intro}<p class="note">{len(periods)} '
            f"periods, {esc(periods[0])} to {esc(periods[-1])}.{left_out}</p>"
            f'<label>concept <select id="trend-concept">{options}</select></label> '
            f'<label><input type="checkbox" id="trend-bands" checked> intervals</label>'
            '<div id="trend-legend" class="chips"></div><div id="trend-panels" class="panels"></div>'
            "</section>")


def voice_section(report: Report) -> str:
    """Whose words the hits are: per group, the shares of own, quoted and reported voice."""
    voice = report.tables["voice"]
    body = []
    for r in voice.itertuples(index=False):
        bar = "".join(f'<span class="vb-{k}" style="flex-grow:{share:.4f}" title="{k} {100 * share:.0f}%">'
                      f"</span>" for k, share in (("own", r.own_share), ("quoted", r.quoted_share),
                                                  ("reported", r.reported_share)) if share == share)
        shares = "".join(f'<td class="num" data-sort="{x}">{_percent(x)}</td>' for x in
                         (r.own_share, r.quoted_share, r.reported_share, r.scare_quoted_share))
        body.append(f"<tr>{cell(r.group, tag='th')}{cell(int(r.hits))}{shares}"
                    f'<td class="bar"><div>{bar}</div></td></tr>')
    return ('<section id="voice"><h2>Voice: whose words the hits are</h2><p>Of every hit of the lexicon '
            "in each group (whatever the counted voice): the share in the outlet's <b>own</b> narration, "
            "<b>quoted</b> speech (inside quotation marks of a speaker) and <b>reported</b> speech "
            "(indirect, after قال … أنّ), and the share inside <b>scare quotes</b> (one to three quoted "
            "words that quote nobody: «التحالف»). A loaded term in quoted speech is someone else's "
            'choice. The explorer\'s voice filter shows them.</p><div class="table"><table class="sortable">'
            "<thead><tr><th>group</th><th>hits</th><th>own</th><th>quoted</th><th>reported</th>"
            f'<th>scare-quoted</th><th>split</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>'
            "</section>")


def same_story_section(report: Report) -> str:
    """For the stories most outlets covered: the labels each outlet chose, linked to the texts."""
    if "same_story" not in report.tables:
        return ""
    table = report.tables["same_story"]
    intro = ("<p>The same event, told by several outlets: for the stories covered by the most outlets "
             "(<code>framing stories</code>: articles a few days apart that share their content words), "
             "the labels each outlet chose for each concept, in the counted voice. Click a document to "
             "read it (a long id is shown by number; hover for it). Agenda aside (which events an "
             "outlet covers), this is framing: the same event, other words.</p>")
    if not len(table):
        return (f'<section id="same-story"><h2>Same story, different words</h2>{intro}<p class="note">No '
                "story covered by two or more outlets has a lexicon hit.</p></section>")
    body = []
    for sid, part in table.groupby("story_id", sort=False):
        n_outlets = int(part["n_outlets"].iloc[0])
        for k, r in enumerate(part.itertuples(index=False)):
            head = (f'<th rowspan="{len(part)}" scope="rowgroup">story {esc(str(sid))}<br>'
                    f"{n_outlets} outlets</th>" if k == 0 else "")
            ids = [d for d in str(r.doc_ids).split(";") if d]
            docs = " ".join(f'<a href="#" data-open-doc="{esc(d)}" title="{esc(d)}">'
                            f"{esc(d) if len(d) <= 16 else j + 1}</a>" for j, d in enumerate(ids))
            body.append(f"<tr>{head}{cell(r.concept)}{cell(r.outlet)}{cell(r.labels)}{cell(int(r.hits))}"
                        f'<td class="docs" dir="ltr">{docs}</td></tr>')
    return (f'<section id="same-story"><h2>Same story, different words</h2>{intro}<div class="table">'
            "<table><thead><tr><th>story</th><th>concept</th><th>outlet</th><th>labels (hits)</th>"
            f'<th>hits</th><th>documents</th></tr></thead><tbody>{"".join(body)}</tbody></table></div>'
            "</section>")


def _percent(x: float) -> str:
    return "" if x != x else f"{100 * x:.1f}%"


def corpus_section(report: Report, tables_href: str) -> str:
    """The documents of each group, what was read and skipped, the CSV files."""
    s = report.summary
    links = " · ".join(f'<a href="{esc(tables_href)}/{esc(n)}.csv">{esc(n)}.csv</a>' for n in report.tables)
    return (f'<section id="corpus"><h2>Corpus</h2><p dir="ltr">{esc(s["read"])} Skipped rows: '
            f"{s['skipped']:,}; documents without a usable date: {s['undated']:,}.</p>"
            f"{table(report.tables['corpus'], show=50)}<p>Every table as CSV: {links}.</p></section>")


def methods_section(report: Report) -> str:
    """Every setting, seed and version, and how the lines were sampled; the references."""
    rows = "".join(f'<tr><th scope="row">{esc(k)}</th>{cell(str(v))}</tr>'
                   for k, v in report.settings.items())
    cells = report.tables["cells"]
    labels = cells[cells["kind"] == "label"]
    cut = int(labels["cut"].sum())
    s = report.data.settings
    budget = (f" The text budget ran out: {cut:,} of {len(labels):,} label × group cells show fewer lines "
              f"than they sampled (raise --max-text-chars for more, lower --max-contexts for a smaller "
              "page)." if cut else "")
    return (f'<section id="methods"><h2>Methods and reproducibility</h2>'
            f"<p>Concordance lines are a seeded random sample (reservoir sampling) of the hits, in every "
            f"voice: up to {s['max_contexts']:,} per label × group (--max-contexts) and "
            f"{s['max_term_contexts']:,} per discovered term × group. The page holds the full texts of the "
            f"{len(report.data.shown):,} documents they come from ({s['text_chars']:,} characters; budget "
            f"{s['max_text_chars']:,}, --max-text-chars).{budget} <code>contexts.csv</code> lists every "
            f"line shown; <code>cells.csv</code> the hits and lines of each cell.</p>"
            f"<p><b>Label-share contrasts.</b> For each label, the statistic is the range of its share "
            f"across the groups with enough hits of its concept; documents that mention the concept are "
            f"shuffled between those groups (each keeps its number of documents) "
            f"{report.settings['permutations']:,} times; p = (1 + #(range* ≥ range)) / (1 + permutations); "
            f"q: Benjamini–Hochberg over every label tested.</p>"
            f'<div class="table"><table class="settings">{rows}</table></div><h3>References</h3><ul>'
            + "".join(f"<li>{r}</li>" for r in REFERENCES) + "</ul></section>")

