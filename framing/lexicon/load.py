"""Loading a lexicon by name or from a file, and throw-away lexicons made from a few terms."""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..errors import LexiconError
from ..io.corpus import exists
from .checks import surface_problem, term_key
from .model import Concept, Label, Lexicon, Term
from .tabular import read_csv_lexicon, read_dic_lexicon
from .yaml_reader import read_yaml_lexicon

__all__ = ["DEFAULT_LEXICON", "bundled_lexicons", "lexicon_from_terms", "load_lexicon"]

DEFAULT_LEXICON = "arabic-conflict"


def bundled_lexicons() -> dict[str, str]:
    """Map each bundled lexicon's name to its file name inside the package."""
    out = {}
    for entry in resources.files("framing.lexicon.data").iterdir():
        if entry.name.endswith((".yaml", ".yml")):
            out[entry.name.rsplit(".", 1)[0].replace("_", "-")] = entry.name
    return dict(sorted(out.items()))


def _shown(name: str, width: int = 80) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def load_lexicon(name_or_path: str | Path | Lexicon = DEFAULT_LEXICON) -> Lexicon:
    """Load a bundled lexicon by name, or a lexicon file.

    Parameters
    ----------
    name_or_path : str, Path or Lexicon
        The name of a bundled lexicon (see ``framing lexicon list``), or a path
        to a ``.yaml``/``.yml``, ``.csv``/``.tsv`` or LIWC ``.dic`` file. A
        :class:`Lexicon` is returned unchanged.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconError
        If the file is malformed; the message names the file, the line and the
        entry, and says what to fix.

    Examples
    --------
    >>> lex = load_lexicon("arabic-conflict")
    >>> len(lex.concepts) >= 12
    True
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path
    bundled = bundled_lexicons()
    key = str(name_or_path)
    if key in bundled:
        text = resources.files("framing.lexicon.data").joinpath(bundled[key]).read_text("utf-8")
        return read_yaml_lexicon(text, source=f"<bundled {key}>")
    path = Path(name_or_path)
    if not exists(path):
        raise LexiconError(
            f"no bundled lexicon or file named {_shown(key)!r}. Bundled lexicons: "
            f"{', '.join(bundled) or 'none'}; or give a path to a .yaml, .csv or .dic file."
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(
            f"cannot decode as UTF-8 ({exc.reason} at byte {exc.start}); save the lexicon as UTF-8.",
            source=str(path),
        ) from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml_lexicon(text, source=str(path))
    if suffix in (".csv", ".tsv"):
        return read_csv_lexicon(text, source=str(path), delimiter="\t" if suffix == ".tsv" else ",")
    if suffix == ".dic":
        return read_dic_lexicon(text, source=str(path))
    raise LexiconError(
        f"unknown lexicon format {suffix!r}; use .yaml, .csv, .tsv or .dic.", source=str(path)
    )


def lexicon_from_terms(terms: Iterable[str], *, name: str = "query") -> Lexicon:
    """A throw-away lexicon with one label per term (pole 0), e.g. for KWIC.

    Each term keeps its own label (the term text), so multi-word and
    overlapping queries are matched longest-first like any lexicon. Terms that
    normalise to the same thing are merged into the first one.

    Raises
    ------
    LexiconError
        No term is given, or one cannot match (a bare ``*``, punctuation only;
        see :func:`framing.lexicon.checks.surface_problem`).

    Examples
    --------
    >>> lex = lexicon_from_terms(["الاحتلال", "قوات الاحتلال"])
    >>> [lab.id for lab in lex.labels]
    ['الاحتلال', 'قوات الاحتلال']
    """
    labels: list[Label] = []
    seen: set[tuple[tuple[str, bool], ...]] = set()
    for text in terms:
        text = " ".join(str(text).split())
        if not text:
            continue
        problem = surface_problem(text)
        if problem:
            raise LexiconError(f"term {text!r} {problem}.")
        key = term_key(text)
        if key in seen:
            continue
        seen.add(key)
        labels.append(Label(text, name, 0, terms=(Term(text, name, text),)))
    if not labels:
        raise LexiconError("no terms given; pass at least one word or phrase.")
    return Lexicon(name=name, concepts=(Concept(name, "ad-hoc query", "negative", "positive",
                                                tuple(labels)),))
