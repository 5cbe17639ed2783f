"""Context rules: conditions a term's context must meet for an occurrence to count.

Some loaded names are ambiguous when bare: «التحالف» is the US-led coalition,
or any alliance; «النظام» the regime, or any system. A rule lets a lexicon
list such a term and count it only where its context says which it is
(WordStat's proximity rules do the same). Five conditions, all of which must
hold:

``near``
    at least one of the words or phrases occurs within ``window`` words of the
    term (default: in the same sentence);
``not_near``
    none of them occurs within ``window`` words (default: the same sentence);
``document_has``
    at least one of them occurs anywhere in the document;
``not_followed_by``
    the next word(s) of the sentence are none of them;
``not_preceded_by``
    the previous word(s) of the sentence are none of them.

Words in conditions are matched like lexicon terms: normalised, with clitics
(``الوطني`` also finds «والوطني»), a trailing ``*`` as a prefix wildcard,
a word written with ال requiring the article.

The compact syntax (the ``rule`` column of a CSV lexicon, and how rules are
printed) writes the conditions as ``key: word | word`` clauses separated by
``;``, with ``window: N`` as a clause of its own::

    not_followed_by: الوطني | العربي; near: قوات | طائرات; window: 8
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["CONDITIONS", "MAX_WINDOW", "Rule", "parse_rule"]

#: The conditions a rule can hold, in the order they are written and checked.
CONDITIONS = ("near", "not_near", "document_has", "not_followed_by", "not_preceded_by")
#: The largest ``window`` (words on each side).
MAX_WINDOW = 200

_CLAUSE = re.compile(r"^\s*([A-Za-z_]+)\s*:(.*)$", re.DOTALL)


@dataclass(frozen=True)
class Rule:
    """The conditions of a term's context (see the module docstring).

    Each condition is a tuple of words or phrases (empty: no condition);
    ``window`` is the number of words on each side that ``near`` and
    ``not_near`` look at, ``None`` for the term's sentence.

    Examples
    --------
    >>> rule = Rule(not_followed_by=("الوطني", "العربي"), near=("قوات",), window=8)
    >>> str(rule)
    'near: قوات; not_followed_by: الوطني | العربي; window: 8'
    >>> parse_rule(str(rule)) == rule
    True
    """

    near: tuple[str, ...] = ()
    not_near: tuple[str, ...] = ()
    document_has: tuple[str, ...] = ()
    not_followed_by: tuple[str, ...] = ()
    not_preceded_by: tuple[str, ...] = ()
    window: int | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, key) for key in CONDITIONS)

    def __str__(self) -> str:
        clauses = [f"{key}: {' | '.join(getattr(self, key))}" for key in CONDITIONS
                   if getattr(self, key)]
        if self.window is not None:
            clauses.append(f"window: {self.window}")
        return "; ".join(clauses)

    def conditions(self) -> list[tuple[str, tuple[str, ...]]]:
        """The conditions that are set, as ``(key, phrases)``, in :data:`CONDITIONS` order."""
        return [(key, getattr(self, key)) for key in CONDITIONS if getattr(self, key)]

    def phrases(self) -> list[str]:
        """Every word or phrase the rule mentions, once each, in order."""
        return list(dict.fromkeys(p for _, phrases in self.conditions() for p in phrases))

    def as_dict(self) -> dict[str, object]:
        """The rule as YAML keys: each set condition as a list, and ``window`` when set."""
        out: dict[str, object] = {key: list(phrases) for key, phrases in self.conditions()}
        if self.window is not None:
            out["window"] = self.window
        return out


def parse_rule(text: str) -> Rule:
    """Read a rule written in the compact syntax (see the module docstring).

    Raises
    ------
    ValueError
        An unknown key, a clause without ``:``, an empty word list, a
        repeated key or a window that is not a whole number from 1 to
        :data:`MAX_WINDOW`; the message says which and what to write.

    Examples
    --------
    >>> rule = parse_rule("near: تنظيم | داعش; window: 5")
    >>> rule.near, rule.window
    (('تنظيم', 'داعش'), 5)
    """
    values: dict[str, object] = {}
    for clause in text.split(";"):
        if not clause.strip():
            continue
        m = _CLAUSE.match(clause)
        if m is None:
            raise ValueError(f"rule clause {clause.strip()!r} has no 'key:'; write e.g. "
                             "'not_followed_by: الوطني | العربي'.")
        key, body = m.group(1), m.group(2).strip()
        if key in values:
            raise ValueError(f"rule key {key!r} appears twice; list all its words in one clause, "
                             "separated by '|'.")
        if key == "window":
            values[key] = check_window(body)
        elif key in CONDITIONS:
            values[key] = check_phrases(key, body.split("|"))
        else:
            raise ValueError(f"unknown rule key {key!r}; use {', '.join(CONDITIONS)} or window.")
    return make_rule(values)


def check_phrases(key: str, phrases: Sequence[object]) -> tuple[str, ...]:
    """The words or phrases of condition ``key``, whitespace collapsed; an error if there are none."""
    out = []
    for phrase in phrases:
        if not isinstance(phrase, (str, int)) or isinstance(phrase, bool):
            raise ValueError(f"{key}: each entry must be a word or phrase; got a "
                             f"{type(phrase).__name__}.")
        text = " ".join(str(phrase).split())
        if text:
            out.append(text)
    if not out:
        raise ValueError(f"{key} lists no words; give at least one word or phrase, or remove it.")
    return tuple(dict.fromkeys(out))


def check_window(value: object) -> int:
    """``value`` as a window of words: a whole number from 1 to :data:`MAX_WINDOW`."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit() or not 1 <= int(text) <= MAX_WINDOW:
        raise ValueError(f"window must be a whole number of words from 1 to {MAX_WINDOW}; "
                         f"got {text!r}.")
    return int(text)


def make_rule(values: dict[str, object]) -> Rule:
    """A :class:`Rule` from checked values; an error if ``window`` comes without near/not_near."""
    rule = Rule(**values)  # type: ignore[arg-type]
    if rule.window is not None and not (rule.near or rule.not_near):
        raise ValueError("window applies to near and not_near; add one of them or remove window.")
    if not rule:
        raise ValueError("the rule has no condition; use "
                         f"{', '.join(CONDITIONS)}.")
    return rule

