"""The scikit-learn step that removes boilerplate lines inside a saved model.

:class:`BoilerplateRemover` is reached as ``framing.text.boilerplate.BoilerplateRemover``
(the name saved models record); it lives here so that the text layer imports
scikit-learn only when a model needs it.
"""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin

from .line_strip import strip_lines

__all__ = ["BoilerplateRemover"]


class BoilerplateRemover(TransformerMixin, BaseEstimator):
    """Remove fixed lines from texts: the first step of a model trained with ``--strip-boilerplate``.

    Parameters
    ----------
    lines : tuple of str
        The lines to remove (compared after stripping white space), e.g.
        ``report.all_lines`` of :func:`strip_boilerplate`.

    Examples
    --------
    >>> BoilerplateRemover(("اقرأ أيضا",)).transform(["خبر\\n اقرأ أيضا "])
    ['خبر']
    """

    def __init__(self, lines: tuple[str, ...] = ()) -> None:
        self.lines = lines

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags

    def fit(self, X: Any, y: Any = None) -> BoilerplateRemover:
        """Nothing to learn; returns ``self``."""
        return self

    def strip(self, text: str) -> tuple[str, int]:
        """``text`` without the lines, and how many lines were removed."""
        drop = self.__dict__.get("_drop")
        if drop is None:
            drop = self._drop = frozenset(self.lines)
        return strip_lines(text, drop)

    def transform(self, X: Any) -> list[str]:
        """The texts without the lines."""
        return [self.strip(text)[0] for text in X]

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())
        state.pop("_drop", None)
        return state


BoilerplateRemover.__module__ = "framing.text.boilerplate"  # where saved models find it
