"""Reading a YAML lexicon, keeping the line of every entry for error messages.

The native, documented format (``docs/lexicons.md``). PyYAML composes the
document into nodes that carry their position; the nodes are walked into a
tree of :class:`_Node` (a value and its line), which the readers below turn
into the model, checking every key on the way.

YAML aliases (``*name``, which repeat an ``&name`` anchor) are refused: a
lexicon has no use for them, and a few nested aliases expand to billions of
entries ("billion laughs") or refer to themselves.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import LexiconError
from .checks import check_lexicon
from .model import CLITIC_POLICIES, POLES, ChangelogEntry, Concept, Label, Lexicon, Term
from .rules import CONDITIONS, Rule, check_phrases, check_window, make_rule

__all__ = ["read_yaml_lexicon"]

_TOP_KEYS = {"name", "version", "language", "description", "citation", "license", "concepts",
             "changelog"}
_CONCEPT_KEYS = {"description", "axis", "labels", "notes"}
_AXIS_KEYS = {"negative", "positive"}
_LABEL_KEYS = {"pole", "frame", "definition", "example", "terms", "notes"}
_TERM_KEYS = {"term", "forms", "clitics", "note", "window", *CONDITIONS}
_CHANGE_KEYS = {"version", "date", "changes"}


class _Node:
    """A YAML value with the line it starts on."""

    __slots__ = ("line", "value")

    def __init__(self, value: Any, line: int):
        self.value = value
        self.line = line


# libyaml's loader when PyYAML was built with it: same nodes and marks, ~8x faster.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose(text: str, source: str) -> _Node:
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise LexiconError("the file is empty; see docs/lexicons.md for the format.",
                               source=source)
        return _walk(node, loader, source, set())
    except _AliasFound:
        raise LexiconError(
            "YAML aliases (*name) are not supported in a lexicon; write the entry out in full.",
            source=source, line=_first_alias_line(text)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise LexiconError(
            f"malformed YAML: {problem}; check indentation and quote values that "
            "contain ':' or start with special characters.",
            source=source,
            line=mark.line + 1 if mark else None,
        ) from None
    finally:
        loader.dispose()


class _AliasFound(Exception):
    """A node was reached twice: the document uses an alias."""


def _first_alias_line(text: str) -> int | None:
    """The line of the first ``*alias`` in ``text`` (the composer no longer knows it)."""
    for token in yaml.scan(text, Loader=_LOADER):
        if isinstance(token, yaml.AliasToken):
            return token.start_mark.line + 1
    return None  # pragma: no cover - only called once an alias was found


def _walk(node: yaml.Node, loader: Any, source: str, seen: set[int]) -> _Node:
    line = node.start_mark.line + 1
    if id(node) in seen:  # the composer returns the anchored node itself for an alias
        raise _AliasFound
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        out: dict[str, _Node] = {}
        for key_node, value_node in node.value:
            if id(key_node) in seen:
                raise _AliasFound
            if not isinstance(key_node, yaml.ScalarNode):
                raise LexiconError("a key must be plain text (no list or mapping).",
                                   source=source, line=key_node.start_mark.line + 1)
            seen.add(id(key_node))
            key = str(loader.construct_object(key_node, deep=True))
            if key in out:
                raise LexiconError(
                    f"duplicate key {key!r} (first on line {out[key].line}); merge the two entries.",
                    source=source,
                    line=key_node.start_mark.line + 1,
                )
            out[key] = _walk(value_node, loader, source, seen)
            out[key].line = key_node.start_mark.line + 1
        return _Node(out, line)
    if isinstance(node, yaml.SequenceNode):
        return _Node([_walk(n, loader, source, seen) for n in node.value], line)
    return _Node(loader.construct_object(node, deep=True), line)


def _plain(node: _Node | Any) -> Any:
    """The Python value under a node, for messages (never a node's repr)."""
    value = node.value if isinstance(node, _Node) else node
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _mapping(node: _Node, what: str, allowed: set[str], source: str) -> dict[str, _Node]:
    if not isinstance(node.value, dict):
        raise LexiconError(
            f"{what} must be a mapping of keys to values; got {type(node.value).__name__}.",
            source=source,
            line=node.line,
        )
    for key, value in node.value.items():
        if key not in allowed:
            raise LexiconError(
                f"{what}: unknown key {key!r}; allowed keys are {', '.join(sorted(allowed))}.",
                source=source,
                line=value.line,
            )
    return node.value


def _text(node: _Node | None, what: str, source: str, *, required: bool = False) -> str:
    if node is None or node.value is None:
        if required:
            raise LexiconError(f"{what} is missing; add it.", source=source)
        return ""
    if isinstance(node.value, (dict, list)):
        raise LexiconError(f"{what} must be text.", source=source, line=node.line)
    return str(node.value).strip()


def read_yaml_lexicon(text: str, *, source: str) -> Lexicon:
    """The lexicon in the YAML ``text``; ``source`` names it in error messages.

    Raises
    ------
    LexiconError
        Malformed YAML, an unknown key, a missing or invalid value; the
        message names the file, the line and the entry.
    """
    root = _mapping(_compose(text, source), "the lexicon", _TOP_KEYS, source)
    name = _text(root.get("name"), "the lexicon's 'name'", source, required=True)
    if "concepts" not in root:
        raise LexiconError("the lexicon has no 'concepts'; add at least one concept.", source=source)
    concepts_node = root["concepts"]
    if not isinstance(concepts_node.value, dict) or not concepts_node.value:
        raise LexiconError(
            "'concepts' must be a non-empty mapping of concept ids to concepts.",
            source=source,
            line=concepts_node.line,
        )
    concepts = []
    for cid, cnode in concepts_node.value.items():
        concepts.append(_concept(cid, cnode, source))
    lexicon = Lexicon(
        name=name,
        concepts=tuple(concepts),
        version=_text(root.get("version"), "version", source),
        language=_text(root.get("language"), "language", source) or "ar",
        description=_text(root.get("description"), "description", source),
        citation=_text(root.get("citation"), "citation", source),
        license=_text(root.get("license"), "license", source),
        source=source,
        changelog=_changelog(root.get("changelog"), source),
    )
    check_lexicon(lexicon)
    return lexicon


def _changelog(node: _Node | None, source: str) -> tuple[ChangelogEntry, ...]:
    if node is None or node.value is None:
        return ()
    if not isinstance(node.value, list):
        raise LexiconError("'changelog' must be a list of entries with version, date and changes.",
                           source=source, line=node.line)
    out = []
    for entry in node.value:
        e = _mapping(entry, "a changelog entry", _CHANGE_KEYS, source)
        out.append(ChangelogEntry(_text(e.get("version"), "a changelog entry's version", source),
                                  _text(e.get("date"), "a changelog entry's date", source),
                                  _text(e.get("changes"), "a changelog entry's changes", source)))
    return tuple(out)


def _concept(cid: str, cnode: _Node, source: str) -> Concept:
    what = f"concept {cid!r}"
    c = _mapping(cnode, what, _CONCEPT_KEYS, source)
    if "axis" not in c:
        raise LexiconError(
            f"{what} has no 'axis'; add 'axis: {{negative: ..., positive: ...}}' naming its two ends.",
            source=source,
            line=cnode.line,
        )
    axis = _mapping(c["axis"], f"{what} axis", _AXIS_KEYS, source)
    negative = _text(axis.get("negative"), f"{what} axis 'negative'", source, required=True)
    positive = _text(axis.get("positive"), f"{what} axis 'positive'", source, required=True)
    labels_node = c.get("labels")
    if labels_node is None or not isinstance(labels_node.value, dict) or not labels_node.value:
        raise LexiconError(
            f"{what} has no labels; add at least one label with its terms.",
            source=source,
            line=(labels_node or cnode).line,
        )
    labels = tuple(
        _label(cid, lid, lnode, f"{negative} ↔ {positive}", source)
        for lid, lnode in labels_node.value.items()
    )
    return Concept(
        id=cid,
        description=_text(c.get("description"), f"{what} description", source),
        negative=negative,
        positive=positive,
        labels=labels,
        line=cnode.line,
        notes=_text(c.get("notes"), f"{what} notes", source),
    )


def _label(cid: str, lid: str, lnode: _Node, axis: str, source: str) -> Label:
    what = f"label {cid}/{lid}"
    lab = _mapping(lnode, what, _LABEL_KEYS, source)
    pole_node = lab.get("pole")
    if pole_node is None:
        raise LexiconError(
            f"{what} has no 'pole'; add pole: -1, 0 or 1 on the axis {axis}.",
            source=source,
            line=lnode.line,
        )
    pole = pole_node.value
    if isinstance(pole, bool) or not isinstance(pole, (int, float)) or pole not in POLES:
        raise LexiconError(
            f"{what}: pole must be -1, 0 or 1 on the axis {axis}; got {_plain(pole)!r}.",
            source=source,
            line=pole_node.line,
        )
    terms_node = lab.get("terms")
    if terms_node is None or not isinstance(terms_node.value, list) or not terms_node.value:
        raise LexiconError(
            f"{what} has no terms; add a 'terms:' list or remove the label.",
            source=source,
            line=(terms_node or lnode).line,
        )
    terms = tuple(_term(cid, lid, t, what, source) for t in terms_node.value)
    return Label(
        id=lid,
        concept=cid,
        pole=int(pole),
        frame=_text(lab.get("frame"), f"{what} frame", source),
        definition=_text(lab.get("definition"), f"{what} definition", source),
        example=_text(lab.get("example"), f"{what} example", source),
        terms=terms,
        line=lnode.line,
        notes=_text(lab.get("notes"), f"{what} notes", source),
    )


def _term(cid: str, lid: str, tnode: _Node, what: str, source: str) -> Term:
    if isinstance(tnode.value, dict):
        t = _mapping(tnode, f"a term of {what}", _TERM_KEYS, source)
        text = _text(t.get("term"), f"a term of {what}: 'term'", source)
        if not text:
            raise LexiconError(
                f"a term of {what} has no 'term'; add the term text.", source=source, line=tnode.line
            )
        forms_node = t.get("forms")
        forms: list[str] = []
        if forms_node is not None and forms_node.value is not None:
            if not isinstance(forms_node.value, list):
                raise LexiconError(
                    f"term {text!r} of {what}: 'forms' must be a list, e.g. [قواعد].",
                    source=source,
                    line=forms_node.line,
                )
            forms = [_text(f, f"a form of {text!r}", source) for f in forms_node.value]
        clitics = _text(t.get("clitics"), "clitics", source) or "all"
        if clitics not in CLITIC_POLICIES:
            raise LexiconError(
                f"term {text!r} of {what}: clitics must be one of all, strict, none; got {clitics!r}.",
                source=source,
                line=t["clitics"].line,
            )
        return Term(text, cid, lid, tuple(f for f in forms if f), clitics,  # type: ignore[arg-type]
                    tnode.line, _rule(t, f"term {text!r} of {what}", source),
                    _text(t.get("note"), f"term {text!r} note", source))
    text = _text(tnode, f"a term of {what}", source)
    if not text:
        raise LexiconError(f"{what} has an empty term; remove it.", source=source, line=tnode.line)
    return Term(text, cid, lid, (), "all", tnode.line)


def _rule(t: dict[str, _Node], what: str, source: str) -> Rule | None:
    """The term's context rule from its condition keys (a word, or a list of words, each)."""
    values: dict[str, object] = {}
    for key in (*CONDITIONS, "window"):
        node = t.get(key)
        if node is None:
            continue
        try:
            if key == "window":
                values[key] = check_window(node.value)
            else:
                items = node.value if isinstance(node.value, list) else [node]
                values[key] = check_phrases(key, [_plain(i) for i in items])
        except ValueError as exc:
            raise LexiconError(f"{what}: {exc}", source=source, line=node.line) from None
    if not values:
        return None
    try:
        return make_rule(values)
    except ValueError as exc:
        raise LexiconError(f"{what}: {exc}", source=source,
                           line=min(t[k].line for k in values)) from None
