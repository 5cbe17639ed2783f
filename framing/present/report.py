"""``framing report``: build a report from a corpus, and write it.

:func:`build_report` reads the corpus once (:func:`framing.io.held.hold`), finds the
stories and gathers the data on it (:func:`framing.present.collect.collect`),
computes the statistics on it (:func:`framing.compare_documents`, label-share
tests, trends), phrases the key findings and draws the figures, and returns a
:class:`Report`; :func:`write_report` renders the page
(:mod:`framing.present.html`) and writes it with the tables as CSV and the
figures as PNG (300 dpi), SVG and PDF, safely (:mod:`framing.present.outputs`).
"""

from __future__ import annotations

import datetime as _dt
import platform
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from ..analysis import compare_documents, copies_by_outlet_pair
from ..analysis.discovery import unit_size
from ..count.dedup import DedupMode, check_dedup, leaves_out, looks_for_copies
from ..engines import Engine, resolve
from ..errors import FramingError, check_option
from ..io import write_table
from ..io.held import hold
from ..lexicon import Lexicon
from ..match import Matcher
from .collect import Collected, collect
from .findings import key_findings, share_range_tests, too_few_summary
from .html import render_html
from .model import Report
from .outputs import output_paths, staged
from .same_story import apply_dedup, listed_note, same_story_table, story_table, top_story_ids
from .trends import TIME_UNITS, TimeUnit, label_trends

__all__ = ["Report", "build_report", "write_report"]


def _check(name: str, value: Any, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
        raise FramingError(f"The {name!r} parameter must be an integer >= {minimum}. Got {value!r} instead.")


def build_report(
    corpus: Any,
    lexicon: Lexicon | str | Matcher = "arabic-conflict",
    *,
    by: str = "outlet",
    groups: Mapping[str, str] | None = None,
    voice: str = "own",
    time: TimeUnit = "month",
    n_boot: int = 2000,
    n_perm: int = 5000,
    seed: int = 0,
    min_hits: int = 10,
    top: int = 15,
    min_count: int = 5,
    max_n: int = 3,
    stopwords: Iterable[str] | None = None,
    max_contexts: int = 200,
    max_term_contexts: int = 20,
    max_text_chars: int = 12_000_000,
    title: str | None = None,
    path: str | Path | None = None,
    force: bool = False,
    figure_formats: tuple[str, ...] = ("png", "svg", "pdf"),
    same_story: bool = True,
    stories: Any = None,
    dedup: DedupMode = "flag",
    window_days: int = 3,
    story_threshold: float = 0.3,
    jobs: int = 1,
    engine: Engine | None = None,
    show_progress: bool | None = None,
) -> Report:
    """Build the report of a corpus: tables, findings, figures and the explorer's data.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s) or list of str
        See :func:`framing.read_corpus`.
    lexicon : Lexicon, str or Matcher
        Default: the bundled ``arabic-conflict`` lexicon.
    by, groups, voice
        As for :func:`framing.score` (``voice``: whose hits the tables
        count; the explorer shows every voice, filterable).
    time : {"week", "month", "year"}
        The period of the trends and of the explorer's period filter.
    n_boot, n_perm, seed, min_hits
        As for :func:`framing.compare`; the same settings serve the
        label-share tests and the trends.
    top, min_count, max_n, stopwords
        As for :func:`framing.discover`.
    max_contexts : int
        Concordance lines kept per label × group (a seeded random sample).
    max_term_contexts : int
        Lines kept per discovered term × group.
    max_text_chars : int
        Characters of document text the page may embed (the full texts of
        the documents the lines come from); when it binds, cells show fewer
        lines and the page says which.
    title : str, optional
        The page's title.
    path : str or Path, optional
        Also write the report there (:func:`write_report`).
    force : bool
        Replace an existing report at ``path``.
    figure_formats : tuple of str
        Formats of the figure files.
    same_story : bool
        Add the "same story" section: for the stories covered by the most
        outlets (:func:`framing.find_stories`), the labels each outlet chose
        for each concept, with the texts in the explorer. Finding the
        stories is one more pass over the corpus (held in memory or spill
        files, not read again), unless ``stories`` is given.
    stories : DataFrame or path, optional
        The table ``framing stories`` wrote for this corpus, instead of
        finding the stories again.
    dedup : {"flag", "drop", "keep-first", "off"}
        Near-copies (:mod:`framing.count.dedup`): counted and reported
        (``flag``), or left out of the counts: every document of a copy set
        (``drop``) or the copies but not their original (``keep-first``);
        ``off``: counted and not reported (no ``copies`` table).
    window_days, story_threshold
        As ``window_days`` and ``threshold`` of :func:`framing.find_stories`.
    jobs, engine
        Worker processes or an engine for the per-document work, as for
        :func:`framing.compare` (see ``docs/cluster.md``).
    show_progress : bool, optional
        Progress bars on stderr (default: when stderr is a terminal).

    Returns
    -------
    Report

    Raises
    ------
    FramingError
        Invalid settings, no documents, or (with ``path``) an existing
        report without ``force``, checked before any work.

    References
    ----------
    The statistics are those of :func:`framing.compare` (Efron & Tibshirani
    1993; Field & Welsh 2007; Phipson & Smyth 2010; Benjamini & Hochberg
    1995; Cohen 1988) and :func:`framing.discover` (Monroe, Colaresi & Quinn
    2008); the label-share tests are described in
    :mod:`framing.present.findings`.

    Examples
    --------
    >>> import framing
    >>> report = framing.build_report(framing.load_sample(), n_boot=200, n_perm=200,
    ...                               path=tmp / "report.html")  # doctest: +SKIP
    >>> sorted(report.tables)[:3]  # doctest: +SKIP
    ['cells', 'contexts', 'corpus']
    """
    check_option("time", time, TIME_UNITS)
    for name, value, low in (("max_contexts", max_contexts, 1), ("max_term_contexts", max_term_contexts, 0),
                             ("max_text_chars", max_text_chars, 0), ("top", top, 1),
                             ("min_count", min_count, 1), ("n_boot", n_boot, 1), ("n_perm", n_perm, 1),
                             ("min_hits", min_hits, 0)):
        _check(name, value, low)
    check_option("max_n", max_n, (1, 2, 3))
    check_dedup(dedup)
    if path is not None:
        output_paths(path).check_free(force=force)  # before the work, not after
    matcher = lexicon if isinstance(lexicon, Matcher) else Matcher(lexicon)
    lex = matcher.lexicon
    runner = resolve(jobs, engine)
    with runner:  # the corpus is read once, and held for the passes below
        held = hold(corpus, runner, chunk_size=unit_size(runner), show_progress=show_progress)
        found = None
        if same_story or leaves_out(dedup) or stories is not None:
            found = story_table(held, stories, window_days=window_days, threshold=story_threshold,
                                engine=runner, show_progress=show_progress)
        data = collect(held, matcher, by=by, groups=dict(groups) if groups else None, voice=voice,
                       time=time, seed=seed, max_contexts=max_contexts, max_term_contexts=max_term_contexts,
                       max_text_chars=max_text_chars, top=top, min_count=min_count, max_n=max_n,
                       stopwords=stopwords, engine=runner, show_progress=show_progress,
                       keep_ids=top_story_ids(found) if found is not None and same_story else frozenset(),
                       stories=found)
    documents = data.documents
    if not len(documents):
        raise FramingError("no documents to report on; check the input and its text column.")
    story_tables: dict[str, Any] = {}
    if found is not None:
        unlisted_note = listed_note(found, documents)
        if unlisted_note:
            data.notes.append(unlisted_note)
        documents, copies_note = apply_dedup(documents, found, dedup)
        data.notes.append(copies_note)
        if looks_for_copies(dedup):
            story_tables["copies"] = copies_by_outlet_pair(found)
        if same_story:
            story_tables["same_story"] = same_story_table(found, documents)
    result = compare_documents(documents, matcher, group_col="group", n_boot=n_boot, n_perm=n_perm,
                               seed=seed, min_hits=min_hits)
    share_tests = share_range_tests(documents, result.shares, lex, n_perm=n_perm, seed=seed)
    trends = label_trends(documents, lex, time=time, n_boot=n_boot, seed=seed, min_hits=min_hits)
    findings = key_findings(result.stance, result.pairwise, share_tests, lex, data.term_counts)
    tables = {
        "corpus": _corpus_table(documents, data),
        "stance": result.stance, "shares": result.shares, "rates": result.rates,
        "pairwise": result.pairwise, "share_tests": share_tests, "trends": trends,
        "voice": _voice_table(data.hit_counts), "discovered": data.discovered,
        "contexts": data.contexts.drop(columns=["doc"]), "cells": data.cells, **story_tables,
    }
    dates = sorted(str(d)[:10] for d in documents["date"] if isinstance(d, str) and d.strip())
    read = data.read_report
    summary = {
        "documents": len(documents), "tokens": int(documents["n_tokens"].sum()),
        "groups": int(documents["group"].nunique()), "outlets": int(documents["outlet"].nunique()),
        "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else "",
        "undated": len(documents) - len(dates), "read": read.summary() if read else "",
        "skipped": int(read.skipped) if read else 0,
        "hits": int(result.stance["hits"].sum()), "all_hits": int(data.hit_counts["hits"].sum()),
        "few_cells": too_few_summary(result.stance),
    }
    report = Report(
        title=title or f"framing report: {getattr(corpus, 'name', '') or 'corpus'}",
        tables=tables, figures={}, summary=summary,
        settings=_settings(lex, matcher, by=by, groups=groups, voice=voice, time=time, n_boot=n_boot,
                           n_perm=n_perm, seed=seed, min_hits=min_hits, top=top, min_count=min_count,
                           max_n=max_n, stopwords=stopwords, data=data, corpus=corpus, dedup=dedup),
        findings=findings, data=data, lexicon=lex,
        notes=list(read.notes) if read else [])
    report.notes += data.notes
    report.figures = _figures(report, figure_formats)
    if path is not None:
        write_report(report, path, force=force, figure_formats=figure_formats)
    return report


def _corpus_table(documents: Any, data: Collected) -> Any:
    names = [c for c in documents.columns if ":" in c]
    per = documents.assign(hits=documents[names].sum(axis=1),
                           dated=documents["date"].map(lambda d: isinstance(d, str) and bool(d.strip())))
    table = per.groupby("group", sort=True).agg(
        documents=("doc", "size"), tokens=("n_tokens", "sum"), hits=("hits", "sum"),
        first_date=("date", lambda d: min((str(x)[:10] for x in d if isinstance(x, str) and x.strip()),
                                          default="")),
        last_date=("date", lambda d: max((str(x)[:10] for x in d if isinstance(x, str) and x.strip()),
                                         default="")),
        undated=("dated", lambda d: int((~d).sum()))).reset_index()
    table.insert(4, "hits_per_1k_tokens", 1000 * table["hits"] / table["tokens"].where(table["tokens"] > 0))
    shown = data.shown.groupby("group").size()
    table["documents_shown"] = table["group"].map(shown).fillna(0).astype(int)
    return table


def _voice_table(hit_counts: Any) -> Any:
    """Per group: every hit by voice, and the share of each voice and of scare-quoted hits."""
    import pandas as pd

    if not len(hit_counts):
        return pd.DataFrame(columns=["group", "hits", "own", "quoted", "reported", "scare_quoted"])
    wide = hit_counts.pivot_table(index="group", columns="voice", values="hits", aggfunc="sum",
                                  fill_value=0)
    for voice in ("own", "quoted", "reported"):
        if voice not in wide.columns:
            wide[voice] = 0
    wide = wide[["own", "quoted", "reported"]]
    out = wide.assign(hits=wide.sum(axis=1))
    scare = hit_counts[hit_counts["scare_quoted"]].groupby("group")["hits"].sum()
    out["scare_quoted"] = scare.reindex(out.index).fillna(0).astype(int)
    for col in ("own", "quoted", "reported", "scare_quoted"):
        out[f"{col}_share"] = out[col] / out["hits"].where(out["hits"] > 0)
    return out.reset_index()[["group", "hits", "own", "quoted", "reported", "scare_quoted", "own_share",
                              "quoted_share", "reported_share", "scare_quoted_share"]]


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _settings(lex: Lexicon, matcher: Matcher, *, data: Collected, corpus: Any, groups: Any,
              stopwords: Any, **options: Any) -> dict[str, Any]:
    s = data.settings
    return {
        "corpus": getattr(corpus, "name", "") or str(corpus)[:200],
        "lexicon": f"{lex.name} {lex.version}".strip(), "lexicon_source": lex.source,
        "lexicon_content_hash": lex.content_hash(),
        "by": options["by"], "groups": "a --groups map" if groups else "none", "voice": options["voice"],
        "dedup": options["dedup"],
        "time": options["time"], "bootstrap_resamples": options["n_boot"],
        "permutations": options["n_perm"], "seed": options["seed"], "min_hits": options["min_hits"],
        "interval": "95% percentile, document-level (cluster) bootstrap",
        "multiple_testing": "Benjamini-Hochberg over every pairwise stance test; separately over "
                            "every label-share range test",
        "normaliser": repr(matcher.normalizer), "min_stem": matcher.min_stem,
        "discovery": f"log-odds with informative Dirichlet prior (Monroe et al. 2008), top "
                     f"{options['top']}, min_count {options['min_count']}, max_n {options['max_n']}, "
                     f"{'custom' if stopwords is not None else 'built-in'} stop words",
        "contexts": f"seeded reservoir samples: up to {s['max_contexts']} lines per label × group, "
                    f"{s['max_term_contexts']} per discovered term × group; window {s['window']} "
                    f"characters; texts up to {s['max_text_chars']:,} characters "
                    f"({s['text_chars']:,} embedded)",
        "generated": _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(), "platform": platform.platform(terse=True),
        "command": " ".join(sys.argv) if sys.argv and sys.argv[0].endswith("framing") else "",
        **{f"version {p}": _version(p) for p in ("framing", "camel-tools", "numpy", "pandas",
                                                 "scipy", "matplotlib")},
    }


def _figures(report: Report, formats: tuple[str, ...]) -> dict[str, Any]:
    """The figures for papers: stance, shares and trends of the most mentioned concepts, rates,
    and the discovered terms of the first groups."""
    from .plot import plot_rates, plot_shares, plot_stance
    from .plot_terms import plot_discovery
    from .plot_time import plot_trends

    t = report.tables
    figures: dict[str, Any] = {"stance": plot_stance(t["stance"]).figure}
    totals = t["shares"].groupby("concept")["hits"].sum().sort_values(ascending=False)
    top = [c for c in totals.index[:3] if totals[c] > 0]
    for concept in top:
        figures[f"shares_{concept}"] = plot_shares(t["shares"], concept).figure
    if len(t["rates"]) and t["rates"]["hits"].sum():
        figures["rates"] = plot_rates(t["rates"], value="rate_per_1k_tokens", top=12).figure
    discovered = t["discovered"]
    for group in list(dict.fromkeys(discovered["group"]))[:3]:
        figures[f"discovery_{group}"] = plot_discovery(discovered, group=group, top=15).figure
    trends = t["trends"]
    if len(trends) and trends["period"].nunique() >= 2:
        for concept in top[:1]:
            if (trends["concept"] == concept).any():
                figures[f"trends_{concept}"] = plot_trends(trends, concept)[0].figure
    return figures


def write_report(report: Report, path: str | Path, *, force: bool = False,
                 figure_formats: tuple[str, ...] = ("png", "svg", "pdf")) -> Path:
    """Write the page, its tables (CSV) and figures; return the page's path.

    ``NAME.html`` gets ``NAME_tables/`` and ``NAME_figures/`` beside it; any
    other path is a folder receiving ``index.html``, ``tables/`` and
    ``figures/``. Everything is written under temporary names and moved into
    place at the end (:mod:`framing.present.outputs`).

    Raises
    ------
    FramingError
        If a report exists at ``path`` and ``force`` is not set.
    """
    import matplotlib.pyplot as plt

    from .plot import save_figure

    paths = output_paths(path)
    try:
        with staged(paths, force=force) as work:
            for name, frame in report.tables.items():
                write_table(frame, work.tables / f"{name}.csv")
            images = {}
            for name, figure in report.figures.items():
                files = save_figure(figure, work.figures / name, formats=figure_formats)
                images[name] = (_thumbnail(figure, files), [f.name for f in files])
                _release(figure)
            page = render_html(report, tables_href=paths.tables.name, figures_href=paths.figures.name,
                               figures=images)
            work.page.write_text(page, encoding="utf-8")
    finally:
        for figure in report.figures.values():
            plt.close(figure)
    report.path = paths.page
    return paths.page


def _release(figure: Any) -> None:
    """Let go of the figure's last drawing (a 300 dpi canvas holds tens of megabytes)."""
    canvas = figure.canvas
    if hasattr(canvas, "renderer"):
        canvas.renderer = None
        canvas._lastKey = None


def _thumbnail(figure: Any, files: list[Path], width: int = 900) -> str:
    """A PNG data URI of the figure for the page, scaled from the 300 dpi file when there is one."""
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    png = next((f for f in files if f.suffix == ".png"), None)
    if png is None:
        figure.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    else:
        with Image.open(png) as img:
            factor = -(-img.width // width)
            small = img.convert("RGB").reduce(factor) if factor > 1 else img.convert("RGB")
            small.save(buf, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
