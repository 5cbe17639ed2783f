"""Cross-validated classifiers on lexicon and n-gram features: ``framing train``.

A classifier learns from labelled documents (by outlet, by stance, or a
paragraph-level "contains loaded language" column) which words carry the
signal; its weights rank terms by how *loaded* they are for each class, a
data-driven complement to the hand-built lexicon.

:func:`train` only computes: it reads the labelled documents
(:mod:`framing.learn.targets`), optionally strips outlets' boilerplate,
cross-validates every feature set on the same folds (:mod:`framing.learn.cv`),
refits the chosen one (:mod:`framing.learn.pipelines`) on all documents and
ranks its features per class (:mod:`framing.learn.loaded_terms`). The
:class:`TrainResult` it returns writes the files with :meth:`TrainResult.save`.

Reported: macro-F1 per fold (mean and standard deviation), accuracy, and
per-class precision/recall/F1 and the confusion matrix of the pooled
out-of-fold predictions; the ablation table scores every feature set. For
two classes the loadedness of the first class is the negative weights, sign
flipped (see :func:`~framing.learn.loaded_terms.loadedness`).
"""

from __future__ import annotations

import json
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..engines import Engine
from ..errors import FramingError, check_option
from ..io import Corpus, as_corpus
from ..io.write import Outputs, check_output, output_error, write_table
from ..lexicon import Lexicon, load_lexicon
from ..text.boilerplate import BoilerplateReport
from ..text.boilerplate import strip_boilerplate as find_and_strip
from ..voice import VOICE_FILTERS
from .control import check_control, stories_table, story_groups, style_kinds
from .cv import check_classes, cross_validate
from .loaded_terms import loadedness
from .model_io import save_model
from .pipelines import DEFAULT_C, DEFAULT_LEXICON_WEIGHT, FEATURE_SETS, FeatureSet, make_model
from .targets import labelled_documents
from .vectorizer import VoiceFilter

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["TRAIN_FILES", "TrainResult", "train"]

#: The files :meth:`TrainResult.save` writes, in this order.
TRAIN_FILES = ("metrics.json", "confusion.csv", "ablation.csv", "loadedness.csv", "model.skops")


@dataclass
class TrainResult:
    """What :func:`train` computed; :meth:`save` writes it.

    Attributes
    ----------
    model : Pipeline
        The chosen feature set's pipeline, fitted on every document (with a
        ``boilerplate`` first step when boilerplate was stripped).
    metrics : dict
        Everything ``metrics.json`` holds: the settings, the documents and
        classes, macro-F1 (mean, std, per fold), accuracy, per-class
        precision/recall/F1, the ablation, the boilerplate report.
    confusion : DataFrame
        Confusion matrix of the pooled out-of-fold predictions (index: true
        class, named ``true \\ predicted``; columns: predicted class).
    ablation : DataFrame
        :meth:`CVResult.ablation <framing.learn.cv.CVResult.ablation>`.
    loadedness : DataFrame
        :func:`~framing.learn.loaded_terms.loadedness` of ``model``.
    boilerplate : BoilerplateReport or None
        What ``strip_boilerplate=True`` removed.
    """

    model: Pipeline
    metrics: dict[str, Any]
    confusion: pd.DataFrame
    ablation: pd.DataFrame
    loadedness: pd.DataFrame
    boilerplate: BoilerplateReport | None = None

    def metrics_json(self) -> str:
        """``metrics`` as the text of ``metrics.json`` (UTF-8 JSON, indented, Arabic unescaped)."""
        return json.dumps(self.metrics, ensure_ascii=False, indent=2) + "\n"

    def save(self, folder: str | Path) -> list[Path]:
        """Write :data:`TRAIN_FILES` into ``folder``, all or none.

        Every file is written under a temporary name first and renamed only
        when all are complete, so an interrupted or failed save never leaves
        a set of files that looks complete (or a new model beside old metrics).

        Returns
        -------
        list of Path
            The files written, in the order of :data:`TRAIN_FILES`.

        Raises
        ------
        FramingError
            If the folder cannot be created or written.
        """
        folder = Path(folder)
        check_output(folder, folder=True)
        try:
            with Outputs() as out:
                with out.open(folder / "metrics.json") as fh:
                    fh.write(self.metrics_json())
                tables = {"confusion.csv": self.confusion.reset_index(), "ablation.csv": self.ablation,
                          "loadedness.csv": self.loadedness}
                for name, table in tables.items():
                    write_table(table, out.part(folder / name))
                save_model(self.model, out.part(folder / "model.skops"))
        except OSError as exc:
            raise output_error(folder, exc, folder=folder) from None
        return [folder / name for name in TRAIN_FILES]


def _per_class(y: np.ndarray, pred: np.ndarray, classes: list[str]) -> dict[str, dict[str, float]]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(y, pred, labels=classes, zero_division=0)
    return {c: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
            for i, c in enumerate(classes)}


def train(
    corpus: Any,
    *,
    target: str,
    features: FeatureSet = "both",
    cv: int = 5,
    group_col: str | None = None,
    strip_boilerplate: bool = False,
    lexicon: str | Lexicon = "arabic-conflict",
    C: float = DEFAULT_C,
    lexicon_weight: float = DEFAULT_LEXICON_WEIGHT,
    top: int = 30,
    random_state: int = 0,
    show_progress: bool | None = None,
    jobs: int = 1,
    engine: Engine | None = None,
    voice: VoiceFilter = "own",
    control: str | Sequence[str] = "none",
    stories: Any = None,
) -> TrainResult:
    """Cross-validate, refit on everything, rank loaded features: ``framing train``.

    Nothing is written: save the result with :meth:`TrainResult.save`.

    Parameters
    ----------
    corpus : Corpus, DataFrame, path(s)
        See :func:`framing.read_corpus`.
    target : str
        The column to predict: ``outlet`` or any input column (e.g. a
        paragraph-level ``loaded`` yes/no column). Documents with an empty
        value are left out and counted in ``metrics["skipped_empty_target"]``.
    features : {"lexicon", "ngrams", "both"}
        The feature set of the saved model and of the main figures; the
        ablation always scores all of them.
    cv : int
        Folds.
    group_col : str, optional
        Keep documents sharing this column's value (e.g. a story id) on the
        same side of every split.
    strip_boilerplate : bool
        Remove lines that recur across an outlet's documents first
        (:mod:`framing.text.boilerplate`).
    lexicon, C, lexicon_weight, top, random_state
        The lexicon, the classifier's ``C``, the weight of the lexicon block
        in ``both``, loadedness rows per class, and the seed of the fold split
        (and of the solver).
    jobs, engine
        Where the lexicon features are extracted (see
        :func:`~framing.learn.cv.cross_validate`).
    voice : {"own", "quoted", "reported", "all"}
        Whose words the lexicon features count (default ``own``: terms the
        outlet only quotes are not its choice); n-gram features see all text.
    control : {"none", "style", "stories"} or a sequence of the last two
        ``"style"``: loadedness without house style (``term_kind`` column;
        the rows that are not ``content`` set aside). ``"stories"``: folds
        that keep every story and its near-copies together, and features
        ranked by their log-odds within stories (``z_stories``). See
        :mod:`framing.learn.control`.
    stories : DataFrame or path, optional
        With ``"stories"``: the table of :func:`framing.analysis.find_stories`
        for this corpus (default: found here).

    Returns
    -------
    TrainResult

    Raises
    ------
    FramingError
        For an unknown option, a missing target or group column, or classes
        and groups too few for ``cv`` folds.
    """
    import pandas as pd
    from sklearn.metrics import confusion_matrix

    check_option("features", features, FEATURE_SETS)
    check_option("voice", voice, VOICE_FILTERS)
    controls = check_control(control)
    if "stories" in controls and group_col is not None:
        raise FramingError("give either a group column (--group-col) or --control stories, not both.")
    lexicon = load_lexicon(lexicon)
    corpus = as_corpus(corpus)
    data = labelled_documents(corpus, target=target, group_col=group_col)
    unlisted = 0
    if "stories" in controls:
        data.groups, unlisted = story_groups([d.doc_id for d in data.documents],
                                             stories_table(corpus, stories, engine))
    kinds = style_kinds(corpus, target) if "style" in controls else None
    report = corpus.report if isinstance(corpus, Corpus) else None
    documents = data.documents
    boilerplate = None
    if strip_boilerplate:
        documents, boilerplate = find_and_strip(documents)
    texts = [d.text for d in documents]
    y = data.y
    check_classes(y, data.groups, cv)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*least populated class.*")
        result = cross_validate(texts, y, groups=data.groups, cv=cv, lexicon=lexicon, C=C,
                                lexicon_weight=lexicon_weight, random_state=random_state,
                                show_progress=show_progress, jobs=jobs, engine=engine, voice=voice)
    classes = result.classes
    pred = result.predictions[features]
    confusion = pd.DataFrame(confusion_matrix(y, pred, labels=classes), index=classes, columns=classes)
    confusion.index.name = "true \\ predicted"
    ablation = result.ablation()
    drop_lines = boilerplate.all_lines if boilerplate is not None else ()
    model = make_model(features, lexicon=lexicon, C=C, lexicon_weight=lexicon_weight,
                       random_state=random_state, drop_lines=drop_lines, voice=voice).fit(texts, y)
    table = loadedness(model, texts, y, top=top, lexicon=lexicon, term_kinds=kinds,
                       story=data.groups if "stories" in controls else None)
    f1 = result.fold_macro_f1[features]
    metrics: dict[str, Any] = {
        "target": target,
        "features": features,
        "voice": voice,
        "cv": cv,
        "split": "StratifiedGroupKFold" if data.groups is not None else "StratifiedKFold",
        "group_col": group_col,
        "seed": random_state,
        "C": C,
        "lexicon_weight": lexicon_weight if features == "both" else None,
        "lexicon": lexicon.name,
        "n_documents": len(texts),
        "skipped_empty_target": data.skipped_target,
        "empty_groups": data.empty_groups,
        "reading": report.summary() if report is not None else None,
        "classes": dict(sorted(Counter(y.tolist()).items())),
        "macro_f1_mean": float(np.mean(f1)),
        "macro_f1_std": float(np.std(f1)),
        "macro_f1_folds": f1,
        "accuracy_mean": float(np.mean(result.fold_accuracy[features])),
        "per_class": _per_class(y, pred, classes),
        "ablation": {row.features: {"macro_f1_mean": row.macro_f1_mean, "macro_f1_std": row.macro_f1_std}
                     for row in ablation.itertuples()},
        "boilerplate": boilerplate.to_dict() if boilerplate is not None else None,
    }
    if controls:  # only then: the files of a run without control stay as they were
        metrics["control"] = sorted(controls)
        metrics["set_aside"] = dict(table.attrs.get("set_aside", {}))
        metrics["not_in_stories"] = unlisted
    return TrainResult(model, metrics, confusion, ablation, table, boilerplate)
