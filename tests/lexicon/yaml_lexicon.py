"""A one-label YAML lexicon to append terms to, for the lexicon tests."""

from __future__ import annotations

from pathlib import Path

HEAD = """name: t
concepts:
  c:
    axis: {negative: a, positive: b}
    labels:
      l:
        pole: 0
        terms:
"""


def write(tmp_path: Path, body: str, name: str = "lex.yaml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path
