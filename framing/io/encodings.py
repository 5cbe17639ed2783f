"""Which encoding to read a file in: byte-order marks, binary files, ``--encoding auto``.

Every reader opens its files through :func:`choose_encoding`, which looks at
the first bytes of the file (decompressed, for ``.gz``):

* a byte-order mark decides: UTF-8, UTF-16 or UTF-32, whatever ``--encoding``
  says (a note says so when it overrides the option);
* NUL bytes without a byte-order mark: not a text file (an error that says
  what it looks like: a zip archive such as an Excel workbook, gzip, Parquet);
* ``auto``: UTF-8 when the beginning decodes as UTF-8, else Windows Arabic
  (cp1256) when it decodes to Arabic, else an error asking for ``--encoding``;
  the choice is counted per encoding and the files read as cp1256 are named
  in the notes;
* any other encoding given explicitly is used, with a note when the text it
  gives is mostly not Arabic letters (e.g. ``--encoding cp1256`` on a UTF-8
  file).
"""

from __future__ import annotations

import codecs
import gzip
import zlib
from pathlib import Path

from ..errors import CorpusError
from .documents import ReadReport

__all__ = ["AUTO", "HEAD_BYTES", "check_encoding", "choose_encoding", "looks_arabic", "read_head",
           "sniff_binary"]

#: ``--encoding auto``: UTF-8, or cp1256 when that gives Arabic, decided per file.
AUTO = "auto"

#: Bytes looked at to decide (the whole file for smaller files).
HEAD_BYTES = 1 << 16

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))

_MAGIC = ((b"PK\x03\x04", "a zip archive (an Excel .xlsx or OpenDocument .ods workbook?); save it "
                         "as 'CSV UTF-8' and read the .csv"),
          (b"\xd0\xcf\x11\xe0", "an old Office file (an Excel .xls workbook?); save it as 'CSV UTF-8' "
                                "and read the .csv"),
          (b"\x1f\x8b", "gzip-compressed; name it .jsonl.gz (framing reads compressed JSON Lines)"),
          (b"PAR1", "a Parquet file; name it .parquet"))


_CONTROLS = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of ``path`` (decompressed for a ``.gz`` name); b"" if unreadable
    (the reader then reports the damage itself)."""
    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                return fh.read(size)
        with open(path, "rb") as fh:
            return fh.read(size)
    except (OSError, EOFError, zlib.error):
        return b""


def _normal(encoding: str) -> str:
    return codecs.lookup(encoding).name if encoding != AUTO else AUTO


def sniff_binary(head: bytes) -> str | None:
    """What ``head`` looks like when it is not text (NUL bytes, a known file signature), or None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    # Text holds no control characters but whitespace (and ESC); a stray one is not enough.
    controls = len(head) - len(head.translate(None, _CONTROLS))
    if head.count(b"\x00") * 100 > len(head) or controls * 20 > len(head):
        return ("binary data, not text (it holds NUL or control bytes); if it is UTF-16 text "
                "without a byte-order mark, pass --encoding utf-16")
    return None


def _is_utf8(head: bytes) -> bool:
    try:  # the head may end inside a character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def looks_arabic(text: str) -> bool | None:
    """Whether the letters of ``text`` are mostly Arabic (None: no letters to tell by).

    UTF-8 Arabic decoded as cp1256 gives Arabic letters too, but every other
    one is ط/ظ/ع/غ (the lead bytes 0xD8-0xDB): in Arabic text ط and ظ are
    about 1.5 % of the letters, so more than 15 % marks such a misreading.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = [c for c in letters if "\u0600" <= c <= "\u06ff"]
    if 2 * len(arabic) < len(letters):
        return False
    lead = sum(1 for c in arabic if c in "طظ")
    return lead < 0.15 * len(arabic)


def choose_encoding(path: Path, requested: str, report: ReadReport | None = None,
                    head: bytes | None = None) -> str:
    """The codec to read ``path`` with (see the module docstring); notes go to ``report``.

    Raises
    ------
    CorpusError
        The file is not text, or (``auto``) it is neither UTF-8 nor Arabic in cp1256.
    """
    head = read_head(path) if head is None else head[:HEAD_BYTES]
    asked = _normal(requested)
    for bom, codec in _BOMS:
        if head.startswith(bom):
            if asked not in (AUTO, "utf-8", codecs.lookup(codec).name) and report is not None:
                report.note_file(f"a {codec.upper().replace('-SIG', '')} byte-order mark overrides "
                                 f"--encoding {requested}", str(path))
            _count(report, requested, codec.replace("-sig", ""))
            return codec
    if not asked.startswith(("utf-16", "utf-32")):
        what = sniff_binary(head)
        if what is not None:
            raise CorpusError(f"is not a text file: it looks like {what}.", source=str(path))
    if asked == AUTO:
        if _is_utf8(head):
            _count(report, requested, "utf-8")
            return "utf-8-sig"
        text = head.decode("cp1256", errors="replace")
        if looks_arabic(text):
            _count(report, requested, "cp1256")
            if report is not None:
                report.note_file("read as cp1256 (Windows Arabic) by --encoding auto", str(path))
            return "cp1256"
        raise CorpusError("cannot tell the encoding (--encoding auto): it is not UTF-8, and it "
                          "is not Arabic as cp1256; pass --encoding with the file's encoding.",
                          source=str(path))
    if asked == "utf-8":
        return "utf-8-sig"
    if report is not None:
        check_encoding(path, head, requested, report)
    return requested


def _count(report: ReadReport | None, requested: str, encoding: str) -> None:
    if report is not None and requested == AUTO:
        report.encodings[encoding] = report.encodings.get(encoding, 0) + 1


def check_encoding(path: Path, head: bytes, encoding: str, report: ReadReport) -> None:
    """Note when ``head`` decoded with a forced ``encoding`` is mostly not Arabic letters."""
    text = head.decode(encoding, errors="replace")
    if looks_arabic(text) is not False:
        return
    hint = ("; the file is valid UTF-8: pass --encoding auto (or utf-8)"
            if not head.isascii() and _is_utf8(head) else "; check --encoding")
    report.note_file(f"decoded as {encoding}, the text is mostly not Arabic letters{hint}", str(path))
