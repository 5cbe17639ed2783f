"""The explorer's data, embedded in the page: compact JSON, gzip-compressed, in base64.

The page holds one ``main`` blob (the lexicon, groups, periods, the sampled
lines as columns of integers, the trends) and the texts of the documents
shown in **chunks** of about :data:`CHUNK_CHARS` characters, each with every
lexicon hit of its documents. The script decompresses ``main`` when the page
opens and a chunk only when one of its documents is shown
(``DecompressionStream``, built into current browsers), so the page opens
fast whatever the number of texts it holds.

Offsets are those of ``framing hits`` (Python string indices, i.e. code
points); the script converts them where a text holds characters outside
the Basic Multilingual Plane.
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from typing import Any

import numpy as np

from ..lexicon import Lexicon

__all__ = ["CHUNK_CHARS", "VOICE_CODES", "Payload", "build_payload", "pack"]

#: Characters of text per chunk.
CHUNK_CHARS = 400_000
#: Voices by code in the payload.
VOICE_CODES = ("own", "quoted", "reported")


class Payload:
    """``main`` and ``chunks``: base64 strings of gzip-compressed JSON."""

    def __init__(self, main: str, chunks: list[str]) -> None:
        self.main = main
        self.chunks = chunks

    @property
    def size(self) -> int:
        """Characters of base64 in the page."""
        return len(self.main) + sum(map(len, self.chunks))


def pack(value: Any) -> str:
    """JSON → gzip → base64 (``mtime=0``: the same data gives the same bytes)."""
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def _num(x: Any, digits: int = 4) -> float | None:
    x = float(x)
    return None if math.isnan(x) else round(x, digits)


def _index(values: Any) -> dict[Any, int]:
    return {v: i for i, v in enumerate(values)}


def build_payload(data: Any, lexicon: Lexicon, trends: Any, colours: dict[Any, str], *,
                  groups: list[str], title: str) -> Payload:
    """The explorer's data from a :class:`~framing.present.collect.Collected` and the trends table.

    Parameters
    ----------
    data : Collected
    lexicon : Lexicon
    trends : DataFrame
        :func:`~framing.present.trends.label_trends`.
    colours : dict
        ``(concept, label) → colour``.
    groups : list of str
        The groups, in the order of the page's tables.
    title : str
    """
    label_list = list(lexicon.labels)
    label_of = {(lab.concept, lab.id): i for i, lab in enumerate(label_list)}
    concept_of = _index(c.id for c in lexicon.concepts)
    group_of = _index(groups)
    periods = sorted(p for p in set(data.documents["period"]) if p is not None)
    period_of = _index(periods)
    voice_of = _index(VOICE_CODES)
    discovered = data.discovered
    terms = list(dict.fromkeys([*(discovered["term"] if len(discovered) else []),
                                *data.cells.loc[data.cells["kind"] == "term", "term"]]))
    term_of = _index(terms)

    shown = data.shown.sort_values("doc")
    doc_ref = {int(pos): i for i, pos in enumerate(shown["doc"])}
    chunks, chunk_of, slot_of = [], [], []
    current: dict[str, list[Any]] = {"texts": [], "hits": [], "speakers": []}
    size = 0
    dh = data.doc_hits.sort_values(["doc", "start"], kind="stable")
    hit_doc = dh["doc"].to_numpy()
    hit_rows = list(zip(dh["start"].tolist(), dh["end"].tolist(),
                        [label_of[pair] for pair in zip(dh["concept"], dh["label"], strict=True)],
                        [voice_of[v] for v in dh["voice"]], [int(bool(x)) for x in dh["scare_quoted"]],
                        dh["speaker"].tolist(), strict=True))
    for pos, text in zip(shown["doc"].tolist(), shown["text"].tolist(), strict=True):
        if current["texts"] and size + len(text) > CHUNK_CHARS:
            chunks.append(pack(current))
            current, size = {"texts": [], "hits": [], "speakers": []}, 0
        speakers = current["speakers"]
        rows = []
        first, last = np.searchsorted(hit_doc, [pos, pos + 1])
        for start, end, label, voice, scare, who in hit_rows[first:last]:
            who = who or ""
            if who and who not in speakers:
                speakers.append(who)
            rows.append([start, end, label, voice, scare, speakers.index(who) if who else -1])
        chunk_of.append(len(chunks))
        slot_of.append(len(current["texts"]))
        current["texts"].append(text)
        current["hits"].append(rows)
        size += len(text)
    if current["texts"]:
        chunks.append(pack(current))

    ctx = data.contexts
    speakers_all = list(dict.fromkeys(s for s in ctx["speaker"] if s)) if len(ctx) else []
    speaker_of = _index(speakers_all)
    cells = data.cells
    cell_key: dict[tuple[str, ...], int] = {}
    cell_rows: list[list[Any]] = []
    votes = data.hit_counts.groupby(["concept", "label", "group", "voice"])["hits"].sum().to_dict() \
        if len(data.hit_counts) else {}
    for r in cells.itertuples(index=False):
        if r.kind == "label":
            key: tuple[str, ...] = ("label", r.concept, r.label, r.group)
            by_voice = [int(votes.get((r.concept, r.label, r.group, v), 0)) for v in VOICE_CODES]
            cell_rows.append([0, label_of[(r.concept, r.label)], group_of[r.group], int(r.occurrences),
                              int(r.shown), int(bool(r.cut)), by_voice])
        else:
            key = ("term", r.term, r.group)
            cell_rows.append([1, term_of[r.term], group_of[r.group], int(r.occurrences), int(r.shown),
                              int(bool(r.cut)), None])
        cell_key[key] = len(cell_key)
    lines: dict[str, list[int]] = {name: [] for name in ("cell", "doc", "start", "end", "voice", "scare",
                                                         "speaker", "period")}
    for r in ctx.itertuples(index=False):
        key = (("label", r.concept, r.label, r.group) if r.kind == "label"
               else ("term", r.term, r.group))
        lines["cell"].append(cell_key[key])
        lines["doc"].append(doc_ref[int(r.doc)])
        lines["start"].append(int(r.start))
        lines["end"].append(int(r.end))
        lines["voice"].append(voice_of.get(r.voice, 0))
        lines["scare"].append(int(bool(r.scare_quoted)))
        lines["speaker"].append(speaker_of[r.speaker] if r.speaker else -1)
        lines["period"].append(period_of.get(r.period, -1) if isinstance(r.period, str) else -1)

    trend_rows = [[concept_of[r.concept], label_of[(r.concept, r.label)], group_of.get(r.group, -1),
                   period_of.get(r.period, -1), _num(r.share), _num(r.ci_low), _num(r.ci_high),
                   int(r.hits), int(r.concept_hits), int(bool(r.too_few_hits))]
                  for r in trends.itertuples(index=False)]
    main = {
        "title": title,
        "window": int(data.settings.get("window", 60)),
        "time": data.settings.get("time", "month"),
        "groups": groups,
        "periods": periods,
        "voices": list(VOICE_CODES),
        "concepts": [{"id": c.id, "negative": c.negative, "positive": c.positive,
                      "labels": [label_of[(c.id, lab.id)] for lab in c.labels]} for c in lexicon.concepts],
        "labels": [{"c": concept_of[lab.concept], "id": lab.id, "pole": lab.pole, "frame": lab.frame,
                    "colour": colours[(lab.concept, lab.id)],
                    "terms": [t.text for t in lab.terms]} for lab in label_list],
        "terms": [{"term": t} for t in terms],
        "docs": {"id": shown["doc_id"].astype(str).tolist(), "outlet": shown["outlet"].astype(str).tolist(),
                 "group": [group_of.get(g, -1) for g in shown["group"]],
                 "date": [d if isinstance(d, str) else "" for d in shown["date"]],
                 "chunk": chunk_of, "slot": slot_of},
        "cells": cell_rows,
        "lines": lines,
        "speakers": speakers_all,
        "trends": trend_rows,
    }
    return Payload(pack(main), chunks)
