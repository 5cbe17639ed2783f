"""The table of bad inputs and faults: each case makes its input, runs one command, and says
what must happen (exit status and a fragment of the one line that says why).

Every sentence is constructed for these tests. ``docs/bad-input.md`` shows the same table to
users; ``test_table.py`` checks that every case is there.
"""

from __future__ import annotations

import codecs
import gzip
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from tests.conftest import DOCS, MINI

TEXT = "قصفت قوات الاحتلال الأميركي مواقع للمقاومة."
OTHER = "وقالت الحكومة إن الإرهابيين هاجموا الحاجز."


@dataclass(frozen=True)
class Case:
    """``make(folder)`` writes the input and returns the command's arguments."""

    name: str
    make: Callable[[Path], list[str]]
    exit_code: int
    fragment: str
    #: Where the fragment is: "error" (the one line on stderr) or "notes" (stderr, exit 0).
    where: str = "error"


def _jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _docs(n: int = 3) -> list[dict[str, str]]:
    return [{"id": i, "outlet": o, "date": d, "text": t} for i, o, d, t in DOCS[:n]]


def _hits(path: Path | str, *extra: str, out: str | None = None) -> list[str]:
    args = ["hits", str(path), "-l", str(MINI), *extra]
    return [*args, "-o", out] if out else args


def empty_gz(d: Path) -> list[str]:
    (d / "c.jsonl.gz").write_bytes(gzip.compress(b""))
    return _hits(d / "c.jsonl.gz")


def zero_byte_gz(d: Path) -> list[str]:
    (d / "c.jsonl.gz").write_bytes(b"")
    return _hits(d / "c.jsonl.gz")


def empty_jsonl(d: Path) -> list[str]:
    (d / "c.jsonl").write_text("\n\n", encoding="utf-8")
    return _hits(d / "c.jsonl")


def header_only_csv(d: Path) -> list[str]:
    (d / "c.csv").write_text("id,outlet,text\n", encoding="utf-8")
    return _hits(d / "c.csv")


def empty_texts(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", [{"id": "1", "outlet": "a", "text": "  "}, {"id": "2", "outlet": "a"}])
    return _hits(d / "c.jsonl")


def non_text_json(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", [{"id": "1", "outlet": "a", "text": ["قوات", "الاحتلال"]},
                          {"id": "2", "outlet": "a", "text": {"نص": TEXT}},
                          {"id": "3", "outlet": "a", "text": 7}, {"id": "4", "outlet": "a", "text": True}])
    return _hits(d / "c.jsonl")


def some_non_text(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", [{"id": "1", "outlet": "a", "text": TEXT}, {"id": "2", "outlet": "a", "text": 42}])
    return _hits(d / "c.jsonl")


def integer_parquet(d: Path) -> list[str]:
    pd.DataFrame({"id": ["1", "2"], "outlet": ["a", "b"], "text": [1, 2]}).to_parquet(d / "c.parquet")
    return _hits(d / "c.parquet")


def utf16_csv(d: Path) -> list[str]:
    (d / "c.csv").write_text(f"id,outlet,text\n1,a,{TEXT}\n", encoding="utf-16")
    return _hits(d / "c.csv")


def utf32_jsonl(d: Path) -> list[str]:
    line = json.dumps({"id": "1", "outlet": "a", "text": TEXT}, ensure_ascii=False) + "\n"
    (d / "c.jsonl").write_bytes(codecs.BOM_UTF32_LE + line.encode("utf-32-le"))
    return _hits(d / "c.jsonl")


def binary_csv(d: Path) -> list[str]:
    (d / "c.csv").write_bytes(bytes(range(256)) * 8)
    return _hits(d / "c.csv")


def zip_as_csv(d: Path) -> list[str]:
    with zipfile.ZipFile(d / "c.csv", "w") as z:
        z.writestr("sheet.xml", "<x/>")
    return _hits(d / "c.csv")


def xlsx(d: Path) -> list[str]:
    with zipfile.ZipFile(d / "c.xlsx", "w") as z:
        z.writestr("sheet.xml", "<x/>")
    return _hits(d / "c.xlsx")


def semicolon_csv(d: Path) -> list[str]:
    (d / "c.csv").write_text(f"id;outlet;date;text\n1;a;2024-01-01;{TEXT}\n", encoding="utf-8")
    return _hits(d / "c.csv")


def cp1256_default(d: Path) -> list[str]:
    (d / "c.csv").write_bytes(f"id,outlet,text\n1,a,{TEXT}\n".encode("cp1256"))
    return _hits(d / "c.csv")


def _mixed_folder(d: Path) -> Path:
    (d / "news" / "alpha").mkdir(parents=True)
    (d / "news" / "alpha" / "1.txt").write_text(TEXT, encoding="utf-8")
    (d / "news" / "alpha" / "2.txt").write_bytes(OTHER.encode("cp1256"))
    return d / "news"


def auto_mixed(d: Path) -> list[str]:
    return _hits(_mixed_folder(d), "--encoding", "auto")


def forced_cp1256_on_utf8(d: Path) -> list[str]:
    return _hits(_mixed_folder(d), "--encoding", "cp1256")


def auto_undecidable(d: Path) -> list[str]:
    (d / "c.csv").write_bytes("id,outlet,text\n1,a,Ça été déjà vu\n".encode("latin-1"))
    return _hits(d / "c.csv", "--encoding", "auto")


def flat_txt_folder(d: Path) -> list[str]:
    (d / "flat").mkdir()
    (d / "flat" / "1.txt").write_text(TEXT, encoding="utf-8")
    return _hits(d / "flat")


def csv_without_outlet(d: Path) -> list[str]:
    (d / "c.csv").write_text(f"id,text\n1,{TEXT}\n", encoding="utf-8")
    return _hits(d / "c.csv")


def output_under_a_file(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    (d / "plain").write_text("x", encoding="utf-8")
    return _hits(d / "c.jsonl", out=str(d / "plain" / "h.csv"))


def output_is_a_folder(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    (d / "out").mkdir()
    return _hits(d / "c.jsonl", out=str(d / "out"))


def score_into_a_file(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    (d / "out").write_text("x", encoding="utf-8")
    return ["score", str(d / "c.jsonl"), "-l", str(MINI), "-o", str(d / "out")]


def read_only_output(d: Path) -> list[str]:
    """The output folder refuses writes (see ``test_table.py``: the folder is made read-only)."""
    _jsonl(d / "c.jsonl", _docs())
    (d / "locked").mkdir()
    return _hits(d / "c.jsonl", out=str(d / "locked" / "h.csv"))


def _damaged_parquet(path: Path) -> None:
    rows = [{"id": f"d{i}", "outlet": "a", "text": f"{TEXT} {i}"} for i in range(600)]
    pd.DataFrame(rows).to_parquet(path, row_group_size=200)
    data = bytearray(path.read_bytes())
    middle = len(data) // 3
    data[middle:middle + 64] = bytes(b ^ 0xFF for b in data[middle:middle + 64])
    path.write_bytes(bytes(data))


def damaged_parquet(d: Path) -> list[str]:
    _damaged_parquet(d / "c.parquet")
    return _hits(d / "c.parquet", "--skip-bad-shards")


def damaged_parquet_in_folder(d: Path) -> list[str]:
    (d / "shards").mkdir()
    _damaged_parquet(d / "shards" / "a.parquet")
    _jsonl(d / "shards" / "b.jsonl", _docs())
    return _hits(d / "shards", "--skip-bad-shards")


def every_shard_damaged(d: Path) -> list[str]:
    (d / "shards").mkdir()
    _damaged_parquet(d / "shards" / "a.parquet")
    _damaged_parquet(d / "shards" / "b.parquet")
    return _hits(d / "shards", "--skip-bad-shards", "--jobs", "2")


def colon_csv(d: Path) -> list[str]:
    (d / "c.csv").write_text(f"id:outlet:text\n1:a:{TEXT}\n", encoding="utf-8")
    return _hits(d / "c.csv")


def truncated_gz(d: Path) -> list[str]:
    data = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _docs() * 50)
                         .encode("utf-8"))
    (d / "c.jsonl.gz").write_bytes(data[:len(data) // 2])
    return _hits(d / "c.jsonl.gz")


def json_array(d: Path) -> list[str]:
    (d / "c.json").write_text(json.dumps(_docs(), ensure_ascii=False, indent=1), encoding="utf-8")
    return _hits(d / "c.json")


def bad_json_line(d: Path) -> list[str]:
    (d / "c.jsonl").write_text(json.dumps(_docs()[0], ensure_ascii=False) + "\n{not json\n",
                               encoding="utf-8")
    return _hits(d / "c.jsonl")


def ragged_csv(d: Path) -> list[str]:
    (d / "c.csv").write_text(f"id,outlet,text\n1,a,{TEXT}\n2,a,{TEXT},زائد\n", encoding="utf-8")
    return _hits(d / "c.csv")


def missing_column(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    return _hits(d / "c.jsonl", "--text-col", "body")


def unknown_encoding(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    return _hits(d / "c.jsonl", "--encoding", "arabic-9")


def missing_path(d: Path) -> list[str]:
    return _hits(d / "nope.jsonl")


def lexicon_name_too_long(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    return [*_hits(d / "c.jsonl"), "--lexicon", "مقاومة" * 60]


def _report(d: Path, *extra: str) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    return ["report", str(d / "c.jsonl"), "-l", str(MINI), "--n-boot", "20", "--n-perm", "20",
            "--top", "3", *extra, "-o", str(d / "r.html")]


def stories_missing(d: Path) -> list[str]:
    return _report(d, "--stories", str(d / "stories.csv"))


def stories_of_another_corpus(d: Path) -> list[str]:
    pd.DataFrame({"doc_id": ["x1", "x2"], "outlet": ["a", "b"], "story_id": [1, 1], "story_size": [2, 2],
                  "n_outlets": [2, 2], "duplicate_of": ["", ""]}).to_csv(d / "stories.csv", index=False)
    return _report(d, "--stories", str(d / "stories.csv"))


def unknown_output_format(d: Path) -> list[str]:
    _jsonl(d / "c.jsonl", _docs())
    return _hits(d / "c.jsonl", out=str(d / "h.xlsx"))


CASES = [
    Case("empty .jsonl.gz", empty_gz, 1, "no documents to analyse: the input holds no rows"),
    Case("0-byte .jsonl.gz", zero_byte_gz, 1, "no documents to analyse: the input holds no rows"),
    Case("empty JSON Lines", empty_jsonl, 1, "no documents to analyse: the input holds no rows"),
    Case("CSV with a header only", header_only_csv, 1, "no documents to analyse: the input holds no rows"),
    Case("every text empty", empty_texts, 1,
         "every row was skipped (2 rows: 2 with empty text, 0 unreadable"),
    Case("lists, objects, numbers as text", non_text_json, 1,
         "every row was skipped (4 rows: 0 with empty text, 4 unreadable; first: "),
    Case("a number among texts", some_non_text, 0, "unreadable (the text is a number, not a string)",
         "notes"),
    Case("integer Parquet text column", integer_parquet, 1, "(the text is a number, not a string)"),
    Case("UTF-16 with a byte-order mark", utf16_csv, 0, "1 document read", "notes"),
    Case("UTF-32 with a byte-order mark", utf32_jsonl, 0, "1 document read", "notes"),
    Case("binary file", binary_csv, 1, "is not a text file: it looks like binary data"),
    Case("zip archive named .csv", zip_as_csv, 1, "a zip archive (an Excel .xlsx"),
    Case("Excel workbook", xlsx, 1, "save it as 'CSV UTF-8'"),
    Case("semicolon-delimited CSV", semicolon_csv, 0, "read with ';' as the delimiter", "notes"),
    Case("Windows Arabic (cp1256) file", cp1256_default, 1, "pass --encoding cp1256"),
    Case("--encoding auto, mixed folder", auto_mixed, 0,
         "read as cp1256 (Windows Arabic) by --encoding auto", "notes"),
    Case("--encoding cp1256 on UTF-8 files", forced_cp1256_on_utf8, 0,
         "mostly not Arabic letters; the file is valid UTF-8", "notes"),
    Case("--encoding auto, neither encoding", auto_undecidable, 1, "cannot tell the encoding"),
    Case(".txt files without sub-folders", flat_txt_folder, 0,
         "get the folder's name 'flat' as their outlet", "notes"),
    Case("CSV without an outlet column", csv_without_outlet, 0,
         "--outlet-col COLUMN (columns present: id, text)", "notes"),
    Case("-o under a regular file", output_under_a_file, 1, "plain is a file, not a folder"),
    Case("-o names a folder", output_is_a_folder, 1, "it is a folder; give a file name"),
    Case("score -o names a file", score_into_a_file, 1, "it is a file, not a folder"),
    Case("read-only output folder", read_only_output, 1, "no permission to write in"),
    Case("damaged Parquet page, one file", damaged_parquet, 1,
         "(--skip-bad-shards skips an unreadable file among several inputs; this is the only one)"),
    Case("damaged Parquet among shards", damaged_parquet_in_folder, 0,
         "skipped 1 unreadable shard (--skip-bad-shards", "notes"),
    Case("every shard damaged", every_shard_damaged, 1,
         "every input file was unreadable and skipped (--skip-bad-shards"),
    Case("CSV with an unknown delimiter", colon_csv, 1, "The header has a single column"),
    Case("truncated .gz", truncated_gz, 1, "is it a complete, undamaged .gz file?"),
    Case("JSON array, not JSON Lines", json_array, 1, "holds a JSON array, not JSON Lines"),
    Case("malformed JSON line", bad_json_line, 0, "unreadable (not valid JSON)", "notes"),
    Case("row with too many fields", ragged_csv, 0, "(4 fields, the header has 3)", "notes"),
    Case("named column missing", missing_column, 1, "no column 'body' (--text-col); columns present"),
    Case("unknown encoding", unknown_encoding, 1, "unknown encoding 'arabic-9'"),
    Case("missing input", missing_path, 1, "nope.jsonl: no such file or folder"),
    Case("unknown output format", unknown_output_format, 1, "cannot tell the output format"),
    Case("--lexicon too long for a file name", lexicon_name_too_long, 1, "no bundled lexicon or file named"),
    Case("report --stories file missing", stories_missing, 1, "stories.csv' not found; write it with"),
    Case("report --stories of another corpus", stories_of_another_corpus, 1,
         "the stories table lists none of the 3 documents of this corpus"),
]
