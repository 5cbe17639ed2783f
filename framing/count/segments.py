"""Huge documents in bounded memory: scanned in segments that no term can straddle.

The matcher's memory grows with the text it scans at once (about 30 bytes a
character at the peak), so :meth:`Matcher.scan_many` takes batches of at most
:data:`~framing.match.matcher.BATCH_CHARS` characters. A single document can
be far longer (a scraped dump on one line, a book): :func:`scan_documents`
cuts every document longer than :data:`SEGMENT_CHARS` into segments, scans
the segments as if they were documents, and puts each document's word
count and matches back together, offsets into the whole text.

Where it cuts
    At whitespace next to a punctuation mark or symbol (``"... الحدود. قصفت
    ..."``, ``"«المقاومة» ..."``). A multi-word term joins words separated by
    whitespace only, each word running to the edge of its chunk
    (:mod:`framing.match.matcher`); a chunk that ends (or starts) with a
    character that is not part of a word (:data:`framing.text.tokens.WORD_RE`)
    joins nothing across that whitespace. No term can straddle such a cut, and
    the longest-match rule sees the same candidates on either side, so the
    word counts and matches are those of the whole text, offset for offset
    (``tests/count/test_segments.py`` checks it). News text has such a place
    every sentence or two.

Only when :data:`HARD_LIMIT` characters past the target hold none (no
punctuation at all) is the cut made at any whitespace; a multi-word term
running across that one space could then be missed, and a warning says so.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..io import Document
from ..match import Match, Matcher, document_batches, split_chunks
from ..text.tokens import punct_symbol_bmp

__all__ = ["HARD_LIMIT", "SEGMENT_CHARS", "cut_points", "scan_documents", "scan_documents_each"]

#: Documents longer than this (in characters) are scanned in segments of about this length.
SEGMENT_CHARS = 500_000
#: Characters past a segment's target length searched for a cut that no term can straddle.
HARD_LIMIT = 1_000_000


@functools.cache
def _safe_re() -> re.Pattern[str]:
    """Whitespace next to a punctuation mark or symbol of the Basic Multilingual Plane (a subset
    of what :data:`~framing.text.tokens.WORD_RE` leaves out, so every place found is safe)."""
    points = sorted(map(ord, punct_symbol_bmp()))
    ranges: list[list[int]] = []
    for cp in points:
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                   for a, b in ranges)
    return re.compile(rf"(?<=[{body}])\s|\s(?=[{body}])")


_SPACE_RE = re.compile(r"\s")


def cut_points(text: str, size: int = SEGMENT_CHARS, hard_limit: int = HARD_LIMIT
               ) -> tuple[list[int], int]:
    """Where to cut ``text`` into segments of about ``size`` characters: ``(starts, hard)``.

    ``starts`` begins with 0; each later start is a whitespace character at or
    after the previous start + ``size`` that has a punctuation mark or symbol
    beside it (see the module docstring), or, when none comes within
    ``hard_limit`` characters, any whitespace (``hard`` counts those cuts). A
    text of at most ``size`` characters is not cut: ``([0], 0)``.

    Examples
    --------
    >>> cut_points("قصفت القوات. ثم انسحبت، وعادت", size=5)
    ([0, 12, 23], 0)
    """
    starts, hard = [0], 0
    safe = _safe_re()
    n = len(text)
    while n - starts[-1] > size:
        target = starts[-1] + size
        found = safe.search(text, target, min(n, target + hard_limit))
        if found is None:
            found = _SPACE_RE.search(text, target)
            if found is None:
                break
            hard += 1
        starts.append(found.start())
    return starts, hard


@dataclass(slots=True)
class _Piece:
    doc: Document
    text: str
    start: int  # offset of the segment in the document's text
    last: bool  # the document's last segment
    hard: int = 0  # cuts made at any whitespace (none safe within HARD_LIMIT)


def _pieces(docs: Iterable[Document], size: int) -> Iterator[_Piece]:
    for doc in docs:
        text = doc.text
        if len(text) <= size:
            yield _Piece(doc, text, 0, True)
            continue
        starts, hard = cut_points(text, size)
        ends = [*starts[1:], len(text)]
        for k, (a, b) in enumerate(zip(starts, ends, strict=True)):
            yield _Piece(doc, text[a:b], a, k == len(starts) - 1, hard)


def scan_documents(matcher: Matcher, docs: Iterable[Document], *, offsets: bool = True,
                   size: int | None = None) -> Iterator[tuple[Document, int, list[Match]]]:
    """``(document, n_tokens, matches)`` for each document, as :meth:`Matcher.scan_many` gives
    them for its text, in batches of :func:`~framing.match.document_batches` size; documents
    longer than ``size`` characters (default :data:`SEGMENT_CHARS`) are scanned in segments
    (see the module docstring).

    ``offsets=False`` leaves every offset 0 (faster, for counting only). A document cut
    where a term might straddle the cut (no punctuation near) gets a warning.

    Examples
    --------
    >>> m = Matcher("arabic-conflict")
    >>> doc = Document("1", "x", "قصفت قوات الاحتلال مواقع للمقاومة. " * 3)
    >>> whole = m.scan_many([doc.text])[0]
    >>> [(n, matches) for _, n, matches in scan_documents(m, [doc], size=40)] == [whole]
    True
    """
    for doc, n_tokens, (matches,) in scan_documents_each([matcher], docs, offsets=offsets, size=size):
        yield doc, n_tokens, matches


def scan_documents_each(matchers: Sequence[Matcher], docs: Iterable[Document], *,
                        offsets: bool = True, size: int | None = None
                        ) -> Iterator[tuple[Document, int, list[list[Match]]]]:
    """:func:`scan_documents` for several matchers over the same documents, in one pass:
    ``(document, n_tokens, [matches of each matcher])``. Each batch is split into chunks once,
    for every matcher."""
    count, found = 0, [list[Match]() for _ in matchers]
    for batch in document_batches(_pieces(docs, size or SEGMENT_CHARS)):
        whole = [piece for piece in batch if piece.start == 0 and piece.last]
        texts = [piece.text for piece in whole]
        split = split_chunks(texts) if len(matchers) > 1 and whole else None
        scans = [iter(m.scan_many(texts, offsets=offsets, split=split) if whole else [])
                 for m in matchers]
        parts = [piece.text for piece in batch if not (piece.start == 0 and piece.last)]
        segments = [iter(m.scan_segments(parts) if parts else []) for m in matchers]
        for piece in batch:
            if piece.start == 0 and piece.last:  # a whole document
                results = [next(scan) for scan in scans]
                yield piece.doc, results[0][0], [matches for _, matches in results]
                continue
            shift = piece.start
            for k, (n_tokens, matches) in enumerate(map(next, segments)):
                if k == 0:
                    count += n_tokens
                found[k].extend(Match(m.start + shift, m.end + shift, m.term) for m in matches)
            if piece.last:
                if piece.hard:
                    warnings.warn(
                        f"document {piece.doc.doc_id!r}: scanned in segments cut {piece.hard:,} "
                        f"time(s) at a space with no punctuation within {HARD_LIMIT:,} characters; a "
                        "multi-word term across such a space would be missed", stacklevel=3)
                checked = [m.check_rules(piece.doc.text, f) for m, f in zip(matchers, found, strict=True)]
                if not offsets:
                    checked = [[Match(0, 0, m.term) for m in f] for f in checked]
                yield piece.doc, count, checked
                count, found = 0, [list[Match]() for _ in matchers]
