"""``framing report``: one self-contained HTML page from a corpus.

The page holds a corpus summary, the stance, share, rate and pairwise tables
with their intervals, the discovered terms, KWIC examples per label for
validation, the figures (embedded as PNG, no network needed) and a methods
section with every parameter, seed and package version, so that the analysis
can be reproduced. Every table is also written as CSV, and every figure as
PNG (300 dpi), SVG and PDF, in folders beside the page.

Data flows one way: :func:`build_report` computes (reading the corpus three
times: counting, concordance, discovery) and returns a :class:`Report`;
:func:`write_report` renders and writes it.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import io
import platform
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ..count.hits import iter_hits
from ..io.corpus import Corpus, Document, as_corpus
from ..lexicon.model import Lexicon
from ..match.matcher import Matcher

__all__ = ["Report", "build_report", "write_report"]

@dataclass
class Report:
    """Everything a report shows: tables (DataFrames), figures (matplotlib figures), metadata."""

    title: str
    tables: dict[str, Any]
    figures: dict[str, Any]
    summary: dict[str, Any]
    settings: dict[str, Any]
    kwic: Any
    notes: list[str] = field(default_factory=list)


def _tap(corpus: Corpus, dates: dict[str, str | None]) -> Iterator[Document]:
    for doc in corpus:
        dates[doc.doc_id] = doc.date
        yield doc


def _sample_kwic(hits: Iterator[dict[str, Any]], per_label: int, seed: int) -> Any:
    """A seeded reservoir sample of ``per_label`` hits for each concept × label."""
    import pandas as pd

    rng = random.Random(seed)
    reservoirs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    seen: dict[tuple[str, str], int] = {}
    counts_by_doc: dict[str, dict[str, int]] = {}
    for hit in hits:
        key = (hit["concept"], hit["label"])
        n = seen[key] = seen.get(key, 0) + 1
        bucket = reservoirs.setdefault(key, [])
        if len(bucket) < per_label:
            bucket.append(hit)
        else:
            j = rng.randrange(n)
            if j < per_label:
                bucket[j] = hit
        if hit.get("voice", "own") == "own":
            row = counts_by_doc.setdefault(hit["doc_id"], {})
            name = f"{hit['concept']}:{hit['label']}"
            row[name] = row.get(name, 0) + 1
    rows = [h for key in sorted(reservoirs) for h in reservoirs[key]]
    return pd.DataFrame(rows), counts_by_doc


def build_report(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: dict[str, str] | None = None,
    voice: str = "own",
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    min_hits: int = 10,
    top_terms: int = 15,
    kwic_per_label: int = 3,
    title: str | None = None,
    show_progress: bool | None = None,
) -> Report:
    """Compute every table and figure of the report.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        Default: the bundled ``arabic-conflict`` lexicon.
    by, groups, voice
        As for :func:`framing.score` and :func:`framing.compare`.
    n_boot, n_perm, seed, min_hits
        As for :func:`framing.compare` (document-level bootstrap, permutation
        tests, seed, the "too few hits" threshold).
    top_terms : int
        Discovered terms shown per group.
    kwic_per_label : int
        Concordance lines sampled (seeded) per label for validation.

    Returns
    -------
    Report
    """

    from ..analysis.comparison import compare_documents
    from ..analysis.discovery import discover
    from ..count.scoring import score

    corpus = as_corpus(corpus)
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    lex = matcher.lexicon
    documents, group_table = score(corpus, matcher, by=by, groups=groups, voice=voice,
                                   show_progress=show_progress)
    read_report = corpus.report
    group_col = "group" if "group" in documents.columns else "outlet"
    result = compare_documents(documents, matcher, group_col=group_col, n_boot=n_boot,
                               n_perm=n_perm, seed=seed, min_hits=min_hits)
    dates: dict[str, str | None] = {}
    kwic, counts_by_doc = _sample_kwic(
        iter_hits(as_corpus(_tap(corpus, dates)), matcher, window=70, show_progress=show_progress),
        kwic_per_label, seed)
    discovered = discover(corpus, by=by, groups=groups, top=top_terms, lexicon=matcher,
                          show_progress=show_progress)
    tables = {"groups": group_table, **result.tables, "discovered": discovered, "kwic": kwic}

    per_group = documents.groupby(group_col).agg(documents=("doc_id", "size"),
                                                 tokens=("n_tokens", "sum")).reset_index()
    per_group = per_group.rename(columns={group_col: "group"})
    if "scare_quote_rate" in group_table.columns:
        extra = group_table.groupby("group", sort=False)["scare_quote_rate"].first()
        per_group["scare_quote_rate"] = per_group["group"].map(extra)
    tables["corpus"] = per_group
    known_dates = sorted(d[:10] for d in dates.values() if d)
    summary = {
        "documents": len(documents),
        "tokens": int(documents["n_tokens"].sum()),
        "groups": int(per_group.shape[0]),
        "outlets": int(documents["outlet"].nunique()),
        "first_date": known_dates[0] if known_dates else "",
        "last_date": known_dates[-1] if known_dates else "",
        "undated": int(sum(1 for d in dates.values() if not d)),
        "read": read_report.summary() if read_report else "",
        "skipped": int(read_report.skipped) if read_report else 0,
        "hits": int(group_table["hits"].sum()),
    }

    figures = _figures(result, group_table, discovered, counts_by_doc, dates, lex, top_terms)
    settings = {
        "corpus": corpus.name, "lexicon": f"{lex.name} {lex.version}".strip(),
        "lexicon_source": lex.source, "by": by, "groups": "yes" if groups else "no",
        "voice": voice, "bootstrap_resamples": n_boot, "permutations": n_perm, "seed": seed,
        "min_hits": min_hits, "interval": "95% percentile, document-level (cluster) bootstrap",
        "multiple_testing": "Benjamini-Hochberg over all pairwise tests",
        "normaliser": repr(matcher.normalizer), "min_stem": matcher.min_stem,
        "discovery": f"log-odds with informative Dirichlet prior (Monroe et al. 2008), top {top_terms}",
        "kwic_sample": f"{kwic_per_label} per label, seeded reservoir sample (seed {seed})",
        "generated": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0].endswith("framing") else "",
        **{f"version {p}": _version(p) for p in ("framing", "camel-tools", "numpy", "pandas",
                                                 "scipy", "scikit-learn", "matplotlib")},
    }
    notes = list(read_report.notes) if read_report else []
    if dates and summary["undated"] == len(dates):
        notes.append("no dates in the corpus: the over-time figure is omitted.")
    return Report(title or f"framing report: {corpus.name}", tables, figures, summary, settings,
                  kwic, notes)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _figures(result: Any, group_table: Any, discovered: Any, counts_by_doc: dict[str, dict[str, int]],
             dates: dict[str, str | None], lex: Lexicon, top: int) -> dict[str, Any]:
    import pandas as pd

    from . import plot

    figures: dict[str, Any] = {}
    figures["stance"] = plot.plot_stance(result.stance).figure
    # shares: the concepts with most hits, one panel each
    totals = result.shares.groupby("concept")["hits"].sum().sort_values(ascending=False)
    for concept in totals.index[:4]:
        if totals[concept] > 0:
            figures[f"shares_{concept}"] = plot.plot_shares(result.shares, concept).figure
    figures["rates"] = plot.plot_rates(result.rates, value="rate_per_1k", top=12).figure
    for group in list(dict.fromkeys(discovered["group"]))[:6]:
        figures[f"discovery_{group}"] = plot.plot_discovery(discovered, group=group,
                                                            top=min(top, 15)).figure
    dated = {d: v for d, v in dates.items() if v}
    if dated and counts_by_doc:
        docs = pd.DataFrame.from_dict(counts_by_doc, orient="index").fillna(0)
        docs["date"] = [dates.get(i) for i in docs.index]
        docs = docs.dropna(subset=["date"])
        months = pd.to_datetime(docs["date"], errors="coerce").dt.to_period("M").nunique()
        if months >= 2 and len(totals):
            concept = totals.index[0]
            if any(c.startswith(f"{concept}:") for c in docs.columns):
                figures[f"time_{concept}"] = plot.plot_shares_over_time(docs, concept).figure
    return figures


# ----------------------------------------------------------------------------
# HTML
# ----------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0;color:#222;background:#fafafa}
main{max-width:1100px;margin:auto;padding:1rem 1.5rem 4rem;background:#fff}
h1{font-size:1.6rem}h2{border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}
nav a{margin-right:1rem}
.table{overflow-x:auto;margin:.6rem 0 1.2rem}
table{border-collapse:collapse;font-size:.85rem}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;position:sticky;top:0}
td.num{text-align:right;font-variant-numeric:tabular-nums}
[lang=ar]{font-family:"Noto Naskh Arabic","Amiri","DejaVu Sans",serif;font-size:1.05em}
td[dir=rtl]{text-align:right}
figure{margin:1rem 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.85rem;color:#555}
.kwic td.l{text-align:left}.kwic td.m{font-weight:bold;background:#fff3c4;text-align:center}
.kwic td.r{text-align:right}
.note{background:#f6f8fa;border-left:4px solid #8aa;padding:.4rem .8rem;font-size:.9rem}
dl.summary{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}
dl.summary dt{font-weight:bold}
.few{color:#999}
"""


def _is_arabic(value: Any) -> bool:
    return isinstance(value, str) and any("\u0600" <= ch <= "\u06ff" for ch in value)


def _cell(value: Any, *, cls: str = "") -> str:
    import math

    if isinstance(value, bool):
        return f"<td>{'yes' if value else ''}</td>"
    if isinstance(value, float):
        text = "" if math.isnan(value) else (f"{value:.3g}" if abs(value) < 1e-3 and value else
                                             f"{value:,.3f}")
        return f'<td class="num">{text}</td>'
    if isinstance(value, int):
        return f'<td class="num">{value:,}</td>'
    text = html.escape("" if value is None else str(value))
    if _is_arabic(value):
        return f'<td dir="rtl" lang="ar"{f" class={cls!r}" if cls else ""}>{text}</td>'
    return f"<td{f' class={cls!r}' if cls else ''}>{text}</td>"


def _table(frame: Any, *, max_rows: int = 400) -> str:
    import numpy as np

    if frame is None or len(frame) == 0:
        return '<p class="note">No rows.</p>'
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    few = "too_few_hits" in frame.columns
    for rec in frame.head(max_rows).itertuples(index=False):
        cells = "".join(_cell(v.item() if isinstance(v, np.generic) else v) for v in rec)
        marker = ' class="few"' if few and bool(rec.too_few_hits) else ""
        rows.append(f"<tr{marker}>{cells}</tr>")
    more = (f'<p class="note">First {max_rows} of {len(frame):,} rows; the CSV has all.</p>'
            if len(frame) > max_rows else "")
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}' \
           f"</tbody></table></div>{more}"


def _kwic_table(kwic: Any) -> str:
    if kwic is None or len(kwic) == 0:
        return '<p class="note">No hits to show.</p>'
    out = ['<div class="table"><table class="kwic"><thead><tr><th>concept</th><th>label</th>'
           '<th>outlet</th><th>voice</th><th dir="rtl">right context</th><th>match</th>'
           '<th dir="rtl">left context</th><th>doc_id</th></tr></thead><tbody>']
    for rec in kwic.itertuples(index=False):
        voice = getattr(rec, "voice", "")
        if getattr(rec, "scare_quoted", False):
            voice = f"{voice}, scare-quoted"
        # In right-to-left reading order the text BEFORE the match stands to its right.
        out.append(
            f"<tr><td>{html.escape(rec.concept)}</td><td>{html.escape(rec.label)}</td>"
            f"<td>{html.escape(str(rec.outlet))}</td><td>{html.escape(str(voice))}</td>"
            f'<td dir="rtl" lang="ar" class="r">{html.escape(rec.right)}</td>'
            f'<td dir="rtl" lang="ar" class="m">{html.escape(rec.match)}</td>'
            f'<td dir="rtl" lang="ar" class="l">{html.escape(rec.left)}</td>'
            f"<td>{html.escape(str(rec.doc_id))}</td></tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _png(fig: Any, dpi: int = 130) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


_CAPTIONS = {
    "stance": "Stance index (mean pole of each group's hits of a concept) with 95% document-level "
              "bootstrap intervals. Hatched cells have too few hits for an interval.",
    "rates": "Hits per 1,000 tokens for the most frequent labels, with 95% bootstrap intervals.",
}


def render_html(report: Report, *, tables_dir: str = "", figures_dir: str = "") -> str:
    """The report as one self-contained HTML string."""
    s = report.summary
    t = report.tables
    undated = f" ({s['undated']:,} undated)" if s["undated"] else ""
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(report.title)}</title><style>{_CSS}</style></head><body><main>",
        f"<h1>{html.escape(report.title)}</h1>",
        '<nav><a href="#corpus">Corpus</a><a href="#stance">Stance</a><a href="#shares">Shares</a>'
        '<a href="#rates">Rates</a><a href="#pairwise">Pairwise tests</a>'
        '<a href="#discovery">Discovered terms</a><a href="#kwic">KWIC</a>'
        '<a href="#methods">Methods</a></nav>',
        '<h2 id="corpus">Corpus</h2><dl class="summary">',
        f"<dt>documents</dt><dd>{s['documents']:,}</dd><dt>word tokens</dt><dd>{s['tokens']:,}</dd>",
        f"<dt>outlets</dt><dd>{s['outlets']:,}</dd><dt>groups</dt><dd>{s['groups']:,}</dd>",
        f"<dt>dates</dt><dd>{html.escape(s['first_date'])} – {html.escape(s['last_date'])}"
        f"{undated}</dd>",
        f"<dt>lexicon hits</dt><dd>{s['hits']:,} (voice: {html.escape(report.settings['voice'])})</dd>",
        f"<dt>skipped rows</dt><dd>{s['skipped']:,}</dd><dt>reading</dt><dd>{html.escape(s['read'])}</dd>",
        "</dl>",
    ]
    parts += [f'<p class="note">{html.escape(n)}</p>' for n in report.notes]
    parts.append(_table(t["corpus"]))

    def fig(name: str, caption: str) -> None:
        if name in report.figures:
            alt = html.escape(caption)
            parts.append(f'<figure><img alt="{alt}" src="data:image/png;base64,'
                         f'{_png(report.figures[name])}"><figcaption>{alt}</figcaption></figure>')

    parts.append('<h2 id="stance">Stance by group and concept</h2>')
    parts.append('<p>The stance index is the mean pole (−1, 0, +1 on each concept\'s named axis) '
                 "of a group's hits for the concept. Intervals: 95% percentile intervals of a "
                 "document-level (cluster) bootstrap.</p>")
    fig("stance", _CAPTIONS["stance"])
    parts.append(_table(t["stance"]))
    parts.append('<h2 id="shares">Label shares within each concept</h2>')
    for name in [n for n in report.figures if n.startswith("shares_")]:
        fig(name, f"Share of the concept's hits taken by each label: {name[7:]}.")
    parts.append(_table(t["shares"]))
    parts.append('<h2 id="rates">Rates per 1,000 tokens</h2>')
    fig("rates", _CAPTIONS["rates"])
    parts.append(_table(t["rates"]))
    for name in [n for n in report.figures if n.startswith("time_")]:
        parts.append("<h3>Over time</h3>")
        fig(name, f"Monthly label shares of {name[5:]} (own voice), all groups together.")
    parts.append('<h2 id="pairwise">Pairwise tests</h2>')
    parts.append("<p>Difference in stance between two groups; p: permutation test with group "
                 "labels shuffled over documents; q: Benjamini–Hochberg over every test in the "
                 "table; effect size: Cohen's h on the stances rescaled to [0, 1].</p>")
    parts.append(_table(t["pairwise"]))
    parts.append('<h2 id="discovery">Discovered terms</h2>')
    parts.append("<p>Words and phrases (1–3-grams of normalised, clitic-stripped forms) that set "
                 "each group apart: log-odds ratio with an informative Dirichlet prior (Monroe, "
                 "Colaresi &amp; Quinn 2008), as z-scores, each group against the rest. "
                 "<code>in_lexicon</code> is empty for terms the lexicon lacks.</p>")
    for name in [n for n in report.figures if n.startswith("discovery_")]:
        fig(name, f"Distinctive terms of {name[10:]}: z against frequency.")
    parts.append(_table(t["discovered"]))
    parts.append('<h2 id="kwic">Concordance examples for validation</h2>')
    parts.append("<p>A seeded random sample of hits per label, to check that each label means "
                 "what it should (<code>framing sample-hits</code> draws larger samples for "
                 "coding).</p>")
    parts.append(_kwic_table(report.kwic))
    parts.append('<h2 id="methods">Methods and reproducibility</h2><div class="table"><table>')
    for key, value in report.settings.items():
        parts.append(f"<tr><th>{html.escape(key)}</th>{_cell(str(value))}</tr>")
    parts.append("</table></div>")
    if tables_dir or figures_dir:
        links = ", ".join(f'<a href="{html.escape(tables_dir)}/{name}.csv">{name}.csv</a>'
                          for name in report.tables)
        parts.append(f"<p>Tables as CSV: {links}. Figures as PNG (300 dpi), SVG and PDF in "
                     f"<code>{html.escape(figures_dir)}/</code>.</p>")
    parts.append("<p>References: Efron &amp; Tibshirani (1993) <i>An Introduction to the "
                 "Bootstrap</i>; Field &amp; Welsh (2007) Bootstrapping clustered data, JRSS B 69(3); "
                 "Phipson &amp; Smyth (2010) Permutation p-values should never be zero, SAGMB 9(1); "
                 "Benjamini &amp; Hochberg (1995) JRSS B 57(1); Cohen (1988) <i>Statistical Power "
                 "Analysis</i>; Monroe, Colaresi &amp; Quinn (2008) Fightin' words, Political "
                 "Analysis 16(4).</p>")
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write_report(report: Report, path: str | Path, *, figure_formats: tuple[str, ...] = ("png", "svg", "pdf")
                 ) -> Path:
    """Write ``path`` (HTML) with ``<stem>_tables/*.csv`` and ``<stem>_figures/*`` beside it.

    The HTML is written to a temporary name and renamed at the end, so a
    partial page never looks complete.
    """
    from ..io.write import _atomic, write_table
    from .plot import save_figure

    path = Path(path)
    tables_dir = path.parent / f"{path.stem}_tables"
    figures_dir = path.parent / f"{path.stem}_figures"
    for name, frame in report.tables.items():
        write_table(frame, tables_dir / f"{name}.csv")
    for name, figure in report.figures.items():
        save_figure(figure, figures_dir / name, formats=figure_formats)
    page = render_html(report, tables_dir=tables_dir.name, figures_dir=figures_dir.name)
    with _atomic(path, "w") as fh:
        fh.write(page)
    import matplotlib.pyplot as plt

    for figure in report.figures.values():
        plt.close(figure)
    return path
